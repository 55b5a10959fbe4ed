"""Every hook is documented in docs/plugins.md with its exact signature, and has a test
(datasette's rules: ``tests/test_docs.py``, ``test_plugin_hooks_have_tests``)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from ipreg.core import hookspecs

TESTS = Path(__file__).resolve().parent
DOC = (TESTS.parent / "docs" / "plugins.md").read_text(encoding="utf-8")
HOOKS = [
    (name, fn)
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if name.startswith("ipreg_")
]


@pytest.mark.parametrize(("name", "fn"), HOOKS, ids=[name for name, _ in HOOKS])
def test_every_hook_is_documented_with_its_signature(name: str, fn: object) -> None:
    params = ", ".join(inspect.signature(fn).parameters)  # type: ignore[arg-type]
    assert f"### `{name}({params})`" in DOC


@pytest.mark.parametrize(("name", "fn"), HOOKS, ids=[name for name, _ in HOOKS])
def test_every_hook_says_what_it_returns_and_when_it_is_called(name: str, fn: object) -> None:
    doc = inspect.getdoc(fn) or ""
    assert "Called" in doc, f"{name}: say when the core calls it"
    assert "Return" in doc, f"{name}: say what it returns"


def _hook_marks(node: ast.AST) -> list[str]:
    """The hooks named by ``@pytest.mark.hook("...")`` decorators of ``node``."""
    names = []
    for decorator in getattr(node, "decorator_list", []):
        if (isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "pytest.mark.hook"
                and decorator.args and isinstance(decorator.args[0], ast.Constant)):
            names.append(str(decorator.args[0].value))
    return names


def hooks_and_their_tests() -> dict[str, list[str]]:
    """Hook name -> the tests that name it: marked ``@pytest.mark.hook(name)`` (a test, or
    a test class), or with the hook's name in the test's own name."""
    found: dict[str, list[str]] = {}
    hooks = [name for name, _ in HOOKS]
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if not node.name.startswith(("test_", "Test")):
                continue
            named = _hook_marks(node) + [h for h in hooks if h in node.name]
            for hook in named:
                found.setdefault(hook, []).append(f"{path.relative_to(TESTS)}::{node.name}")
    return found


def test_every_hook_has_a_test() -> None:
    covered = hooks_and_their_tests()
    missing = [name for name, _ in HOOKS if not covered.get(name)]
    assert not missing, (
        f"hooks without a test: {missing}; mark the test that exercises each with "
        "@pytest.mark.hook(\"<hook name>\")")
    unknown = sorted(set(covered) - {name for name, _ in HOOKS})
    assert not unknown, f"tests marked with hooks that do not exist: {unknown}"


def test_every_fixture_and_name_of_ipreg_testing_is_documented() -> None:
    import ipreg.testing
    from ipreg.testing import pytest_plugin

    section = DOC.split("## Testing a plugin: `ipreg.testing`", 1)[1]
    fixtures = [name for name in vars(pytest_plugin) if name.startswith("ipreg_")]
    assert "ipreg_driver" in fixtures
    missing = [name for name in [*fixtures, *ipreg.testing.__all__]
               if f"`{name}" not in section and f" {name}(" not in section]
    assert not missing, f"document these in docs/plugins.md (Testing a plugin): {missing}"
