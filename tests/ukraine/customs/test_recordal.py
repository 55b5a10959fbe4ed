"""UAC.REC: a recordal through every branch, acted through GraphQL with each role, its
time limits, notices and audit (CC Art. 398; Order 282)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from ukraine.customs.customs_support import Customs, GraphQLError, database_id

from ipreg.core.model import IPObject
from ipreg.plugins.ukraine.customs.models import UaCustomsEntryEvent, UaCustomsRecordal
from ipreg.plugins.ukraine.customs.procedures import procedures


async def _recordal(customs: Customs, case_id: int) -> UaCustomsRecordal:
    async with customs.runtime.sessionmaker() as session:
        return (await session.execute(select(UaCustomsRecordal).where(
            UaCustomsRecordal.case_id == case_id))).scalar_one()


async def _objects(customs: Customs, case_id: int) -> list[IPObject]:
    case = await customs.case(case_id)
    async with customs.runtime.sessionmaker() as session:
        rows = await session.execute(select(IPObject).where(
            IPObject.id.in_(case.data["objects"])).order_by(IPObject.id))
        return list(rows.scalars())


@pytest.mark.legal("Order 282 electronic", "Order 282 contents", "CC Art. 398",
                   "Order 282 term", "Seed 000 goal 1", "Seed 000 goal 2")
async def test_a_filed_recordal_of_two_objects_is_registered_with_numbers_and_a_term(
        customs: Customs) -> None:
    case = await customs.file(0, objects=2, term_months=6)
    case_id = database_id(case["id"])
    assert case["state"] == "filed"
    objects = await _objects(customs, case_id)
    assert [o.status for o in objects] == ["applied", "applied"]
    assert not any(o.published for o in objects)
    examination = await customs.deadline(case_id, "examination")
    assert examination.status == "running"
    # Only the register official registers.
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("holder", case["id"], {"rec03": True})
    assert refused.value.code == "FORBIDDEN"
    done = await customs.act_gql("registrar", case["id"], {"rec03": True})
    assert done["state"] == "registered"
    recordal = await _recordal(customs, case_id)
    assert recordal.registered_on == dt.date(2026, 3, 2)
    assert recordal.valid_until == dt.date(2026, 9, 1)       # 6 months from registration
    objects = await _objects(customs, case_id)
    assert all(o.published and o.status == "registered" and o.register_number
               for o in objects)
    assert len({o.register_number for o in objects}) == 2
    assert (await customs.deadline(case_id, "examination")).status == "met"
    term = await customs.deadline(case_id, "term")
    assert term.due_on == recordal.valid_until and term.status == "running"
    holder = customs.cast.holder_party
    notices = await customs.notices(case_id)
    assert ("UAC.REC.01", holder, "applicant") in notices
    assert ("UAC.REC.01", None, "ua_customs_registrar") in notices
    assert ("UAC.REC.03", holder, "applicant") in notices
    assert await customs.audit_actions(case_id) == ["UAC.REC.01", "UAC.REC.03"]


@pytest.mark.legal("Order 282 term")
async def test_a_term_over_one_year_is_refused_and_a_shorter_right_shortens_the_term(
        customs: Customs) -> None:
    with pytest.raises(GraphQLError) as refused:
        await customs.file(0, term_months=13)
    assert refused.value.code == "BAD_USER_INPUT"
    form = customs.form(0, term_months=12)
    form["rights"][0]["expiresOn"] = "2026-06-30"
    case = await customs.open_gql("holder", {"rec01": {"recordal": form}})
    await customs.act_gql("registrar", case["id"], {"rec03": True})
    recordal = await _recordal(customs, database_id(case["id"]))
    assert recordal.valid_until == dt.date(2026, 6, 30)


@pytest.mark.legal("Order 282 applicant")
async def test_a_holder_files_only_for_itself(customs: Customs) -> None:
    with pytest.raises(GraphQLError) as refused:
        await customs.file(1)          # holder 1's recordal, filed by holder 0
    assert refused.value.code == "PRECONDITION_FAILED"
    assert "Order 282 applicant" in str(refused.value)
    case = await customs.file(0, who="representative")
    assert case["state"] == "filed"


@pytest.mark.legal("Order 282 refusal")
async def test_a_refusal_gives_its_reasons_to_the_holder(customs: Customs) -> None:
    case = await customs.file(0)
    done = await customs.act_gql("registrar", case["id"],
                                 {"rec04": {"reasons": "Свідоцтво не чинне"}})
    assert done["state"] == "refused"
    case_id = database_id(case["id"])
    recordal = await _recordal(customs, case_id)
    assert recordal.status == "refused" and recordal.refusal_reasons == "Свідоцтво не чинне"
    assert [o.status for o in await _objects(customs, case_id)] == ["refused"]
    assert ("UAC.REC.04", customs.cast.holder_party, "applicant") in \
        await customs.notices(case_id)
    answer = await customs.data("""query($id: ID!) { node(id: $id) {
        ... on UaCustomsCase { recordal { status refusalReasons history { action note } } } } }""",
                                {"id": case["id"]}, "holder")
    assert answer["node"]["recordal"]["history"] == [
        {"action": "refused", "note": "Свідоцтво не чинне"}]


@pytest.mark.legal("Order 282 amendment", "608/2013 Art. 6(3)(i)")
async def test_an_amendment_is_requested_and_approved_or_refused(customs: Customs) -> None:
    case = await customs.registered(0)
    new_operator = {"kind": "distributor", "party": {
        "name": "ТОВ «Нова дистрибуція»", "country": "UA",
        "edrpou": "41273609"[:7] + __import__(
            "ipreg.plugins.ukraine.common.identifiers", fromlist=["x"]).edrpou_check_digit(
            "4127360"), "address": "м. Дніпро"}}
    done = await customs.act_gql("holder", case["id"], {"rec05": {"changes": {
        "operators": [new_operator]}}})
    assert done["state"] == "amendment_requested"
    case_id = database_id(case["id"])
    assert (await customs.deadline(case_id, "amendmentDecision")).status == "running"
    done = await customs.act_gql("registrar", case["id"], {"rec06": True})
    assert done["state"] == "registered"
    recordal = await _recordal(customs, case_id)
    assert [o["kind"] for o in recordal.form["operators"]] == ["distributor"]
    await customs.act_gql("holder", case["id"], {"rec05": {"changes": {
        "restrictedHandling": ["g"]}}})
    done = await customs.act_gql("registrar", case["id"], {"rec07": {"reasons": "Не змінено"}})
    assert done["state"] == "registered"
    assert (await _recordal(customs, case_id)).restricted == ["h", "i"]   # unchanged
    # A bad change is refused and changes nothing.
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("holder", case["id"], {"rec05": {"changes": {
            "operators": [{"kind": "smuggler", "party": new_operator["party"]}]}}})
    assert refused.value.code == "BAD_USER_INPUT"
    assert (await customs.case(case_id)).state == "registered"


@pytest.mark.legal("Order 282 extension")
async def test_an_extension_follows_the_old_term_and_moves_the_term_limit(
        customs: Customs) -> None:
    case = await customs.registered(0, term_months=6)
    case_id = database_id(case["id"])
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("holder", case["id"], {"rec08": {"termMonths": 13}})
    assert refused.value.code == "BAD_USER_INPUT"
    await customs.act_gql("holder", case["id"], {"rec08": {"termMonths": 12}})
    assert (await customs.deadline(case_id, "extensionDecision")).status == "running"
    await customs.act_gql("registrar", case["id"], {"rec09": True})
    recordal = await _recordal(customs, case_id)
    assert recordal.valid_until == dt.date(2027, 9, 1)
    term = await customs.deadline(case_id, "term")
    assert term.due_on == dt.date(2027, 9, 1) and term.status == "running"
    await customs.act_gql("holder", case["id"], {"rec08": {"termMonths": 3}})
    done = await customs.act_gql("registrar", case["id"], {"rec10": {"reasons": "Пізно"}})
    assert done["state"] == "registered"
    async with customs.runtime.sessionmaker() as session:
        actions = list((await session.execute(select(UaCustomsEntryEvent.action).where(
            UaCustomsEntryEvent.recordal_id == recordal.id).order_by(
            UaCustomsEntryEvent.id))).scalars())
    assert actions == ["registered", "extended"]


@pytest.mark.legal("Order 282 term")
async def test_the_registration_expires_by_itself_when_its_term_ends(customs: Customs) -> None:
    case = await customs.registered(0, term_months=1)
    case_id = database_id(case["id"])
    customs.advance(days=30)
    assert await customs.tick() == []
    customs.advance(days=2)
    done = await customs.tick()
    assert [d["consequence"] for d in done] == ["UAC.REC.11"]
    assert (await customs.case(case_id)).state == "expired"
    assert [o.status for o in await _objects(customs, case_id)] == ["expired"]
    assert ("UAC.REC.11", customs.cast.holder_party, "applicant") in \
        await customs.notices(case_id)
    assert "UAC.REC.11" in await customs.audit_actions(case_id)


@pytest.mark.legal("608/2013 Art. 11(3)")
async def test_entries_of_lapsed_rights_are_revoked_and_the_last_revokes_the_recordal(
        customs: Customs) -> None:
    case = await customs.registered(0, objects=2)
    case_id = database_id(case["id"])
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("registrar", case["id"], {"rec12": {"reasons": "?"}})
    assert refused.value.code == "PRECONDITION_FAILED"
    numbers = (await customs.case(case_id)).data["registerNumbers"]
    done = await customs.act_gql("registrar", case["id"], {"rec12": {
        "reasons": "Дію свідоцтва припинено", "registerNumbers": numbers[:1]}})
    assert done["state"] == "registered"
    assert [o.status for o in await _objects(customs, case_id)] == ["revoked", "registered"]
    done = await customs.act_gql("registrar", case["id"], {"rec12": {
        "reasons": "Дію свідоцтва припинено", "registerNumbers": numbers[1:]}})
    assert done["state"] == "revoked"
    assert (await _recordal(customs, case_id)).status == "revoked"


@pytest.mark.legal("Order 282 no fee")
def test_no_act_of_a_recordal_asks_for_a_fee_or_a_deposit() -> None:
    recordal = next(p for p in procedures() if p.code == "UAC.REC")
    words = ("fee", "deposit", "payment", "security", "guarantee")
    for transition in recordal.transitions.values():
        for item in transition.inputs:
            assert not any(w in item.name.lower() for w in words), transition.code


@pytest.mark.legal("Order 282 decision term")
def test_the_decision_terms_the_digest_did_not_find_are_provisional_configuration(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ipreg.plugins.ukraine.customs.terms import TERMS

    terms = TERMS.terms()
    assert terms["examination"].provisional and terms["extensionDecision"].provisional
    assert not terms["suspension"].provisional
    assert terms["examination"].legal_basis == "Order 282 decision term"
    monkeypatch.setenv("IPREG_UA_CUSTOMS_TERMS", "examination=20wd")
    assert TERMS.terms()["examination"].duration.describe() == "20 working days"


@pytest.mark.legal("Order 282 decision term")
async def test_a_late_examination_notifies_the_register_officials_and_stays_late(
        customs: Customs) -> None:
    case = await customs.file(0)
    case_id = database_id(case["id"])
    customs.advance(days=50)                 # past 30 working days
    await customs.tick()
    assert ("time_limit_overdue", None, "ua_customs_registrar") in await customs.notices(
        case_id)
    overdue = await customs.data("""{ overdueTimeLimits(jurisdiction: "ua_customs") {
        nodes { owedBy } } }""", None, "registrar")
    assert overdue["overdueTimeLimits"]["nodes"][0]["owedBy"] == ["ua_customs_registrar"]
    await customs.act_gql("registrar", case["id"], {"rec03": True})
    assert (await customs.deadline(case_id, "examination")).status == "late"


@pytest.mark.legal("608/2013 Art. 12")
async def test_an_extension_request_near_the_end_of_the_term_is_flagged_late(
        customs: Customs) -> None:
    case = await customs.registered(0, term_months=3)
    case_id = database_id(case["id"])
    await customs.act_gql("holder", case["id"], {"rec08": {"termMonths": 6}})
    data = (await customs.case(case_id)).data
    assert data["extensionRequestLate"] is False and data["workingDaysLeft"] >= 30
    await customs.act_gql("registrar", case["id"], {"rec10": {"reasons": "Ні"}})
    customs.advance(days=70)                   # about 14 working days before the end
    await customs.act_gql("holder", case["id"], {"rec08": {"termMonths": 6}})
    data = (await customs.case(case_id)).data
    assert data["extensionRequestLate"] is True and data["workingDaysLeft"] < 30
    assert (await customs.deadline(case_id, "extensionDecision")).status == "running"
