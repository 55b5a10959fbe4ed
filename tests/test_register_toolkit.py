"""The core register toolkit, used by a register plugin that is nothing but its own names.

A tiny plugin, ``toolkit``, builds what a register needs from the core's pieces
and nothing else: its case type implements ``RegisterCase`` and adds one field;
its list is a keyset page of the ``case`` table; its address type is the core
``Address`` under its own name and citations (``variant``); its export serves
CSV and XLSX of a filtered result set through ``Export`` and ``QueryParameters``.
The publication helpers are checked on a table of their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import zipfile
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import Grant, Principal
from ipreg.core.config import Settings
from ipreg.core.errors import BadUserInput, ConfigurationError
from ipreg.core.hookspecs import hookimpl
from ipreg.core.model import Case as CaseRow
from ipreg.core.model import CaseDeadline as DeadlineRow
from ipreg.core.model import CaseStep as StepRow
from ipreg.core.plugins import Registry, make_plugin_manager
from ipreg.core.runtime import Runtime
from ipreg.schema.build import build_schema
from ipreg.schema.context import Context
from ipreg.schema.exports import Export, QueryParameters, csv_chunks, write_csv
from ipreg.schema.publication import PublicationTable, acts_for, parties_of
from ipreg.schema.reader import Reader
from ipreg.schema.types.cases import RegisterCase
from ipreg.schema.types.connection import Connection, Page, keyset_page, offset_page
from ipreg.schema.types.parties import Address
from ipreg.schema.types.variants import variant

Info = strawberry.Info[Context, Any]
KIND = "toolkit-case"

# ------------------------------------------------------------------ the plugin


@variant(name="ToolkitAddress", description="An address (Toolkit Act, annex 2).",
         fields={"city": "A2 6: city.", "postal_code": "A2 11: postal code."})
class ToolkitAddress(Address):
    pass


@variant(name="ToolkitCase", description="A case of the toolkit register.")
class ToolkitCase(RegisterCase):
    id: int = strawberry.field(description="Database id of the case.")

    @strawberry.field(description="The register's own field: the number read backwards.")
    def reference(self) -> str:
        return (self.number or "")[::-1]


@strawberry.type(name="ToolkitCaseConnection", description="A page of toolkit cases.")
class ToolkitCaseConnection(Connection[ToolkitCase]):
    pass


@strawberry.type
class ToolkitQuery:
    @strawberry.field(description="Toolkit cases, oldest first.")
    async def toolkit_cases(self, info: Info, first: int = 2,
                            after: str | None = None) -> ToolkitCaseConnection:
        page = await keyset_page(
            info.context.reader,
            select(CaseRow.__table__).where(CaseRow.jurisdiction == "toolkit"),
            kind=KIND, first=first, after=after, key=CaseRow.id)
        # A row the caller may not see (here: the fourth case) is left out of the page.
        return ToolkitCaseConnection.from_page(
            page, lambda r: None if r.number == "T-4" else ToolkitCase.from_row(r))

    @strawberry.field(description="An address, to show the variant type.")
    def toolkit_address(self) -> ToolkitAddress:
        row = type("Row", (), {name: None for name in (
            "kind", "country", "territory_code", "region", "district", "settlement",
            "street", "building", "premises", "po_box")} | {"city": "Kyiv",
                                                              "postal_code": "01001"})
        return ToolkitAddress.from_row(row)


@dataclass(frozen=True)
class CaseFilter:
    state: str | None = None
    opened_from: dt.date | None = None
    min_version: int | None = None


class CaseSort(enum.Enum):
    NUMBER = "number"
    STATE = "state"


PARAMETERS = QueryParameters(
    CaseFilter, names={"state": "state", "openedFrom": "opened_from",
                       "minVersion": "min_version"},
    sort=CaseSort, default_sort=CaseSort.NUMBER,
    described={"min_version": "a version (1, 2, ...)"})
COLUMNS = (("number", "Number"), ("state", "État"))


async def case_rows(session: AsyncSession, *, case_filter: CaseFilter, sort: CaseSort,
                    descending: bool) -> AsyncIterator[dict[str, Any]]:
    stmt = select(CaseRow.number, CaseRow.state).where(CaseRow.jurisdiction == "toolkit")
    if case_filter.state:
        stmt = stmt.where(CaseRow.state == case_filter.state)
    if case_filter.min_version is not None:
        stmt = stmt.where(CaseRow.version >= case_filter.min_version)
    key = CaseRow.number if sort is CaseSort.NUMBER else CaseRow.state
    result = await session.stream(stmt.order_by(key.desc() if descending else key,
                                                CaseRow.id))
    async for row in result:
        yield {"number": row.number, "state": row.state}


def _options(params: Mapping[str, str], viewer: Principal) -> dict[str, Any]:
    case_filter, sort, descending = PARAMETERS.from_parameters(params)
    return {"case_filter": case_filter, "sort": sort, "descending": descending}


EXPORT = Export("/toolkit/cases", columns=COLUMNS, rows=case_rows, options=_options,
                filename="toolkit-cases", jurisdiction="toolkit", entity="toolkit_cases",
                audited=lambda viewer: False, sheet="Cases")


class Toolkit:
    @hookimpl
    def ipreg_register_query_fields(self) -> Iterable[Any]:
        return [ToolkitQuery]

    @hookimpl
    def ipreg_register_routes(self) -> Iterable[Any]:
        return EXPORT.routes()


def _schema() -> strawberry.Schema:
    pm = make_plugin_manager(None)
    pm.register(Toolkit(), name="toolkit")
    return build_schema(Registry.build(pm), Settings())


# ------------------------------------------------------------------ fixtures


@pytest.fixture
async def toolkit(database_url: str) -> AsyncIterator[Runtime]:
    """A runtime with the toolkit plugin and five cases (T-1..T-5; T-2 and T-4 closed),
    the first with two steps and an expired and a met deadline."""
    rt = Runtime.create(Settings.from_env(database_url=database_url, plugins=None),
                        extra_plugins=[("toolkit", Toolkit())])
    async with rt.sessionmaker() as session:
        cases = [CaseRow(jurisdiction="toolkit", procedure="TK.PRC.1", number=f"T-{n}",
                         state="closed" if n % 2 == 0 else "open", data={"n": n}, version=n)
                 for n in range(1, 6)]
        session.add_all(cases)
        await session.flush()
        first = cases[0].id
        session.add_all([
            StepRow(case_id=first, seq=1, transition="TK.OPEN", from_state=None,
                    to_state="open", actor="user:a", actor_kind="user", roles=["applicant"],
                    input={}),
            StepRow(case_id=first, seq=2, transition="TK.NOTE", from_state="open",
                    to_state="open", actor="system", actor_kind="system", roles=[], input={}),
            DeadlineRow(case_id=first, code="TK.L.reply", legal_basis="Toolkit Act 5",
                        starts_on=dt.date(2020, 1, 1), due_on=dt.date(2020, 2, 1),
                        due_at=dt.datetime(2020, 2, 2, tzinfo=dt.UTC)),
            DeadlineRow(case_id=first, code="TK.L.fee", status="met", legal_basis="Act 6",
                        starts_on=dt.date(2020, 1, 1), due_on=dt.date(2020, 2, 1),
                        due_at=dt.datetime(2020, 2, 2, tzinfo=dt.UTC)),
        ])
        await session.commit()
    yield rt
    await rt.close()


@pytest.fixture
async def http(toolkit: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    from ipreg.schema.app import create_app

    transport = httpx.ASGITransport(app=create_app(toolkit))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def _data(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    answer = (await http.post("/graphql", json={"query": query,
                                                "variables": variables})).json()
    assert "errors" not in answer, answer["errors"]
    data: dict[str, Any] = answer["data"]
    return data


# ------------------------------------------------------------------ cases


CASES = """query($after: String) { toolkitCases(first: 2, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
  edges { cursor node { id } }
  nodes { __typename id reference ... on RegisterCase {
    number jurisdiction state procedureName stateName(lang: "en") data applicant { id }
    history { seq transition actorKind } deadlines { __typename code status overdue } } } } }"""


async def test_a_register_case_type_adds_only_its_own_fields(http: httpx.AsyncClient) -> None:
    """The interface brings the common fields, their resolvers and loaders."""
    sdl = _schema().as_str()
    assert "type ToolkitCase implements RegisterCase {" in sdl
    page = (await _data(http, CASES))["toolkitCases"]
    first = page["nodes"][0]
    assert first["__typename"] == "ToolkitCase" and first["reference"] == "1-T"
    assert (first["number"], first["jurisdiction"], first["state"]) == ("T-1", "toolkit", "open")
    # No plugin declares TK.PRC.1: the names fall back to the codes.
    assert (first["procedureName"], first["stateName"]) == ("TK.PRC.1", "open")
    assert first["data"] == {"n": 1} and first["applicant"] is None
    assert [(s["seq"], s["transition"], s["actorKind"]) for s in first["history"]] == [
        (1, "TK.OPEN", "user"), (2, "TK.NOTE", "system")]
    assert [(d["__typename"], d["code"], d["status"], d["overdue"])
            for d in first["deadlines"]] == [("Deadline", "TK.L.reply", "running", True),
                                             ("Deadline", "TK.L.fee", "met", False)]
    assert page["nodes"][1]["history"] == [] and page["nodes"][1]["deadlines"] == []


async def test_the_keyset_page_walks_a_list_and_counts_it(http: httpx.AsyncClient) -> None:
    seen, after, pages = [], None, 0
    while True:
        page = (await _data(http, CASES, after=after))["toolkitCases"]
        assert page["totalCount"] == 5
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += [node["number"] for node in page["nodes"]]
        assert [e["node"]["id"] for e in page["edges"]] == [n["id"] for n in page["nodes"]]
        if page["edges"]:
            assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert (seen, pages) == (["T-1", "T-2", "T-3", "T-5"], 3)
    bad = (await http.post("/graphql", json={"query": CASES,
                                             "variables": {"after": "bm90LWEtY3Vyc29y"}})).json()
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_keyset_and_offset_pages_read_one_statement_and_count_on_demand(
    toolkit: Runtime,
) -> None:
    reader = Reader(toolkit.engine)
    query = select(CaseRow.id, CaseRow.number).where(CaseRow.jurisdiction == "toolkit",
                                                      CaseRow.state == "open")
    try:
        newest = await keyset_page(reader, query, kind=KIND, first=2, after=None,
                                   key=CaseRow.id, descending=True)
        assert [r.number for r in newest.rows] == ["T-5", "T-3"] and newest.has_next
        rest = await keyset_page(reader, query, kind=KIND, first=2,
                                 after=newest.page_info().end_cursor, key=CaseRow.id,
                                 descending=True)
        assert [r.number for r in rest.rows] == ["T-1"] and not rest.has_next
        assert rest.has_previous and await rest.total_count() == 3
        by_number = await offset_page(reader, query, kind="toolkit-at", first=2,
                                      after=None, order_by=[CaseRow.number.desc()])
        after = await offset_page(reader, query, kind="toolkit-at", first=2,
                                  after=by_number.cursors[-1], order_by=[CaseRow.number.desc()])
        assert [r.number for r in by_number.rows + after.rows] == ["T-5", "T-3", "T-1"]
        with pytest.raises(BadUserInput):
            await keyset_page(reader, query, kind=KIND, first=2, after=after.cursors[0],
                              key=CaseRow.id)  # a cursor of another list
    finally:
        await reader.close()
    empty = Page.empty()
    assert empty.rows == [] and await empty.total_count() == 0
    assert not empty.page_info().has_previous_page


# ------------------------------------------------------------------ variant types


async def test_a_variant_is_the_core_type_under_the_registers_name_and_citations(
    http: httpx.AsyncClient,
) -> None:
    schema = _schema()._schema
    fields = schema.type_map["ToolkitAddress"].fields  # type: ignore[attr-defined]
    assert fields["city"].description == "A2 6: city."
    assert fields["region"].description == "Region."  # not given: the core's
    core = {f.python_name: f.description for f in Address.__strawberry_definition__.fields}
    assert core["city"] == "City."  # the core type keeps its own
    data = await _data(http, "{ toolkitAddress { city postalCode region } }")
    assert data["toolkitAddress"] == {"city": "Kyiv", "postalCode": "01001", "region": None}
    with pytest.raises(TypeError, match="no fields"):
        variant(description="x", fields={"colour": "?"})(type("Bad", (Address,), {}))


# ------------------------------------------------------------------ exports


async def test_an_export_streams_the_filtered_result_set_as_csv_and_xlsx(
    http: httpx.AsyncClient,
) -> None:
    answer = await http.get("/toolkit/cases.csv", params={"state": "open", "sort": "number",
                                                          "descending": "true"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "toolkit-cases-" in answer.headers["content-disposition"]
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["Number", "État"], ["T-5", "open"], ["T-3", "open"], ["T-1", "open"]]
    book = await http.get("/toolkit/cases.xlsx", params={"minVersion": "4"})
    with zipfile.ZipFile(io.BytesIO(book.content)) as xlsx:
        strings = xlsx.read("xl/sharedStrings.xml").decode() if (
            "xl/sharedStrings.xml" in xlsx.namelist()) else ""
        sheet = xlsx.read("xl/worksheets/sheet1.xml").decode() + strings
        assert "Cases" in xlsx.read("xl/workbook.xml").decode()
    assert "T-4" in sheet and "T-5" in sheet and "T-3" not in sheet
    for params, message in (({"minVersion": "x"}, "minVersion: 'x' is not a version"),
                            ({"colour": "red"}, "unknown parameter 'colour'"),
                            ({"sort": "size"}, "sort: 'size' is not one of number, state"),
                            ({"descending": "maybe"}, "descending: give true or false")):
        bad = await http.get("/toolkit/cases.csv", params=params)
        assert bad.status_code == 400, params
        error = bad.json()["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT" and message in error["message"]


def test_query_parameters_are_the_filter_both_ways() -> None:
    value = CaseFilter(state="open", opened_from=dt.date(2025, 1, 31), min_version=2)
    params = PARAMETERS.to_parameters(value, CaseSort.STATE, True)
    assert params == {"state": "open", "openedFrom": "2025-01-31", "minVersion": "2",
                      "sort": "state", "descending": "true"}
    assert PARAMETERS.from_parameters(params) == (value, CaseSort.STATE, True)
    assert PARAMETERS.query_string(CaseFilter(), CaseSort.NUMBER, False) == ""
    assert EXPORT.url("csv", PARAMETERS.query_string(CaseFilter(state="a b"), CaseSort.NUMBER,
                                                     False)) == "/toolkit/cases.csv?state=a+b"
    with pytest.raises(BadUserInput, match=r"openedFrom: '31\.01\.2025' is not a date"):
        PARAMETERS.from_parameters({"openedFrom": "31.01.2025"})
    with pytest.raises(TypeError, match="no items"):
        QueryParameters(CaseFilter, names={"x": "colour"}, sort=CaseSort,
                        default_sort=CaseSort.NUMBER)


async def test_the_writers_stream_rows_under_a_header() -> None:
    async def rows() -> AsyncIterator[dict[str, Any]]:
        for n in range(5):
            yield {"number": f"T-{n}", "state": None if n == 4 else "open"}

    out = io.StringIO()
    assert await write_csv(rows(), COLUMNS, out) == 5
    assert out.getvalue().splitlines()[::4] == ["Number,État", "T-3,open"]
    assert out.getvalue().splitlines()[-1] == "T-4,"
    chunks = [chunk async for chunk in csv_chunks(rows(), COLUMNS, bom=False, lines=2)]
    assert len(chunks) == 3 and b"".join(chunks).decode() == out.getvalue()


# ------------------------------------------------------------------ publication


def test_one_publication_table_gives_the_core_rule_and_checks_exports() -> None:
    table = PublicationTable({
        "name": ("Act 1", True), "status": ("Act 8 (not published)", False),
        "holders": ("Act 3", True), "annexes": ("Act 9 (not published)", False)})
    table.add("holders", {"name": ("Act 3.1", True), "taxpayerId": ("Act 3.4", False)})
    rule = table.rule("toolkit", public_party_roles=("holder",))
    # Only fields of the core IPObject interface go to the core rule.
    assert dict(rule.unpublished) == {"status": "Act 8 (not published)"}
    assert rule.public_party_roles == frozenset({"holder"})
    assert table.published("holders.name") and not table.published("holders.taxpayerId")
    table.check_published(["name", "holders.name"], "the list")
    with pytest.raises(ConfigurationError, match=r"holders\.taxpayerId, nowhere"):
        table.check_published(["name", "holders.taxpayerId", "nowhere"], "the list")


def test_a_caller_acts_for_its_party_and_its_applicant_side_grants_in_the_register() -> None:
    viewer = Principal(kind="user", party_id=7, grants=frozenset({
        Grant("representative", "toolkit", 11), Grant("representative", "other", 12),
        Grant("examiner", "toolkit", 13)}))
    assert parties_of(viewer, "toolkit") == {7, 11}
    assert acts_for(viewer, [None, 11], "toolkit") and not acts_for(viewer, [12], "toolkit")
    assert not acts_for(Principal(), [None], "toolkit")
