"""Plugins' change-feed subscribers get every committed event, in order, at least once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from support import sample_object

from ipreg import hookimpl
from ipreg.core.config import Settings
from ipreg.core.extension import EventSubscriber
from ipreg.core.model import ChangeEvent
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import create_object
from ipreg.core.subscribers import SubscriberRunner


class Collector:
    def __init__(self) -> None:
        self.seen: list[int] = []
        self.fail_next = False

    async def handle(self, events: Sequence[ChangeEvent]) -> None:
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("the subscriber's own system is down")
        self.seen += [e.position for e in events]

    @hookimpl
    def ipreg_register_event_subscribers(self) -> list[EventSubscriber]:
        return [EventSubscriber("collector", self.handle)]


async def add(runtime: Runtime, numbers: range) -> None:
    async with runtime.sessionmaker() as session:
        for i in numbers:
            await create_object(session, parse_object(sample_object(i)))
        await session.commit()


@pytest.fixture
async def setup(database_url: str) -> Any:
    collector = Collector()
    runtime = Runtime.create(Settings.from_env(database_url=database_url),
                             extra_plugins=[("collector", collector)])
    yield runtime, collector
    await runtime.close()


@pytest.mark.hook("ipreg_register_event_subscribers")
async def test_subscribers_get_each_event_in_order_and_resume_from_their_cursor(
        setup: Any) -> None:
    runtime, collector = setup
    runner = SubscriberRunner(runtime, batch=2)
    await add(runtime, range(3))
    while (await runner.run_once())["collector"]:
        pass
    assert collector.seen == [1, 2, 3]
    await add(runtime, range(3, 5))
    collector.fail_next = True
    assert (await runner.run_once())["collector"] == 0  # failed: the cursor stays
    while (await runner.run_once())["collector"]:
        pass
    assert collector.seen == [1, 2, 3, 4, 5]
