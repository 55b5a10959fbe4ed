"""The ``ipreg`` pytest plugin: fixtures for testing the core and any register plugin.

Registered through the ``pytest11`` entry point, so installing ipreg is enough
(as datasette's ``datasette/_pytest_plugin.py``). Every fixture is named
``ipreg_*`` and never used unless asked for, so it cannot shadow a project's own.

Databases and search backends are parameters: a test asking for a database runs
on SQLite and on PostgreSQL (``IPREG_TEST_POSTGRES_URL``), one asking for search on
the embedded backend and on OpenSearch (``IPREG_TEST_OPENSEARCH_URL``); a server
that is not configured skips its cases, loudly, unless
``IPREG_TEST_REQUIRE_SERVERS=1`` makes that an error (as in CI).

=========================  =====================================================
``ipreg_db_backend``       ``sqlite`` / ``postgres`` (parametrised)
``ipreg_databases``        the :class:`~ipreg.testing.DatabaseFactory` of it
``ipreg_database_url``     a fresh database migrated with every installed plugin
``ipreg_clock``            a :class:`~ipreg.testing.Clock` at Monday 2 March 2026
``ipreg_plugins``          plugins to load (``None``: every installed one)
``ipreg_extra_plugins``    ``(name, plugin)`` pairs registered directly
``ipreg_runtime``          a runtime over the database, with the clock
``ipreg_client``           a :class:`~ipreg.testing.GraphQLClient` over HTTP
``ipreg_search_kind``      ``embedded`` / ``opensearch`` (parametrised)
``ipreg_search_backend``   an empty backend of that kind
``ipreg_search``           a search service of that kind installed in the runtime
``ipreg_cast``             the :class:`~ipreg.testing.Cast` (override it)
``ipreg_driver``           a :class:`~ipreg.testing.ProcedureDriver`
=========================  =====================================================
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

try:
    from pytest_asyncio import fixture as async_fixture
except ImportError:  # pragma: no cover - without pytest-asyncio the async fixtures cannot run
    async_fixture = pytest.fixture  # type: ignore[assignment]

if TYPE_CHECKING:
    from ipreg.core.runtime import Runtime
    from ipreg.search.backend import SearchBackend
    from ipreg.search.service import SearchService
    from ipreg.testing.databases import DatabaseFactory
    from ipreg.testing.graphql import GraphQLClient
    from ipreg.testing.procedures import Cast, Clock, ProcedureDriver

SERVERS = ("IPREG_TEST_POSTGRES_URL", "IPREG_TEST_OPENSEARCH_URL")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "hook(name): the test exercises the plugin hook `name` "
        "(every hook has a test: tests/test_docs.py)")
    if os.environ.get("IPREG_TEST_REQUIRE_SERVERS"):
        missing = [name for name in SERVERS if not os.environ.get(name)]
        if missing:
            raise pytest.UsageError(
                f"the tests need their servers: set {', '.join(missing)} "
                "(scripts/postgres start, scripts/opensearch start)")


# ---------------------------------------------------------------- databases


@pytest.fixture(scope="session")
def ipreg_database_factories(
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, DatabaseFactory]]:
    """One factory per backend for the session; its PostgreSQL databases dropped at the end."""
    from ipreg.testing.databases import DatabaseFactory

    workdir = tmp_path_factory.mktemp("ipreg-db")
    factories: dict[str, DatabaseFactory] = {
        backend: DatabaseFactory(backend, workdir) for backend in ("sqlite", "postgres")}
    yield factories
    for factory in factories.values():
        factory.drop_all()


@pytest.fixture(params=["sqlite", "postgres"])
def ipreg_db_backend(request: pytest.FixtureRequest) -> str:
    """The database backend of the test: ``sqlite``, then ``postgres``."""
    from ipreg.testing.databases import postgres_url

    if request.param == "postgres" and not postgres_url():
        pytest.skip("PostgreSQL not configured: set IPREG_TEST_POSTGRES_URL (see .ci/run)")
    return str(request.param)


@pytest.fixture
def ipreg_databases(ipreg_db_backend: str,
                    ipreg_database_factories: dict[str, DatabaseFactory]) -> DatabaseFactory:
    """Fresh databases of the test's backend (``.migrated()``, ``.empty()``)."""
    return ipreg_database_factories[ipreg_db_backend]


@pytest.fixture
def ipreg_database_url(ipreg_databases: DatabaseFactory) -> str:
    """A fresh database migrated with the core and every installed plugin."""
    return ipreg_databases.migrated()


# ---------------------------------------------------------------- the runtime


@pytest.fixture
def ipreg_clock() -> Clock:
    """The test's time, Monday 2 March 2026 08:00 UTC; override it for another start."""
    from ipreg.testing.procedures import Clock

    return Clock()


@pytest.fixture
def ipreg_plugins() -> list[str] | None:
    """The installed plugins to load (``None``: all); override to test a subset."""
    return None


@pytest.fixture
def ipreg_extra_plugins() -> list[tuple[str, Any]]:
    """``(name, plugin)`` pairs registered directly, for a plugin not installed."""
    return []


@async_fixture
async def ipreg_runtime(ipreg_database_url: str, ipreg_clock: Clock,
                        ipreg_plugins: list[str] | None,
                        ipreg_extra_plugins: list[tuple[str, Any]],
                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                        ) -> AsyncIterator[Runtime]:
    """A runtime over a fresh database whose clock is ``ipreg_clock``. Search, unless
    ``ipreg_search`` installs another backend, is embedded in a file of the test's own."""
    from ipreg.core.config import Settings
    from ipreg.core.runtime import Runtime

    monkeypatch.setenv("IPREG_SEARCH_PATH", str(tmp_path / "ipreg-search.db"))
    settings = replace(Settings.from_env(database_url=ipreg_database_url),
                       plugins=ipreg_plugins, opensearch_url=None)
    runtime = Runtime.create(settings, extra_plugins=ipreg_extra_plugins)
    runtime.clock = ipreg_clock
    yield runtime
    await runtime.close()


@async_fixture
async def ipreg_client(ipreg_runtime: Runtime) -> AsyncIterator[GraphQLClient]:
    """GraphQL over HTTP through the whole application (credentials in headers)."""
    from ipreg.testing.graphql import graphql_client

    async with graphql_client(ipreg_runtime) as client:
        yield client


# ---------------------------------------------------------------- search


@pytest.fixture(params=["embedded", "opensearch"])
def ipreg_search_kind(request: pytest.FixtureRequest) -> str:
    """The search backend of the test: ``embedded``, then ``opensearch``."""
    from ipreg.testing.search import opensearch_url

    if request.param == "opensearch" and not opensearch_url():
        pytest.skip("OpenSearch not configured: set IPREG_TEST_OPENSEARCH_URL")
    return str(request.param)


@async_fixture
async def ipreg_search_backend(ipreg_search_kind: str,
                               tmp_path: Path) -> AsyncIterator[SearchBackend]:
    """An empty, prepared search backend of each kind."""
    from ipreg.testing.search import fresh_search_backend

    async with fresh_search_backend(ipreg_search_kind, tmp_path) as backend:
        yield backend


@async_fixture
async def ipreg_search(ipreg_runtime: Runtime, ipreg_search_kind: str,
                       tmp_path: Path) -> AsyncIterator[SearchService]:
    """A search service of each kind, installed in ``ipreg_runtime``."""
    from ipreg.testing.search import search_service

    async with search_service(ipreg_runtime, ipreg_search_kind, tmp_path) as service:
        yield service


# ---------------------------------------------------------------- procedures


@pytest.fixture
def ipreg_cast() -> Cast:
    """The people of the tests; override it (it may be async and use ``ipreg_runtime``)."""
    from ipreg.testing.procedures import Cast

    return Cast()


@pytest.fixture
def ipreg_driver(ipreg_runtime: Runtime, ipreg_clock: Clock,
                 ipreg_cast: Cast) -> ProcedureDriver:
    """Opens cases, acts as the cast, moves the clock: see :class:`ProcedureDriver`."""
    from ipreg.testing.procedures import ProcedureDriver

    return ProcedureDriver(ipreg_runtime, ipreg_clock, ipreg_cast)
