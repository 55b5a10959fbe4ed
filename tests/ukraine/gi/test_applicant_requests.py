"""The applicant's own actions (GI rules Section VI; digest §5): extensions, restorations,
corrections and amendments, copies, participation, recusal, withdrawal, and the receipt of
notices that the periods count from."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ipreg.core.errors import BadUserInput, Forbidden, PreconditionFailed, TimeLimitExpired
from ipreg.plugins.ukraine.gi.models import UaGiLimitRequest

D = dt.date
LIMIT_REQUESTS = """query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase {
  limitRequests { kind limitCode outcome refusal refusalRule requestItem noticeItem }
  file { seq kind } } } }"""


async def _consequences(gi) -> list[str]:
    return [a["consequence"] for a in await gi.tick() if a["consequence"]]


async def _deficient(gi, i: int = 0):
    case = await gi.to_formal(i)
    case = await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Розділ 5"}]})
    await gi.receipt(case.id, gi.clock().date().isoformat())
    return case


async def _requests(gi, case_id: int) -> list[UaGiLimitRequest]:
    async with gi.rt.sessionmaker() as session:
        return list((await session.execute(select(UaGiLimitRequest).where(
            UaGiLimitRequest.case_id == case_id).order_by(UaGiLimitRequest.id))).scalars())


async def _file(gi, case_id: int) -> list[dict]:
    found = await gi.data("query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase { "
                          "file { seq direction kind summary } } } }",
                          {"id": gi.global_id_of(case_id)}, "examiner")
    return found["node"]["file"]


async def _assert_refused(gi, case_id: int, before, kind: str, rule: str) -> None:
    """The request is registered, refused with its notice (a file item and a notification),
    in the audit trail; the limit and the state are as they were."""
    from ipreg.core.audit import audit_history

    case = await gi.case(case_id)
    assert case.state == before.state
    row = (await _requests(gi, case_id))[-1]
    assert (row.kind, row.outcome) == (kind, "refused") and rule in row.basis
    items = case.data["limitRequestItems"][str(row.id)]
    assert rule in items["rule"] and items["refusal"]
    by_seq = {i["seq"]: i for i in await _file(gi, case_id)}
    assert by_seq[items["request"]]["kind"] == f"{kind}_request"
    assert by_seq[items["request"]]["direction"] == "in"
    assert by_seq[items["notice"]]["kind"] == f"{kind}_refused"
    assert by_seq[items["notice"]]["direction"] == "out"
    assert (f"{kind}_refused", case.applicant_id, "applicant") in await gi.notices(case_id)
    async with gi.rt.sessionmaker() as session:
        actions = [r.action for r in await audit_history(session, "case", str(case_id))]
    assert f"ua_gi_{kind}_refused" in actions


@pytest.mark.legal("GI rules VI.2.1", "GI rules VI.2.2", "GI rules VI.2.3", "GI rules VI.2.4",
                   "VQ-01", "GI rules V.2.4")
async def test_an_extension_once_before_expiry_with_its_fee(gi) -> None:
    """Transition 11 (VI.2.1-2.4): by whole months up to six from the original due date, in
    the limit's history with its basis. Malformed requests (a limit that cannot be extended,
    months over six) are BAD_USER_INPUT and change nothing; well-formed requests the Rules
    refuse (VI.2.4: the fee missing, a second extension, a late request) are registered,
    refused with a notice and recorded, and the limit stays as it was."""
    case = await _deficient(gi)
    due = (await gi.deadline(case.id, "formal_deficiencies")).due_on
    today = gi.clock().date().isoformat()
    before = await gi.counts()
    with pytest.raises(BadUserInput, match="cannot be extended"):
        await gi.act(case.id, "UA.GI.T11", "applicant", {"limit": "opposition_period",
                                                         "feePaidOn": today})
    with pytest.raises(BadUserInput, match="A-21"):
        await gi.act(case.id, "UA.GI.T11", "applicant", {"limit": "formal_deficiencies",
                                                         "months": 7, "feePaidOn": today})
    with pytest.raises(BadUserInput, match="no limit"):
        await gi.act(case.id, "UA.GI.T11", "applicant", {"limit": "state_duty",
                                                         "feePaidOn": today})
    assert await gi.counts() == before                               # nothing changed
    state = await gi.case(case.id)
    await gi.act(case.id, "UA.GI.T11", "applicant", {"limit": "formal_deficiencies"})
    await _assert_refused(gi, case.id, state, "extension", "VI.2.4")   # the fee is missing
    assert (await gi.deadline(case.id, "formal_deficiencies")).due_on == due
    await gi.act(case.id, "UA.GI.T11", "applicant", {"limit": "formal_deficiencies",
                                                     "months": 2, "feePaidOn": today})
    deadline = await gi.deadline(case.id, "formal_deficiencies")
    assert deadline.due_on > due and deadline.history[-1]["action"] == "extended"
    assert "VI.2.1" in deadline.history[-1]["basis"]
    assert [r.outcome for r in await _requests(gi, case.id)] == ["refused", "granted"]
    assert ("extension_granted", case.applicant_id, "applicant") in await gi.notices(case.id)
    extended = deadline.due_on
    state = await gi.case(case.id)
    await gi.act(case.id, "UA.GI.T11", "applicant", {"limit": "formal_deficiencies",
                                                     "feePaidOn": today})
    await _assert_refused(gi, case.id, state, "extension", "VI.2.3")   # once only
    assert (await gi.deadline(case.id, "formal_deficiencies")).due_on == extended
    other = await _deficient(gi, 1)
    other_due = (await gi.deadline(other.id, "formal_deficiencies")).due_on
    gi.at_kyiv(other_due, 19)
    state = await gi.case(other.id)
    await gi.act(other.id, "UA.GI.T11", "applicant", {            # after hours: IV.11 ¶3
        "limit": "formal_deficiencies", "feePaidOn": gi.clock().date().isoformat()})
    await _assert_refused(gi, other.id, state, "extension", "VI.2.1-2.2")
    assert (await gi.deadline(other.id, "formal_deficiencies")).due_on == other_due
    assert "after the limit's last day" in (await gi.case(other.id)).data[
        "lastLimitRequest"]["refusal"]


@pytest.mark.legal("GI rules VI.2.4", "GI rules VI.2.2")
async def test_an_extension_with_a_non_compliant_fee_or_after_expiry_is_refused(
        gi, monkeypatch) -> None:
    """VI.2.4: a fee below the configured amount, or a request after the limit expired and
    the application was deemed withdrawn: refused with a notice, the limit unchanged."""
    monkeypatch.setenv("IPREG_UA_GI_FEES", "extension=500")
    case = await _deficient(gi)
    due = (await gi.deadline(case.id, "formal_deficiencies")).due_on
    state = await gi.case(case.id)
    await gi.act(case.id, "UA.GI.T11", "applicant", {
        "limit": "formal_deficiencies", "feePaidOn": gi.clock().date().isoformat(),
        "feeAmount": "100"})
    await _assert_refused(gi, case.id, state, "extension", "VI.2.4")
    assert "does not comply" in (await gi.case(case.id)).data["lastLimitRequest"]["refusal"]
    assert (await gi.deadline(case.id, "formal_deficiencies")).due_on == due
    gi.advance(days=100)
    assert "UA.GI.T18" in await _consequences(gi)
    state = await gi.case(case.id)
    assert state.state == "deemed_withdrawn"
    await gi.act(case.id, "UA.GI.T11", "applicant", {
        "limit": "formal_deficiencies", "feePaidOn": gi.clock().date().isoformat(),
        "feeAmount": "500"})
    await _assert_refused(gi, case.id, state, "extension", "VI.2.1")
    assert (await gi.deadline(case.id, "formal_deficiencies")).status == "expired"


@pytest.mark.legal("GI rules VI.2.5", "GI rules VI.2.6", "GI rules VI.2.7", "GI rules VI.2.8",
                   "GI rules VI.2.9", "VQ-02")
async def test_a_restoration_within_six_months_with_the_missed_act(gi) -> None:
    """Transitions 40-41 (VI.2.5-2.9): the request with the missed act and the good reasons
    (malformed without them: BAD_USER_INPUT, nothing changed) awaits the examiner, who
    recognises the reasons (the application goes where the act leads, the limit's history
    says restored) or not (refused with a notice, recorded). A limit once extended is never
    restored (recorded refusal); six months without restoration make the withdrawal final,
    and a request after them is refused and recorded."""
    case = await _deficient(gi)
    gi.advance(days=70)
    assert "UA.GI.T18" in await _consequences(gi)
    gi.advance(days=30)
    today = gi.clock().date().isoformat()
    before = await gi.counts()
    with pytest.raises(BadUserInput, match=r"VI.2.6"):
        await gi.act(case.id, "UA.GI.T40", "applicant", {"reasons": "Хвороба", "act": " ",
                                                         "feePaidOn": today})
    assert await gi.counts() == before
    case = await gi.act(case.id, "UA.GI.T40", "applicant", {
        "reasons": "Відпустка", "act": "Усунення недоліків розділу 5", "feePaidOn": today})
    assert case.state == "deemed_withdrawn"
    assert [r.outcome for r in await _requests(gi, case.id)] == ["filed"]
    with pytest.raises(PreconditionFailed, match=r"VI.2.8"):          # one at a time
        await gi.act(case.id, "UA.GI.T40", "applicant", {
            "reasons": "Хвороба", "act": "Відповідь", "feePaidOn": today})
    await gi.act(case.id, "UA.GI.T40.REFUSE", "examiner", {"reasons": "Відпустка не є "
                                                            "поважною причиною"})
    await _assert_refused(gi, case.id, case, "restoration", "VI.2.8-2.9")
    assert (await gi.deadline(case.id, "restoration_window")).status == "running"
    case = await gi.act(case.id, "UA.GI.T40", "applicant", {
        "reasons": "Тяжка хвороба керівника", "act": "Усунення недоліків розділу 5",
        "feePaidOn": today})
    case = await gi.act(case.id, "UA.GI.T40.GRANT", "examiner")
    assert case.state == "formal_examination"
    assert ("restored", case.applicant_id, "applicant") in await gi.notices(case.id)
    deadline = await gi.deadline(case.id, "formal_deficiencies")
    assert deadline.status == "met" and deadline.history[-1]["action"] == "restored"
    assert [r.outcome for r in await _requests(gi, case.id)] == ["refused", "granted"]

    extended = await _deficient(gi, 1)
    await gi.act(extended.id, "UA.GI.T11", "applicant", {
        "limit": "formal_deficiencies", "months": 1,
        "feePaidOn": gi.clock().date().isoformat()})
    gi.advance(days=110)
    assert "UA.GI.T18" in await _consequences(gi)
    state = await gi.case(extended.id)
    await gi.act(extended.id, "UA.GI.T40", "applicant", {
        "reasons": "Хвороба", "act": "Відповідь", "feePaidOn": gi.clock().date().isoformat()})
    await _assert_refused(gi, extended.id, state, "restoration", "VI.2.9")
    gi.advance(days=190)
    assert "UA.GI.T41" in await _consequences(gi)
    state = await gi.case(extended.id)
    assert state.state == "deemed_withdrawn_final"
    await gi.act(extended.id, "UA.GI.T40", "applicant", {
        "reasons": "Хвороба", "act": "Відповідь", "feePaidOn": gi.clock().date().isoformat()})
    await _assert_refused(gi, extended.id, state, "restoration", "VI.2.5")
    async with gi.rt.sessionmaker() as session:
        kinds = sorted((await session.execute(select(UaGiLimitRequest.kind))).scalars())
    assert kinds == ["extension", "restoration", "restoration", "restoration", "restoration"]


@pytest.mark.legal("GI rules VI.2.8", "GI rules VI.2.9", "GI rules VI.2.5")
async def test_a_restoration_pending_when_the_six_months_end_waits_for_the_examiner(gi) -> None:
    """A request filed in time is decided on its merits although the six months end
    meanwhile (transition 41 waits for it); refused then, the withdrawal becomes final."""
    case = await _deficient(gi)
    gi.advance(days=100)
    assert "UA.GI.T18" in await _consequences(gi)
    await gi.act(case.id, "UA.GI.T40", "applicant", {
        "reasons": "Хвороба", "act": "Відповідь", "feePaidOn": gi.clock().date().isoformat()})
    gi.advance(days=200)
    assert "UA.GI.T41" not in await _consequences(gi)
    assert (await gi.case(case.id)).state == "deemed_withdrawn"
    case = await gi.act(case.id, "UA.GI.T40.REFUSE", "examiner", {"reasons": "Не доведено"})
    assert case.state == "deemed_withdrawn_final"
    assert (await _requests(gi, case.id))[-1].outcome == "refused"


@pytest.mark.legal("GI rules VI.3.1", "GI rules VI.3.2", "GI rules VI.3.3", "GI rules VI.3.5",
                   "GI rules VI.3.6", "GI rules VI.3.9", "GI rules VI.3.11", "GI rules VI.3.12",
                   "VQ-03", "VQ-04", "GI rules VI.3.4", "GI rules VI.3.7", "GI rules VI.3.8",
                   "GI rules VI.3.10")
async def test_corrections_and_amendments(gi) -> None:
    """VI.3: an obvious error is corrected free; a minor change may not touch the link; a
    significant change needs the authority's agreement; a product name stays in its UKTZED
    heading; specification changes end with the decision; made within a month and, for the
    specification, published."""
    case = await gi.to_published(0)
    base = {"supportingDocument": "Витяг з ЄДР"}
    await gi.act(case.id, "UA.GI.AMD", "applicant", {
        **base, "type": "change_correspondence", "obviousError": True,
        "changes": {"correspondence": {"addressee": "Спілка", "postalAddress": "а/с 1, Київ",
                                       "country": "UA"}}})
    case = await gi.act(case.id, "UA.GI.AMD.GRANT", "examiner")
    assert case.data["amendments"][-1]["status"] == "granted"
    with pytest.raises(BadUserInput, match="VQ-04"):
        await gi.act(case.id, "UA.GI.AMD", "applicant", {
            **base, "type": "spec_minor", "changes": {"link": True},
            "feePaidOn": gi.clock().date().isoformat()})
    with pytest.raises(BadUserInput, match="A-19"):
        await gi.act(case.id, "UA.GI.AMD", "applicant", {
            **base, "type": "spec_significant", "changes": {"boundaries": "Нові межі"},
            "feePaidOn": gi.clock().date().isoformat()})
    with pytest.raises(BadUserInput, match="UKTZED"):
        await gi.act(case.id, "UA.GI.AMD", "applicant", {
            **base, "type": "spec_minor", "changes": {"uktzedCodes": ["0405"]},
            "feePaidOn": gi.clock().date().isoformat()})
    with pytest.raises(PreconditionFailed, match=r"VI.3.6"):
        await gi.act(case.id, "UA.GI.AMD", "applicant", {
            **base, "type": "spec_minor", "changes": {"productionMethod": "Уточнено"}})
    await gi.act(case.id, "UA.GI.AMD", "applicant", {
        **base, "type": "spec_minor", "changes": {"productionMethod": "Уточнено"},
        "feePaidOn": gi.clock().date().isoformat()})
    case = await gi.act(case.id, "UA.GI.AMD.GRANT", "examiner")
    assert (await gi.deadline(case.id, "amended_spec_publication")).status == "running"
    await gi.act(case.id, "UA.GI.AMD.PUBLISH", "examiner")
    await gi.act(case.id, "UA.GI.AMD", "applicant", {
        **base, "type": "correction", "obviousError": True, "changes": {"x": 1}})
    case = await gi.act(case.id, "UA.GI.AMD.REFUSE", "examiner", {"reasons": "Не доведено"})
    assert case.data["amendments"][-1]["status"] == "refused"
    await gi.act(case.id, "UA.GI.AMD", "applicant", {
        **base, "type": "correction", "obviousError": True, "changes": {"y": 1}})
    await gi.act(case.id, "UA.GI.AMD.DEFICIENT", "examiner", {"deficiencies": "Підпис"})
    await gi.act(case.id, "UA.GI.AMD.CURE", "applicant", {"reply": "Підписано"})
    case = await gi.act(case.id, "UA.GI.AMD.GRANT", "examiner")
    assert case.data["amendments"][-1]["cured"] == "Підписано"
    await gi.act(case.id, "UA.GI.AMD", "applicant", {
        **base, "type": "correction", "obviousError": True, "changes": {"z": 1}})
    await gi.act(case.id, "UA.GI.AMD.DEFICIENT", "examiner", {"deficiencies": "Підпис"})
    gi.advance(days=100)                 # 2 months from the deemed receipt (IV.9 ¶2)
    assert "UA.GI.AMD.LAPSE" in await _consequences(gi)
    case = await gi.case(case.id)
    assert case.data["amendments"][-1]["status"] == "refused"
    gi.advance(days=95)
    await gi.tick()
    await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    # VI.3.10: a correction after the decision, with additional materials (V.9)
    await gi.act(case.id, "UA.GI.AMD", "applicant", {
        **base, "type": "change_name_address", "obviousError": True,
        "changes": {"address": "вул. Нова, 1"}})
    case = await gi.act(case.id, "UA.GI.T23", "examiner", {"reasons": "Сумнів щодо нової "
                                                           "адреси"})
    assert case.state == "decided_registration" and case.data["additionalMaterials"]
    await gi.act(case.id, "UA.GI.T24", "applicant", {"materials": "Витяг з ЄДР"})
    await gi.act(case.id, "UA.GI.AMD.GRANT", "examiner")
    with pytest.raises(PreconditionFailed, match=r"VI.3.5"):
        await gi.act(case.id, "UA.GI.AMD", "applicant", {
            **base, "type": "spec_minor", "changes": {}, "obviousError": True})


@pytest.mark.legal("GI rules VI.4.1", "GI rules VI.4.3", "GI rules VI.4.4", "VQ-05",
                   "GI rules VI.4.2")
async def test_copies_of_cited_materials_within_a_month_of_the_decision(gi) -> None:
    case = await gi.to_substantive(0)
    await gi.act(case.id, "UA.GI.T32", "examiner", {"conclusion": "Відмова"})
    await gi.act(case.id, "UA.GI.COPY", "applicant")
    case = await gi.act(case.id, "UA.GI.COPY.SENT", "examiner")
    assert (await gi.deadline(case.id, "copies_send")).status == "met"
    granted = await gi.to_substantive(2)
    await gi.act(granted.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    await gi.act(granted.id, "UA.GI.COPY", "applicant")
    # VI.4.2: the state duty limit runs on despite the copies request
    assert (await gi.deadline(granted.id, "state_duty")).status == "running"
    other = await gi.to_substantive(1)
    await gi.act(other.id, "UA.GI.T32", "examiner", {"conclusion": "Відмова"})
    gi.advance(days=70)
    with pytest.raises(TimeLimitExpired):
        await gi.act(other.id, "UA.GI.COPY", "applicant")


@pytest.mark.legal("GI rules VI.1.1", "GI rules VI.1.2", "GI rules VI.1.3", "GI rules VI.1.6",
                   "VQ-07", "GI rules IV.1", "GI rules VI.1.4", "GI rules VI.1.5")
async def test_participation_is_scheduled_within_a_month(gi) -> None:
    case = await gi.to_formal(0)
    with pytest.raises(PreconditionFailed, match="VQ-07"):
        await gi.act(case.id, "UA.GI.PART", "representative", {"issues": "Межі"})
    await gi.act(case.id, "UA.GI.PART", "applicant", {"issues": "Межі місця",
                                                      "videoConference": True})
    case = await gi.act(case.id, "UA.GI.PART.SCHEDULE", "examiner",
                        {"at": "2026-03-20 10:00, відеоконференція"})
    assert case.data["participation"]["video"] is True
    assert (await gi.deadline(case.id, "participation_schedule")).status == "met"
    case = await gi.act(case.id, "UA.GI.PART.HELD", "examiner", {"outcome": "no_show"})
    assert case.data["participation"]["outcome"] == "no_show"
    other = await gi.to_formal(1)
    with pytest.raises(PreconditionFailed, match=r"VI\.1\.3"):
        await gi.act(other.id, "UA.GI.PART.HELD", "examiner", {"outcome": "held"})
    other = await gi.act(other.id, "UA.GI.PART.HELD", "examiner",
                         {"outcome": "refused_unscheduled"})
    assert other.data["participation"]["outcome"] == "refused_unscheduled"


@pytest.mark.legal("GI rules V.1.3", "GI rules V.1.5", "GI rules V.1.6", "GI rules V.1.8",
                   "GI rules V.1.9", "VQ-08")
async def test_recusal_requested_or_self_recused_and_decided(gi) -> None:
    case = await gi.to_formal(0)
    with pytest.raises(BadUserInput, match="VQ-08"):
        await gi.act(case.id, "UA.GI.REC", "applicant", {"ground": "disagreement",
                                                         "reasons": "Не згодні"})
    with pytest.raises(PreconditionFailed, match="VQ-08"):
        await gi.act(case.id, "UA.GI.REC", "applicant", {
            "ground": "family", "reasons": "Родич", "learnedOn": "2026-02-01"})
    await gi.act(case.id, "UA.GI.REC", "applicant", {"ground": "family", "reasons": "Родич"})
    with pytest.raises(Forbidden):
        await gi.act(case.id, "UA.GI.REC.DECIDE", "examiner", {"granted": True})
    before = case.data["examiner"]
    case = await gi.act(case.id, "UA.GI.REC.DECIDE", "head", {"granted": True})
    assert case.data["examiner"] != before
    other = await gi.to_formal(1)
    await gi.act(other.id, "UA.GI.REC.SELF", "examiner", {"ground": "interest",
                                                          "reasons": "Інтерес"})
    other = await gi.act(other.id, "UA.GI.REC.DECIDE", "head", {"granted": False})
    assert other.data["recusalDecisions"][-1]["granted"] is False


@pytest.mark.legal("GI rules VI.5.1", "GI rules VI.5.2", "GI rules VI.5.3", "GI rules VI.5.4",
                   "VQ-06", "GI rules III.1.8", "GI rules V.2.6")
async def test_withdrawal_sanctions_and_poa_revocation(gi) -> None:
    case = await gi.to_formal(0)
    await gi.act(case.id, "UA.GI.SANCT", "examiner", {"type": "секторальні",
                                                      "basis": "Указ Президента"})
    with pytest.raises(PreconditionFailed, match="VQ-06"):
        await gi.act(case.id, "UA.GI.T39", "representative")
    with pytest.raises(PreconditionFailed, match=r"III.1.8"):
        await gi.act(case.id, "UA.GI.POA", "representative")
    await gi.act(case.id, "UA.GI.POA", "applicant")
    case = await gi.act(case.id, "UA.GI.T39", "applicant")
    assert case.state == "withdrawn" and case.data["withdrawnOn"] == "2026-03-02"
    assert case.data["sanctions"]["type"] == "секторальні"


@pytest.mark.legal("GI rules IV.9", "GI rules IV.11")
async def test_a_cabinet_confirmation_recounts_the_period_from_it(gi) -> None:
    """IV.9 ¶1: an e-document is received on the day of the addressee's confirmation; the
    limit it started counts from then (until then from the deemed receipt, IV.9 ¶2)."""
    case = await gi.to_formal(0)
    case = await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "form", "text": "Розділ 5"}]})
    assert (await gi.deadline(case.id, "formal_deficiencies")).due_on == D(2026, 6, 3)
    gi.advance(days=3)
    seq = max(int(k) for k in (await gi.case(case.id)).data["awaitingReceipt"])
    await gi.act(case.id, "UA.GI.RCPT", "applicant", {"item": seq,
                                                      "basis": "cabinet_confirmation"})
    deadline = await gi.deadline(case.id, "formal_deficiencies")
    assert deadline.due_on == D(2026, 5, 5) and deadline.history[-1]["action"] == "recounted"


@pytest.mark.legal("GI rules VI.2.1", "GI rules VI.2.5", "GI rules VI.5.1")
async def test_through_graphql_extension_restoration_and_withdrawal(gi) -> None:
    """``uaGiPerform`` with the applicant's acts: an extension in the limit's history, a
    restoration, a withdrawal; the examiner may not perform them."""
    case = await _deficient(gi)
    today = gi.clock().date().isoformat()
    act = {"t11": {"limit": "formal_deficiencies", "months": 1, "feePaidOn": today}}
    assert gi.code_of(await gi.perform(case.id, act, "examiner")) == "FORBIDDEN"
    answer = await gi.perform(case.id, act, "applicant")
    assert answer.get("errors") is None, answer
    bad = {"t11": {"limit": "formal_deficiencies", "months": 9, "feePaidOn": today}}
    answer = await gi.perform(case.id, bad, "applicant")
    assert gi.code_of(answer) == "BAD_USER_INPUT" and "A-21" in answer["errors"][0]["message"]
    answer = await gi.perform(case.id, act, "applicant")             # a second one: VI.2.3
    assert answer.get("errors") is None, answer
    requests = await gi.data(LIMIT_REQUESTS, {"id": gi.global_id_of(case.id)}, "applicant")
    [granted, refused] = requests["node"]["limitRequests"]
    assert granted["outcome"] == "granted" and granted["noticeItem"]
    assert refused["outcome"] == "refused" and refused["refusalRule"] == "GI rules VI.2.3-2.4"
    files = {i["seq"]: i["kind"] for i in requests["node"]["file"]}
    assert files[refused["noticeItem"]] == "extension_refused"
    assert files[refused["requestItem"]] == "extension_request"
    gi.advance(days=130)
    await gi.tick()
    assert (await gi.case(case.id)).state == "deemed_withdrawn"
    restore = {"t40": {"reasons": "Хвороба", "act": "Відповідь",
                       "feePaidOn": gi.clock().date().isoformat()}}
    answer = await gi.perform(case.id, restore, "applicant")
    assert answer.get("errors") is None, answer                      # extended: VI.2.9
    requests = await gi.data(LIMIT_REQUESTS, {"id": gi.global_id_of(case.id)}, "applicant")
    last = requests["node"]["limitRequests"][-1]
    assert (last["kind"], last["outcome"]) == ("restoration", "refused")
    assert "VI.2.9" in last["refusalRule"] and last["noticeItem"]
    other = await gi.to_formal(1)
    answer = await gi.perform(other.id, {"t39": True}, "applicant")
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "withdrawn"


@pytest.mark.legal("GI rules IV.2", "GI rules IV.11")
async def test_with_a_representative_the_period_runs_from_its_receipt(gi) -> None:
    """IV.2, IV.11 ¶2: UKRNOIVI writes to the representative; the answer period counts from
    the representative's receipt, which it confirms in its cabinet."""
    from ipreg.plugins.ukraine.gi import samples

    case = await gi.open("UA.GI.APP", "applicant", {"filing": samples.foreign_filing(0)},
                         transition="UA.GI.T01")
    await gi.pay(case.id)
    await gi.act(case.id, "UA.GI.T10", "examiner")
    case = await gi.act(case.id, "UA.GI.T16", "examiner", {"deficiencies": [
        {"ground": "documents", "text": "Переклад"}]})
    [(seq, pending)] = case.data["awaitingReceipt"].items()
    assert pending["addressee"] == "representative"
    items = await gi.data("query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase { "
                          "file { seq summary } } } }", {"id": gi.global_id_of(case.id)},
                          "examiner")
    summary = next(i["summary"] for i in items["node"]["file"] if i["seq"] == int(seq))
    assert "Мельник Ірина Василівна" in summary
    gi.advance(days=2)
    await gi.act(case.id, "UA.GI.RCPT", "representative", {
        "item": int(seq), "basis": "cabinet_confirmation"})
    assert (await gi.deadline(case.id, "formal_deficiencies")).due_on == D(2026, 5, 4)
