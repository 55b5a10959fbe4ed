"""Kyrgyz: BGN/PCGN 1979 (``ky-bgn-pcgn-1979``), Kyrgyzstan's national system since 2008.

The Kyrgyz Cyrillic alphabet is the Russian one plus ң ө ү.
"""

from __future__ import annotations

import pytest

from ipreg.search.translit import STANDARDS, romanise

KYRGYZ_ALPHABET = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"

BGN_1979 = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "ң": "ng", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ү": "ü", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "”", "ы": "y", "ь": "’", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip

EXAMPLES = [
    ("Бишкек", "Bishkek"), ("Жалал-Абад", "Jalal-Abad"), ("Ысык-Көл", "Ysyk-Köl"),
    ("Чүй", "Chüy"), ("Дөң-Арык", "Döng-Aryk"), ("Гүлчө", "Gülchö"), ("Өзгөн", "Özgön"),
    ("Кок-Бель-Таш", "Kok-Bel’-Tash"), ("Торугарт Ашуу", "Torugart Ashuu"),
    ("Кыргыз Республикасы", "Kyrgyz Respublikasy"), ("Бишкек Сити", "Bishkek Siti"),
]  # fmt: skip


def test_the_table_covers_the_kyrgyz_alphabet() -> None:
    assert set(BGN_1979) == set(KYRGYZ_ALPHABET) == STANDARDS["ky-bgn-pcgn-1979"].alphabet


@pytest.mark.parametrize(("letter", "latin"), BGN_1979.items())
def test_every_letter_small_and_capital(letter: str, latin: str) -> None:
    assert romanise(letter, "ky-bgn-pcgn-1979") == latin
    assert romanise(letter.upper(), "ky-bgn-pcgn-1979") == latin[:1].upper() + latin[1:]


@pytest.mark.parametrize(("cyrillic", "latin"), EXAMPLES)
def test_examples(cyrillic: str, latin: str) -> None:
    assert romanise(cyrillic, "ky-bgn-pcgn-1979") == latin
