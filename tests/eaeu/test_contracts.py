"""The contracts every register inherits (ipreg.testing), on the EAEU register.

Every refusal of a P.SP.01 transition changes nothing, from each state a case
passes through; an anonymous interested person sees only the published register
(R174 Appendix 1, digest §4.12); the PRC.012 export holds the entries eaeuEntries
shows, in its order, for the same caller.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from ipreg.plugins.eaeu.export import COLUMNS
from ipreg.testing import (
    ProcedureContract,
    anonymous_visibility_walk,
    assert_export_equals_query,
    database_ids,
)

PRC_001 = "P.SP.01.PRC.001"
TITLES = dict(COLUMNS)


class TestInclusionContract(ProcedureContract):
    """P.SP.01.PRC.001 walked from the formal check, the member states' verification,
    the wait for the security, and after inclusion."""

    procedure = PRC_001
    inputs = {"P.SP.01.OPR.007": {"memberState": "AM"}}

    async def scenes(self, driver: Any) -> list[int]:
        async def declared(i: int) -> Any:
            return await driver.open(PRC_001, driver.applicant, {"forms": [driver.form(i)]})

        formal_check = await declared(0)
        review = await declared(1)
        await driver.act(review.id, "P.SP.01.OPR.004", driver.commission)
        await driver.act(review.id, "P.SP.01.OPR.006", driver.commission)
        security = await declared(2)
        await driver.act(security.id, "P.SP.01.OPR.004", driver.commission)
        await driver.act(security.id, "P.SP.01.OPR.006", driver.commission)
        await driver.all_verify(security.id, list(security.data["objects"]))
        await driver.act(security.id, "P.SP.01.OPR.018", driver.commission)
        included, _ = await driver.include(3)
        return [formal_check.id, review.id, security.id, included.id]


async def test_anonymous_callers_see_only_the_published_register(eaeu: Any) -> None:
    """Included entries are published; declared objects, an excluded entry and every case
    are not, by id, in lists, or through eaeuEntries (digest §4.12)."""
    await eaeu.include(0)
    _, (excluded,) = await eaeu.include(1)
    request = await eaeu.open("P.SP.01.PRC.005", eaeu.applicant, None, object_id=excluded)
    await eaeu.act(request.id, "P.SP.01.PRC.005.EXCLUDE", eaeu.commission)
    await eaeu.open(PRC_001, eaeu.applicant, {"forms": [eaeu.form(2)]})  # declared only
    walk = await anonymous_visibility_walk(eaeu, ["eaeu"], queries=[(
        "{ eaeuEntries(first: 100) { nodes { id } } }",
        lambda data: database_ids(data["eaeuEntries"]["nodes"]))])
    assert len(walk.published) == 1 and len(walk.unpublished) == 2 and len(walk.cases) == 4


ENTRIES = """query ($filter: EaeuEntryFilter, $sort: EaeuEntrySort!, $descending: Boolean!) {
  eaeuEntries(filter: $filter, sort: $sort, descending: $descending, first: 100) {
    csvUrl
    nodes {
      name registrationNumber { display inclusionDate }
      rightHolders { name country } protectionPeriods { start end }
      eaeuGoods { cnFeaCodes niceClasses { number } }
    }
  }
}"""

#: Export column (its title) -> the same item in an eaeuEntries node.
EXPORTED = {
    TITLES["registrationNumber"]: lambda e: e["registrationNumber"]["display"],
    TITLES["inclusionDate"]: lambda e: e["registrationNumber"]["inclusionDate"],
    TITLES["name"]: "name",
    TITLES["rightHolders"]: lambda e: "; ".join(f"{h['name']} ({h['country']})"
                                                for h in e["rightHolders"]),
    TITLES["protectionPeriods"]: lambda e: "; ".join(f"{p['start']} – {p['end']}"
                                                     for p in e["protectionPeriods"]),
    TITLES["cnFeaCodes"]: lambda e: "; ".join(c for g in e["eaeuGoods"] for c in g["cnFeaCodes"]),
    TITLES["niceClasses"]: lambda e: "; ".join(str(n) for n in sorted(
        {c["number"] for g in e["eaeuGoods"] for c in g["niceClasses"]})),
}


async def test_the_export_is_the_query_for_every_caller(eaeu: Any) -> None:
    """PRC.012: the CSV of a result set holds the entries eaeuEntries shows the same
    caller, with the same filter and sort, in the same order."""
    for i in (0, 1, 12, 16):
        await eaeu.include(i)
    for viewer in ("anonymous", eaeu.commission, eaeu.stranger):
        for variables in ({"sort": "NAME", "descending": True},
                          {"filter": {"kind": "TZ"}, "sort": "REGISTRATION_NUMBER",
                           "descending": False}):
            screen = (await eaeu.data(ENTRIES, variables, viewer))["eaeuEntries"]
            path, _, query = screen["csvUrl"].partition("?")
            exported = await eaeu.csv(path, dict(parse_qsl(query)), viewer)
            assert exported, variables
            assert_export_equals_query(exported, screen["nodes"], EXPORTED)
