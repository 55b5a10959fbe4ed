"""Kazakh: the Kazakh Latin alphabet of 2021 (``kk-latin-2021``) and BGN/PCGN 1979.

The Kazakh Cyrillic alphabet is the Russian one plus ә ғ қ ң ө ұ ү һ і.
"""

from __future__ import annotations

import pytest

from ipreg.search.translit import STANDARDS, romanise

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"

# Kazakh Latin alphabet, 2021 revision: (Cyrillic capital, small) -> (Latin capital, small).
LATIN_2021 = [
    ("А", "а", "A", "a"), ("Ә", "ә", "Ä", "ä"), ("Б", "б", "B", "b"), ("В", "в", "V", "v"),
    ("Г", "г", "G", "g"), ("Ғ", "ғ", "Ğ", "ğ"), ("Д", "д", "D", "d"), ("Е", "е", "E", "e"),
    ("Ж", "ж", "J", "j"), ("З", "з", "Z", "z"), ("И", "и", "İ", "i"), ("Й", "й", "İ", "i"),
    ("К", "к", "K", "k"), ("Қ", "қ", "Q", "q"), ("Л", "л", "L", "l"), ("М", "м", "M", "m"),
    ("Н", "н", "N", "n"), ("Ң", "ң", "Ñ", "ñ"), ("О", "о", "O", "o"), ("Ө", "ө", "Ö", "ö"),
    ("П", "п", "P", "p"), ("Р", "р", "R", "r"), ("С", "с", "S", "s"), ("Т", "т", "T", "t"),
    ("У", "у", "U", "u"), ("Ұ", "ұ", "Ū", "ū"), ("Ү", "ү", "Ü", "ü"), ("Ф", "ф", "F", "f"),
    ("Х", "х", "H", "h"), ("Һ", "һ", "H", "h"), ("Ш", "ш", "Ş", "ş"), ("Ы", "ы", "Y", "y"),
    ("І", "і", "I", "ı"),
    # Letters of Russian loanwords, outside the 31-letter alphabet (this module's choice).
    ("Ё", "ё", "İo", "io"), ("Ц", "ц", "Ts", "ts"), ("Ч", "ч", "Ch", "ch"),
    ("Щ", "щ", "Şş", "şş"), ("Ъ", "ъ", "", ""), ("Ь", "ь", "", ""), ("Э", "э", "E", "e"),
    ("Ю", "ю", "İu", "iu"), ("Я", "я", "İa", "ia"),
]  # fmt: skip

# BGN/PCGN 1979 Romanization of Kazakh.
BGN_1979 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d",
    "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "ī", "й": "y", "к": "k",
    "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "ö",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "ū", "ұ": "u", "ү": "ü",
    "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "”", "ы": "y", "і": "i", "ь": "’", "э": "ė", "ю": "yu", "я": "ya",
}  # fmt: skip

BGN_EXAMPLES = [
    ("Өтебас Артезиан Құдығы", "Ötebas Artezīan Qudyghy"), ("Әулиекөл", "Äūlīeköl"),
    ("Үңгіртас", "Ünggirtas"), ("Ескі Үшал Қыстауы", "Eski Üshal Qystaūy"),
    ("Қазақстан", "Qazaqstan"), ("Мәмбетқазған Құдығы", "Mämbetqazghan Qudyghy"),
    ("Оңтүстік Қазақстан Облысы", "Ongtüstik Qazaqstan Oblysy"), ("Ұлытау", "Ulytaū"),
]  # fmt: skip


def test_the_tables_cover_the_kazakh_alphabet() -> None:
    assert {small for _, small, _, _ in LATIN_2021} == set(KAZAKH_ALPHABET)
    assert set(BGN_1979) == set(KAZAKH_ALPHABET)
    assert STANDARDS["kk-latin-2021"].alphabet == set(KAZAKH_ALPHABET)
    assert STANDARDS["kk-bgn-pcgn-1979"].alphabet == set(KAZAKH_ALPHABET)


@pytest.mark.parametrize(("capital", "small", "latin_capital", "latin_small"), LATIN_2021)
def test_latin_2021_every_letter(
    capital: str, small: str, latin_capital: str, latin_small: str
) -> None:
    assert romanise(small, "kk-latin-2021") == latin_small
    assert romanise(capital, "kk-latin-2021") == latin_capital


@pytest.mark.parametrize(("letter", "latin"), BGN_1979.items())
def test_bgn_1979_every_letter(letter: str, latin: str) -> None:
    assert romanise(letter, "kk-bgn-pcgn-1979") == latin
    assert romanise(letter.upper(), "kk-bgn-pcgn-1979") == latin[:1].upper() + latin[1:]


@pytest.mark.parametrize(("cyrillic", "latin"), BGN_EXAMPLES)
def test_bgn_1979_examples(cyrillic: str, latin: str) -> None:
    assert romanise(cyrillic, "kk-bgn-pcgn-1979") == latin


def test_latin_2021_words() -> None:
    kk = "kk-latin-2021"
    assert romanise("Әсел", kk) == "Äsel"
    assert romanise("Ұлытау", kk) == "Ūlytau"
    assert romanise("Қазақстан", kk) == "Qazaqstan"
    assert romanise("бір данышпан кісі", kk) == "bır danyşpan kısı"
    assert romanise("ИІС", kk) == "İIS"
    assert romanise("шаһар", kk) == "şahar"
