"""``ipreg users`` and ``ipreg keys`` through the root command group."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import jwt
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, select

from ipreg.core.auth.authenticate import authenticate
from ipreg.core.auth.cli import keys, users
from ipreg.core.auth.keys import hash_api_key
from ipreg.core.auth.principal import Grant, Principal
from ipreg.core.cli import cli
from ipreg.core.config import Settings
from ipreg.core.db.engine import sync_url
from ipreg.core.errors import Unauthenticated
from ipreg.core.model.auth import ApiKey
from ipreg.core.runtime import Runtime


@pytest.fixture(autouse=True)
def _commands() -> Iterator[None]:
    """Register the groups as ipreg.core.cli will; leave the root group as it was."""
    added = [group for group in (users, keys) if group.name not in cli.commands]
    for group in added:
        cli.add_command(group)
    yield
    for group in added:
        cli.commands.pop(group.name or "", None)


@pytest.fixture
def ipreg(database_url: str) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--database", database_url, *args])

    return run


def principal_of(database_url: str, authorization: str | None, api_key: str | None
                 ) -> Principal:
    async def main() -> Principal:
        runtime = Runtime.create(Settings.from_env(database_url=database_url, plugins=None))
        try:
            return await authenticate(runtime, authorization, api_key)
        finally:
            await runtime.close()

    return asyncio.run(main())


def test_users_create_list_grant_and_token(
    ipreg: Callable[..., Result], database_url: str, add_party_sync: Callable[[str, str], int]
) -> None:
    ukrnoivi = add_party_sync(database_url, "УКРНОІВІ")
    done = ipreg("users", "create", "oksana", "--name", "Оксана", "--party-id", str(ukrnoivi),
                 "--grant", f"examiner:ua_websites:{ukrnoivi}", "--grant", "official:ua_websites")
    assert done.exit_code == 0, done.output
    assert f"examiner:ua_websites:{ukrnoivi},official:ua_websites" in done.output

    done = ipreg("users", "grant", "oksana", "supervisor:ua_websites")
    assert done.exit_code == 0, done.output
    done = ipreg("users", "grant", "oksana", "official:ua_websites", "--revoke")
    assert done.exit_code == 0, done.output

    listed = ipreg("users", "list")
    assert listed.exit_code == 0, listed.output
    (line,) = listed.output.splitlines()
    user_id, login, name, party, active, grants = line.split("\t")
    assert (login, name, party, active) == ("oksana", "Оксана", str(ukrnoivi), "active")
    assert set(grants.split(",")) == {f"examiner:ua_websites:{ukrnoivi}", "supervisor:ua_websites"}

    token = ipreg("users", "token", "oksana", "--ttl", "120")
    assert token.exit_code == 0, token.output
    claims = jwt.decode(token.output.strip(), options={"verify_signature": False})
    assert claims["sub"] == user_id and claims["exp"] - claims["iat"] == 120
    principal = principal_of(database_url, f"Bearer {token.output.strip()}", None)
    assert principal.user_id == int(user_id)
    assert principal.grants == {Grant("examiner", "ua_websites", ukrnoivi),
                                Grant("supervisor", "ua_websites")}

    assert ipreg("users", "disable", "oksana").exit_code == 0
    with pytest.raises(Unauthenticated, match="disabled"):
        principal_of(database_url, f"Bearer {token.output.strip()}", None)
    refused = ipreg("users", "token", "oksana")
    assert refused.exit_code == 2 and "is disabled" in refused.output
    assert ipreg("users", "enable", "oksana").exit_code == 0
    assert principal_of(database_url, f"Bearer {token.output.strip()}", None).user_id


def test_keys_create_prints_the_key_once_list_and_revoke(
    ipreg: Callable[..., Result], database_url: str, add_party_sync: Callable[[str, str], int]
) -> None:
    customs = add_party_sync(database_url, "State Customs Service")
    done = ipreg("keys", "create", "ASMO", "--party-id", str(customs),
                 "--grant", "official:ua_customs")
    assert done.exit_code == 0, done.output
    key = done.stdout.strip()
    assert key.startswith("ipreg_") and "\n" not in key
    assert "not shown again" in done.stderr
    prefix = key.split("_")[1]

    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            row = conn.execute(select(ApiKey.prefix, ApiKey.key_hash, ApiKey.name)).one()
    finally:
        engine.dispose()
    assert row == (prefix, hash_api_key(key), "ASMO")

    listed = ipreg("keys", "list")
    assert listed.exit_code == 0
    assert key not in listed.output
    fields = listed.output.strip().split("\t")
    assert fields[:4] == [prefix, "ASMO", str(customs), "official:ua_customs"]
    assert fields[-1] == "valid"

    principal = principal_of(database_url, None, key)
    assert principal.kind == "api_key" and principal.party_id == customs

    revoked = ipreg("keys", "revoke", prefix)
    assert revoked.exit_code == 0, revoked.output
    assert ipreg("keys", "list").output.strip().split("\t")[-1].startswith("revoked ")
    with pytest.raises(Unauthenticated, match="revoked"):
        principal_of(database_url, None, key)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("users", "create", "x", "--grant", "Admin"), "error [BAD_USER_INPUT]: grant 'Admin'"),
        (("users", "create", "x", "--grant", "examiner:mars"), "unknown jurisdiction 'mars'"),
        (("users", "create", "x", "--grant", "system"), "reserved for the engine"),
        (("users", "create", "x", "--party-id", "999999"), "error [NOT_FOUND]: no party"),
        (("users", "create", "bad login"), "error [BAD_USER_INPUT]: login"),
        (("users", "create", "a" * 124), "use 1-123 letters"),
        (("users", "grant", "nobody", "admin"), "error [NOT_FOUND]: no user with login"),
        (("users", "token", "nobody"), "error [NOT_FOUND]: no user with login 'nobody'"),
        (("keys", "create", "k", "--grant", "representative:eaeu:999999"), "no party with id"),
        (("keys", "revoke", "ffffffffffff"), "error [NOT_FOUND]: no API key"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_status_2(
    ipreg: Callable[..., Result], args: tuple[str, ...], message: str
) -> None:
    done = ipreg(*args)
    assert done.exit_code == 2, done.output
    assert message in done.output


def test_a_taken_login_is_a_conflict(ipreg: Callable[..., Result]) -> None:
    assert ipreg("users", "create", "twice").exit_code == 0
    done = ipreg("users", "create", "twice")
    assert done.exit_code == 2 and "error [CONFLICT]: login 'twice' is taken" in done.output


def test_a_token_needs_a_positive_ttl(ipreg: Callable[..., Result]) -> None:
    assert ipreg("users", "create", "ttl").exit_code == 0
    done = ipreg("users", "token", "ttl", "--ttl", "0")
    assert done.exit_code == 2 and "--ttl" in done.output


def test_a_token_lives_at_most_the_maximum_lifetime(
    ipreg: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ipreg("users", "create", "ttl").exit_code == 0
    done = ipreg("users", "token", "ttl", "--ttl", "86401")
    assert done.exit_code == 2, done.output
    assert "error [BAD_USER_INPUT]: a token may live at most 86400 seconds " \
           "(IPREG_JWT_MAX_LIFETIME), not 86401" in done.output
    assert ipreg("users", "token", "ttl", "--ttl", "86400").exit_code == 0
    # The check comes before the database: an unknown login with a bad ttl names the ttl.
    assert "at most 86400" in ipreg("users", "token", "nobody", "--ttl", "999999").output
    monkeypatch.setenv("IPREG_JWT_MAX_LIFETIME", "604800")
    assert ipreg("users", "token", "ttl", "--ttl", "86401").exit_code == 0


def test_a_login_fits_the_actor_columns_as_user_login() -> None:
    """``user:<login>`` is written to case steps and idempotency keys (PostgreSQL refuses
    a longer value: the case could not be opened)."""
    from ipreg.core.auth.store import MAX_LOGIN_LENGTH, check_login
    from ipreg.core.model import CaseStep, IdempotencyKey

    longest = "a" * MAX_LOGIN_LENGTH
    assert check_login(longest) == longest
    for column in (CaseStep.__table__.c.actor, IdempotencyKey.__table__.c.principal):
        assert len(f"user:{longest}") <= column.type.length
