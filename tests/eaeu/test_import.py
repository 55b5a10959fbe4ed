"""``ipreg import eaeu FILE``: validated record by record, all or nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from ipreg.core.cli import cli
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.cli import register
from ipreg.plugins.eaeu.forms import import_schema, parse_form
from ipreg.plugins.eaeu.importer import schema
from ipreg.plugins.eaeu.models import EaeuEntry
from ipreg.plugins.eaeu.store import Declaration, PartyStore, declare_objects, import_entries

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "eaeu-import.schema.json"


def entries(count: int, first: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(count)
    out = []
    for i in range(count):
        form = samples.form(i, rng)
        form["register"] = samples.register_data(i, first + i, first + i, dt.date(2024, 5, 6),
                                                 rng, [("prolonged", dt.date(2026, 4, 1))])
        out.append(form)
    return out


async def invoke(database_url: str, path: Path, *extra: str) -> Any:
    """The command, in a thread of its own (it runs its own event loop)."""
    register(cli)
    return await asyncio.to_thread(
        CliRunner().invoke, cli, ["--database", database_url, "import", "eaeu", str(path),
                                  *extra])


async def count(eaeu: Any) -> int:
    async with eaeu.rt.sessionmaker() as session:
        return int((await session.execute(select(func.count()).select_from(EaeuEntry)))
                   .scalar() or 0)


def test_the_documented_schema_is_generated_from_the_declared_forms() -> None:
    """One source: docs/eaeu-import.schema.json is what the importer validates with, and
    both come from the declarations the GraphQL input types are generated from."""
    generated = json.dumps(import_schema(), indent=2, ensure_ascii=False) + "\n"
    assert SCHEMA.read_text(encoding="utf-8") == generated, (
        "regenerate: python -c 'import json; from ipreg.plugins.eaeu.forms import "
        "import_schema; print(json.dumps(import_schema(), indent=2, ensure_ascii=False))' "
        "> docs/eaeu-import.schema.json")
    assert schema() == import_schema()


async def test_a_valid_file_is_imported_and_numbering_continues(
        eaeu: Any, database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text(json.dumps({"format": "ipreg-eaeu-import/1", "entries": entries(3, 41)},
                               ensure_ascii=False), encoding="utf-8")
    dry = await invoke(database_url, path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert await count(eaeu) == 0
    done = await invoke(database_url, path)
    assert done.exit_code == 0, done.output
    assert "imported 3 EAEU register entries" in done.output
    data = await eaeu.data('{ eaeuEntries { totalCount nodes { registerNumber status '
                           'protectionPeriods { start end } } } }', viewer=eaeu.commission)
    nodes = data["eaeuEntries"]["nodes"]
    assert data["eaeuEntries"]["totalCount"] == 3
    assert nodes[0]["registerNumber"].startswith("00041/") and nodes[0]["status"] == "prolonged"
    assert len(nodes[0]["protectionPeriods"]) == 2
    case, _ = await eaeu.include(9)  # R174 A1 T1 5.1.1: the sequence continues after 00043
    assert case.data["included"][0]["registrationNumber"] == "00044/TZ/0044"


async def test_an_invalid_file_imports_nothing_and_says_where(
        eaeu: Any, database_url: str, tmp_path: Path) -> None:
    records = entries(4, 1)
    records[1]["goods"][0]["cnFeaCodes"] = ["18"]
    records[2]["goods"][0]["turnover"][0]["parties"][0]["roles"] = ["30"]
    records[2]["goods"][0]["turnover"][0]["legality"] = 0
    records[3]["register"]["sequenceNumber"] = records[0]["register"]["sequenceNumber"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "ipreg-eaeu-import/1", "entries": records},
                               ensure_ascii=False), encoding="utf-8")
    done = await invoke(database_url, path)
    assert done.exit_code == 1
    assert "entries[1].goods[0].cnFeaCodes[0]" in done.output
    assert "entries[2].goods[0].turnover[0].parties[0].roles[0]" in done.output
    assert "R174 A1 table 7" in done.output
    assert "entries[3].register.sequenceNumber" in done.output
    assert "nothing imported" in done.output
    assert await count(eaeu) == 0
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert (await invoke(database_url, broken)).exit_code == 1


@pytest.mark.legal("R174 A1 T1 5.1.1")
async def test_numbers_already_in_the_register_are_refused(
        eaeu: Any, database_url: str, tmp_path: Path) -> None:
    await eaeu.include()  # 00001
    path = tmp_path / "dup.json"
    path.write_text(json.dumps({"format": "ipreg-eaeu-import/1", "entries": entries(2, 1)},
                               ensure_ascii=False), encoding="utf-8")
    done = await invoke(database_url, path)
    assert done.exit_code == 1 and "record 00001 is already in the register" in done.output
    assert await count(eaeu) == 1


FULL = """query($n: String!) { eaeuEntry(registrationNumber: $n) {
  name description kind status statusDate keywords keywordDetails { value transliteration }
  rightHolderCount registrationFormNumber application { number date }
  rightHolders { name shortName country taxpayerId kpp partyType
                 addresses { kind country city street building postalCode }
                 contacts { channel channelName value } employees { surname firstName position }
                 identityDocument { number } }
  representative { name kpp } powersOfAttorney { kindName number date expiresOn }
  titleDocuments { country kindName name number date issuerName sheetCount }
  rightTerms { country expiresOn termDefined } statusHistory { status date basisNumber }
  protectionPeriods { start end } authorizedPersons { name identityDocument { number series } }
  eaeuGoods { position description cnFeaCodes niceClasses { number name } exemptionCircumstances
    turnover { legality accompanyingDocuments parties { party { name country } roles }
      logistics { routes { points { seq country locode name departureTransportMode pointKind } }
                  borderCrossings { checkpointCode checkpointName }
                  customsPlaces { country customsName goodsLocation { kind city street } } }
      features { brandModel characteristics identificationMeans
                 transport { packageKind unitsPerPackage identificationMeans } } } }
} }"""


async def test_the_bulk_writer_writes_what_the_orm_writes(eaeu: Any) -> None:
    """The importer's bulk path and the procedures' ORM path store the same entry."""
    data = entries(1, 7)[0]
    other = json.loads(json.dumps(data))
    other["register"]["sequenceNumber"] = "00008"
    async with eaeu.rt.sessionmaker() as session:
        await import_entries(session, [Declaration(parse_form(data, with_register=True),
                                                   "A-1", dt.date(2024, 2, 1))])
        await declare_objects(session, [Declaration(parse_form(other, with_register=True),
                                                    "A-1", dt.date(2024, 2, 1))],
                              PartyStore(session))
        await session.commit()
    bulk = await eaeu.data(FULL, {"n": "00007/TZ/0007"}, eaeu.commission)
    orm = await eaeu.data(FULL, {"n": "00008/TZ/0007"}, eaeu.commission)
    assert bulk == orm
    assert bulk["eaeuEntry"]["eaeuGoods"][0]["turnover"]
