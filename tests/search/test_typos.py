"""Typos are looked up by one rule in both backends (ipreg.search.typos): what a
skeleton term is entered under, what a query word looks up, which terms it keeps."""

from __future__ import annotations

import random
import string

from ipreg.search import matching, typos
from ipreg.search.embedded.store import fuzzy_rows, variant_hash
from ipreg.search.opensearch.bodies import skeleton_body


def test_entries_are_the_deletions_of_one_letter_and_of_two_from_six_letters() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        term = "".join(rng.choice(string.ascii_lowercase[:6]) for _ in range(rng.randint(3, 12)))
        depth = 2 if len(term) >= typos.MIN_TWO_DELETIONS else 1
        assert typos.entries(term) == typos.fuzzy_variants(term, depth), term
    assert typos.entries("abc") == {"abc", "ac", "ab"}


def test_both_backends_enter_the_same_variants() -> None:
    for term in ("jere", "zolotoi", "premium", "abcdefghijklmnopqrstuvwx"):
        entries = typos.entries(term)
        assert sorted(entries) == skeleton_body(term)["fz"]
        assert sorted(fuzzy_rows(term)) == sorted((variant_hash(v), term) for v in entries)
    # Too short, too long or not Latin: no entries in either backend.
    for term in ("ab", "a" * 25, "жере"):
        assert not typos.has_entries(term)
        assert fuzzy_rows(term) == []


def test_a_typo_resolves_to_the_nearest_terms() -> None:
    plan = matching.plan_query("zootoi")
    (word,) = [w for w, qw in plan.words.items() if qw.edits]
    variants = typos.query_variants(plan)[word]
    assert variants & typos.entries("zolotoi")  # the two meet
    near = typos.nearest(plan, word, ["zolotoi", "zzzzzz", plan.words[word].skel])
    assert near == ["zolotoi"]
