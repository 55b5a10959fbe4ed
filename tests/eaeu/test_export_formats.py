"""P.SP.01.PRC.012 on the embedded default and on PostgreSQL: text filters fold case in
every script, bad parameters answer 400 before anything is read, the XLSX has typed
cells, and the CSV speaks Excel's semicolon dialect."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import openpyxl
import pytest

from ipreg.core.auth.principal import ANONYMOUS
from ipreg.core.db import fold
from ipreg.plugins.eaeu.export import COLUMNS

pytestmark = pytest.mark.legal("P.SP.01.PRC.012")

NAMES = """query ($filter: EaeuEntryFilter) {
  eaeuEntries(filter: $filter, first: 100) { csvUrl nodes { name } } }"""

#: samples.MARKS: 1 «Мишка косолапый», 2 «Алёнка», 18 «Қазақстан», 27 «Արարատ»,
#: 49 «Nike», 56 «Müller» (the last one held by the other right holder, «Рахат»).
SAMPLES = (1, 2, 18, 27, 49)
OTHER_HOLDERS_SAMPLE = 56

#: (filter, what it must find): every script folds, and only case (and ё/е) folds.
FOLDING = [
    ({"name": "мишка"}, ["Мишка косолапый"]),                   # Cyrillic, lower finds Title
    ({"name": "МИШКА КОСОЛАПЫЙ"}, ["Мишка косолапый"]),          # upper
    ({"name": "мИшКа КоСоЛаПыЙ"}, ["Мишка косолапый"]),          # mixed
    ({"name": "аленка"}, ["Алёнка"]),                            # е finds ё
    ({"name": "АЛЁНКА"}, ["Алёнка"]),                            # Ё finds ё
    ({"name": "ҚАЗАҚ"}, ["Қазақстан"]),                          # Kazakh letters
    ({"name": "արարատ"}, ["Արարատ"]),                            # Armenian, lower finds Title
    ({"name": "ԱՐԱՐԱՏ"}, ["Արարատ"]),                            # Armenian upper
    ({"name": "nIKE"}, ["Nike"]),                                # Latin
    ({"name": "MÜLLER"}, ["Müller"]),                            # Latin with a diacritic
    ({"name": "muller"}, []),                                    # a diacritic is not case
    ({"name": "мишка_"}, []),                                    # _ and % are literal
    ({"name": "%"}, []),
    ({"holder": "рахат"}, ["Müller"]),                           # the party filters fold too
    ({"holder": "КРАСНЫЙ ОКТЯБРЬ", "name": "NIKE"}, ["Nike"]),
    ({"keyword": "алёнка"}, []),  # T1 5.3 keywords are not published: nothing anonymous
]


@pytest.fixture
async def http(eaeu: Any) -> AsyncIterator[httpx.AsyncClient]:
    from ipreg.schema.app import create_app

    transport = httpx.ASGITransport(app=create_app(eaeu.rt))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
async def marks(eaeu: Any) -> None:
    for i in SAMPLES:
        await eaeu.include(i)
    await eaeu.include(OTHER_HOLDERS_SAMPLE, holder=eaeu.other_holder,
                       representative=eaeu.holder)


def _table(content: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def test_folding_is_lower_case_with_yo_as_ye() -> None:
    assert [fold(t) for t in ("Мишка", "ԱՐԱՐԱՏ", "Ёлка", "MÜLLER", "Қазақ")] == [
        "мишка", "արարատ", "елка", "müller", "қазақ"]


async def test_text_filters_fold_case_in_every_script_in_graphql_and_in_the_export(
    eaeu: Any, marks: None, http: httpx.AsyncClient, backend: str
) -> None:
    """``name=мишка`` finds «Мишка» on SQLite (whose LIKE folds ASCII only) as on
    PostgreSQL, through eaeuEntries(filter:) and /eaeu/export.csv alike."""
    for entry_filter, expected in FOLDING:
        screen = (await eaeu.data(NAMES, {"filter": entry_filter}, ANONYMOUS))["eaeuEntries"]
        assert sorted(n["name"] for n in screen["nodes"]) == expected, (backend, entry_filter)
        exported = await http.get(screen["csvUrl"])
        assert exported.status_code == 200
        names = [row[5] for row in _table(exported.content)[1:]]
        assert sorted(names) == expected, (backend, entry_filter)
    mine = await eaeu.data(NAMES, {"filter": {"keyword": "алёнка"}}, eaeu.applicant)
    assert [n["name"] for n in mine["eaeuEntries"]["nodes"]] == ["Алёнка"]
    mine = await eaeu.data(NAMES, {"filter": {"keyword": "АЛЕНКА"}}, eaeu.applicant)
    assert [n["name"] for n in mine["eaeuEntries"]["nodes"]] == ["Алёнка"]


#: A bad parameter of either export: (parameters, the parameter the 400 names).
BAD = [
    ({"kind": "XX"}, "kind"),
    ({"holderCountry": "Kazakhstan"}, "holderCountry"),
    ({"cnFea": "17x"}, "cnFea"),
    ({"niceClass": "46"}, "niceClass"),
    ({"niceClass": "x"}, "niceClass"),
    ({"includedFrom": "2026-02-01", "includedTo": "2026-01-01"}, "includedTo"),
    ({"expiresFrom": "31.12.2030"}, "expiresFrom"),
    ({"sort": "colour"}, "sort"),
    ({"descending": "maybe"}, "descending"),
    ({"colour": "red"}, "colour"),
]


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
async def test_a_bad_parameter_is_a_400_naming_it_before_anything_is_read(
    eaeu: Any, http: httpx.AsyncClient, extension: str, backend: str,
    caplog: pytest.LogCaptureFixture
) -> None:
    await eaeu.include(1)
    for params, argument in [*BAD, *([({"delimiter": "pipe"}, "delimiter")]
                                     if extension == "csv" else [])]:
        answer = await http.get(f"/eaeu/export.{extension}", params=params)
        assert answer.status_code == 400, params
        error = answer.json()["errors"][0]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}, params
        assert error["message"].startswith(f"{argument}:") or argument in error["message"]
    assert "Traceback" not in caplog.text
    kind = await http.get("/eaeu/export.csv", params={"kind": "XX"})
    assert "TZ, AP, SP" in kind.json()["errors"][0]["message"]
    result = await eaeu.gql(NAMES, {"filter": {"kind": "XX"}}, ANONYMOUS)
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_xlsx_has_typed_cells_widths_a_frozen_header_and_an_autofilter(
    eaeu: Any, marks: None, http: httpx.AsyncClient, tmp_path: Any
) -> None:
    answer = await http.get("/eaeu/export.xlsx", params={"sort": "name"})
    assert answer.status_code == 200
    (tmp_path / "register.xlsx").write_bytes(answer.content)
    sheet = openpyxl.load_workbook(tmp_path / "register.xlsx").active
    assert sheet is not None
    titles = [c.value for c in sheet[1]]
    assert titles == [title for _, title in COLUMNS]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{len(SAMPLES) + 2}"
    rows = [dict(zip([key for key, _ in COLUMNS], [c for c in line], strict=True))
            for line in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(SAMPLES) + 1
    csv_rows = _table((await http.get("/eaeu/export.csv", params={"sort": "name"})).content)[1:]
    for row, text in zip(rows, csv_rows, strict=True):
        included = row["inclusionDate"]
        assert isinstance(included.value, dt.datetime) and included.is_date
        assert included.number_format == "dd.mm.yyyy"
        assert included.value.date().isoformat() == text[4]
        number = row["sequenceNumber"]
        assert isinstance(number.value, int) and number.number_format == "00000"
        assert f"{number.value:05d}" == text[1]
        assert row["registrationNumber"].data_type == "s"
        assert row["registrationNumber"].value == text[0]
    widths = {key: sheet.column_dimensions[chr(ord("A") + i)].width
              for i, (key, _) in enumerate(COLUMNS)}
    assert all(8 <= width <= 63 for width in widths.values()), widths
    assert widths["rightHolders"] > widths["kind"]


async def test_the_csv_has_a_semicolon_dialect_for_excel_in_ru_and_uk_locales(
    eaeu: Any, marks: None, http: httpx.AsyncClient
) -> None:
    plain = await http.get("/eaeu/export.csv", params={"kind": "TZ"})
    excel = await http.get("/eaeu/export.csv", params={"kind": "TZ", "delimiter": "semicolon"})
    assert excel.status_code == 200 and excel.content.startswith("\ufeff".encode())
    assert excel.content.decode("utf-8-sig").splitlines()[0].count(";") == len(COLUMNS) - 1
    assert _table(excel.content, ";") == _table(plain.content)
    tabbed = await http.get("/eaeu/export.csv", params={"kind": "TZ", "delimiter": "tab"})
    assert _table(tabbed.content, "\t") == _table(plain.content)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_command_line_writes_the_semicolon_dialect_and_refuses_a_bad_kind(
    eaeu: Any, marks: None, database_url: str, tmp_path: Any, backend: str
) -> None:
    from click.testing import CliRunner

    from ipreg.core.cli import cli
    from ipreg.plugins.eaeu.cli import register

    register(cli)
    out = tmp_path / "register.csv"
    done = CliRunner().invoke(cli, ["--database", database_url, "eaeu", "export", "-o", str(out),
                                    "--where", "name=мишка", "--delimiter", "semicolon"])
    assert done.exit_code == 0, done.output
    assert out.read_bytes().startswith("\ufeff".encode())
    table = _table(out.read_bytes(), ";")
    assert [row[5] for row in table[1:]] == ["Мишка косолапый"]
    refused = CliRunner().invoke(cli, ["--database", database_url, "eaeu", "export",
                                       "--where", "kind=XX"])
    assert refused.exit_code == 2 and "kind: 'XX'" in refused.output
