"""The public national list (Order 2945 III.9, IV.6, V.1; digest §8.2): what anonymous
callers see, its CSV, XLSX and WIPO ALERT exports matching the query, its changes, and
every field of the entry classified by the publication table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ipreg.core.model import Party
from ipreg.plugins.ukraine.websites.publication import PUBLICATION
from ipreg.testing import assert_export_equals_query

Ua = Any
LIST = """query($filter: UaWebsiteListFilter, $sort: UaWebsiteListSort) {
  uaWebsitesList(filter: $filter, sort: $sort, first: 100) { totalCount csvUrl
    nodes { id name entryNumber domain domainAscii ipAddress urls listStatus includedOn
            publishedOn excludedOn wipoAlert { status uploadedOn removedOn } } } }"""


async def _world(ua: Ua) -> dict[str, Any]:
    """Three listed websites (one IDN), one of them excluded, and one only appealed."""
    listed = [await ua.listed(i) for i in (10, 1, 2)]
    appealed = await ua.appeal(3)
    async with ua.rt.sessionmaker() as session:
        party = Party(country="UA", name="Власник", party_type="legal")
        session.add(party)
        await session.commit()
    ua.advance(days=1)
    await ua.excluded(listed[2].object_id, ua.owner(party.id))
    return {"listed": listed, "appealed": appealed}


@pytest.mark.legal("Order 2945 III.9", "Order 2945 V.1", "Order 2945 IV.6")
async def test_anonymous_callers_see_the_listed_websites_only(ua: Ua) -> None:
    world = await _world(ua)
    nodes = (await ua.data(LIST))["uaWebsitesList"]["nodes"]
    assert [n["listStatus"] for n in nodes] == ["LISTED", "LISTED", "EXCLUDED"]
    assert nodes[0]["domain"] == "кіно-онлайн.test" and nodes[0]["urls"]
    assert nodes[2]["excludedOn"] == "2026-03-03"
    from strawberry.relay import to_base64

    hidden = await ua.data("query($id: ID!) { node(id: $id) { id } }",
                           {"id": to_base64("UaWebsiteEntry", world["appealed"].object_id)})
    assert hidden["node"] is None
    seen = await ua.data("query($id: ID!) { node(id: $id) { id } }",
                         {"id": to_base64("UaWebsiteEntry", world["appealed"].object_id)},
                         ua.examiner)
    assert seen["node"] is not None


@pytest.mark.legal("Order 2945 III.9", "Order 2945 V.1")
async def test_the_csv_and_xlsx_exports_are_the_list(ua: Ua) -> None:
    await _world(ua)
    queried = (await ua.data(LIST))["uaWebsitesList"]
    exported = await ua.csv(queried["csvUrl"])
    assert_export_equals_query(exported, queried["nodes"], {
        "Номер у переліку / List number": "entryNumber",
        "Доменне ім'я / Domain name": "domain",
        "Доменне ім'я (punycode) / Domain name (ASCII)": "domainAscii",
        "URL": lambda n: " ".join(n["urls"]),
        "Статус / Status": "listStatus",
        "Дата включення / Included on": "includedOn",
        "Дата виключення / Excluded on": "excludedOn",
        "WIPO ALERT": lambda n: n["wipoAlert"]["status"]})
    xlsx = await ua.get("/ukraine_websites/list.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as book:
        text = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xml"))
    positions = [text.index(n["entryNumber"]) for n in queried["nodes"]]
    assert positions == sorted(positions)
    bad = await ua.get("/ukraine_websites/list.csv", {"status": "MAYBE"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["extensions"]["code"] == \
        "BAD_USER_INPUT"


@pytest.mark.legal("Order 2945 III.9", "Order 2945 IV.6")
async def test_the_wipo_alert_export_has_every_entry_placed_or_to_remove(ua: Ua) -> None:
    await _world(ua)
    nodes = (await ua.data(LIST))["uaWebsitesList"]["nodes"]
    exported = await ua.csv("/ukraine_websites/wipo-alert.csv")
    assert_export_equals_query(exported, nodes, {
        "identifier": "domainAscii", "domain_unicode": "domain",
        "national_reference": "entryNumber",
        "contributor_country": lambda n: "UA",
        "action": lambda n: "REMOVE" if n["listStatus"] == "EXCLUDED" else "KEEP",
        "date_removed": "excludedOn"})
    document = (await ua.get("/ukraine_websites/wipo-alert.json")).json()
    assert [e["identifier"] for e in document["entries"]] == [n["domainAscii"] for n in nodes]
    assert document["contributorCountry"] == "UA"


@pytest.mark.legal("Order 2945 I.2")
@pytest.mark.parametrize("text", ["кіно-онлайн.test", "https://www.кіно-онлайн.test/film/1",
                                  "xn----8sb1abgkbddb4x.test", "http://cdn.КІНО-ОНЛАЙН.test"])
async def test_the_list_finds_a_website_by_any_form_of_its_address(ua: Ua, text: str) -> None:
    await ua.listed(10)
    await ua.listed(1)
    nodes = (await ua.data(LIST, {"filter": {"domain": text}}))["uaWebsitesList"]["nodes"]
    assert [n["domain"] for n in nodes] == ["кіно-онлайн.test"]


@pytest.mark.legal("Order 2945 V.1", "Order 2945 IV.6")
async def test_the_lists_changes_are_public_and_name_listed_entries_only(ua: Ua) -> None:
    world = await _world(ua)
    feed = (await ua.data("""{ uaWebsitesListChanges { endPosition hasMore
        changes { position websiteId entry } } }"""))["uaWebsitesListChanges"]
    statuses = [c["entry"]["status"] for c in feed["changes"]]
    assert statuses.count("LISTED") == 3 and statuses[-2:] == ["EXCLUSION_PENDING",
                                                               "EXCLUDED"]
    appealed = world["appealed"].data["appeal"]["website"]["domain"]
    assert appealed not in {c["entry"]["domain"] for c in feed["changes"]}
    later = (await ua.data("query($a: Int!) { uaWebsitesListChanges(after: $a) { changes "
                           "{ position } } }", {"a": feed["endPosition"]}))
    assert later["uaWebsitesListChanges"]["changes"] == []


async def test_every_field_of_the_entry_is_classified_and_anonymous_sees_none_private(
        ua: Ua) -> None:
    fields = (await ua.data('{ __type(name: "UaWebsiteEntry") { fields { name } } }'))[
        "__type"]["fields"]
    names = {f["name"] for f in fields}
    assert names <= set(PUBLICATION), names - set(PUBLICATION)
    await ua.listed(0)
    private = [n for n in names if not PUBLICATION.published(n)]
    selection = " ".join(f"{n} {{ __typename }}" if n in ("statusHistory", "episodes", "owner")
                         else n for n in private)
    answer = await ua.gql(f"{{ uaWebsitesList {{ nodes {{ {selection} }} }} }}")
    assert "errors" not in answer or not answer["errors"], answer
    node = answer["data"]["uaWebsitesList"]["nodes"][0]
    assert all(value in (None, []) for value in node.values()), node
    official = (await ua.data(f"{{ uaWebsitesList {{ nodes {{ {selection} }} }} }}", None,
                              ua.examiner))["uaWebsitesList"]["nodes"][0]
    assert official["episodes"] and official["statusHistory"] and official["platformType"]
    assert dt.date.today()
