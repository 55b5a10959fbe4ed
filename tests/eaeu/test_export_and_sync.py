"""PRC.012 (public export, streamed) and PRC.008-010 (a CCA's copy kept in step)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from support import DatabaseFactory

from ipreg.core.config import Settings
from ipreg.core.model import IPObject
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu.export import COLUMNS, write_csv, write_xlsx
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.samples import turnover
from ipreg.plugins.eaeu.sync import sync


@pytest.mark.legal("P.SP.01.PRC.012", "R174 A1 T2 4")
async def test_the_export_holds_published_entries_and_items_only(eaeu: Any,
                                                                tmp_path: Path) -> None:
    """R174 p.18(6), R148 p.18: unloading of published data (Appendix 1 "+")."""
    _, (first,) = await eaeu.include(0)
    await eaeu.include(1)
    request = await eaeu.open("P.SP.01.PRC.005", eaeu.applicant, None, object_id=first)
    await eaeu.act(request.id, "P.SP.01.PRC.005.EXCLUDE", eaeu.commission)  # unpublished
    await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [eaeu.form(2)]})  # declared
    out = io.StringIO()
    async with eaeu.rt.sessionmaker() as session:
        assert await write_csv(session, out) == 1
        assert await write_xlsx(session, str(tmp_path / "register.xlsx")) == 1
    table = list(csv.reader(io.StringIO(out.getvalue())))
    assert table[0] == [title for _, title in COLUMNS]
    row = dict(zip([key for key, _ in COLUMNS], table[1], strict=True))
    assert row["registrationNumber"] == "00002/TZ/0002" and row["cnFeaCodes"]
    assert "7706032581" not in out.getvalue()  # T2 4 taxpayer id: not published
    with zipfile.ZipFile(tmp_path / "register.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode() if (
            "xl/sharedStrings.xml" in book.namelist()) else sheet
    assert "00002/TZ/0002" in strings + sheet


@pytest.mark.legal("P.SP.01.PRC.008", "P.SP.01.PRC.009", "P.SP.01.PRC.010", "R174 p.12(9)")
async def test_a_cca_copy_fetches_only_what_changed(eaeu: Any,
                                                   databases: DatabaseFactory) -> None:
    """PRC.008 (last update) decides; PRC.009/010 bring the changes after the position,
    applied to the CCA's replica database (tests/eaeu/test_sync_replica.py runs it over HTTP)."""
    async def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        return await eaeu.data(query, variables, eaeu.ccas["AM"])

    replica = Runtime.create(Settings.from_env(database_url=databases.migrated(), plugins=None))
    try:
        _, (object_id,) = await eaeu.include(0)
        first = await sync(post, replica.sessionmaker, page_size=1)
        assert (first.register_changes, first.entries_written) == (1, 1)
        async with replica.sessionmaker() as session:
            obj = await session.get(IPObject, object_id)
            assert obj is not None and obj.register_number == "00001/TZ/0001"
        again = await sync(post, replica.sessionmaker)
        assert again.up_to_date and again.requests == 1  # only the PRC.008 request
        await eaeu.open("P.SP.01.PRC.007", eaeu.applicant,
                        {"goods": [{"goods": 0, "turnover": [turnover(1, eaeu.rng, "Q")]}]},
                        object_id=object_id)
        third = await sync(post, replica.sessionmaker)
        assert (third.register_changes, third.turnover_changes) == (0, 1)
        async with replica.sessionmaker() as session:
            entry = await session.get(EaeuEntry, object_id)
            assert entry is not None and entry.turnover_updated_at is not None
    finally:
        await replica.close()
