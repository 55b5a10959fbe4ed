"""What GI rules V.6.2 publishes (digest §4.7), to everyone: the list and one application
through GraphQL, the CSV/XLSX export of the same list, oppositions' existence, decisions,
and the core search by product, area, product class and applicant with ``matchedAs``."""

from __future__ import annotations

import pytest

from ipreg.plugins.ukraine.gi.publication import PUBLICATION

pytestmark = pytest.mark.legal("GI rules V.6.2", "GI rules V.6.1")

LIST = """query($f: UaGiApplicationFilter) { uaGiApplications(filter: $f) {
  totalCount csvUrl
  nodes { id name registerNumber status description applicationNumber filingDate giKind
          claimedName transliteration countryOfOrigin productName applicantNames
          applicantAddresses correspondenceAddress publishedOn
          competentAuthority { name address }
          specification { boundaries uktzedCodes } singleDocument { link }
          holders { name } goods { description }
          oppositions { number state } decision { outcome date } } } }"""


async def _published_with_opposition(gi):
    case = await gi.to_published(0)
    filing = (await gi.case(case.id)).data
    hidden = await gi.to_formal(1)                      # not published: not listed
    opp = {"applicationNumber": filing["applicationNumber"],
           "applicationFilingDate": filing["filingDate"], "channel": "electronic",
           "feePaidOn": "2026-03-02", "opponent": {"name": "ТОВ «Карпатські сири»"}}
    await gi.open("UA.GI.OPP", "opponent", {"opposition": opp}, transition="UA.GI.T26")
    return case, hidden


async def test_anonymous_callers_read_exactly_what_v_6_2_publishes(gi) -> None:
    await _published_with_opposition(gi)
    data = await gi.data(LIST, {"f": None})
    page = data["uaGiApplications"]
    assert page["totalCount"] == 1
    node = page["nodes"][0]
    assert node["applicationNumber"] == "i202600001" == node["registerNumber"]
    assert node["claimedName"] == "ГУЦУЛЬСЬКА БРИНДЗЯ"
    assert node["transliteration"] == "HUTSULSKA BRYNDZIA"
    assert node["applicantAddresses"][0].startswith("вул. Центральна")
    assert node["specification"]["uktzedCodes"] == ["0406"] and node["singleDocument"] is None
    assert [o["state"] for o in node["oppositions"]] == ["filed"]     # existence (V.7)
    assert node["decision"] is None and node["status"] == "published"
    assert node["description"].startswith("Межі Івано-Франківська")
    assert "i202600002" not in str(page)


@pytest.mark.legal("GI rules V.10.5")
async def test_the_decision_is_published_and_the_list_filters(gi) -> None:
    case = await gi.to_substantive(0)
    await gi.act(case.id, "UA.GI.T31", "examiner", {"conclusion": "Позитивний"})
    data = await gi.data(LIST, {"f": {"claimedName": "бриндзя"}})
    node = data["uaGiApplications"]["nodes"][0]
    assert node["decision"]["outcome"] == "registration"
    assert node["status"] == "registration_decided"
    assert (await gi.data(LIST, {"f": {"applicant": "сироварів"}}))["uaGiApplications"][
        "totalCount"] == 1
    assert (await gi.data(LIST, {"f": {"product": "вино"}}))["uaGiApplications"][
        "totalCount"] == 0


async def test_the_export_is_the_list(gi) -> None:
    await _published_with_opposition(gi)
    await gi.to_published(2)
    rows = await gi.csv("/ukraine_gi/applications.csv", {})
    data = await gi.data(LIST, {"f": None})
    numbers = sorted(n["applicationNumber"] for n in data["uaGiApplications"]["nodes"])
    assert sorted(r["Номер заявки"] for r in rows) == numbers
    first = next(r for r in rows if r["Номер заявки"] == "i202600001")
    assert first["Заперечення"] == "1" and first["Заявлене найменування"] == \
        "ГУЦУЛЬСЬКА БРИНДЗЯ"
    answer = await gi.get("/ukraine_gi/applications.xlsx", {})
    assert answer.status_code == 200 and answer.content[:2] == b"PK"


def test_what_is_never_published_is_classified_so() -> None:
    """V.6.2 ¶18: personal data of a natural-person applicant are never published."""
    assert not PUBLICATION.published("applicantDateOfBirth")
    assert all(PUBLICATION.published(p) for p in ("claimedName", "filingDate", "holders"))


async def test_cases_are_for_the_signed_in_only(gi) -> None:
    case = await gi.file(0)
    answer = await gi.gql("{ uaGiCases { totalCount } }")
    assert gi.code_of(answer) == "UNAUTHENTICATED"
    mine = await gi.data("{ uaGiCases { totalCount nodes { applicationNumber } } }",
                         viewer="applicant")
    assert mine["uaGiCases"]["totalCount"] == 1
    other = await gi.data("{ uaGiCases { totalCount } }", viewer="opponent")
    assert other["uaGiCases"]["totalCount"] == 0
    official = await gi.data("{ uaGiCases { nodes { applicationNumber file { kind } } } }",
                             viewer="examiner")
    assert official["uaGiCases"]["nodes"][0]["file"][0]["kind"] == "application"
    assert case.state == "received"


SEARCH = """query($t: String!) { search(text: $t, filter: {jurisdictions: ["ua_gi"]}) {
  totalCount edges { matchedAs { field matchedAs } node { registerNumber } } } }"""


@pytest.mark.parametrize(("text", "field"), [
    ("Сир розсільний", "uaGiProduct"), ("Верховина", "uaGiArea"),
    ("0406", "uaGiProductClass"), ("гуцульських сироварів", "uaGiApplicant"),
    ("Hutsulska Bryndzia", "name")])
async def test_search_finds_by_product_area_class_applicant_and_name(
        gi, ipreg_search, text: str, field: str) -> None:
    await gi.to_published(0)
    await gi.file(1)                                     # not published: never found
    await ipreg_search.sync()
    data = await gi.data(SEARCH, {"t": text})
    hits = data["search"]["edges"]
    assert [h["node"]["registerNumber"] for h in hits] == ["i202600001"]
    assert field in [m["field"] for m in hits[0]["matchedAs"]]
