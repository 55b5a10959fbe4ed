"""Fresh migrated test databases on SQLite and PostgreSQL, cloned from a template.

A :class:`DatabaseFactory` migrates one template database per session (the core
and every installed plugin, to all heads) and hands out copies: a file copy on
SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL (about 30 ms instead of a
migration per test). PostgreSQL needs ``IPREG_TEST_POSTGRES_URL``, a database
whose role may create databases; the copies are dropped when the session ends.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from ipreg.core.config import Settings
from ipreg.core.db import migrate
from ipreg.core.db.engine import sync_url
from ipreg.core.runtime import Runtime

#: The database backends every database test runs on.
BACKENDS = ["sqlite", "postgres"]
#: Names the PostgreSQL server of the tests (a role that may create databases).
POSTGRES_ENV = "IPREG_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    """The PostgreSQL URL of the tests, or ``None`` when they run on SQLite only."""
    return os.environ.get(POSTGRES_ENV) or None


def _pg_admin_url() -> str:
    url = postgres_url()
    assert url, f"{POSTGRES_ENV} is not set"
    return sync_url(url).set(database="postgres").render_as_string(False)


class DatabaseFactory:
    """Fresh migrated databases, cloned from a template migrated once per session."""

    def __init__(self, backend: str, workdir: Path) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"backend {backend!r} is not one of {BACKENDS}")
        self.backend = backend
        self.workdir = workdir
        self._template: str | None = None
        self.created: list[str] = []

    def _migrated_template(self) -> str:
        if self._template is None:
            url = self._new_empty(f"tpl_{uuid.uuid4().hex[:8]}")
            runtime = Runtime.create(Settings.from_env(database_url=url, plugins=None))
            migrate.upgrade(url, runtime.registry)
            self._template = url
        return self._template

    def _create(self, name: str, template: str | None = None) -> str:
        """``CREATE DATABASE ipreg_<name>`` on the server (a copy of ``template``)."""
        admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
        copy = f' TEMPLATE "{template}"' if template else ""
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "ipreg_{name}"{copy}'))
        admin.dispose()
        self.created.append(f"ipreg_{name}")
        return make_url(postgres_url() or "").set(database=f"ipreg_{name}").render_as_string(
            False)

    def _new_empty(self, name: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.workdir / (name + '.db')}"
        return self._create(name)

    def empty(self) -> str:
        """A database with no tables at all."""
        return self._new_empty(f"t_{uuid.uuid4().hex[:10]}")

    def migrated(self) -> str:
        """A database migrated to every head of the core and the installed plugins."""
        template = self._migrated_template()
        name = f"t_{uuid.uuid4().hex[:10]}"
        if self.backend == "sqlite":
            src = make_url(template).database
            assert src
            dst = self.workdir / f"{name}.db"
            shutil.copyfile(src, dst)
            return f"sqlite:///{dst}"
        return self._create(name, make_url(template).database)

    def drop_all(self) -> None:
        """Drop the PostgreSQL databases this factory made (SQLite files go with the tmp dir)."""
        if self.backend != "postgres" or not self.created:
            return
        admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
        left: list[str] = []
        with admin.connect() as conn:
            for name in self.created:
                if not _drop_database(conn, name):
                    left.append(name)
        admin.dispose()
        self.created.clear()
        if left:
            # Cleanup is a courtesy to the next run, not a test: report it, do not fail the session.
            print(f"\nnote: could not drop test databases {', '.join(left)}", file=sys.stderr)


async def load_demo(url: str, plugins: list[str] | None = None) -> None:
    """Load the demo data of every installed plugin (or of ``plugins``) into the migrated
    database ``url``, as ``ipreg demo`` does: each loader of
    ``ipreg_register_demo_loaders`` with the demo's seed, in its own transaction."""
    from ipreg.core.cli import DEMO_SEED

    runtime = Runtime.create(Settings.from_env(database_url=url, plugins=plugins))
    try:
        rng = random.Random(DEMO_SEED)
        for loaders in runtime.registry.pm.hook.ipreg_register_demo_loaders():
            for loader in loaders or []:
                async with runtime.sessionmaker() as session:
                    await loader(session, rng)
                    await session.commit()
    finally:
        await runtime.close()


def _drop_database(conn: Connection, name: str, attempts: int = 5) -> bool:
    """Drop a test database, retrying while PostgreSQL refuses to end a backend inside it.

    `WITH (FORCE)` ends the sessions in the database, but an autovacuum worker that starts
    in it belongs to no role, and terminating it needs `pg_signal_backend`
    (scripts/postgres grants it; a server set up otherwise may not).
    """
    for attempt in range(attempts):
        try:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return True
        except DBAPIError:
            time.sleep(0.2 * (attempt + 1))
    return False


__all__ = ["BACKENDS", "POSTGRES_ENV", "DatabaseFactory", "postgres_url"]
