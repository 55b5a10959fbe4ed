"""ipreg.core.demo.DemoClock: the clock a demo loader moves through its history stands
still where the demo puts it, and the procedure engine reads it as the runtime's clock."""

from __future__ import annotations

import datetime as dt

from ipreg.core.demo import DemoClock
from ipreg.core.runtime import Runtime


def test_the_clock_stands_at_eight_utc_of_its_day_until_moved() -> None:
    clock = DemoClock(dt.date(2026, 11, 16))
    assert clock() == dt.datetime(2026, 11, 16, 8, 0, tzinfo=dt.UTC)
    assert clock() == clock()
    clock.at(dt.date(2025, 1, 6))
    assert clock() == dt.datetime(2025, 1, 6, 8, 0, tzinfo=dt.UTC)


def test_a_demo_chooses_its_time_of_day_and_may_move_the_time_directly() -> None:
    clock = DemoClock(dt.date(2025, 12, 1), dt.time(7, 0))
    clock.at(dt.date(2025, 12, 6))
    assert clock() == dt.datetime(2025, 12, 6, 7, 0, tzinfo=dt.UTC)
    clock.now += dt.timedelta(hours=3)
    assert clock() == dt.datetime(2025, 12, 6, 10, 0, tzinfo=dt.UTC)


async def test_the_runtime_and_its_calendars_read_the_demo_clock(
        runtime: Runtime) -> None:
    clock = DemoClock(dt.date(2026, 3, 2))
    runtime.clock = clock
    calendar = runtime.procedures.calendar("eaeu")
    assert calendar.today(runtime.clock()) == dt.date(2026, 3, 2)
    clock.at(dt.date(2026, 3, 9))
    assert calendar.today(runtime.clock()) == dt.date(2026, 3, 9)
