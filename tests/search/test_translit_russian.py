"""Russian: ICAO Doc 9303 (passports), GOST 7.79-2000 system B, BGN/PCGN 1947, MVD 1997.

Each table below restates the standard's letter table: lone letters, small
and capital (a lone letter starts a word, so position-dependent letters show
their word-initial form).
"""

from __future__ import annotations

import pytest

from ipreg.search.translit import STANDARDS, romanise

RUSSIAN_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

# ICAO Doc 9303, 7th ed., Part 3: transliteration of Cyrillic (Russian letters).
ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie",
    "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# The other Cyrillic letters of the ICAO table.
ICAO_OTHER = {
    "ґ": "g", "є": "ie", "і": "i", "ї": "i", "ў": "u", "ђ": "d", "ѓ": "g",
    "ѕ": "dz", "ј": "j", "љ": "lj", "њ": "nj", "ќ": "k", "ћ": "c", "џ": "dz",
}  # fmt: skip

# GOST 7.79-2000, system B.
GOST_B = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "x", "ц": "cz", "ч": "ch", "ш": "sh", "щ": "shh", "ъ": "``",
    "ы": "y`", "ь": "`", "э": "e`", "ю": "yu", "я": "ya",
}  # fmt: skip

# BGN/PCGN 1947 (word-initial values for е and ё).
BGN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "ye", "ё": "yë",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "”",
    "ы": "y", "ь": "’", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

# Order of the MVD of Russia No. 310 of 26.05.1997 (foreign passports).
MVD_1997 = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "'", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

TABLES = {
    "ru-icao-9303": {**ICAO, **ICAO_OTHER},
    "ru-gost-7.79-b": GOST_B,
    "ru-bgn-pcgn-1947": BGN,
    "ru-mvd-1997": MVD_1997,
}

CASES = [
    (std_id, letter, latin) for std_id, table in TABLES.items() for letter, latin in table.items()
]


@pytest.mark.parametrize("std_id", TABLES)
def test_each_table_covers_the_russian_alphabet(std_id: str) -> None:
    assert set(RUSSIAN_ALPHABET) <= set(TABLES[std_id])
    assert set(TABLES[std_id]) == STANDARDS[std_id].alphabet


@pytest.mark.parametrize(("std_id", "letter", "latin"), CASES)
def test_every_letter_small_and_capital(std_id: str, letter: str, latin: str) -> None:
    assert romanise(letter, std_id) == latin
    assert romanise(letter.upper(), std_id) == latin[:1].upper() + latin[1:]


def test_icao_passport_examples() -> None:
    icao = "ru-icao-9303"
    assert romanise("Юбилейное", icao) == "Iubileinoe"
    assert romanise("Мишка косолапый", icao) == "Mishka kosolapyi"
    assert romanise("Ёлочка", icao) == "Elochka"
    assert romanise("ПОДЪЯЧЕВ ДМИТРИЙ", icao) == "PODIEIACHEV DMITRII"
    assert romanise("Щукина Юлия", icao) == "Shchukina Iuliia"


def test_icao_drops_the_apostrophe() -> None:
    assert romanise("Знам'янка", "ru-icao-9303") == "Znamianka"


def test_gost_b_cz_is_c_before_i_e_y_j() -> None:
    gost = "ru-gost-7.79-b"
    assert romanise("цирк", gost) == "cirk"
    assert romanise("Цех", gost) == "Cex"
    assert romanise("цыган", gost) == "cy`gan"
    assert romanise("Цаплин", gost) == "Czaplin"
    assert romanise("отец", gost) == "otecz"
    assert romanise("Ёлочка", gost) == "Yolochka"
    assert romanise("объект щит", gost) == "ob``ekt shhit"
    assert romanise("Эхо мышь", gost) == "E`xo my`sh`"


def test_bgn_ye_at_the_start_after_vowels_and_signs() -> None:
    bgn = "ru-bgn-pcgn-1947"
    # Examples given with the BGN/PCGN table.
    assert romanise("Еловая шишка", bgn) == "Yelovaya shishka"
    assert romanise("ЕЛОВАЯ ШИШКА", bgn) == "YELOVAYA SHISHKA"
    assert romanise("Длинное покрывало", bgn) == "Dlinnoye pokryvalo"
    assert romanise("Ёж колючий", bgn) == "Yëzh kolyuchiy"
    assert romanise("Он видел её в первый раз", bgn) == "On videl yeyë v pervyy raz"
    assert romanise("Юбилейное", bgn) == "Yubileynoye"
    assert romanise("Мишка косолапый", bgn) == "Mishka kosolapyy"
    # After й, ъ and ь too; after a consonant plain e.
    assert romanise("Мой ель, подъезд, вьюга, лес", bgn) == "Moy yel’, pod”yezd, v’yuga, les"


def test_mvd_1997_passport_examples() -> None:
    mvd = "ru-mvd-1997"
    assert romanise("Юрий Дмитриевич", mvd) == "Yuriy Dmitrievich"
    assert romanise("Бабаевский", mvd) == "Babaevskiy"


def test_all_capitals_keep_digraphs_whole() -> None:
    assert romanise("ЩУКА", "ru-icao-9303") == "SHCHUKA"
    assert romanise("Щука", "ru-icao-9303") == "Shchuka"
    assert romanise("ЖУК", "ru-bgn-pcgn-1947") == "ZHUK"
    assert romanise("Я", "ru-bgn-pcgn-1947") == "Ya"
