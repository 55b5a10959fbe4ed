"""ipreg.testing's rule-table changes (``edit``, ``edits``) change a form in one place and
leave the row's value and every other form untouched."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ipreg.testing import edit, edits

FORM: dict[str, Any] = {"name": "Sunny", "holders": [{"name": "A", "address": "Kyiv"}],
                        "goods": [{"classes": [30]}]}


def fresh() -> dict[str, Any]:
    return copy.deepcopy(FORM)


def test_edit_sets_a_value_at_a_path_of_keys_and_indexes() -> None:
    data = fresh()
    edit(["holders", 0, "address"], "Lviv")(data)
    assert data["holders"] == [{"name": "A", "address": "Lviv"}]
    assert {k: v for k, v in data.items() if k != "holders"} == {
        k: v for k, v in FORM.items() if k != "holders"}


def test_edit_with_key_error_removes_the_value() -> None:
    data = fresh()
    edit(["holders", 0, "address"], KeyError)(data)
    assert data["holders"] == [{"name": "A"}]
    edit(["name"], KeyError)(data)
    assert "name" not in data


def test_each_form_gets_its_own_copy_of_the_value() -> None:
    """A row's value is shared by every run of the row: a parser (or the next change)
    that changes the form must not change the row."""
    value = [30, 31]
    change = edit(["goods", 0, "classes"], value)
    first, second = fresh(), fresh()
    change(first)
    first["goods"][0]["classes"].append(99)
    change(second)
    assert value == [30, 31] and second["goods"][0]["classes"] == [30, 31]


def test_edits_applies_every_change_in_order() -> None:
    data = fresh()
    edits(edit(["holders"], [{"name": "B"}]), edit(["holders", 0, "name"], "C"))(data)
    assert data["holders"] == [{"name": "C"}]


def test_a_path_that_is_not_in_the_form_fails_loudly() -> None:
    with pytest.raises(KeyError):
        edit(["representative", "name"], "X")(fresh())
    with pytest.raises(ValueError, match="no value"):
        edit([], "X")
