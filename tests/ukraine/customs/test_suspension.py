"""UAC.SUS: a suspension of clearance from a register hit through every outcome, acted
through GraphQL with each role: CC Art. 397 (the hit), CC Art. 399 (10 + 10 working
days, the head decides, same-day notices), Order 281 p.12 (original goods)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from ukraine.customs.customs_support import Customs, GraphQLError, database_id

from ipreg.plugins.ukraine.customs import samples
from ipreg.plugins.ukraine.customs.models import UaCustomsSuspension

DECLARANT = samples.declarant_party(0)


async def _hit(customs: Customs, *, small: bool = False,
               declarant: dict[str, Any] | None = None, uktzed: str | None = None
               ) -> dict[str, Any]:
    """A registered recordal and a declaration of goods under its entry's code."""
    recordal = await customs.registered(0)
    case = await customs.case(database_id(recordal["id"]))
    number = case.data["registerNumbers"][0]
    code = uktzed or customs.form(0)["rights"][0]["goods"][0]["uktzed"][0]
    return await customs.open_gql("officer", {"sus01": {
        "registerNumber": number,
        "declaration": samples.declaration(1, code, small=small, declarant=declarant)}})


async def _suspended(customs: Customs, **kw: Any) -> dict[str, Any]:
    opened = await _hit(customs, **kw)
    return await customs.act_gql("head", opened["id"], {"sus02": True})


async def _outcome(customs: Customs, gid: str) -> str | None:
    async with customs.runtime.sessionmaker() as session:
        return (await session.execute(select(UaCustomsSuspension.outcome).where(
            UaCustomsSuspension.case_id == database_id(gid)))).scalar_one()


async def _declarant_id(customs: Customs, gid: str) -> int:
    return int((await customs.db_case(gid)).data["declarantId"])


@pytest.mark.legal("CC Art. 397", "CC Art. 399", "Seed 000 identification",
                   "Seed 000 goal 1", "Seed 000 goal 3")
async def test_a_hit_is_suspended_by_the_head_notified_the_same_day_extended_once_and_goes_to_court(
        customs: Customs) -> None:
    opened = await _hit(customs)
    assert opened["state"] == "detected"
    case_id = database_id(opened["id"])
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("officer", opened["id"], {"sus02": True})
    assert refused.value.code == "FORBIDDEN"             # the head decides
    done = await customs.act_gql("head", opened["id"], {"sus02": True})
    assert done["state"] == "suspended"
    limit = await customs.deadline(case_id, "suspension")
    assert limit.due_on == dt.date(2026, 3, 16)          # 10 working days in Kyiv
    holder, declarant = customs.cast.holder_party, await _declarant_id(customs, opened["id"])
    sent = await customs.notice_days(case_id, "UAC.SUS.02")
    assert sorted((a or 0, r or "") for a, r, _ in sent) == sorted(
        [(holder, "applicant"), (declarant, "declarant")])
    assert {day for _, _, day in sent} == {dt.date(2026, 3, 2)}   # the same day
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("stranger", opened["id"], {"sus05": {"statement": "?"}})
    assert refused.value.code == "FORBIDDEN"
    customs.advance(days=3)
    await customs.act_gql("holder", opened["id"], {"sus05": {"statement": "Немає голограми"}})
    await customs.act_gql("head", opened["id"], {"sus06": {"reasons": "Готуємо позов"}})
    assert (await customs.deadline(case_id, "suspension")).due_on == dt.date(2026, 3, 30)
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("head", opened["id"], {"sus06": {"reasons": "Ще раз"}})
    assert refused.value.code == "PRECONDITION_FAILED"
    done = await customs.act_gql("representative", opened["id"], {"sus09": {
        "courtCase": "Господарський суд м. Києва, справа 910/1/26"}})
    assert done["state"] == "court"
    assert await _outcome(customs, opened["id"]) == "court"
    assert (await customs.deadline(case_id, "suspension")).status == "met"
    assert await customs.audit_actions(case_id) == [
        "UAC.SUS.01", "UAC.SUS.02", "UAC.SUS.05", "UAC.SUS.06", "UAC.SUS.09"]
    answer = await customs.data("""query($id: ID!) { node(id: $id) { ... on UaCustomsCase {
        suspension { declaration uktzed outcome customsPost } steps { transition roles } } } }""",
                                {"id": opened["id"]}, "officer")
    node = answer["node"]
    assert node["suspension"]["outcome"] == "court"
    assert [s["transition"] for s in node["steps"]][-1] == "UAC.SUS.09"


@pytest.mark.legal("CC Art. 397")
async def test_a_declaration_that_does_not_hit_the_entry_is_refused_and_changes_nothing(
        customs: Customs) -> None:
    recordal = await customs.registered(0)
    number = (await customs.case(database_id(recordal["id"]))).data["registerNumbers"][0]
    before = await customs.counts()
    with pytest.raises(GraphQLError) as refused:
        await customs.open_gql("officer", {"sus01": {
            "registerNumber": number, "declaration": samples.declaration(1, "9503000000")}})
    assert refused.value.code == "BAD_USER_INPUT"
    assert "not a register hit" in str(refused.value)
    with pytest.raises(GraphQLError) as refused:
        await customs.open_gql("officer", {"sus01": {
            "registerNumber": "999999", "declaration": samples.declaration(1, "1806900000")}})
    assert refused.value.code == "NOT_FOUND"
    assert await customs.counts() == before


@pytest.mark.legal("Order 281 p.12")
async def test_goods_of_an_authorised_operator_are_released_as_original(
        customs: Customs) -> None:
    opened = await _hit(customs, declarant=samples.operator_party(0))
    done = await customs.act_gql("officer", opened["id"], {"sus03": True})
    assert done["state"] == "released_original"
    assert await _outcome(customs, opened["id"]) == "released_original"


@pytest.mark.legal("Order 281 p.12")
async def test_an_unknown_operator_is_not_released_as_original(customs: Customs) -> None:
    opened = await _suspended(customs)
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("officer", opened["id"], {"sus03": True})
    assert refused.value.code == "BAD_USER_INPUT"
    assert refused.value.problems[0]["rule"] == "Order 281 p.12"
    assert "unknown operator" in refused.value.problems[0]["message"]
    assert (await customs.db_case(opened["id"])).state == "suspended"


@pytest.mark.legal("Order 281 p.12")
async def test_the_right_holder_confirms_the_goods_are_original(customs: Customs) -> None:
    opened = await _suspended(customs)
    done = await customs.act_gql("holder", opened["id"], {"sus04": True})
    assert done["state"] == "released_original"
    case_id = database_id(opened["id"])
    declarant = await _declarant_id(customs, opened["id"])
    assert ("UAC.SUS.04", declarant, "declarant") in await customs.notices(case_id)


@pytest.mark.legal("CC Art. 399 destruction")
async def test_goods_are_destroyed_only_with_the_declarants_consent(customs: Customs) -> None:
    opened = await _suspended(customs)
    await customs.act_gql("holder", opened["id"], {"sus05": {"statement": "Підробка"}})
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("officer", opened["id"], {"sus07": {"declarantConsent": False}})
    assert refused.value.code == "PRECONDITION_FAILED"
    done = await customs.act_gql("officer", opened["id"], {"sus07": {"declarantConsent": True}})
    assert done["state"] == "destroyed"
    assert await _outcome(customs, opened["id"]) == "destroyed_consent"


@pytest.mark.legal("CC Art. 399 small consignment")
async def test_a_small_consignment_is_destroyed_unless_the_declarant_objects(
        customs: Customs) -> None:
    big = await _suspended(customs)
    await customs.act_gql("holder", big["id"], {"sus05": {"statement": "Підробка"}})
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("officer", big["id"], {"sus08": {"declarantObjected": False}})
    assert "not a small consignment" in str(refused.value)
    small = await _suspended(customs, small=True)
    await customs.act_gql("holder", small["id"], {"sus05": {"statement": "Підробка"}})
    with pytest.raises(GraphQLError):
        await customs.act_gql("officer", small["id"], {"sus08": {"declarantObjected": True}})
    done = await customs.act_gql("officer", small["id"], {"sus08": {"declarantObjected": False}})
    assert done["state"] == "destroyed"
    assert await _outcome(customs, small["id"]) == "destroyed_small_consignment"


@pytest.mark.legal("CC Art. 399")
async def test_the_officer_releases_the_goods(customs: Customs) -> None:
    opened = await _suspended(customs)
    done = await customs.act_gql("officer", opened["id"], {"sus10": {
        "reasons": "Правовласник відкликав заперечення"}})
    assert done["state"] == "released"
    assert await _outcome(customs, opened["id"]) == "released"


@pytest.mark.legal("CC Art. 399")
async def test_when_the_suspension_ends_unanswered_the_goods_are_released_automatically(
        customs: Customs) -> None:
    opened = await _suspended(customs)
    case_id = database_id(opened["id"])
    customs.advance(days=14)                  # 16 March, the last day, ends at midnight Kyiv
    assert await customs.tick() == []
    customs.advance(days=1)
    with pytest.raises(GraphQLError) as late:
        await customs.act_gql("holder", opened["id"], {"sus05": {"statement": "Пізно"}})
    assert late.value.code == "TIME_LIMIT_EXPIRED"
    done = await customs.tick()
    assert [d["consequence"] for d in done] == ["UAC.SUS.11"]
    case = await customs.case(case_id)
    assert case.state == "released" and case.closed_at is not None
    assert await _outcome(customs, opened["id"]) == "released_time_limit"
    holder = customs.cast.holder_party
    assert ("UAC.SUS.11", holder, "applicant") in await customs.notices(case_id)
    assert await customs.audit_actions(case_id) == ["UAC.SUS.01", "UAC.SUS.02", "UAC.SUS.11"]
