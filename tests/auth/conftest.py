"""Fixtures for authentication and authorization: parties, users and keys in a fresh database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator

import pytest
from sqlalchemy import create_engine, insert

import ipreg.core.model.auth  # noqa: F401  (the auth tables, until ipreg.core.model imports them)
from ipreg.core.db.base import utcnow
from ipreg.core.db.engine import sync_url
from ipreg.core.model.party import Party
from ipreg.core.runtime import Runtime

AddParty = Callable[[str], Awaitable[int]]


@pytest.fixture(autouse=True)
def _no_jwt_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("IPREG_JWT_ALGORITHM", "IPREG_JWT_PUBLIC_KEY", "IPREG_JWT_PRIVATE_KEY",
                 "IPREG_JWT_LEEWAY", "IPREG_JWT_MAX_LIFETIME", "IPREG_SECRET"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def add_party(runtime: Runtime) -> AddParty:
    """``await add_party(name)`` stores a legal person and returns its id."""

    async def add(name: str) -> int:
        async with runtime.sessionmaker() as session:
            party = Party(country="KZ", name=name, party_type="legal")
            session.add(party)
            await session.commit()
            return party.id

    return add


def _add_party_sync(database_url: str, name: str) -> int:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.begin() as conn:
            now = utcnow()
            result = conn.execute(
                insert(Party).values(
                    country="UA", name=name, party_type="legal", version=1,
                    created_at=now, updated_at=now,
                ).returning(Party.id)
            )
            return int(result.scalar_one())
    finally:
        engine.dispose()


@pytest.fixture
def add_party_sync() -> Callable[[str, str], int]:
    """``add_party_sync(database_url, name)``: a party, without an event loop (CLI tests)."""
    return _add_party_sync
