"""Every hook is documented in docs/plugins.md with its exact signature (datasette's rule)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from ipreg.core import hookspecs

DOC = (Path(__file__).resolve().parent.parent / "docs" / "plugins.md").read_text(encoding="utf-8")
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
