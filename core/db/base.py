"""The declarative base shared by the core and every plugin.

One ``MetaData`` with a naming convention, so that constraint names are stable
and the same Alembic revisions run on SQLite (in batch mode) and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, MetaData, TypeDecorator
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: A big integer primary key that is still SQLite's INTEGER PRIMARY KEY (rowid).
BigId = BigInteger().with_variant(Integer(), "sqlite")

#: JSON stored as JSONB on PostgreSQL.
Json = JSON().with_variant(postgresql.JSONB(), "postgresql").with_variant(sqlite.JSON(), "sqlite")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC timestamp is required")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Derive every model from this; see :func:`ipreg.core.hookspecs.ipreg_register_models`."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dt.datetime: UtcDateTime,
        dict[str, Any]: Json,
        list[str]: Json,
        list[dict[str, Any]]: Json,
    }


def owned_table_args(owner: str, *constraints: Any) -> tuple[Any, ...]:
    """``__table_args__`` marking a table as owned by ``owner`` (``core`` or a plugin)."""
    return (*constraints, {"info": {"owner": owner}})


def core_table_args(*constraints: Any) -> tuple[Any, ...]:
    """``__table_args__`` marking a table as owned by the core."""
    return owned_table_args("core", *constraints)
