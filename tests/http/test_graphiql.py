"""GraphiQL is served from the package: its page loads nothing but this server's
assets, byte for byte the npm files the CDN serves (same SRI hashes), and production
can switch GraphiQL and introspection off (README, "GraphiQL, CORS and compression")."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry

from ipreg.core.config import Settings
from ipreg.core.db import migrate
from ipreg.core.runtime import Runtime
from ipreg.schema.app import create_app
from ipreg.schema.graphiql import STATIC_DIR, manifest

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JSON = "application/json"

Client = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = "sqlite:///" + str(tmp_path_factory.mktemp("graphiql") / "ipreg.db")
    migrate.upgrade(url, Runtime.create(Settings.from_env(database_url=url)).registry)
    return url


@pytest.fixture
def client(sqlite_url: str) -> Client:
    """``client(**settings)``: an HTTP client of ``create_app`` with those settings."""

    @asynccontextmanager
    async def make(**settings: Any) -> AsyncIterator[httpx.AsyncClient]:
        runtime = Runtime.create(Settings.from_env(database_url=sqlite_url, **settings))
        transport = httpx.ASGITransport(app=create_app(runtime))
        try:
            async with httpx.AsyncClient(transport=transport,
                                         base_url="http://testserver") as http:
                yield http
        finally:
            await runtime.close()

    return make


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and "src" in found:
            self.references.append({"url": found["src"], "integrity": found.get("integrity")})
        if tag == "link" and found.get("rel") == "stylesheet":
            self.references.append({"url": found["href"], "integrity": found.get("integrity")})


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


async def test_the_page_loads_only_assets_of_this_server_whose_sri_matches(
        client: Client) -> None:
    async with client() as http:
        page = await http.get("/graphql", headers={"accept": HTML})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        parser = _Assets()
        parser.feed(page.text)
        assert len(parser.references) == len(manifest()) == 6
        for reference in parser.references:
            url, integrity = reference["url"], reference["integrity"]
            assert url is not None and url.startswith("/graphql/static/graphiql/"), url
            asset = await http.get(url)
            assert asset.status_code == 200, url
            assert integrity == sri(asset.content), url
        # Nothing else leaves the server: no absolute URL in the page, and the
        # Content-Security-Policy allows this origin only.
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]", page.text, re.I), page.text
        policy = page.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy
        assert "http" not in policy and "*" not in policy


def test_the_vendored_files_are_the_ones_strawberry_loads_from_the_cdn() -> None:
    """Same packages, versions and SRI hashes as strawberry's template: after a strawberry
    upgrade changes them, run scripts/vendor-graphiql."""
    template = (Path(strawberry.__file__).parent / "static" / "graphiql.html").read_text()
    for asset in manifest():
        assert f'src="{asset["cdn"]}"' in template or f'href="{asset["cdn"]}"' in template, \
            f"{asset['cdn']} is no longer in strawberry's page: run scripts/vendor-graphiql"
        assert asset["integrity"] in template
        data = (STATIC_DIR / "graphiql" / asset["path"]).read_bytes()
        assert sri(data) == asset["integrity"], asset["path"]


def test_every_vendored_asset_is_tracked_so_clones_and_wheels_carry_it() -> None:
    """A `dist/` line in .gitignore once kept the explorer plugin out of git: the page
    worked in the working tree and not from a fresh clone or the wheel built from it."""
    root = Path(__file__).resolve().parents[2]
    tracked = subprocess.run(["git", "-C", str(root), "ls-files", "schema/static/graphiql"],
                             capture_output=True, text=True).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    wanted = {f"schema/static/graphiql/{a['path']}" for a in manifest()}
    assert wanted - set(tracked) == set()


async def test_assets_are_cached_a_year_and_revalidate_by_etag(client: Client) -> None:
    (first, *_) = manifest()
    url = f"/graphql/static/graphiql/{first['path']}"
    async with client() as http:
        asset = await http.get(url)
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        etag = asset.headers["etag"]
        again = await http.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304 and again.content == b""
        assert (await http.get("/graphql/static/graphiql/nothing.js")).status_code == 404


async def test_headers_typed_in_graphiql_are_not_kept_in_local_storage(client: Client) -> None:
    async with client() as http:
        page = (await http.get("/graphql", headers={"accept": HTML})).text
    assert "shouldPersistHeaders: false" in page
    assert "shouldPersistHeaders: true" not in page


async def test_with_graphiql_off_browsers_get_no_ide_and_no_assets(client: Client) -> None:
    (first, *_) = manifest()
    async with client(graphiql=False) as http:
        page = await http.get("/graphql", headers={"accept": HTML})
        assert page.status_code == 400
        assert page.headers["content-type"].startswith(JSON)
        asset = await http.get(f"/graphql/static/graphiql/{first['path']}")
        assert asset.status_code == 404
        # The API itself is unchanged.
        answer = await http.get("/graphql", params={"query": "{ __typename }"},
                                headers={"accept": HTML})
        assert answer.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("query", [
    "{ __schema { queryType { name } } }",
    '{ __type(name: "Query") { name } }',
    "{ jurisdictions { code } a: __schema { types { name } } }",
])
async def test_with_introspection_off_schema_queries_get_a_clear_error(
        client: Client, query: str) -> None:
    async with client(introspection=False) as http:
        response = await http.post("/graphql", json={"query": query},
                                   headers={"accept": "application/graphql-response+json"})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    (error, *_) = body["errors"]
    assert error["extensions"]["code"] == "INTROSPECTION_DISABLED"
    assert "IPREG_INTROSPECTION=0" in error["message"]


async def test_with_introspection_off_typename_and_queries_still_work(client: Client) -> None:
    async with client(introspection=False) as http:
        response = await http.post("/graphql",
                                   json={"query": "{ __typename jurisdictions { code } }"})
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["__typename"] == "Query"


async def test_introspection_is_on_by_default(client: Client) -> None:
    async with client() as http:
        response = await http.post("/graphql",
                                   json={"query": "{ __schema { queryType { name } } }"})
    assert response.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


@pytest.mark.parametrize(("raw", "value"), [
    (None, True), ("", True), ("1", True), ("on", True), ("0", False), ("false", False),
    ("off", False), ("NO", False)])
def test_the_switches_read_from_the_environment(
        monkeypatch: pytest.MonkeyPatch, raw: str | None, value: bool) -> None:
    for name in ("IPREG_GRAPHIQL", "IPREG_INTROSPECTION"):
        if raw is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, raw)
    settings = Settings.from_env()
    assert (settings.graphiql, settings.introspection) == (value, value)


def test_a_misspelt_switch_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPREG_GRAPHIQL", "nope")
    with pytest.raises(ValueError, match="IPREG_GRAPHIQL must be 1 or 0"):
        Settings.from_env()


def test_the_vendor_script_reproduces_the_committed_files() -> None:
    """``scripts/vendor-graphiql --check``: the npm registry's packages give exactly the
    committed files and manifest (needs npm and the registry; CI has both)."""
    if shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("the vendor check needs npm")
        pytest.skip("the vendor check needs npm")
    script = Path(__file__).resolve().parents[2] / "scripts" / "vendor-graphiql"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
