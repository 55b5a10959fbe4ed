"""The registry of romanisation standards, in order of preference.

Each standard lives in the module of its language, with its letter table and
the citation of its source. IDs read ``<lang>-<authority>-<year or name>``;
``uk-kmu-2010`` and ``ru-icao-9303`` are fixed (other tools rely on them).

The order matters: when two standards give the same search form, the first
one names it (``query_forms`` labels), and the CLI prints them in this order.
"""

from __future__ import annotations

from typing import Final

from .armenian import HY_BGN_PCGN_1981
from .base import Rule, Standard
from .belarusian import BE_GKI_2007, BE_GKI_2023
from .kazakh import KK_BGN_PCGN_1979, KK_LATIN_2021
from .kyrgyz import KY_BGN_PCGN_1979
from .russian import RU_BGN_PCGN_1947, RU_GOST_779_B, RU_ICAO_9303, RU_MVD_1997
from .ukrainian import UK_KMU_2010

STANDARDS: Final[dict[str, Standard]] = {
    std.id: std
    for std in (
        UK_KMU_2010,
        RU_ICAO_9303,
        RU_BGN_PCGN_1947,
        RU_GOST_779_B,
        RU_MVD_1997,
        BE_GKI_2023,
        BE_GKI_2007,
        KK_LATIN_2021,
        KK_BGN_PCGN_1979,
        KY_BGN_PCGN_1979,
        HY_BGN_PCGN_1981,
    )
}

# Short names people type, resolved to the current edition.
ALIASES: Final[dict[str, str]] = {
    "ru-bgn-pcgn": RU_BGN_PCGN_1947.id,
    "be-gki": BE_GKI_2023.id,
    "kk-bgn-pcgn": KK_BGN_PCGN_1979.id,
    "ky-bgn-pcgn": KY_BGN_PCGN_1979.id,
    "hy-bgn-pcgn": HY_BGN_PCGN_1981.id,
}

LANGUAGES: Final[tuple[str, ...]] = tuple(dict.fromkeys(std.lang for std in STANDARDS.values()))


def get_standard(standard_id: str) -> Standard:
    """The standard called ``standard_id`` (or one of its ``ALIASES``).

    Raises ``KeyError`` naming the known IDs when there is none.
    """
    key = ALIASES.get(standard_id, standard_id)
    try:
        return STANDARDS[key]
    except KeyError:
        known = ", ".join(STANDARDS)
        raise KeyError(f"unknown standard {standard_id!r}; known: {known}") from None


def standards_for(lang: str) -> list[Standard]:
    """The standards of one language (``uk``, ``ru``, ``be``, ``kk``, ``ky``, ``hy``)."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    return [std for std in STANDARDS.values() if std.lang == lang]


__all__ = [
    "ALIASES",
    "LANGUAGES",
    "STANDARDS",
    "Rule",
    "Standard",
    "get_standard",
    "standards_for",
]
