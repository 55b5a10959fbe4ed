"""Case-insensitive matching of text in every script, the same on SQLite and PostgreSQL.

SQLite's ``lower()``, ``LIKE`` and ``NOCASE`` fold ASCII only, so ``name ILIKE
'%мишка%'`` misses ``Мишка`` on the embedded database. :func:`contains_folded`
compares *folded* text instead: the value and the pattern lower-cased by Unicode
rules (Cyrillic, Armenian, Greek, Latin with diacritics...) and ``ё`` read as
``е`` (Russian and Belarusian texts write either). On SQLite the folding is the
Python function :func:`fold`, registered on every connection of
:func:`ipreg.core.db.make_engine` as ``ipreg_fold``; on PostgreSQL it is
``translate(lower(x), 'ё', 'е')``, whose ``lower`` folds Unicode under the UTF-8
``LC_CTYPE`` ipreg's databases are created with (``C.UTF-8`` or a language locale;
not the byte-wise ``C``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

#: The SQL name of :func:`fold` on SQLite connections.
SQLITE_FOLD = "ipreg_fold"


def fold(text: str) -> str:
    """``text`` as :func:`contains_folded` compares it: lower case, ``ё`` as ``е``."""
    return text.lower().replace("ё", "е")


def _sqlite_fold(value: Any) -> Any:
    return fold(value) if isinstance(value, str) else value


def register_sqlite_functions(dbapi_connection: Any) -> None:
    """Give a SQLite connection ``ipreg_fold(text)`` (deterministic, so usable in
    indexes); :func:`ipreg.core.db.make_engine` does it on every connection."""
    dbapi_connection.create_function(SQLITE_FOLD, 1, _sqlite_fold, deterministic=True)


class folded(FunctionElement[str]):
    """``folded(column)``: the column's text as :func:`fold` folds it, in SQL."""

    type = String()
    name = "folded"
    inherit_cache = True


@compiles(folded)
def _folded_default(element: folded, compiler: Any, **kw: Any) -> str:
    (argument,) = element.clauses
    return str(compiler.process(func.translate(func.lower(argument), literal("ё"),
                                               literal("е")), **kw))


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler: Any, **kw: Any) -> str:
    return f"{SQLITE_FOLD}({compiler.process(element.clauses, **kw)})"


def like_pattern(text: str) -> str:
    """``%text%`` with ``\\``, ``%`` and ``_`` escaped (``ESCAPE '\\'``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains_folded(column: Any, text: str) -> ColumnElement[bool]:
    """``column`` contains ``text``, case-insensitively in every script (``мишка``
    finds ``Мишка``, ``արարատ`` finds ``ԱՐԱՐԱՏ``, ``елка`` finds ``Ёлка``); ``%``
    and ``_`` in ``text`` are literal."""
    return folded(column).like(like_pattern(fold(text)), escape="\\")


__all__ = ["SQLITE_FOLD", "contains_folded", "fold", "folded", "like_pattern",
           "register_sqlite_functions"]
