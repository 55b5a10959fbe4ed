"""P.SP.01.PRC.002-007, maintaining the register (R148 p.15, table 2; digest §2.3, §3.4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from ipreg.core.errors import (
    BadUserInput,
    Forbidden,
    InvalidTransition,
    PreconditionFailed,
    TimeLimitExpired,
)
from ipreg.core.model import Case, Goods, IPObject, StatusRecord
from ipreg.plugins.eaeu.codes import MEMBER_STATE_CODES
from ipreg.plugins.eaeu.models import EaeuEntry, EaeuProtectionPeriod, EaeuTurnover
from ipreg.plugins.eaeu.samples import party_id, turnover


async def included(eaeu: Any) -> int:
    _, ids = await eaeu.include()
    return int(ids[0])


async def history(eaeu: Any, object_id: int) -> list[tuple[str, str | None]]:
    async with eaeu.rt.sessionmaker() as session:
        rows = (await session.execute(select(StatusRecord).where(
            StatusRecord.object_id == object_id).order_by(StatusRecord.id))).scalars().all()
        return [(r.status, r.basis_number) for r in rows]


async def entry_object(eaeu: Any, object_id: int) -> IPObject:
    async with eaeu.rt.sessionmaker() as session:
        obj = await session.get(IPObject, object_id)
        assert obj is not None
        return obj


async def acknowledge_all(eaeu: Any, case_id: int, code: str) -> None:
    for country in MEMBER_STATE_CODES:
        await eaeu.act(case_id, code, eaeu.ccas[country], {"memberState": country})


@pytest.mark.legal(
    "P.SP.01.PRC.002", "P.SP.01.PRC.003", "R174 p.11(1)", "R174 p.11(2)", "R174 p.12(3)",
    "R174 A1 T1 8.1", "R174 A1 T1 8.3",
)
async def test_amendment_on_request_opens_the_amendment(eaeu: Any) -> None:
    """PRC.002 → PRC.003 (R148 p.15): data changed, status `changed` with the decision as
    its basis (R174 A1 T1 8.1, 8.3), applicant and each CCA notified (R174 p.12(3))."""
    object_id = await included(eaeu)
    request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": {
        "description": "Комбинированное обозначение «Красный Октябрь» в цвете",
        "keywords": [{"value": "Красный Октябрь"}, {"value": "Krasny Oktyabr"}]}},
        object_id=object_id)
    assert request.state == "under_consideration"
    request = await eaeu.act(request.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
    assert request.state == "approved"
    async with eaeu.rt.sessionmaker() as session:
        amendment = (await session.execute(select(Case).where(
            Case.procedure == "P.SP.01.PRC.003"))).scalar_one()
    assert amendment.state == "amended" and amendment.applicant_id == eaeu.holder
    assert amendment.data["changed"] == ["description", "keywords"]
    obj = await entry_object(eaeu, object_id)
    assert obj.description.endswith("в цвете") and obj.status == "changed"
    assert await history(eaeu, object_id) == [("included", "0001"), ("changed", "0002")]
    notices = await eaeu.notices(amendment.id)
    assert ("P.SP.01.PRC.003", eaeu.holder, "applicant") in notices
    assert {who for _, who, role in notices if role == "authorized_body"} == set(
        eaeu.authority.values())
    await acknowledge_all(eaeu, amendment.id, "P.SP.01.PRC.003.ACK")


@pytest.mark.legal(
    "P.SP.01.PRC.002", "P.SP.01.PRC.003", "R174 A1 T1 2", "R174 A1 T1 3", "R174 A1 T1 5.6",
)
async def test_an_amendment_keeps_a_holder_named_again_and_replaces_title_documents(
    eaeu: Any,
) -> None:
    """PRC.002/003 with T1 3 (a second right holder beside the same first one) and
    T1 5.6 (new title documents): the holder named again keeps its link."""
    from ipreg.core.model import ObjectDocument, ObjectParty
    from ipreg.plugins.eaeu.samples import title_documents

    object_id = await included(eaeu)
    documents = title_documents("ТЗ", eaeu.rng, "Красный Октябрь")[:2]
    request = await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": {
        "rightHolders": [{"partyId": party_id(eaeu.holder)},
                         {"partyId": party_id(eaeu.other_holder)},
                         {"partyId": party_id(eaeu.holder)}],
        "titleDocuments": documents}}, object_id=object_id)
    request = await eaeu.act(request.id, "P.SP.01.PRC.002.APPROVE", eaeu.commission)
    assert request.state == "approved"
    async with eaeu.rt.sessionmaker() as session:
        holders = (await session.execute(
            select(ObjectParty.party_id).where(ObjectParty.object_id == object_id,
                                               ObjectParty.role == "holder")
            .order_by(ObjectParty.position))).scalars().all()
        titles = (await session.execute(
            select(ObjectDocument.id).where(ObjectDocument.object_id == object_id,
                                            ObjectDocument.role == "title_document")
        )).scalars().all()
        entry = await session.get(EaeuEntry, object_id)
    assert holders == [eaeu.holder, eaeu.other_holder]
    assert len(titles) == len(documents)
    assert entry is not None and entry.right_holder_count == 2


@pytest.mark.legal("P.SP.01.PRC.002", "R174 p.10")
async def test_amendment_refused_and_requests_of_strangers(eaeu: Any) -> None:
    """PRC.002 refusal (R148 p.15); only the entry's own holder or representative asks."""
    object_id = await included(eaeu)
    with pytest.raises(PreconditionFailed, match=r"R174 p\.10"):
        await eaeu.open("P.SP.01.PRC.002", eaeu.stranger, {"changes": {"name": "X"}},
                        object_id=object_id)
    with pytest.raises(BadUserInput, match="cannot be changed"):
        await eaeu.open("P.SP.01.PRC.002", eaeu.applicant, {"changes": {"status": "x"}},
                        object_id=object_id)
    request = await eaeu.open("P.SP.01.PRC.002", eaeu.representative,
                              {"changes": {"name": "Красный Октябрь Classic"}},
                              object_id=object_id)
    request = await eaeu.act(request.id, "P.SP.01.PRC.002.REFUSE", eaeu.commission,
                             {"reasons": "Изменение обозначения не допускается"})
    assert request.state == "refused"
    assert ("P.SP.01.PRC.002.REFUSE", eaeu.holder, "applicant") in await eaeu.notices(request.id)
    assert (await entry_object(eaeu, object_id)).status == "included"


@pytest.mark.legal("P.SP.01.PRC.003")
async def test_technical_correction_by_the_commission(eaeu: Any) -> None:
    """PRC.003 on a correction of a technical nature detected by the Commission (R148 p.15)."""
    object_id = await included(eaeu)
    with pytest.raises(Forbidden):
        await eaeu.open("P.SP.01.PRC.003", eaeu.applicant, {"changes": {"name": "X"},
                                                            "reason": "x"},
                        transition="P.SP.01.PRC.003.TECHNICAL", object_id=object_id)
    case = await eaeu.open("P.SP.01.PRC.003", eaeu.commission, {
        "changes": {"goods": [{"description": "Шоколад", "cnFeaCodes": ["1806320000"],
                               "niceClasses": [30], "turnover": [turnover(1, eaeu.rng, "X")]}]},
        "reason": "Опечатка в коде ТН ВЭД"}, transition="P.SP.01.PRC.003.TECHNICAL",
        object_id=object_id)
    assert case.state == "amended" and case.applicant_id == eaeu.holder
    data = await eaeu.data('query($n: String!) { eaeuEntry(registrationNumber: $n) { '
                           'eaeuGoods { cnFeaCodes turnover { legality } } } }',
                           {"n": "00001/TZ/0001"}, eaeu.commission)
    assert data["eaeuEntry"]["eaeuGoods"] == [{"cnFeaCodes": ["1806320000"],
                                               "turnover": [{"legality": 1}]}]


@pytest.mark.legal(
    "P.SP.01.PRC.004", "R174 A1 T1 5.9", "R174 A1 T1 5.9.1", "R174 A1 T1 5.9.2", "R174 A1 T1 8.1",
)
async def test_prolongation_adds_a_protection_period(eaeu: Any, clock: Any) -> None:
    """PRC.004 (R148 p.15): a new period (R174 A1 T1 5.9 is 1..*), status `prolonged`."""
    object_id = await included(eaeu)  # protected 2026-03-02 .. 2028-03-01
    with pytest.raises(PreconditionFailed, match="not after"):
        await eaeu.open("P.SP.01.PRC.004", eaeu.applicant, {"requestedEnd": "2027-01-01"},
                        object_id=object_id)
    clock.advance(days=600)
    request = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                              {"requestedEnd": "2030-03-01"}, object_id=object_id)
    request = await eaeu.act(request.id, "P.SP.01.PRC.004.GRANT", eaeu.commission)
    assert request.state == "prolonged"
    async with eaeu.rt.sessionmaker() as session:
        periods = (await session.execute(select(EaeuProtectionPeriod).where(
            EaeuProtectionPeriod.object_id == object_id).order_by(EaeuProtectionPeriod.seq))
        ).scalars().all()
    assert [(p.starts_on, p.ends_on) for p in periods] == [
        (dt.date(2026, 3, 2), dt.date(2028, 3, 1)), (dt.date(2028, 3, 2), dt.date(2030, 3, 1))]
    assert [s for s, _ in await history(eaeu, object_id)] == ["included", "prolonged"]
    await acknowledge_all(eaeu, request.id, "P.SP.01.PRC.004.ACK")


@pytest.mark.legal("P.SP.01.PRC.004")
async def test_prolongation_refused_and_after_the_period_lapsed(eaeu: Any, clock: Any,
                                                               monkeypatch: Any) -> None:
    """PRC.004 refusal (R148 p.15), and the two-year cap can be enforced (§10 F4/F10); a
    request after the period ended is received and can only be refused by the Commission
    (digest §10 F4, outside the seeds; tests/eaeu/test_terms_and_policies.py)."""
    object_id = await included(eaeu)
    request = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                              {"requestedEnd": "2031-01-01"}, object_id=object_id)
    request = await eaeu.act(request.id, "P.SP.01.PRC.004.REFUSE", eaeu.commission,
                             {"reasons": "Срок превышает два года"})
    assert request.state == "refused"
    assert ("P.SP.01.PRC.004.REFUSE", eaeu.holder, "applicant") in await eaeu.notices(request.id)
    monkeypatch.setenv("IPREG_EAEU_ENFORCE_PROTECTION_CAP", "1")
    beyond = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                             {"requestedEnd": "2031-01-01"}, object_id=object_id)
    assert beyond.data["requestBeyondCap"] is True
    with pytest.raises(PreconditionFailed, match="at most 2030-03-01"):
        await eaeu.act(beyond.id, "P.SP.01.PRC.004.GRANT", eaeu.commission)
    await eaeu.act(beyond.id, "P.SP.01.PRC.004.REFUSE", eaeu.commission,
                   {"reasons": "Срок превышает два года"})
    clock.advance(days=800)
    late = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant, {"requestedEnd": "2030-03-01"},
                           object_id=object_id)
    with pytest.raises(PreconditionFailed, match="ended on 2028-03-01"):
        await eaeu.act(late.id, "P.SP.01.PRC.004.GRANT", eaeu.commission)


@pytest.mark.legal(
    "P.SP.01.PRC.005", "R174 p.11(1)", "R174 p.11(2)", "R174 p.12(3)", "R174 A1 T1 8.1",
    "R174 A1 T1 9",
)
async def test_exclusion_on_request(eaeu: Any) -> None:
    """PRC.005 (R148 p.15): excluded, unpublished, notified (R174 p.11(2) N8, p.12(3))."""
    object_id = await included(eaeu)
    request = await eaeu.open("P.SP.01.PRC.005", eaeu.applicant, {"reason": "Не нужен"},
                              object_id=object_id)
    case = await eaeu.act(request.id, "P.SP.01.PRC.005.EXCLUDE", eaeu.commission)
    assert case.state == "excluded"
    obj = await entry_object(eaeu, object_id)
    assert (obj.status, obj.published) == ("excluded", False)
    async with eaeu.rt.sessionmaker() as session:
        entry = await session.get(EaeuEntry, object_id)
        assert entry is not None and entry.valid_to is not None  # R174 A1 T1 9
    assert ("P.SP.01.PRC.005.EXCLUDE", eaeu.holder, "applicant") in await eaeu.notices(case.id)
    await acknowledge_all(eaeu, case.id, "P.SP.01.PRC.005.ACK")
    with pytest.raises(PreconditionFailed, match="not in force"):
        await eaeu.open("P.SP.01.PRC.005", eaeu.applicant, None, object_id=object_id)


@pytest.mark.legal("P.SP.01.PRC.006", "Regs item 46", "R174 p.11(2)")
async def test_exclusion_on_other_grounds_with_evidence(eaeu: Any) -> None:
    """PRC.006 (R148 p.15, Regs item 46): request for documents (R174 p.11(2) N7), answer,
    exclusion."""
    object_id = await included(eaeu)
    with pytest.raises(Forbidden):
        await eaeu.open("P.SP.01.PRC.006", eaeu.applicant, {"grounds": "x"},
                        object_id=object_id)
    case = await eaeu.open("P.SP.01.PRC.006", eaeu.commission,
                           {"grounds": "Прекращена правовая охрана товарного знака в РК"},
                           object_id=object_id)
    assert case.state == "opened" and case.applicant_id == eaeu.holder
    await eaeu.act(case.id, "P.SP.01.PRC.006.REQUEST_EVIDENCE", eaeu.commission)
    assert ("P.SP.01.PRC.006.REQUEST_EVIDENCE", eaeu.holder, "applicant") in (
        await eaeu.notices(case.id))
    case = await eaeu.act(case.id, "P.SP.01.PRC.006.SUBMIT_EVIDENCE", eaeu.applicant, {
        "documents": [{"kindName": "Выписка из реестра товарных знаков РК"}],
        "note": "Охрана продлена"})
    assert case.state == "evidence_received"
    case = await eaeu.act(case.id, "P.SP.01.PRC.006.EXCLUDE", eaeu.commission)
    assert case.state == "excluded"
    assert (await entry_object(eaeu, object_id)).status == "excluded"
    await acknowledge_all(eaeu, case.id, "P.SP.01.PRC.006.ACK")


@pytest.mark.legal("P.SP.01.PRC.006")
async def test_exclusion_on_other_grounds_dismissed_after_the_term(eaeu: Any,
                                                                  clock: Any) -> None:
    """PRC.006: no documents in time (system), the object remains unchanged (R148 p.15)."""
    object_id = await included(eaeu)
    case = await eaeu.open("P.SP.01.PRC.006", eaeu.commission, {"grounds": "Сведения ФТС"},
                           object_id=object_id)
    await eaeu.act(case.id, "P.SP.01.PRC.006.REQUEST_EVIDENCE", eaeu.commission)
    clock.advance(days=40)
    with pytest.raises(TimeLimitExpired):
        await eaeu.act(case.id, "P.SP.01.PRC.006.SUBMIT_EVIDENCE", eaeu.applicant)
    applied = await eaeu.rt.procedures.tick()
    assert ("exclusionEvidence", "P.SP.01.PRC.006.EVIDENCE_EXPIRED") in [
        (a["limit"], a["consequence"]) for a in applied]
    case = await eaeu.act(case.id, "P.SP.01.PRC.006.DISMISS", eaeu.commission,
                          {"reasons": "Основание не подтвердилось"})
    assert case.state == "dismissed"
    assert (await entry_object(eaeu, object_id)).status == "included"


@pytest.mark.legal("P.SP.01.PRC.007", "R174 p.11(3)", "Regs item 45", "R174 A1 T7")
async def test_turnover_change_by_the_applicant(eaeu: Any) -> None:
    """PRC.007 (R174 p.11(3), Regs item 45): applied at once, no status record (digest
    §3.2 R9), turnover time-stamp (PRC.008), notices to the Commission, applicant, CCAs."""
    object_id = await included(eaeu)
    new = [turnover(1, eaeu.rng, "Новая модель"), turnover(0, eaeu.rng, "Подделка")]
    case = await eaeu.open("P.SP.01.PRC.007", eaeu.representative,
                           {"goods": [{"goods": 0, "turnover": new}]}, object_id=object_id)
    assert case.state == "applied"
    assert [s for s, _ in await history(eaeu, object_id)] == ["included"]
    async with eaeu.rt.sessionmaker() as session:
        entry = await session.get(EaeuEntry, object_id)
        assert entry is not None and entry.turnover_updated_at is not None
        first_goods = select(Goods.id).where(Goods.object_id == object_id,
                                             Goods.position == 0)
        flags = (await session.execute(select(EaeuTurnover.legality).where(
            EaeuTurnover.goods_id.in_(first_goods)))).scalars().all()
    assert sorted(flags) == [0, 1]
    kinds = await eaeu.notices(case.id)
    assert ("P.SP.01.PRC.007", None, "commission_official") in kinds
    assert ("P.SP.01.PRC.007", eaeu.holder, "applicant") in kinds
    await acknowledge_all(eaeu, case.id, "P.SP.01.PRC.007.ACK")
    bad = turnover(0, eaeu.rng, "X")
    bad["parties"][0]["roles"] = ["30"]
    with pytest.raises(BadUserInput, match="table 7"):
        await eaeu.open("P.SP.01.PRC.007", eaeu.applicant,
                        {"goods": [{"goods": 0, "turnover": [bad]}]}, object_id=object_id)
    with pytest.raises(BadUserInput, match="no goods item 9"):
        await eaeu.open("P.SP.01.PRC.007", eaeu.applicant,
                        {"goods": [{"goods": 9, "turnover": [turnover(1, eaeu.rng, "X")]}]},
                        object_id=object_id)


async def test_confirmations_only_for_messages_sent(eaeu: Any) -> None:
    object_id = await included(eaeu)
    request = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant,
                              {"requestedEnd": "2030-01-01"}, object_id=object_id)
    with pytest.raises(InvalidTransition):
        await eaeu.act(request.id, "P.SP.01.PRC.004.ACK", eaeu.ccas["AM"], {"memberState": "AM"})
