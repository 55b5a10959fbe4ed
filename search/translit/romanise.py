"""Romanising a text: by one standard, or by every standard that plausibly applies.

The language of a Cyrillic name is not recorded, so "plausible" is decided by
the alphabet: a standard applies when every letter of the text (of its
script) belongs to the alphabet the standard romanises. ``Ұлытау`` has ``ұ``,
so only the Kazakh standards apply; ``Юрій`` has ``і`` and ``й`` and fits
Ukrainian, Belarusian and Kazakh, and the ICAO passport table (which lists
``і``); ``Марс`` fits them all. When no standard covers every letter (a
typo, a letter from another Cyrillic language), the standards covering the
most letters are used, so a name is never left without a Latin form.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from .folding import prepare, tidy
from .scripts import ARMENIAN, CYRILLIC
from .standards import STANDARDS, Standard, get_standard, standards_for


class _Script:
    """The standards of one script, and a regex for the letters that tell them apart.

    Iterating over a Cyrillic string in Python allocates an object per
    character, so the letters of a text are never collected one by one: a
    regex finds only the *distinguishing* letters (those not in every
    standard's alphabet: ``і ї є ґ ў ё ы э ъ щ и ә ғ қ ң ө ұ ү һ``...), and
    the set of them, usually small and often repeated, is looked up in a cache.
    """

    def __init__(self, script: str, block: frozenset[str]) -> None:
        self.standards = tuple(std for std in STANDARDS.values() if std.script == script)
        common = frozenset.intersection(*(std.alphabet for std in self.standards))
        distinct = sorted(ch for ch in block if ch.isalpha() and ch not in common)
        first, last = min(block), max(block)
        self.present = re.compile(f"[{first}-{last}]")
        chars = "".join(re.escape(ch) for ch in distinct)
        self.distinct = re.compile(f"[{chars}]" if chars else "(?!)")
        self._fits = lru_cache(maxsize=4096)(self._fitting)

    def _fitting(self, letters: frozenset[str]) -> tuple[Standard, ...]:
        fitting = tuple(std for std in self.standards if std.fits(letters))
        if fitting:
            return fitting
        missing = {std.id: len(letters - std.alphabet) for std in self.standards}
        fewest = min(missing.values())
        return tuple(std for std in self.standards if missing[std.id] == fewest)

    def fitting(self, prepared: str) -> tuple[Standard, ...]:
        if not self.present.search(prepared):
            return ()
        return self._fits(frozenset(self.distinct.findall(prepared)))


_SCRIPTS: Final = (_Script("Cyrl", CYRILLIC), _Script("Armn", ARMENIAN))


def fitting_standards(prepared: str) -> list[Standard]:
    """The standards whose alphabet fits the letters of ``prepared`` text.

    ``prepared`` is the output of :func:`.folding.prepare` (small letters).
    """
    found: list[Standard] = []
    for script in _SCRIPTS:
        found.extend(script.fitting(prepared))
    return found


_CYRILLIC_STANDARDS: Final = tuple(std for std in STANDARDS.values() if std.script == "Cyrl")
_CYRILLIC_POSITION: Final = {std.id: i for i, std in enumerate(_CYRILLIC_STANDARDS)}


@lru_cache(maxsize=1 << 16)
def _cyrillic_word(word: str) -> tuple[str, ...]:
    """The folded romanisations of one word by every Cyrillic standard."""
    return tuple(std.romanise_index(word) for std in _CYRILLIC_STANDARDS)


def index_romanisations(prepared: str, lighted: str) -> dict[str, str]:
    """``{standard id: folded romanisation}`` for search indexing.

    ``prepared`` and ``lighted`` are the text after :func:`.folding.prepare`
    and then :func:`.folding.light`. Every context rule of every standard
    looks no further than its own word, so Cyrillic text is romanised word by
    word through a cache (names share words: ``ООО``, ``ТОВ``, city names...).
    """
    cyrillic = _SCRIPTS[0].fitting(prepared)
    if not cyrillic or _SCRIPTS[1].present.search(prepared):
        return {std.id: std.romanise_index(lighted) for std in fitting_standards(prepared)}
    if " " not in lighted:
        outputs: tuple[str, ...] | list[str] = _cyrillic_word(lighted)
    else:
        columns = zip(*[_cyrillic_word(word) for word in lighted.split(" ")], strict=True)
        outputs = [tidy(" ".join(column)) for column in columns]
    return {std.id: outputs[_CYRILLIC_POSITION[std.id]] for std in cyrillic}


def romanise(text: str, standard_id: str) -> str:
    """Romanise ``text`` by one standard (display form, capitals kept).

    Letters outside the standard's alphabet pass through unchanged. Raises
    ``KeyError`` for an unknown standard ID.
    """
    return get_standard(standard_id).romanise(text)


def romanisations(text: str, lang: str | None = None) -> dict[str, str]:
    """Every plausible romanisation of ``text``, as ``{standard id: romanisation}``.

    Without ``lang``: every standard whose alphabet fits the text (nothing for
    a Latin text). With ``lang``: every standard of that language, whether or
    not the text fits it (the caller knows the language). Raises ``KeyError``
    for an unknown language.
    """
    standards = standards_for(lang) if lang is not None else fitting_standards(prepare(text))
    return {std.id: std.romanise(text) for std in standards}
