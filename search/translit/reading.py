"""How a Russian speaker writes a Latin mark in Cyrillic, and German umlauts spelt out.

Neither is a national standard; both are documented heuristics the search
forms use so that a Cyrillic query finds a Latin mark:

:func:`cyrillic_reading`
    A practical Latin -> Cyrillic transcription of the kind found on Russian
    and Kazakh labels of foreign brands (``SNICKERS`` -> ``сникерс``,
    ``McDonald's`` -> ``макдоналдс``, ``Müller`` -> ``мюллер``). English
    spelling dominates: ``ck`` -> ``к``, ``c`` -> ``с`` before ``e i y`` and
    ``к`` elsewhere, ``j`` -> ``дж``, ``w`` -> ``в``, ``x`` -> ``кс``, ``y``
    -> ``й`` after a vowel and ``и`` elsewhere, ``ee`` -> ``и``, ``oo`` ->
    ``у``, initial ``Mc`` -> ``Мак``, initial ``e`` -> ``э``; the common
    German and romanised-Slavic digraphs (``sch``, ``tsch``, ``zh``, ``kh``,
    ``ts``, ``ya``, ``yu``, ``ye``) and ``ä ö ü ß`` are read too.
:func:`spell_out_umlauts`
    ``ä ö ü ß`` -> ``ae oe ue ss`` (DIN 5007-2), so ``Mueller`` meets
    ``Müller``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from .folding import strip_latin_diacritics

# Multi-letter and context-dependent readings, longest first.
_CLUSTERS: Final[dict[str, str]] = {
    "shch": "щ", "tsch": "ч", "sch": "ш", "tch": "ч", "ch": "ч", "sh": "ш",
    "zh": "ж", "kh": "х", "ts": "ц", "tz": "ц", "ck": "к", "ph": "ф", "th": "т",
    "qu": "кв", "gh": "г", "ee": "и", "oo": "у", "ou": "у", "ue": "ю",
    "yu": "ю", "ya": "я", "yo": "ё", "ye": "е",
}  # fmt: skip
_CLUSTER_RE: Final = "|".join(sorted(_CLUSTERS, key=len, reverse=True))
# Every branch starts with its letter and checks context looking back from it,
# so the engine rejects most positions on their first character.
_READING_RE: Final = re.compile(
    r"(?P<mc>mc(?<![a-zäöü]mc))"
    rf"|(?P<cl>{_CLUSTER_RE})"
    r"|(?P<cs>c(?=[eiy]))"
    r"|(?P<yv>y(?<=[aeiouäöü]y))"
    r"|(?P<e0>e(?<![a-zäöü]e))"
)
_CONTEXT: Final[dict[str, str]] = {"mc": "мак", "cs": "с", "yv": "й", "e0": "э"}

_LETTERS: Final = str.maketrans(
    {
        "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г",
        "h": "х", "i": "и", "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н",
        "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у",
        "v": "в", "w": "в", "x": "кс", "y": "и", "z": "з", "ä": "э", "ö": "ё",
        "ü": "ю", "ß": "сс",
    }
)  # fmt: skip

_UMLAUTS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _read(match: re.Match[str]) -> str:
    group = str(match.lastgroup)
    if group == "cl":
        return _CLUSTERS[match.group()]
    return _CONTEXT[group]


def cyrillic_reading(prepared: str) -> str:
    """The Cyrillic reading of the Latin letters of ``prepared`` (case-folded) text.

    Other characters pass through; the caller folds the result. Words are
    read one at a time through a cache: brand and company words repeat.
    """
    return " ".join([_read_word(word) for word in prepared.split()])


@lru_cache(maxsize=1 << 16)
def _read_word(word: str) -> str:
    text = strip_latin_diacritics(word.translate(_KEEP_UMLAUTS_GUARD)).translate(_UMLAUT_RESTORE)
    return _READING_RE.sub(_read, text).translate(_LETTERS)


def spell_out_umlauts(prepared: str) -> str:
    """``ä ö ü ß`` -> ``ae oe ue ss`` in case-folded text."""
    return prepared.translate(_UMLAUTS)


def has_umlauts(prepared: str) -> bool:
    """Whether case-folded text holds a German umlaut or ``ß``."""
    return not _UMLAUT_CHARS.isdisjoint(prepared)


# Umlauts survive diacritic stripping by a detour through private-use characters.
_UMLAUT_CHARS: Final = frozenset("äöüß")
_KEEP_UMLAUTS_GUARD: Final = str.maketrans({"ä": "\ue000", "ö": "\ue001", "ü": "\ue002"})
_UMLAUT_RESTORE: Final = str.maketrans({"\ue000": "ä", "\ue001": "ö", "\ue002": "ü"})
