"""The public relevance sample, checked at the level of search forms.

``shared/search/relevance-public.jsonl`` pairs queries with the record they
must find. A query *meets* its record when one of ``query_forms(query)``
equals, ``compact``-ed, one of ``index_forms`` of the record's name or a
keyword (for the ``prefix`` category: is a prefix of one).

* Tier A (official romanisations, Cyrillic for Latin marks, folding) must
  meet by these exact forms.
* Tier B (unofficial spellings, typos of one or two characters) must be
  within reach of the second tier: equal skeletons, or skeletons at most two
  edits apart (optimal string alignment distance).
* Tier C (phonetic respelling across languages) is reported, not required.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from support import require_file, shared_file

from ipreg.search.translit import (
    compact,
    index_skeletons,
    labelled_index_forms,
    query_forms,
    skeleton,
)

SAMPLE = shared_file("search", "relevance-public.jsonl")


def _load() -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    if not require_file(SAMPLE):
        return {}, []
    lines = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    records = {line["id"]: line for line in lines if line["type"] == "record"}
    queries = [line for line in lines if line["type"] == "query"]
    return records, queries


RECORDS, QUERIES = _load()
pytestmark = pytest.mark.skipif(not QUERIES, reason=f"{SAMPLE} not found")


def _names(record: dict[str, Any]) -> list[str]:
    return [record["name"], *record.get("keywords", [])]


def _query_id(query: dict[str, Any]) -> str:
    return f"{query['tier']}-{query['category']}-{query['text']}"


def _by_tier(tier: str) -> list[dict[str, Any]]:
    return [query for query in QUERIES if query["tier"] == tier]


def meets_by_forms(query: dict[str, Any]) -> list[str]:
    """How the query meets the expected record: ``query label -> index label`` per hit."""
    index: dict[str, str] = {}
    for name in _names(RECORDS[query["expect"]]):
        for label, form in labelled_index_forms(name):
            index.setdefault(compact(form), label)
    hits = []
    for label, form in query_forms(query["text"]):
        key = compact(form)
        if key in index:
            hits.append(f"{label} -> {index[key]}")
        elif query["category"] == "prefix":
            hits.extend(
                f"{label} -> prefix of {index[entry]}" for entry in index if entry.startswith(key)
            )
    return hits


def osa_distance(a: str, b: str) -> int:
    """Edit distance counting insertions, deletions, substitutions and adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def skeleton_distance(query: dict[str, Any]) -> int:
    """Smallest edit distance between compact skeletons of query and record forms."""
    record_keys = {
        key.replace(" ", "")
        for name in _names(RECORDS[query["expect"]])
        for key in index_skeletons(name)
    }
    query_keys = {skeleton(form).replace(" ", "") for _, form in query_forms(query["text"])}
    return min(osa_distance(q, r) for q in query_keys for r in record_keys)


@pytest.mark.parametrize("query", _by_tier("A"), ids=_query_id)
def test_tier_a_meets_its_record_by_exact_forms(query: dict[str, Any]) -> None:
    assert meets_by_forms(query), (
        f"{query['text']!r} does not meet {RECORDS[query['expect']]['name']!r}"
    )


@pytest.mark.parametrize("query", _by_tier("B"), ids=_query_id)
def test_tier_b_is_within_reach_of_the_skeleton_tier(query: dict[str, Any]) -> None:
    assert meets_by_forms(query) or skeleton_distance(query) <= 2


def test_report(capsys: pytest.CaptureFixture[str]) -> None:
    """Print how each query meets its record (query form label -> index form label)."""
    lines = []
    for query in QUERIES:
        hits = meets_by_forms(query)
        how = f"forms {hits[0]}" if hits else f"skeleton distance {skeleton_distance(query)}"
        lines.append(f"{query['tier']} {query['category']:<20} {query['text']!r}: {how}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert lines
