"""Revision c0003 creates exactly the auth tables the models describe, and removes them."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect
from support import DatabaseFactory

import ipreg.core.model.auth  # noqa: F401  (the auth models in the metadata the check compares)
from ipreg.core.config import Settings
from ipreg.core.db import migrate
from ipreg.core.db.engine import sync_url
from ipreg.core.runtime import Runtime

AUTH_TABLES = {"app_user", "user_grant", "api_key", "api_key_grant"}


def _tables(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _mentions_auth_table(item: object) -> bool:
    return any(table in repr(item) for table in AUTH_TABLES)


def test_the_auth_models_and_migration_do_not_drift(databases: DatabaseFactory) -> None:
    url = databases.empty()
    registry = Runtime.create(Settings.from_env(database_url=url)).registry
    assert registry.model_tables() >= AUTH_TABLES
    migrate.upgrade(url, registry)
    assert _tables(url) >= AUTH_TABLES
    diff = migrate.drift(url, registry)
    # First the auth tables alone, so that a failure says whose it is; then everything.
    assert [item for item in diff if _mentions_auth_table(item)] == []
    assert diff == []


def test_c0003_goes_down_and_up_again(databases: DatabaseFactory) -> None:
    url = databases.empty()
    registry = Runtime.create(Settings.from_env(database_url=url)).registry
    migrate.upgrade(url, registry, "c0003")
    assert _tables(url) >= AUTH_TABLES
    migrate.downgrade(url, registry, "c0002")
    assert not AUTH_TABLES & _tables(url)
    migrate.upgrade(url, registry, "c0003")
    assert _tables(url) >= AUTH_TABLES
