"""Shared fixtures: every database test runs on SQLite and, when configured, PostgreSQL.

Set ``IPREG_TEST_POSTGRES_URL`` (``.ci/run`` does) to a PostgreSQL database whose
role may create databases; each test then gets a fresh database cloned from a
migrated template. Without it the PostgreSQL cases are skipped, loudly.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import BACKENDS, POSTGRES_URL, DatabaseFactory, sample_object

from ipreg.core.config import Settings
from ipreg.core.runtime import Runtime

_factories: dict[str, DatabaseFactory] = {}


def pytest_configure(config: pytest.Config) -> None:
    """Under ``.ci/run`` (``IPREG_TEST_REQUIRE_SERVERS=1``) every test runs on the real
    servers it starts: a missing PostgreSQL or OpenSearch is an error, never a skip."""
    if not os.environ.get("IPREG_TEST_REQUIRE_SERVERS"):
        return
    missing = [name for name in ("IPREG_TEST_POSTGRES_URL", "IPREG_TEST_OPENSEARCH_URL")
               if not os.environ.get(name)]
    if missing:
        raise pytest.UsageError(
            f"the tests need their servers: set {', '.join(missing)} "
            "(scripts/postgres start, scripts/opensearch start)"
        )


@pytest.fixture(scope="session")
def _workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("db")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres" and not POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set IPREG_TEST_POSTGRES_URL (see .ci/run)")
    return str(request.param)


@pytest.fixture
def databases(backend: str, _workdir: Path) -> DatabaseFactory:
    if backend not in _factories:
        _factories[backend] = DatabaseFactory(backend, _workdir)
    return _factories[backend]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    for factory in _factories.values():
        factory.drop_all()


@pytest.fixture
def database_url(databases: DatabaseFactory) -> str:
    """A fresh database migrated with the core and every installed plugin."""
    return databases.migrated()


@pytest.fixture
async def runtime(database_url: str) -> AsyncIterator[Runtime]:
    rt = Runtime.create(Settings.from_env(database_url=database_url, plugins=None))
    yield rt
    await rt.close()


@pytest.fixture
async def client(runtime: Runtime) -> AsyncIterator[GraphQLClient]:
    from ipreg.schema.app import create_app

    app = create_app(runtime)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield GraphQLClient(http)


class GraphQLClient:
    """Posts GraphQL documents and returns the decoded JSON response."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def query(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers or {}
        )
        result: dict[str, Any] = response.json()
        return result

    async def data(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        result = await self.query(query, variables, headers)
        assert "errors" not in result, result["errors"]
        data: dict[str, Any] = result["data"]
        return data


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
