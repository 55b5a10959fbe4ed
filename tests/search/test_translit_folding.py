"""Folding: case, diacritics, quotes, apostrophes, hyphens, punctuation, spacing, homoglyphs."""

from __future__ import annotations

import pytest

from ipreg.search.translit import compact, fold, fold_loose, unmix, visual_latin


@pytest.mark.parametrize(
    "text", ["Coca-Cola", "coca cola", "COCA  COLA", '"Coca-Cola"', "Coca—Cola"]
)
def test_case_hyphens_quotes_and_spacing_fold_away(text: str) -> None:
    assert fold(text) == "coca cola"


@pytest.mark.parametrize("text", ["Coca-Cola", "coca cola", "COCACOLA", "Coca-Cola®", "coca.cola"])
def test_compact_drops_spaces_so_run_together_spellings_match(text: str) -> None:
    assert compact(text) == "cocacola"


def test_apostrophes_vanish_inside_words() -> None:
    assert fold("McDonald's") == "mcdonalds"
    assert fold("McDonald’s") == "mcdonalds"
    assert fold("Знам'янка") == fold("Знам’янка") == fold("Знамʼянка") == "знамянка"
    assert fold("L'Oréal") == "loreal"
    assert fold("Ի՞նչ") == "ինչ"  # Armenian question mark sits inside the word


def test_double_quotes_separate_words_but_vanish_inside_one() -> None:
    assert fold("ООО «Рот Фронт»") == "ооо рот фронт"
    assert fold('ООО"Рот Фронт"') == "ооорот фронт"
    assert fold("Ob”yedinenie") == "obyedinenie"


def test_latin_diacritics_are_stripped() -> None:
    assert fold("Müller") == "muller"
    assert fold("Äsel") == "asel"
    assert fold("Ūlytau") == "ulytau"
    assert fold("Ğalym Qazaqstan Şymkent") == "galym qazaqstan symkent"
    assert fold("bır kısı") == "bir kisi"  # Kazakh dotless ı
    assert fold("İstanbul") == "istanbul"
    assert fold("Straße Øresund Łódź") == "strasse oresund lodz"
    assert fold("Crème Brûlée") == "creme brulee"


def test_decomposed_input_folds_like_composed() -> None:
    assert fold("Mu\u0308ller") == fold("Müller") == "muller"
    assert fold("и\u0306") == fold("й") == "й"


def test_cyrillic_letters_are_not_accented_variants() -> None:
    # й, ё, ї, ў are letters of their alphabets: folding keeps them.
    assert fold("Йогурт Ёлочка Їжак Ўзвышша") == "йогурт ёлочка їжак ўзвышша"


def test_loose_variant_merges_yo_and_short_i() -> None:
    assert fold_loose(fold("Ёлочка")) == fold("Елочка") == "елочка"
    assert fold_loose(fold("Йогурт")) == "иогурт"


def test_full_width_and_ligatures_normalise() -> None:
    assert fold("ＰＥＰＳＩ") == "pepsi"
    assert fold("ﬁne") == "fine"


def test_homoglyphs_latin_inside_a_cyrillic_word_become_cyrillic() -> None:
    # Counterfeit label: "МОЛОКО" typed with Latin M, K and O.
    assert fold("MОЛOKО") == "молоко"
    assert fold("Пoлтава") == "полтава"  # Latin o


def test_homoglyphs_cyrillic_inside_a_latin_word_become_latin() -> None:
    assert fold("Сoca-Cola") == "coca cola"  # Cyrillic С
    assert fold("PEPSІ") == "pepsi"  # Cyrillic І
    assert fold("SNIСKERS") == "snickers"


def test_unmix_decides_by_anchor_letters_then_by_majority() -> None:
    assert unmix("MАRS") == "MARS"  # R and S have no Cyrillic look-alike: Latin
    assert unmix("ДOM") == "ДОМ"  # Д has no Latin look-alike: Cyrillic
    assert unmix("CОCA") == "COCA"  # no anchors, three Latin letters to one


def test_unmix_leaves_single_script_words_and_ties_alone() -> None:
    assert unmix("Coca Кола") == "Coca Кола"
    assert unmix("СO") == "СO"  # one look-alike of each script: undecidable


def test_a_word_written_all_in_look_alikes_has_a_visual_latin_reading() -> None:
    assert visual_latin("СОСА") == "COCA"
    assert visual_latin("НОВО") == "HOBO"
    assert visual_latin("Молоко") is None  # л has no Latin look-alike
    assert visual_latin("MARS") is None  # no Cyrillic at all


@pytest.mark.parametrize(
    "text",
    ["Coca-Cola", "McDonald's", "ООО «Рот Фронт»", "MОЛOKО", "Երևան", "Müller", "  a  b  ", "Ъ"],
)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_empty_and_punctuation_only_text_folds_to_nothing() -> None:
    assert fold("") == ""
    assert fold(" -- '' ") == ""
