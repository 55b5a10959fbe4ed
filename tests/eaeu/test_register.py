"""The register as data: numbers, lookups, the register on a date, code lists, migrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect
from strawberry.relay import to_base64

from ipreg.core.config import Settings
from ipreg.core.db import migrate
from ipreg.core.db.engine import sync_url
from ipreg.core.errors import BadUserInput, Conflict
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu.models import MODELS
from ipreg.plugins.eaeu.numbering import (
    RegistrationNumber,
    format_decision,
    format_sequence,
    parse_number,
)


@pytest.mark.legal("R174 A1 T1 5.1", "R174 A1 T1 5.1.1", "R174 A1 T1 5.1.2", "R174 A1 T1 5.1.3")
def test_register_numbers_are_five_and_four_digits_with_the_kind() -> None:
    """R174 A1 T1 5.1.1 (5 digits, leading zeros), 5.1.2 (АП/СП/ТЗ), 5.1.3 (4 digits)."""
    assert format_sequence(42) == "00042" and format_decision(7) == "0007"
    with pytest.raises(Conflict):
        format_sequence(100_000)
    with pytest.raises(Conflict):
        format_decision(10_000)
    number = RegistrationNumber("00042", "ТЗ", "0007")
    assert (number.display, number.cyrillic) == ("00042/TZ/0007", "00042/ТЗ/0007")
    for text in ("00042/TZ/0007", "00042/ТЗ/0007", " 42 / tz / 7 ", "00042/тз/0007"):
        assert parse_number(text) == number
    assert parse_number("00001/АП/0001").kind == "АП" and parse_number("1/SP/1").kind == "СП"
    for bad in ("00042/GU/0007", "42-TZ-7", "", "000042/TZ/0007"):
        with pytest.raises(BadUserInput):
            parse_number(bad)


ENTRIES = """query($asOf: Date, $kind: String, $name: String, $holder: String, $cnFea: String,
                  $nice: Int) {
  eaeuEntries(asOf: $asOf, kind: $kind, name: $name, holder: $holder, cnFea: $cnFea,
              niceClass: $nice) {
    totalCount
    nodes { registerNumber status statusDate protectionPeriods { start end } protectionActive }
  }
}"""


@pytest.mark.legal("R174 A1 T1 5.1")
async def test_lookup_by_number_in_either_script(eaeu: Any) -> None:
    """R174 A1 T1 5.1: found by the Latin and the Cyrillic kind code (digest §4.1)."""
    await eaeu.include()
    q = 'query($n: String!) { eaeuEntry(registrationNumber: $n) { name registerNumber } }'
    for text in ("00001/TZ/0001", "00001/ТЗ/0001", "1/tz/1"):
        assert (await eaeu.data(q, {"n": text}))["eaeuEntry"]["registerNumber"] == (
            "00001/TZ/0001")
    assert (await eaeu.data(q, {"n": "00001/AP/0001"}))["eaeuEntry"] is None
    result = await eaeu.gql(q, {"n": "TZ-1"})
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.legal("R174 A1 T1 5.9", "R174 A1 T1 8", "R174 A1 T1 8.1", "R174 A1 T1 8.2")
async def test_the_register_as_of_a_date(eaeu: Any, clock: Any) -> None:
    """The register on a day: entries in force then, with the status (T1 8) and protection
    periods (T1 5.9) of that day, from the status history."""
    _, (first,) = await eaeu.include(0)  # included 2026-03-02
    clock.now = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)
    _, (second,) = await eaeu.include(1)  # included 2026-06-01
    clock.now = dt.datetime(2027, 12, 1, 8, tzinfo=dt.UTC)
    request = await eaeu.open("P.SP.01.PRC.004", eaeu.applicant, {"requestedEnd": "2030-03-01"},
                              object_id=first)
    await eaeu.act(request.id, "P.SP.01.PRC.004.GRANT", eaeu.commission)  # prolonged
    clock.now = dt.datetime(2028, 1, 10, 8, tzinfo=dt.UTC)
    request = await eaeu.open("P.SP.01.PRC.005", eaeu.applicant, None, object_id=second)
    await eaeu.act(request.id, "P.SP.01.PRC.005.EXCLUDE", eaeu.commission)  # excluded

    async def as_of(day: str | None, viewer: Any = None) -> list[tuple[Any, ...]]:
        data = await eaeu.data(ENTRIES, {"asOf": day}, viewer or eaeu.commission)
        return [(n["registerNumber"], n["status"], n["statusDate"], len(n["protectionPeriods"]),
                 n["protectionActive"]) for n in data["eaeuEntries"]["nodes"]]

    assert await as_of("2026-03-01") == []
    assert await as_of("2026-03-02") == [("00001/TZ/0001", "included", "2026-03-02", 1, True)]
    assert await as_of("2027-06-01") == [
        ("00001/TZ/0001", "included", "2026-03-02", 1, True),
        ("00002/TZ/0002", "included", "2026-06-01", 1, True)]
    assert await as_of("2027-12-01") == [
        ("00001/TZ/0001", "prolonged", "2027-12-01", 2, True),
        ("00002/TZ/0002", "included", "2026-06-01", 1, True)]
    assert await as_of("2028-01-10") == [("00001/TZ/0001", "prolonged", "2027-12-01", 2, True)]
    # today, without asOf: the excluded entry is there for officials with its status
    assert [(n, s) for n, s, *_ in await as_of(None)] == [
        ("00001/TZ/0001", "prolonged"), ("00002/TZ/0002", "excluded")]
    # anonymous callers: published (current) entries only, and no status
    data = await eaeu.data("query($d: Date) { eaeuEntries(asOf: $d) { totalCount "
                           "nodes { registerNumber protectionPeriods { end } } } }",
                           {"d": "2027-06-01"})
    assert data["eaeuEntries"] == {"totalCount": 1, "nodes": [
        {"registerNumber": "00001/TZ/0001", "protectionPeriods": [{"end": "2028-03-01"}]}]}


@pytest.mark.legal("P.SP.01.PRC.012")
async def test_filters_of_the_register(eaeu: Any) -> None:
    """PRC.012 (R148 p.18): search with filtering on published items."""
    from ipreg.plugins.eaeu.samples import MARKS

    work = next(m for m in MARKS if m[2] == "АП")
    await eaeu.include(0)
    await eaeu.include(1, mark=work)

    async def count(**variables: Any) -> int:
        data = await eaeu.data(ENTRIES, variables, eaeu.commission)
        return int(data["eaeuEntries"]["totalCount"])

    assert await count() == 2
    assert await count(kind="TZ") == 1 and await count(kind="АП") == 1
    assert await count(name=work[0][:5]) == 1
    assert await count(holder="Красный") == 2
    assert await count(nice=45) == 0
    for bad in ({"kind": "GI"}, {"nice": 99}):  # not a kind of the register; not a Nice class
        result = await eaeu.gql(ENTRIES, bad, eaeu.commission)
        assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.legal("R174 A1 T7")
@pytest.mark.hook("ipreg_register_code_lists")
async def test_code_lists_of_the_register(eaeu: Any) -> None:
    """Table 7 roles (with their legality flags), T8 1.6, T5 1, T6 1, member states, kinds."""
    data = await eaeu.data('{ codeLists { id partial source } roles: codeList(id: '
                           '"eaeu_turnover_roles") { codes { code name(lang: "kk") names { lang }'
                           ' } } states: codeList(id: "eaeu_member_states") { codes { code '
                           'name(lang: "hy") } } }')
    lists = {c["id"]: c for c in data["codeLists"]}
    for list_id in ("eaeu_member_states", "eaeu_object_kinds", "eaeu_turnover_roles",
                    "eaeu_legality", "eaeu_route_point_kinds", "eaeu_address_kinds",
                    "eaeu_contact_channels", "eaeu_statuses", "eaeu_nice_classes"):
        assert not lists[list_id]["partial"], list_id
    for list_id in ("eaeu_transport_modes", "eaeu_package_kinds", "eaeu_cn_fea"):
        assert lists[list_id]["partial"] and "subset" in lists[list_id]["source"]
    roles = {c["code"]: c for c in data["roles"]["codes"]}
    assert list(roles) == ["10", "20", "30", "50", "60", "90"]  # table 7: no 40, 70, 80
    assert roles["30"]["name"] == "Лицензиат"
    assert {n["lang"] for n in roles["90"]["names"]} >= {"en", "ru", "kk", "hy", "be", "ky"}
    assert [c["code"] for c in data["states"]["codes"]] == ["AM", "BY", "KZ", "KG", "RU"]
    from ipreg.plugins.eaeu.codes import code_lists

    role30 = next(c for c in code_lists() if c.id == "eaeu_turnover_roles").get("30")
    assert role30 is not None and role30.attributes["legality"] == "1"


def _tables(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_the_eaeu_branch_goes_down_and_up_without_drift(databases: Any) -> None:
    """Alembic branch `eaeu` (depends on the core): round trip, and no model drift."""
    url = databases.empty()
    registry = Runtime.create(Settings.from_env(database_url=url, plugins=None)).registry
    migrate.upgrade(url, registry)
    ours = {model.__tablename__ for model in MODELS}
    assert ours <= _tables(url)
    assert migrate.drift(url, registry) == []
    migrate.downgrade(url, registry, "eaeu@base")
    remaining = _tables(url)
    assert not ours & remaining and {"ip_object", "case", "party"} <= remaining
    migrate.upgrade(url, registry)
    assert ours <= _tables(url)
    assert migrate.drift(url, registry) == []


@pytest.mark.legal("R174 A1 T1 5.3")
async def test_keywords_carry_a_transliteration(eaeu: Any) -> None:
    """R174 A1 T1 5.3: a keyword "including transliteration" (filled in when not filed)."""
    form = eaeu.form(0)
    form["keywords"] = [{"value": "Красный Октябрь"},
                        {"value": "Ұлытау", "transliteration": "Ulytau"}]
    case = await eaeu.open("P.SP.01.PRC.001", eaeu.applicant, {"forms": [form]})
    data = await eaeu.data("query($id: ID!) { eaeuCase(id: $id) { objects { "
                           "... on EaeuRegisterEntry { keywordDetails { value transliteration } "
                           "} } } }", {"id": to_base64("EaeuCase", case.id)}, eaeu.commission)
    details = data["eaeuCase"]["objects"][0]["keywordDetails"]
    assert details[1] == {"value": "Ұлытау", "transliteration": "Ulytau"}
    latin = details[0]["transliteration"]
    assert latin and latin.isascii() and latin.lower().startswith("krasn")
