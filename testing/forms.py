"""Rule tables of forms: one valid form, changed in one place per row.

A form's rule-table test (``tests/eaeu/test_forms.py``) starts from a valid form and
breaks it in one place per row; :func:`edit` and :func:`edits` are those changes::

    CASES = [
        ("no name", edit(["name"], KeyError), "name", "R174 A1 T1 5.2"),
        ("a second holder without address",
         edits(edit(["holders"], [HOLDER, HOLDER]), edit(["holders", 1, "address"], KeyError)),
         "holders[1].address", "R174 A1 T1 3"),
    ]

    @pytest.mark.parametrize(("what", "change", "path", "rule"), CASES)
    def test_each_rule(what, change, path, rule):
        data = valid()
        change(data)
        ...
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

#: A change of a form's data, in place.
Change = Callable[[dict[str, Any]], None]


def edit(path: Sequence[str | int], value: Any) -> Change:
    """A change that sets the value at ``path`` (keys of objects and indexes of lists,
    from the form's root) to a copy of ``value``, or removes it when ``value`` is
    ``KeyError``. Every key but the last must exist."""
    if not path:
        raise ValueError("edit: the path names no value")
    keys = list(path)

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        if value is KeyError:
            del target[keys[-1]]
        else:
            target[keys[-1]] = copy.deepcopy(value)

    return change


def edits(*changes: Change) -> Change:
    """One change made of several, applied in order (a rule that needs two values wrong
    at once)."""

    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)

    return change
