"""Oppositions (GI rules V.7; digest §7.3 O1-O17): filed by any person against a published
application, reviewed, consulted on, considered, and copied the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg.core.errors import BadUserInput, Forbidden, PreconditionFailed
from ipreg.core.model import Case
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.models import UaGiFee

D = dt.date


def opposition(app_case: Case, filing_date: str, **kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "applicationNumber": app_case.data["applicationNumber"],
        "applicationFilingDate": filing_date, "channel": "electronic",
        "feePaidOn": "2026-03-02", "feeAmount": "800",
        "opponent": {"name": "ТОВ «Карпатські сири»", "personType": "legal",
                     "postalAddress": "вул. Січових Стрільців, 5, Івано-Франківськ"},
        "correspondence": {"addressee": "ТОВ «Карпатські сири»", "postalAddress":
                           "вул. Січових Стрільців, 5", "country": "UA",
                           "phone": "+380 342 00 00 00", "email": "law@syry.example"},
        "claims": "Відмовити в реєстрації", "circumstances": "Назва є родовою",
        "evidence": "Словники", "legalProvisions": "ст. 8 Закону",
        "attachments": ["ДСТУ"], "evidenceAttached": True,
        "signature": {"signer": "Іван Коваль", "position": "Директор",
                      "signedOn": "2026-03-02"}}
    data.update(kw)
    return data


async def published(gi) -> tuple[Case, str]:
    case = await gi.to_published(0)
    async with gi.rt.sessionmaker() as session:
        app = await register.application(session, case.id)
        return case, app.filing_date.isoformat()


async def _consequences(gi) -> list[str]:
    return [a["consequence"] for a in await gi.tick() if a["consequence"]]


@pytest.mark.legal("GI rules V.7.1", "GI rules V.7.2", "GI rules V.7.3", "GI rules V.7.5",
                   "GI rules V.7.6", "GI rules V.7.7", "GI rules V.7.11", "GI rules V.7.12",
                   "GI rules V.8.7", "GI rules V.10.4", "GI rules V.10.6", "GI rules VII.2",
                   "VO-01", "VO-02", "VQ-09")
async def test_an_opposition_through_consultations_to_the_decision_copy(gi) -> None:
    """O1, O2, O10, the reply, O11, O12, O14, O17: the applicant answers and extends the
    consultations on its own case; the panel dismisses; the decision goes to the opponent,
    whose 2-month appeal period starts."""
    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                        transition="UA.GI.T26")
    assert opp.state == "filed" and opp.applicant_id == gi.cast.opponent_party
    opp = await gi.act(opp.id, "UA.GI.O02", "examiner")
    assert opp.state == "accepted"
    async with gi.rt.sessionmaker() as session:        # §3.4: the notice is a file item
        kinds = [(i.direction, i.kind) for i in await register.file_items(session, case.id)]
    assert ("in", "opposition") in kinds and ("out", "opposition_accepted") in kinds
    opp = await gi.act(opp.id, "UA.GI.O10", "examiner")
    assert opp.state == "consultations"
    assert ("opposition_copy", case.applicant_id, "applicant") in await gi.notices(opp.id)
    with pytest.raises(Forbidden):
        await gi.act(opp.id, "UA.GI.O11", "applicant", {"months": 1})
    await gi.act(case.id, "UA.GI.OPP.REPLY", "applicant", {
        "opposition": opp.number, "kind": "refute", "text": "Назва не є родовою"})
    before = (await gi.deadline(opp.id, "consultations")).due_on
    await gi.act(case.id, "UA.GI.OPP.EXTEND", "applicant", {"opposition": opp.number,
                                                            "months": 3})
    extended = await gi.deadline(opp.id, "consultations")
    assert extended.due_on > before and extended.history[-1]["action"] == "extended"
    with pytest.raises(PreconditionFailed, match="once"):
        await gi.act(case.id, "UA.GI.OPP.EXTEND", "applicant", {"opposition": opp.number})
    with pytest.raises(PreconditionFailed, match="A-14"):
        gi.advance(days=95)
        await gi.tick()
        await gi.act(case.id, "UA.GI.T27", "examiner")
    await gi.act(case.id, "UA.GI.OPP.NO_AGREEMENT", "applicant", {
        "opposition": opp.number, "notice": "Згоди не досягнуто"})
    assert (await gi.case(opp.id)).state == "consultations_closed_no_agreement"
    await gi.act(case.id, "UA.GI.T27", "examiner")
    with pytest.raises(PreconditionFailed, match="not yet considered"):
        await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    await gi.act(opp.id, "UA.GI.O14.DISMISS", "examiner", {"reasons": "Не доведено"})
    await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    opp = await gi.case(opp.id)
    assert opp.state == "decision_sent"
    assert (await gi.deadline(opp.id, "appeal_opponent")).status == "running"
    assert ("decision_copy", gi.cast.opponent_party, "opponent") in await gi.notices(case.id)


@pytest.mark.legal("GI rules V.7.8", "GI rules V.7.9", "GI rules V.7.10", "VO-07",
                   "GI rules V.7.4")
async def test_preliminary_review_outcomes(gi) -> None:
    """O3 (no fee), O4 (late, refunded), O5-O6 (deficiencies cured), O5-O7 (not cured, not
    considered, refunded); an opposition naming no published application is refused."""
    case, filed = await published(gi)
    with pytest.raises(BadUserInput, match="VO-03"):
        await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(
            case, "2020-01-01")}, transition="UA.GI.T26")
    unpaid = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(
        case, filed, feePaidOn=None)}, transition="UA.GI.T26")
    with pytest.raises(PreconditionFailed, match="VO-02"):
        await gi.act(unpaid.id, "UA.GI.O02", "examiner")
    assert (await gi.act(unpaid.id, "UA.GI.O03", "examiner")).state == "deemed_not_filed"

    deficient = await gi.open("UA.GI.OPP", "other_opponent", {"opposition": opposition(
        case, filed, evidenceAttached=False)}, transition="UA.GI.T26")
    with pytest.raises(PreconditionFailed, match="VO-06"):
        await gi.act(deficient.id, "UA.GI.O02", "examiner")
    await gi.act(deficient.id, "UA.GI.O05", "examiner")
    with pytest.raises(BadUserInput, match="VO-06"):
        await gi.act(deficient.id, "UA.GI.O06", "other_opponent",
                     {"opposition": opposition(case, filed, evidenceAttached=False)})
    cured = await gi.act(deficient.id, "UA.GI.O06", "other_opponent",
                         {"opposition": opposition(case, filed)})
    assert cured.state == "accepted"

    uncured = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(
        case, filed, claims=None)}, transition="UA.GI.T26")
    await gi.act(uncured.id, "UA.GI.O05", "examiner")
    gi.advance(days=95)
    late = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(
        case, filed, feePaidOn=None, postedOn=None)}, transition="UA.GI.T26")
    assert "UA.GI.O07" in await _consequences(gi)
    assert (await gi.case(uncured.id)).state == "not_considered"
    gi.advance(days=1)
    late_paid = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(
        case, filed, feePaidOn=gi.clock().date().isoformat())}, transition="UA.GI.T26")
    assert (await gi.act(late_paid.id, "UA.GI.O04", "examiner")).state == "deemed_not_filed"
    async with gi.rt.sessionmaker() as session:
        fees = {f.case_id: f.status for f in (await session.execute(
            UaGiFee.__table__.select().where(UaGiFee.kind == "opposition"))).all()}
    assert fees[uncured.id] == "refunded" and fees[late_paid.id] == "refunded"
    assert late.state == "filed"


@pytest.mark.legal("GI rules V.7.13", "GI rules V.7.14")
async def test_withdrawals_on_both_sides(gi) -> None:
    """O8/O9 (held, then not accepted with refund, A-35), O15 (withdrawn by the opponent,
    no refund), O16 (moot when the applicant withdraws, opponent told)."""
    case, filed = await published(gi)
    held = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                         transition="UA.GI.T26")
    accepted = await gi.open("UA.GI.OPP", "other_opponent",
                             {"opposition": opposition(case, filed)}, transition="UA.GI.T26")
    await gi.act(accepted.id, "UA.GI.O02", "examiner")
    withdrawn = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                              transition="UA.GI.T26")
    await gi.act(withdrawn.id, "UA.GI.O02", "examiner")
    assert (await gi.act(withdrawn.id, "UA.GI.O15", "opponent")).state == "withdrawn"
    await gi.act(case.id, "UA.GI.T23", "examiner", {"reasons": "Сумнів"})
    gi.advance(days=100)
    assert "UA.GI.T25" in await _consequences(gi)
    assert (await gi.act(held.id, "UA.GI.O08", "examiner")).state == "on_hold"
    gi.advance(days=200)
    assert "UA.GI.T41" in await _consequences(gi)
    assert (await gi.case(held.id)).state == "not_accepted"
    assert (await gi.case(accepted.id)).state == "accepted"

    other, filed2 = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(other, filed2)},
                        transition="UA.GI.T26")
    await gi.act(opp.id, "UA.GI.O02", "examiner")
    await gi.act(other.id, "UA.GI.T39", "applicant")
    assert (await gi.case(opp.id)).state == "moot"
    assert ("application_withdrawn", gi.cast.opponent_party, "opponent") in await gi.notices(
        opp.id)


@pytest.mark.legal("GI rules V.7.12", "GI rules V.7.11")
async def test_consultations_end_and_without_a_notice_go_to_consideration(gi) -> None:
    """A-15: the period ends (O13.END), the completion notice is due a month later, without
    it the opposition goes to consideration (O13.LAPSE); an agreement closes it (O12) and the
    panel may uphold (O14.UPHOLD)."""
    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                        transition="UA.GI.T26")
    agreed = await gi.open("UA.GI.OPP", "other_opponent",
                           {"opposition": opposition(case, filed)}, transition="UA.GI.T26")
    for o in (opp, agreed):
        await gi.act(o.id, "UA.GI.O02", "examiner")
        await gi.act(o.id, "UA.GI.O10", "examiner")
    await gi.act(case.id, "UA.GI.OPP.AGREED", "applicant", {
        "opposition": agreed.number, "notice": "Згоди досягнуто", "letters": "Листи сторін"})
    assert (await gi.case(agreed.id)).state == "consultations_closed_agreed"
    gi.advance(days=130)
    assert "UA.GI.O13.END" in await _consequences(gi)
    assert (await gi.case(opp.id)).state == "consultations_ended"
    gi.advance(days=40)
    assert "UA.GI.O13.LAPSE" in await _consequences(gi)
    assert (await gi.case(opp.id)).state == "consultations_closed_no_agreement"
    await gi.act(case.id, "UA.GI.T27", "examiner")
    await gi.act(opp.id, "UA.GI.O14.UPHOLD", "examiner", {"reasons": "Доведено родовий "
                                                          "характер"})
    await gi.act(agreed.id, "UA.GI.O14.DISMISS", "examiner", {"reasons": "Згода"})
    await gi.act(case.id, "UA.GI.T32", "examiner", {"conclusion": "Заперечення обґрунтоване"})
    assert (await gi.case(opp.id)).state == "decision_sent"


OPPOSE = """mutation($o: UaGiOppositionInput!) { uaGiFileOpposition(opposition: $o) {
  opposition { id number state applicationNumber datedOn opponentName availableActs } } }"""


@pytest.mark.legal("GI rules V.7.1", "GI rules V.7.7", "GI rules V.7.11")
async def test_through_graphql_the_opponent_files_and_the_parties_act_by_role(gi) -> None:
    """``uaGiFileOpposition`` as the opponent; the examiner accepts it; the applicant answers
    on its own case; the opponent may not act for the applicant nor the applicant for the
    opponent."""
    case, filed = await published(gi)
    data = opposition(case, filed)
    assert gi.code_of(await gi.gql(OPPOSE, {"o": data})) == "UNAUTHENTICATED"
    answer = await gi.gql(OPPOSE, {"o": data}, "opponent")
    assert answer.get("errors") is None, answer
    filed_opp = answer["data"]["uaGiFileOpposition"]["opposition"]
    assert filed_opp["state"] == "filed" and filed_opp["applicationNumber"] == "i202600001"
    assert set(filed_opp["availableActs"]) == {"UA.GI.O15", "UA.GI.O.RCPT"}  # its own
    opp_id = int((await gi.case_ids_of("UA.GI.OPP"))[0])
    assert gi.code_of(await gi.perform(opp_id, {"o02": True}, "opponent",
                                       "UaGiOppositionCase")) == "FORBIDDEN"
    answer = await gi.perform(opp_id, {"o02": True}, "examiner", "UaGiOppositionCase")
    assert answer["data"]["uaGiPerform"]["opposition"]["state"] == "accepted"
    await gi.perform(opp_id, {"o10": True}, "examiner", "UaGiOppositionCase")
    number = filed_opp["number"]
    reply = {"oppReply": {"opposition": number, "kind": "refute", "text": "Назва не родова"}}
    assert gi.code_of(await gi.perform(case.id, reply, "opponent")) == "FORBIDDEN"
    answer = await gi.perform(case.id, reply, "applicant")
    assert answer.get("errors") is None, answer
    assert (await gi.deadline(opp_id, "opposition_reply")).status == "met"


async def test_a_withdrawal_after_the_decision_leaves_the_decided_opposition_as_it_is(gi):
    """VI.5.1: withdrawal before registration, also after the decision; an opposition whose
    decision copy was sent keeps its appeal period (only pending ones become moot)."""
    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                        transition="UA.GI.T26")
    await gi.act(opp.id, "UA.GI.O02", "examiner")
    await gi.act(opp.id, "UA.GI.O10", "examiner")
    await gi.act(case.id, "UA.GI.OPP.AGREED", "applicant", {
        "opposition": opp.number, "notice": "Згода", "letters": "Листи"})
    gi.advance(days=95)
    await gi.tick()                               # T27: the agreed opposition is not open
    assert (await gi.case(case.id)).state == "substantive_examination"
    await gi.act(opp.id, "UA.GI.O14.DISMISS", "examiner", {"reasons": "Згода"})
    await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    assert (await gi.act(case.id, "UA.GI.T39", "applicant")).state == "withdrawn"
    assert (await gi.case(opp.id)).state == "decision_sent"


def _seq(case: Case, addressee: str) -> int:
    return max(int(k) for k, v in case.data["awaitingReceipt"].items()
               if v["addressee"] == addressee)


@pytest.mark.legal("GI rules IV.8", "GI rules IV.9", "GI rules IV.11", "GI rules V.7.10")
async def test_the_opponent_s_receipt_is_recorded_and_its_limit_counts_from_it(gi) -> None:
    """IV.9 ¶1: the opponent confirms the deficiency notice in its cabinet; the 2 months of
    V.7.10 count from that day (until then from the deemed receipt, IV.9 ¶2). It cannot
    confirm a notice addressed to the applicant; malformed input changes nothing."""
    from ipreg.plugins.ukraine.gi.correspondence import deemed_cabinet_receipt
    from ipreg.plugins.ukraine.gi.terms import last_day

    calendar = gi.rt.procedures.calendar("ua_gi")
    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(
        case, filed, claims=None)}, transition="UA.GI.T26")
    opp = await gi.act(opp.id, "UA.GI.O05", "examiner")
    seq = _seq(opp, "opponent")
    sent = gi.clock().date()
    cure = await gi.deadline(opp.id, "opposition_cure")
    deemed = cure.due_on                                 # from the deemed receipt (IV.9 ¶2)
    assert cure.starts_on == deemed_cabinet_receipt(sent) > sent
    assert deemed == last_day(calendar, cure.starts_on, "opposition_cure")
    async with gi.rt.sessionmaker() as session:
        items = {i.seq: i for i in await register.file_items(session, case.id)}
    assert items[seq].kind == "opposition_deficiencies"
    assert items[seq].channel == "personal_cabinet"          # the opponent filed electronically
    gi.advance(days=4)
    before = await gi.snapshot(opp.id)
    with pytest.raises(BadUserInput, match="basis"):
        await gi.act(opp.id, "UA.GI.O.RCPT", "opponent", {"item": seq, "basis": "pigeon"})
    with pytest.raises(BadUserInput, match="awaits no receipt"):
        await gi.act(opp.id, "UA.GI.O.RCPT", "opponent", {
            "item": seq + 50, "basis": "cabinet_confirmation"})
    assert await gi.snapshot(opp.id) == before
    answer = await gi.perform(opp.id, {"oRcpt": {"item": seq,
                                                 "basis": "cabinet_confirmation"}},
                              "opponent", "UaGiOppositionCase")
    assert answer.get("errors") is None, answer
    cure = await gi.deadline(opp.id, "opposition_cure")
    assert cure.starts_on == gi.clock().date() and cure.history[-1]["action"] == "recounted"
    assert cure.due_on == last_day(calendar, gi.clock().date(), "opposition_cure") < deemed
    assert str(seq) not in (await gi.case(opp.id)).data["awaitingReceipt"]
    async with gi.rt.sessionmaker() as session:
        receipt = (await register.file_items(session, case.id))[-1]
    assert (receipt.kind, receipt.refers_to, receipt.received_on) == (
        "receipt", seq, gi.clock().date())


@pytest.mark.legal("GI rules IV.8", "GI rules IV.9", "GI rules V.7.11", "GI rules IV.11")
async def test_consultations_count_from_the_later_receipt_of_the_two_parties(gi) -> None:
    """V.7.11 ¶6: the applicant's receipt of the copy (acknowledgment of delivery, recorded by
    the clerk) recounts its reply period; the consultations count from the later of the two
    parties' receipts, the opponent's unrecorded one being deemed (IV.9 ¶2) until it confirms
    its notice. Each party records only its own notices."""
    from ipreg.plugins.ukraine.gi.terms import last_day

    calendar = gi.rt.procedures.calendar("ua_gi")
    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                        transition="UA.GI.T26")
    await gi.act(opp.id, "UA.GI.O02", "examiner")
    opp = await gi.act(opp.id, "UA.GI.O10", "examiner")
    to_applicant, to_opponent = _seq(opp, "applicant"), _seq(opp, "opponent")
    assert opp.data["consultationNotices"] == [to_applicant, to_opponent]
    deemed = (await gi.deadline(opp.id, "consultations")).starts_on
    with pytest.raises(BadUserInput, match="addressed to the applicant"):
        await gi.act(opp.id, "UA.GI.O.RCPT", "opponent", {
            "item": to_applicant, "basis": "cabinet_confirmation"})
    answer = await gi.perform(case.id, {"oppRcpt": {"opposition": opp.number,
                                                    "item": to_opponent,
                                                    "basis": "cabinet_confirmation"}},
                              "applicant")
    assert gi.code_of(answer) == "BAD_USER_INPUT", answer
    gi.advance(days=6)
    await gi.act(case.id, "UA.GI.OPP.RCPT", "clerk", {
        "opposition": opp.number, "item": to_applicant, "basis": "acknowledgment_of_delivery",
        "receivedOn": (gi.clock().date() - dt.timedelta(days=2)).isoformat()})
    applicant_received = gi.clock().date() - dt.timedelta(days=2)
    reply = await gi.deadline(opp.id, "opposition_reply")
    assert reply.starts_on == applicant_received
    assert reply.due_on == last_day(calendar, applicant_received, "opposition_reply")
    consultations = await gi.deadline(opp.id, "consultations")
    assert consultations.starts_on == deemed > applicant_received      # the later: deemed
    gi.advance(days=5)
    answer = await gi.perform(opp.id, {"oRcpt": {"item": to_opponent,
                                                 "basis": "cabinet_confirmation"}},
                              "opponent", "UaGiOppositionCase")
    assert answer.get("errors") is None, answer
    consultations = await gi.deadline(opp.id, "consultations")
    assert consultations.starts_on == gi.clock().date() > applicant_received
    assert consultations.due_on == last_day(calendar, gi.clock().date(), "consultations")
    assert "V.7.11 ¶6" in consultations.history[-1]["basis"]
    assert (await gi.case(opp.id)).data["awaitingReceipt"] == {}


@pytest.mark.legal("GI rules IV.8", "GI rules V.10.6", "GI rules VII.2")
async def test_the_opponent_s_appeal_period_counts_from_its_receipt_of_the_decision(gi) -> None:
    """V.10.6 ¶2, VII.2: the copy of the decision goes to the opponent; the clerk records the
    date on the acknowledgment of delivery (IV.8, A-29) and the 2 months count from it."""
    from ipreg.plugins.ukraine.gi.terms import last_day

    case, filed = await published(gi)
    opp = await gi.open("UA.GI.OPP", "opponent", {"opposition": opposition(case, filed)},
                        transition="UA.GI.T26")
    await gi.act(opp.id, "UA.GI.O02", "examiner")
    await gi.act(opp.id, "UA.GI.O10", "examiner")
    await gi.act(case.id, "UA.GI.OPP.AGREED", "applicant", {
        "opposition": opp.number, "notice": "Згода", "letters": "Листи"})
    gi.advance(days=95)
    await gi.tick()
    await gi.act(opp.id, "UA.GI.O14.DISMISS", "examiner", {"reasons": "Згода"})
    await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    opp = await gi.case(opp.id)
    assert opp.state == "decision_sent"
    seq = _seq(opp, "opponent")
    assert opp.data["awaitingReceipt"][str(seq)]["limits"] == ["appeal_opponent"]
    gi.advance(days=9)
    received = gi.clock().date() - dt.timedelta(days=3)
    with pytest.raises(Forbidden):                    # not the applicant's act
        await gi.act(opp.id, "UA.GI.O.RCPT", "applicant", {
            "item": seq, "basis": "acknowledgment_of_delivery",
            "receivedOn": received.isoformat()})
    await gi.act(opp.id, "UA.GI.O.RCPT", "clerk", {
        "item": seq, "basis": "acknowledgment_of_delivery", "receivedOn": received.isoformat()})
    appeal = await gi.deadline(opp.id, "appeal_opponent")
    assert appeal.starts_on == received
    assert appeal.due_on == last_day(gi.rt.procedures.calendar("ua_gi"), received,
                                     "appeal_opponent")
