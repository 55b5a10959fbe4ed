"""Ukrainian: Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27.01.2010.

The Table of the Resolution gives each letter its romanisation, with a second
one "elsewhere" for Є Ї Й Ю Я, and an example column; both are checked here
verbatim. Standard ID: ``uk-kmu-2010``.
"""

from __future__ import annotations

import pytest

from ipreg.search.translit import STANDARDS, romanise

UK = "uk-kmu-2010"

# (letter, at the start of a word, elsewhere) — the Table of Resolution No. 55.
TABLE = [
    ("а", "a", "a"), ("б", "b", "b"), ("в", "v", "v"), ("г", "h", "h"),
    ("ґ", "g", "g"), ("д", "d", "d"), ("е", "e", "e"), ("є", "ye", "ie"),
    ("ж", "zh", "zh"), ("з", "z", "z"), ("и", "y", "y"), ("і", "i", "i"),
    ("ї", "yi", "i"), ("й", "y", "i"), ("к", "k", "k"), ("л", "l", "l"),
    ("м", "m", "m"), ("н", "n", "n"), ("о", "o", "o"), ("п", "p", "p"),
    ("р", "r", "r"), ("с", "s", "s"), ("т", "t", "t"), ("у", "u", "u"),
    ("ф", "f", "f"), ("х", "kh", "kh"), ("ц", "ts", "ts"), ("ч", "ch", "ch"),
    ("ш", "sh", "sh"), ("щ", "shch", "shch"), ("ь", "", ""), ("ю", "yu", "iu"),
    ("я", "ya", "ia"),
]  # fmt: skip

# The example column of the Table, as printed in the Resolution.
RESOLUTION_EXAMPLES = [
    ("Алушта", "Alushta"), ("Андрій", "Andrii"), ("Борщагівка", "Borshchahivka"),
    ("Борисенко", "Borysenko"), ("Вінниця", "Vinnytsia"), ("Володимир", "Volodymyr"),
    ("Гадяч", "Hadiach"), ("Богдан", "Bohdan"), ("Згурський", "Zghurskyi"),
    ("Ґалаґан", "Galagan"), ("Ґорґани", "Gorgany"), ("Донецьк", "Donetsk"),
    ("Дмитро", "Dmytro"), ("Рівне", "Rivne"), ("Олег", "Oleh"), ("Есмань", "Esman"),
    ("Єнакієве", "Yenakiieve"), ("Гаєвич", "Haievych"), ("Короп'є", "Koropie"),
    ("Житомир", "Zhytomyr"), ("Жанна", "Zhanna"), ("Жежелів", "Zhezheliv"),
    ("Закарпаття", "Zakarpattia"), ("Казимирчук", "Kazymyrchuk"), ("Медвин", "Medvyn"),
    ("Михайленко", "Mykhailenko"), ("Іванків", "Ivankiv"), ("Іващенко", "Ivashchenko"),
    ("Їжакевич", "Yizhakevych"), ("Кадиївка", "Kadyivka"), ("Мар'їне", "Marine"),
    ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"), ("Олексій", "Oleksii"),
    ("Київ", "Kyiv"), ("Коваленко", "Kovalenko"), ("Лебедин", "Lebedyn"),
    ("Леонід", "Leonid"), ("Миколаїв", "Mykolaiv"), ("Маринич", "Marynych"),
    ("Ніжин", "Nizhyn"), ("Наталія", "Nataliia"), ("Одеса", "Odesa"),
    ("Онищенко", "Onyshchenko"), ("Полтава", "Poltava"), ("Петро", "Petro"),
    ("Решетилівка", "Reshetylivka"), ("Рибчинський", "Rybchynskyi"), ("Суми", "Sumy"),
    ("Соломія", "Solomiia"), ("Тернопіль", "Ternopil"), ("Троць", "Trots"),
    ("Ужгород", "Uzhhorod"), ("Уляна", "Uliana"), ("Фастів", "Fastiv"),
    ("Філіпчук", "Filipchuk"), ("Харків", "Kharkiv"), ("Христина", "Khrystyna"),
    ("Біла Церква", "Bila Tserkva"), ("Стеценко", "Stetsenko"), ("Чернівці", "Chernivtsi"),
    ("Шевченко", "Shevchenko"), ("Шостка", "Shostka"), ("Кишеньки", "Kyshenky"),
    ("Щербухи", "Shcherbukhy"), ("Гоща", "Hoshcha"), ("Гаращенко", "Harashchenko"),
    ("Юрій", "Yurii"), ("Корюківка", "Koriukivka"), ("Яготин", "Yahotyn"),
    ("Ярошенко", "Yaroshenko"), ("Костянтин", "Kostiantyn"), ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"), ("Згорани", "Zghorany"), ("Розгон", "Rozghon"),
]  # fmt: skip


def test_the_table_covers_the_whole_ukrainian_alphabet() -> None:
    assert {letter for letter, _, _ in TABLE} == STANDARDS[UK].alphabet
    assert len(TABLE) == 33


@pytest.mark.parametrize(("letter", "initial", "elsewhere"), TABLE)
def test_every_letter_small_and_capital(letter: str, initial: str, elsewhere: str) -> None:
    # A lone letter starts a word; after "б" it stands inside one.
    assert romanise(letter, UK) == initial
    assert romanise(letter.upper(), UK) == initial[:1].upper() + initial[1:]
    assert romanise("б" + letter, UK) == "b" + elsewhere
    # In an all-capitals word the whole digraph is capitalised: БЩ -> BSHCH.
    assert romanise("Б" + letter.upper(), UK) == ("b" + elsewhere).upper()


@pytest.mark.parametrize(("cyrillic", "latin"), RESOLUTION_EXAMPLES)
def test_examples_of_the_resolution(cyrillic: str, latin: str) -> None:
    assert romanise(cyrillic, UK) == latin


def test_ye_yi_y_yu_ya_only_at_the_start_of_a_word() -> None:
    assert romanise("Юрій Юрійович", UK) == "Yurii Yuriiovych"
    assert romanise("Яблуня", UK) == "Yablunia"
    # A hyphen starts a new word; an apostrophe does not.
    assert romanise("Нова-Ялта", UK) == "Nova-Yalta"
    assert romanise("Знам'янка", UK) == "Znamianka"


def test_zg_is_zgh_to_keep_it_apart_from_zh() -> None:
    assert romanise("Згорани", UK) == "Zghorany"
    assert romanise("Розгон", UK) == "Rozghon"
    assert romanise("ЗГОРАНИ", UK) == "ZGHORANY"
    assert romanise("Жданів", UK) == "Zhdaniv"


def test_apostrophe_in_any_of_its_typed_forms_is_dropped() -> None:
    for apostrophe in ("'", "’", "ʼ", "`"):
        assert romanise(f"Знам{apostrophe}янка", UK) == "Znamianka"


def test_all_capitals() -> None:
    assert romanise("ЖИТОМИР", UK) == "ZHYTOMYR"
    assert romanise("ЩЕРБУХИ", UK) == "SHCHERBUKHY"
    assert romanise("ЮРІЙ Черкаський", UK) == "YURII Cherkaskyi"
