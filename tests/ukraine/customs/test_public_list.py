"""Register weekly list (digest §2.1): the public list shows the entries in force with
exactly their number, object name, registration and expiry dates, owner and owner's
details; its CSV/XLSX exports match the database; one core search finds a mark in the
EAEU register and in the customs register, with ``matchedAs``."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from sqlalchemy import select
from ukraine.customs.customs_support import Customs, database_id

from ipreg.core.services.objects import NewObject, PartyRole, create_object
from ipreg.core.services.parties import PartyForm, PartyStore
from ipreg.plugins.ukraine.customs.models import UaCustomsRecordal, UaCustomsRight
from ipreg.testing import assert_export_equals_query

pytestmark = pytest.mark.legal("Register weekly list")

LIST = """query($filter: UaCustomsListFilter, $first: Int) {
  uaCustomsPublicList(filter: $filter, first: $first) {
    totalCount csvUrl xlsxUrl
    nodes { number objectName registeredOn validUntil owner ownerDetails } } }"""
FIELDS = ["number", "objectName", "registeredOn", "validUntil", "owner", "ownerDetails"]


async def _register_three(customs: Customs) -> None:
    await customs.registered(0, objects=2)
    await customs.registered(1, "stranger")          # another holder's recordal
    refused = await customs.file(14)
    await customs.act_gql("registrar", refused["id"], {"rec04": {"reasons": "Ні"}})
    await customs.file(28)                 # still under examination


async def _database_rows(customs: Customs) -> list[tuple[str, str]]:
    async with customs.runtime.sessionmaker() as session:
        rows = await session.execute(
            select(UaCustomsRight.register_number, UaCustomsRight.name)
            .join(UaCustomsRecordal, UaCustomsRecordal.id == UaCustomsRight.recordal_id)
            .where(UaCustomsRecordal.status == "registered")
            .order_by(UaCustomsRight.register_number))
        return [(r[0], r[1]) for r in rows]


async def test_the_public_list_shows_exactly_the_published_items_of_entries_in_force(
        customs: Customs) -> None:
    await _register_three(customs)
    answer = (await customs.data(LIST, {"first": 50}))["uaCustomsPublicList"]
    nodes = answer["nodes"]
    assert answer["totalCount"] == 3
    assert [(n["number"], n["objectName"]) for n in nodes] == await _database_rows(customs)
    assert all(list(n) == FIELDS for n in nodes)
    first = nodes[0]
    assert first["registeredOn"] == "2026-03-02" and first["validUntil"] == "2027-03-01"
    assert first["owner"] == "ТОВ «Кондитерська фабрика «Світанок»"
    assert first["ownerDetails"].startswith("UA; м. Київ, вул. Електриків, 26; ")
    public_type = await customs.data("""{ __type(name: "UaCustomsPublicEntry") {
        fields { name } } }""")
    assert [f["name"] for f in public_type["__type"]["fields"]] == FIELDS
    filtered = (await customs.data(LIST, {"filter": {"owner": "ОБОЛОНСЬКІ"}}))
    assert {n["owner"] for n in filtered["uaCustomsPublicList"]["nodes"]} == {
        "ПрАТ «Оболонські пивовари»"}


async def test_the_exports_match_the_list_and_the_database(customs: Customs) -> None:
    await _register_three(customs)
    nodes = (await customs.data(LIST, {"first": 50}))["uaCustomsPublicList"]["nodes"]
    rows = await customs.csv("/ukraine_customs/list.csv")
    headers = list(rows[0])
    assert len(headers) == 6
    assert_export_equals_query(rows, nodes, dict(zip(headers, FIELDS, strict=True)))
    response = await customs.get("/ukraine_customs/list.xlsx")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    for node in nodes:
        assert node["objectName"].replace("'", "&apos;") in sheet or \
            node["objectName"] in sheet


async def test_an_entry_shows_anonymous_callers_only_what_the_list_publishes(
        customs: Customs) -> None:
    case = await customs.registered(0)
    object_id = (await customs.case(database_id(case["id"])))
    query = """query($id: ID!) { node(id: $id) { ... on UaCustomsEntry {
        name registerNumber registeredOn validUntil status goods { hsCodes }
        ownerDetails { name identifier } recordal { id } holders { name } } } }"""
    import base64

    gid = base64.b64encode(f"UaCustomsEntry:{object_id.data['objects'][0]}".encode()).decode()
    public = (await customs.data(query, {"id": gid}))["node"]
    assert public["registerNumber"] and public["validUntil"] == "2027-03-01"
    assert public["status"] is None and public["goods"] == [] and public["recordal"] is None
    assert public["holders"][0]["name"].startswith("ТОВ")
    official = (await customs.data(query, {"id": gid}, "officer"))["node"]
    assert official["status"] == "registered" and official["goods"][0]["hsCodes"]
    assert official["recordal"]["id"]


async def test_one_search_finds_a_mark_in_the_eaeu_and_the_customs_register(
        customs: Customs, ipreg_search: Any) -> None:
    await customs.registered(0)            # «Світанок»
    async with customs.runtime.sessionmaker() as session:
        await create_object(session, NewObject(
            jurisdiction="eaeu", kind="trademark", name="Світанок", status="included",
            register_number="00777/TZ/0001", parties=[PartyRole(PartyForm(
                country="BY", name="ОАО «Рассвет»", taxpayer_id="100000777"), "holder")]),
            PartyStore(session))
        await session.commit()
    await ipreg_search.sync()
    answer = await customs.data("""query { search(text: "Світанок", first: 20) {
        edges { matchedAs { field } node { jurisdiction name } } } }""")
    edges = answer["search"]["edges"]
    found = {e["node"]["jurisdiction"] for e in edges if e["node"]["name"] == "Світанок"}
    assert found == {"eaeu", "ua_customs"}
    assert all(any(m["field"] == "name" for m in e["matchedAs"]) for e in edges
               if e["node"]["name"] == "Світанок")
