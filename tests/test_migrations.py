"""Migrations: core and plugin branches go up, down and up again, and match the models."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect
from support import DatabaseFactory

from ipreg.core.config import Settings
from ipreg.core.db import migrate
from ipreg.core.db.engine import sync_url
from ipreg.core.runtime import Runtime


def _tables(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(databases: DatabaseFactory) -> None:
    url = databases.empty()
    registry = Runtime.create(Settings.from_env(database_url=url)).registry
    migrate.upgrade(url, registry)
    heads = migrate.heads(url, registry)
    assert migrate.current(url, registry) == heads
    migrated = _tables(url)
    assert {"ip_object", "party", "change_event", "case", "notification"} <= migrated

    migrate.downgrade(url, registry)
    assert migrate.current(url, registry) == set()
    assert _tables(url) <= {"alembic_version"}

    migrate.upgrade(url, registry)
    assert migrate.current(url, registry) == heads
    assert _tables(url) == migrated


def test_models_and_migrations_do_not_drift(databases: DatabaseFactory) -> None:
    url = databases.empty()
    registry = Runtime.create(Settings.from_env(database_url=url)).registry
    migrate.upgrade(url, registry)
    assert migrate.drift(url, registry) == []


def test_every_plugin_branch_depends_on_the_core(databases: DatabaseFactory) -> None:
    from alembic.script import ScriptDirectory

    url = databases.empty()
    registry = Runtime.create(Settings.from_env(database_url=url)).registry
    script = ScriptDirectory.from_config(migrate.alembic_config(url, registry))
    for revision in script.walk_revisions():
        if revision.down_revision is None and revision.branch_labels != {"core"}:
            assert revision.dependencies, f"{revision.revision} must depend on the core branch"
