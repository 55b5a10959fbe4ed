"""Search wired into the application: the server's indexer follows the change feed,
``search`` is in the core schema, and the ``ipreg`` command has ``import objects``
and ``search reindex|sync|status|query`` (issue #6, "API" and "Consistency")."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from support import sample_object

from ipreg.core.model import IPObject
from ipreg.core.runtime import Runtime
from ipreg.core.services.objects import load_object, set_status

SEARCH = """query ($text: String!) { search(text: $text) {
  totalCount facets { status { value count } }
  edges { matchedAs { field matchedAs } node { id name registerNumber } } } }"""


@pytest.fixture
async def server(
    runtime: Runtime, search_service: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """The ASGI application with its lifespan running (workers, the indexer), on
    each search backend (OpenSearch: a real node, an index prefix of the test's own)."""
    from ipreg.schema.app import create_app

    # search_service is in runtime.extras: what SearchService.of(runtime) returns.
    app = create_app(runtime)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def _search(http: httpx.AsyncClient, text: str) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": SEARCH, "variables": {"text": text}})
    body = response.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["search"]
    return result


async def _eventually(http: httpx.AsyncClient, text: str, check: Any) -> dict[str, Any]:
    """The index follows commits asynchronously: wait (up to 30 s) until ``check`` holds."""
    result: dict[str, Any] = {}
    for _ in range(300):
        result = await _search(http, text)
        if check(result):
            return result
        await asyncio.sleep(0.1)
    raise AssertionError(f"the index never caught up: {result}")


async def test_a_committed_object_is_found_across_scripts_through_the_server(
    server: httpx.AsyncClient, runtime: Runtime, add_objects: Any
) -> None:
    # A register that publishes the status (EAEU does not: R174 A1 T1 8.1, so its
    # status facet counts nothing for an anonymous caller).
    [object_id] = await add_objects(1, "ukraine")
    found = await _eventually(server, "zelena marka 0", lambda r: r["totalCount"] == 1)
    assert found["edges"][0]["node"]["name"] == "ЗЕЛЕНА МАРКА 0"
    assert {m["matchedAs"] for m in found["edges"][0]["matchedAs"]} & {
        "uk-kmu-2010", "ru-icao-9303", "ru-gost-7.79-b", "reading", "folded",
    }

    # A later change reaches the index too: the status facet follows it.
    async with runtime.sessionmaker() as session:
        obj = await load_object(session, object_id)
        await set_status(session, obj, "excluded", dt.date(2026, 11, 1))
        await session.commit()
    await _eventually(
        server, "ЗЕЛЕНА МАРКА 0",
        lambda r: r["facets"]["status"] == [{"value": "excluded", "count": 1}],
    )


async def test_health_checks_the_search_backend(server: httpx.AsyncClient) -> None:
    response = await server.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"]["search"] == "ok"


def _ipreg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from ipreg.core.cli import main; main()", *args],
        capture_output=True, text=True, env=env, timeout=300,
    )


def test_import_reindex_and_query_from_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "IPREG_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "IPREG_SEARCH_PATH": str(tmp_path / "cli-search.db")}
    env.pop("IPREG_OPENSEARCH_URL", None)
    assert _ipreg("db", "upgrade", env=env).returncode == 0
    lines = []
    for i in range(3):
        record = sample_object(i)
        record.pop("representatives", None)
        lines.append(json.dumps(record, ensure_ascii=False))
    source = tmp_path / "objects.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    imported = _ipreg("import", "objects", "--no-progress", str(source), env=env)
    assert imported.returncode == 0, imported.stderr
    assert "imported 3 IP objects" in imported.stdout

    status = _ipreg("search", "status", env=env)
    assert "behind\t" in status.stdout and "behind\t0" not in status.stdout

    rebuilt = _ipreg("search", "reindex", "--no-progress", env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "search index rebuilt: 3 IP objects" in rebuilt.stdout
    assert "behind\t0" in _ipreg("search", "status", env=env).stdout

    hits = _ipreg("search", "query", "zelena", "marka", "2", env=env)
    assert hits.returncode == 0, hits.stderr
    assert hits.stdout.splitlines()[0] == "1 matching"


def test_a_bad_import_file_changes_nothing_and_exits_non_zero(tmp_path: Path) -> None:
    env = {**os.environ, "IPREG_DATABASE_URL": f"sqlite:///{tmp_path / 'bad.db'}"}
    assert _ipreg("db", "upgrade", env=env).returncode == 0
    source = tmp_path / "bad.jsonl"
    source.write_text('{"jurisdiction": "eaeu"}\nnot json\n', encoding="utf-8")
    result = _ipreg("import", "objects", "--no-progress", str(source), env=env)
    assert result.returncode == 1
    assert f"{source}:1:" in result.stderr and f"{source}:2:" in result.stderr
    assert "nothing imported" in result.stderr


async def test_the_core_schema_has_search(runtime: Runtime) -> None:
    from ipreg.schema.build import build_schema

    sdl = build_schema(runtime.registry, runtime.settings).as_str()
    assert "search(" in sdl and "SearchConnection!" in sdl
    async with runtime.sessionmaker() as session:
        assert (await session.execute(select(IPObject.id))).first() is None
