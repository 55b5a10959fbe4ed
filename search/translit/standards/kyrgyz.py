"""Kyrgyz: BGN/PCGN 1979, adopted as Kyrgyzstan's national system.

The Kyrgyz Cyrillic alphabet is the Russian one plus ``ң ө ү``.

Source: BGN/PCGN 1979 "Romanization of Kyrgyz" (US Board on Geographic Names /
UK Permanent Committee on Geographical Names; current text 2019). The
Government of the Kyrgyz Republic approved a national romanisation system
based on it in 2008 and a decree on rendering geographical names in Roman
script in 2010 (UNGEGN Working Group on Romanization Systems, report version
4.0, 2016). Note ``ж`` -> ``j`` (``Жалал-Абад`` -> ``Jalal-Abad``),
``ң`` -> ``ng``, ``ө`` -> ``ö``, ``ү`` -> ``ü``; ``е`` is always ``e``.
"""

from __future__ import annotations

from .base import Standard

BGN_PCGN_1979: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "ң": "ng", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ү": "ü", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "”", "ы": "y", "ь": "’", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip

KY_BGN_PCGN_1979 = Standard(
    id="ky-bgn-pcgn-1979",
    lang="ky",
    script="Cyrl",
    title="BGN/PCGN romanization of Kyrgyz (1979), Kyrgyz national system",
    source="BGN/PCGN 1979 System, Romanization of Kyrgyz; approved as the national system "
    "by the Government of the Kyrgyz Republic in 2008",
    letters=BGN_PCGN_1979,
)
