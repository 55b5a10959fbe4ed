"""Shared fixtures: every database test runs on SQLite and, when configured, PostgreSQL.

The machinery is the ``ipreg`` pytest plugin (:mod:`ipreg.testing.pytest_plugin`),
which a register plugin's tests use too; the fixtures here give its ``ipreg_*``
fixtures the short names these tests were written with. Set
``IPREG_TEST_POSTGRES_URL`` (``.ci/run`` does) to a PostgreSQL database whose role
may create databases; each test then gets a fresh database cloned from a migrated
template. Without it the PostgreSQL cases are skipped, loudly.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import sample_object

from ipreg.core.config import Settings
from ipreg.core.runtime import Runtime
from ipreg.testing import (
    BACKENDS,
    Clock,
    DatabaseFactory,
    GraphQLClient,
    graphql_client,
    load_demo,
    postgres_url,
)

#: The example plugin's own tests need it installed: test_plugin_outside_tree runs them.
collect_ignore = ["plugin_example"]


@pytest.fixture
def backend(ipreg_db_backend: str) -> str:
    """``sqlite`` or ``postgres``: the database of the test."""
    return ipreg_db_backend


@pytest.fixture
def databases(backend: str,
              ipreg_database_factories: dict[str, DatabaseFactory]) -> DatabaseFactory:
    """Fresh databases of the test's backend (``@pytest.mark.parametrize("backend", [...])``
    restricts a test to some)."""
    return ipreg_database_factories[backend]


@pytest.fixture
def database_url(databases: DatabaseFactory) -> str:
    """A fresh database migrated with the core and every installed plugin."""
    return databases.migrated()


@pytest.fixture
def ipreg_database_url(database_url: str) -> str:
    """One database per test: the plugin's ``ipreg_runtime`` (``rt``) uses ``database_url``."""
    return database_url


@pytest.fixture(scope="session", params=BACKENDS)
def demo_database(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database with the demo data of every installed plugin (``ipreg demo``), shared
    by the tests that only read it (tests/test_anonymous_*.py)."""
    import asyncio

    if request.param == "postgres" and not postgres_url():
        pytest.skip("PostgreSQL not configured: set IPREG_TEST_POSTGRES_URL (see .ci/run)")
    factory = DatabaseFactory(request.param, tmp_path_factory.mktemp("demo"))
    url = factory.migrated()
    asyncio.run(load_demo(url))
    yield url
    factory.drop_all()


@pytest.fixture
async def runtime(database_url: str) -> AsyncIterator[Runtime]:
    """A runtime over ``database_url`` on the real clock (``ipreg_runtime`` has a test clock)."""
    rt = Runtime.create(Settings.from_env(database_url=database_url, plugins=None))
    yield rt
    await rt.close()


@pytest.fixture
def clock(ipreg_clock: Clock) -> Clock:
    """The time of ``rt``: Monday 2 March 2026, 08:00 UTC, moved by the test."""
    return ipreg_clock


@pytest.fixture
def rt(ipreg_runtime: Runtime) -> Runtime:
    """A runtime whose clock is ``clock`` (the procedure tests' runtime)."""
    return ipreg_runtime


@pytest.fixture
async def client(runtime: Runtime) -> AsyncIterator[GraphQLClient]:
    async with graphql_client(runtime) as http:
        yield http


@pytest.fixture(autouse=True)
def _no_plugin_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No configuration leaks in from the shell: every plugin loads, and search is
    the embedded backend in a file of the test's own (never ``./ipreg-search.db``)."""
    monkeypatch.delenv("IPREG_PLUGINS", raising=False)
    monkeypatch.delenv("IPREG_OPENSEARCH_URL", raising=False)
    monkeypatch.setenv("IPREG_SEARCH_PATH", str(tmp_path / "ipreg-search.db"))
    yield


@pytest.fixture
def add_objects(runtime: Runtime) -> Any:
    """``await add_objects(n)`` creates n sample objects and returns their database ids."""
    from ipreg.core.services.inputs import parse_object
    from ipreg.core.services.objects import PartyCache, create_object

    made = 0

    async def add(count: int, jurisdiction: str = "eaeu", **overrides: Any) -> list[int]:
        nonlocal made
        numbers = range(made, made + count)
        made += count
        async with runtime.sessionmaker() as session:
            parties = PartyCache(session)
            objs = [
                await create_object(
                    session, parse_object(sample_object(i, jurisdiction, **overrides)), parties
                )
                for i in numbers
            ]
            await session.commit()
            ids = [o.id for o in objs]
        return ids

    return add
