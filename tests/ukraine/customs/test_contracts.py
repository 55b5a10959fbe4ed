"""The contracts every register inherits (ipreg.testing), on the customs register:
every refusal of an act changes nothing, from each state a case passes through; an
anonymous caller sees only the published entries (Register weekly list)."""

from __future__ import annotations

from typing import Any

import pytest
from ukraine.customs.customs_support import Customs, database_id

from ipreg.plugins.ukraine.customs import samples
from ipreg.testing import ProcedureContract, anonymous_visibility_walk, database_ids


class TestRecordalContract(ProcedureContract):
    procedure = "UAC.REC"
    inputs = {"UAC.REC.08": {"termMonths": 6}, "UAC.REC.12": {"reasons": "x"}}

    async def scenes(self, driver: Any) -> list[int]:
        filed = await driver.file(0)
        registered = await driver.registered(14)
        amending = await driver.registered(28)
        await driver.act_gql("holder", amending["id"], {"rec05": {"changes": {
            "restrictedHandling": ["g"]}}})
        return [database_id(c["id"]) for c in (filed, registered, amending)]


class TestSuspensionContract(ProcedureContract):
    procedure = "UAC.SUS"
    inputs = {"UAC.SUS.07": {"declarantConsent": True},
              "UAC.SUS.08": {"declarantObjected": False}}

    async def scenes(self, driver: Any) -> list[int]:
        recordal = await driver.registered(0)
        number = (await driver.case(database_id(recordal["id"]))).data["registerNumbers"][0]
        code = driver.form(0)["rights"][0]["goods"][0]["uktzed"][0]
        out = []
        for step in ([], ["sus02"], ["sus02", "sus05"]):
            opened = await driver.open_gql("officer", {"sus01": {
                "registerNumber": number,
                "declaration": samples.declaration(len(out), code, small=True)}})
            for act in step:
                who = "head" if act == "sus02" else "holder"
                await driver.act_gql(who, opened["id"], {act: True if act == "sus02" else {
                    "statement": "Підробка"}})
            out.append(database_id(opened["id"]))
        return out


class TestAppealContract(ProcedureContract):
    procedure = "UAC.APL"

    async def scenes(self, driver: Any) -> list[int]:
        recordal = await driver.registered(0)
        number = (await driver.case(database_id(recordal["id"]))).data["registerNumbers"][0]
        filed = await driver.open_gql("operator", {"apl01": {
            "registerNumber": number, "appeal": samples.appeal(1)}})
        review = await driver.open_gql("operator", {"apl01": {
            "registerNumber": number, "appeal": samples.appeal(2)}})
        await driver.act_gql("head", review["id"], {"apl02": True})
        return [database_id(filed["id"]), database_id(review["id"])]


@pytest.mark.legal("Register weekly list")
async def test_anonymous_callers_see_only_the_entries_in_force(customs: Customs) -> None:
    await customs.registered(0)
    await customs.file(14)                                   # applied: not published
    refused = await customs.file(28)
    await customs.act_gql("registrar", refused["id"], {"rec04": {"reasons": "Ні"}})
    walk = await anonymous_visibility_walk(customs, ["ua_customs"], queries=[(
        "{ uaCustomsEntries: ipObjects(jurisdiction: \"ua_customs\", first: 100) "
        "{ nodes { id } } }", lambda data: database_ids(data["uaCustomsEntries"]["nodes"]))])
    assert len(walk.published) == 1 and len(walk.unpublished) == 2 and len(walk.cases) == 3
    listed = await customs.data("{ uaCustomsPublicList { totalCount } }")
    assert listed["uaCustomsPublicList"]["totalCount"] == len(walk.published)
