"""API keys of information systems: hashed at rest, revocable, stamped when used."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from sqlalchemy import select

from ipreg.core.auth import Grant, store
from ipreg.core.auth.authenticate import authenticate, note_api_key_use
from ipreg.core.auth.keys import generate_api_key, key_matches, key_prefix
from ipreg.core.errors import NotFound, Unauthenticated
from ipreg.core.model.auth import ApiKey
from ipreg.core.runtime import Runtime


async def make_key(runtime: Runtime, name: str, *grants: Grant,
                   party_id: int | None = None) -> tuple[str, str]:
    async with runtime.sessionmaker() as session:
        row, key = await store.create_api_key(session, name, party_id, list(grants))
        await session.commit()
        return row.prefix, key


async def stored_row(runtime: Runtime, prefix: str) -> ApiKey:
    async with runtime.sessionmaker() as session:
        row = await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
        assert row is not None
        return row


def test_keys_are_random_with_a_public_prefix() -> None:
    first, second = generate_api_key(), generate_api_key()
    assert first.key != second.key and first.prefix != second.prefix
    assert first.key.startswith(f"ipreg_{first.prefix}_")
    assert len(first.key) > 50
    assert key_prefix(first.key) == first.prefix
    assert first.key_hash == hashlib.sha256(first.key.encode()).hexdigest()
    assert key_matches(first.key, first.key_hash)
    assert not key_matches(second.key, first.key_hash)
    for junk in ("", "ipreg", "ipreg__secret-secret-secret", "other_0123456789ab_" + "x" * 40,
                 "ipreg_0123456789aB_" + "x" * 40, "ipreg_0123456789ab_short"):
        assert key_prefix(junk) is None, junk


async def test_the_database_never_holds_the_key(runtime: Runtime, add_party: Any) -> None:
    customs = await add_party("ДМС України")
    prefix, key = await make_key(runtime, "ASMO customs", Grant("official", "ukraine"),
                                 party_id=customs)
    row = await stored_row(runtime, prefix)
    secret = key.split("_", 2)[2]
    columns = [getattr(row, c.key) for c in ApiKey.__table__.columns]
    assert not any(isinstance(v, str) and (key in v or secret in v) for v in columns)
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert row.party_id == customs and row.revoked_at is None and row.last_used_at is None


@pytest.mark.parametrize("how", ["x-api-key", "authorization"])
async def test_a_key_authenticates_its_information_system(runtime: Runtime, add_party: Any,
                                                          how: str) -> None:
    customs = await add_party("КГД МФ РК")
    prefix, key = await make_key(
        runtime, "ASTANA-1", Grant("authorized_body", "eaeu", customs), party_id=customs
    )
    if how == "x-api-key":
        principal = await authenticate(runtime, None, key)
    else:
        principal = await authenticate(runtime, f"ApiKey {key}", None)
    assert principal.kind == "api_key" and principal.is_api_key
    assert principal.subject == f"api_key:{prefix}"
    assert principal.party_id == customs
    assert principal.api_key_id is not None
    assert principal.grants == {Grant("authorized_body", "eaeu", customs)}
    assert principal.is_official_of("eaeu") and not principal.is_official_of("ukraine")


async def test_a_wrong_secret_or_unknown_key_is_refused(runtime: Runtime) -> None:
    prefix, key = await make_key(runtime, "system")
    wrong = f"ipreg_{prefix}_" + "A" * 43
    unknown = "ipreg_0123456789ab_" + key.split("_", 2)[2]
    for bad in (wrong, unknown, "not-a-key", key[:-1]):
        with pytest.raises(Unauthenticated, match="not valid"):
            await authenticate(runtime, None, bad)


async def test_a_revoked_key_is_refused(runtime: Runtime) -> None:
    prefix, key = await make_key(runtime, "retired system", Grant("official", "eaeu"))
    assert (await authenticate(runtime, None, key)).kind == "api_key"
    async with runtime.sessionmaker() as session:
        first = (await store.revoke_api_key(session, prefix)).revoked_at
        await session.commit()
    async with runtime.sessionmaker() as session:
        again = (await store.revoke_api_key(session, prefix)).revoked_at
        await session.commit()
    assert first is not None and again == first
    with pytest.raises(Unauthenticated, match="revoked"):
        await authenticate(runtime, None, key)
    async with runtime.sessionmaker() as session:
        with pytest.raises(NotFound):
            await store.revoke_api_key(session, "ffffffffffff")


async def test_use_is_stamped_at_most_once_a_minute(runtime: Runtime) -> None:
    prefix, key = await make_key(runtime, "stamped")
    principal = await authenticate(runtime, None, key)
    t0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    assert await note_api_key_use(runtime, principal, at=t0) is True
    assert (await stored_row(runtime, prefix)).last_used_at == t0
    assert await note_api_key_use(runtime, principal, at=t0 + dt.timedelta(seconds=30)) is False
    assert (await stored_row(runtime, prefix)).last_used_at == t0
    later = t0 + dt.timedelta(minutes=5)
    assert await note_api_key_use(runtime, principal, at=later) is True
    assert (await stored_row(runtime, prefix)).last_used_at == later


async def test_only_api_keys_are_stamped(runtime: Runtime) -> None:
    from ipreg.core.auth import ANONYMOUS, SYSTEM

    assert await note_api_key_use(runtime, ANONYMOUS) is False
    assert await note_api_key_use(runtime, SYSTEM) is False


async def test_keys_refuse_unknown_parties(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        with pytest.raises(NotFound, match="no party with id 424242"):
            await store.create_api_key(session, "orphan", None,
                                       [Grant("representative", None, 424242)])
