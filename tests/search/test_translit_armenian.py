"""Armenian: BGN/PCGN 1981 (``hy-bgn-pcgn-1981``), Eastern Armenian.

Lone letters start a word, so ե and ո show their word-initial forms (ye, vo).
"""

from __future__ import annotations

import pytest

from ipreg.search.translit import STANDARDS, romanise

HY = "hy-bgn-pcgn-1981"

# The 38 letters of the BGN/PCGN 1981 table, plus ւ (w) and the ligature և.
TABLE = [
    ("Ա", "ա", "a"), ("Բ", "բ", "b"), ("Գ", "գ", "g"), ("Դ", "դ", "d"), ("Ե", "ե", "ye"),
    ("Զ", "զ", "z"), ("Է", "է", "e"), ("Ը", "ը", "y"), ("Թ", "թ", "t’"), ("Ժ", "ժ", "zh"),
    ("Ի", "ի", "i"), ("Լ", "լ", "l"), ("Խ", "խ", "kh"), ("Ծ", "ծ", "ts"), ("Կ", "կ", "k"),
    ("Հ", "հ", "h"), ("Ձ", "ձ", "dz"), ("Ղ", "ղ", "gh"), ("Ճ", "ճ", "ch"), ("Մ", "մ", "m"),
    ("Յ", "յ", "y"), ("Ն", "ն", "n"), ("Շ", "շ", "sh"), ("Ո", "ո", "vo"), ("Չ", "չ", "ch’"),
    ("Պ", "պ", "p"), ("Ջ", "ջ", "j"), ("Ռ", "ռ", "rr"), ("Ս", "ս", "s"), ("Վ", "վ", "v"),
    ("Տ", "տ", "t"), ("Ր", "ր", "r"), ("Ց", "ց", "ts’"), ("Ւ", "ւ", "w"), ("Փ", "փ", "p’"),
    ("Ք", "ք", "k’"), ("Օ", "օ", "o"), ("Ֆ", "ֆ", "f"),
]  # fmt: skip

EXAMPLES = [
    ("Հայաստան", "Hayastan"), ("Երևան", "Yerevan"), ("ԵՐԵՎԱՆ", "YEREVAN"),
    ("Էջմիածին", "Ejmiatsin"), ("Գյումրի", "Gyumri"), ("Վանաձոր", "Vanadzor"),
    ("Ծաղկաձոր", "Tsaghkadzor"), ("Եղեգնաձոր", "Yeghegnadzor"), ("Սևան", "Sevan"),
    ("Կոտայք", "Kotayk’"), ("Բջնի", "Bjni"), ("Մեղրի", "Meghri"), ("Արարատ", "Ararat"),
]  # fmt: skip


def test_the_table_covers_the_armenian_alphabet() -> None:
    assert {small for _, small, _ in TABLE} | {"և"} == STANDARDS[HY].alphabet


@pytest.mark.parametrize(("capital", "small", "latin"), TABLE)
def test_every_letter_small_and_capital(capital: str, small: str, latin: str) -> None:
    assert romanise(small, HY) == latin
    assert romanise(capital, HY) == latin[:1].upper() + latin[1:]


@pytest.mark.parametrize(("armenian", "latin"), EXAMPLES)
def test_examples(armenian: str, latin: str) -> None:
    assert romanise(armenian, HY) == latin


def test_ye_at_the_start_and_after_vowels_e_elsewhere() -> None:
    assert romanise("Եղեգնավան", HY) == "Yeghegnavan"  # start of the word; after ղ: e
    assert romanise("Աեր", HY) == "Ayer"  # after the vowel ա
    assert romanise("Մեղրի", HY) == "Meghri"  # after a consonant


def test_vo_at_the_start_except_in_ov_and_u_for_the_digraph() -> None:
    assert romanise("Ոսկե", HY) == "Voske"
    assert romanise("Ով", HY) == "Ov"
    assert romanise("Ովսաննա", HY) == "Vovsanna"
    assert romanise("Ուրց", HY) == "Urts’"
    assert romanise("ՈՒՐՑ", HY) == "URTS’"


def test_yev_ligature_in_both_spellings() -> None:
    assert romanise("և", HY) == "yev"
    assert romanise("եւ", HY) == "yev"
    assert romanise("Երեւան", HY) == "Yerevan"
    assert romanise("Սևան", HY) == "Sevan"
    assert romanise("Աևան", HY) == "Ayevan"
