"""UAC.APL: an official importer's appeal against a customs value or classification
decision on goods an entity without that status imported (Seed 000 ESR): filed by an
authorised importer of a recordal in force, reviewed and decided by the head of the
customs authority with grounds, recorded and notified."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from ukraine.customs.customs_support import Customs, GraphQLError, database_id

from ipreg.plugins.ukraine.customs import samples
from ipreg.plugins.ukraine.customs.models import UaCustomsAppeal

pytestmark = pytest.mark.legal("Seed 000 ESR")


async def _number(customs: Customs) -> str:
    recordal = await customs.registered(0)
    return str((await customs.case(database_id(recordal["id"]))).data["registerNumbers"][0])


async def _file(customs: Customs, who: str = "operator", **kw: object) -> dict[str, object]:
    number = await _number(customs)
    return await customs.open_gql(who, {"apl01": {"registerNumber": number,
                                                  "appeal": samples.appeal(1, **kw)}})


async def test_an_official_importers_appeal_is_reviewed_and_upheld_with_grounds(
        customs: Customs) -> None:
    case = await _file(customs)
    case_id = database_id(str(case["id"]))
    assert case["state"] == "filed"
    review = await customs.deadline(case_id, "appealReview")
    assert review.status == "running"
    assert ("UAC.APL.01", None, "ua_customs_head") in await customs.notices(case_id)
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("operator", str(case["id"]), {"apl02": True})
    assert refused.value.code == "FORBIDDEN"
    await customs.act_gql("head", str(case["id"]), {"apl02": True})
    with pytest.raises(GraphQLError) as refused:
        await customs.act_gql("officer", str(case["id"]), {"apl03": {"grounds": "x"}})
    assert refused.value.code == "FORBIDDEN"
    done = await customs.act_gql("head", str(case["id"]), {"apl03": {
        "grounds": "Вартість визначено за ціною ідентичних товарів"}})
    assert done["state"] == "upheld"
    async with customs.runtime.sessionmaker() as session:
        row = (await session.execute(select(UaCustomsAppeal).where(
            UaCustomsAppeal.case_id == case_id))).scalar_one()
    assert row.outcome == "upheld" and row.decision_grounds.startswith("Вартість")
    operator = customs.cast.operator_party
    assert ("UAC.APL.03", operator, "ua_customs_operator") in await customs.notices(case_id)
    assert (await customs.deadline(case_id, "appealReview")).status == "met"
    assert await customs.audit_actions(case_id) == ["UAC.APL.01", "UAC.APL.02", "UAC.APL.03"]
    answer = await customs.data("""query($id: ID!) { node(id: $id) { ... on UaCustomsCase {
        appeal { decisionKind outcome decisionGrounds } } } }""", {"id": case["id"]},
                                "operator")
    assert answer["node"]["appeal"]["outcome"] == "upheld"


async def test_an_appeal_is_dismissed_with_grounds(customs: Customs) -> None:
    case = await _file(customs)
    await customs.act_gql("head", str(case["id"]), {"apl02": True})
    done = await customs.act_gql("head", str(case["id"]), {"apl04": {
        "grounds": "Класифікацію визначено правильно"}})
    assert done["state"] == "dismissed"
    notices = await customs.notices(database_id(str(case["id"])))
    assert ("UAC.APL.04", customs.cast.operator_party, "ua_customs_operator") in notices


async def test_only_an_official_importer_of_the_recordal_appeals(customs: Customs) -> None:
    number = await _number(customs)
    with pytest.raises(GraphQLError) as refused:
        await customs.open_gql("holder", {"apl01": {"registerNumber": number,
                                                    "appeal": samples.appeal(1)}})
    assert refused.value.code == "FORBIDDEN"


async def test_an_appeal_against_goods_of_an_authorised_operator_is_refused(
        customs: Customs) -> None:
    number = await _number(customs)
    before = await customs.counts()
    with pytest.raises(GraphQLError) as refused:
        await customs.open_gql("operator", {"apl01": {"registerNumber": number, "appeal":
                                                      samples.appeal(1, importer=samples
                                                                     .operator_party(0))}})
    assert refused.value.code == "BAD_USER_INPUT"
    assert refused.value.problems[0]["path"] == "appeal.importerIdentifier"
    assert await customs.counts() == before


async def test_an_appeal_needs_its_decision_and_grounds(customs: Customs) -> None:
    number = await _number(customs)
    bad = samples.appeal(1)
    bad["decisionKind"] = "excise"
    bad["grounds"] = " "
    with pytest.raises(GraphQLError) as refused:
        await customs.open_gql("operator", {"apl01": {"registerNumber": number,
                                                      "appeal": bad}})
    paths = {p["path"] for p in refused.value.problems}
    assert paths == {"appeal.decisionKind", "appeal.grounds"}
