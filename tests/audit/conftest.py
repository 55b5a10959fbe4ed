"""Helpers of the audit-trail tests: principals, seeding, deliberate tampering."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from ipreg.core.audit import record_audit
from ipreg.core.auth import Grant, Principal
from ipreg.core.config import Settings
from ipreg.core.db.engine import sync_url
from ipreg.core.runtime import Runtime

ALICE = Principal(
    kind="user",
    subject="alice",
    user_id=1,
    party_id=7,
    on_behalf_of=9,
    grants=frozenset({Grant("examiner", "eaeu"), Grant("supervisor", "ukraine")}),
)
CUSTOMS_SYSTEM = Principal(kind="api_key", subject="kz-customs", party_id=3)

#: SQLite guards that must go before deliberate tampering (PostgreSQL uses a setting).
SQLITE_GUARDS = (
    "audit_record_no_update",
    "audit_record_no_delete",
    "audit_head_no_rewind",
    "audit_head_no_delete",
)


async def seed_trail(url: str, batches: list[int]) -> None:
    """Commit one transaction per item of ``batches`` with that many records each."""
    runtime = Runtime.create(Settings.from_env(database_url=url, plugins=None))
    try:
        n = 0
        for size in batches:
            async with runtime.sessionmaker() as session:
                for _ in range(size):
                    n += 1
                    record_audit(
                        session,
                        principal=ALICE if n % 2 else CUSTOMS_SYSTEM,
                        action="P.SP.01.OPR.017" if n % 3 else "read",
                        entity="case",
                        entity_id=100 + n,
                        before={"state": "filed", "n": n - 1},
                        after={"state": "registered", "n": n},
                        jurisdiction="eaeu" if n % 2 else "ukraine",
                        request_id=f"req-{n}",
                    )
                await session.commit()
    finally:
        await runtime.close()


@pytest.fixture
def seeded(database_url: str) -> Callable[[list[int]], str]:
    """``seeded([2, 1, 3])``: the test database with those transactions of records."""

    def seed(batches: list[int]) -> str:
        asyncio.run(seed_trail(database_url, batches))
        return database_url

    return seed


@pytest.fixture
def tamper(database_url: str, backend: str) -> Iterator[Callable[..., None]]:
    """``tamper("UPDATE audit_record ...", ...)`` runs SQL past the append-only guards;
    a callable instead of SQL is called with the connection."""
    engine = create_engine(sync_url(database_url))

    def run(*statements: str | Callable[[Connection], None], **params: Any) -> None:
        with engine.begin() as conn:
            allow_tampering(conn, backend)
            for statement in statements:
                if callable(statement):
                    statement(conn)
                else:
                    conn.execute(text(statement), params)

    yield run
    engine.dispose()


def allow_tampering(conn: Connection, backend: str) -> None:
    if backend == "postgres":
        conn.execute(text("SET LOCAL ipreg.allow_audit_tamper = on"))
    else:
        for name in SQLITE_GUARDS:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
