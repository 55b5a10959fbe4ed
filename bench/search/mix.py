"""The fixed, seeded query mix of the search benchmarks.

Categories (each ``per_category`` queries, anonymous caller, first 10 hits):

``exact``        a published record's name as registered
``cross-script`` a Cyrillic or Armenian name typed in Latin (a random fitting
                 standard), or a Latin name typed in Cyrillic
``typo``         a name with one letter changed, dropped, or two swapped
``prefix``       the first 3-5 letters of a name's first word (as you type)
``filtered``     a very common word with a jurisdiction and a status filter
``common``       a very common word alone (``ООО`` is in a fifth of all records)

The same ``count`` and seed give the same queries, whichever backend runs them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generate import Generator

from ipreg.search.backend import SearchFilter, SearchQuery
from ipreg.search.translit import romanisations, scripts_of
from ipreg.search.translit.reading import cyrillic_reading

COMMON = ("ООО", "Premium", "LLC", "золотой", "ТОВ", "gold")
CATEGORIES = ("exact", "cross-script", "typo", "prefix", "filtered", "common")


@dataclass(frozen=True)
class Probe:
    category: str
    query: SearchQuery
    #: The record the query was made from (``None``: no single right answer).
    target: int | None


def typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("sub", "del", "swap"))
    if kind == "sub":
        letters = "abcdefghijklmnoprstuvz" if word.isascii() else "абвгдежзиклмнопрстуфх"
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    if kind == "del":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def probes(
    count: int, per_category: int, seed: int = 7, data_seed: int | None = None
) -> list[Probe]:
    """The query mix over records ``1..count`` of ``Generator(data_seed)``."""
    gen = Generator() if data_seed is None else Generator(data_seed)
    rng = random.Random(seed)
    out: list[Probe] = []

    def published() -> Iterator[dict[str, Any]]:
        while True:
            record = gen.record(rng.randrange(1, count + 1))
            if record["published"] and record["kind"] != "website":
                yield record

    source = published()
    for _ in range(per_category):
        r = next(source)
        out.append(Probe("exact", SearchQuery(r["name"], first=10), r["id"]))
    made = 0
    while made < per_category:
        r = next(source)
        scripts = scripts_of(r["name"])
        if "Cyrl" in scripts or "Armn" in scripts:
            forms = sorted(romanisations(r["name"]).items())
            if not forms:
                continue
            text = rng.choice(forms)[1]
        else:
            text = cyrillic_reading(r["name"].casefold())
        out.append(Probe("cross-script", SearchQuery(text, first=10), r["id"]))
        made += 1
    made = 0
    while made < per_category:
        r = next(source)
        words = r["name"].split()
        long = [w for w in words if len(w) >= 6 and w.isalpha()]
        if not long:
            continue
        w = rng.choice(long)
        text = " ".join(typo(rng, x) if x == w else x for x in words)
        out.append(Probe("typo", SearchQuery(text, first=10), r["id"]))
        made += 1
    made = 0
    while made < per_category:
        r = next(source)
        first_word = r["name"].split()[0]
        if len(first_word) < 5 or not first_word.isalpha():
            continue
        text = first_word[: rng.choice((3, 4, 5))]
        out.append(Probe("prefix", SearchQuery(text, first=10), None))
        made += 1
    for i in range(per_category):
        flt = SearchFilter(jurisdictions=("ukraine",), statuses=("included",))
        out.append(
            Probe("filtered", SearchQuery(COMMON[i % len(COMMON)], first=10, filter=flt), None)
        )
    for i in range(per_category):
        out.append(Probe("common", SearchQuery(COMMON[i % len(COMMON)], first=10), None))
    return out
