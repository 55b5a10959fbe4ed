"""The traceability matrix: each declared point → its code → the tests that prove it.

:func:`plugin_inputs` reads, from a plugin manager, what each plugin declares
(``ipreg_register_legal_points``) and implements (``ipreg_register_procedures``);
:func:`build_report` finds the references (:mod:`ipreg.core.compliance.scan`)
and :func:`render` prints the report as Markdown, CSV or JSON.

The report **fails** when an ``implemented`` point has no code citing it or no
test proving it, or when a point's section is not a heading of its digest (if
the digest can be read). ``pending`` and ``not_applicable`` points are listed
with their reasons and never fail it. A register plugin (one that declares a
jurisdiction) without any legal points gets a warning, not a failure.
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from ipreg.core.compliance.matching import Matcher
from ipreg.core.compliance.points import (
    IMPLEMENTED,
    NOT_APPLICABLE,
    PENDING,
    LegalPoint,
    LegalPoints,
)
from ipreg.core.compliance.scan import (
    CITATION,
    CodeRef,
    RawCitation,
    TestRef,
    TestTree,
    display_path,
    scan_source,
    scan_tests,
    structured_refs,
    tests_citing,
)
from ipreg.core.errors import ConfigurationError

FORMATS = ("md", "csv", "json")
#: References shown per cell in Markdown (all of them are in CSV and JSON).
MD_REFS = 3


@dataclass
class PluginInput:
    """What one plugin declares and implements, as read from its hooks."""

    name: str
    catalogues: list[LegalPoints]
    procedures: list[Any] = field(default_factory=list)
    #: Directory of the plugin module: scanned when a catalogue names no ``source``.
    directory: Path | None = None
    is_register: bool = False


@dataclass
class PointRow:
    point: LegalPoint
    code: list[CodeRef]
    tests: list[TestRef]
    hints: list[TestRef]

    @property
    def missing(self) -> list[str]:
        """``code`` and/or ``test`` for an implemented point lacking them."""
        if self.point.status != IMPLEMENTED:
            return []
        return [what for what, refs in (("code", self.code), ("test", self.tests)) if not refs]

    @property
    def test_ids(self) -> list[str]:
        return sorted({t.test for t in self.tests})


@dataclass
class DigestMatrix:
    plugin: str
    points: LegalPoints
    rows: list[PointRow]
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        status = [r.point.status for r in self.rows]
        return {
            "points": len(self.rows),
            "with_code": sum(1 for r in self.rows if r.code),
            "with_tests": sum(1 for r in self.rows if r.tests),
            IMPLEMENTED: status.count(IMPLEMENTED),
            "implemented_complete": sum(1 for r in self.rows
                                        if r.point.status == IMPLEMENTED and not r.missing),
            PENDING: status.count(PENDING),
            NOT_APPLICABLE: status.count(NOT_APPLICABLE),
        }

    @property
    def failing(self) -> list[PointRow]:
        return [r for r in self.rows if r.missing]

    @property
    def ok(self) -> bool:
        return not self.failing and not self.problems


@dataclass
class PluginMatrix:
    plugin: str
    digests: list[DigestMatrix]
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(d.ok for d in self.digests)


@dataclass
class Report:
    plugins: list[PluginMatrix]
    test_dirs: list[str]
    tests: TestTree
    #: ``legal`` marks or ``param=`` values that cite no point of any loaded plugin.
    unknown: list[RawCitation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(p.ok for p in self.plugins)


# ---------------------------------------------------------------- reading the plugins


def plugin_inputs(pm: pluggy.PluginManager, names: Sequence[str] = ()) -> list[PluginInput]:
    """The plugins to check: those named, else every plugin with a jurisdiction or points.

    The core's own plugins are not checked. An unknown name is a
    :class:`ConfigurationError` naming the plugins that are loaded.
    """
    from ipreg.core.plugins import CORE_PLUGINS

    loaded = {name: plugin for name, plugin in pm.list_name_plugin()
              if plugin is not None and name not in CORE_PLUGINS}
    unknown = [n for n in names if n not in loaded]
    if unknown:
        raise ConfigurationError(f"no plugin named {', '.join(unknown)} is loaded; loaded: "
                                 f"{', '.join(sorted(loaded)) or 'none'}")
    out = []
    for name in sorted(names or loaded):
        plugin = loaded[name]
        catalogues = _flatten(_call(pm, "ipreg_register_legal_points", name))
        for item in catalogues:
            if not isinstance(item, LegalPoints):
                raise ConfigurationError(f"{name}: ipreg_register_legal_points returned "
                                         f"{type(item).__name__}, not LegalPoints")
        is_register = bool(_flatten(_call(pm, "ipreg_register_jurisdictions", name)))
        if not names and not catalogues and not is_register:
            continue
        out.append(PluginInput(
            name=name, catalogues=catalogues,
            procedures=_flatten(_call(pm, "ipreg_register_procedures", name)),
            directory=_directory(plugin), is_register=is_register))
    return out


def _call(pm: pluggy.PluginManager, hook: str, plugin_name: str) -> list[Any]:
    caller = getattr(pm.hook, hook)
    return [impl.function() for impl in caller.get_hookimpls()
            if impl.plugin_name == plugin_name]


def _flatten(results: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for result in results:
        if result:
            out.extend(result)
    return out


def _directory(plugin: object) -> Path | None:
    try:
        path = inspect.getsourcefile(plugin) if inspect.ismodule(plugin) else inspect.getfile(
            type(plugin))
    except TypeError:
        return None
    return Path(path).parent if path else None


# ---------------------------------------------------------------- the report


def build_report(inputs: Sequence[PluginInput], test_dirs: Sequence[Path],
                 digest_dir: Path | None = None, roots: Sequence[Path] = ()) -> Report:
    """Find every point's code and tests; check sections against the digests if found."""
    tree = scan_tests(test_dirs, roots)
    matchers: list[Matcher] = []
    plugins = []
    for item in inputs:
        digests = []
        for catalogue in item.catalogues:
            matcher = Matcher(catalogue.points, catalogue.spellings)
            matchers.append(matcher)
            code = structured_refs(item.procedures, matcher, roots)
            source = catalogue.source or item.directory
            if source is not None:
                code += scan_source(source, matcher, roots)
            proofs, hints = tests_citing(tree, matcher)
            rows = [PointRow(point, [c for c in code if c.code == point.code],
                             [t for t in proofs if t.code == point.code],
                             [h for h in hints if h.code == point.code]) for point in catalogue]
            matrix = DigestMatrix(item.name, catalogue, rows)
            _check_sections(matrix, digest_dir)
            digests.append(matrix)
        warnings = []
        if not item.catalogues:
            warnings.append(
                f"{item.name}: no legal points declared (ipreg_register_legal_points)"
                + (": a register plugin should list the points of its digest" if
                   item.is_register else ""))
        plugins.append(PluginMatrix(item.name, digests, warnings))
    unknown = [c for c in tree.citations if c.via != "docstring"
               and not any(m.cite(c.text) for m in matchers)]
    return Report(plugins, [display_path(d, roots) for d in test_dirs], tree, unknown)


_HEADING = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)[.\s]", re.MULTILINE)


def _check_sections(matrix: DigestMatrix, digest_dir: Path | None) -> None:
    path = digest_dir / matrix.points.digest if digest_dir is not None else None
    if path is None or not path.is_file():
        matrix.notes.append(f"{matrix.points.digest} not found"
                            + (f" in {digest_dir}" if digest_dir else "")
                            + ": sections not checked (set IPREG_SHARED_DIR or --digests)")
        return
    sections = set(_HEADING.findall(path.read_text(encoding="utf-8")))
    for row in matrix.rows:
        if row.point.section not in sections:
            matrix.problems.append(f"{row.point.code}: section {row.point.section} is not a "
                                   f"numbered heading of {matrix.points.digest}")


# ---------------------------------------------------------------- output


def summary_line(matrix: DigestMatrix) -> str:
    c = matrix.counts()
    return (f"{matrix.plugin} ({matrix.points.digest}): {c['points']} points, "
            f"{c['with_code']} with code, {c['with_tests']} with tests; "
            f"{c[IMPLEMENTED]} implemented ({c['implemented_complete']} with code and tests), "
            f"{c[PENDING]} pending, {c[NOT_APPLICABLE]} not applicable")


def failure_lines(report: Report) -> list[str]:
    out = []
    for plugin in report.plugins:
        for matrix in plugin.digests:
            if matrix.failing:
                out.append(f"{matrix.plugin}: {len(matrix.failing)} implemented points lack "
                           "code or a test:")
                out += [f"  {r.point.code} ({r.point.title}): no {' and no '.join(r.missing)}"
                        for r in matrix.failing]
            if matrix.problems:
                out.append(f"{matrix.plugin}: {len(matrix.problems)} points do not match "
                           f"{matrix.points.digest}:")
                out += [f"  {p}" for p in matrix.problems]
    return out


def notice_lines(report: Report) -> list[str]:
    """Warnings and notes that do not fail the report."""
    out = [w for p in report.plugins for w in p.warnings]
    out += [f"{m.plugin}: {n}" for p in report.plugins for m in p.digests for n in m.notes]
    out += [f"tests: {p}" for p in report.tests.problems]
    out += [f"tests: {c.test} (line {c.line}) {c.via} {c.text!r} cites no declared point"
            for c in report.unknown]
    for plugin in report.plugins:
        for matrix in plugin.digests:
            ready = [r.point.code for r in matrix.rows
                     if r.point.status == PENDING and r.code and r.tests]
            if ready:
                out.append(f"{matrix.plugin}: pending but cited by code and proved by tests "
                           f"(implemented?): {', '.join(ready)}")
    return out


def render(report: Report, fmt: str, *, hints: bool = False) -> str:
    if fmt == "md":
        return _markdown(report, hints)
    if fmt == "csv":
        return _csv(report)
    if fmt == "json":
        return json.dumps(_json(report), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"format {fmt!r} is not one of {FORMATS}")


def _status(point: LegalPoint) -> str:
    if point.status == IMPLEMENTED:
        return IMPLEMENTED
    text = f"{point.status.replace('_', ' ')}: {point.reason}"
    return f"{text} ({point.issue})" if point.issue else text


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _more(items: list[str], limit: int = MD_REFS) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; +{len(items) - limit} more" if len(items) > limit else "")


def _code_cells(row: PointRow) -> list[str]:
    """Declarations first, then the lines citing the point, each once."""
    ordered = sorted(row.code, key=lambda r: r.kind == CITATION)
    return list(dict.fromkeys(r.describe() for r in ordered))


def _markdown(report: Report, hints: bool) -> str:
    lines = ["# Legal traceability", "",
             f"Tests scanned: {', '.join(report.test_dirs) or 'none'} ({report.tests.files} "
             f"files, {report.tests.tests} tests).", ""]
    for plugin in report.plugins:
        if not plugin.digests:
            lines += [f"## {plugin.plugin}", "", "No legal points declared.", ""]
        for matrix in plugin.digests:
            title = f" — {matrix.points.title}" if matrix.points.title else ""
            lines += [f"## {plugin.plugin}: {matrix.points.digest}{title}", ""]
            head = "| point | title | § | status | code | tests |"
            rule = "|---|---|---|---|---|---|"
            if hints:
                head, rule = head + " cited, not marked |", rule + "---|"
            lines += [head, rule]
            for row in matrix.rows:
                missing = f" — **missing {', '.join(row.missing)}**" if row.missing else ""
                cells = [row.point.code, row.point.title, row.point.section,
                         _status(row.point) + missing, _more(_code_cells(row)) or "—",
                         _more(row.test_ids) or "—"]
                if hints:
                    marked = set(row.test_ids)
                    cells.append(_more(sorted({h.test for h in row.hints} - marked)) or "—")
                lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
            lines += ["", summary_line(matrix), ""]
    if not report.ok:
        lines.append("FAILED: see the points listed on standard error.")
    elif any(p.digests for p in report.plugins):
        lines.append("OK: every implemented point has code and a test.")
    else:
        lines.append("Nothing to check: no legal points declared.")
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("plugin", "digest", "code", "title", "section", "status", "reason", "issue",
               "code_refs", "tests", "missing")


def _csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for plugin in report.plugins:
        for matrix in plugin.digests:
            for row in matrix.rows:
                writer.writerow([
                    plugin.plugin, matrix.points.digest, row.point.code, row.point.title,
                    row.point.section, row.point.status, row.point.reason, row.point.issue,
                    " | ".join(_code_cells(row)), " | ".join(row.test_ids),
                    " ".join(row.missing)])
    return out.getvalue()


def _json(report: Report) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "test_dirs": report.test_dirs,
        "test_files": report.tests.files,
        "tests": report.tests.tests,
        "plugins": [{
            "plugin": plugin.plugin,
            "ok": plugin.ok,
            "warnings": plugin.warnings,
            "digests": [{
                "digest": matrix.points.digest,
                "title": matrix.points.title,
                "summary": matrix.counts(),
                "problems": matrix.problems,
                "notes": matrix.notes,
                "points": [{
                    "code": row.point.code,
                    "title": row.point.title,
                    "section": row.point.section,
                    "status": row.point.status,
                    "reason": row.point.reason,
                    "issue": row.point.issue,
                    "note": row.point.note,
                    "missing": row.missing,
                    "code_refs": [{"kind": r.kind, "where": r.where, "detail": r.detail,
                                   "path": r.path, "line": r.line} for r in row.code],
                    "tests": [{"test": t.test, "path": t.path, "line": t.line, "via": t.via}
                              for t in row.tests],
                    "hints": [{"test": h.test, "path": h.path, "line": h.line}
                              for h in row.hints],
                } for row in matrix.rows],
            } for matrix in plugin.digests],
        } for plugin in report.plugins],
        "unknown_marks": [{"test": c.test, "path": c.path, "line": c.line, "text": c.text}
                         for c in report.unknown],
        "test_problems": report.tests.problems,
    }
