"""Where code and tests cite legal points: structured declarations, source text, test marks.

**Code.** First the plugin's structured declarations, read from its
``ipreg_register_procedures`` hook: a procedure's code and legal basis, each
transition's code, legal basis and notice kinds, each time limit's legal basis
(``P.SP.01.OPR.004.SUBMIT`` cites ``P.SP.01.OPR.004``; a limit with the basis
``Regs item 23`` cites ``Regs item 23``). Then a static scan of the plugin's
source: every string literal and comment of every ``*.py`` file below the
directory of its legal points (``__pycache__``, ``tests`` directories,
``test_*.py`` and ``conftest.py`` excluded), line by line, with the file and
line of each citation. Matching is :class:`~ipreg.core.compliance.matching.Matcher`.

**Tests.** A static scan (``ast``, nothing is imported or run) of every
``test_*.py`` / ``*_test.py`` below the test directories. A test proves the
points its ``legal`` marks cite::

    @pytest.mark.legal("P.SP.01.OPR.017")          # a test function or method
    class TestX: pytestmark = pytest.mark.legal(...) # every test of the class
    pytestmark = [pytest.mark.legal(...)]            # every test of the module
    pytest.param(..., marks=pytest.mark.legal(...))  # one row of a parametrized test

and, for rule tables, ``@pytest.mark.legal(param="rule")`` on a test
parametrized with ``@pytest.mark.parametrize(("...", "rule"), ROWS)``: each row
proves the points its ``rule`` value cites (the test must assert that the
rule it names is the one enforced). ``ROWS`` is a list or tuple literal, inline
or assigned once at module level. Arguments of marks are literal strings.
Citations in a test's docstring are only *hints* (cited, not marked): they
never count as proof.
"""

from __future__ import annotations

import ast
import inspect
import io
import tokenize
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipreg.core.compliance.matching import Matcher

#: Kinds of code references.
PROCEDURE = "procedure"
TRANSITION = "transition"
TIME_LIMIT = "time limit"
NOTICE = "notice"
CITATION = "citation"


@dataclass(frozen=True)
class CodeRef:
    """A place in a plugin's code that cites a point."""

    code: str
    kind: str
    #: What cites it: ``transition P.SP.01.OPR.004.SUBMIT of P.SP.01.PRC.001``, or the line.
    where: str
    path: str | None = None
    line: int | None = None
    #: Which part of a declaration cites it (``code``, ``basis: …``, ``notice``).
    detail: str = ""

    @property
    def location(self) -> str:
        if self.path is None:
            return self.where
        return f"{self.path}:{self.line}" if self.line else self.path

    def describe(self) -> str:
        """One short line: the declaration and where its code is, or the file and line."""
        if self.kind == CITATION:
            return self.location
        return f"{self.where} ({self.location})" if self.path else self.where


@dataclass(frozen=True)
class TestRef:
    """A test that proves a point (``via`` a mark or a row), or only cites it (a hint)."""

    __test__ = False  # not a pytest test class

    code: str
    test: str
    path: str
    line: int
    via: str


@dataclass(frozen=True)
class RawCitation:
    """A text of a test tree that may cite points, before any digest's matcher reads it."""

    test: str
    path: str
    line: int
    text: str
    #: ``mark`` (an argument of ``legal``), ``row`` (a ``param=`` value) or ``docstring``.
    via: str


@dataclass
class TestTree:
    """What the static scan of test directories found."""

    __test__ = False

    citations: list[RawCitation] = field(default_factory=list)
    #: Forms the scan cannot read (a non-literal mark argument, rows it cannot find).
    problems: list[str] = field(default_factory=list)
    files: int = 0
    tests: int = 0


def display_path(path: Path, roots: Sequence[Path] = ()) -> str:
    """``path`` relative to the first of ``roots`` (or the working directory) holding it."""
    path = path.resolve()
    for root in (*roots, Path.cwd()):
        try:
            return path.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


# ---------------------------------------------------------------- code: structured


def structured_refs(procedures: Iterable[Any], matcher: Matcher,
                    roots: Sequence[Path] = ()) -> list[CodeRef]:
    """References from procedure declarations (:class:`ipreg.core.procedures.Procedure`)."""
    out: list[CodeRef] = []

    def add(text: str, kind: str, where: str, detail: str, func: Any = None) -> None:
        path, line = _source_of(func, roots) if func is not None else (None, None)
        out.extend(CodeRef(code, kind, where, path, line, detail) for code in matcher.cite(text))

    for proc in procedures:
        add(proc.code, PROCEDURE, f"procedure {proc.code}", "code")
        if proc.legal_basis:
            add(proc.legal_basis, PROCEDURE, f"procedure {proc.code}",
                f"basis: {proc.legal_basis}")
        for t in proc.transitions.values():
            impl = next(iter((*t.effects, *([t.guard] if t.guard else []))), None)
            name = f"transition {t.code} of {proc.code}"
            add(t.code, TRANSITION, name, "code", impl)
            if t.legal_basis:
                add(t.legal_basis, TRANSITION, name, f"basis: {t.legal_basis}", impl)
            for n in t.notices:
                add(n.kind, NOTICE, f"notice {n.kind} of {name}", "notice", impl)
        for limit in proc.time_limits.values():
            add(limit.legal_basis, TIME_LIMIT, f"time limit {limit.code} of {proc.code}",
                f"basis: {limit.legal_basis}")
    return out


def _source_of(func: Any, roots: Sequence[Path]) -> tuple[str | None, int | None]:
    try:
        target = inspect.unwrap(func)
        path = inspect.getsourcefile(target)
        line = inspect.getsourcelines(target)[1]
    except (TypeError, OSError):
        return None, None
    return (display_path(Path(path), roots), line) if path else (None, None)


# ---------------------------------------------------------------- code: source text


def source_files(directory: Path) -> Iterator[Path]:
    """The ``*.py`` files scanned as code: tests and caches excluded, sorted."""
    for path in sorted(directory.rglob("*.py")):
        parts = path.relative_to(directory).parts
        if "__pycache__" in parts or "tests" in parts[:-1]:
            continue
        if path.name == "conftest.py" or path.name.startswith("test_"):
            continue
        yield path


def scan_source(directory: Path, matcher: Matcher, roots: Sequence[Path] = ()) -> list[CodeRef]:
    """Citations in string literals and comments of the plugin's source, with file and line."""
    out: list[CodeRef] = []
    for path in source_files(directory):
        shown = display_path(path, roots)
        for line, text in _strings_and_comments(path.read_text(encoding="utf-8")):
            out.extend(CodeRef(code, CITATION, shown, shown, line, text.strip())
                       for code in matcher.cite(text))
    return out


def _strings_and_comments(source: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line of every string literal and comment."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        yield from enumerate(source.splitlines(), start=1)  # scanned as plain text
        return
    kinds = {tokenize.STRING, tokenize.COMMENT}
    for token in tokens:
        if token.type in kinds:
            for offset, text in enumerate(token.string.splitlines()):
                yield token.start[0] + offset, text


# ---------------------------------------------------------------- tests


def find_test_files(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        if path.name.startswith("test_") or path.name.endswith("_test.py"):
            yield path


def scan_tests(directories: Sequence[Path], roots: Sequence[Path] = ()) -> TestTree:
    """Every ``legal`` mark, ``param=`` row value and test docstring of the test trees."""
    tree = TestTree()
    for directory in directories:
        for path in find_test_files(directory):
            tree.files += 1
            _scan_module(path, display_path(path, roots), tree)
    return tree


@dataclass
class _Marks:
    texts: list[tuple[str, int]] = field(default_factory=list)
    params: list[tuple[str, int]] = field(default_factory=list)


def _scan_module(path: Path, shown: str, tree: TestTree) -> None:
    try:
        module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as error:
        tree.problems.append(f"{shown}: not parsed ({error.msg}, line {error.lineno})")
        return
    assigned = {name: value for name, value in _module_assignments(module)}

    def problem(line: int, text: str) -> None:
        tree.problems.append(f"{shown}:{line}: {text}")

    module_marks = _Marks()
    if "pytestmark" in assigned:
        _collect_marks(assigned["pytestmark"], module_marks, problem)
    for node in module.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            _scan_test(node, node.name, [module_marks], assigned, shown, tree, problem)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            class_marks = _Marks()
            for decorator in node.decorator_list:
                _collect_marks(decorator, class_marks, problem)
            for item in node.body:
                if (isinstance(item, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == "pytestmark"
                                for t in item.targets)):
                    _collect_marks(item.value, class_marks, problem)
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    _scan_test(item, f"{node.name}::{item.name}", [module_marks, class_marks],
                               assigned, shown, tree, problem)


def _module_assignments(module: ast.Module) -> Iterator[tuple[str, ast.expr]]:
    for node in module.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and (
                node.value is not None):
            yield node.target.id, node.value


def _scan_test(node: ast.FunctionDef | ast.AsyncFunctionDef, name: str,
               outer: list[_Marks], assigned: dict[str, ast.expr], shown: str,
               tree: TestTree, problem: Callable[[int, str], None]) -> None:
    if not node.name.startswith("test"):
        return
    tree.tests += 1
    test_id = f"{shown}::{name}"
    marks = _Marks()
    parametrize: list[ast.Call] = []
    for decorator in node.decorator_list:
        if _is_mark(decorator, "parametrize"):
            assert isinstance(decorator, ast.Call)
            parametrize.append(decorator)
        else:
            _collect_marks(decorator, marks, problem)
    for group in (*outer, marks):
        tree.citations.extend(RawCitation(test_id, shown, line, text, "mark")
                              for text, line in group.texts)
    params = [p for group in (*outer, marks) for p in group.params]
    for call in parametrize:
        _scan_rows(call, params, test_id, assigned, shown, tree, problem)
    for param, line in params:
        if not any(param in _argnames(call) for call in parametrize):
            problem(line, f"{name}: legal(param={param!r}) but no parametrize names {param!r}")
    doc = ast.get_docstring(node, clean=False)
    if doc and node.body and isinstance(node.body[0], ast.Expr):
        first = node.body[0].lineno
        for offset, text in enumerate(doc.splitlines()):
            tree.citations.append(RawCitation(test_id, shown, first + offset, text,
                                              "docstring"))


def _scan_rows(call: ast.Call, params: list[tuple[str, int]], test_id: str,
               assigned: dict[str, ast.expr], shown: str, tree: TestTree,
               problem: Callable[[int, str], None]) -> None:
    names = _argnames(call)
    wanted = [(names.index(p), p) for p, _ in params if p in names]
    values = call.args[1] if len(call.args) > 1 else _keyword(call, "argvalues")
    rows_node = assigned.get(values.id) if isinstance(values, ast.Name) else values
    if not isinstance(rows_node, ast.List | ast.Tuple):
        if wanted or _has_param_marks(values):
            problem(call.lineno, f"{test_id}: the rows of this parametrize are not a list or "
                                 "tuple literal (inline or assigned once at module level)")
        return
    ids = _keyword(call, "ids")
    for index, row in enumerate(rows_node.elts):
        fields, row_marks, row_id = row, _Marks(), None
        if _is_call(row, ("pytest.param", "param")):
            assert isinstance(row, ast.Call)
            fields = ast.Tuple(elts=list(row.args)) if len(names) > 1 else (
                row.args[0] if row.args else row)
            marks = _keyword(row, "marks")
            if marks is not None:
                _collect_marks(marks, row_marks, problem)
            row_id = _constant_str(_keyword(row, "id"))
        row_id = row_id or _row_id(ids, values, index, fields, len(names))
        row_test = f"{test_id}[{row_id}]"
        tree.citations.extend(RawCitation(row_test, shown, row.lineno, text, "mark")
                              for text, _ in row_marks.texts)
        for column, param in wanted:
            elts = fields.elts if isinstance(fields, ast.Tuple | ast.List) else [fields]
            value = _constant_str(elts[column]) if column < len(elts) else None
            if value is None:
                problem(row.lineno, f"{row_test}: the {param!r} value is not a literal string")
                continue
            tree.citations.append(RawCitation(row_test, shown, row.lineno, value, "row"))


def _has_param_marks(node: ast.expr | None) -> bool:
    """Does a row expression the scan cannot read hold a ``legal`` mark?"""
    return node is not None and any(isinstance(n, ast.expr) and _is_mark(n, "legal")
                                    for n in ast.walk(node))


def _row_id(ids: ast.expr | None, values: ast.expr | None, index: int, fields: ast.expr,
            width: int) -> str:
    """pytest's id of a row where it can be read statically, else the row's index."""
    if isinstance(ids, ast.List | ast.Tuple) and index < len(ids.elts):
        found = _constant_str(ids.elts[index])
        if found is not None:
            return found
    if (isinstance(ids, ast.ListComp) and isinstance(values, ast.Name)
            and len(ids.generators) == 1 and isinstance(ids.generators[0].iter, ast.Name)
            and ids.generators[0].iter.id == values.id
            and isinstance(ids.elt, ast.Subscript)
            and isinstance(ids.elt.slice, ast.Constant)
            and isinstance(ids.elt.slice.value, int)
            and isinstance(fields, ast.Tuple | ast.List)
            and ids.elt.slice.value < len(fields.elts)):
        found = _constant_str(fields.elts[ids.elt.slice.value])
        if found is not None:
            return found
    if width == 1 and isinstance(fields, ast.Constant) and isinstance(fields.value, str | int):
        return str(fields.value)
    return f"#{index}"


def _argnames(call: ast.Call) -> list[str]:
    node = call.args[0] if call.args else _keyword(call, "argnames")
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [n.strip() for n in node.value.split(",") if n.strip()]
    if isinstance(node, ast.List | ast.Tuple):
        return [s for s in (_constant_str(e) for e in node.elts) if s is not None]
    return []


def _collect_marks(node: ast.expr, into: _Marks, problem: Callable[[int, str], None]) -> None:
    """``legal`` marks in a decorator, a ``pytestmark`` value or a ``marks=`` value."""
    items = node.elts if isinstance(node, ast.List | ast.Tuple) else [node]
    for item in items:
        if not _is_mark(item, "legal"):
            continue
        if not isinstance(item, ast.Call):
            problem(item.lineno, "pytest.mark.legal without arguments proves nothing")
            continue
        for arg in item.args:
            text = _constant_str(arg)
            if text is None:
                problem(arg.lineno, "an argument of pytest.mark.legal is not a literal string")
            else:
                into.texts.append((text, arg.lineno))
        for keyword in item.keywords:
            value = _constant_str(keyword.value)
            if keyword.arg != "param" or value is None:
                problem(item.lineno, "pytest.mark.legal takes point codes and param=\"<name>\"")
            else:
                into.params.append((value, item.lineno))
        if not item.args and not item.keywords:
            problem(item.lineno, "pytest.mark.legal() without codes proves nothing")


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _is_call(node: ast.expr, names: Sequence[str]) -> bool:
    return isinstance(node, ast.Call) and _dotted(node.func) in names


def _is_mark(node: ast.expr, mark: str) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return _dotted(target) in (f"pytest.mark.{mark}", f"mark.{mark}")


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _constant_str(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def tests_citing(tree: TestTree, matcher: Matcher) -> tuple[list[TestRef], list[TestRef]]:
    """(proofs, hints) of one digest's points in a scanned test tree."""
    proofs: list[TestRef] = []
    hints: list[TestRef] = []
    for c in tree.citations:
        target = hints if c.via == "docstring" else proofs
        target.extend(TestRef(code, c.test, c.path, c.line, c.via) for code in matcher.cite(c.text))
    return proofs, hints
