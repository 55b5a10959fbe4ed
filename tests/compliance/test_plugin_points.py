"""The hook ``ipreg_register_legal_points`` of the built-in plugins, and their matrices.

``ipreg compliance --plugin eaeu`` must pass: every point the EAEU plugin
declares implemented is cited by its code and proved by a marked test.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from support import require_file, shared_file

from ipreg import hookimpl
from ipreg.core.compliance import IMPLEMENTED, NOT_APPLICABLE, PENDING, LegalPoints
from ipreg.core.compliance.cli import compliance
from ipreg.core.extension import Jurisdiction
from ipreg.core.plugins import make_plugin_manager


def _eaeu_points() -> LegalPoints:
    pm = make_plugin_manager(("eaeu",))
    (points,) = [p for result in pm.hook.ipreg_register_legal_points() for p in result]
    return points


@pytest.mark.hook("ipreg_register_legal_points")
def test_the_eaeu_plugin_declares_the_points_of_its_digest() -> None:
    points = _eaeu_points()
    assert points.digest == "eaeu-register.md"
    codes = {p.code: p for p in points}
    expected = [f"P.SP.01.PRC.{n:03d}" for n in range(1, 13)] + [
        f"P.SP.01.OPR.{n:03d}" for n in range(1, 26)]
    assert all(codes[code].status == IMPLEMENTED for code in expected)
    for code in ("Regs item 23", "Regs item 25", "Regs item 29", "R174 A1 T1 5.1.1",
                 "R174 A1 T1 6.2", "R174 A1 T7", "R174 p.10"):
        assert codes[code].status == IMPLEMENTED, code
    appendix = [p for p in points if p.code.startswith("R174 A1 T")]
    assert len(appendix) == 118  # tables 1-10, table 7 as one list of roles
    assert all(p.issue == "#15" for p in appendix if p.status == PENDING)
    assert all(p.reason for p in points if p.status in (PENDING, NOT_APPLICABLE))


def test_the_eaeu_matrix_passes() -> None:
    """The issue's "done when": ``ipreg compliance --plugin eaeu`` prints a full matrix."""
    spec = shared_file("spec")
    args = ["--plugin", "eaeu"] + (["--digests", str(spec)] if require_file(spec) else [])
    result = CliRunner().invoke(compliance, args, obj=make_plugin_manager(("eaeu",)))
    assert result.exit_code == 0, result.stderr
    summary = re.search(r"eaeu \(eaeu-register\.md\): (\d+) points, .*; (\d+) implemented "
                        r"\((\d+) with code and tests\), (\d+) pending", result.stdout)
    assert summary is not None, result.stdout
    total, implemented, complete, pending = map(int, summary.groups())
    assert total == len(_eaeu_points()) and implemented == complete > 0 and pending > 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| P.SP.01.OPR.")]
    assert len(rows) == 25


def test_a_plugin_that_declares_no_points_passes_with_a_warning() -> None:
    class Pointless:
        @hookimpl
        def ipreg_register_jurisdictions(self) -> list[Jurisdiction]:
            return [Jurisdiction("pointless", {"en": "A register without a digest"},
                                 plugin="pointless")]

    pm = make_plugin_manager(())
    pm.register(Pointless(), name="pointless")
    assert [p for result in pm.hook.ipreg_register_legal_points() for p in result] == []
    result = CliRunner().invoke(compliance, ["--plugin", "pointless"], obj=pm)
    assert result.exit_code == 0
    assert "pointless: no legal points declared" in result.stderr


def test_the_legal_marker_is_registered(pytestconfig: pytest.Config) -> None:
    assert any(m.startswith("legal(*codes, param=None):")
               for m in pytestconfig.getini("markers"))


def test_the_command_is_on_the_ipreg_command_line() -> None:
    """Registered by the core's own plugin: ``ipreg compliance`` in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", "from ipreg.core.cli import main; main()", "compliance",
         "--plugin", "eaeu", "--format", "json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and [p["plugin"] for p in report["plugins"]] == ["eaeu"]
