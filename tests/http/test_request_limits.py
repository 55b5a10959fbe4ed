"""Bounded request bodies, query texts, variables and checked-document cache (issue 12 §3).

Forty distinct 10 MB query texts (``{ __typename } #<i>xxxx…``) raised the server
from 201 to 969 MB for good: the body had no size limit and the checked-document
cache kept 1,024 texts of any size. Variables nested 300 deep gave a plain-text
500 (orjson's recursion limit, in the response cache's key).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import strawberry
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ipreg.core.config import Settings
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


