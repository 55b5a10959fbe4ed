"""The shared matching rules (``ipreg.search.matching``): query plans, the
scorer's order and explanations, visibility, highlights."""

from __future__ import annotations

import random
from typing import Any

import pytest

from ipreg.search.backend import SearchQuery
from ipreg.search.documents import build_document
from ipreg.search.matching import (
    Candidate,
    index_terms,
    max_edits,
    osa_distance,
    plan_query,
    rank,
    score,
    stored_forms,
    visible_fields,
)


def stored(name: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": 1, "jurisdiction": "eaeu", "kind": "trademark", "status": "included",
        "name": name,
    }
    data.update(fields)
    return stored_forms(build_document(data))


def best(text: str, doc: dict[str, Any], allowed: Any = None) -> tuple[str, str, int] | None:
    verdict = score(plan_query(text), doc, allowed)
    if verdict is None:
        return None
    match = verdict.matches[0]
    return match.field, match.matched_as, match.distance


def reference_osa(a: str, b: str) -> int:
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def test_osa_distance_agrees_with_the_textbook_table() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        a = "".join(rng.choice("abcd") for _ in range(rng.randrange(0, 8)))
        b = "".join(rng.choice("abcd") for _ in range(rng.randrange(0, 8)))
        expected = reference_osa(a, b)
        assert osa_distance(a, b, 9) == expected, (a, b)
        assert osa_distance(a, b, 2) == min(expected, 2), (a, b)


def test_typos_allowed_grow_with_length() -> None:
    assert [max_edits(n) for n in (3, 4, 5, 7, 8, 12)] == [0, 0, 1, 1, 2, 2]


def test_the_query_plan() -> None:
    plan = plan_query("Mc Donalds")
    compacts = [qf.words for qf in plan.forms]
    assert ("mc", "donalds") in compacts
    assert ("mcdonalds",) in compacts
    assert plan.words["donalds"].prefix and not plan.words["mc"].prefix
    assert plan.words["donalds"].edits == 1
    # The joined word matches as typed or as a prefix only.
    assert plan.words["mcdonalds"].edits == 0 and not plan.words["mcdonalds"].phonetic
    # A folded query keeps its folded form; Cyrillic words get no typos of their own
    # (their romanisations do).
    assert plan_query("snickers").forms[0].label == "folded"
    cyrillic = plan_query("Сникерсы")
    assert cyrillic.words["сникерсы"].edits == 0
    assert any(w.edits for w in cyrillic.words.values() if w.text.isascii())
    # Digits are never typos.
    assert plan_query("Route 66000").words["66000"].edits == 0
    assert not plan_query("  ").forms
    assert len(plan_query("word " * 1000).text) == 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chocolate", ("name", "exact", 0)),
        ("CHOCOLATE!", ("name", "folded", 0)),
        ("Чоколате", ("name", "reading", 0)),
        ("Chocolatte", ("name", "phonetic", 0)),
        ("chocol", ("name", "prefix", 0)),
        ("Chocolata", ("name", "fuzzy", 1)),
        ("Chacolata", ("name", "fuzzy", 2)),
    ],
)
def test_what_matched_is_explained(text: str, expected: tuple[str, str, int]) -> None:
    assert best(text, stored("Chocolate")) == expected


def test_kinds_rank_in_their_order() -> None:
    order = ["Chocolate", "CHOCOLATE!", "Чоколате", "Chocolatte", "chocol", "Chocolata",
             "Chacolata"]
    values = [score(plan_query(text), stored("Chocolate")) for text in order]
    scores = [v.score for v in values if v is not None]
    assert len(scores) == len(order)
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def test_spacing_and_homoglyph_forms() -> None:
    assert best("COCACOLA", stored("Coca-Cola")) == ("name", "folded", 0)
    assert best("Кока-Кола", stored("Coca-Cola")) == ("name", "reading", 0)
    assert best("Coca-Cila", stored("Coca-Cola")) is None  # short words: no typos


def test_standards_and_variants_are_named() -> None:
    assert best("Znamianka", stored("Знам'янка")) == ("name", "uk-kmu-2010", 0)
    assert best("Mishka kosolapyy", stored("Мишка косолапый")) == (
        "name", "ru-bgn-pcgn-1947", 0,
    )
    assert best("Mueller", stored("Müller")) == ("name", "umlaut", 0)
    assert best("елочка", stored("Ёлочка")) == ("name", "loose", 0)
    assert best("coca", stored("СОСА")) == ("name", "homoglyph", 0)
    assert best("Пепси", stored("PEPSI")) == ("name", "ru-icao-9303", 0)


def test_fields_rank_name_register_number_keywords_holders() -> None:
    same = "Zephyrine"
    docs = {
        "name": stored(same),
        "registerNumber": stored("Other", registerNumber=same),
        "keywords": stored("Other", keywords=[same]),
        "holders": stored("Other", holders=[{"name": same, "country": "US"}]),
    }
    plan = plan_query(same)
    scores = {f: score(plan, d) for f, d in docs.items()}
    assert {f: s.matches[0].field for f, s in scores.items() if s} == {f: f for f in docs}
    ranked = sorted(scores, key=lambda f: -scores[f].score)  # type: ignore[union-attr]
    assert ranked == ["name", "registerNumber", "keywords", "holders"]


def test_whole_value_before_words_and_order() -> None:
    plan = plan_query("Golden Bear")
    whole = score(plan, stored("Golden Bear"))
    reordered = score(plan, stored("Bear Golden"))
    longer = score(plan, stored("Golden Bear Premium"))
    spread = score(plan, stored("Golden", holders=[{"name": "Bear Ltd", "country": "GB"}]))
    assert whole and reordered and longer and spread
    assert whole.score > reordered.score > longer.score > spread.score
    assert [m.field for m in spread.matches] == ["name", "holders"]


def test_ties_go_to_the_smaller_id() -> None:
    doc = stored("Twin")
    hits = rank(plan_query("twin"), [Candidate(9, doc), Candidate(3, doc), Candidate(5, doc)],
                0, 10)
    assert [h.object_id for h in hits] == [3, 5, 9]
    assert [h.object_id for h in rank(plan_query("twin"), [Candidate(9, doc), Candidate(3, doc)],
                                      1, 10)] == [9]


def test_visibility() -> None:
    public = frozenset({"name", "holders"})
    anonymous = SearchQuery("x")
    official = SearchQuery("x", official_in=frozenset({"eaeu"}))
    everyone = SearchQuery("x", official_everywhere=True)
    assert visible_fields(anonymous, "eaeu", True, public) == public
    assert visible_fields(anonymous, "eaeu", False, public) == frozenset()
    assert visible_fields(official, "eaeu", False, public) is None
    assert visible_fields(official, "ukraine", False, public) == frozenset()
    assert visible_fields(everyone, "ukraine", False, public) is None
    doc = stored("Alpha", keywords=["Hidden"])
    assert score(plan_query("hidden"), doc, public) is None
    assert best("hidden", doc, None) == ("keywords", "exact", 0)


def test_highlights_mark_the_matching_words() -> None:
    doc = stored("ООО «Кондитерский концерн Бабаевский»", holders=[])
    hit = rank(plan_query("Babaevskii"), [Candidate(1, doc)], 0, 1)[0]
    assert hit.highlights == ("ООО «Кондитерский концерн <em>Бабаевский</em>»",)
    whole = rank(plan_query("mcdonalds"), [Candidate(1, stored("McDonald's"))], 0, 1)[0]
    assert whole.highlights == ("<em>McDonald's</em>",)


def test_index_terms() -> None:
    terms = index_terms(stored("Coca-Cola", registerNumber="12/TZ",
                               holders=[{"name": "The Coca-Cola Company", "country": "US"}]))
    assert {"coca", "cola", "кока", "кола"} <= terms["name"].words
    assert {"cocacola", "кокакола"} <= terms["name"].values
    assert "koka" in terms["name"].skeletons
    assert terms["registerNumber"].words == {"12", "tz"}
    assert terms["registerNumber"].values == {"12tz"}
    assert terms["registerNumber"].skeletons == set()
    assert terms["holders"].values == set()  # holders match by words
