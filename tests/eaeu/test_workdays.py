"""The Commission's time limits in working days are counted on the Russian production
calendar (plugins/eaeu/workdays.py): transfers, the Labour Code Art. 112 carry-over, and
the transfers a deployment adds as data (IPREG_CALENDAR_TRANSFERS)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ipreg.plugins.eaeu.workdays import calendar
from ipreg.testing.procedures import Clock

PRC = "P.SP.01.PRC.001"


@pytest.fixture
def ipreg_clock() -> Clock:
    return Clock(dt.datetime(2026, 4, 27, 8, 0, tzinfo=dt.UTC))  # Monday, 11:00 in Moscow


@pytest.fixture(autouse=True)
def _transfers(request: pytest.FixtureRequest, tmp_path: Path,
               monkeypatch: pytest.MonkeyPatch) -> None:
    """The deployment's file, for the test that says so in its name (before the runtime)."""
    if "deployment" in request.node.name:
        path = tmp_path / "transfers.toml"
        path.write_text('[RU.2026]\nsource = "a decree of the example"\n'
                        "days_off = [2026-05-12]\n")
        monkeypatch.setenv("IPREG_CALENDAR_TRANSFERS", str(path))
    else:
        monkeypatch.delenv("IPREG_CALENDAR_TRANSFERS", raising=False)


@pytest.mark.legal("P.SP.01.OPR.001", "Regs item 23")
async def test_the_formal_check_skips_the_day_off_carried_over_from_victory_day(
        eaeu: Any) -> None:
    case = await eaeu.open(PRC, eaeu.applicant, {"forms": [eaeu.form()]})
    # Regs item 23, 10 working days from Monday 27 April 2026: 28-30 April, 4-8 May,
    # (Saturday 9 May: Monday 11 May is off, Art. 112 part 2), 12 and 13 May.
    assert (await eaeu.deadline(case.id, "formalCheck")).due_on == dt.date(2026, 5, 13)


@pytest.mark.legal("P.SP.01.OPR.001", "Regs item 23")
async def test_the_formal_check_skips_a_day_off_the_deployment_added(eaeu: Any) -> None:
    case = await eaeu.open(PRC, eaeu.applicant, {"forms": [eaeu.form()]})
    assert (await eaeu.deadline(case.id, "formalCheck")).due_on == dt.date(2026, 5, 14)


@pytest.mark.hook("ipreg_register_calendars")
def test_the_commission_counts_in_moscow_on_the_russian_calendar() -> None:
    cal = calendar()
    assert (cal.jurisdiction, cal.timezone) == ("eaeu", "Europe/Moscow")
    assert cal.is_working_day(dt.date(2025, 11, 1))  # a working Saturday
    assert not cal.is_working_day(dt.date(2025, 12, 31))
