"""Counting time limits: calendar days, working days and months, per jurisdiction.

A limit of N units "from" an event starts counting the day after it and ends on
the last day of the period; where the jurisdiction says so, a period ending on a
non-working day moves to the next working day. A limit has expired once the
last day has passed in the jurisdiction's time zone.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo


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
class WorkCalendar:
    """Weekends plus public holidays of one jurisdiction, in its time zone."""

    jurisdiction: str
    timezone: str = "UTC"
    #: ``date.weekday()`` numbers of the weekend (5 = Saturday, 6 = Sunday).
    weekend: frozenset[int] = frozenset({5, 6})
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    #: Days that are working days although they fall on a weekend (transfers).
    working_weekend_days: frozenset[dt.date] = field(default_factory=frozenset)

    def with_holidays(self, extra: Iterable[dt.date]) -> WorkCalendar:
        return WorkCalendar(self.jurisdiction, self.timezone, self.weekend,
                            self.holidays | frozenset(extra), self.working_weekend_days)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_weekend_days:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        for _ in range(3660):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError(f"no working day within ten years after {day}")

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
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
        n = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                n += 1
        return n


def add_months(day: dt.date, count: int) -> dt.date:
    """The same day ``count`` months later; the month's last day if it has no such day."""
    month_index = day.month - 1 + count
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


#: Used where a jurisdiction registers no calendar of its own.
DEFAULT_CALENDAR = WorkCalendar("*")
