"""P.SP.01.PRC.001, inclusion in the register: every transaction OPR.001-025 and branch.

Each test names the points of R148 (the transactions) and R174 it proves.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.errors import (
    BadUserInput,
    Forbidden,
    InvalidTransition,
    PreconditionFailed,
    TimeLimitExpired,
    Unauthenticated,
)
from ipreg.core.model import IPObject, StatusRecord
from ipreg.core.services.validation import node_global_id
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES
from ipreg.plugins.eaeu.models import EaeuCcaMessage, EaeuEntry, EaeuProtectionPeriod
from ipreg.plugins.eaeu.samples import entry_id

PRC = "P.SP.01.PRC.001"
SECURITY = {"security": {"kind": "insurance_contract", "number": "СТР-77", "amount": "1000000",
                         "currency": "RUB", "certifiedCopy": True,
                         "document": {"kindName": "Договор страхования", "number": "СТР-77"}}}


async def submit(eaeu: Any, *forms: dict[str, Any], who: Principal | None = None) -> Any:
    return await eaeu.open(PRC, who or eaeu.applicant,
                           {"forms": list(forms) or [eaeu.form()]})


async def to_review(eaeu: Any, *forms: dict[str, Any]) -> tuple[int, list[int]]:
    case = await submit(eaeu, *forms)
    await eaeu.act(case.id, "P.SP.01.OPR.004", eaeu.commission)
    await eaeu.act(case.id, "P.SP.01.OPR.006", eaeu.commission)
    return case.id, list(case.data["objects"])


async def messages(eaeu: Any, case_id: int, kind: str) -> dict[str, Any]:
    async with eaeu.rt.sessionmaker() as session:
        rows = (await session.execute(select(EaeuCcaMessage).where(
            EaeuCcaMessage.case_id == case_id, EaeuCcaMessage.kind == kind))).scalars().all()
        return {r.country: r.confirmed_at for r in rows}


async def objects(eaeu: Any, ids: list[int]) -> list[tuple[str, bool, str | None]]:
    async with eaeu.rt.sessionmaker() as session:
        rows = (await session.execute(select(IPObject).where(IPObject.id.in_(ids))
                                      .order_by(IPObject.id))).scalars().all()
        return [(o.status, o.published, o.register_number) for o in rows]


@pytest.mark.legal(
    "P.SP.01.PRC.001", "P.SP.01.OPR.001", "P.SP.01.OPR.004", "P.SP.01.OPR.006", "P.SP.01.OPR.007",
    "P.SP.01.OPR.008", "P.SP.01.OPR.013", "P.SP.01.OPR.014", "P.SP.01.OPR.015", "P.SP.01.OPR.018",
    "P.SP.01.OPR.019", "P.SP.01.OPR.021", "P.SP.01.OPR.022", "P.SP.01.OPR.023", "P.SP.01.OPR.024",
    "P.SP.01.OPR.025", "R174 p.11(1)", "R174 p.11(2)", "R174 p.12(3)", "Regs item 23",
    "R174 A1 T1 1", "R174 A1 T1 5.1", "R174 A1 T1 5.1.1", "R174 A1 T1 5.1.2", "R174 A1 T1 5.1.3",
    "R174 A1 T1 5.1.4", "R174 A1 T1 5.9", "R174 A1 T1 5.9.1", "R174 A1 T1 5.9.2", "R174 A1 T1 8",
    "R174 A1 T1 8.1", "R174 A1 T1 8.3",
)
async def test_inclusion_runs_every_transaction_and_numbers_the_entry(eaeu: Any) -> None:
    """R148 p.24-50: OPR.001, 004, 006-008, 013-015, 018, 019, 021-025; R174 A1 T1 5.1, 5.9, 8."""
    case = await submit(eaeu)
    assert case.state == "formal_check"
    assert case.number and case.number.startswith("EAEU-2026-")
    # P.SP.01.OPR.001: the application is registered (T1 1) and the object stored unpublished
    object_id = case.data["objects"][0]
    async with eaeu.rt.sessionmaker() as session:
        entry = await session.get(EaeuEntry, object_id)
        assert entry is not None
        assert (entry.application_number, entry.application_date) == (case.number,
                                                                       dt.date(2026, 3, 2))
        assert entry.sequence_number is None
    assert await objects(eaeu, [object_id]) == [("application", False, None)]
    # Regs item 23 (provisional 10 working days): Monday 2 March → Tuesday 17 March 2026
    # (Monday 9 March is off: 8 March fell on a Sunday, Labour Code Art. 112 part 2)
    assert (await eaeu.deadline(case.id, "formalCheck")).due_on == dt.date(2026, 3, 17)

    await eaeu.act(case.id, "P.SP.01.OPR.004", eaeu.commission)
    case = await eaeu.act(case.id, "P.SP.01.OPR.006", eaeu.commission)
    assert case.state == "member_state_review"
    # OPR.006: sent to the authorized body of each member state
    assert set(await messages(eaeu, case.id, "application")) == set(MEMBER_STATE_CODES)
    assert (await eaeu.deadline(case.id, "ccaVerification")).due_on == dt.date(2026, 4, 1)

    for country in MEMBER_STATE_CODES:
        # OPR.007 → OPR.008: acceptance acknowledged, received by the Commission
        await eaeu.act(case.id, "P.SP.01.OPR.007", eaeu.ccas[country], {"memberState": country})
        # OPR.013 → OPR.014: result per object, recorded and notified back to the CCA
        await eaeu.act(case.id, "P.SP.01.OPR.013", eaeu.ccas[country], {
            "memberState": country,
            "results": [{"objectId": entry_id(object_id), "result": "possible"}]})
        # OPR.015: the CCA processes the Commission's notification
        await eaeu.act(case.id, "P.SP.01.OPR.015", eaeu.ccas[country], {"memberState": country})
    assert all(v is not None for v in (await messages(eaeu, case.id, "application")).values())
    assert all(v is not None for v in (await messages(eaeu, case.id, "result_notice")).values())

    case = await eaeu.act(case.id, "P.SP.01.OPR.018", eaeu.commission)
    assert case.state == "awaiting_security"
    case = await eaeu.act(case.id, "P.SP.01.OPR.019.SECURITY", eaeu.applicant, SECURITY)
    assert case.state == "inclusion_decision"
    assert case.data["security"]["documentId"] is not None
    case = await eaeu.act(case.id, "P.SP.01.OPR.021", eaeu.commission)
    assert case.state == "included" and case.closed_at is not None

    # R174 A1 T1 5.1.1-5.1.4: 00001/TZ/0001, inclusion date; T1 8: status with its basis
    assert await objects(eaeu, [object_id]) == [("included", True, "00001/TZ/0001")]
    async with eaeu.rt.sessionmaker() as session:
        entry = await session.get(EaeuEntry, object_id)
        assert entry is not None
        assert (entry.sequence_number, entry.kind_code, entry.decision_number,
                entry.inclusion_date) == ("00001", "ТЗ", "0001", dt.date(2026, 3, 2))
        history = (await session.execute(select(StatusRecord).where(
            StatusRecord.object_id == object_id))).scalars().all()
        assert [(s.status, s.basis_number, s.basis_date) for s in history] == [
            ("included", "0001", dt.date(2026, 3, 2))]
        period = (await session.execute(select(EaeuProtectionPeriod).where(
            EaeuProtectionPeriod.object_id == object_id))).scalar_one()
        # R174 A1 T1 5.9; two years by default (digest §10 F4, outside the seeds)
        assert (period.starts_on, period.ends_on) == (dt.date(2026, 3, 2), dt.date(2028, 3, 1))

    # OPR.023 → OPR.024 → OPR.025: each CCA confirms the inclusion notice
    assert set(await messages(eaeu, case.id, "inclusion")) == set(MEMBER_STATE_CODES)
    for country in MEMBER_STATE_CODES:
        await eaeu.act(case.id, "P.SP.01.OPR.024", eaeu.ccas[country], {"memberState": country})
    assert all(v is not None for v in (await messages(eaeu, case.id, "inclusion")).values())
    with pytest.raises(PreconditionFailed):  # confirmed once
        await eaeu.act(case.id, "P.SP.01.OPR.024", eaeu.ccas["RU"], {"memberState": "RU"})

    notices = await eaeu.notices(case.id)
    to_applicant = [k for k, who, role in notices if role == "applicant"]
    # OPR.018 (possibility) and OPR.022 (inclusion) to the applicant
    assert to_applicant == ["P.SP.01.OPR.018", "P.SP.01.OPR.022"]
    for country, party in eaeu.authority.items():
        kinds = [k for k, who, _ in notices if who == party]
        assert kinds == ["P.SP.01.OPR.006", "P.SP.01.OPR.014", "P.SP.01.OPR.023"], country


@pytest.mark.legal("R174 A1 T1 5.1.1", "R174 A1 T1 5.1.2", "R174 A1 T1 5.1.3")
async def test_one_sequence_for_every_kind_and_one_decision_for_an_application(
        eaeu: Any) -> None:
    """R174 A1 T1 5.1.1 (one sequence regardless of kind), 5.1.3 (the inclusion decision)."""
    from ipreg.plugins.eaeu.samples import MARKS

    mark = next(m for m in MARKS if m[2] == "ТЗ")
    work = next(m for m in MARKS if m[2] == "АП")
    phonogram = next(m for m in MARKS if m[2] == "СП")
    case, _ = await eaeu.include(0, mark=mark)
    assert case.data["included"][0]["registrationNumber"] == "00001/TZ/0001"
    case_id, ids = await to_review(eaeu, eaeu.form(1, mark=work), eaeu.form(2, mark=phonogram))
    await eaeu.all_verify(case_id, ids)
    await eaeu.act(case_id, "P.SP.01.OPR.018", eaeu.commission)
    await eaeu.act(case_id, "P.SP.01.OPR.019.SECURITY", eaeu.applicant, SECURITY)
    case = await eaeu.act(case_id, "P.SP.01.OPR.021", eaeu.commission)
    assert [i["registrationNumber"] for i in case.data["included"]] == [
        "00002/AP/0002", "00003/SP/0002"]


@pytest.mark.legal("P.SP.01.OPR.002", "R174 p.11(2)")
async def test_refusal_to_consider_with_reasons(eaeu: Any) -> None:
    """OPR.002 (R148 p.27, table 8): a defect ending consideration; notice with reasons."""
    case = await submit(eaeu)
    case = await eaeu.act(case.id, "P.SP.01.OPR.002", eaeu.commission,
                          {"reasons": "Заявление подписано неуполномоченным лицом"})
    assert case.state == "consideration_refused"
    assert await objects(eaeu, case.data["objects"]) == [("consideration_refused", False, None)]
    assert ("P.SP.01.OPR.002", eaeu.holder, "applicant") in await eaeu.notices(case.id)
    with pytest.raises(BadUserInput):
        other = await submit(eaeu)
        await eaeu.act(other.id, "P.SP.01.OPR.002", eaeu.commission)  # reasons required


@pytest.mark.legal(
    "P.SP.01.OPR.003", "P.SP.01.OPR.004", "P.SP.01.OPR.005", "R174 p.11(1)", "R174 p.11(2)",
    "Regs item 23",
)
async def test_missing_documents_in_time_then_refusal_after_the_completeness_decision(
        eaeu: Any, clock: Any) -> None:
    """OPR.003 (notification), OPR.004 (answer in time, R148 p.28-29), OPR.005 (refusal)."""
    case = await submit(eaeu)
    case = await eaeu.act(case.id, "P.SP.01.OPR.003", eaeu.commission,
                          {"missing": ["Доверенность представителя"]})
    assert case.state == "awaiting_missing_documents"
    assert ("P.SP.01.OPR.003", eaeu.holder, "applicant") in await eaeu.notices(case.id)
    clock.advance(days=20)
    case = await eaeu.act(case.id, "P.SP.01.OPR.004.SUBMIT", eaeu.applicant, {
        "documents": [{"kindName": "Доверенность", "number": "12-Д", "date": "2026-03-10"}]})
    assert case.state == "completeness_decision"
    assert (await eaeu.deadline(case.id, "missingDocumentsAnswer")).status == "met"
    case = await eaeu.act(case.id, "P.SP.01.OPR.005", eaeu.commission)
    assert case.state == "consideration_refused"


@pytest.mark.legal("P.SP.01.OPR.004", "P.SP.01.OPR.006", "Regs item 23")
async def test_missing_documents_term_expires_and_the_decision_follows(
        eaeu: Any, clock: Any) -> None:
    """OPR.004 after the Regs item 23 term expired (R148 p.29): the system moves the case on;
    a late answer is refused."""
    case = await submit(eaeu)
    await eaeu.act(case.id, "P.SP.01.OPR.003", eaeu.commission, {"missing": ["Доверенность"]})
    due = (await eaeu.deadline(case.id, "missingDocumentsAnswer")).due_on
    assert due == dt.date(2026, 4, 1)  # 30 calendar days (provisional)
    clock.now = dt.datetime(2026, 4, 1, 20, 59, tzinfo=dt.UTC)  # 23:59 in Moscow
    assert [a for a in await eaeu.rt.procedures.tick() if a["case"] == case.number] == []
    clock.now = dt.datetime(2026, 4, 1, 21, 0, tzinfo=dt.UTC)  # midnight in Moscow
    with pytest.raises(TimeLimitExpired):
        await eaeu.act(case.id, "P.SP.01.OPR.004.SUBMIT", eaeu.applicant,
                       {"documents": [{"kindName": "Доверенность"}]})
    applied = await eaeu.rt.procedures.tick()
    assert ("missingDocumentsAnswer", "P.SP.01.OPR.004.EXPIRED") in [
        (a["limit"], a["consequence"]) for a in applied]
    case = await eaeu.case(case.id)
    assert case.state == "completeness_decision" and case.data["missingDocumentsExpired"]
    case = await eaeu.act(case.id, "P.SP.01.OPR.006", eaeu.commission)
    assert case.state == "member_state_review"


@pytest.mark.legal("P.SP.01.OPR.009", "R174 p.11(1)")
async def test_withdrawal_before_transmission_informs_no_authorized_body(eaeu: Any) -> None:
    """OPR.009 (R148 p.34): withdrawal at any time before the final decision."""
    case = await submit(eaeu)
    case = await eaeu.act(case.id, "P.SP.01.OPR.009", eaeu.applicant)
    assert case.state == "withdrawn"
    assert await messages(eaeu, case.id, "withdrawal") == {}
    assert await objects(eaeu, case.data["objects"]) == [("withdrawn", False, None)]


@pytest.mark.parametrize("stage", ["member_state_review", "awaiting_security",
                                   "inclusion_decision"])
@pytest.mark.legal(
    "P.SP.01.OPR.009", "P.SP.01.OPR.010", "P.SP.01.OPR.011", "P.SP.01.OPR.012", "R174 p.12(3)",
    "P.SP.01.ACT.001",
)
async def test_withdrawal_after_transmission_informs_each_authorized_body(
        eaeu: Any, stage: str) -> None:
    """OPR.009 → OPR.010 (R148 p.35): each CCA is informed; OPR.011 → OPR.012 confirm."""
    case_id, ids = await to_review(eaeu)
    if stage != "member_state_review":
        await eaeu.all_verify(case_id, ids)
        await eaeu.act(case_id, "P.SP.01.OPR.018", eaeu.commission)
    if stage == "inclusion_decision":
        await eaeu.act(case_id, "P.SP.01.OPR.019.SECURITY", eaeu.applicant, SECURITY)
    assert (await eaeu.case(case_id)).state == stage
    await eaeu.act(case_id, "P.SP.01.OPR.009", eaeu.representative, {"reason": "Отзыв"})
    assert set(await messages(eaeu, case_id, "withdrawal")) == set(MEMBER_STATE_CODES)
    with pytest.raises(PreconditionFailed, match="only the authorized body of RU"):
        await eaeu.act(case_id, "P.SP.01.OPR.011", eaeu.ccas["KZ"], {"memberState": "RU"})
    for country in MEMBER_STATE_CODES:
        await eaeu.act(case_id, "P.SP.01.OPR.011", eaeu.ccas[country], {"memberState": country})
    assert all(v is not None for v in (await messages(eaeu, case_id, "withdrawal")).values())


@pytest.mark.legal("P.SP.01.OPR.009")
async def test_no_withdrawal_after_the_final_decision(eaeu: Any) -> None:
    """OPR.009: only until the Commission's final decision (digest §2.2.3 [Inference])."""
    case, _ = await eaeu.include()
    with pytest.raises(InvalidTransition):
        await eaeu.act(case.id, "P.SP.01.OPR.009", eaeu.applicant)


@pytest.mark.legal("P.SP.01.OPR.013", "P.SP.01.ACT.001")
async def test_member_state_reviews_are_done_only_by_that_states_body(eaeu: Any) -> None:
    """OPR.007, OPR.013 (R148 P.SP.01.ACT.001): the body acts for its own state only."""
    case_id, ids = await to_review(eaeu)
    result = {"memberState": "RU",
              "results": [{"objectId": entry_id(ids[0]), "result": "possible"}]}
    with pytest.raises(PreconditionFailed, match="only the authorized body of RU"):
        await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["KZ"], result)
    unscoped = Principal(kind="user", subject="user:any-cca",
                         grants=frozenset({Grant("authorized_body", "eaeu")}))
    with pytest.raises(PreconditionFailed):
        await eaeu.act(case_id, "P.SP.01.OPR.013", unscoped, result)
    with pytest.raises(Forbidden):
        await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.commission, result)
    with pytest.raises(BadUserInput, match="not a member state"):
        await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"],
                       {**result, "memberState": "UA"})
    with pytest.raises(BadUserInput, match="grounds"):
        await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], {
            "memberState": "RU", "results": [{"objectId": entry_id(ids[0]), "result": "refused"}]})
    with pytest.raises(BadUserInput, match="not declared"):
        await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], {
            "memberState": "RU", "results": [{"objectId": entry_id(99999), "result": "possible"}]})
    await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], result)
    with pytest.raises(BadUserInput, match="already answered"):
        await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], result)


@pytest.mark.legal("P.SP.01.OPR.013")
async def test_a_result_names_its_object_by_the_entrys_global_id(eaeu: Any) -> None:
    """OPR.013 names each object as every argument of the API does: by its global ID
    (`EaeuRegisterEntry`). A database id, another type's id or the same object twice is
    refused with a problem naming the path; the case step records the input as given."""
    case_id, ids = await to_review(eaeu)
    for given, words in ((ids[0], "must be the global id of a EaeuRegisterEntry"),
                         (str(ids[0]), "must be the global id of a EaeuRegisterEntry"),
                         (node_global_id("Party", ids[0]), "not the global id of a Party")):
        with pytest.raises(BadUserInput, match=words) as refused:
            await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], {
                "memberState": "RU", "results": [{"objectId": given, "result": "possible"}]})
        assert [(p["path"], p["code"]) for p in refused.value.details["problems"]] == [
            ("results[0].objectId", "not_a_node")]
    twice = {"objectId": entry_id(ids[0]), "result": "possible"}
    with pytest.raises(BadUserInput, match="given twice") as refused:
        await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], {
            "memberState": "RU", "results": [twice, twice]})
    assert refused.value.details["problems"][0]["path"] == "results[1].objectId"
    await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], {
        "memberState": "RU", "results": [twice]})
    async with eaeu.rt.sessionmaker() as session:
        from ipreg.core.model import CaseStep
        from ipreg.plugins.eaeu.models import EaeuReviewResult

        step = (await session.execute(select(CaseStep).where(
            CaseStep.case_id == case_id, CaseStep.transition == "P.SP.01.OPR.013"))).scalar_one()
        stored = (await session.execute(select(EaeuReviewResult.object_id).where(
            EaeuReviewResult.case_id == case_id))).scalars().all()
    assert step.input["results"][0]["objectId"] == entry_id(ids[0])
    assert stored == [ids[0]]


@pytest.mark.legal(
    "P.SP.01.OPR.013", "P.SP.01.OPR.016", "P.SP.01.OPR.017", "P.SP.01.OPR.018", "R174 p.12(4)",
)
async def test_the_decision_waits_for_all_five_states_and_every_object(eaeu: Any) -> None:
    """OPR.016 (R148 p.40): decided on the results of the CCAs of all member states, for
    each IP object of the application (OPR.013 is per object)."""
    case_id, ids = await to_review(eaeu, eaeu.form(0), eaeu.form(1))
    assert len(ids) == 2
    await eaeu.all_verify(case_id, ids, states=("AM", "BY", "KZ", "KG"))
    await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], {
        "memberState": "RU", "results": [{"objectId": entry_id(ids[0]), "result": "possible"}]})
    with pytest.raises(PreconditionFailed, match="RU"):
        await eaeu.act(case_id, "P.SP.01.OPR.018", eaeu.commission)
    with pytest.raises(PreconditionFailed):
        await eaeu.act(case_id, "P.SP.01.OPR.017", eaeu.commission)
    await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], {
        "memberState": "RU", "results": [{"objectId": entry_id(ids[1]), "result": "possible"}]})
    assert ("P.SP.01.OPR.016", None, "commission_official") in await eaeu.notices(case_id)
    with pytest.raises(PreconditionFailed, match="no authorized body refused"):
        await eaeu.act(case_id, "P.SP.01.OPR.017", eaeu.commission)
    case = await eaeu.act(case_id, "P.SP.01.OPR.018", eaeu.commission)
    assert case.state == "awaiting_security"


@pytest.mark.legal("P.SP.01.OPR.016", "P.SP.01.OPR.017", "R174 p.12(4)", "R174 p.11(2)")
async def test_one_refusal_refuses_with_the_refusals_attached(eaeu: Any) -> None:
    """OPR.017 (R148 p.41): a refusal of at least one CCA; the notice carries the refusals."""
    case_id, ids = await to_review(eaeu)
    await eaeu.all_verify(case_id, ids, states=("AM", "BY", "KG", "RU"))
    await eaeu.all_verify(case_id, ids, "refused", states=("KZ",))
    with pytest.raises(PreconditionFailed, match="only refusal"):
        await eaeu.act(case_id, "P.SP.01.OPR.018", eaeu.commission)
    case = await eaeu.act(case_id, "P.SP.01.OPR.017", eaeu.commission)
    assert case.state == "inclusion_refused"
    assert [(r["memberState"], r["objectId"]) for r in case.data["ccaRefusals"]] == [
        ("KZ", ids[0])]
    assert case.data["ccaRefusals"][0]["documentId"] is not None
    assert await objects(eaeu, ids) == [("refused", False, None)]
    async with eaeu.rt.sessionmaker() as session:
        from ipreg.core.model import Notification

        notice = (await session.execute(select(Notification).where(
            Notification.case_id == case_id, Notification.kind == "P.SP.01.OPR.017"))).scalar_one()
        assert notice.addressee_id == eaeu.holder
        assert notice.payload["ccaRefusals"][0]["grounds"] == "Товарный знак не зарегистрирован"


@pytest.mark.legal("P.SP.01.OPR.013", "P.SP.01.OPR.016", "P.SP.01.OPR.018", "Regs item 25")
async def test_silence_of_an_authorized_body_after_the_term(eaeu: Any, clock: Any,
                                                           monkeypatch: Any) -> None:
    """Regs item 25 (digest §2.2.3 [Gap]): the system marks the term's expiry (OPR.016);
    late results do not count; the silence policy recorded at the expiry decides
    (``treat_as_possible`` here; every policy: tests/eaeu/test_terms_and_policies.py)."""
    monkeypatch.setenv("IPREG_EAEU_ON_CCA_SILENCE", "treat_as_possible")
    case_id, ids = await to_review(eaeu)
    await eaeu.all_verify(case_id, ids, states=("AM", "BY", "KZ", "KG"))
    clock.advance(days=31)
    with pytest.raises(TimeLimitExpired):
        await eaeu.act(case_id, "P.SP.01.OPR.013", eaeu.ccas["RU"], {
            "memberState": "RU", "results": [{"objectId": entry_id(ids[0]), "result": "possible"}]})
    applied = await eaeu.rt.procedures.tick()
    assert ("ccaVerification", "P.SP.01.OPR.016") in [(a["limit"], a["consequence"])
                                                       for a in applied]
    case = await eaeu.case(case_id)
    assert case.state == "review_term_expired" and case.data["silentStates"] == ["RU"]
    with pytest.raises(PreconditionFailed, match="treat_as_possible"):
        await eaeu.act(case_id, "P.SP.01.OPR.017", eaeu.commission)
    case = await eaeu.act(case_id, "P.SP.01.OPR.018", eaeu.commission)
    assert case.state == "awaiting_security"


@pytest.mark.legal("P.SP.01.OPR.016", "P.SP.01.OPR.017", "Regs item 25")
async def test_silence_refused_under_the_refusal_policy(eaeu: Any, clock: Any,
                                                       monkeypatch: Any) -> None:
    monkeypatch.setenv("IPREG_EAEU_ON_CCA_SILENCE", "refuse")
    case_id, _ = await to_review(eaeu)
    clock.advance(days=31)
    await eaeu.rt.procedures.tick()
    case = await eaeu.act(case_id, "P.SP.01.OPR.017", eaeu.commission)
    assert case.state == "inclusion_refused"
    assert set(case.data["silentStates"]) == set(MEMBER_STATE_CODES)


@pytest.mark.legal("P.SP.01.OPR.019", "P.SP.01.OPR.020", "Regs item 29", "R174 p.11(2)")
async def test_no_security_in_time_leads_to_refusal(eaeu: Any, clock: Any) -> None:
    """OPR.019 after the Regs item 29 term (R148 p.43) → OPR.020 refusal [Inference]."""
    case_id, ids = await to_review(eaeu)
    await eaeu.all_verify(case_id, ids)
    await eaeu.act(case_id, "P.SP.01.OPR.018", eaeu.commission)
    clock.advance(days=31)
    with pytest.raises(TimeLimitExpired):
        await eaeu.act(case_id, "P.SP.01.OPR.019.SECURITY", eaeu.applicant, SECURITY)
    applied = await eaeu.rt.procedures.tick()
    assert ("securitySubmission", "P.SP.01.OPR.019.EXPIRED") in [
        (a["limit"], a["consequence"]) for a in applied]
    case = await eaeu.case(case_id)
    assert case.state == "inclusion_decision" and case.data["securityMissing"]
    with pytest.raises(PreconditionFailed, match="no security"):
        await eaeu.act(case_id, "P.SP.01.OPR.021", eaeu.commission)
    case = await eaeu.act(case_id, "P.SP.01.OPR.020", eaeu.commission)
    assert case.state == "inclusion_refused"
    assert ("P.SP.01.OPR.020", eaeu.holder, "applicant") in await eaeu.notices(case_id)
    assert await objects(eaeu, ids) == [("refused", False, None)]


@pytest.mark.legal("R174 p.10")
async def test_roles_of_the_inclusion_procedure(eaeu: Any) -> None:
    """Applicant-side acts for the applicant only; Commission acts for its officials."""
    with pytest.raises(Unauthenticated):
        await submit(eaeu, who=ANONYMOUS)
    with pytest.raises(Forbidden):
        await submit(eaeu, who=eaeu.commission)
    case = await submit(eaeu)
    with pytest.raises(Forbidden):
        await eaeu.act(case.id, "P.SP.01.OPR.004", eaeu.applicant)
    with pytest.raises(Forbidden):
        await eaeu.act(case.id, "P.SP.01.OPR.009", eaeu.stranger)
    with pytest.raises(InvalidTransition):
        await eaeu.act(case.id, "P.SP.01.OPR.018", eaeu.commission)
    # a representative files for the right holder it represents (grant organisation)
    by_attorney = await submit(eaeu, who=eaeu.representative)
    assert by_attorney.applicant_id == eaeu.holder


@pytest.mark.legal("R174 p.10")
async def test_the_applicant_is_a_right_holder_or_the_representative(eaeu: Any) -> None:
    """R174 p.10: the applicant is the right holder or its representative."""
    with pytest.raises(BadUserInput, match=r"R174 p\.10"):
        await submit(eaeu, eaeu.form(0, holder=eaeu.other_holder))
    with pytest.raises(BadUserInput, match="forms"):
        await eaeu.open(PRC, eaeu.applicant, {"forms": []})
