"""Helpers the tests share (importable because pytest puts tests/ on the path)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from ipreg.core.auth import Principal
from ipreg.core.config import Settings
from ipreg.core.db import migrate
from ipreg.core.db.engine import sync_url
from ipreg.core.runtime import Runtime

REPO = Path(__file__).resolve().parent.parent


def shared_file(*parts: str) -> Path:
    """A file of the project's shared/ folder (beside the repository, or IPREG_SHARED_DIR)."""
    root = Path(os.environ.get("IPREG_SHARED_DIR") or REPO.parent / "shared")
    return root.joinpath(*parts)


def require_file(path: Path) -> bool:
    """True if ``path`` exists; in CI (``CI=true``) a missing file is an error, not a skip."""
    if path.exists():
        return True
    if os.environ.get("CI"):
        raise FileNotFoundError(f"{path} is required in CI (set IPREG_SHARED_DIR)")
    return False


POSTGRES_URL = os.environ.get("IPREG_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgres"]


def _pg_admin_url() -> str:
    assert POSTGRES_URL
    return sync_url(POSTGRES_URL).set(database="postgres").render_as_string(False)


class DatabaseFactory:
    """Fresh migrated databases, cloned from a template migrated once per session."""

    def __init__(self, backend: str, workdir: Path) -> None:
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

    def _new_empty(self, name: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.workdir / (name + '.db')}"
        admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "ipreg_{name}"'))
        admin.dispose()
        self.created.append(f"ipreg_{name}")
        return make_url(POSTGRES_URL or "").set(database=f"ipreg_{name}").render_as_string(False)

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
        admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
        tpl = make_url(template).database
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "ipreg_{name}" TEMPLATE "{tpl}"'))
        admin.dispose()
        self.created.append(f"ipreg_{name}")
        return make_url(POSTGRES_URL or "").set(database=f"ipreg_{name}").render_as_string(False)

    def drop_all(self) -> None:
        if self.backend != "postgres" or not self.created:
            return
        admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
        left: list[str] = []
        with admin.connect() as conn:
            for name in self.created:
                if not _drop_database(conn, name):
                    left.append(name)
        admin.dispose()
        if left:
            # Cleanup is a courtesy to the next run, not a test: report it, do not fail the session.
            print(f"\nnote: could not drop test databases {', '.join(left)}", file=sys.stderr)


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


def sample_object(i: int, jurisdiction: str = "eaeu", **overrides: Any) -> dict[str, Any]:
    """An IP object in the import JSON form, with every relation filled."""
    data: dict[str, Any] = {
        "jurisdiction": jurisdiction,
        "kind": "trademark",
        "name": f"ЗЕЛЕНА МАРКА {i}",
        "status": "included",
        "registerNumber": f"{i:05d}/TZ/{i:04d}",
        "keywords": [f"zelena marka {i}", f"зелена {i}"],
        "holders": [
            {"name": f"ТОВ Зелена {i % 3}", "country": "UA"},
            {"name": "Green Mark GmbH", "country": "DE"},
        ],
        "representatives": [{"name": "Патентне бюро", "country": "UA"}],
        "goods": [
            {"description": "Чай", "hsCodes": ["090210"], "niceClasses": [30]},
            {"description": "Кава", "hsCodes": ["090111", "090112"], "niceClasses": [30, 43]},
        ],
        "statusHistory": [
            {"status": "filed", "date": "2024-01-10"},
            {"status": "included", "date": "2024-03-01", "basisNumber": f"{i:04d}"},
        ],
        "rightTerms": [{"country": "KZ", "expiresOn": "2030-01-01"}],
    }
    data.update(overrides)
    return data


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@dataclass
class Cast:
    applicant: Principal
    other_applicant: Principal
    examiner: Principal
    foreign_examiner: Principal
    applicant_party: int
