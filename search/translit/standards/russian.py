"""Russian: the passport table, GOST 7.79 system B, BGN/PCGN and the 1997 passport table.

Four tables, because a Russian name reaches a customs officer through any of them:

``ru-icao-9303``
    ICAO Doc 9303 "Machine Readable Travel Documents", Part 3, section on the
    transliteration of Cyrillic (7th edition, 2015). Russian passports use it
    since Order of the Federal Migration Service of Russia No. 320 of
    15.10.2012. The ICAO table also covers Ukrainian and Belarusian letters
    (``ґ є і ї ў``) and the South Slavic ones; they are included, so a
    Ukrainian name romanised "passport-style" is found too.
    ``Ъ`` -> ``IE``, ``Ь`` and the apostrophe dropped, ``Ё`` = ``Е`` = ``Э``
    -> ``E``, ``Й`` -> ``I``.
``ru-gost-7.79-b``
    GOST 7.79-2000 (ISO 9:1995 adopted as an interstate standard), system B:
    the ASCII-only variant used in libraries, domain names and databases.
    ``ц`` is ``c`` before ``i e y j`` (``и е ы й э ю я ё``) and ``cz``
    elsewhere; ``ё`` -> ``yo``, ``х`` -> ``x``, ``щ`` -> ``shh``; the hard
    and soft signs and the marks on ``ы``/``э`` are backticks.
``ru-bgn-pcgn-1947``
    BGN/PCGN 1947 "Romanization of Russian" (US Board on Geographic Names and
    UK Permanent Committee on Geographical Names; current text 2019): what
    maps, news media and most English-language labels use. ``е``/``ё`` are
    ``ye``/``yë`` at the start of a word and after a vowel, ``й``, ``ъ`` or
    ``ь``; ``й`` -> ``y``; ``ъ`` -> ``”``, ``ь`` -> ``’``. The optional
    middle dot (``t·s``) is not used.
``ru-mvd-1997``
    The foreign-passport table of Order of the Ministry of Internal Affairs of
    Russia No. 310 of 26.05.1997, since replaced by the ICAO table: ``й`` ->
    ``y``, ``ю``/``я`` -> ``yu``/``ya``, ``ь`` -> ``'``; ``ъ`` is not rendered.
    Still the most common spelling of existing Latin labels (``Yuriy``,
    ``Dmitriy``).
"""

from __future__ import annotations

from ..folding import APOSTROPHES
from .base import Rule, Standard, after, at_word_start

_COMMON: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ч": "ch",
    "ш": "sh", "ы": "y", "э": "e",
}  # fmt: skip

ICAO_LETTERS: dict[str, str] = {
    **_COMMON,
    "ё": "e", "й": "i", "х": "kh", "ц": "ts", "щ": "shch", "ъ": "ie", "ь": "",
    "ю": "iu", "я": "ia",
    # Other Cyrillic letters of the ICAO table.
    "ґ": "g", "є": "ie", "і": "i", "ї": "i", "ў": "u", "ђ": "d", "ѓ": "g",
    "ѕ": "dz", "ј": "j", "љ": "lj", "њ": "nj", "ќ": "k", "ћ": "c", "џ": "dz",
}  # fmt: skip

GOST_B_LETTERS: dict[str, str] = {
    **_COMMON,
    "ё": "yo", "й": "j", "х": "x", "ц": "cz", "щ": "shh", "ъ": "``", "ы": "y`",
    "ь": "`", "э": "e`", "ю": "yu", "я": "ya",
}  # fmt: skip

BGN_LETTERS: dict[str, str] = {
    **_COMMON,
    "ё": "ë", "й": "y", "х": "kh", "ц": "ts", "щ": "shch", "ъ": "”", "ь": "’",
    "ю": "yu", "я": "ya",
}  # fmt: skip

MVD_1997_LETTERS: dict[str, str] = {
    **_COMMON,
    "ё": "e", "й": "y", "х": "kh", "ц": "ts", "щ": "shch", "ъ": "", "ь": "'",
    "ю": "yu", "я": "ya",
}  # fmt: skip

_BGN_IOTATED: dict[str, str] = {"е": "ye", "ё": "yë"}

RU_ICAO_9303 = Standard(
    id="ru-icao-9303",
    lang="ru",
    script="Cyrl",
    title="Russian passport transliteration (ICAO Doc 9303)",
    source="ICAO Doc 9303 Machine Readable Travel Documents, 7th ed. (2015), Part 3, "
    "transliteration of Cyrillic; Order of the FMS of Russia No. 320 of 15.10.2012",
    letters=ICAO_LETTERS,
    drop=APOSTROPHES,
)

RU_GOST_779_B = Standard(
    id="ru-gost-7.79-b",
    lang="ru",
    script="Cyrl",
    title="GOST 7.79-2000, system B (ASCII transliteration of Cyrillic)",
    source="GOST 7.79-2000 (ISO 9:1995) Rules for transliteration of Cyrillic characters "
    "using the Latin alphabet, system B",
    letters=GOST_B_LETTERS,
    rules=(Rule("ц(?=[иеыйэюяё])", {"ц": "c"}),),
)

RU_BGN_PCGN_1947 = Standard(
    id="ru-bgn-pcgn-1947",
    lang="ru",
    script="Cyrl",
    title="BGN/PCGN romanization of Russian (1947)",
    source="BGN/PCGN 1947 System, Romanization of Russian (US Board on Geographic Names / "
    "UK Permanent Committee on Geographical Names)",
    letters=BGN_LETTERS,
    rules=(
        Rule(at_word_start("её"), _BGN_IOTATED),
        Rule(after("аеёиоуыэюяйъь", "её"), _BGN_IOTATED),
    ),
)

RU_MVD_1997 = Standard(
    id="ru-mvd-1997",
    lang="ru",
    script="Cyrl",
    title="Russian foreign-passport transliteration of 1997",
    source="Order of the Ministry of Internal Affairs of Russia No. 310 of 26.05.1997 "
    "(foreign passports; since replaced by the ICAO table)",
    letters=MVD_1997_LETTERS,
)
