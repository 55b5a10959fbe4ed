"""Micro-benchmark: the cost of a working-day computation (core/procedures/calendar.py).

Compares, for ``add_working_days(start, 10)`` over start days spread across 2025-2026:

* ``before``: the calendar before the ``holidays`` package (fixed Russian holidays in a
  frozenset; a day was a weekday test and two set look-ups) — copied here;
* ``after``: ``country_calendar("RU")``, each year's non-working days computed once;
* ``first use of a year``: a fresh calendar asked about one day (the package computes
  the year, the calendar keeps it);
* ``package per day``: asking the ``holidays`` object's own ``is_working_day`` each day.

Run: ``.venv/bin/python bench/calendar/run.py`` (a few seconds). Prints µs per call,
best of ``--repeat`` rounds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import timeit
from collections.abc import Callable

import holidays

from ipreg.core.procedures import country_calendar

FIXED = ((1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (2, 23), (3, 8),
         (5, 1), (5, 9), (6, 12), (11, 4))


class Before:
    """``WorkCalendar.is_working_day`` / ``add_working_days`` as they were."""

    def __init__(self) -> None:
        self.weekend = frozenset({5, 6})
        self.holidays = frozenset(dt.date(y, m, d) for y in range(2018, 2041) for m, d in FIXED)
        self.working_weekend_days: frozenset[dt.date] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_weekend_days:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        day, remaining = start, count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day


class PackagePerDay(Before):
    def __init__(self) -> None:
        super().__init__()
        self.package = holidays.country_holidays("RU", years=range(2025, 2028))

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self.package.is_working_day(day))


STARTS = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(0, 700, 7)]


def per_call(fn: Callable[[], object], calls: int, number: int, repeat: int) -> float:
    best = min(timeit.repeat(fn, number=number, repeat=repeat))
    return best / (number * calls) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    before, after, package = Before(), country_calendar("RU"), PackagePerDay()
    for start in STARTS:  # warm: every year is computed once
        after.add_working_days(start, 10)
        assert package.add_working_days(start, 10) == after.add_working_days(start, 10)
    rows = [
        ("before (fixed holidays)", per_call(
            lambda: [before.add_working_days(s, 10) for s in STARTS], len(STARTS), 20,
            args.repeat)),
        ("after (holidays + transfers)", per_call(
            lambda: [after.add_working_days(s, 10) for s in STARTS], len(STARTS), 20,
            args.repeat)),
        ("package per day", per_call(
            lambda: [package.add_working_days(s, 10) for s in STARTS], len(STARTS), 2,
            args.repeat)),
        ("first use of a year", per_call(
            lambda: country_calendar("RU").is_working_day(dt.date(2026, 5, 11)), 1, 20,
            args.repeat)),
    ]
    print("add_working_days(start, 10), µs per call (best of", args.repeat, "rounds)")
    for name, micros in rows:
        print(f"  {name:32} {micros:10.2f}")


if __name__ == "__main__":
    main()
