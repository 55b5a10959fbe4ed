"""The change feed: every committed change, in commit order, with no gaps."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select
from support import sample_object

from ipreg.core import feed
from ipreg.core.model import ChangeEvent, IPObject
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import create_object, load_object, set_status


async def test_a_change_and_its_event_commit_together(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        obj = await create_object(session, parse_object(sample_object(1)))
        await session.commit()
    async with runtime.sessionmaker() as session:
        events = await feed.read_after(session, 0)
    assert [(e.position, e.entity, e.entity_id, e.version, e.operation) for e in events] == [
        (1, "ip_object", obj.id, 1, "create")
    ]
    assert events[0].payload["name"] == "ЗЕЛЕНА МАРКА 1"
    assert {p["name"] for p in events[0].payload["parties"]} == {
        "ТОВ Зелена 1",
        "Green Mark GmbH",
        "Патентне бюро",
    }


async def test_a_rolled_back_change_leaves_no_event(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        await create_object(session, parse_object(sample_object(1)))
        await session.rollback()
    async with runtime.sessionmaker() as session:
        assert await feed.head(session) == 0
        assert (await session.execute(select(func.count()).select_from(ChangeEvent))).scalar() == 0
        assert (await session.execute(select(func.count()).select_from(IPObject))).scalar() == 0


async def test_versions_grow_with_each_change(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        obj = await create_object(session, parse_object(sample_object(1)))
        await session.commit()
    for status in ("changed", "excluded"):
        async with runtime.sessionmaker() as session:
            loaded = await load_object(session, obj.id)
            await set_status(session, loaded, status, dt.date(2025, 1, 1))
            await session.commit()
    async with runtime.sessionmaker() as session:
        events = await feed.read_after(session, 0)
    assert [(e.version, e.payload["status"]) for e in events] == [
        (1, "included"),
        (2, "changed"),
        (3, "excluded"),
    ]


async def test_concurrent_writers_get_gap_free_positions_in_commit_order(
    runtime: Runtime, backend: str
) -> None:
    if backend == "sqlite":
        pytest.skip("SQLite serialises writers itself; the head-row lock matters on PostgreSQL")

    async def writer(i: int) -> None:
        async with runtime.sessionmaker() as session:
            await create_object(session, parse_object(sample_object(i)))
            await asyncio.sleep(0.001 * (i % 3))
            await session.commit()

    await asyncio.gather(*(writer(i) for i in range(40)))
    async with runtime.sessionmaker() as session:
        events = await feed.read_after(session, 0, limit=1000)
        assert [e.position for e in events] == list(range(1, 41))
        assert await feed.head(session) == 40
        commit_times = [e.committed_at for e in events]
        assert commit_times == sorted(commit_times)


async def test_an_event_may_carry_the_time_its_change_took_effect(runtime: Runtime) -> None:
    """``record_change(committed_at=)``: history imported with its legal dates, or a
    replica's copy of its source's events, keeps its time; the position is still the
    commit's, so positions follow commit order while such times need not."""
    legal = dt.datetime(2021, 2, 1, tzinfo=dt.UTC)
    async with runtime.sessionmaker() as session:
        feed.record_change(session, "history", None, "update", {"n": 1}, entity_id=7,
                           version=1, committed_at=legal)
        feed.record_change(session, "history", None, "update", {"n": 2}, entity_id=8,
                           version=1)
        await session.commit()
    async with runtime.sessionmaker() as session:
        first, second = await feed.read_after(session, 0)
    assert (first.position, first.committed_at) == (1, legal)
    assert second.position == 2 and second.committed_at > legal
    with pytest.raises(ValueError, match="time zone"):
        async with runtime.sessionmaker() as session:
            feed.record_change(session, "history", None, "update", {}, entity_id=9,
                               version=1, committed_at=dt.datetime(2021, 2, 1))


async def test_a_cursor_records_when_its_follower_was_last_there(runtime: Runtime) -> None:
    """``advance_cursor(at=, touch=)`` and ``cursor_updated_at``: a follower that found
    nothing new still records its visit with ``touch``; the cursor never goes back."""
    first = dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)
    later = first + dt.timedelta(days=1)
    async with runtime.sessionmaker() as session:
        assert await feed.cursor_updated_at(session, "body") is None
        await feed.advance_cursor(session, "body", 5, at=first)
        await session.commit()
    async with runtime.sessionmaker() as session:
        await feed.advance_cursor(session, "body", 5, at=later)  # no move, no touch
        assert await feed.cursor_updated_at(session, "body") == first
        await feed.advance_cursor(session, "body", 3, at=later, touch=True)  # never back
        await session.commit()
    async with runtime.sessionmaker() as session:
        assert await feed.read_cursor(session, "body") == 5
        assert await feed.cursor_updated_at(session, "body") == later
