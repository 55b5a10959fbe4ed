"""Database access for the core and plugins."""

from ipreg.core.db.base import (
    Base,
    BigId,
    Json,
    UtcDateTime,
    core_table_args,
    owned_table_args,
    utcnow,
)
from ipreg.core.db.engine import is_sqlite, make_engine, make_sessionmaker
from ipreg.core.db.text import contains_folded, fold, folded, like_pattern

__all__ = [
    "Base",
    "BigId",
    "Json",
    "UtcDateTime",
    "contains_folded",
    "core_table_args",
    "fold",
    "folded",
    "is_sqlite",
    "like_pattern",
    "make_engine",
    "make_sessionmaker",
    "owned_table_args",
    "utcnow",
]
