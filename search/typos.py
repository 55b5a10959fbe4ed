"""Typo look-up by symmetric deletion, as both backends do it (one rule, one copy).

A query word allowed typos (:attr:`ipreg.search.matching.QueryWord.edits`, Latin
words of 5 letters or more) hits a stored skeleton term within that many edits
(:meth:`ipreg.search.matching.QueryPlan.fuzzy_distance`) with the same first
letter. Computing the distance to every stored term would cost a scan of the
term dictionary, so each backend keeps a *typo dictionary*, as SymSpell does:

* every Latin skeleton term of :data:`MIN_FUZZY_TERM` to :data:`MAX_FUZZY_TERM`
  letters (:func:`has_entries`) is entered under itself and its deletions of one
  letter after the first, and of two from :data:`MIN_TWO_DELETIONS` letters
  (:func:`entries`; a query word allowed two edits has 8 letters, its skeleton
  may be shorter);
* a query word looks up its fuzzy keys (its skeleton, and the word itself when
  it differs) with their deletions of up to as many letters as it may have
  typos (:func:`query_variants`; two-letter deletions shorter than
  :data:`MIN_TWO_DELETION_VARIANT` letters are not looked up: they meet most
  short words), so every pair within the allowed edits meets at some variant;
* the terms found are measured and kept nearest first, at most
  :data:`~ipreg.search.matching.MAX_FUZZY_EXPANSIONS` (:func:`nearest`).

The embedded backend stores the entries as hashed rows of a table
(:func:`ipreg.search.embedded.store.fuzzy_rows`), the OpenSearch backend as
skeleton documents (:func:`ipreg.search.opensearch.bodies.skeleton_body`): the
storage differs, what is entered and looked up is this module's, so both
backends resolve a typo to the same terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ipreg.search.matching import MAX_FUZZY_EXPANSIONS, QueryPlan

#: Latin skeleton terms from this length get typo-dictionary entries (a typo needs a
#: query word of 5 letters, whose skeleton has at least 3 or 4).
MIN_FUZZY_TERM: Final = 3
#: The longest skeleton term given entries.
MAX_FUZZY_TERM: Final = 24
#: Skeleton terms from this length get their two-letter deletions entered too (a query
#: word allowed two edits has 8 letters; its skeleton may be shorter).
MIN_TWO_DELETIONS: Final = 6
#: Two-letter deletions of a query word shorter than this are not looked up.
MIN_TWO_DELETION_VARIANT: Final = 4


def deletions(term: str) -> set[str]:
    """``term`` without one of its letters after the first, every way."""
    return {term[:i] + term[i + 1 :] for i in range(1, len(term))}


def fuzzy_variants(term: str, depth: int) -> set[str]:
    """``term`` and its deletions of up to ``depth`` letters after the first."""
    variants = {term}
    frontier = {term}
    for _ in range(depth):
        frontier = {d for t in frontier for d in deletions(t)}
        variants |= frontier
    return variants


def has_entries(term: str) -> bool:
    """Whether a skeleton term is entered in the typo dictionary (Latin, of fuzzy length)."""
    return MIN_FUZZY_TERM <= len(term) <= MAX_FUZZY_TERM and term.isascii()


def entry_depth(term: str) -> int:
    """How many letters the entries of ``term`` delete: 2 from :data:`MIN_TWO_DELETIONS`."""
    return 2 if len(term) >= MIN_TWO_DELETIONS else 1


def entries(term: str) -> set[str]:
    """The typo-dictionary entries of a skeleton term: ``fuzzy_variants(term,
    entry_depth(term))``, each deletion made once (positions ``i <= j``, not every
    order): the same set in half the time."""
    n = len(term)
    out = {term}
    two = entry_depth(term) >= 2
    for i in range(1, n):
        one = term[:i] + term[i + 1 :]
        out.add(one)
        if two:
            out.update([one[:j] + one[j + 1 :] for j in range(i, n - 1)])
    return out


def query_variants(plan: QueryPlan) -> dict[str, set[str]]:
    """Query word (with typos allowed) -> what to look up in the typo dictionary: its
    fuzzy keys (skeleton, and the word itself) with the same first letter as the
    skeleton, and their deletions of up to as many letters as edits allowed (two-letter
    deletions only from :data:`MIN_TWO_DELETION_VARIANT` letters)."""
    out: dict[str, set[str]] = {}
    for w, qw in plan.words.items():
        if not qw.edits:
            continue
        variants: set[str] = set()
        for key in qw.fuzzy_keys:
            if key[:1] == qw.skel[:1]:
                variants.update(
                    v
                    for v in fuzzy_variants(key, qw.edits)
                    if len(key) - len(v) <= 1 or len(v) >= MIN_TWO_DELETION_VARIANT
                )
        out[w] = variants
    return out


def nearest(plan: QueryPlan, word: str, terms: Iterable[str]) -> list[str]:
    """The skeleton terms among ``terms`` (found through the typo dictionary) within
    the edits ``word`` may have, nearest first (then in code-point order), at most
    :data:`~ipreg.search.matching.MAX_FUZZY_EXPANSIONS`; its own skeleton is not a typo."""
    qw = plan.words[word]
    found: list[tuple[int, str]] = []
    for term in terms:
        if term == qw.skel:
            continue
        distance = plan.fuzzy_distance(qw, term)
        if distance is not None:
            found.append((distance, term))
    found.sort()
    return [term for _, term in found[:MAX_FUZZY_EXPANSIONS]]


__all__ = [
    "MAX_FUZZY_TERM",
    "MIN_FUZZY_TERM",
    "MIN_TWO_DELETIONS",
    "MIN_TWO_DELETION_VARIANT",
    "deletions",
    "entries",
    "entry_depth",
    "fuzzy_variants",
    "has_entries",
    "nearest",
    "query_variants",
]
