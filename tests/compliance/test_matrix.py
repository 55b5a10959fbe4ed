"""``ipreg compliance`` over a tiny plugin written to a temporary directory.

The plugin declares four points of its digest ``tiny.md``; its source cites
them, its tests mark them. Removing a mark or a citation makes the matrix
fail (exit 1) and name the point; pending points never fail it.
"""

from __future__ import annotations

import csv
import io
import json
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ipreg import hookimpl
from ipreg.core.compliance import LegalPoints, load_legal_points
from ipreg.core.compliance.cli import compliance
from ipreg.core.compliance.scan import scan_tests
from ipreg.core.errors import ConfigurationError
from ipreg.core.plugins import make_plugin_manager
from ipreg.core.procedures import State, TimeLimit, Transition, build, days

DIGEST = """# Tiny register
## 1. Procedures
### 1.1 Filing
## 2. Data
### 2.1 Table 1
"""

POINTS = """
digest = "tiny.md"
title = "Tiny register"

[[spellings]]
pattern = '(?<![\\w.])OPR\\.(?=\\d{3})'
replace = 'TINY.OPR.'

[[points]]
code = "TINY.OPR.001"
title = "Filing"
section = "1.1"

[[points]]
code = "TINY.OPR.002"
title = "Refusal"
section = "1.1"

[[points]]
code = "T1 1.2"
title = "Name of the object"
section = "2.1"

[[points]]
code = "Rules item 7"
title = "Term for the refusal"
section = "1.1"

[[points]]
code = "T1 1.3"
title = "Colour of the object"
section = "2.1"
status = "pending"
reason = "not implemented yet"
issue = "#1"

[[points]]
code = "T1 1"
title = "Object"
section = "2.1"
status = "not_applicable"
reason = "a heading"
"""

SOURCE = '''"""Tiny rules: OPR.001 files an application."""


def name_rule() -> str:
    return "the name is required (T1 1.2)"
'''

TESTS = '''import pytest


@pytest.mark.legal("TINY.OPR.001")
def test_filing() -> None:
    """Also cites T1 1.3, which it does not mark: only a hint."""


CASES = [("name", "T1 1.2"), ("other", "nothing at all")]


@pytest.mark.legal(param="rule")
@pytest.mark.parametrize(("what", "rule"), CASES, ids=[c[0] for c in CASES])
def test_rules(what: str, rule: str) -> None:
    assert rule


class TestRefusal:
    pytestmark = pytest.mark.legal("TINY.OPR.002")

    def test_refused(self) -> None:
        pass


@pytest.mark.parametrize("late", [pytest.param(True, marks=pytest.mark.legal("Rules item 7")),
                                  False])
def test_term(late: bool) -> None:
    pass
'''


def _procedure() -> Any:
    """A procedure whose transition TINY.OPR.002.DECIDE cites TINY.OPR.002."""
    return build(
        "TINY.PRC.001", "tiny", {"en": "Tiny"},
        states=[State("filed", {"en": "Filed"}), State("refused", {"en": "Refused"}, final=True)],
        transitions=[
            Transition("TINY.OPR.001.FILE", {"en": "File"}, frozenset(), "filed",
                       frozenset({"applicant"}), starts=("refusal",)),
            Transition("TINY.OPR.002.DECIDE", {"en": "Refuse"}, frozenset({"filed"}), "refused",
                       frozenset({"official"}), stops=("refusal",)),
        ],
        time_limits=[TimeLimit("refusal", {"en": "Refusal"}, days(10), "Rules item 7")])


class Tiny:
    """The files of the tiny plugin and its plugin manager."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.source = root / "tiny"
        self.tests = root / "tests"
        self.spec = root / "spec"
        for folder in (self.source, self.tests, self.spec):
            folder.mkdir()
        (self.spec / "tiny.md").write_text(DIGEST, encoding="utf-8")
        (self.source / "legal_points.toml").write_text(POINTS, encoding="utf-8")
        (self.source / "rules.py").write_text(SOURCE, encoding="utf-8")
        (self.tests / "test_tiny.py").write_text(TESTS, encoding="utf-8")
        self.procedures = [_procedure()]

    def plugin(self) -> types.SimpleNamespace:
        points = load_legal_points(self.source / "legal_points.toml")
        procedures = self.procedures

        @hookimpl
        def ipreg_register_legal_points() -> list[LegalPoints]:
            return [points]

        @hookimpl
        def ipreg_register_procedures() -> list[Any]:
            return procedures

        return types.SimpleNamespace(__name__="tiny",
                                     ipreg_register_legal_points=ipreg_register_legal_points,
                                     ipreg_register_procedures=ipreg_register_procedures)

    def run(self, *args: str) -> Result:
        pm = make_plugin_manager(())
        pm.register(self.plugin(), name="tiny")
        return CliRunner().invoke(compliance, ["--plugin", "tiny", "--tests", str(self.tests),
                                               "--digests", str(self.spec), *args], obj=pm)

    def edit(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def tiny(tmp_path: Path) -> Tiny:
    return Tiny(tmp_path)


def test_a_complete_matrix_passes_and_shows_code_and_tests(tiny: Tiny) -> None:
    result = tiny.run()
    assert result.exit_code == 0, result.output
    rows = {line.split(" | ")[0].lstrip("| "): line for line in result.stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| point")}
    assert "transition TINY.OPR.001.FILE of TINY.PRC.001" in rows["TINY.OPR.001"]
    assert "rules.py:1" in rows["TINY.OPR.001"]
    assert "test_tiny.py::test_filing" in rows["TINY.OPR.001"]
    assert "transition TINY.OPR.002.DECIDE of TINY.PRC.001" in rows["TINY.OPR.002"]
    assert "test_tiny.py::TestRefusal::test_refused" in rows["TINY.OPR.002"]
    assert "rules.py:5" in rows["T1 1.2"] and "test_tiny.py::test_rules[name]" in rows["T1 1.2"]
    assert "time limit refusal of TINY.PRC.001" in rows["Rules item 7"]
    assert "test_tiny.py::test_term[True]" in rows["Rules item 7"]
    assert "pending: not implemented yet (#1)" in rows["T1 1.3"]
    assert "not applicable: a heading" in rows["T1 1"]
    assert ("tiny (tiny.md): 6 points, 4 with code, 4 with tests; 4 implemented (4 with code "
            "and tests), 1 pending, 1 not applicable") in result.stdout
    assert result.stdout.rstrip().endswith("OK: every implemented point has code and a test.")


def test_a_point_without_a_test_fails_and_is_named(tiny: Tiny) -> None:
    tiny.edit(tiny.tests / "test_tiny.py", '@pytest.mark.legal("TINY.OPR.001")\n', "")
    result = tiny.run()
    assert result.exit_code == 1
    assert "tiny: 1 implemented points lack code or a test:" in result.stderr
    assert "  TINY.OPR.001 (Filing): no test" in result.stderr
    assert "**missing test**" in result.stdout


def test_a_row_of_a_rule_table_proves_only_what_its_rule_cites(tiny: Tiny) -> None:
    tiny.edit(tiny.tests / "test_tiny.py", '("name", "T1 1.2")', '("name", "T1 1.2.1")')
    result = tiny.run()
    assert result.exit_code == 1
    assert "  T1 1.2 (Name of the object): no test" in result.stderr


def test_a_point_without_code_fails_and_is_named(tiny: Tiny) -> None:
    tiny.edit(tiny.source / "rules.py", "(T1 1.2)", "(T1 1.20)")
    result = tiny.run()
    assert result.exit_code == 1
    assert "  T1 1.2 (Name of the object): no code" in result.stderr


def test_a_point_without_code_and_test_names_both(tiny: Tiny) -> None:
    tiny.procedures = []
    tiny.edit(tiny.source / "rules.py", "OPR.001", "the filing")
    tiny.edit(tiny.tests / "test_tiny.py", '@pytest.mark.legal("TINY.OPR.001")\n', "")
    result = tiny.run()
    assert result.exit_code == 1
    assert "  TINY.OPR.001 (Filing): no code and no test" in result.stderr
    assert "  TINY.OPR.002 (Refusal): no code" in result.stderr


def test_pending_and_not_applicable_points_never_fail(tiny: Tiny) -> None:
    tiny.edit(tiny.source / "legal_points.toml", 'code = "Rules item 7"\ntitle = "Term for the '
              'refusal"\nsection = "1.1"', 'code = "Rules item 7"\ntitle = "Term for the '
              'refusal"\nsection = "1.1"\nstatus = "pending"\nreason = "untested"')
    tiny.edit(tiny.tests / "test_tiny.py", 'marks=pytest.mark.legal("Rules item 7")', "")
    assert tiny.run().exit_code == 0


def test_a_section_that_is_not_in_the_digest_fails(tiny: Tiny) -> None:
    tiny.edit(tiny.source / "legal_points.toml", 'section = "2.1"', 'section = "2.2"')
    result = tiny.run()
    assert result.exit_code == 1
    assert "T1 1.2: section 2.2 is not a numbered heading of tiny.md" in result.stderr


def test_without_the_digest_sections_are_not_checked(tiny: Tiny, tmp_path: Path) -> None:
    empty = tmp_path / "nospec"
    empty.mkdir()
    pm = make_plugin_manager(())
    pm.register(tiny.plugin(), name="tiny")
    result = CliRunner().invoke(compliance, ["--tests", str(tiny.tests), "--digests",
                                             str(empty)], obj=pm)
    assert result.exit_code == 0
    assert "tiny.md not found" in result.stderr and "sections not checked" in result.stderr


def test_marks_that_cite_no_declared_point_are_reported(tiny: Tiny) -> None:
    tiny.edit(tiny.tests / "test_tiny.py", '@pytest.mark.legal("TINY.OPR.001")',
              '@pytest.mark.legal("TINY.OPR.001", "TINY.OPR.01")')
    result = tiny.run()
    assert result.exit_code == 0
    assert "test_tiny.py::test_filing (line 4) mark 'TINY.OPR.01' cites no declared point" in (
        result.stderr)


def test_csv_has_one_row_per_point(tiny: Tiny) -> None:
    result = tiny.run("--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["code"] for r in rows] == ["TINY.OPR.001", "TINY.OPR.002", "T1 1.2",
                                         "Rules item 7", "T1 1.3", "T1 1"]
    first = rows[0]
    assert (first["plugin"], first["digest"], first["status"], first["missing"]) == (
        "tiny", "tiny.md", "implemented", "")
    assert "test_tiny.py::test_filing" in first["tests"] and "rules.py:1" in first["code_refs"]
    assert rows[4]["reason"] == "not implemented yet" and rows[4]["issue"] == "#1"
    assert "tiny (tiny.md): 6 points" in result.stderr  # the summary stays off the CSV


def test_json_has_everything(tiny: Tiny) -> None:
    tiny.edit(tiny.tests / "test_tiny.py", '@pytest.mark.legal("TINY.OPR.001")\n', "")
    result = tiny.run("--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["tests"] == 4
    digest = data["plugins"][0]["digests"][0]
    assert digest["summary"] == {"points": 6, "with_code": 4, "with_tests": 3,
                                 "implemented": 4, "implemented_complete": 3, "pending": 1,
                                 "not_applicable": 1}
    point = digest["points"][0]
    assert point["code"] == "TINY.OPR.001" and point["missing"] == ["test"]
    assert {"kind": "transition", "where": "transition TINY.OPR.001.FILE of TINY.PRC.001",
            "detail": "code", "path": None, "line": None} in point["code_refs"]
    assert point["hints"] == []
    hinted = digest["points"][4]
    assert [h["test"].split("::")[-1] for h in hinted["hints"]] == ["test_filing"]


def test_hints_list_tests_whose_docstring_cites_a_point_they_do_not_mark(tiny: Tiny) -> None:
    result = tiny.run("--hints")
    row = next(line for line in result.stdout.splitlines() if line.startswith("| T1 1.3 "))
    assert row.rstrip(" |").endswith("test_tiny.py::test_filing")


def test_an_unknown_plugin_is_a_usage_error(tiny: Tiny) -> None:
    pm = make_plugin_manager(())
    result = CliRunner().invoke(compliance, ["--plugin", "nosuch", "--tests", str(tiny.tests)],
                                obj=pm)
    assert result.exit_code == 2
    assert "no plugin named nosuch is loaded" in result.stderr


def test_a_register_without_points_is_a_warning_not_a_failure(tiny: Tiny) -> None:
    @hookimpl
    def ipreg_register_jurisdictions() -> list[Any]:
        from ipreg.core.extension import Jurisdiction

        return [Jurisdiction("bare", {"en": "Bare"}, plugin="bare")]

    pm = make_plugin_manager(())
    pm.register(types.SimpleNamespace(
        __name__="bare", ipreg_register_jurisdictions=ipreg_register_jurisdictions), name="bare")
    result = CliRunner().invoke(compliance, ["--tests", str(tiny.tests)], obj=pm)
    assert result.exit_code == 0
    assert "No legal points declared." in result.stdout
    assert ("bare: no legal points declared (ipreg_register_legal_points): a register plugin "
            "should list the points of its digest") in result.stderr


def test_the_test_scan_reads_every_form_of_mark(tiny: Tiny) -> None:
    tree = scan_tests([tiny.tests])
    marks = sorted((c.test.split("::", 1)[1], c.text) for c in tree.citations
                   if c.via != "docstring")
    assert marks == [("TestRefusal::test_refused", "TINY.OPR.002"),
                     ("test_filing", "TINY.OPR.001"),
                     ("test_rules[name]", "T1 1.2"),
                     ("test_rules[other]", "nothing at all"),
                     ("test_term[True]", "Rules item 7")]
    assert (tree.files, tree.tests, tree.problems) == (1, 4, [])


def test_forms_the_scan_cannot_read_are_reported(tmp_path: Path) -> None:
    (tmp_path / "test_odd.py").write_text(
        "import pytest\nCODE = 'X.1'\n\n"
        "@pytest.mark.legal(CODE)\ndef test_a(): ...\n\n"
        "@pytest.mark.legal(param='rule')\n"
        "@pytest.mark.parametrize('rule', make_rows())\ndef test_b(rule): ...\n\n"
        "@pytest.mark.legal(param='rule')\ndef test_c(): ...\n", encoding="utf-8")
    problems = scan_tests([tmp_path]).problems
    assert any(":4: an argument of pytest.mark.legal is not a literal string" in p
               for p in problems)
    assert any("test_b: the rows of this parametrize are not a list or tuple literal" in p
               for p in problems)
    assert any("test_c: legal(param='rule') but no parametrize names 'rule'" in p
               for p in problems)


@pytest.mark.parametrize(("text", "error"), [
    ('digest = "x.md"\n[[points]]\ncode = "A 1"\ntitle = "t"\nsection = "1"\nstatus = "pending"',
     "a pending point says why"),
    ('digest = "x.md"\n[[points]]\ncode = "A 1"\ntitle = "t"\nsection = "1"\nstatus = "done"',
     "status 'done' is not one of"),
    ('digest = "x.md"\n[[points]]\ncode = "A 1"\ntitle = "t"\nsection = "1"\n'
     '[[points]]\ncode = "A 1"\ntitle = "u"\nsection = "1"', "'A 1' is declared twice"),
    ('digest = "x.md"\n[[points]]\ncode = "A 1"\ntitle = "t"', "`section` is required"),
    ('digest = "x.md"\n[[points]]\ncode = "A 1"\ntitle = "t"\nsection = "1"\nsee = "x"',
     "unknown keys ['see']"),
    ('[[points]]\ncode = "A 1"\ntitle = "t"\nsection = "1"', "`digest` names the digest file"),
    ('digest = "x.md"\n[[spellings]]\npattern = "("\nreplace = ""', "spelling '('"),
    ('digest = "x.md"\npoints = 3', "`points` must be an array of tables"),
    ("digest = ", "Invalid"),
])
def test_a_malformed_points_file_names_the_problem(tmp_path: Path, text: str,
                                                   error: str) -> None:
    path = tmp_path / "legal_points.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"legal_points\.toml: ") as caught:
        load_legal_points(path)
    assert error in caught.value.message
