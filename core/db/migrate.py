"""Alembic, driven from code: one branch for the core and one per plugin.

The version locations are collected from :func:`ipreg_migration_locations`; each
plugin's first revision carries its branch label and ``depends_on = "core"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from ipreg.core.db.engine import sync_url
from ipreg.core.plugins import Registry

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(database_url: str, registry: Registry) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    locations = registry.migration_locations()
    # Alembic splits version_locations on the path separator we choose.
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", _join(locations))
    cfg.set_main_option("sqlalchemy.url", sync_url(database_url).render_as_string(False))
    cfg.attributes["registry"] = registry
    return cfg


def _join(paths: list[str]) -> str:
    import os

    return os.pathsep.join(paths)


def upgrade(database_url: str, registry: Registry, target: str = "heads") -> None:
    command.upgrade(alembic_config(database_url, registry), target)


def downgrade(database_url: str, registry: Registry, target: str = "base") -> None:
    command.downgrade(alembic_config(database_url, registry), target)


def heads(database_url: str, registry: Registry) -> set[str]:
    """The revisions a database migrated to every head records.

    The branch heads, less those another head depends on: a plugin revision that
    depends on the core's head (``depends_on``) stands for both in
    ``alembic_version``, as Alembic records it.
    """
    script = ScriptDirectory.from_config(alembic_config(database_url, registry))
    tops = set(script.get_heads())
    below = {r.revision for head in tops for r in script.iterate_revisions(head, "base")
             if r.revision != head}
    return tops - below


def current(database_url: str, registry: Registry) -> set[str]:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())
    finally:
        engine.dispose()


def is_up_to_date(database_url: str, registry: Registry) -> bool:
    return current(database_url, registry) == heads(database_url, registry)


def drift(database_url: str, registry: Registry) -> list[Any]:
    """Differences between the models and the migrated database (empty = no drift)."""
    from alembic.autogenerate import compare_metadata

    from ipreg.core.db.base import Base

    owned = registry.model_tables()
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "include_name": _include_owned(owned),
                    "render_as_batch": True,
                },
            )
            return list(compare_metadata(ctx, Base.metadata))
    finally:
        engine.dispose()


def _include_owned(owned: set[str]) -> Any:
    def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
        if type_ == "table":
            return name in owned
        return True

    return include_name
