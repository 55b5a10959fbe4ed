"""Checks every reader of outside input shares: what no database column can hold.

One rule each, used by the GraphQL argument check (:mod:`ipreg.schema.arguments`),
the field reader (:mod:`ipreg.core.services.validation`: ``ipreg import objects``
and the EAEU forms), the procedure engine's input check and the cursors, so
SQLite and PostgreSQL refuse the same values, with the same words, before
anything is written:

* text never holds NUL (U+0000): PostgreSQL refuses it in ``text`` and ``jsonb``,
  SQLite would store it, and the audit trail's canonical JSON refuses it;
* a database id is a positive 64-bit integer (the ``BIGINT`` primary keys): a bigger
  number overflows SQLite's INTEGER and PostgreSQL's ``bigint``;
* a date lies in :data:`DATE_MIN`..:data:`DATE_MAX`, so date arithmetic (protection
  periods, time limits) cannot leave Python's years 1..9999.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

NUL = "\x00"
#: The largest database id (``BIGINT``).
MAX_DATABASE_ID = 2**63 - 1
#: The dates the register accepts (room for centuries of arithmetic on either side).
DATE_MIN = dt.date(1000, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)

NUL_PROBLEM = "contains a NUL character (U+0000), which cannot be stored"


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text, or ``None``."""
    return NUL_PROBLEM if NUL in value else None


def date_problem(value: dt.date) -> str | None:
    """Why ``value`` (a date or datetime) is not a date of the register, or ``None``."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if DATE_MIN <= day <= DATE_MAX:
        return None
    return f"{day.isoformat()} is not between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}"


def nul_path(value: Any, path: str = "") -> str | None:
    """The path of the first string (or key) holding NUL in a JSON-like value, or ``None``.

    Paths read like the input readers' ones: ``forms[0].name``.
    """
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and NUL in key:
                return where
            found = nul_path(item, where)
            if found is not None:
                return found
        return None
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            found = nul_path(item, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def whole_number(value: str, maximum: int = MAX_DATABASE_ID) -> int | None:
    """``value`` if it is ASCII digits for a number from 0 to ``maximum``, else ``None``."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if number <= maximum else None


def database_id(value: Any) -> int | None:
    """``value`` (an int or digits) as a database id, 1..2**63-1; ``None`` if it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_DATABASE_ID else None
    if isinstance(value, str):
        number = whole_number(value)
        return number if number else None
    return None


__all__ = [
    "DATE_MAX",
    "DATE_MIN",
    "MAX_DATABASE_ID",
    "NUL_PROBLEM",
    "database_id",
    "date_problem",
    "nul_path",
    "text_problem",
    "whole_number",
]
