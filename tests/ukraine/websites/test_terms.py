"""Order 2945's time limits as configuration (digest §7, A-25)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg.core.errors import ConfigurationError
from ipreg.core.procedures import Unit
from ipreg.plugins.ukraine.websites.terms import CONDITIONS, TERMS, counting, limit

#: Digest §7: every period in calendar days, with its length.
PERIODS = {"T01": 15, "T02": 15, "T04": 10, "T05": 30, "T07": 10, "T08": 30, "T09": 365,
           "T11": 5, "T12": 10, "T13": 30, "T14": 10, "T15": 10, "T16": 10, "T17": 30}


@pytest.mark.legal("T01", "T02", "T04", "T05", "T07", "T08", "T09", "T11", "T12", "T13",
                   "T14", "T15", "T16", "T17", "T18", "T03", "T06", "T10", "T19", "T20")
def test_every_limit_of_section_7_is_declared_with_its_basis() -> None:
    terms = TERMS.terms({})
    for key, length in PERIODS.items():
        assert (terms[key].duration.amount, terms[key].duration.unit) == (
            length, Unit.CALENDAR_DAYS), key
        assert terms[key].legal_basis.startswith("Order 2945 ") and key in terms[key].legal_basis
    assert terms["T18"].duration.amount == 36 and terms["T18"].duration.unit is Unit.MONTHS
    assert sorted([*terms, *(c.key for c in CONDITIONS)]) == [f"T{n:02d}" for n in
                                                              range(1, 21)]


def test_a_deployment_overrides_a_term(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPREG_UA_WEBSITES_TERMS", "T05=45d")
    assert TERMS["T05"].duration.amount == 45 and not TERMS["T05"].provisional
    assert "IPREG_UA_WEBSITES_TERMS" in TERMS["T05"].source


@pytest.mark.parametrize(("raw", "roll", "deemed"), [
    ("", False, None), ("roll=yes", True, None), ("roll=no,deemed_receipt=2", False, 2)])
def test_the_counting_rule_is_configuration_with_the_digests_default(
        raw: str, roll: bool, deemed: int | None) -> None:
    rule = counting({"IPREG_UA_WEBSITES_COUNTING": raw})
    assert (rule.roll_to_working_day, rule.deemed_receipt_days) == (roll, deemed)


def test_a_malformed_counting_rule_stops_start_up() -> None:
    with pytest.raises(ConfigurationError):
        counting({"IPREG_UA_WEBSITES_COUNTING": "roll=maybe"})


def test_limits_owed_by_officials_and_receipt_based_limits(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert limit("T05").owed_by == {"ukrnoivi_examiner"}
    assert limit("T08").owed_by == {"ministry_officer"}
    assert limit("T02").owed_by == frozenset() and not limit("T02").roll_to_working_day
    monkeypatch.setenv("IPREG_UA_WEBSITES_COUNTING", "roll=yes,deemed_receipt=1")
    assert limit("T02").deemed_received_after_days == 1 and limit("T02").roll_to_working_day
    assert limit("T05").deemed_received_after_days is None


async def test_a_last_day_on_a_weekend_stays_by_default(ua: Any) -> None:
    """A-25 default: no roll-over. 2 March 2026 + 5 days is Saturday 7 March (T11)."""
    case = await ua.listed(0)
    from ipreg.core.model import Party

    async with ua.rt.sessionmaker() as session:
        party = Party(country="UA", name="Власник", party_type="legal")
        session.add(party)
        await session.commit()
    app = await ua.exclusion(case.object_id, ua.owner(party.id))
    assert (await ua.deadline(app.id, "T11")).due_on == dt.date(2026, 3, 7)


def test_the_look_back_window_of_t09_is_the_term_in_force(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """II.2.4 ¶1: infringements count within T09 (365 days by default) before filing."""
    import copy

    from ipreg.core.errors import BadUserInput
    from ipreg.plugins.ukraine.websites import samples
    from ipreg.plugins.ukraine.websites.forms import read_appeal

    today = dt.date(2026, 3, 2)
    data = samples.appeal(0, today)
    data["infringements"][0]["occurredOn"] = (today - dt.timedelta(days=200)).isoformat()
    read_appeal(copy.deepcopy(data), today)
    monkeypatch.setenv("IPREG_UA_WEBSITES_TERMS", "T09=180d")
    with pytest.raises(BadUserInput, match="more than 180 days"):
        read_appeal(data, today)
