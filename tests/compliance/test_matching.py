"""When a text cites a legal point: the rule of ``ipreg.core.compliance.matching``, row by row."""

from __future__ import annotations

import pytest

from ipreg.core.compliance import LegalPoint, Matcher, Spelling

CODES = [
    "P.SP.01.OPR.004", "P.SP.01.OPR.014", "P.SP.01.OPR.017", "P.SP.01.PRC.011",
    "R174 A1 T1 5.1", "R174 A1 T1 5.1.2", "R174 A1 T1 5.9", "R174 A1 T1 8.3",
    "R174 A1 T1 2", "R174 A1 T1 3", "R174 A1 T2 5",
    "R174 A1 T7", "R174 A1 T10 4", "R174 A1 T10 5", "R174 A1 T10 6.4",
    "R174 p.12", "R174 p.12(3)", "R174 p.12(6)", "R174 p.11(2)", "R174 p.13(3)",
    "R148 p.30", "R148 p.18", "Regs item 2", "Regs item 23", "Regs item 9 ¶11",
    "Regs item 18 ¶4", "Regs Section II", "GI rules V.7.3",
]
#: The EAEU plugin's spellings (plugins/eaeu/legal_points.toml), in the same order.
SPELLINGS = [
    Spelling(r"(?<![\w.])(OPR|PRC|ACT)\.(?=\d{3})", r"P.SP.01.\1."),
    Spelling("Appendix 1", "A1"),
    Spelling(r"\btable (\d+)", r"T\1"),
    Spelling(r"\b(T\d+) items? (?=\d)", r"\1 "),
    Spelling(r"(?<!A1 )(?<!R148 )(?<![\w.])T(\d+) (?=\d)", r"R174 A1 T\1 "),
    Spelling(r"¶ ?(\d+)", r"paragraph \1"),
]
MATCHER = Matcher([LegalPoint(code, "t", "1") for code in CODES], SPELLINGS)

CASES: list[tuple[str, list[str]]] = [
    # whole codes, and exactly one point per citation
    ("P.SP.01.OPR.017", ["P.SP.01.OPR.017"]),
    ("R174 A1 T1 5.1.2", ["R174 A1 T1 5.1.2"]),
    ("R174 A1 T1 5.1", ["R174 A1 T1 5.1"]),
    ("(R174 A1 T1 5.1)", ["R174 A1 T1 5.1"]),
    ("R174 A1 T1 5.1.2.7", []),
    ("R174 A1 T1 5.12", []),
    ("R174 p.12(3)", ["R174 p.12(3)"]),
    ("R174 p.12", ["R174 p.12"]),
    ("R174 p.12(3)(e)", []),
    ("R174 p.12 (see below)", ["R174 p.12"]),
    ("R174 A1 T7", ["R174 A1 T7"]),
    ("R174 A1 T7 3", []),
    ("R174 A1 T70", []),
    ("Regs item 23", ["Regs item 23"]),
    ("Regs item 2)", ["Regs item 2"]),
    ("Regs Section II", ["Regs Section II"]),
    ("Regs Section III", []),
    ("GI rules V.7.3", ["GI rules V.7.3"]),
    ("GI rules V.7.31", []),
    # boundaries on the left and the number read whole
    ("xR174 A1 T1 5.1", []),
    ("P.SP.01.OPR.0170", []),
    ("P.SP.01.OPR.17", []),
    ("X.P.SP.01.OPR.017", []),
    # a transition code cites its transaction; a sentence's full stop ends a code
    ("P.SP.01.OPR.004.SUBMIT", ["P.SP.01.OPR.004"]),
    ("ends at P.SP.01.OPR.017.", ["P.SP.01.OPR.017"]),
    # spellings: short forms, "table N", "item", "¶", white space
    ("OPR.017 → OPR.014", ["P.SP.01.OPR.017", "P.SP.01.OPR.014"]),
    ("P.SP.01.OPR.017 (OPR.017)", ["P.SP.01.OPR.017"]),
    ("PRC.011: an extract", ["P.SP.01.PRC.011"]),
    ("R174 A1 table 7", ["R174 A1 T7"]),
    ("R174 Appendix 1 table 1 item 5.9", ["R174 A1 T1 5.9"]),
    ("R174  A1\tT1 5.9", ["R174 A1 T1 5.9"]),
    ("Regs item 9 paragraph 11", ["Regs item 9 ¶11"]),
    ("its basis (T1 8.3)", ["R174 A1 T1 8.3"]),
    ("R148 T1 8.3", []),
    # ranges of plain numbers
    ("OPR.013-018", ["P.SP.01.OPR.014", "P.SP.01.OPR.017"]),
    ("P.SP.01.OPR.013–015", ["P.SP.01.OPR.014"]),
    ("R148 p.24-50", ["R148 p.30"]),
    ("R148 p.31-50", []),
    ("R148 p.24-50.3", []),
    ("R174 A1 T1 5.1-5.4", ["R174 A1 T1 5.1"]),
    ("OPR.18-14", []),
    # lists take the leading words of their first item
    ("R174 p.11(2), p.12(3), p.12(6)", ["R174 p.11(2)", "R174 p.12(3)", "R174 p.12(6)"]),
    ("R174 A1 T10 4, 5, 6.4", ["R174 A1 T10 4", "R174 A1 T10 5", "R174 A1 T10 6.4"]),
    ("R174 A1 T1 2, 3", ["R174 A1 T1 2", "R174 A1 T1 3"]),
    ("Regs item 9 ¶11, item 18 ¶4", ["Regs item 9 ¶11", "Regs item 18 ¶4"]),
    ("R148 p.15; R174 p.18(1), p.12(3)", []),
    ("R174 A1 T1 2 (count, of holders), 3", ["R174 A1 T1 2", "R174 A1 T1 3"]),
    ("R174 A1 T1 2 of the form, 3", ["R174 A1 T1 2"]),
    ("R174 A1 table 2 with tables 4, 5 and 6", []),
    ("R174 p.12(9), p.13(3) and R148 p.18", ["R148 p.18"]),
    ("R174 p.12(3), p.13(3) and R148 p.18", ["R174 p.12(3)", "R174 p.13(3)", "R148 p.18"]),
    ("R174 p.11(2), the applicant, p.12(3)", ["R174 p.11(2)"]),
    ("R174 p.11(2); p.12(3)", ["R174 p.11(2)"]),
    # one line at a time
    ("R174 A1 T1\n5.9", []),
    ("OPR.017\nOPR.014", ["P.SP.01.OPR.017", "P.SP.01.OPR.014"]),
]


@pytest.mark.parametrize(("text", "cited"), CASES, ids=[c[0] for c in CASES])
def test_a_text_cites_exactly_the_points_it_names(text: str, cited: list[str]) -> None:
    assert MATCHER.cite(text) == cited


def test_aliases_cite_their_point_and_a_code_without_digits_is_matched_whole() -> None:
    matcher = Matcher([LegalPoint("Regs Section II", "t", "2.5", aliases=("Section II",)),
                       LegalPoint("P.SP.01.OPR.001", "t", "2.2.2", aliases=("A1 row",))])
    assert matcher.cite("see Section II and A1 row") == ["Regs Section II", "P.SP.01.OPR.001"]
    assert matcher.cite("Section IIa") == []


def test_zero_padded_ranges_keep_their_width() -> None:
    matcher = Matcher([LegalPoint("X.OPR.014", "t", "1"), LegalPoint("X.OPR.14", "t", "1")])
    assert matcher.cite("X.OPR.013-018") == ["X.OPR.014"]
    assert matcher.cite("X.OPR.13-18") == ["X.OPR.14"]
