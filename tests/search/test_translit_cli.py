"""``ipreg translit``: romanisations of a text, one standard, or the list of standards."""

from __future__ import annotations

from click.testing import CliRunner

from ipreg.search.translit import STANDARDS
from ipreg.search.translit.cli import translit


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(translit, list(args))
    return result.exit_code, result.output


def test_cyrillic_text_prints_every_fitting_standard_as_id_tab_result() -> None:
    code, output = run("Ұлытау")
    assert code == 0
    assert output.splitlines() == ["kk-latin-2021\tŪlytau", "kk-bgn-pcgn-1979\tUlytaū"]


def test_text_in_several_arguments_is_one_text() -> None:
    code, output = run("Юрій", "Черкаський", "--lang", "uk")
    assert code == 0
    assert output == "uk-kmu-2010\tYurii Cherkaskyi\n"


def test_armenian_text_uses_the_armenian_standard() -> None:
    code, output = run("Երևան")
    assert (code, output) == (0, "hy-bgn-pcgn-1981\tYerevan\n")


def test_lang_restricts_to_that_languages_standards() -> None:
    code, output = run("--lang", "ru", "Ёлочка")
    assert code == 0
    assert output.splitlines() == [
        "ru-icao-9303\tElochka",
        "ru-bgn-pcgn-1947\tYëlochka",
        "ru-gost-7.79-b\tYolochka",
        "ru-mvd-1997\tElochka",
    ]


def test_standard_prints_just_the_result() -> None:
    assert run("--standard", "uk-kmu-2010", "Згорани") == (0, "Zghorany\n")
    assert run("--standard", "ru-bgn-pcgn", "Юбилейное") == (0, "Yubileynoye\n")  # alias


def test_list_names_every_standard_with_its_language_and_source() -> None:
    code, output = run("--list")
    assert code == 0
    lines = [line.split("\t") for line in output.splitlines()]
    assert [line[0] for line in lines] == list(STANDARDS)
    assert all(len(line) == 3 and line[2] for line in lines)
    assert lines[0][:2] == ["uk-kmu-2010", "uk"]
    assert "No. 55 of 27.01.2010" in lines[0][2]


def test_list_with_lang() -> None:
    code, output = run("--list", "--lang", "kk")
    assert code == 0
    assert [line.split("\t")[0] for line in output.splitlines()] == [
        "kk-latin-2021",
        "kk-bgn-pcgn-1979",
    ]


def test_unknown_standard_is_a_usage_error() -> None:
    code, output = run("--standard", "xx-none", "Марс")
    assert code == 2
    assert "unknown standard 'xx-none'" in output
    assert "uk-kmu-2010" in output  # the message lists the known IDs


def test_unknown_language_is_a_usage_error() -> None:
    code, output = run("--lang", "de", "Марс")
    assert code == 2
    assert "unknown language 'de'" in output


def test_standard_of_another_language_is_a_usage_error() -> None:
    code, output = run("--lang", "uk", "--standard", "ru-icao-9303", "Марс")
    assert code == 2
    assert "is for 'ru'" in output


def test_missing_text_is_a_usage_error() -> None:
    code, output = run()
    assert code == 2
    assert "TEXT is required" in output


def test_latin_text_fits_no_standard() -> None:
    code, output = run("Pepsi")
    assert code == 1
    assert "no romanisation standard fits" in output
