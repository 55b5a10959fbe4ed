"""Counting time limits: calendar days, working days, months, non-working days."""

from __future__ import annotations

import datetime as dt

from sample_procedure import CALENDAR

from ipreg.core.procedures import WorkCalendar, YearDays, add_months, days, months, working_days

D = dt.date


def test_working_days_skip_weekends_and_public_holidays() -> None:
    # Tue 2025-12-30 + 3 working days: Wed 31, (Thu 1 Jan holiday), Fri 2, (weekend), Mon 5
    assert CALENDAR.last_day(D(2025, 12, 30), working_days(3)) == D(2026, 1, 5)


def test_a_working_saturday_counts_and_a_calendar_lists_its_days() -> None:
    # Thu 2026-01-08 + 2 working days: Fri 9, Sat 10 (a working Saturday)
    assert CALENDAR.last_day(D(2026, 1, 8), working_days(2)) == D(2026, 1, 10)
    assert CALENDAR.count_working_days(D(2026, 1, 8), D(2026, 1, 12)) == 3
    assert CALENDAR.year(2026) == YearDays(
        frozenset({D(2026, 1, 1), D(2026, 1, 7), D(2026, 3, 9)}),
        frozenset({D(2026, 1, 10)}))
    # the calendar's own days win over the official ones, and can be added
    official = WorkCalendar("x", official=lambda year: YearDays(
        frozenset({D(year, 5, 4)}), frozenset({D(year, 5, 9)})))
    assert not official.is_working_day(D(2026, 5, 4))
    assert official.is_working_day(D(2026, 5, 9))
    assert official.with_holidays([D(2026, 5, 9)]).is_working_day(D(2026, 5, 9)) is False
    assert official.with_working_days([D(2026, 5, 10)]).is_working_day(D(2026, 5, 10))


def test_a_period_ending_on_a_non_working_day_moves_to_the_next_working_day() -> None:
    # 2026-02-27 (Fri) + 8 days = Sat 2026-03-07 -> Sun 8 -> Mon 9 is a holiday -> Tue 10
    assert CALENDAR.last_day(D(2026, 2, 27), days(8)) == D(2026, 3, 10)
    assert CALENDAR.last_day(D(2026, 2, 27), days(8), roll_to_working_day=False) == D(2026, 3, 7)


def test_months_keep_the_day_or_take_the_last_day_of_a_shorter_month() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)
    assert CALENDAR.last_day(D(2026, 1, 31), months(2), roll_to_working_day=False) == D(
        2026, 3, 31)


def test_a_limit_expires_at_the_end_of_its_last_day_in_the_jurisdictions_zone() -> None:
    end = CALENDAR.end_of_day(D(2026, 6, 1))
    assert end == dt.datetime(2026, 6, 1, 21, 0, tzinfo=dt.UTC)  # midnight in Kyiv (UTC+3)
    assert CALENDAR.today(dt.datetime(2026, 6, 1, 21, 30, tzinfo=dt.UTC)) == D(2026, 6, 2)
