"""Working-day calendars of the EAEU member states and Ukraine: the ``holidays`` package,
the rules it leaves to us, and the official transfers a deployment adds as data.

:func:`country_calendar` builds a :class:`~.calendar.WorkCalendar` for ``AM``, ``BY``,
``KG``, ``KZ``, ``RU`` or ``UA`` in the country's time zone (or another, e.g. the time
zone of an authority). A year's days are, in this order:

1. the public holidays, carried-over days off and transfers of the ``holidays``
   package (its release names the decrees it follows; ``pip install -U holidays``
   brings the ones published since);
2. the rules the package leaves to us:

   * **RU**, Labour Code Art. 112 part 2: a weekend day that falls on a non-working
     holiday other than 1-8 January moves to the next working day after the holiday.
     The package writes these days year by year; for a year it does not know yet
     (nothing but the holidays of Art. 112 part 1) the rule is applied here;
   * **UA**, martial law (:class:`MartialLaw`): Law of Ukraine No. 2136-IX of
     15.03.2022, Art. 6 part 6 (in force since 24.03.2022): while martial law lasts,
     Labour Code Art. 67 parts 3-5 (carry-over and transfers) and Art. 71-73 (the
     public holidays) do not apply: the holidays are working days. The package models
     that from 2022 on; ``IPREG_CALENDAR_UA_MARTIAL_LAW`` says when it ended
     (``2027-05-31``: the last day of martial law) or that it is not applied
     (``not_applied``); outside martial law the holidays of Art. 73 are days off and
     one on a weekend moves to the next working day (Art. 67 part 3);

3. the deployment's file named by ``IPREG_CALENDAR_TRANSFERS`` (:func:`load_transfers`):
   per country and year, ``days_off``, ``working_days`` and ``transfers`` (pairs
   ``[from, to]``: the day off on ``from`` moves to ``to``), as the government's decree
   says. It wins over 1 and 2.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures.calendar import WorkCalendar, YearDays

#: The countries :func:`country_calendar` knows, with their time zones.
COUNTRY_ZONES: Mapping[str, str] = {
    "AM": "Asia/Yerevan",
    "BY": "Europe/Minsk",
    "KG": "Asia/Bishkek",
    "KZ": "Asia/Almaty",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
}

TRANSFERS_VARIABLE = "IPREG_CALENDAR_TRANSFERS"
MARTIAL_LAW_VARIABLE = "IPREG_CALENDAR_UA_MARTIAL_LAW"

#: RU Labour Code Art. 112 part 1: the non-working public holidays (month, day).
RU_HOLIDAYS = ((1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (2, 23),
               (3, 8), (5, 1), (5, 9), (6, 12), (11, 4))
#: Art. 112 part 2: weekend days on these holidays are moved by the Government's decree,
#: not to the next working day.
RU_NO_CARRY_OVER = frozenset((1, d) for d in range(1, 9))


@dataclass(frozen=True)
class MartialLaw:
    """Ukraine's martial law as it bears on working days (see the module docstring)."""

    #: Law No. 2136-IX came into force on this day.
    since: dt.date = dt.date(2022, 3, 24)
    #: The last day of martial law; ``None`` while it lasts.
    until: dt.date | None = None
    #: ``False``: count as if there were no martial law (``not_applied``).
    applied: bool = True

    basis = ("Law of Ukraine No. 2136-IX of 15.03.2022 'On the organisation of labour "
             "relations under martial law', Art. 6 part 6: Labour Code Art. 67 parts 3-5 and "
             "Art. 71-73 do not apply while martial law lasts")

    def covers(self, day: dt.date) -> bool:
        return self.applied and self.since <= day and (self.until is None or day <= self.until)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MartialLaw:
        """``in_force`` (default), ``not_applied`` or the last day of martial law."""
        raw = (os.environ if environ is None else environ).get(MARTIAL_LAW_VARIABLE, "")
        value = raw.strip().lower()
        if value in ("", "in_force"):
            return cls()
        if value == "not_applied":
            return cls(applied=False)
        try:
            return cls(until=dt.date.fromisoformat(value))
        except ValueError:
            raise ConfigurationError(
                f"{MARTIAL_LAW_VARIABLE} must be in_force, not_applied or the last day of "
                f"martial law as YYYY-MM-DD, got {raw!r}") from None


@dataclass(frozen=True)
class Transfers:
    """A deployment's official days of one country and year (see :func:`load_transfers`)."""

    days_off: frozenset[dt.date] = frozenset()
    working_days: frozenset[dt.date] = frozenset()
    #: ``(from, to)``: the day off on ``from`` moves to ``to``.
    moves: tuple[tuple[dt.date, dt.date], ...] = ()
    source: str = ""


def _dates(value: Any, where: str) -> frozenset[dt.date]:
    if not isinstance(value, list):
        raise ConfigurationError(f"{where} must be a list of dates")
    return frozenset(_date(item, where) for item in value)


def _date(item: Any, where: str) -> dt.date:
    if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
        return item
    if isinstance(item, str):
        try:
            return dt.date.fromisoformat(item)
        except ValueError:
            pass
    raise ConfigurationError(f"{where}: {item!r} is not a date (YYYY-MM-DD)")


def parse_transfers(data: Mapping[str, Any], origin: str = "transfers"
                    ) -> dict[tuple[str, int], Transfers]:
    """``{"RU": {"2028": {"days_off": [...], ...}}}`` as :class:`Transfers` by (country, year)."""
    out: dict[tuple[str, int], Transfers] = {}
    for country, years in data.items():
        if country not in COUNTRY_ZONES or not isinstance(years, dict):
            raise ConfigurationError(
                f"{origin}: [{country}] is not a table of one of {sorted(COUNTRY_ZONES)}")
        for year_key, table in years.items():
            where = f"{origin}: [{country}.{year_key}]"
            if not str(year_key).isdigit() or not isinstance(table, dict):
                raise ConfigurationError(f"{where} must be a table named by a year")
            unknown = set(table) - {"days_off", "working_days", "transfers", "source"}
            if unknown:
                raise ConfigurationError(f"{where}: unknown keys {sorted(unknown)}")
            year = int(year_key)
            entry = Transfers(
                days_off=_dates(table.get("days_off", []), f"{where} days_off"),
                working_days=_dates(table.get("working_days", []), f"{where} working_days"),
                moves=tuple(_move(pair, f"{where} transfers")
                            for pair in table.get("transfers", [])),
                source=str(table.get("source", "")),
            )
            days = (entry.days_off | entry.working_days
                    | {d for pair in entry.moves for d in pair})
            stray = sorted(d.isoformat() for d in days if d.year != year)
            if stray:
                raise ConfigurationError(f"{where}: dates of another year {stray}")
            both = (entry.days_off | {to for _, to in entry.moves}) & entry.working_days
            if both:
                raise ConfigurationError(
                    f"{where}: {sorted(d.isoformat() for d in both)} both a day off and a "
                    "working day")
            out[(country, year)] = entry
    return out


def _move(pair: Any, where: str) -> tuple[dt.date, dt.date]:
    if not isinstance(pair, list) or len(pair) != 2:
        raise ConfigurationError(f"{where}: {pair!r} is not a pair [from, to]")
    return _date(pair[0], where), _date(pair[1], where)


def load_transfers(path: str | Path | None = None) -> dict[tuple[str, int], Transfers]:
    """The TOML file ``path`` (default: ``IPREG_CALENDAR_TRANSFERS``; unset = none)::

        [RU.2028]
        source = "Government decree No. ... of ..."
        transfers = [[2028-01-01, 2028-05-02]]   # [from, to]: the day off moves
        days_off = [2028-05-08]
        working_days = [2028-11-04]
    """
    name = str(path) if path is not None else os.environ.get(TRANSFERS_VARIABLE, "").strip()
    if not name:
        return {}
    try:
        with open(name, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigurationError(f"{TRANSFERS_VARIABLE}: cannot read {name}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"{TRANSFERS_VARIABLE}: {name} is not TOML: {exc}") from exc
    return parse_transfers(data, name)


def _holidays(country: str, year: int, categories: tuple[str, ...]) -> Any:
    import holidays  # its country modules load on first use

    return holidays.country_holidays(country, years=year, categories=categories)


def _carry_over(holidays_on_weekend: Iterable[dt.date], closed: set[dt.date],
                weekend: frozenset[int]) -> None:
    """Each holiday on a weekend gives the next working day after it off (in ``closed``)."""
    for holiday in sorted(holidays_on_weekend):
        day = holiday + dt.timedelta(days=1)
        while day.weekday() in weekend or day in closed:
            day += dt.timedelta(days=1)
        closed.add(day)


@dataclass(frozen=True)
class CountryDays:
    """The official days of one country, year by year (a calendar's ``official``)."""

    country: str
    transfers: Mapping[tuple[str, int], Transfers] = field(default_factory=dict, hash=False)
    martial_law: MartialLaw = field(default_factory=MartialLaw)
    weekend: frozenset[int] = frozenset({5, 6})

    def __call__(self, year: int) -> YearDays:
        package = _holidays(self.country, year, ("public",))
        closed = set(package)
        working = {d for d in package.weekend_workdays if d.year == year}
        extra = self.transfers.get((self.country, year), Transfers())
        moved_from = {start for start, _ in extra.moves}
        if self.country == "RU":
            self._ru_carry_over(year, closed, moved_from)
        elif self.country == "UA":
            self._ua_outside_martial_law(year, closed, moved_from)
        closed -= extra.working_days
        for start, end in extra.moves:
            closed.add(end)
            if start.weekday() in self.weekend and start not in closed:
                working.add(start)
        closed |= extra.days_off
        working |= extra.working_days
        working -= extra.days_off
        return YearDays(frozenset(closed - working), frozenset(working))

    def _ru_carry_over(self, year: int, closed: set[dt.date], moved: set[dt.date]) -> None:
        """Art. 112 part 2, for a year whose decree the package does not know."""
        fixed = {dt.date(year, m, d) for m, d in RU_HOLIDAYS}
        if closed - fixed:
            return  # the package has this year's carry-overs and transfers
        _carry_over((d for d in fixed if d.weekday() in self.weekend and d not in moved
                     and (d.month, d.day) not in RU_NO_CARRY_OVER), closed, self.weekend)

    def _ua_outside_martial_law(self, year: int, closed: set[dt.date],
                                moved: set[dt.date]) -> None:
        """Labour Code Art. 73 and Art. 67 part 3 on the days martial law does not cover."""
        suspended = set(_holidays("UA", year, ("workday",)))
        restored = {d for d in suspended if not self.martial_law.covers(d)}
        closed |= restored
        _carry_over((d for d in restored if d.weekday() in self.weekend and d not in moved),
                    closed, self.weekend)


def country_calendar(country: str, *, jurisdiction: str | None = None,
                     timezone: str | None = None,
                     transfers: Mapping[tuple[str, int], Transfers] | None = None,
                     martial_law: MartialLaw | None = None) -> WorkCalendar:
    """The working-day calendar of ``country`` (``AM``, ``BY``, ``KG``, ``KZ``, ``RU``, ``UA``).

    ``jurisdiction`` names it (default: the country code), ``timezone`` is where its days
    end (default: the capital's). ``transfers`` default to the file of
    ``IPREG_CALENDAR_TRANSFERS`` and ``martial_law`` to ``IPREG_CALENDAR_UA_MARTIAL_LAW``,
    both read now: build calendars when the plugin registers them. This year and the
    next are computed now; any other year on first use (about 1.4 ms).
    """
    if country not in COUNTRY_ZONES:
        raise ConfigurationError(
            f"no working-day calendar for {country!r}: one of {sorted(COUNTRY_ZONES)}")
    official = CountryDays(
        country,
        transfers=load_transfers() if transfers is None else transfers,
        martial_law=MartialLaw.from_env() if martial_law is None else martial_law,
    )
    calendar = WorkCalendar(jurisdiction or country, timezone or COUNTRY_ZONES[country],
                            official=official)
    # Import the package and compute this year and the next now, at start-up: the first
    # use costs 0.1-0.6 s (the package's modules), too long for a request on the event loop.
    this_year = dt.date.today().year
    calendar.is_working_day(dt.date(this_year, 1, 1))
    calendar.is_working_day(dt.date(this_year + 1, 1, 1))
    return calendar


__all__ = [
    "COUNTRY_ZONES",
    "CountryDays",
    "MartialLaw",
    "Transfers",
    "country_calendar",
    "load_transfers",
    "parse_transfers",
]
