"""Kazakh: Cyrillic romanised by BGN/PCGN, and the Kazakh Latin alphabet of 2021.

The Kazakh Cyrillic alphabet is the Russian one plus nine letters:
``ә ғ қ ң ө ұ ү һ і``.

``kk-latin-2021``
    The Kazakh alphabet in Latin script as revised in January 2021 (the
    version presented to the President of Kazakhstan on 28.01.2021, amending
    the alphabet of Decree of the President No. 569 of 26.10.2017 as changed by
    Decree No. 637 of 19.02.2018). 31 letters: ``Ä ä`` (ә), ``Ğ ğ`` (ғ),
    ``Q q`` (қ), ``Ñ ñ`` (ң), ``Ö ö`` (ө), ``Ū ū`` (ұ), ``Ü ü`` (ү),
    ``Ş ş`` (ш), ``J j`` (ж), ``H h`` (х and һ), ``I ı`` (і), ``İ i``
    (и and й), ``Y y`` (ы), ``U u`` (у).
    The letters used only in Russian loanwords (``ё ц ч щ ъ ь э ю я``) have no
    letter of their own in the alphabet; they are rendered here as ``io ts ch
    şş`` (nothing for the signs) ``e iu ia``, a documented choice of this module.
``kk-bgn-pcgn-1979``
    BGN/PCGN 1979 "Romanization of Kazakh" (US Board on Geographic Names / UK
    Permanent Committee on Geographical Names; current text 2019). ``ә`` ->
    ``ä``, ``ғ`` -> ``gh``, ``и`` -> ``ī``, ``і`` -> ``i``, ``қ`` -> ``q``,
    ``ң`` -> ``ng``, ``ө`` -> ``ö``, ``у`` -> ``ū``, ``ұ`` -> ``u``, ``ү`` ->
    ``ü``, ``һ`` -> ``h``, ``э`` -> ``ė`` (``Өтебас Артезиан Құдығы`` ->
    ``Ötebas Artezīan Qudyghy``).
"""

from __future__ import annotations

from .base import Standard

LATIN_2021: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d",
    "е": "e", "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k",
    "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü",
    "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş",
    "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

# Capitals that str.upper() would get wrong: dotted İ for и and й.
LATIN_2021_CAPITALS: dict[str, str] = {"и": "İ", "й": "İ", "ё": "İo", "ю": "İu", "я": "İa"}

BGN_PCGN_1979: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d",
    "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "ī", "й": "y", "к": "k",
    "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "ö",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "ū", "ұ": "u", "ү": "ü",
    "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "”", "ы": "y", "і": "i", "ь": "’", "э": "ė", "ю": "yu", "я": "ya",
}  # fmt: skip

KK_LATIN_2021 = Standard(
    id="kk-latin-2021",
    lang="kk",
    script="Cyrl",
    title="Kazakh Latin alphabet (2021 version)",
    source="Kazakh alphabet in Latin script, revision presented on 28.01.2021 (amending "
    "Decree of the President of Kazakhstan No. 569 of 26.10.2017, as changed by Decree "
    "No. 637 of 19.02.2018)",
    letters=LATIN_2021,
    capitals=LATIN_2021_CAPITALS,
    note="ё ц ч щ ъ ь э ю я have no letter in the 2021 alphabet; rendered io ts ch şş - - e iu ia.",
)

KK_BGN_PCGN_1979 = Standard(
    id="kk-bgn-pcgn-1979",
    lang="kk",
    script="Cyrl",
    title="BGN/PCGN romanization of Kazakh (1979)",
    source="BGN/PCGN 1979 System, Romanization of Kazakh (US Board on Geographic Names / "
    "UK Permanent Committee on Geographical Names)",
    letters=BGN_PCGN_1979,
)
