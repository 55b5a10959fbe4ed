"""The transliteration engine every romanisation standard is compiled into.

A standard is data: a letter table (one source letter -> its romanisation) and
a few *context rules* (a regular expression over lower-case text, and the
romanisation of each text it can match: "``є`` at the start of a word",
"``зг``", "``е`` after a vowel"). The engine compiles it twice:

* the **display** form (:meth:`Standard.romanise`) keeps case the way the
  standards ask: ``Ж`` -> ``Zh`` in a capitalised word, ``ЖУК`` -> ``ZHUK``
  in an all-capitals word;
* the **index** form (:meth:`Standard.romanise_index`) takes text already
  through :func:`..folding.light` and yields folded output in two C-speed
  passes: one regex substitution for the context rules (a dictionary lookup
  per match) and one ``str.translate`` whose table already holds the *folded*
  romanisation of every letter (``ё`` -> ``e`` for BGN/PCGN ``ë``, GOST
  ``y``` -> ``y``...). No per-character Python code runs.

Context rules see the source text, never a half-transliterated one, so
"after a vowel" means after a vowel of the source alphabet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..folding import APOSTROPHES, DOUBLE_QUOTES, fold, tidy
from ..homoglyphs import unmix


def at_word_start(letters: str) -> str:
    """Regex: one of ``letters`` at the start of a word (no letter or digit before it).

    The letter comes first and the context is checked looking back from it,
    so the regex engine rejects most positions on their first character.
    """
    one = f"[{letters}]"
    return rf"{one}(?<!\w{one})"


def after(context: str, letters: str) -> str:
    """Regex: one of ``letters`` right after one of ``context``."""
    one = f"[{letters}]"
    return rf"{one}(?<=[{context}]{one})"


@dataclass(frozen=True)
class Rule:
    """A context rule: where ``pattern`` matches lower-case text, the matched
    text ``m`` is replaced by ``output[m]``."""

    pattern: str
    output: Mapping[str, str]


def _fold_fragment(romanisation: str) -> str:
    """The folded form of one letter's romanisation (``ë`` -> ``e``, ``y``` -> ``y``)."""
    return fold(romanisation).replace(" ", "")


class Standard:
    """One national or international romanisation standard, ready to run."""

    id: str
    lang: str
    script: str
    title: str
    source: str
    note: str
    letters: Mapping[str, str]
    rules: tuple[Rule, ...]
    alphabet: frozenset[str]

    def __init__(
        self,
        *,
        id: str,
        lang: str,
        script: str,
        title: str,
        source: str,
        letters: Mapping[str, str],
        rules: tuple[Rule, ...] = (),
        capitals: Mapping[str, str] | None = None,
        drop: str = "",
        note: str = "",
    ) -> None:
        for key in letters:
            if len(key) != 1 or key != key.lower():
                raise ValueError(f"{id}: letter table keys must be single small letters: {key!r}")
        self.id = id
        self.lang = lang
        self.script = script
        self.title = title
        self.source = source
        self.note = note
        self.letters = dict(letters)
        self.rules = rules
        marks = APOSTROPHES + DOUBLE_QUOTES
        self.alphabet = frozenset(key for key in letters if key.isalpha() and key not in marks)
        self._capitals = dict(capitals or {})
        self._drop = str.maketrans(dict.fromkeys(drop))
        self._outputs = {f"r{i}": dict(rule.output) for i, rule in enumerate(rules)}
        groups = [f"(?P<r{i}>{rule.pattern})" for i, rule in enumerate(rules)]
        letter_class = "".join(re.escape(ch) for ch in sorted(self.letters))
        self._display_re = re.compile("|".join([*groups, f"(?P<ch>[{letter_class}])"]), re.I)
        # Index path: folded outputs; apostrophes and quotes vanish.
        self._index_re = re.compile("|".join(groups)) if groups else None
        self._index_outputs = {
            name: {src: _fold_fragment(out) for src, out in table.items()}
            for name, table in self._outputs.items()
        }
        index_table: dict[str, str | None] = {k: _fold_fragment(v) for k, v in letters.items()}
        index_table.update(dict.fromkeys("'\"", None))
        self._index_table = str.maketrans(index_table)
        self._index_drop = str.maketrans(dict.fromkeys("'")) if drop else None

    def __repr__(self) -> str:
        return f"Standard({self.id!r})"

    # -- fitting -----------------------------------------------------------------

    def fits(self, letters: frozenset[str]) -> bool:
        """Whether every letter in ``letters`` (small letters of this standard's
        script) belongs to the alphabet this standard romanises."""
        return letters <= self.alphabet

    # -- display path ------------------------------------------------------------

    def romanise(self, text: str) -> str:
        """Romanise ``text`` as the standard prints it, with capitals kept."""
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        text = unmix(text).translate(self._drop)
        return self._display_re.sub(self._display_one, text)

    def _display_one(self, match: re.Match[str]) -> str:
        src = match.group()
        low = src.lower()
        name = match.lastgroup
        out = self.letters[low] if name == "ch" else self._outputs[str(name)][low]
        if src == low or not out:
            return out
        title = self._capitals.get(low) or out[:1].upper() + out[1:]
        return title.upper() if _in_capitals(match, src) else title

    # -- index path --------------------------------------------------------------

    def romanise_index(self, lighted: str) -> str:
        """Folded romanisation of text already through ``folding.light``."""
        if self._index_drop is not None:
            lighted = lighted.translate(self._index_drop)
        if self._index_re is not None:
            lighted = self._index_re.sub(self._index_one, lighted)
        return tidy(lighted.translate(self._index_table))

    def _index_one(self, match: re.Match[str]) -> str:
        return self._index_outputs[str(match.lastgroup)][match.group()]


def _in_capitals(match: re.Match[str], src: str) -> bool:
    """Whether a capital letter stands in an all-capitals word (``ЖУК``, not ``Жук``)."""
    if len(src) > 1:
        return src.isupper()
    text = match.string
    end = match.end()
    if end < len(text) and text[end].isalpha():
        return text[end].isupper()
    start = match.start()
    if start > 0 and text[start - 1].isalpha():
        return text[start - 1].isupper()
    return False
