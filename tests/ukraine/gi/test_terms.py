"""Counting time limits under GI rules IV.11 and the Civil Code (digest §3.7), with the
digest's worked examples; receipt of electronic documents (IV.11 ¶3-4, III.1.11); deemed
receipt (IV.9 ¶2); the fee rules of §3.2."""

from __future__ import annotations

import datetime as dt

import pytest

from ipreg.core.procedures import months
from ipreg.plugins.ukraine.common.calendar import ukraine_calendar
from ipreg.plugins.ukraine.gi.correspondence import deemed_cabinet_receipt, receipt_on
from ipreg.plugins.ukraine.gi.fees import (
    correction_request_date,
    prepayment_valid,
    request_date,
)
from ipreg.plugins.ukraine.gi.terms import TERMS, effective_after, last_day, receipt_day

D = dt.date
KYIV = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def calendar():
    return ukraine_calendar("ua_gi")


@pytest.mark.legal("GI rules IV.11", "GI rules V.2.2")
def test_worked_example_two_months_ending_on_a_saturday(calendar) -> None:
    """Received Wed 15.01.2025; 2 months: 15.03.2025 is a Saturday, so the limit ends Mon
    17.03.2025, and the deemed withdrawal takes effect on 18.03.2025 (V.2.2 ¶3)."""
    due = last_day(calendar, D(2025, 1, 15), "formal_deficiencies")
    assert due == D(2025, 3, 17)
    assert effective_after(due) == D(2025, 3, 18)


@pytest.mark.legal("GI rules IV.11")
def test_worked_example_a_month_without_the_corresponding_date(calendar) -> None:
    """Received 31.12.2024; 2 months: no 31 February, the limit ends Fri 28.02.2025."""
    assert last_day(calendar, D(2024, 12, 31), "preliminary_reply") == D(2025, 2, 28)


@pytest.mark.legal("GI rules IV.9", "GI rules IV.11")
def test_worked_example_unconfirmed_e_document_and_the_answer_period(calendar) -> None:
    """Sent to the cabinet 31.01.2025, never confirmed: one month from sending ends
    28.02.2025, deemed received 01.03.2025 (A-27); an answer period of 2 months runs from
    02.03.2025 and ends on 01.05.2025 (a Thursday; under martial law 1 May is a working
    day, IPREG_CALENDAR_UA_MARTIAL_LAW=in_force)."""
    received = deemed_cabinet_receipt(D(2025, 1, 31))
    assert received == D(2025, 3, 1)
    assert last_day(calendar, received, "formal_deficiencies") == D(2025, 5, 1)


@pytest.mark.legal("GI rules IV.11", "VR-05")
@pytest.mark.parametrize(("moment", "received"), [
    (dt.datetime(2026, 3, 2, 17, 59, tzinfo=KYIV), D(2026, 3, 2)),   # Monday before 18:00
    (dt.datetime(2026, 3, 2, 18, 0, tzinfo=KYIV), D(2026, 3, 3)),    # after the working day
    (dt.datetime(2026, 3, 6, 23, 0, tzinfo=KYIV), D(2026, 3, 9)),    # Friday night: Monday
    (dt.datetime(2026, 3, 7, 9, 0, tzinfo=KYIV), D(2026, 3, 9)),     # Saturday: Monday
])
def test_an_electronic_document_after_hours_is_received_the_next_working_day(
        calendar, moment: dt.datetime, received: dt.date) -> None:
    """IV.11 ¶3-4, III.1.11 (VR-05): the working day before whose end it arrived."""
    assert receipt_day(moment, calendar) == received


def test_the_end_of_the_working_day_is_configuration(calendar, monkeypatch) -> None:
    monkeypatch.setenv("IPREG_UA_GI_WORKDAY_END", "17:00")
    assert receipt_day(dt.datetime(2026, 3, 2, 17, 30, tzinfo=KYIV), calendar) == D(2026, 3, 3)


@pytest.mark.legal("GI rules IV.8", "GI rules IV.9")
def test_receipt_of_a_notice_by_its_basis() -> None:
    """IV.8 ¶2: returned mail is delivered on the post office's mark; A-29: registered mail
    on the acknowledgment's date; IV.9: cabinet confirmation, or deemed."""
    sent = D(2026, 3, 2)
    assert receipt_on("returned_mail", sent_on=sent, dated_on=D(2026, 3, 20)) == D(2026, 3, 20)
    assert receipt_on("acknowledgment_of_delivery", sent_on=sent,
                      dated_on=D(2026, 3, 9)) == D(2026, 3, 9)
    assert receipt_on("cabinet_deemed", sent_on=sent, dated_on=None) == D(2026, 4, 3)
    with pytest.raises(ValueError):
        receipt_on("cabinet_confirmation", sent_on=sent, dated_on=D(2026, 3, 1))


def test_a_deployment_overrides_a_provisional_term(monkeypatch) -> None:
    """A-02: art. 14 of the Law is not in the seed: the state-duty term is provisional until
    configured."""
    assert TERMS["state_duty"].provisional
    monkeypatch.setenv("IPREG_UA_GI_TERMS", "state_duty=4m")
    term = TERMS["state_duty"]
    assert term.duration == months(4) and not term.provisional
    assert "IPREG_UA_GI_TERMS" in term.source


@pytest.mark.legal("GI rules V.7.5", "GI rules VI.2.2", "GI rules VI.2.7", "GI rules VI.3.6")
def test_the_date_of_a_fee_bearing_request() -> None:
    """V.7.5 ¶5, VI.2.2 ¶2, VI.2.7 ¶2: the filing date if the fee was paid by then, else the
    payment date; VI.3.6 ¶2 (A-18): a correction is dated by receipt, no fee for an obvious
    or technical error."""
    assert request_date(D(2026, 3, 10), D(2026, 3, 9)) == D(2026, 3, 10)
    assert request_date(D(2026, 3, 10), D(2026, 3, 12)) == D(2026, 3, 12)
    assert request_date(D(2026, 3, 10), None) is None
    assert correction_request_date(D(2026, 3, 10), None, exempt=True) == D(2026, 3, 10)
    assert correction_request_date(D(2026, 3, 10), None, exempt=False) is None


@pytest.mark.legal("VR-06", "GI rules III.1.10")
@pytest.mark.parametrize(("credited", "received", "changed", "ok"), [
    (D(2026, 1, 5), D(2026, 4, 5), None, True),
    (D(2026, 1, 5), D(2026, 4, 6), None, False),
    (D(2026, 1, 5), D(2026, 3, 1), D(2026, 2, 1), True),
    (D(2026, 1, 5), D(2026, 3, 2), D(2026, 2, 1), False),
])
def test_a_prepaid_fee_counts_within_its_window(credited, received, changed, ok) -> None:
    """III.1.10 ¶3-5, V.4.4 ¶1 (A-25): 3 months from crediting, or 1 month from a changed
    amount's entry into force."""
    assert prepayment_valid(credited, received, changed) is ok


@pytest.mark.legal("GI rules IV.2", "GI rules IV.4", "GI rules IV.6", "GI rules IV.8")
def test_where_and_how_ukrnoivi_writes() -> None:
    """IV.6: an e-application's correspondence goes to the personal cabinet; IV.8 ¶1: a
    document setting a limit by registered mail with acknowledgment; IV.4 ¶2: a foreign
    applicant without an address in Ukraine or a representative by e-mail; IV.2: to the
    representative when there is one."""
    from ipreg.plugins.ukraine.gi.correspondence import (
        addressee_is_representative,
        channel_for,
    )

    ukrainian = {"correspondence": {"postalAddress": "вул. Центральна, 1"}}
    assert channel_for("electronic", ukrainian) == "personal_cabinet"
    assert channel_for("paper_post", ukrainian) == "registered_mail_ar"
    assert channel_for("paper_direct", {}) == "email"
    assert addressee_is_representative({"representative": {"name": "Мельник"}})
    assert not addressee_is_representative(ukrainian)
