"""Folding: the one definition of "the same text, for matching".

``fold`` makes ``Coca-Cola``, ``coca cola``, ``"COCA COLA"`` and ``Cocа-Cola``
(with a Cyrillic ``а``) the same string, ``coca cola``; ``compact`` also drops
the spaces, so ``COCACOLA`` matches too. In order, folding:

1. normalises to Unicode NFKC (full-width letters, ligatures, the Armenian
   ``և`` ligature become plain letters);
2. rewrites words that mix Latin and Cyrillic look-alikes into one script
   (see :mod:`.homoglyphs`);
3. case-folds (``str.casefold``: ``ß`` -> ``ss``);
4. strips diacritics from *Latin* letters (``Müller`` -> ``muller``,
   ``Äsel`` -> ``asel``, Kazakh ``ı`` -> ``i``) but keeps Cyrillic letters
   whole: ``й``, ``ё``, ``ї``, ``ў`` are letters of their own, not ``и``,
   ``е``, ``і``, ``у`` with an accent (``fold_loose`` offers those merges as
   an extra, looser variant);
5. deletes apostrophes and in-word quotes (``McDonald's`` -> ``mcdonalds``,
   ``Знам'янка`` -> ``знамянка``, BGN ``ob”yedinenie`` -> ``obyedinenie``);
6. turns every other run of punctuation, hyphens, symbols and spaces into one
   space, and trims.

Folding is idempotent: ``fold(fold(x)) == fold(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from .homoglyphs import unmix

# Apostrophe-like characters: deleted outright (they never separate words).
# Includes the Armenian apostrophe and the Armenian emphasis, exclamation,
# question and abbreviation marks, which are written inside the word (Ի՞նչ).
APOSTROPHES: Final = "'’‘ʼʹʻʽ`´′ʾʿ＇՚՛՜՞՟"
# Double quotes: deleted between letters, word separators elsewhere.
DOUBLE_QUOTES: Final = '"“”„‟«»‹›″ʺˮ＂'

_APOSTROPHE: Final = "'"
_QUOTE: Final = '"'


def _latin_fold_table() -> dict[int, str | None]:
    """Latin letter with diacritics -> plain letters; combining marks -> nothing.

    Meant for case-folded text: the few non-decomposing extras map to small letters.
    """
    table: dict[int, str | None] = {}
    ranges = (range(0x00C0, 0x0250), range(0x1E00, 0x1F00), range(0xFF21, 0xFF5B))
    for block in ranges:
        for cp in block:
            char = chr(cp)
            if not char.isalpha():
                continue
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            if base != char and base.isascii() and base.isalpha():
                table[cp] = base
    # Letters that do not decompose but have a conventional plain spelling.
    extra = {
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l",
        "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
        "ı": "i", "ŋ": "n", "Ŋ": "n", "ħ": "h", "ŧ": "t", "ƒ": "f", "ß": "ss",
        "ĸ": "k", "ſ": "s",
    }  # fmt: skip
    table.update({ord(k): v for k, v in extra.items()})
    for cp in range(0x0300, 0x0370):  # combining diacritical marks
        table[cp] = None
    return table


_LATIN_FOLD: Final = _latin_fold_table()

# Step 4 plus canonical apostrophe and quote characters (deleted in step 5).
_LIGHT_TABLE: Final[dict[int, str | None]] = {
    **_LATIN_FOLD,
    **{ord(c): _APOSTROPHE for c in APOSTROPHES},
    **{ord(c): _QUOTE for c in DOUBLE_QUOTES},
    ord("_"): " ",
}
# Characters that need _LIGHT_TABLE; most names have none and skip it.
_NEEDS_TABLE: Final = re.compile(
    "[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f_" + re.escape(APOSTROPHES + DOUBLE_QUOTES) + "]"
)
_SEPARATORS: Final = re.compile(r"[^\w'\"]+")
_QUOTE_BETWEEN_LETTERS: Final = re.compile(r"(?<=\w)\"+(?=\w)")
_DROP_MARKS: Final = str.maketrans({_APOSTROPHE: None, _QUOTE: " "})

# Loose Cyrillic merges (extra variant only): ё -> е, й -> и.
_LOOSE: Final = str.maketrans({"ё": "е", "й": "и"})


def prepare(text: str) -> str:
    """Steps 1-3: NFKC, script unmixing, case folding. Keeps diacritics."""
    if text.isascii():
        return text.casefold()
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return unmix(text).casefold()


def light(prepared: str) -> str:
    """Step 4 and 6 on prepared text; apostrophes and quotes are kept, as ``'``/``"``.

    Transliteration runs on this form: Belarusian spelling rules look at the
    apostrophe (``Вераб'ёвічы`` -> ``Vierabjovichy``), and every standard's
    index table deletes it afterwards.
    """
    text = prepared.translate(_LIGHT_TABLE) if _NEEDS_TABLE.search(prepared) else prepared
    if text.replace(" ", "").isalnum():
        return tidy(text)
    return _SEPARATORS.sub(" ", text).strip()


def tidy(text: str) -> str:
    """Collapse runs of spaces and trim (cheap when there is nothing to do)."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    return text


def finish(lighted: str) -> str:
    """Step 5 on light text: delete apostrophes and in-word quotes."""
    if _QUOTE in lighted:
        lighted = _QUOTE_BETWEEN_LETTERS.sub("", lighted)
    elif _APOSTROPHE not in lighted:
        return lighted
    return tidy(lighted.translate(_DROP_MARKS))


def fold(text: str) -> str:
    """Fold ``text`` for matching: case, diacritics, punctuation, spacing, homoglyphs."""
    return finish(light(prepare(text)))


def fold_loose(folded: str) -> str:
    """A looser variant of *folded* text: Cyrillic ``ё`` -> ``е``, ``й`` -> ``и``.

    Russian print routinely writes ``е`` for ``ё``; this variant lets
    ``Елочка`` meet ``Ёлочка`` in Cyrillic too.
    """
    return folded.translate(_LOOSE)


def compact(text: str) -> str:
    """Folded text without spaces: ``COCACOLA`` == ``compact("Coca-Cola")``."""
    return fold(text).replace(" ", "")


def strip_latin_diacritics(text: str) -> str:
    """Strip diacritics from Latin letters only (no case or punctuation change)."""
    return text.translate(_LATIN_FOLD)
