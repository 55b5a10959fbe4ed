"""Counting time limits: calendar days, working days and months, per jurisdiction.

A limit of N units "from" an event starts counting the day after it and ends on
the last day of the period; where the jurisdiction says so, a period ending on a
non-working day moves to the next working day. A limit has expired once the
last day has passed in the jurisdiction's time zone. Non-working days are the
weekend, the official days off of the jurisdiction's country and the transfers
(working Saturdays included) of :mod:`.countries`, and the calendar's own days.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from zoneinfo import ZoneInfo

_ONE_DAY = dt.timedelta(days=1)


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: Unit = Unit.CALENDAR_DAYS

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("a time limit cannot be negative")

    def describe(self) -> str:
        return f"{self.amount} {self.unit.value.replace('_', ' ')}"


def days(n: int) -> Duration:
    return Duration(n, Unit.CALENDAR_DAYS)


def working_days(n: int) -> Duration:
    return Duration(n, Unit.WORKING_DAYS)


def months(n: int) -> Duration:
    return Duration(n, Unit.MONTHS)


@dataclass(frozen=True)
class YearDays:
    """What an official source says of one year: its days off and its working days.

    ``days_off`` are non-working days besides the weekend (public holidays, days off
    carried over or transferred onto a weekday); ``working_days`` are weekend days made
    working days by a transfer (a "working Saturday").
    """

    days_off: frozenset[dt.date] = frozenset()
    working_days: frozenset[dt.date] = frozenset()


#: A source of official days, asked once per year (see :mod:`.countries`).
OfficialDays = Callable[[int], YearDays]


@dataclass(frozen=True)
class WorkCalendar:
    """Weekends, public holidays and transfers of one jurisdiction, in its time zone.

    ``official`` gives each year's days off and working days from an official source
    (:func:`ipreg.core.procedures.country_calendar` builds it from the ``holidays``
    package and a deployment's transfers); ``holidays`` and ``working_weekend_days`` add
    days of the calendar's own and win over it, in that order.

    Cost, measured by bench/calendar/run.py (``add_working_days(start, 10)`` over starts
    spread across 2025-2026; best of 9 rounds on the shared 2-core machine, load ~9): each
    year's non-working days are computed once and kept as one frozenset, and the loop
    keeps the year's set at hand, so a day is one set look-up: 2.9 µs a call, against
    16.0 µs for the calendar before (fixed holidays: a weekday test and two set look-ups
    a day) and 18.4 µs for asking the ``holidays`` object's own ``is_working_day`` each
    day. The first use of a year costs 1.4 ms (RU: the package computes the year), once
    per calendar and process.
    """

    jurisdiction: str
    timezone: str = "UTC"
    #: ``date.weekday()`` numbers of the weekend (5 = Saturday, 6 = Sunday).
    weekend: frozenset[int] = frozenset({5, 6})
    #: Days off of this calendar's own (besides ``official``).
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    #: Days that are working days although they fall on a weekend (transfers).
    working_weekend_days: frozenset[dt.date] = field(default_factory=frozenset)
    #: Each year's official days off and working days, or ``None``.
    official: OfficialDays | None = None
    _years: dict[int, frozenset[dt.date]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def with_holidays(self, extra: Iterable[dt.date]) -> WorkCalendar:
        return replace(self, holidays=self.holidays | frozenset(extra))

    def with_working_days(self, extra: Iterable[dt.date]) -> WorkCalendar:
        """This calendar with ``extra`` weekend days as working days."""
        return replace(self, working_weekend_days=self.working_weekend_days | frozenset(extra))

    def year(self, year: int) -> YearDays:
        """The days off besides the weekend, and the weekend days that are working days."""
        closed = self._non_working(year)
        off = {d for d in _days_of(year) if d in closed and d.weekday() not in self.weekend}
        on = {d for d in _days_of(year) if d not in closed and d.weekday() in self.weekend}
        return YearDays(frozenset(off), frozenset(on))

    def _non_working(self, year: int) -> frozenset[dt.date]:
        """The year's non-working days, computed on first use and kept."""
        found = self._years.get(year)
        if found is not None:
            return found
        official = self.official(year) if self.official is not None else YearDays()
        closed = {d for d in _days_of(year) if d.weekday() in self.weekend}
        closed -= official.working_days
        closed |= official.days_off
        closed |= {d for d in self.holidays if d.year == year}
        closed -= self.working_weekend_days
        found = self._years[year] = frozenset(closed)
        return found

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: dt.date) -> bool:
        closed = self._years.get(day.year)
        if closed is None:
            closed = self._non_working(day.year)
        return day not in closed

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        for _ in range(3660):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError(f"no working day within ten years after {day}")

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        day, remaining, year, closed = start, count, start.year, self._non_working(start.year)
        while remaining > 0:
            day += _ONE_DAY
            if day.year != year:
                year, closed = day.year, self._non_working(day.year)
            if day not in closed:
                remaining -= 1
        return day

    def today(self, now: dt.datetime) -> dt.date:
        return now.astimezone(self.zone).date()

    def end_of_day(self, day: dt.date) -> dt.datetime:
        """The first instant after ``day`` in this time zone, as UTC."""
        nxt = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=self.zone)
        return nxt.astimezone(dt.UTC)

    def last_day(self, start: dt.date, duration: Duration, *,
                 roll_to_working_day: bool = True) -> dt.date:
        """The last day of a period of ``duration`` counted from the event on ``start``."""
        if duration.unit is Unit.WORKING_DAYS:
            return self.add_working_days(start, duration.amount)
        if duration.unit is Unit.CALENDAR_DAYS:
            end = start + dt.timedelta(days=duration.amount)
        else:
            end = add_months(start, duration.amount)
        return self.next_working_day(end) if roll_to_working_day else end

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        n, day, year, closed = 0, start, start.year, self._non_working(start.year)
        while day < end:
            day += _ONE_DAY
            if day.year != year:
                year, closed = day.year, self._non_working(day.year)
            if day not in closed:
                n += 1
        return n


def _days_of(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=n) for n in range((dt.date(year + 1, 1, 1) - first).days)]


def add_months(day: dt.date, count: int) -> dt.date:
    """The same day ``count`` months later; the month's last day if it has no such day."""
    month_index = day.month - 1 + count
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


#: Used where a jurisdiction registers no calendar of its own.
DEFAULT_CALENDAR = WorkCalendar("*")
