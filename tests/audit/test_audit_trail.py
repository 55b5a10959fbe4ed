"""Writing the audit trail: one transaction with its change, gap-free, hash-chained."""

from __future__ import annotations

import asyncio
import datetime as dt
import decimal
import hashlib
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from support import sample_object

from ipreg.core import feed
from ipreg.core.audit import (
    GENESIS_HASH,
    audit_head,
    audit_history,
    chain_hash,
    diff_of,
    hashed_content,
    record_audit,
    record_audit_now,
    verify_chain,
)
from ipreg.core.audit.hashing import HASHED_FIELDS, jsonable
from ipreg.core.auth import SYSTEM, Grant, Principal
from ipreg.core.db import migrate
from ipreg.core.model import IPObject
from ipreg.core.model.audit import AuditRecord
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import create_object

ALICE = Principal(
    kind="user",
    subject="alice",
    user_id=1,
    party_id=7,
    on_behalf_of=9,
    grants=frozenset({Grant("examiner", "eaeu"), Grant("supervisor", "ukraine")}),
)


async def _records(runtime: Runtime) -> list[AuditRecord]:
    async with runtime.sessionmaker() as session:
        return list(
            (await session.execute(select(AuditRecord).order_by(AuditRecord.seq))).scalars()
        )


async def _verify(runtime: Runtime, **kwargs: Any) -> Any:
    async with runtime.engine.connect() as conn:
        return await verify_chain(conn, **kwargs)


async def test_a_record_is_written_chained_and_complete_at_commit(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        record_audit(
            session,
            principal=ALICE,
            action="P.SP.01.OPR.017",
            entity="case",
            entity_id=42,
            before={"state": "filed", "number": "K-1", "fee": decimal.Decimal("10.50")},
            after={"state": "registered", "number": "K-1", "fee": decimal.Decimal("10.50")},
            jurisdiction="eaeu",
            request_id="req-1",
            note="decision of the board",
        )
        assert await _records(runtime) == []  # nothing before the commit
        await session.commit()
    [record] = await _records(runtime)
    assert (record.seq, record.action, record.entity, record.entity_id) == (
        1,
        "P.SP.01.OPR.017",
        "case",
        "42",
    )
    assert record.diff == {"state": {"before": "filed", "after": "registered"}}
    assert (record.actor_subject, record.actor_kind) == ("alice", "user")
    assert (record.actor_party_id, record.actor_on_behalf_of) == (7, 9)
    assert record.actor_roles == ["examiner"]  # the roles held in that jurisdiction
    assert (record.jurisdiction, record.request_id, record.note) == (
        "eaeu",
        "req-1",
        "decision of the board",
    )
    assert record.at.tzinfo is not None
    assert abs(record.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert record.prev_hash == GENESIS_HASH
    assert record.hash == chain_hash(GENESIS_HASH, record)
    async with runtime.sessionmaker() as session:
        assert await audit_head(session) == (1, record.hash)


async def test_records_chain_across_transactions_without_gaps(runtime: Runtime) -> None:
    for size in (3, 1, 2):
        async with runtime.sessionmaker() as session:
            for i in range(size):
                record_audit(session, principal=SYSTEM, action="tick", entity="case", entity_id=i)
            await session.commit()
    records = await _records(runtime)
    assert [r.seq for r in records] == [1, 2, 3, 4, 5, 6]
    prev = GENESIS_HASH
    for record in records:
        assert record.prev_hash == prev
        assert record.hash == chain_hash(prev, record)
        prev = record.hash
    async with runtime.sessionmaker() as session:
        assert await audit_head(session) == (6, prev)
    result = await _verify(runtime)
    assert result.ok and result.checked == 6


async def test_a_rolled_back_change_leaves_no_record(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        obj = await create_object(session, parse_object(sample_object(1)))
        await session.flush()
        record_audit(
            session, principal=ALICE, action="create", entity="ip_object", entity_id=obj.id
        )
        await session.rollback()
        # The session is usable again and does not carry the forgotten record.
        record_audit(session, principal=ALICE, action="login", entity="session", entity_id=None)
        await session.commit()
    records = await _records(runtime)
    assert [(r.seq, r.action) for r in records] == [(1, "login")]
    async with runtime.sessionmaker() as session:
        assert (await session.execute(select(func.count()).select_from(IPObject))).scalar() == 0


async def test_a_failed_commit_leaves_no_record(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        await create_object(session, parse_object(sample_object(1)))
        await session.commit()
    async with runtime.sessionmaker() as session:
        # The same register number again: the commit fails.
        await create_object(session, parse_object(sample_object(1)))
        record_audit(session, principal=ALICE, action="create", entity="ip_object", entity_id=1)
        with pytest.raises(IntegrityError):
            await session.commit()
        await session.rollback()
    assert await _records(runtime) == []
    async with runtime.sessionmaker() as session:
        assert await audit_head(session) == (0, GENESIS_HASH)


async def test_a_change_its_feed_event_and_its_record_commit_together(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        obj = await create_object(session, parse_object(sample_object(1)))
        await session.flush()
        record_audit(
            session,
            principal=ALICE,
            action="create",
            entity="ip_object",
            entity_id=obj.id,
            after={"name": obj.name, "status": obj.status},
            jurisdiction="eaeu",
        )
        await session.commit()
    async with runtime.sessionmaker() as session:
        assert [e.entity_id for e in await feed.read_after(session, 0)] == [obj.id]
        [record] = await audit_history(session, "ip_object", obj.id)
    assert record.diff == {
        "name": {"before": None, "after": "ЗЕЛЕНА МАРКА 1"},
        "status": {"before": None, "after": "included"},
    }


async def test_record_audit_now_commits_on_its_own(runtime: Runtime) -> None:
    await record_audit_now(
        runtime.sessionmaker,
        principal=Principal(kind="api_key", subject="kz-customs", party_id=3),
        action="login",
        entity="api_key",
        entity_id="kz-customs",
        request_id="req-9",
    )
    [record] = await _records(runtime)
    assert (record.action, record.actor_kind, record.actor_subject, record.diff) == (
        "login",
        "api_key",
        "kz-customs",
        {},
    )


async def _statements_of_commit(runtime: Runtime, session: Any) -> list[str]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(" ".join(statement.split()[:3]).upper())

    event.listen(runtime.engine.sync_engine, "before_cursor_execute", count)
    try:
        await session.commit()
    finally:
        event.remove(runtime.engine.sync_engine, "before_cursor_execute", count)
    return statements


async def test_one_head_update_and_one_insert_per_commit(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        for i in range(5):
            record_audit(session, principal=ALICE, action=f"a{i}", entity="case", entity_id=i)
        assert await _statements_of_commit(runtime, session) == [
            "UPDATE AUDIT_HEAD SET",
            "INSERT INTO AUDIT_RECORD",
        ]
    async with runtime.sessionmaker() as session:
        obj = await create_object(session, parse_object(sample_object(1)))
        await session.flush()
        for i in range(5):
            record_audit(
                session, principal=ALICE, action=f"b{i}", entity="ip_object", entity_id=obj.id
            )
        # The feed's head update and insert first (lock order), then the audit trail's.
        assert await _statements_of_commit(runtime, session) == [
            "UPDATE FEED_HEAD SET",
            "INSERT INTO CHANGE_EVENT",
            "UPDATE AUDIT_HEAD SET",
            "INSERT INTO AUDIT_RECORD",
        ]
    assert [r.seq for r in await _records(runtime)] == list(range(1, 11))
    assert (await _verify(runtime)).ok


async def test_concurrent_writers_get_a_gap_free_intact_chain(
    runtime: Runtime, backend: str
) -> None:
    if backend == "sqlite":
        pytest.skip("SQLite serialises writers itself; the head-row lock matters on PostgreSQL")

    async def writer(i: int) -> None:
        async with runtime.sessionmaker() as session:
            if i % 4 == 0:  # some also write the change feed: both locks, one order
                await create_object(session, parse_object(sample_object(i)))
            for j in range(1 + i % 3):
                record_audit(
                    session, principal=ALICE, action="w", entity="writer", entity_id=f"{i}.{j}"
                )
            await asyncio.sleep(0.001 * (i % 3))
            await session.commit()

    await asyncio.gather(*(writer(i) for i in range(40)))
    records = await _records(runtime)
    expected = sum(1 + i % 3 for i in range(40))
    assert [r.seq for r in records] == list(range(1, expected + 1))
    times = [r.at for r in records]
    assert times == sorted(times)
    result = await _verify(runtime)
    assert result.ok, result.problem
    assert result.checked == expected


async def test_an_ordinary_update_or_delete_is_refused(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        record_audit(session, principal=ALICE, action="a", entity="case", entity_id=1)
        record_audit(session, principal=ALICE, action="b", entity="case", entity_id=1)
        await session.commit()
    for statement in (
        "UPDATE audit_record SET note = 'edited' WHERE seq = 1",
        "DELETE FROM audit_record WHERE seq = 2",
        "UPDATE audit_head SET seq = 1 WHERE id = 1",
        "DELETE FROM audit_head",
    ):
        async with runtime.engine.connect() as conn:
            with pytest.raises(DBAPIError, match="append-only"):
                await conn.execute(text(statement))
            await conn.rollback()
    records = await _records(runtime)
    assert [(r.seq, r.note) for r in records] == [(1, None), (2, None)]
    assert (await _verify(runtime)).ok


async def test_truncate_is_refused_on_postgres(runtime: Runtime, backend: str) -> None:
    if backend != "postgres":
        pytest.skip("SQLite has no TRUNCATE")
    async with runtime.engine.connect() as conn:
        with pytest.raises(DBAPIError, match="append-only"):
            await conn.execute(text("TRUNCATE audit_record"))


def test_the_hashed_content_is_exactly_this() -> None:
    """Pins the hash definition: changing it breaks every existing chain."""
    record = SimpleNamespace(
        seq=1,
        at=dt.datetime(2026, 11, 23, 12, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        action="P.SP.01.OPR.017",
        entity="case",
        entity_id="42",
        jurisdiction="eaeu",
        actor_subject="alice",
        actor_kind="user",
        actor_party_id=7,
        actor_on_behalf_of=9,
        actor_roles=["examiner"],
        diff={"state": {"before": None, "after": "open"}},
        request_id="req-1",
        note=None,
        prev_hash=GENESIS_HASH,
    )
    canonical = (
        '{"action":"P.SP.01.OPR.017","actor":{"kind":"user","on_behalf_of":9,'
        '"party_id":7,"roles":["examiner"],"subject":"alice"},'
        '"at":"2026-11-23T10:15:00.000000Z","diff":{"state":{"after":"open","before":null}},'
        '"entity":"case","entity_id":"42","jurisdiction":"eaeu","note":null,'
        '"request_id":"req-1","seq":1}'
    )
    expected = hashlib.sha256((GENESIS_HASH + canonical).encode("utf-8")).hexdigest()
    assert chain_hash(GENESIS_HASH, record) == expected
    assert set(HASHED_FIELDS) == {c.key for c in AuditRecord.__table__.columns} - {
        "prev_hash",
        "hash",
    }
    assert set(hashed_content(record)) == {
        "seq", "at", "action", "entity", "entity_id", "jurisdiction", "actor", "diff",
        "request_id", "note",
    }  # fmt: skip


def test_values_are_made_unambiguous_before_they_are_stored() -> None:
    assert jsonable(
        {
            1: 0.1,
            "d": dt.date(2026, 1, 2),
            "t": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
            "m": decimal.Decimal("1.10"),
            "s": {"b", "a"},
            "tuple": (1, True, None),
        }
    ) == {
        "1": "0.1",
        "d": "2026-01-02",
        "t": "2026-01-02T03:04:05.000000Z",
        "m": "1.10",
        "s": ["a", "b"],
        "tuple": [1, True, None],
    }
    with pytest.raises(ValueError):
        jsonable(float("nan"))
    with pytest.raises(TypeError):
        record_audit(
            SimpleNamespace(info={}),  # type: ignore[arg-type]
            principal=ALICE,
            action="a",
            entity="case",
            entity_id=1,
            after={"x": object()},
        )


def test_too_long_values_fail_at_the_call_not_at_commit() -> None:
    session = SimpleNamespace(info={})
    with pytest.raises(ValueError, match="action longer than 128"):
        record_audit(
            session,  # type: ignore[arg-type]
            principal=ALICE,
            action="x" * 129,
            entity="case",
            entity_id=1,
        )
    with pytest.raises(ValueError, match="entity_id longer than 128"):
        record_audit(
            session,  # type: ignore[arg-type]
            principal=ALICE,
            action="read",
            entity="case",
            entity_id="9" * 129,
        )
    assert session.info == {}


def test_the_diff_keeps_only_changed_keys_with_both_values() -> None:
    assert diff_of({"a": 1, "b": 2, "c": None}, {"a": 1, "b": 3, "d": 4}) == {
        "b": {"before": 2, "after": 3},
        "d": {"before": None, "after": 4},
    }
    assert diff_of(None, {"a": 1}) == {"a": {"before": None, "after": 1}}
    assert diff_of({"a": 1}, None) == {"a": {"before": 1, "after": None}}
    assert diff_of({"a": 1}, {"a": True}) == {"a": {"before": 1, "after": True}}
    assert diff_of(None, None) == {}


async def test_the_migration_matches_the_model(database_url: str, runtime: Runtime) -> None:
    drift = await asyncio.to_thread(migrate.drift, database_url, runtime.registry)
    assert [d for d in drift if "audit" in repr(d)] == []
