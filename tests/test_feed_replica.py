"""A reader that follows the change feed ends with exactly the database's state,
however many writers commit concurrently."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from support import sample_object

from ipreg.core import feed
from ipreg.core.model import IPObject, Party
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import FULL_LOAD, create_object, load_object, set_status, snapshot


async def writer(runtime: Runtime, worker: int, rounds: int) -> None:
    rng = random.Random(worker)
    mine: list[int] = []
    for i in range(rounds):
        async with runtime.sessionmaker() as session:
            if mine and rng.random() < 0.5:
                obj = await load_object(session, rng.choice(mine))
                await set_status(session, obj, rng.choice(["changed", "prolonged", "excluded"]),
                                 dt.date(2026, 1, 1) + dt.timedelta(days=i))
            else:
                obj = await create_object(session, parse_object(
                    sample_object(worker * 1000 + i, registerNumber=f"W{worker}-{i}")))
                await session.flush()
                mine.append(obj.id)
            await session.commit()
        await asyncio.sleep(0)


async def follow(runtime: Runtime, replica: dict[int, dict[str, Any]], positions: list[int],
                 done: asyncio.Event) -> None:
    cursor = 0
    while True:
        async with runtime.sessionmaker() as session:
            events = await feed.read_after(session, cursor, limit=7)
        for event in events:
            positions.append(event.position)
            if event.entity == "ip_object":
                replica[event.entity_id] = event.payload
            cursor = event.position
        if not events:
            if done.is_set():
                return
            await asyncio.sleep(0.005)


async def test_a_feed_follower_ends_with_the_databases_state(runtime: Runtime) -> None:
    replica: dict[int, dict[str, Any]] = {}
    positions: list[int] = []
    done = asyncio.Event()
    reader = asyncio.create_task(follow(runtime, replica, positions, done))
    await asyncio.gather(*(writer(runtime, w, 15) for w in range(4)))
    done.set()
    await reader

    assert positions == list(range(1, len(positions) + 1))  # no gap, no duplicate, in order
    async with runtime.sessionmaker() as session:
        objects = (await session.execute(select(IPObject).options(*FULL_LOAD))).scalars().all()
        parties = {p.id: p for p in (await session.execute(select(Party))).scalars()}
        truth = {o.id: snapshot(o, parties) for o in objects}
    assert replica == truth
