"""Working-day calendars of the EAEU member states and Ukraine (core/procedures/countries.py).

Rule tables: the days off on weekdays and the working weekend days of each country in
2025 and 2026, with where each table was checked. Sources that could not be read here
are named as such: those rows assert what the ``holidays`` package says.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures import (
    MartialLaw,
    Transfers,
    WorkCalendar,
    country_calendar,
    load_transfers,
    working_days,
)

D = dt.date


def dates(year: int, *month_days: str) -> set[dt.date]:
    """``dates(2025, "01-01", "05-02")``."""
    return {D(year, int(md[:2]), int(md[3:])) for md in month_days}


def working_days_by_month(cal: WorkCalendar, year: int) -> list[int]:
    counts = [0] * 12
    day = D(year, 1, 1)
    while day.year == year:
        counts[day.month - 1] += cal.is_working_day(day)
        day += dt.timedelta(days=1)
    return counts


@pytest.fixture(autouse=True)
def _no_deployment_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IPREG_CALENDAR_TRANSFERS", raising=False)
    monkeypatch.delenv("IPREG_CALENDAR_UA_MARTIAL_LAW", raising=False)


# ---------------------------------------------------------------- Russia

#: The production calendar of the Russian Federation: days off on weekdays, and working
#: Saturdays. 2025: Government Decree No. 1335 of 4 October 2024 (4 and 5 January moved to
#: 2 May and 31 December; 23 February to 8 May; 8 March to 13 June; Saturday 1 November to
#: Monday 3 November), as the Government announced it. 2026: the decree signed on
#: 24 September 2025 (3 and 4 January moved to 9 January and 31 December) and Labour Code
#: Art. 112 part 2 (Sunday 8 March -> Monday 9 March, Saturday 9 May -> Monday 11 May);
#: its number could not be read here.
RU = {
    2025: (dates(2025, "01-01", "01-02", "01-03", "01-06", "01-07", "01-08", "05-01", "05-02",
                 "05-08", "05-09", "06-12", "06-13", "11-03", "11-04", "12-31"),
           dates(2025, "11-01")),
    2026: (dates(2026, "01-01", "01-02", "01-05", "01-06", "01-07", "01-08", "01-09", "02-23",
                 "03-09", "05-01", "05-11", "06-12", "11-04", "12-31"),
           set()),
}
#: What the calendar of fixed holidays (Art. 112 part 1 only) missed.
RU_MISSED = {2025: dates(2025, "05-02", "05-08", "06-13", "11-03", "12-31"),
             2026: dates(2026, "01-09", "03-09", "05-11", "12-31")}


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_russian_calendar_is_the_production_calendar(year: int) -> None:
    days_off, working_saturdays = RU[year]
    found = country_calendar("RU").year(year)
    assert found.days_off == days_off
    assert found.working_days == working_saturdays


def test_the_russian_calendar_counts_247_working_days_in_2025_and_2026() -> None:
    cal = country_calendar("RU")
    # 2025: 247 working days and 118 days off (the Government's announcement); January 17.
    assert sum(working_days_by_month(cal, 2025)) == 247
    assert working_days_by_month(cal, 2025)[0] == 17
    # 2026: the month-by-month table of the production calendar (five-day week).
    assert working_days_by_month(cal, 2026) == [15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22]


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_fixed_holidays_alone_missed_the_transfers_and_the_carry_over(year: int) -> None:
    fixed = WorkCalendar("ru-fixed", holidays=frozenset(
        D(year, m, d) for m, d in ((1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7),
                                   (1, 8), (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4))))
    real = country_calendar("RU")
    missed = {d for d in RU[year][0] if fixed.is_working_day(d)}
    assert missed == RU_MISSED[year]
    assert all(not real.is_working_day(d) for d in missed)


def test_a_working_saturday_counts_as_a_working_day() -> None:
    cal = country_calendar("RU", jurisdiction="eaeu")
    assert cal.is_working_day(D(2025, 11, 1))  # Saturday, moved to Monday 3 November
    assert not cal.is_working_day(D(2025, 11, 3))
    # Thursday 30 October 2025 + 2 working days: Friday 31, Saturday 1 November
    assert cal.last_day(D(2025, 10, 30), working_days(2)) == D(2025, 11, 1)
    # Friday 31 October + 2: Saturday 1 November, then (3 and 4 November off) Wednesday 5
    assert cal.last_day(D(2025, 10, 31), working_days(2)) == D(2025, 11, 5)
    assert cal.count_working_days(D(2025, 10, 31), D(2025, 11, 5)) == 2


def test_art_112_carries_a_holiday_on_a_weekend_over_where_no_decree_is_known() -> None:
    """Labour Code Art. 112 part 2, in a year no release of ``holidays`` has a decree for."""
    year = next(y for y in range(2090, 2100) if D(y, 5, 9).weekday() == 5)  # Saturday 9 May
    cal = country_calendar("RU")
    assert not cal.is_working_day(D(year, 5, 11))  # the next working day after it: Monday
    # ... but not for 1-8 January: the Government's decree moves those.
    new_year = next(y for y in range(2090, 2100) if D(y, 1, 3).weekday() == 5)
    assert cal.year(new_year).days_off >= {D(new_year, 1, 2), D(new_year, 1, 5)}
    assert cal.is_working_day(D(new_year, 1, 9))


def test_a_decree_moving_the_day_off_elsewhere_replaces_the_carry_over() -> None:
    year = next(y for y in range(2090, 2100) if D(y, 5, 9).weekday() == 5)
    decree = {("RU", year): Transfers(moves=((D(year, 5, 9), D(year, 12, 31)),))}
    cal = country_calendar("RU", transfers=decree)
    assert cal.is_working_day(D(year, 5, 11))
    assert not cal.is_working_day(D(year, 12, 31))


# ---------------------------------------------------------------- the other member states

#: Days off on weekdays and working weekend days per country and year, as ``holidays``
#: 0.109 has them. Checked here against: BY 2025, the production calendar (252 working
#: days, month by month, below); BY 2026, Council of Ministers Resolution No. 397 of
#: 22 July 2025 (Monday 20 April worked on Saturday 25 April) and its list of holidays;
#: KG 2026, the Ministry of Labour's list (1-7 January, 8 and 21 March, 1-9 May, 31 August,
#: Orozo and Kurman ait); KZ 2025/2026, the e-government list (carry-over of holidays on
#: a weekend, Law on holidays Art. 5). Not checked here: AM 2025-2026 (law "On holidays
#: and memorial days"; 27 January is a day off from 2026 on), KG 2025, the Islamic
#: holidays' dates (KZ 27 May 2026, KG 20 March and 27 May 2026: as announced each year).
#: KZ 2026: the e-government list of January 2026 moved Constitution Day (Sunday 30 August)
#: to Monday 31 August; ``holidays`` 0.109 has no Constitution Day in 2026 (15 March from
#: 2027, the Law on holidays as amended in 2026): unverified here either way — a deployment
#: that needs 31 August adds it with IPREG_CALENDAR_TRANSFERS.
OTHERS = {
    ("AM", 2025): ("01-01 01-02 01-06 01-28 04-24 05-01 05-09 05-28 12-31", ""),
    ("AM", 2026): ("01-01 01-02 01-06 01-27 01-28 04-24 05-01 05-28 09-21 12-31", ""),
    ("BY", 2025): ("01-01 01-02 01-06 01-07 04-28 04-29 05-01 05-09 07-03 07-04 11-07 12-25 "
                   "12-26", "01-11 04-26 07-12 12-20"),
    ("BY", 2026): ("01-01 01-02 01-07 04-20 04-21 05-01 07-03 12-25", "04-25"),
    ("KG", 2025): ("01-01 01-02 01-03 01-06 01-07 03-21 05-01 05-02 05-05 05-06 05-07 05-08 "
                   "05-09 06-06", "01-11"),
    ("KG", 2026): ("01-01 01-02 01-05 01-06 01-07 03-20 05-01 05-04 05-05 05-06 05-07 05-08 "
                   "05-27 08-31", ""),
    ("KZ", 2025): ("01-01 01-02 01-03 01-07 03-10 03-21 03-24 03-25 05-01 05-07 05-09 06-06 "
                   "07-07 09-01 10-27 12-16", "01-05"),
    ("KZ", 2026): ("01-01 01-02 01-07 03-09 03-23 03-24 03-25 05-01 05-07 05-11 05-27 07-06 "
                   "10-26 12-16", ""),
}


@pytest.mark.parametrize(("country", "year"), sorted(OTHERS))
def test_the_member_states_calendars(country: str, year: int) -> None:
    days_off, working = OTHERS[(country, year)]
    found = country_calendar(country).year(year)
    assert found.days_off == dates(year, *days_off.split())
    assert found.working_days == dates(year, *working.split())


def test_belarus_2025_counts_252_working_days_month_by_month() -> None:
    assert working_days_by_month(country_calendar("BY"), 2025) == [
        20, 20, 21, 21, 20, 21, 22, 21, 22, 23, 19, 22]


def test_each_calendar_ends_its_days_in_its_capital() -> None:
    assert country_calendar("KZ").end_of_day(D(2026, 6, 1)) == dt.datetime(
        2026, 6, 1, 19, 0, tzinfo=dt.UTC)  # Astana/Almaty: UTC+5 since 1 March 2024
    assert country_calendar("AM").end_of_day(D(2026, 6, 1)).hour == 20
    assert country_calendar("RU", timezone="Asia/Vladivostok").end_of_day(
        D(2026, 6, 1)).hour == 14
    with pytest.raises(ConfigurationError, match="no working-day calendar for 'DE'"):
        country_calendar("DE")


# ---------------------------------------------------------------- Ukraine

#: Labour Code of Ukraine Art. 73 in 2025: 1 Jan, 8 Mar (Sat), Easter 20 Apr (Sun), 1 May,
#: 8 May, Trinity 8 Jun (Sun), 28 Jun (Sat), 15 Jul, 24 Aug (Sun), 1 Oct, 25 Dec; Art. 67
#: part 3 moves the day off of one on a weekend to the next working day.
UA_2025_PEACE = dates(2025, "01-01", "03-10", "04-21", "05-01", "05-08", "06-09", "06-30",
                      "07-15", "08-25", "10-01", "12-25")


def test_under_martial_law_ukraines_holidays_are_working_days() -> None:
    """Law No. 2136-IX Art. 6 part 6 (since 24 March 2022): Art. 67 parts 3-5 and 71-73 of
    the Labour Code do not apply."""
    cal = country_calendar("UA")
    assert cal.year(2025).days_off == set()
    assert cal.year(2026).days_off == set()
    assert cal.is_working_day(D(2022, 5, 2))  # 1 May 2022 (Sunday): not carried over
    assert not cal.is_working_day(D(2022, 3, 8))  # before the law came into force
    assert not cal.is_working_day(D(2021, 8, 24))  # before martial law


def test_the_martial_law_rule_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPREG_CALENDAR_UA_MARTIAL_LAW", "not_applied")
    assert country_calendar("UA").year(2025).days_off == UA_2025_PEACE
    # Martial law ended on 30 June 2025: the holidays from 1 July on are days off again.
    monkeypatch.setenv("IPREG_CALENDAR_UA_MARTIAL_LAW", "2025-06-30")
    assert country_calendar("UA").year(2025).days_off == {
        d for d in UA_2025_PEACE if d >= D(2025, 7, 1)}
    monkeypatch.setenv("IPREG_CALENDAR_UA_MARTIAL_LAW", "in_force")
    assert country_calendar("UA").year(2025).days_off == set()
    monkeypatch.setenv("IPREG_CALENDAR_UA_MARTIAL_LAW", "ended")
    with pytest.raises(ConfigurationError, match="IPREG_CALENDAR_UA_MARTIAL_LAW must be"):
        country_calendar("UA")
    assert MartialLaw(until=D(2025, 6, 30)).covers(D(2025, 6, 30))
    assert not MartialLaw(until=D(2025, 6, 30)).covers(D(2025, 7, 1))


# ---------------------------------------------------------------- a deployment's transfers

DECREE_2099 = """
# A decree published after the installed release of `holidays`.
[RU.2099]
source = "Government decree of 1 October 2098"
transfers = [[2099-01-03, 2099-05-04], ["2099-01-04", "2099-12-31"], [2099-11-07, 2099-11-02]]
days_off = [2099-06-15]
working_days = [2099-03-09]

[UA.2099]
days_off = [2099-08-25]
"""


def test_a_deployment_adds_official_transfers_as_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "transfers.toml"
    path.write_text(DECREE_2099)
    monkeypatch.setenv("IPREG_CALENDAR_TRANSFERS", str(path))
    ru = country_calendar("RU")
    assert ru.year(2099).days_off >= {D(2099, 5, 4), D(2099, 12, 31), D(2099, 11, 2),
                                      D(2099, 6, 15)}
    assert ru.is_working_day(D(2099, 11, 7))  # the Saturday worked instead of 2 November
    assert ru.is_working_day(D(2099, 3, 9))  # the carry-over of 8 March (Sunday) cancelled
    assert not country_calendar("UA").is_working_day(D(2099, 8, 25))
    assert load_transfers(path)[("RU", 2099)].source == "Government decree of 1 October 2098"


@pytest.mark.parametrize(("text", "message"), [
    ("[DE.2099]\ndays_off = [2099-01-01]", r"\[DE\] is not a table of one of"),
    ("[RU.next]\ndays_off = [2099-01-01]", r"\[RU.next\] must be a table named by a year"),
    ("[RU.2099]\ndays_of = [2099-01-01]", r"unknown keys \['days_of'\]"),
    ("[RU.2099]\ndays_off = [2098-01-01]", "dates of another year"),
    ("[RU.2099]\ndays_off = ['1 May']", "'1 May' is not a date"),
    ("[RU.2099]\ndays_off = [2099-05-04]\nworking_days = [2099-05-04]",
     "both a day off and a working day"),
    ("[RU.2099]\ntransfers = [[2099-05-04]]", "is not a pair"),
    ("[RU.2099\n", "is not TOML"),
])
def test_a_wrong_transfers_file_is_refused_with_the_place(
        tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "transfers.toml"
    path.write_text(text)
    with pytest.raises(ConfigurationError, match=message):
        load_transfers(path)
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_transfers(tmp_path / "missing.toml")


@pytest.mark.hook("ipreg_register_calendars")
def test_the_ukrainian_registers_count_in_kyiv_on_ukraines_calendar() -> None:
    from ipreg.plugins.ukraine.customs import plugin as customs
    from ipreg.plugins.ukraine.websites import plugin as websites

    for plugin, jurisdiction in ((customs, "ua_customs"), (websites, "ua_websites")):
        [cal] = plugin.ipreg_register_calendars()
        assert (cal.jurisdiction, cal.timezone) == (jurisdiction, "Europe/Kyiv")
        assert cal.is_working_day(D(2026, 8, 24))  # Independence Day, under martial law
