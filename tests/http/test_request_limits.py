"""Bounded request bodies, query texts, variables and checked-document cache (issue 12 §3).

Forty distinct 10 MB query texts (``{ __typename } #<i>xxxx…``) raised the server
from 201 to 969 MB for good: the body had no size limit and the checked-document
cache kept 1,024 texts of any size. Variables nested 300 deep gave a plain-text
500 (orjson's recursion limit, in the response cache's key).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import orjson
import pytest
import strawberry
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ipreg.core.config import Settings
from ipreg.core.db import migrate
from ipreg.core.runtime import Runtime
from ipreg.schema.app import create_app
from ipreg.schema.execution import TOKEN_BYTES, OperationRunner, weigh
from ipreg.schema.http import GraphQLEndpoint
from ipreg.schema.response_cache import ResponseCache

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MiB = 1024 * 1024


@strawberry.type
class _Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"


SCHEMA = strawberry.Schema(query=_Query)


class _Viewer:
    is_anonymous = True


class _Context:
    viewer = _Viewer()
    response_headers: dict[str, str] = {}


class Bare:
    """``GraphQLEndpoint`` alone on a tiny schema, recording the contexts it makes
    (a request that makes none executed nothing)."""

    def __init__(self, settings: Settings, cache: ResponseCache | None = None) -> None:
        self.contexts: list[_Context] = []
        self.runner = OperationRunner(SCHEMA, settings)

        async def make(request: Request) -> _Context:
            self.contexts.append(_Context())
            return self.contexts[-1]

        async def close(context: Any) -> None:
            return None

        endpoint = GraphQLEndpoint(SCHEMA, make, close, runner=self.runner, cache=cache,
                                   position=lambda: 1)

        async def graphql(request: Request) -> Response:
            return await endpoint(request)

        self.app = Starlette(routes=[Route("/graphql", graphql, methods=["GET", "POST"])])

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app),
                                 base_url="http://testserver")


async def post(http: httpx.AsyncClient, content: bytes | str,
               headers: dict[str, str] | None = None) -> httpx.Response:
    return await http.post("/graphql", content=content, headers={
        "content-type": JSON, "accept": GRAPHQL_RESPONSE, **(headers or {})})


def codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json()["errors"]]


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth - 1):
        value = {"a": [value]} if depth % 2 else {"a": value}
    return {"v": value}


# ---------------------------------------------------------------- the body


async def test_a_body_over_the_limit_is_413_coded_and_nothing_runs() -> None:
    bare = Bare(Settings(max_body_bytes=64 * 1024))
    async with bare.client() as http:
        body = json.dumps({"query": "{ hello } #" + "x" * 70_000})
        response = await post(http, body)
        assert response.status_code == 413
        assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
        assert codes(response) == ["BODY_TOO_LARGE"]
        assert bare.contexts == []
        assert bare.runner.entries == {}
        # Just under the limit is fine.
        ok = await post(http, json.dumps({"query": "{ hello } #" + "x" * 60_000}))
        assert ok.status_code == 200
        assert ok.json() == {"data": {"hello": "world"}}


async def asgi_post(app: Any, headers: list[tuple[bytes, bytes]], chunks: int,
                    chunk: bytes) -> tuple[int, dict[str, Any], int]:
    """POST ``chunks`` chunks to ``app`` at the ASGI level: (status, body, chunks read)."""
    read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        if read < chunks:
            read += 1
            return {"type": "http.request", "body": chunk, "more_body": read < chunks}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/graphql", "raw_path": b"/graphql", "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 1), "server": ("testserver", 80),
        "headers": [(b"content-type", b"application/json"), (b"accept", JSON.encode()),
                    *headers],
    }
    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, orjson.loads(body), read


async def test_the_body_is_read_as_a_stream_and_reading_stops_at_the_limit() -> None:
    """A Content-Length that lies (or none: chunked) does not make the server read 64 MB."""
    bare = Bare(Settings(max_body_bytes=MiB))
    chunk = b" " * 65536
    for headers in ([(b"content-length", b"20")], []):
        status, body, read = await asgi_post(bare.app, headers, chunks=1024, chunk=chunk)
        assert status == 413
        assert body["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"
        assert read == MiB // len(chunk) + 1  # 1 MiB and one chunk more, of 64 MiB
    assert bare.contexts == []


async def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    bare = Bare(Settings(max_body_bytes=MiB))
    status, body, read = await asgi_post(
        bare.app, [(b"content-length", str(10 * MiB).encode())], chunks=160, chunk=b" " * 65536)
    assert (status, read) == (413, 0)
    assert body["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"
    status, body, read = await asgi_post(bare.app, [(b"content-length", b"12x")], chunks=1,
                                         chunk=b"{}")
    assert (status, read) == (400, 0)


async def test_a_get_query_string_over_the_limit_is_414_coded() -> None:
    bare = Bare(Settings(max_body_bytes=16 * 1024))
    async with bare.client() as http:
        response = await http.get("/graphql", params={"query": "{ hello } #" + "x" * 20_000},
                                  headers={"accept": GRAPHQL_RESPONSE})
        assert response.status_code == 414
        assert codes(response) == ["URI_TOO_LONG"]
        ok = await http.get("/graphql", params={"query": "{ hello }"},
                            headers={"accept": GRAPHQL_RESPONSE})
        assert ok.json() == {"data": {"hello": "world"}}
    assert len(bare.contexts) == 1


# ---------------------------------------------------------------- the query text


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 400), (JSON, 200)])
async def test_a_query_text_over_its_limit_is_refused_unparsed_and_not_kept(
        accept: str, status: int) -> None:
    bare = Bare(Settings(max_query_bytes=1000))
    async with bare.client() as http:
        for query in ("{ hello } #" + "x" * 1000, "{ hello } #" + "é" * 500):  # bytes, not chars
            response = await post(http, json.dumps({"query": query}), {"accept": accept})
            assert response.status_code == status
            assert codes(response) == ["QUERY_TOO_LARGE"]
            assert "data" not in response.json()
        assert (await post(http, json.dumps({"query": "{ hello } #" + "é" * 490}))
                ).status_code == 200
    assert len(bare.runner.entries) == 1
    assert len(bare.contexts) == 1


# ---------------------------------------------------------------- the checked-document cache


def test_the_checked_document_cache_is_bounded_by_bytes() -> None:
    runner = OperationRunner(SCHEMA, Settings(document_cache_bytes=256 * 1024))
    for i in range(500):
        runner.check(f"{{ hello }} #{i} " + "x" * 20_000)
        assert runner.bytes <= runner.max_bytes
        assert runner.bytes == sum(runner.weights.values())
        assert runner.weights.keys() == runner.entries.keys()
    assert 5 < len(runner.entries) < 13  # 256 KiB of ~20 kB texts
    assert next(reversed(runner.entries)).startswith("{ hello } #499 ")  # the newest kept
    # A text over an eighth of the budget is checked but not kept.
    big = "{ hello } #" + "x" * 40_000
    assert runner.check(big).errors == []
    assert big not in runner.entries


def test_a_parsed_document_weighs_its_tokens_not_only_its_text() -> None:
    """A 55 kB text of 4,992 tokens parses into about 3 MB (tokens keep their locations)."""
    runner = OperationRunner(SCHEMA, Settings())
    query = "{" + " hello" * 4990 + " }"
    runner.check(query)
    assert runner.weights[query] >= 4990 * TOKEN_BYTES
    assert weigh("{ hello }", runner.check("{ hello }")) < 4096


async def test_forty_texts_over_the_limit_leave_nothing_in_the_cache() -> None:
    """The memory regression of the issue, at 2 MB a text: all refused, none kept."""
    bare = Bare(Settings())
    async with bare.client() as http:
        for i in range(40):
            body = json.dumps({"query": f"{{ hello }} #{i}" + "x" * (2 * 1000 * 1000)})
            response = await post(http, body)
            assert response.status_code == 413
            assert codes(response) == ["BODY_TOO_LARGE"]
    assert len(bare.runner.entries) == 0
    assert bare.runner.bytes == 0
    assert bare.contexts == []


# ---------------------------------------------------------------- variables


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("request-limits") / "ipreg.db"
    url = "sqlite:///" + str(path)
    migrate.upgrade(url, Runtime.create(Settings.from_env(database_url=url)).registry)
    yield url


@pytest.fixture
async def http(sqlite_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """The whole application, response cache included (the 500 came from its key)."""
    runtime = Runtime.create(Settings.from_env(database_url=sqlite_url))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(runtime)),
                                     base_url="http://testserver") as client:
            yield client
    finally:
        await runtime.close()


@pytest.mark.parametrize("key", ["variables", "extensions"])
@pytest.mark.parametrize("method", ["POST", "GET"])
async def test_variables_nested_300_deep_are_a_coded_400(http: httpx.AsyncClient, key: str,
                                                         method: str) -> None:
    params = {"query": "{ __typename }", key: nested(300)}
    if method == "POST":
        response = await post(http, json.dumps(params))
    else:
        response = await http.get("/graphql", headers={"accept": GRAPHQL_RESPONSE}, params={
            "query": params["query"], key: json.dumps(params[key])})
    assert response.status_code == 400
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert codes(response) == [f"{key.upper()}_TOO_DEEP"]


async def test_variables_as_deep_as_allowed_are_answered(http: httpx.AsyncClient) -> None:
    for _ in range(2):  # the second from the response cache
        response = await post(http, json.dumps({"query": "{ __typename }",
                                                "variables": nested(32)}))
        assert response.status_code == 200
        assert response.json() == {"data": {"__typename": "Query"}}
    response = await post(http, json.dumps({"query": "{ __typename }", "variables": nested(33)}))
    assert codes(response) == ["VARIABLES_TOO_DEEP"]


def test_the_response_cache_key_of_unencodable_variables_is_none() -> None:
    """orjson refuses 255+ levels and integers over 64 bits: not cached, never a 500."""
    for variables in (nested(300), {"n": 2**70}):
        assert ResponseCache.key(1, JSON, None, "{ __typename }", None, variables) is None
    assert ResponseCache.key(1, JSON, None, "{ __typename }", None, nested(32)) is not None
    cache = ResponseCache(MiB)
    assert cache.get(None) is None


async def test_without_the_depth_limit_deep_variables_still_get_no_500() -> None:
    """The key is the one place orjson encoded the variables: now an uncached answer."""
    cache = ResponseCache(MiB)
    bare = Bare(Settings(max_variable_depth=1000), cache=cache)
    async with bare.client() as http:
        # A cacheable root field for an anonymous caller: the key is computed.
        response = await post(http, json.dumps({"query": "{ __typename }",
                                                "variables": nested(300)}))
        assert response.status_code == 200
        assert response.json() == {"data": {"__typename": "Query"}}
        assert cache.entries == {}
        assert (await post(http, json.dumps({"query": "{ __typename }"}))).status_code == 200
    assert len(cache.entries) == 1


async def test_the_response_cache_counts_its_keys_bytes() -> None:
    """An answer of 30 bytes kept under a 100 kB key (unused variables are allowed)
    weighs 100 kB: distinct variables cannot grow the response cache past its budget."""
    cache = ResponseCache(MiB)
    bare = Bare(Settings(), cache=cache)
    async with bare.client() as http:
        for i in range(40):
            variables = {"i": i, "pad": "x" * 100_000}
            response = await post(http, json.dumps({"query": "{ __typename }",
                                                    "variables": variables}))
            assert response.json() == {"data": {"__typename": "Query"}}
            assert cache.size <= cache.max_bytes
        assert 5 < len(cache.entries) <= 10
        assert cache.size == sum(weight for weight, _ in cache.entries.values())
