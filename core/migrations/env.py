"""Alembic environment for ipreg: core and plugin branches, SQLite batch mode."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from ipreg.core.db.base import Base
from ipreg.core.db.migrate import _include_owned

config = context.config
registry = config.attributes["registry"]


def run_migrations() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            compare_type=True,
            include_name=_include_owned(registry.model_tables()),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
