"""The plugin boundary: a plugin imports only the modules ``docs/plugins.md`` documents.

What the page does not document is not the plugin API (issue 13). The table of its
section "The plugin API: the whole boundary" is read here, and every import of
``ipreg`` in every plugin of the tree (``plugins/*``, migrations included) and in the
example third-party plugin (``tests/plugin_example``) is checked against it — at
module level and inside functions, ``import`` and ``from … import`` alike, with
``from ipreg.schema import exports`` counting as the module ``ipreg.schema.exports``.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "plugins.md"
PLUGIN_TREES = [*sorted(p for p in (ROOT / "plugins").iterdir() if p.is_dir()
                        and (p / "__init__.py").exists()),
                ROOT / "tests" / "plugin_example" / "ipreg_example",
                ROOT / "tests" / "plugin_example" / "tests"]
OWN_PREFIXES = ("ipreg.plugins.", "ipreg_example")


def documented_api() -> tuple[frozenset[str], tuple[str, ...]]:
    """(modules, packages whose submodules are open too) from the documented table."""
    text = DOCS.read_text()
    start = text.index("<!-- plugin-api")
    table = text[start:text.index("\n\n", text.index("| module |", start))]
    modules: set[str] = set()
    packages: list[str] = []
    for cell in re.findall(r"^\| `([a-z_.*]+)` \|", table, flags=re.M):
        if cell.endswith(".*"):
            packages.append(cell[:-2])
            modules.add(cell[:-2])
        else:
            modules.add(cell)
    return frozenset(modules), tuple(packages)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """Every ``ipreg`` module a file imports, with its line."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "ipreg" or alias.name.startswith("ipreg."):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and (node.module == "ipreg" or node.module.startswith("ipreg.")):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                yield node.lineno, sub if _is_module(sub) else node.module


def allowed(module: str, modules: frozenset[str], packages: tuple[str, ...]) -> bool:
    if module.startswith(OWN_PREFIXES):
        return True
    return module in modules or any(module.startswith(f"{p}.") for p in packages)


def plugin_files() -> list[Path]:
    return sorted(f for tree in PLUGIN_TREES for f in tree.rglob("*.py")
                  if "build" not in f.relative_to(ROOT).parts)


def test_the_documented_api_lists_modules_that_exist() -> None:
    modules, _ = documented_api()
    assert len(modules) > 20
    missing = sorted(m for m in modules if not _is_module(m))
    assert missing == []


@pytest.mark.parametrize("path", plugin_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_plugin_imports_only_the_documented_api(path: Path) -> None:
    modules, packages = documented_api()
    outside = [f"{path.relative_to(ROOT)}:{line}: {module}"
               for line, module in imported_modules(path)
               if not allowed(module, modules, packages)]
    assert outside == [], ("not the plugin API (docs/plugins.md, 'The plugin API'): "
                           + "; ".join(outside))


def test_the_boundary_check_catches_an_internal_import(tmp_path: Path) -> None:
    """The check itself can fail: an import of an engine internal is outside the API."""
    modules, packages = documented_api()
    probe = tmp_path / "probe.py"
    probe.write_text("from ipreg.core.procedures.engine import ProcedureEngine\n"
                     "from ipreg.schema import exports\n"
                     "def later():\n    import ipreg.core.db.base\n")
    found = {module: allowed(module, modules, packages)
             for _, module in imported_modules(probe)}
    assert found == {"ipreg.core.procedures.engine": False, "ipreg.schema.exports": True,
                     "ipreg.core.db.base": False}
