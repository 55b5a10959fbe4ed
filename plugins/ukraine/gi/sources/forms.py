"""How a term is found in any script and by the word (GI rules V.8.4-8.5; VR-46): the folded
forms of the core's transliteration (``ipreg.search.translit``: the folded text, its
romanisation by every fitting standard, the Cyrillic reading of Latin text), and their
stems (each word without its ending, so that «Симиренка» finds «Симиренко»).

A lookup takes every run of whole words of every form of the claimed name; an entry whose
form (or stem) equals one of those runs is a hit: the name *includes* the entry («Закарпатське
Шардоне» includes «Шардоне») or *is* it.
"""

from __future__ import annotations

import re

from ipreg.search import translit

#: Word endings dropped for the stem (vowels, й, ь and the apostrophe): the inflections of
#: Ukrainian nouns and adjectives, and the Latin vowels of their romanisation.
_ENDING = re.compile(r"[аеєиіїоуюяйьaeiouy'ʼ]+$")
#: Words shorter than this keep their ending (a stem of two letters finds everything).
_STEM_MIN = 4
#: Longest run of words looked up (a denomination of more words is rare).
MAX_WORDS = 6


def stem_word(word: str) -> str:
    cut = _ENDING.sub("", word)
    return cut if len(cut) >= _STEM_MIN else word


def stem(form: str) -> str:
    return " ".join(stem_word(w) for w in form.split())


def entry_forms(term: str) -> list[tuple[str, str]]:
    """``(label, form)`` of a term as stored: ``folded``, a standard's id (the term
    romanised) or ``reading`` (the Cyrillic reading of a Latin term)."""
    return [(label, form) for label, form in translit.labelled_index_forms(term)
            if len(form) <= 500]


def query_runs(name: str) -> dict[str, tuple[str, str, bool]]:
    """Every run of up to :data:`MAX_WORDS` words of every form of ``name``:
    ``{run: (query label, run, whole)}``, ``whole`` when the run is the whole form."""
    runs: dict[str, tuple[str, str, bool]] = {}
    for label, form in translit.query_forms(name):
        if label == "exact":
            continue
        words = form.split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + MAX_WORDS) + 1):
                run = " ".join(words[i:j])
                runs.setdefault(run, (label, run, i == 0 and j == len(words)))
    return runs


def matched_as(query_label: str, entry_label: str, by_stem: bool) -> str:
    """How a hit matched: the entry's standard when the name met the entry's
    romanisation (a Latin name, a Cyrillic entry), the name's standard or ``reading`` when
    the entry met the name's romanisation or reading, ``folded`` when both are the same
    text folded; ``stem:`` before it when only the stems were equal."""
    how = entry_label if entry_label != "folded" else (
        query_label if query_label not in ("folded", "exact") else "folded")
    return f"stem:{how}" if by_stem else how


__all__ = ["MAX_WORDS", "entry_forms", "matched_as", "query_runs", "stem", "stem_word"]
