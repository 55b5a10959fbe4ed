"""P.SP.01.PRC.012: the register searched with filters, sorted, and any result set
exported (CSV, XLSX) over HTTP — the same entries in the same order as on screen."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from ipreg.core.auth.principal import ANONYMOUS
from ipreg.core.cli import cli
from ipreg.plugins.eaeu.cli import register
from ipreg.plugins.eaeu.export import COLUMNS
from ipreg.plugins.eaeu.register_query import EntryFilter, EntrySort, from_parameters

ENTRIES = """query ($filter: EaeuEntryFilter, $sort: EaeuEntrySort!, $descending: Boolean!,
                    $first: Int, $after: String, $asOf: Date) {
  eaeuEntries(filter: $filter, sort: $sort, descending: $descending, first: $first,
              after: $after, asOf: $asOf) {
    totalCount csvUrl xlsxUrl
    pageInfo { hasNextPage endCursor }
    nodes {
      name kind
      registrationNumber { display inclusionDate }
      rightHolders { name country }
      protectionPeriods { start end }
      eaeuGoods { cnFeaCodes niceClasses { number } }
    }
  }
}"""

#: Marks of different kinds and languages (samples.MARKS): ТЗ, АП, СП, Kazakh, Armenian.
SAMPLES = (0, 1, 12, 16, 18, 27)


@pytest.fixture
async def register_entries(eaeu: Any) -> list[dict[str, Any]]:
    """Six included entries, as an official sees them, by record number."""
    for i in SAMPLES:
        await eaeu.include(i)
    return await _all(eaeu, {}, viewer=eaeu.commission)


async def _page(eaeu: Any, variables: dict[str, Any], viewer: Any = ANONYMOUS) -> Any:
    full = {"sort": "REGISTRATION_NUMBER", "descending": False, "first": 100, **variables}
    return (await eaeu.data(ENTRIES, full, viewer))["eaeuEntries"]


async def _all(eaeu: Any, variables: dict[str, Any], viewer: Any = ANONYMOUS) -> Any:
    return (await _page(eaeu, variables, viewer))["nodes"]


def _numbers(nodes: list[dict[str, Any]]) -> list[str]:
    return [n["registrationNumber"]["display"] for n in nodes]


@pytest.mark.legal("P.SP.01.PRC.012")
async def test_every_filter_narrows_the_register_to_the_entries_it_describes(
    eaeu: Any, register_entries: list[dict[str, Any]]
) -> None:
    """PRC.012: search "with filtering on selected parameters" (R148 p.18)."""
    entries = register_entries
    assert len(entries) == len(SAMPLES)
    first = entries[0]
    code = first["eaeuGoods"][0]["cnFeaCodes"][0]
    nice = first["eaeuGoods"][0]["niceClasses"][0]["number"] if any(
        g["niceClasses"] for g in first["eaeuGoods"][:1]) else None
    country = first["rightHolders"][0]["country"]
    expiry = max(p["end"] for p in first["protectionPeriods"])

    def expect(keep: Any) -> list[str]:
        return _numbers([e for e in entries if keep(e)])

    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"kind": "TZ"}, expect(lambda e: e["kind"] == "trademark")),
        ({"kind": "АП"}, expect(lambda e: e["kind"] != "trademark"
                                and "АП" in e["registrationNumber"]["display"].replace(
                                    "AP", "АП"))),
        ({"name": "Octyabr"}, []),  # no transliteration here: that is the `search` field
        ({"name": "Октябрь"}, expect(lambda e: "Октябрь" in e["name"])),
        ({"registrationNumber": first["registrationNumber"]["display"]}, _numbers([first])),
        ({"holderCountry": country},
         expect(lambda e: any(h["country"] == country for h in e["rightHolders"]))),
        ({"cnFea": code[:4]}, expect(lambda e: any(
            c.startswith(code[:4]) for g in e["eaeuGoods"] for c in g["cnFeaCodes"]))),
        ({"expiresTo": expiry}, expect(
            lambda e: max(p["end"] for p in e["protectionPeriods"]) <= expiry)),
        ({"includedFrom": "2099-01-01"}, []),
        ({"includedTo": first["registrationNumber"]["inclusionDate"]}, _numbers(entries)),
        ({"protectedOn": "1990-01-01"}, []),
    ]
    if nice is not None:
        cases.append(({"niceClass": nice}, expect(lambda e: any(
            n["number"] == nice for g in e["eaeuGoods"] for n in g["niceClasses"]))))
    for given, expected in cases:
        assert _numbers(await _all(eaeu, {"filter": given})) == expected, given


@pytest.mark.legal("P.SP.01.PRC.012", "R174 A1 T1 8")
async def test_status_is_not_published_so_only_its_readers_filter_on_it(
    eaeu: Any, register_entries: list[dict[str, Any]]
) -> None:
    """T1 8 is not published (Appendix 1): the status filter must not reveal it."""
    included = {"filter": {"status": "included"}}
    assert _numbers(await _all(eaeu, included, viewer=eaeu.commission)) == _numbers(
        register_entries)
    assert _numbers(await _all(eaeu, {"filter": {"status": "excluded"}},
                               viewer=eaeu.commission)) == []
    assert _numbers(await _all(eaeu, included)) == []


@pytest.mark.legal("P.SP.01.PRC.012", "R174 A1 T1 5.3")
async def test_keywords_are_not_published_so_only_their_readers_filter_on_them(
    eaeu: Any, register_entries: list[dict[str, Any]]
) -> None:
    """T1 5.3 is not published (Appendix 1): a keyword filter must not reveal it."""
    keyword = {"filter": {"keyword": register_entries[0]["name"]}}
    assert _numbers(await _all(eaeu, keyword)) == []
    assert _numbers(await _all(eaeu, keyword, viewer=eaeu.stranger)) == []
    assert _numbers(await _all(eaeu, keyword, viewer=eaeu.commission)) == _numbers(
        register_entries[:1])
    assert _numbers(await _all(eaeu, keyword, viewer=eaeu.applicant)) == _numbers(
        register_entries[:1])  # the right holder reads its own entry's keywords


@pytest.mark.legal("P.SP.01.PRC.012")
async def test_sort_orders_and_their_pages(
    eaeu: Any, register_entries: list[dict[str, Any]]
) -> None:
    by_name = sorted(register_entries, key=lambda e: (e["name"],
                                                      e["registrationNumber"]["display"]))
    names = [e["name"] for e in await _all(eaeu, {"sort": "NAME"})]
    assert names == [e["name"] for e in by_name]
    backwards = await _all(eaeu, {"sort": "REGISTRATION_NUMBER", "descending": True})
    assert _numbers(backwards) == _numbers(register_entries)[::-1]
    for sort, descending in (("NAME", False), ("EXPIRY_DATE", True),
                             ("REGISTRATION_NUMBER", True), ("INCLUSION_DATE", False)):
        whole = _numbers(await _all(eaeu, {"sort": sort, "descending": descending}))
        paged: list[str] = []
        after = None
        while True:
            page = await _page(eaeu, {"sort": sort, "descending": descending, "first": 4,
                                      "after": after})
            paged += _numbers(page["nodes"])
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert paged == whole, (sort, descending)


async def test_bad_filters_are_refused_with_their_code(eaeu: Any) -> None:
    for bad in ({"kind": "XX"}, {"holderCountry": "Kazakhstan"}, {"cnFea": "09.02"},
                {"niceClass": 46}, {"includedFrom": "2025-02-01", "includedTo": "2025-01-01"}):
        result = await eaeu.gql(ENTRIES, {"filter": bad, "sort": "NAME", "descending": False})
        assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", bad


def test_query_string_parameters_are_the_graphql_names() -> None:
    entry_filter, sort, descending = from_parameters({
        "kind": "TZ", "holderCountry": "KZ", "niceClass": "30", "includedFrom": "2024-01-01",
        "sort": "expiryDate", "descending": "true"})
    assert entry_filter == EntryFilter(kind="TZ", holder_country="KZ", nice_class=30,
                                       included_from=__import__("datetime").date(2024, 1, 1))
    assert (sort, descending) == (EntrySort.EXPIRY_DATE, True)
    names = {f.name for f in dataclasses.fields(EntryFilter)}
    assert len(names) == 16


# ---------------------------------------------------------------- HTTP export


@pytest.fixture
async def http(eaeu: Any) -> AsyncIterator[httpx.AsyncClient]:
    from ipreg.schema.app import create_app

    app = create_app(eaeu.rt)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.mark.legal("P.SP.01.PRC.012")
async def test_a_result_set_exports_as_csv_and_xlsx_in_the_order_on_screen(
    eaeu: Any, register_entries: list[dict[str, Any]], http: httpx.AsyncClient
) -> None:
    """PRC.012: "unloading to external files" of the filtered, sorted result set."""
    screen = await _page(eaeu, {"filter": {"kind": "TZ"}, "sort": "NAME", "descending": True})
    assert screen["csvUrl"] == "/eaeu/export.csv?kind=TZ&sort=name&descending=true"
    response = await http.get(screen["csvUrl"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8-sig")  # with a byte-order mark for spreadsheets
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == [title for _, title in COLUMNS]
    keys = [key for key, _ in COLUMNS]
    rows = [dict(zip(keys, row, strict=True)) for row in table[1:]]
    assert [r["registrationNumber"] for r in rows] == _numbers(screen["nodes"])
    assert [r["name"] for r in rows] == [n["name"] for n in screen["nodes"]]

    workbook = await http.get(screen["xlsxUrl"])
    assert workbook.status_code == 200
    with zipfile.ZipFile(io.BytesIO(workbook.content)) as book:
        content = "".join(book.read(name).decode() for name in book.namelist()
                          if name.endswith(".xml"))
    for node in screen["nodes"]:
        assert node["registrationNumber"]["display"] in content


@pytest.mark.legal("P.SP.01.PRC.012")
async def test_the_export_has_the_callers_view_and_refuses_bad_input(
    eaeu: Any, register_entries: list[dict[str, Any]], http: httpx.AsyncClient
) -> None:
    keyword = register_entries[0]["name"]
    anonymous = await http.get("/eaeu/export.csv", params={"keyword": keyword})
    assert len(list(csv.reader(io.StringIO(anonymous.content.decode("utf-8-sig"))))) == 1
    bad = await http.get("/eaeu/export.csv", params={"niceClass": "x"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    unknown = await http.get("/eaeu/export.xlsx", params={"colour": "red"})
    assert unknown.status_code == 400 and "colour" in unknown.json()["errors"][0]["message"]
    forged = await http.get("/eaeu/export.csv", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401
    assert forged.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.legal("P.SP.01.PRC.012")
def test_the_command_line_exports_a_filtered_result_set(
    eaeu: Any, register_entries: list[dict[str, Any]], database_url: str
) -> None:
    register(cli)
    result = CliRunner().invoke(cli, ["--database", database_url, "eaeu", "export",
                                      "--where", "kind=AP", "--where", "sort=name"])
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.stdout)))
    expected = sorted((e for e in register_entries if "AP" in e["registrationNumber"]["display"]),
                      key=lambda e: e["name"])
    assert [row[0] for row in table[1:]] == _numbers(expected)
    refused = CliRunner().invoke(cli, ["--database", database_url, "eaeu", "export",
                                       "--where", "colour=red"])
    assert refused.exit_code == 2 and "colour" in refused.output
