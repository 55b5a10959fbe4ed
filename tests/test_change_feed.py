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
