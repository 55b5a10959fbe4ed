"""The application from filing to decision (GI rules III.1-III.2, V.1-V.10; digest §7.2
transitions 1-35), each transition performed by its role, refusals changing nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ipreg.core.errors import (
    BadUserInput,
    Forbidden,
    PreconditionFailed,
    TimeLimitExpired,
)
from ipreg.core.model import AuditRecord, IPObject
from ipreg.plugins.ukraine.gi import register
from ipreg.plugins.ukraine.gi.models import UaGiApplication, UaGiFileItem

D = dt.date


async def _app(gi, case_id: int) -> UaGiApplication:
    async with gi.rt.sessionmaker() as session:
        return await register.application(session, case_id)


async def _consequences(gi) -> list[str]:
    return [a["consequence"] for a in await gi.tick() if a["consequence"]]


async def _items(gi, case_id: int) -> list[UaGiFileItem]:
    async with gi.rt.sessionmaker() as session:
        return await register.file_items(session, case_id)


@pytest.mark.legal("GI rules III.1.1", "GI rules III.2.1", "GI rules III.2.2",
                   "GI rules III.2.3", "GI rules III.2.4", "GI rules V.1.1", "GI rules V.3.1",
                   "GI rules V.4.2", "GI rules V.4.1", "GI rules V.3.2", "GI rules V.5.1",
                   "GI rules V.6.1", "GI rules V.2.1", "GI rules V.8.1", "GI rules V.10.2",
                   "GI rules V.10.5", "GI rules V.10.6", "GI rules VI.3.11", "GI rules V.10.1",
                   "GI rules V.2.3")
async def test_a_paper_application_from_filing_to_registration(gi) -> None:
    """Transitions 1, 5, 9, 10, 15, 27, 31, 34: numbered `i` + year + five digits, the
    acknowledgment and every notice in the append-only file, the filing fee due from the
    filing date, published, examined after the opposition period, registered."""
    case = await gi.file(0)
    assert case.state == "received"
    app = await _app(gi, case.id)
    assert app.number == "i202600001" and app.received_on == D(2026, 3, 2)
    second = await gi.file(1)
    assert (await _app(gi, second.id)).number == "i202600002"
    with pytest.raises(PreconditionFailed, match="earlier"):
        await gi.act(second.id, "UA.GI.T05", "clerk")
    await gi.act(case.id, "UA.GI.T05", "clerk")
    await gi.act(second.id, "UA.GI.T05", "clerk")
    first_examiner = (await _app(gi, case.id)).examiner
    assert {first_examiner, (await _app(gi, second.id)).examiner} == {
        "user:examiner.one", "user:examiner.two"}                     # equal load
    case = await gi.act(case.id, "UA.GI.T09", "examiner")
    assert case.state == "awaiting_filing_fee"
    assert (await gi.deadline(case.id, "filing_fee")).due_on == D(2026, 5, 4)  # 2.5 Sat → 4.5
    with pytest.raises(PreconditionFailed, match="unpaid"):
        await gi.act(case.id, "UA.GI.T10", "examiner")
    await gi.pay(case.id)
    case = await gi.act(case.id, "UA.GI.T10", "examiner")
    assert case.state == "formal_examination"
    case = await gi.act(case.id, "UA.GI.T15", "examiner")
    assert case.state == "published"
    app = await _app(gi, case.id)
    async with gi.rt.sessionmaker() as session:
        obj = await session.get(IPObject, app.object_id)
        assert obj is not None and obj.published and obj.register_number == app.number
    with pytest.raises(PreconditionFailed, match="opposition period"):
        await gi.act(case.id, "UA.GI.T27", "examiner")
    gi.advance(days=93)
    assert await _consequences(gi) == ["UA.GI.T27"]
    case = await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний висновок"})
    assert case.state == "decided_registration"
    with pytest.raises(Forbidden):
        await gi.act(case.id, "UA.GI.T34", "opponent")
    await gi.pay(case.id, "state_duty")
    with pytest.raises(PreconditionFailed, match="publication"):
        await gi.act(case.id, "UA.GI.T34", "applicant")
    await gi.pay(case.id, "publication")
    case = await gi.act(case.id, "UA.GI.T34", "applicant")
    assert case.state == "registered" and case.closed_at is not None
    kinds = [(i.direction, i.kind) for i in await _items(gi, case.id)]
    assert kinds[:3] == [("in", "application"), ("out", "acknowledgment"),
                         ("out", "examiner_assigned")]
    assert ("out", "decision") in kinds and ("in", "state_duty_document") in kinds
    assert all(i.incoming_number for i in await _items(gi, case.id) if i.direction == "in")
    steps = [s[0] for s in await gi.steps(case.id)]
    assert steps == ["UA.GI.T01", "UA.GI.T05", "UA.GI.T09", "UA.GI.PAY", "UA.GI.T10",
                     "UA.GI.T15", "UA.GI.T27", "UA.GI.T31", "UA.GI.PAY", "UA.GI.PAY",
                     "UA.GI.T34"]
    assert ("decision", case.applicant_id, "applicant") in await gi.notices(case.id)
    async with gi.rt.sessionmaker() as session:
        audited = (await session.execute(select(AuditRecord.action).where(
            AuditRecord.entity == "case", AuditRecord.entity_id == str(case.id))
            .order_by(AuditRecord.seq))).scalars().all()
    assert [a for a in audited if a.startswith("UA.GI.")] == steps   # every act audited
    assert "time_limit_expired" in audited        # the examiner's 10 days of V.1.6 (owed)


@pytest.mark.legal("GI rules III.1.2", "GI rules III.2.5", "GI rules III.2.6",
                   "GI rules III.1.11", "GI rules II.1.4", "GI rules V.2.5")
async def test_an_electronic_application_is_received_after_the_technical_check(gi) -> None:
    """Transitions 2-4: submitted without a number; on a Saturday the check's pass counts the
    next working day (III.1.11); a failed check rejects it with reasons."""
    gi.at_kyiv(D(2026, 3, 7), 11)
    case = await gi.open("UA.GI.APP", "applicant", {"filing": gi.filing(0, channel="electronic")},
                         transition="UA.GI.T02")
    assert case.state == "submitted" and (await _app(gi, case.id)).number is None
    with pytest.raises(Forbidden):
        await gi.act(case.id, "UA.GI.T03", "applicant")
    case = await gi.act(case.id, "UA.GI.T03", "ics")
    app = await _app(gi, case.id)
    assert case.state == "received" and app.received_on == D(2026, 3, 9)
    # V.2.5: examined as a paper application is
    await gi.act(case.id, "UA.GI.T05", "clerk")
    await gi.pay(case.id)
    await gi.act(case.id, "UA.GI.T10", "examiner")
    assert (await gi.act(case.id, "UA.GI.T15", "examiner")).state == "published"
    other = await gi.open("UA.GI.APP", "applicant",
                          {"filing": gi.filing(1, channel="electronic")},
                          transition="UA.GI.T02")
    other = await gi.act(other.id, "UA.GI.T04", "ics", {"reasons": "Файл пошкоджено"})
    assert other.state == "rejected_technical" and other.closed_at is not None
    with pytest.raises(BadUserInput, match=r"III.1.2"):
        await gi.open("UA.GI.APP", "applicant", {"filing": gi.filing(2)},
                      transition="UA.GI.T02")


async def test_a_broken_application_is_refused_and_changes_nothing(gi) -> None:
    before = await gi.counts()
    data = gi.filing(0)
    data["form"]["claimedName"] = "Гуцульська бриндзя"
    with pytest.raises(BadUserInput) as error:
        await gi.open("UA.GI.APP", "applicant", {"filing": data}, transition="UA.GI.T01")
    assert "VR-14" in str(error.value.details["problems"])
    assert await gi.counts() == before


@pytest.mark.legal("GI rules V.3.2", "GI rules IV.8")
async def test_missing_materials_then_the_filing_date_is_their_receipt(gi) -> None:
    """Transitions 6, 7 and 7 with the fee paid: the notice, 2 months from its receipt, the
    filing date is the day the last item is received."""
    data = gi.filing(0)
    single = data.pop("singleDocument")
    case = await gi.open("UA.GI.APP", "applicant", {"filing": data}, transition="UA.GI.T01")
    with pytest.raises(PreconditionFailed, match="singleDocument"):
        await gi.act(case.id, "UA.GI.T09", "examiner")
    case = await gi.act(case.id, "UA.GI.T06", "examiner")
    assert case.state == "awaiting_filing_materials"
    await gi.receipt(case.id, "2026-03-05")
    assert (await gi.deadline(case.id, "filing_materials")).due_on == D(2026, 5, 5)
    gi.advance(days=10)
    case = await gi.act(case.id, "UA.GI.T07", "applicant",
                        {"documents": {"singleDocument": single}})
    app = await _app(gi, case.id)
    # received on Sunday 15.03: the first following working day (IV.11 ¶3-4)
    assert case.state == "awaiting_filing_fee" and app.filing_date == D(2026, 3, 16)
    assert (await gi.deadline(case.id, "filing_fee")).due_on == D(2026, 5, 18)

    data = gi.filing(1)
    single = data.pop("singleDocument")
    other = await gi.open("UA.GI.APP", "applicant", {"filing": data}, transition="UA.GI.T01")
    await gi.act(other.id, "UA.GI.T06", "examiner")
    await gi.pay(other.id)
    other = await gi.act(other.id, "UA.GI.T07.PAID", "applicant",
                         {"documents": {"singleDocument": single}})
    assert other.state == "formal_examination"


@pytest.mark.legal("GI rules V.3.2")
async def test_missing_materials_not_supplied_the_application_is_deemed_not_filed(gi) -> None:
    """Transition 8 (V.3.2 ¶3): no restoration route."""
    data = gi.filing(0)
    data.pop("singleDocument")
    case = await gi.open("UA.GI.APP", "applicant", {"filing": data}, transition="UA.GI.T01")
    await gi.act(case.id, "UA.GI.T06", "examiner")
    await gi.receipt(case.id, "2026-03-03")
    gi.at_kyiv(D(2026, 5, 5), 12)
    with pytest.raises(TimeLimitExpired):
        await gi.act(case.id, "UA.GI.T07", "applicant", {"documents": {}})
    assert await _consequences(gi) == ["UA.GI.T08"]
    assert (await gi.case(case.id)).state == "deemed_not_filed"


@pytest.mark.legal("GI rules V.4.3", "GI rules V.2.2", "GI rules III.1.10")
async def test_an_unpaid_filing_fee_deems_the_application_withdrawn_the_day_after(gi) -> None:
    """Transition 12 (V.4.3, V.2.2 ¶3): the limit of 2 months from the filing date; the
    deemed withdrawal takes effect the day after its last day; restoration is not available
    for it (A-08)."""
    case = await gi.file(0)
    await gi.act(case.id, "UA.GI.T09", "examiner")
    first_due = (await gi.deadline(case.id, "filing_fee")).due_on
    # transition 11 (III.1.10 ¶2; VI.2.1): extended once, with the fee, before it expires
    await gi.act(case.id, "UA.GI.T11", "applicant", {
        "limit": "filing_fee", "months": 1, "feePaidOn": "2026-03-02"})
    due = (await gi.deadline(case.id, "filing_fee")).due_on
    assert due > first_due
    gi.at_kyiv(due + dt.timedelta(days=1), 0)
    assert await _consequences(gi) == ["UA.GI.T12"]
    case = await gi.case(case.id)
    assert case.state == "deemed_withdrawn"
    assert ("deemed_withdrawn", case.applicant_id, "applicant") in await gi.notices(case.id)
    assert case.data["deemedWithdrawn"]["effectiveOn"] == (due + dt.timedelta(days=1)).isoformat()
    case = await gi.act(case.id, "UA.GI.T40", "applicant", {      # refused and recorded
        "reasons": "Хвороба", "act": "Сплата збору", "feePaidOn": "2026-05-06"})
    assert case.state == "deemed_withdrawn"
    assert "A-08" in case.data["lastLimitRequest"]["refusal"]
    assert case.data["lastLimitRequest"]["outcome"] == "refused"


@pytest.mark.legal("GI rules V.4.4")
async def test_a_prepaid_fee_outside_its_window_and_a_non_compliant_fee(gi, monkeypatch) -> None:
    """Transitions 13 and 14 (V.4.4): disregarded and refunded; a fee below the configured
    amount is non-compliant: cured (14.CURE) or, uncured, deemed withdrawn (A-09)."""
    case = await gi.file(0)
    await gi.pay(case.id, paid_on="2025-11-01")                       # 4 months before
    case = await gi.act(case.id, "UA.GI.T13", "examiner")
    assert case.state == "awaiting_filing_fee"
    async with gi.rt.sessionmaker() as session:
        statuses = [f.status for f in await register.fees(session, case.id)]
    assert statuses == ["disregarded"]
    monkeypatch.setenv("IPREG_UA_GI_FEES", "filing=1600")
    await gi.pay(case.id, amount="1000")
    case = await gi.act(case.id, "UA.GI.T14", "examiner")
    assert case.state == "fee_deficiency"
    await gi.pay(case.id, amount="1600")
    case = await gi.act(case.id, "UA.GI.T14.CURE", "examiner")
    assert case.state == "formal_examination"

    other = await gi.file(1)
    await gi.pay(other.id, amount="100")
    await gi.act(other.id, "UA.GI.T14", "examiner")
    gi.advance(days=95)
    assert await _consequences(gi) == ["UA.GI.T14.LAPSE"]


@pytest.mark.legal("GI rules V.5.2", "GI rules V.5.3", "GI rules V.5.4", "GI rules IV.11",
                   "GI rules II.4.11")
async def test_formal_deficiencies_cured_or_lapsed_counted_from_the_notice_receipt(gi) -> None:
    """Transitions 16-18: every deficiency with its ground; 2 months from the receipt of the
    notice (here the acknowledgment of delivery: 15.01.2025 gives 17.03.2025, the digest's
    worked example); the deemed withdrawal takes effect on 18.03.2025."""
    gi.at_kyiv(D(2025, 1, 6))
    case = await gi.to_formal(0)
    with pytest.raises(BadUserInput, match=r"V.5.2"):
        await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [{"ground": "x"}]})
    case = await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Не заповнено розділ 5"},
        {"ground": "documents", "text": "Специфікація дозволяє одному виробнику "
         "монополізувати виробництво (II.4.11)"}]})
    assert case.state == "formal_deficiencies" and len(case.data["deficiencies"]) == 2
    await gi.receipt(case.id, "2025-01-15")
    assert (await gi.deadline(case.id, "formal_deficiencies")).due_on == D(2025, 3, 17)
    gi.at_kyiv(D(2025, 3, 17), 23)
    assert await _consequences(gi) == []
    gi.at_kyiv(D(2025, 3, 18), 0)
    assert await _consequences(gi) == ["UA.GI.T18"]
    case = await gi.case(case.id)
    assert case.data["deemedWithdrawn"]["effectiveOn"] == "2025-03-18"

    gi.at_kyiv(D(2025, 4, 1))
    other = await gi.to_formal(1)
    await gi.act(other.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "documents", "text": "Немає перекладу"}]})
    other = await gi.act(other.id, "UA.GI.T17", "applicant", {"reply": "Додано переклад"})
    assert other.state == "formal_examination"


@pytest.mark.legal("GI rules V.5.6", "GI rules II.1.2", "GI rules II.5.1")
async def test_foreign_documents_short_of_ii_5_2_suspend_for_an_agreed_specification(gi) -> None:
    """Transitions 19-22: invited, suspended on the copy of the request, resumed on the
    agreement; without the copy in time, the formal deficiency path (A-10)."""
    from ipreg.plugins.ukraine.gi import samples

    case = await gi.open("UA.GI.APP", "applicant", {"filing": samples.foreign_filing(0)},
                         transition="UA.GI.T01")
    await gi.pay(case.id)
    await gi.act(case.id, "UA.GI.T10", "examiner")
    case = await gi.act(case.id, "UA.GI.T19", "examiner")
    assert case.state == "spec_invited"
    case = await gi.act(case.id, "UA.GI.T20", "applicant")
    assert case.state == "suspended_spec_agreement"
    spec = samples.filing(0)["specification"]
    spec["claimedName"] = "TOKAJI"
    case = await gi.act(case.id, "UA.GI.T21", "authority", {
        "agreement": {"authority": "Мінагро", "agreedOn": "2026-04-01"},
        "specification": spec})
    assert case.state == "formal_examination"

    other = await gi.open("UA.GI.APP", "applicant", {"filing": samples.foreign_filing(1)},
                          transition="UA.GI.T01")
    await gi.pay(other.id)
    await gi.act(other.id, "UA.GI.T10", "examiner")
    await gi.act(other.id, "UA.GI.T19", "examiner")
    gi.advance(days=100)
    assert "UA.GI.T22" in await _consequences(gi)
    assert (await gi.case(other.id)).state == "formal_deficiencies"


@pytest.mark.legal("GI rules V.9.1", "GI rules V.9.2", "GI rules V.9.3", "GI rules V.9.4",
                   "GI rules V.5.5")
async def test_additional_materials_overlay_any_state(gi) -> None:
    """Transitions 23-25: the request keeps the state; the materials lift it; without them
    the application is deemed withdrawn."""
    case = await gi.to_formal(0)
    case = await gi.act(case.id, "UA.GI.T23", "examiner", {"reasons": "Сумнів щодо меж"})
    assert case.state == "formal_examination" and case.data["additionalMaterials"]
    with pytest.raises(PreconditionFailed, match=r"V.9"):
        await gi.act(case.id, "UA.GI.T15", "examiner")
    case = await gi.act(case.id, "UA.GI.T24", "applicant", {"materials": "Карта меж"})
    assert case.data["additionalMaterials"] is None
    await gi.act(case.id, "UA.GI.T15", "examiner")

    other = await gi.to_published(1)
    await gi.act(other.id, "UA.GI.T23", "examiner", {"reasons": "Сумнів"})
    gi.advance(days=100)
    consequences = await _consequences(gi)
    assert "UA.GI.T25" in consequences
    assert (await gi.case(other.id)).state == "deemed_withdrawn"


@pytest.mark.legal("GI rules V.8.2")
async def test_preliminary_conclusion_replied_or_lapsed(gi) -> None:
    """Transitions 28-30 (V.8.2; A-11: no reply, deemed withdrawn)."""
    case = await gi.to_substantive(0)
    case = await gi.act(case.id, "UA.GI.T28", "examiner", {"grounds": "ст. 8 Закону"})
    assert case.state == "preliminary_refusal"
    case = await gi.act(case.id, "UA.GI.T29", "applicant", {"reply": "Заперечуємо"})
    assert case.state == "substantive_examination"
    await gi.act(case.id, "UA.GI.T28", "examiner", {"grounds": "ст. 8 Закону"})
    gi.advance(days=100)
    assert "UA.GI.T30" in await _consequences(gi)


@pytest.mark.legal("GI rules V.10.3", "GI rules V.2.7", "GI rules VII.1", "VR-43")
async def test_refusals_and_the_aggressor_link(gi) -> None:
    """Transitions 32, 33 and 42: a negative conclusion; an aggressor-linked applicant is
    refused at any stage and cannot amend; the refusal is final after the appeal period."""
    case = await gi.to_substantive(0)
    case = await gi.act(case.id, "UA.GI.T32", "examiner",
                        {"conclusion": "Назва не відповідає ст. 7 Закону"})
    assert case.state == "decided_refusal"
    gi.advance(days=100)
    assert "UA.GI.T42" in await _consequences(gi)
    assert (await gi.case(case.id)).state == "refusal_final"

    other = await gi.to_formal(1)
    other = await gi.act(other.id, "UA.GI.T33", "head", {"finding": "Постанова КМУ 187"})
    assert other.state == "decided_refusal"
    with pytest.raises(PreconditionFailed, match=r"V.2.7"):
        await gi.act(other.id, "UA.GI.AMD", "applicant", {
            "type": "correction", "changes": {}, "supportingDocument": "Лист",
            "obviousError": True})


@pytest.mark.legal("GI rules V.2.2")
async def test_the_state_duty_limit_lapses(gi) -> None:
    """Transition 35 (V.2.2 ¶3; art. 14, A-02: the limit is configuration)."""
    case = await gi.to_substantive(0)
    await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    gi.advance(days=130)
    assert "UA.GI.T35" in await _consequences(gi)
    assert (await gi.case(case.id)).state == "deemed_withdrawn"


@pytest.mark.legal("GI rules III.2.7", "GI rules III.2.1", "GI rules IV.10", "VR-47")
async def test_every_file_item_keeps_its_incoming_number_and_order(gi) -> None:
    """III.2.7, IV.10 (VR-47): a later document is registered when it cites the number, or
    the reference, the claimed GI and the date of receipt; otherwise it is refused."""
    case = await gi.to_published(0)
    await gi.act(case.id, "UA.GI.DOC", "clerk", {"kind": "letter",
                                                 "applicationNumber": "i202600001"})
    await gi.act(case.id, "UA.GI.DOC", "clerk", {
        "kind": "letter", "applicantReference": "REF-2026-0000",
        "claimedName": "гуцульська бриндзя", "applicationReceivedOn": "2026-03-02"})
    for wrong in ({"applicationNumber": "i202600009"},
                  {"applicantReference": "REF-2026-0000", "claimedName": "ІНША НАЗВА",
                   "applicationReceivedOn": "2026-03-02"}):
        with pytest.raises(BadUserInput, match="VR-47"):
            await gi.act(case.id, "UA.GI.DOC", "clerk", {"kind": "letter", **wrong})
    items = await _items(gi, case.id)
    assert [i.seq for i in items] == list(range(1, len(items) + 1))
    async with gi.rt.sessionmaker() as session:
        numbers = (await session.execute(select(UaGiFileItem.incoming_number).where(
            UaGiFileItem.incoming_number.is_not(None)))).scalars().all()
    assert len(numbers) == len(set(numbers))


@pytest.mark.legal("GI rules III.2.3", "GI rules V.5.2", "GI rules V.5.4")
async def test_through_graphql_each_role_acts_and_refusals_change_nothing(gi) -> None:
    """The same path through GraphQL (``uaGiFileApplication``, ``uaGiPerform``): anonymous
    callers are UNAUTHENTICATED, a role the act does not name is FORBIDDEN, a broken input is
    BAD_USER_INPUT naming the rule; none of them changes anything."""
    code_of = gi.code_of
    assert code_of(await gi.gql_file(gi.filing(0), "anonymous")) == "UNAUTHENTICATED"
    broken = gi.filing(0)
    broken["form"]["claimedName"] = "Гуцульська бриндзя"
    answer = await gi.gql_file(broken)
    assert code_of(answer) == "BAD_USER_INPUT"
    problems = answer["errors"][0]["extensions"]["problems"]
    assert {"path": "form.claimedName", "rule": "VR-14 (GI rules II.3.7 ¶1)"}.items() <= \
        problems[0].items()
    answer = await gi.gql_file(gi.filing(0))
    assert answer.get("errors") is None, answer
    created = answer["data"]["uaGiFileApplication"]["application"]
    assert created["applicationNumber"] == "i202600001" and created["state"] == "received"
    assert [f["kind"] for f in created["file"]] == ["application", "acknowledgment"]
    case_id = int((await gi.case_ids())[0])
    before = await gi.counts()
    assert code_of(await gi.perform(case_id, {"t09": True}, "applicant")) == "FORBIDDEN"
    assert code_of(await gi.perform(case_id, {"t10": True}, "examiner")) == \
        "PRECONDITION_FAILED"
    assert code_of(await gi.perform(case_id, {"t17": {"reply": "x"}}, "applicant")) == \
        "INVALID_TRANSITION"
    assert await gi.counts() == before
    await gi.perform(case_id, {"t05": True}, "clerk")
    answer = await gi.perform(case_id, {"pay": {"kind": "filing", "amount": "1600",
                                                "paidOn": "2026-03-02"}}, "applicant")
    assert answer.get("errors") is None, answer
    answer = await gi.perform(case_id, {"t10": True}, "examiner")
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "formal_examination"
    answer = await gi.perform(case_id, {"t16": {"deficiencies": [
        {"ground": "form", "text": "Розділ 5"}]}}, "examiner")
    application = answer["data"]["uaGiPerform"]["application"]
    assert application["state"] == "formal_deficiencies"
    assert "UA.GI.T17" not in application["availableActs"]        # the examiner's view
    answer = await gi.perform(case_id, {"t17": {"reply": "Виправлено"}}, "applicant")
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "formal_examination"
