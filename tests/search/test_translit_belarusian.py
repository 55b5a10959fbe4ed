"""Belarusian: the national instructions of 2023 (``be-gki-2023``) and 2007 (``be-gki-2007``).

2023: Resolution of the State Property Committee of Belarus No. 19 of
24.03.2023. 2007: Instruction of 23.11.2000 No. 15 as amended by Resolution
No. 38 of 11.06.2007 (UN Resolution X/6, 2012); its examples are those of the
Instruction's table.
"""

from __future__ import annotations

import pytest

from ipreg.search.translit import STANDARDS, romanise

BELARUSIAN_ALPHABET = "абвгґдеёжзійклмнопрстуўфхцчшыьэюя"

# Lone letters (word-initial values for е ё ю я).
TABLE_2007 = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "je",
    "ё": "jo", "ж": "ž", "з": "z", "і": "i", "й": "j", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š",
    "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip

TABLE_2023 = {
    **TABLE_2007,
    "г": "g", "ж": "zh", "х": "kh", "ч": "ch", "ш": "sh", "ў": "w", "ь": "’",
}  # fmt: skip

TABLES = {"be-gki-2007": TABLE_2007, "be-gki-2023": TABLE_2023}
CASES = [
    (std_id, letter, latin) for std_id, table in TABLES.items() for letter, latin in table.items()
]

# The example column of the 2007 Instruction.
EXAMPLES_2007 = [
    ("Аршанскі", "Aršanski"), ("Бешанковічы", "Biešankovičy"), ("Віцебск", "Viciebsk"),
    ("Гомель", "Homieĺ"), ("Гаўя", "Haŭja"), ("Добруш", "Dobruš"), ("Ельск", "Jeĺsk"),
    ("Бабаедава", "Babajedava"), ("Венцавічы", "Viencavičy"), ("Ёды", "Jody"),
    ("Вераб'ёвічы", "Vierabjovičy"), ("Мёры", "Miory"), ("Зэльва", "Zeĺva"),
    ("Іванава", "Ivanava"), ("Іўе", "Iŭje"), ("Лагойск", "Lahojsk"), ("Круглае", "Kruhlaje"),
    ("Лошыца", "Lošyca"), ("Любань", "Liubań"), ("Магілёў", "Mahilioŭ"),
    ("Нясвіж", "Niasviž"), ("Орша", "Orša"), ("Паставы", "Pastavy"), ("Рагачоў", "Rahačoŭ"),
    ("Смаргонь", "Smarhoń"), ("Талачын", "Talačyn"), ("Узда", "Uzda"),
    ("Шаркаўшчына", "Šarkaŭščyna"), ("Фаніпаль", "Fanipaĺ"), ("Хоцімск", "Chocimsk"),
    ("Цёмны Лес", "Ciomny Lies"), ("Чавусы", "Čavusy"), ("Чыгірынка", "Čyhirynka"),
    ("Чэрвень", "Červień"), ("Друць", "Druć"), ("Чачэрск", "Čačersk"),
    ("Юхнаўка", "Juchnaŭka"), ("Гаюціна", "Hajucina"), ("Цюрлі", "Ciurli"),
    ("Любонічы", "Liuboničy"), ("Ямнае", "Jamnaje"), ("Баяры", "Bajary"),
    ("Валяр'яны", "Valiarjany"), ("Вязынка", "Viazynka"), ("Беларусь", "Bielaruś"),
]  # fmt: skip

# Examples published with the 2023 Resolution.
EXAMPLES_2023 = [
    ("Вераб'ёвічы", "Vierabjovichy"), ("Сафіеўка", "Safijewka"),
    ("Татаршчына", "Tatarshchyna"), ("Улукаўе", "Ulukawje"),
    ("Шаркаўшчына", "Sharkawshchyna"), ("Чарнаручча", "Charnaruchcha"),
    ("Жажэлка", "Zhazhelka"), ("Мураўёўка", "Murawjowka"), ("Дзедаў Курган", "Dziedaw Kurgan"),
]  # fmt: skip


@pytest.mark.parametrize("std_id", TABLES)
def test_each_table_covers_the_belarusian_alphabet(std_id: str) -> None:
    assert set(TABLES[std_id]) == set(BELARUSIAN_ALPHABET) == STANDARDS[std_id].alphabet


@pytest.mark.parametrize(("std_id", "letter", "latin"), CASES)
def test_every_letter_small_and_capital(std_id: str, letter: str, latin: str) -> None:
    assert romanise(letter, std_id) == latin
    assert romanise(letter.upper(), std_id) == latin[:1].upper() + latin[1:]


@pytest.mark.parametrize(("cyrillic", "latin"), EXAMPLES_2007)
def test_examples_of_the_2007_instruction(cyrillic: str, latin: str) -> None:
    assert romanise(cyrillic, "be-gki-2007") == latin


@pytest.mark.parametrize(("cyrillic", "latin"), EXAMPLES_2023)
def test_examples_of_the_2023_instruction(cyrillic: str, latin: str) -> None:
    assert romanise(cyrillic, "be-gki-2023") == latin


@pytest.mark.parametrize("std_id", TABLES)
def test_je_after_vowels_u_short_soft_sign_and_apostrophe_ie_after_consonants(std_id: str) -> None:
    def rom(text: str) -> str:
        return romanise(text, std_id)

    assert rom("Ельск").startswith("Je")  # start of a word
    assert rom("Бабаедава") == "Babajedava"  # after a vowel
    assert rom("Іўе").endswith("je")  # after ў
    assert rom("Вераб'ёвічы").startswith("Vierabjov")  # after the apostrophe (not rendered)
    assert rom("Мёры") == "Miory"  # after a consonant
    assert rom("Вязынка") == "Viazynka"


def test_2007_soft_sign_marks_the_consonant() -> None:
    assert romanise("Гомель Любань Смаргонь Друць Зэльва", "be-gki-2007") == (
        "Homieĺ Liubań Smarhoń Druć Zeĺva"
    )
    # After other consonants the soft sign is simply not rendered.
    assert romanise("Дзьвіна", "be-gki-2007") == "Dźvina"
