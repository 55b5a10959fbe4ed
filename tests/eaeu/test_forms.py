"""Registration forms are validated against R174 Appendix 1: every problem, with its path."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

import pytest

from ipreg.core.errors import BadUserInput
from ipreg.core.model import StoredFile
from ipreg.plugins.eaeu import samples
from ipreg.plugins.eaeu.forms import FormParser, Problems, parse_form, parse_forms
from ipreg.plugins.eaeu.samples import party_id
from ipreg.plugins.eaeu.store import check_files
from ipreg.testing import edit


def valid(kind: str = "ТЗ") -> dict[str, Any]:
    mark = next(m for m in samples.MARKS if m[2] == kind)
    return samples.form(0, random.Random(3), mark=mark)


def test_a_complete_form_parses_with_every_table() -> None:
    form = parse_form(valid())
    assert form.kind == "ТЗ" and form.right_holder_count == 1
    assert form.representative is not None and form.powers_of_attorney
    assert len(form.right_terms) == 5 and len(form.title_documents) == 5
    goods = form.goods[0]
    assert goods.cn_fea_codes and goods.nice_classes and goods.nice_classes[0].name
    turnover = goods.turnover[0]
    assert turnover.legality == 1 and turnover.parties and turnover.parties[0].roles
    logistics = turnover.logistics[0]
    assert [p.seq for p in logistics.routes[0]] == [1, 2, 3]
    assert logistics.border_crossings[0].checkpoint_name
    assert logistics.customs_places[0].goods_location is not None
    assert turnover.features[0].transport[0].package_kind


@pytest.mark.legal("R174 A1 T1 5.1.2")
def test_kinds_accept_cyrillic_latin_and_core_codes() -> None:
    """R174 A1 T1 5.1.2: АП, СП, ТЗ."""
    for given, expected in (("ТЗ", "ТЗ"), ("TZ", "ТЗ"), ("trademark", "ТЗ"), ("ap", "АП"),
                            ("related_rights_object", "СП")):
        data = valid("ТЗ" if expected == "ТЗ" else "АП" if expected == "АП" else "СП")
        data["kind"] = given
        assert parse_form(data).kind == expected


TURN = ["goods", 0, "turnover", 0]
CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("kind", edit(["kind"], "ГУ"), "kind", "R174 A1 T1 5.1.2"),
    ("name", edit(["name"], KeyError), "name", "R174 A1 T1 5.2"),
    ("description", edit(["description"], " "), "description", "R174 A1 T1 5.5"),
    ("right holders 1..*", edit(["rightHolders"], []), "rightHolders", "R174 A1 T1 3"),
    ("right holder count", edit(["rightHolderCount"], 2), "rightHolderCount",
     "R174 A1 T1 2, 3"),
    ("title documents 1..*", edit(["titleDocuments"], []), "titleDocuments",
     "R174 A1 T1 5.6"),
    ("right terms 1..*", edit(["rightTerms"], []), "rightTerms", "R174 A1 T1 5.7"),
    ("right terms of every member state (KZ only)",
     edit(["rightTerms"], [{"country": "KZ", "expiresOn": "2035-12-31"}]), "rightTerms",
     "R174 A1 T1 5.7"),
    ("right term of a non-member", edit(["rightTerms", 0, "country"], "UA"),
     "rightTerms[0].country", "R174 A1 T1 5.7.1"),
    ("defined-term flag for a trademark", edit(["rightTerms", 0, "termDefined"], True),
     "rightTerms[0].termDefined", "R174 A1 T1 5.7.3"),
    ("goods 1..*", edit(["goods"], []), "goods", "R174 A1 T1 6"),
    ("CN FEA code of 4 digits", edit(["goods", 0, "cnFeaCodes"], ["1806"]),
     "goods[0].cnFeaCodes[0]", "R174 A1 T1 6.2"),
    ("CN FEA codes 1..*", edit(["goods", 0, "cnFeaCodes"], []), "goods[0].cnFeaCodes",
     "R174 A1 T1 6.2"),
    ("Nice class 46", edit(["goods", 0, "niceClasses"], [46]), "goods[0].niceClasses[0]",
     "R174 A1 T1 6.3.1"),
    ("turnover 1..2", edit(["goods", 0, "turnover"], []), "goods[0].turnover",
     "R174 A1 T1 6.4"),
    ("legality flag", edit([*TURN, "legality"], 2), "goods[0].turnover[0].legality",
     "R174 A1 T1 6.4.1"),
    ("role code 40", edit([*TURN, "parties", 0, "roles"], ["40"]),
     "goods[0].turnover[0].parties[0].roles[0]", "R174 A1 table 7"),
    ("logistics 1..*", edit([*TURN, "logistics"], []), "goods[0].turnover[0].logistics",
     "R174 A1 T1 6.4.3"),
    ("border crossings 1..*", edit([*TURN, "logistics", 0, "borderCrossings"], []),
     "goods[0].turnover[0].logistics[0].borderCrossings", "R174 A1 T1 6.4.3.2"),
    ("checkpoint name", edit([*TURN, "logistics", 0, "borderCrossings", 0, "checkpointName"],
                             KeyError),
     "goods[0].turnover[0].logistics[0].borderCrossings[0].checkpointName",
     "R174 A1 T1 6.4.3.2.2"),
    ("route point flag", edit([*TURN, "logistics", 0, "routes", 0, "points", 0, "pointKind"],
                              "5"),
     "goods[0].turnover[0].logistics[0].routes[0].points[0].pointKind", "R174 A1 T8 1.6"),
    ("UN/LOCODE", edit([*TURN, "logistics", 0, "routes", 0, "points", 0, "locode"], "MOSCOW"),
     "goods[0].turnover[0].logistics[0].routes[0].points[0].locode", "R174 A1 T8 1.3"),
    ("features 1..*", edit([*TURN, "features"], []), "goods[0].turnover[0].features",
     "R174 A1 T1 6.4.4"),
    ("holder addresses 1..*", edit(["rightHolders", 0, "addresses"], []),
     "rightHolders[0].addresses", "R174 A1 T2 7"),
    ("holder contacts 1..*", edit(["rightHolders", 0, "contacts"], []),
     "rightHolders[0].contacts", "R174 A1 T2 8"),
    ("employees of a legal entity", edit(["rightHolders", 0, "employees"], []),
     "rightHolders[0].employees", "R174 A1 T2 9"),
    ("contact channel", edit(["rightHolders", 0, "contacts", 0, "channel"], "XX"),
     "rightHolders[0].contacts[0].channel", "R174 A1 T6 1"),
    ("address kind", edit(["rightHolders", 0, "addresses", 0, "kind"], "4"),
     "rightHolders[0].addresses[0].kind", "R174 A1 T5 1"),
    ("KPP outside Russia", edit(["representative", "country"], "KZ"), "representative.kpp",
     "R174 A1 T2 5"),
    ("representative outside the member states", edit(["representative", "country"], "DE"),
     "representative.country", "R174 p.10"),
    ("date format", edit(["powersOfAttorney", 0, "date"], "15.01.2024"),
     "powersOfAttorney[0].date", "R174 A1 p.2"),
]


@pytest.mark.parametrize(("what", "change", "path", "rule"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.legal(param="rule")
def test_each_rule_of_appendix_1_is_checked_with_its_path(
        what: str, change: Callable[[dict[str, Any]], None], path: str, rule: str) -> None:
    data = valid()
    change(data)
    with pytest.raises(BadUserInput) as caught:
        parse_form(data)
    errors = caught.value.details["errors"]
    assert any(e.startswith(f"{path}:") and rule in e for e in errors), errors


def test_each_problem_of_the_rule_table_carries_its_rule_and_a_code() -> None:
    """``extensions.problems``: the path, the point cited and a stable code of each."""
    for what, change, path, rule in CASES:
        data = valid()
        change(data)
        with pytest.raises(BadUserInput) as caught:
            parse_form(data)
        found = [p for p in caught.value.details["problems"] if p["path"] == path]
        assert any(rule in p["rule"] and p["code"] for p in found), (what, found)


@pytest.mark.legal("R174 A1 T7")
def test_licensee_only_in_the_turnover_of_original_goods() -> None:
    """R174 A1 table 7: role 30 only with legality flag 1."""
    data = valid()
    data["goods"][0]["turnover"] = [samples.turnover(1, random.Random(1), "A"),
                                    samples.turnover(0, random.Random(2), "B")]
    data["goods"][0]["turnover"][0]["parties"][0]["roles"] = ["30"]
    assert parse_form(copy.deepcopy(data)).goods[0].turnover[0].parties[0].roles == ["30"]
    data["goods"][0]["turnover"][1]["parties"][0]["roles"] = ["30"]
    with pytest.raises(BadUserInput, match=r"turnover\[1\]\.parties\[0\]\.roles\[0\]: role 30 "
                       r"\(Licensee\) is allowed only with legality flag 1"):
        parse_form(data)


@pytest.mark.legal("R174 A1 T1 6.4", "R174 A1 T1 6.4.1")
def test_one_turnover_block_per_legality_flag() -> None:
    """R174 A1 T1 6.4: 1..2 occurrences, one per value of 6.4.1."""
    data = valid()
    data["goods"][0]["turnover"] = [samples.turnover(1, random.Random(1), "A")] * 2
    with pytest.raises(BadUserInput, match="one turnover block per legality flag"):
        parse_form(data)
    data["goods"][0]["turnover"] = [samples.turnover(1, random.Random(1), "A")] * 3
    with pytest.raises(BadUserInput, match="at most 2"):
        parse_form(data)


@pytest.mark.legal("R174 A1 T1 6.3", "R174 A1 T1 5.7.3")
def test_nice_classes_and_the_defined_term_flag_follow_the_kind() -> None:
    """R174 A1 T1 6.3 (trademarks only) and 5.7.3 (copyright objects only)."""
    work = valid("АП")
    assert parse_form(work).right_terms[0].term_defined is False
    work["goods"][0]["niceClasses"] = [30]
    with pytest.raises(BadUserInput, match=r"goods\[0\]\.niceClasses: Nice classes are given "
                       r"for trademarks only \(R174 A1 T1 6\.3\)"):
        parse_form(work)


def test_all_problems_are_reported_at_once_with_their_positions() -> None:
    first, second = valid(), valid()
    first["name"] = ""
    second["goods"][0]["cnFeaCodes"] = ["12"]
    with pytest.raises(BadUserInput) as caught:
        parse_forms([first, second])
    errors = caught.value.details["errors"]
    assert errors[0].startswith("forms[0].name:")
    assert errors[1].startswith("forms[1].goods[0].cnFeaCodes[0]:")


@pytest.mark.legal("R174 A1 T2 6", "R174 A1 T2 9", "R174 A1 T4 5")
def test_identity_documents_and_individuals() -> None:
    """R174 A1 T2 6 (table 4: country and number required), T2 9 not for individuals."""
    data = valid()
    person = samples.natural_person(random.Random(5))
    data["authorizedPersons"] = [person]
    assert parse_form(copy.deepcopy(data)).authorized_persons[0].identity_document
    person["identityDocument"].pop("number")
    person["employees"] = [{"surname": "Петров"}]
    with pytest.raises(BadUserInput) as caught:
        parse_form(data)
    errors = caught.value.details["errors"]
    assert any("identityDocument.number" in e and "R174 A1 T4 5" in e for e in errors)
    assert any("authorizedPersons[0].employees" in e and "T2 9" in e for e in errors)


JPEG = "a" * 64
TIFF = "b" * 64
BIG_JPEG = "c" * 64
PNG = "d" * 64
MP4 = "e" * 64


@pytest.mark.legal("R174 A1 T1 5.4", "R174 A1 T10 4", "R174 A1 T10 5")
async def test_files_must_be_stored_and_fit_the_formats(rt: Any) -> None:
    """R174 A1 T1 5.4 (JPEG/TIFF ≤ 5 MB), table 10 item 4 (JPEG ≤ 1.5 MB), item 5 (MP3/MP4/AVI)."""
    async with rt.sessionmaker() as session:
        session.add_all([
            StoredFile(sha256=JPEG, size=1000, media_type="image/jpeg"),
            StoredFile(sha256=TIFF, size=4_000_000, media_type="image/tiff"),
            StoredFile(sha256=BIG_JPEG, size=2_000_000, media_type="image/jpeg"),
            StoredFile(sha256=PNG, size=1000, media_type="image/png"),
            StoredFile(sha256=MP4, size=10_000_000, media_type="video/mp4"),
        ])
        await session.commit()
    data = valid()
    data["images"] = [JPEG, {"sha256": TIFF}]
    feature = data["goods"][0]["turnover"][0]["features"][0]
    feature["images"] = [JPEG]
    feature["media"] = [MP4]
    form = parse_form(copy.deepcopy(data))
    async with rt.sessionmaker() as session:
        problems = Problems()
        await check_files(session, form.files(), problems)
        assert problems.items == []
        data["images"] = [PNG, "f" * 64]
        feature["images"] = [BIG_JPEG]
        feature["media"] = [JPEG]
        problems = Problems()
        await check_files(session, parse_form(data).files(), problems)
    assert any(p.startswith("images[0]:") and "R174 A1 T1 5.4" in p for p in problems.items)
    assert any(p.startswith("images[1]:") and "no stored file" in p for p in problems.items)
    assert any(".features[0].images[0]" in p and "T10 4" in p for p in problems.items)
    assert any(".features[0].media[0]" in p and "T10 5" in p for p in problems.items)


def test_the_parser_is_reusable_for_a_single_party() -> None:
    parser = FormParser()
    assert parser.party({"partyId": party_id(5)}, "p") is not None
    assert parser.party({"partyId": 0}, "p") is None
    assert parser.party({"partyId": "5"}, "p") is None
    assert [(p.path, p.code) for p in parser.problems.found] == [
        ("p.partyId", "not_a_node"), ("p.partyId", "not_a_node")]
