"""The official sources of GI rules V.8.4-8.5 (VR-46): loaded as editions from their CSV
exports (bad input refused whole), looked up across scripts and by the word, and the
examiner's determinations recorded on the case, cited by a refusal on either ground."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select, text

from ipreg.core.auth import SYSTEM
from ipreg.core.cli import cli
from ipreg.core.errors import BadUserInput
from ipreg.plugins.ukraine.gi.sources import DATA, load_samples
from ipreg.plugins.ukraine.gi.sources.cli import register
from ipreg.plugins.ukraine.gi.sources.loader import EditionInfo, check_info, load_edition, parse
from ipreg.plugins.ukraine.gi.sources.lookup import lookup
from ipreg.plugins.ukraine.gi.sources.models import UaGiSourceEdition, UaGiSourceEntry

PLUTO = "upov_code,denomination,authority,register\n"
VARIETIES = "species,denomination\n"

#: (what is wrong, source, file content, what the problem says)
BAD_FILES: list[tuple[str, str, bytes, str]] = [
    ("unknown source", "plutoo", b"x\n", "'plutoo' is not a loadable source"),
    ("the configured list is not loaded", "configured", b"term\nx\n", "not a loadable"),
    ("not UTF-8", "ua_varieties", (VARIETIES + "Яблуня,Ренет\n").encode("cp1251"),
     "not UTF-8 text"),
    ("a NUL character", "ua_varieties", b"species,denomination\nx,\x00\n", "NUL"),
    ("empty file", "pluto", b"", "file: empty"),
    ("a required column missing", "pluto", b"upov_code,denomination\nVITIS_VIN,X\n",
     "missing column(s) authority, register"),
    ("a column twice", "ua_varieties", b"species,species,denomination\na,b,c\n",
     "species given twice"),
    ("a row of the wrong width", "ua_varieties", (VARIETIES + "a,b,c\n").encode(),
     "line 2: 3 fields, the header has 2"),
    ("a required value empty", "ua_varieties", (VARIETIES + "Яблуня,\n").encode(),
     "line 2, denomination: empty"),
    ("Nice class out of range", "nice", b"class,term\n46,cheese\n", "'46' is not a class"),
    ("UKTZED code not digits", "uktzed", b"code,description\n04A6,x\n",
     "'04A6' is not 4-10 digits"),
    ("PLUTO register type", "pluto", (PLUTO + "VITIS_VIN,X,FR,XYZ\n").encode(),
     "'XYZ' is not PBR or NLI"),
    ("PLUTO UPOV code", "pluto", (PLUTO + "vitis,X,FR,NLI\n").encode(),
     "'vitis' is not a UPOV code"),
    ("PLUTO authority", "pluto", (PLUTO + "VITIS_VIN,X,France,NLI\n").encode(),
     "'France' is not a 2-letter"),
    ("a date that is not one", "breeds", b"species,breed,registered_on\nx,y,2001-13-01\n",
     "'2001-13-01' is not a date"),
    ("a repeated entry", "ua_varieties", (VARIETIES + "a,Шардоне\na,шардоне\n").encode(),
     "line 3: repeats line 2"),
    ("a term too long", "reference", ("term,work\n" + "б" * 501 + ",w\n").encode(),
     "term: longer than 500"),
    ("a header and no entries", "ua_varieties", VARIETIES.encode(), "no entries"),
]


@pytest.mark.legal("VR-46", "GI rules V.8.4", "GI rules V.8.5")
@pytest.mark.parametrize(("what", "code", "content", "says"), BAD_FILES,
                         ids=[row[0] for row in BAD_FILES])
def test_a_bad_file_is_refused_with_its_line_and_column(what: str, code: str,
                                                        content: bytes, says: str) -> None:
    parsed = parse(code, content)
    assert parsed.entries == [] or parsed.problems, what
    assert any(says in p for p in parsed.problems), parsed.problems
    assert all("VR-46" in p for p in parsed.problems)


@pytest.mark.legal("VR-46")
def test_the_edition_names_itself_and_its_origin() -> None:
    today = dt.date(2026, 3, 2)
    assert check_info(EditionInfo("2026-02", "https://sops.gov.ua", None, "f.csv"),
                      today) == []
    problems = check_info(EditionInfo(" ", "", dt.date(2026, 3, 3), "f.csv"), today)
    assert [p.split(":")[0] for p in problems] == ["edition", "origin", "publishedOn"]


@pytest.mark.legal("VR-46")
def test_exports_with_a_bom_and_semicolons_are_read() -> None:
    parsed = parse("ua_varieties", "\ufeffspecies;denomination;zones\n"
                   "Виноград;Шардоне;Степ\n".encode())
    assert parsed.problems == []
    assert [(e.term, e.attributes["zones"]) for e in parsed.entries] == [("Шардоне", "Степ")]


async def _load_samples(gi: Any) -> None:
    async with gi.runtime.sessionmaker() as session:
        await load_samples(session, SYSTEM, gi.clock())
        await session.commit()


async def _lookup(gi: Any, name: str) -> list[tuple[str, str, str, str, bool]]:
    async with gi.runtime.sessionmaker() as session:
        return [(h.source, h.term, h.matched_as, h.matched_part, h.whole)
                for h in await lookup(session, name)]


@pytest.mark.legal("VR-46", "GI rules V.8.4", "GI rules V.8.5")
async def test_a_name_finds_the_entries_it_includes_in_any_script(gi, monkeypatch) -> None:
    """A Cyrillic name finds a Cyrillic variety it includes; its Latin transliteration finds
    the same entry; an inflected form finds it by the stem; a Latin entry is found from
    Cyrillic; the configured list is one more source."""
    await _load_samples(gi)
    assert await _lookup(gi, "Закарпатське Шардоне") == [
        ("ua_varieties", "Шардоне", "folded", "шардоне", False)]
    assert await _lookup(gi, "ZAKARPATSKE SHARDONE") == [
        ("ua_varieties", "Шардоне", "uk-kmu-2010", "shardone", False)]
    apple = await _lookup(gi, "РЕНЕТ СИМИРЕНКО")
    assert ("ua_varieties", "Ренет Симиренка", "stem:folded", "ренет симиренко", True) in apple
    assert ("pluto", "Renet Symyrenka", "stem:uk-kmu-2010", "renet symyrenko", True) in apple
    assert await _lookup(gi, "Карпатська бринза") == [
        ("reference", "бринза", "folded", "бринза", False)]
    assert await _lookup(gi, "HUTSULSKA BRYNDZIA") == [
        ("breeds", "Гуцульська", "uk-kmu-2010", "hutsulska", False)]
    assert await _lookup(gi, "ПОЛІСЬКИЙ МЕД") == []
    monkeypatch.setenv("IPREG_UA_GI_GENERIC_NAMES", "мед")
    assert await _lookup(gi, "ПОЛІСЬКИЙ МЕД") == [("configured", "мед", "folded", "мед", False)]


@pytest.mark.legal("VR-46")
async def test_an_edition_replaces_the_last_in_one_transaction_with_audit_and_feed(gi) -> None:
    await _load_samples(gi)
    first = DATA / "ua_varieties.csv"
    async with gi.runtime.sessionmaker() as session:
        with pytest.raises(BadUserInput):
            await load_edition(session, "ua_varieties", b"species,denomination\nx,\n",
                               EditionInfo("2026-03", "sops", None, "bad.csv"),
                               principal=SYSTEM, now=gi.clock())
        await session.rollback()
    assert [h[1] for h in await _lookup(gi, "Шардоне")] == ["Шардоне"]   # untouched
    async with gi.runtime.sessionmaker() as session:
        await load_edition(session, "ua_varieties",
                           b"species,denomination\nVitis,Sauvignon\n",
                           EditionInfo("2026-03", "https://sops.gov.ua/reestr", None,
                                       first.name), principal=SYSTEM, now=gi.clock())
        await session.commit()
    assert await _lookup(gi, "Шардоне") == []                          # the old edition's
    assert [h[1] for h in await _lookup(gi, "SAUVIGNON")] == ["Sauvignon"]
    async with gi.runtime.sessionmaker() as session:
        editions = (await session.execute(
            select(UaGiSourceEdition.edition, UaGiSourceEdition.replaced_at.is_(None))
            .where(UaGiSourceEdition.source == "ua_varieties")
            .order_by(UaGiSourceEdition.id))).all()
        assert editions == [("sample-2025-11", False), ("2026-03", True)]
        entries = await session.scalar(select(func.count()).select_from(UaGiSourceEntry))
        events = (await session.execute(text(
            "select operation from change_event where entity = 'ua_gi_source_edition' "
            "order by position"))).scalars().all()
        audits = (await session.execute(text(
            "select action from audit_record where entity = 'ua_gi_source_edition' "
            "order by seq"))).scalars().all()
    assert entries == 5 + 4 + 4 + 4 + 1        # the other samples and the new edition
    assert events[-2:] == ["update", "create"]
    assert audits[-2:] == ["ua_gi_source_replaced", "ua_gi_source_loaded"]


@pytest.mark.legal("VR-46")
@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_load_command_exits_non_zero_on_bad_input(databases: Any, tmp_path: Path) -> None:
    register(cli)                      # what ``ipreg`` does through ipreg_register_commands
    url = databases.migrated()
    bad = tmp_path / "pluto.csv"
    bad.write_text(PLUTO + "VITIS_VIN,Chardonnay,FR,XYZ\n", encoding="utf-8")
    load = ["--database", url, "ua-gi", "sources", "load", "--source", "pluto",
            "--edition", "2026-11", "--origin", "https://www.upov.int/pluto"]
    refused = CliRunner().invoke(cli, [*load, str(bad)])
    assert refused.exit_code == 1
    assert "line 2, register: 'XYZ' is not PBR or NLI" in refused.output
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from ua_gi_source_edition")).scalar() == 0
    done = CliRunner().invoke(cli, [*load, "--published-on", "2026-11-15",
                                    str(DATA / "pluto.csv")])
    assert done.exit_code == 0, done.output
    assert "loaded 5 entries of pluto edition 2026-11" in done.output
    listed = CliRunner().invoke(cli, ["--database", url, "ua-gi", "sources", "list"])
    assert "2026-11\t2026-11-15\t5 entries\tcurrent\thttps://www.upov.int/pluto" in \
        listed.output
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from ua_gi_source_entry")).scalar() == 5
    engine.dispose()


LOOKUP = """query($name: String!) { uaGiNameLookup(name: $name) {
  source sourceName legalBasis edition publishedOn term code kind matchedAs matchedPart whole
  attributes { name value } } }"""


@pytest.mark.legal("VR-46", "GI rules V.8.5")
async def test_the_examiner_looks_a_name_up_through_graphql(gi) -> None:
    await _load_samples(gi)
    hits = (await gi.data(LOOKUP, {"name": "Chardonnay Zakarpattia"}, "examiner"))[
        "uaGiNameLookup"]
    assert [(h["source"], h["legalBasis"], h["edition"], h["term"], h["code"],
             h["matchedAs"], h["whole"]) for h in hits] == [
        ("pluto", "GI rules V.8.5", "sample-2025-11", "Chardonnay", "VITIS_VIN", "folded",
         False)]
    assert {"name": "authority", "value": "FR"} in hits[0]["attributes"]
    refused = await gi.gql(LOOKUP, {"name": "Шардоне"})
    assert gi.code_of(refused) == "UNAUTHENTICATED"
    sources = (await gi.data("{ uaGiNameSources { code legalBasis loadable columns "
                             "editions { edition entries origin } } }", None, "examiner"))[
        "uaGiNameSources"]
    pluto = next(s for s in sources if s["code"] == "pluto")
    assert pluto["editions"][0]["entries"] == 5
    assert "denomination*" in pluto["columns"]
    assert {s["legalBasis"] for s in sources} == {"GI rules V.8.4", "GI rules V.8.5",
                                                   "VR-46"}


CASE = """query($id: ID!) { node(id: $id) { ... on UaGiApplicationCase {
  state version nameSourceHits { source term matchedAs matchedPart }
  nameDeterminations { id legalBasis term groundExists ground reasons
    facts { productGroup sources { source edition publishedOn origin entry } }
    answers { key answer reasons sources { source edition } }
    hits { source term } } } } }"""


def generic(**kw: Any) -> dict[str, Any]:
    determination = {
        "term": "бринза", "generic": True, "reasons": "Назва виду сиру",
        "territory": "Україна",
        "facts": [{"description": "Уживається як назва виду сиру",
                   "productGroup": "0406 Сири", "sources": [
                       {"source": "reference", "edition": "sample-2025", "entry": "бринза",
                        "reference": "с. 91"},
                       {"source": "uktzed", "edition": "sample-2025", "entry": "0406"}]}]}
    determination.update(kw)
    return {"v84": {"determination": determination}}


def variety(misleads: bool = False, **kw: Any) -> dict[str, Any]:
    cite = [{"source": "ua_varieties", "edition": "sample-2025-11", "entry": "Шардоне"}]

    def answer(yes: bool) -> dict[str, Any]:
        return {"answer": yes, "reasons": "Так встановлено", "sources": cite}

    determination: dict[str, Any] = {
        "term": "Шардоне", "kind": "variety", "usedBeforeFiling": answer(True),
        "misleadsAsToOrigin": answer(misleads), "madeFromThatRawMaterial": answer(False),
        "bonaFideUse": answer(not misleads), "spreadBeyondOrigin": answer(True)}
    determination.update(kw)
    return {"v85": {"determination": determination}}


async def _examining(gi: Any) -> Any:
    await _load_samples(gi)
    return await gi.to_substantive(0)


async def _case(gi: Any, case_id: int) -> dict[str, Any]:
    return (await gi.data(CASE, {"id": gi.global_id_of(case_id)}, "examiner"))["node"]


@pytest.mark.legal("VR-46", "GI rules V.8.4", "GI rules V.8.5")
async def test_the_examination_of_the_name_records_what_the_sources_hold(gi) -> None:
    """T27: the claimed name ГУЦУЛЬСЬКА БРИНДЗЯ includes the breed «Гуцульська»."""
    case = await _examining(gi)
    assert (await _case(gi, case.id))["nameSourceHits"] == [
        {"source": "breeds", "term": "Гуцульська", "matchedAs": "folded",
         "matchedPart": "гуцульська"}]


@pytest.mark.legal("GI rules V.8.4", "VR-46")
async def test_the_examiner_records_a_generic_name_determination(gi) -> None:
    case = await _examining(gi)
    answer = await gi.perform(case.id, generic(), "examiner")
    assert answer.get("errors") is None, answer
    found = (await _case(gi, case.id))["nameDeterminations"]
    assert [(d["id"], d["legalBasis"], d["groundExists"]) for d in found] == [
        ("V.8.4-1", "GI rules V.8.4", True)]
    assert found[0]["ground"].startswith("ст. 7 ч. 1 абз. 3 Закону про географічні "
                                         "зазначення сільськогосподарської")   # agri-food
    assert found[0]["facts"][0]["sources"][0] == {
        "source": "reference", "edition": "sample-2025", "publishedOn": "2025-06-02",
        "origin": "Sample reference entries (invented works marked «зразок»)",
        "entry": "бринза"}
    assert found[0]["hits"] == [{"source": "reference", "term": "бринза"}]


@pytest.mark.legal("GI rules V.8.4", "GI rules V.8.5", "VR-46")
@pytest.mark.parametrize("who", ["applicant", "examiner_two", "opponent"])
async def test_only_the_assigned_examiner_determines(gi, who: str) -> None:
    case = await _examining(gi)
    other = who if who != "examiner_two" or await gi.assigned(case.id) != "examiner_two" \
        else "examiner_one"
    before = await gi.snapshot(case.id)
    for act in (generic(), variety()):
        answer = await gi.perform(case.id, act, other)
        assert gi.code_of(answer) == "FORBIDDEN", answer
    assert await gi.snapshot(case.id) == before


#: (what is wrong, the act, the path and point the error names)
BAD_DETERMINATIONS: list[tuple[str, dict[str, Any], str]] = [
    ("generic without facts", generic(facts=[]), "determination.facts"),
    ("a V.8.5 source cited for V.8.4", generic(facts=[{
        "description": "d", "productGroup": "g", "sources": [
            {"source": "pluto", "edition": "sample-2025-11"}]}]),
     "determination.facts[0].sources[0].source"),
    ("a loaded source without its edition", generic(facts=[{
        "description": "d", "productGroup": "g", "sources": [{"source": "uktzed"}]}]),
     "determination.facts[0].sources[0].edition"),
    ("an edition that was never loaded", generic(facts=[{
        "description": "d", "productGroup": "g", "sources": [
            {"source": "uktzed", "edition": "2031"}]}]),
     "edition '2031' of uktzed is not loaded"),
    ("a question without sources", variety(usedBeforeFiling={
        "answer": True, "reasons": "r", "sources": []}),
     "determination.usedBeforeFiling.sources"),
    ("a question without reasons", variety(bonaFideUse={
        "answer": True, "reasons": "", "sources": [{"source": "application"}]}),
     "determination.bonaFideUse.reasons"),
    ("a V.8.4 source cited for V.8.5", variety(spreadBeyondOrigin={
        "answer": True, "reasons": "r", "sources": [
            {"source": "reference", "edition": "sample-2025"}]}),
     "determination.spreadBeyondOrigin.sources[0].source"),
]


@pytest.mark.legal("GI rules V.8.4", "GI rules V.8.5", "VR-46")
async def test_a_bad_determination_is_refused_and_changes_nothing(gi) -> None:
    case = await _examining(gi)
    before = await gi.snapshot(case.id)
    for what, act, says in BAD_DETERMINATIONS:
        answer = await gi.perform(case.id, act, "examiner")
        assert gi.code_of(answer) == "BAD_USER_INPUT", (what, answer)
        assert says in answer["errors"][0]["message"], (what, answer["errors"][0]["message"])
    assert await gi.snapshot(case.id) == before


@pytest.mark.legal("GI rules V.8.5", "VR-46")
async def test_the_five_questions_of_a_variety_name(gi) -> None:
    """V.8.5: each question answered with its sources; the ground (misleading as to the
    true origin) exists only when the examiner answers that question yes."""
    case = await _examining(gi)
    await gi.perform(case.id, variety(misleads=False), "examiner")
    await gi.perform(case.id, variety(misleads=True), "examiner")
    found = (await _case(gi, case.id))["nameDeterminations"]
    assert [(d["id"], d["groundExists"]) for d in found] == [("V.8.5-1", False),
                                                             ("V.8.5-2", True)]
    assert [a["key"] for a in found[1]["answers"]] == [
        "usedBeforeFiling", "misleadsAsToOrigin", "madeFromThatRawMaterial", "bonaFideUse",
        "spreadBeyondOrigin"]
    assert found[1]["answers"][0]["sources"] == [{"source": "ua_varieties",
                                                  "edition": "sample-2025-11"}]
    assert "абз. 5" in found[1]["ground"]


@pytest.mark.legal("GI rules V.8.4", "GI rules V.8.5", "GI rules V.10.3", "VR-46")
async def test_a_refusal_on_these_grounds_cites_the_determination(gi) -> None:
    case = await _examining(gi)
    await gi.perform(case.id, variety(misleads=False), "examiner")
    before = await gi.snapshot(case.id)
    for act, says in (
            ({"t32": {"conclusion": "Назва стала родовою"}},
             "a refusal on the ground of GI rules V.8.4 cites"),
            ({"t28": {"grounds": "V.8.5: назва сорту вводить в оману"}},
             "a refusal on the ground of GI rules V.8.5 cites"),
            ({"t32": {"conclusion": "Відмова", "determinations": ["V.8.4-9"]}},
             "'V.8.4-9' is not a determination recorded"),
            ({"t32": {"conclusion": "Назва сорту", "determinations": ["V.8.5-1"]}},
             "V.8.5-1 found no ground for refusal")):
        answer = await gi.perform(case.id, act, "examiner")
        assert gi.code_of(answer) == "BAD_USER_INPUT", answer
        assert says in answer["errors"][0]["message"]
    assert await gi.snapshot(case.id) == before
    await gi.perform(case.id, generic(), "examiner")
    answer = await gi.perform(case.id, {"t32": {
        "conclusion": "Назва стала родовою (ст. 7 ч. 1 абз. 3)",
        "determinations": ["V.8.4-1"]}}, "examiner")
    assert answer["data"]["uaGiPerform"]["application"]["state"] == "decided_refusal"
    data = (await gi.case(case.id)).data
    assert data["refusalDeterminations"] == [{
        "transition": "UA.GI.T32", "id": "V.8.4-1", "point": "GI rules V.8.4",
        "ground": data["nameDeterminations"][1]["ground"], "on": "2026-06-05"}]
