"""Latin and Cyrillic letters that look alike, and how to undo their mixing.

Counterfeit labels (and careless typing on a bilingual keyboard) mix the two
scripts inside one word: ``СOCA-COLA`` with a Cyrillic ``С``, ``MОЛOKО`` with
Latin ``M``, ``K`` and ``O``. To a reader the word is one word; to a computer
it is a string that matches nothing. :func:`unmix` rewrites each mixed word
into one script.

The tables are case-aware because look-alikes are: capital ``В`` looks like
``B`` but small ``в`` does not look like ``b``; capital ``Н`` looks like ``H``,
small ``н`` does not.

Deciding the script of a mixed word: a letter that has no look-alike in the
other script (Cyrillic ``Л``, Latin ``L``) is an *anchor* and settles it; when
both or neither script has anchors, the script with more letters wins; on a
tie the word is left alone.

:func:`visual_latin` serves the other half of the problem: a word written
*entirely* in Cyrillic look-alikes (``СОСА``) is, to the eye, the Latin word
``COCA``; the search forms index that reading too (see ``forms``).
"""

from __future__ import annotations

import re
from typing import Final

from .scripts import CYRILLIC, LATIN

# Latin letter -> Cyrillic look-alike. Capitals and small letters separately.
LATIN_TO_CYRILLIC: Final[dict[str, str]] = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К",
    "M": "М", "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
    "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х",
    "y": "у", "h": "һ",
}  # fmt: skip

# Cyrillic letter -> Latin look-alike: the inverse, plus Cyrillic letters of
# other languages that counterfeiters borrow for their shape.
CYRILLIC_TO_LATIN: Final[dict[str, str]] = {
    **{cyr: lat for lat, cyr in LATIN_TO_CYRILLIC.items()},
    "Ј": "J", "ј": "j", "Ѕ": "S", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "Ү": "Y", "ү": "y", "ӏ": "l",
}  # fmt: skip

_TO_CYRILLIC: Final = str.maketrans(LATIN_TO_CYRILLIC)
_TO_LATIN: Final = str.maketrans(CYRILLIC_TO_LATIN)
_LATIN_CONFUSABLE: Final = frozenset(LATIN_TO_CYRILLIC)
_CYRILLIC_CONFUSABLE: Final = frozenset(CYRILLIC_TO_LATIN)

# A run of letters: the unit inside which scripts must not mix.
_WORD: Final = re.compile(r"[^\W\d_]+")
_LATIN_LETTER: Final = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_CYRILLIC_LETTER: Final = re.compile("[\u0400-\u052f]")
# A letter that is neither Latin nor a Cyrillic look-alike of a Latin letter.
_NOT_LATIN_LOOKALIKE: Final = re.compile(
    "[^\\W\\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff" + "".join(sorted(_CYRILLIC_CONFUSABLE)) + "]"
)


def _unmix_word(match: re.Match[str]) -> str:
    word = match.group()
    chars = set(word)
    cyrillic = chars & CYRILLIC
    latin = chars & LATIN
    if not cyrillic or not latin:
        return word
    cyrillic_anchor = bool(cyrillic - _CYRILLIC_CONFUSABLE)
    latin_anchor = bool(latin - _LATIN_CONFUSABLE)
    if cyrillic_anchor != latin_anchor:
        to_cyrillic = cyrillic_anchor
    else:
        n_cyrillic = sum(1 for ch in word if ch in CYRILLIC)
        n_latin = sum(1 for ch in word if ch in LATIN)
        if n_cyrillic == n_latin:
            return word
        to_cyrillic = n_cyrillic > n_latin
    return word.translate(_TO_CYRILLIC if to_cyrillic else _TO_LATIN)


def unmix(text: str) -> str:
    """Rewrite every word that mixes Latin and Cyrillic letters into one script.

    Words in a single script, and texts without both scripts, come back
    unchanged (and cheaply: the common case costs two regex searches).
    """
    if text.isascii() or not _LATIN_LETTER.search(text) or not _CYRILLIC_LETTER.search(text):
        return text
    return _WORD.sub(_unmix_word, text)


def visual_latin(text: str) -> str | None:
    """The Latin text a reader sees in ``text``, if every letter is a look-alike.

    Returns ``None`` unless ``text`` has Cyrillic letters and *all* its
    Cyrillic letters have Latin look-alikes (``СОСА`` -> ``COCA``, ``НОВО`` ->
    ``HOBO``). Case matters: call it before case folding.
    """
    if not _CYRILLIC_LETTER.search(text) or _NOT_LATIN_LOOKALIKE.search(text):
        return None
    return text.translate(_TO_LATIN)
