"""The GraphQL-over-HTTP rules of ``/graphql``, one by one, in process.

Section names refer to the GraphQL-over-HTTP specification
(https://graphql.github.io/graphql-over-http/draft/); the whole specification is
audited against a real server by ``test_graphql_http_audit.py``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
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
from ipreg.schema.http import GraphQLEndpoint, choose_media_type

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
URL = "http://testserver/graphql"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, migrated SQLite database, shared by the tests of this module.

    The rules under test are the transport's, so one backend is enough (unlike
    the conftest's ``database_url``, which runs on every configured backend).
    """
    path = tmp_path_factory.mktemp("graphql-over-http") / "ipreg.db"
    url = "sqlite:///" + str(path)
    migrate.upgrade(url, Runtime.create(Settings.from_env(database_url=url)).registry)
    yield url


@pytest.fixture
async def http(sqlite_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for ``create_app`` (named apart from the conftest's GraphQL ``client``)."""
    runtime = Runtime.create(Settings.from_env(database_url=sqlite_url))
    app = create_app(runtime)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client
    finally:
        await runtime.close()  # ASGITransport does not run the lifespan


async def post(http: httpx.AsyncClient, body: Any, accept: str | None = GRAPHQL_RESPONSE,
               content_type: str | None = JSON) -> httpx.Response:
    headers = {}
    if accept is not None:
        headers["accept"] = accept
    if content_type is not None:
        headers["content-type"] = content_type
    content = body if isinstance(body, str | bytes) else json.dumps(body)
    return await http.post(URL, content=content, headers=headers)


async def get(http: httpx.AsyncClient, params: dict[str, str],
              accept: str = GRAPHQL_RESPONSE) -> httpx.Response:
    return await http.get(URL, params=params, headers={"accept": accept})


def media_type(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def errors_of(response: httpx.Response) -> list[dict[str, Any]]:
    """The response's errors, checking that every one carries ``extensions.code``."""
    body = response.json()
    errors = body["errors"]
    assert errors, body
    for error in errors:
        assert isinstance(error["message"], str)
        assert error["extensions"]["code"], error
    return list(errors)


def codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in errors_of(response)]


# ---------------------------------------------------------------- media types (§ Body)


async def test_post_query_with_graphql_response_json(http: httpx.AsyncClient) -> None:
    response = await post(http, {"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(("accept", "expected"), [
    (None, JSON),  # no Accept: the server's choice, application/json for legacy clients
    (JSON, JSON),
    (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
    (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
    (f"{JSON}, {GRAPHQL_RESPONSE}", JSON),  # equal quality: the first listed wins
    (f"{JSON};q=0.5, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
    ("*/*", JSON),
    ("text/html, application/*;q=0.8", JSON),
])
async def test_response_media_type_follows_accept(http: httpx.AsyncClient, accept: str | None,
                                                  expected: str) -> None:
    response = await post(http, {"query": "{ __typename }"}, accept=accept)
    assert response.status_code == 200
    assert media_type(response) == expected
    assert response.headers["content-type"].endswith("charset=utf-8")


@pytest.mark.parametrize("accept", ["text/plain", "text/html", f"{GRAPHQL_RESPONSE};q=0"])
async def test_406_when_no_supported_media_type_is_acceptable(http: httpx.AsyncClient,
                                                              accept: str) -> None:
    response = await post(http, {"query": "{ __typename }"}, accept=accept)
    assert response.status_code == 406
    assert codes(response) == ["NOT_ACCEPTABLE"]


def test_choose_media_type() -> None:
    assert choose_media_type("application/xml, image/png") is None
    assert choose_media_type("APPLICATION/GRAPHQL-RESPONSE+JSON") == GRAPHQL_RESPONSE
    assert choose_media_type(f"{GRAPHQL_RESPONSE};q=bogus, {JSON};q=0.1") == JSON


# ---------------------------------------------------------------- requests (§ POST, § GET)


@pytest.mark.parametrize("content_type", [
    "application/x-www-form-urlencoded",
    "text/plain",
    "application/graphql",
    f"{JSON}; charset=iso-8859-1",
    None,  # § POST: a POST without Content-Type SHOULD get a 4xx
])
async def test_415_for_unsupported_request_bodies(http: httpx.AsyncClient,
                                                  content_type: str | None) -> None:
    response = await post(http, "query=%7B__typename%7D" if content_type else
                          '{"query": "{ __typename }"}', content_type=content_type)
    assert response.status_code == 415
    assert codes(response) == ["UNSUPPORTED_MEDIA"]


async def test_utf8_request_is_accepted(http: httpx.AsyncClient) -> None:
    response = await post(http, {"query": "{ __typename }"},
                          content_type=f"{JSON}; charset=utf-8")
    assert response.status_code == 200


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, JSON])
@pytest.mark.parametrize("body", [
    "NONSENSE",
    '{"query":',
    "[]",
    '"{ __typename }"',
    {},  # no query
    {"qeury": "{ __typename }"},
    {"query": None},
    {"query": 1},
    {"query": ["{ __typename }"]},
    {"query": "{ __typename }", "variables": [7]},
    {"query": "{ __typename }", "variables": "{}"},
    {"query": "{ __typename }", "operationName": 1},
    {"query": "{ __typename }", "extensions": True},
])
async def test_400_for_requests_that_are_not_well_formed(http: httpx.AsyncClient, body: Any,
                                                         accept: str) -> None:
    # § Status Codes: not a well-formed GraphQL-over-HTTP request → 4xx (400),
    # for application/json as well.
    response = await post(http, body, accept=accept)
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]
    assert "data" not in response.json()


async def test_null_optional_parameters_and_unknown_keys(http: httpx.AsyncClient) -> None:
    response = await post(http, {"query": "{ __typename }", "variables": None,
                                   "operationName": None, "extensions": None, "other": 1})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_get_query(http: httpx.AsyncClient) -> None:
    response = await get(http, {"query": "query Q($s: Boolean!) { __typename @include(if: $s) }",
                                  "variables": '{"s": true}', "operationName": "Q"})
    assert response.status_code == 200
    assert media_type(response) == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_get_empty_optional_parameters_are_absent(http: httpx.AsyncClient) -> None:
    # § GET: an empty operationName is the same as none.
    response = await get(http, {"query": "{ __typename }", "operationName": "",
                                  "variables": "", "extensions": ""})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_get_variables_must_be_json(http: httpx.AsyncClient) -> None:
    response = await get(http, {"query": "{ __typename }", "variables": "{nope"})
    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


# ---------------------------------------------------------------- methods


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, JSON])
@pytest.mark.parametrize("params", [
    {"query": "mutation { __typename }"},
    {"query": "query Q { __typename } mutation M { __typename }", "operationName": "M"},
])
async def test_get_mutation_is_405_allow_post(http: httpx.AsyncClient, accept: str,
                                              params: dict[str, str]) -> None:
    # § GET: a mutation over GET MUST be refused with 405 (and RFC 9110 wants
    # an Allow header); checked before validation, so this holds whether or not
    # the schema has a Mutation type.
    response = await get(http, params, accept=accept)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert codes(response) == ["BAD_REQUEST"]
    assert "data" not in response.json()


async def test_get_query_next_to_a_mutation_runs(http: httpx.AsyncClient) -> None:
    response = await get(http, {"query": "query Q { __typename } mutation M { __typename }",
                                  "operationName": "Q"})
    # The query is chosen, so GET is fine; the document still has to validate.
    assert response.status_code != 405


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405(http: httpx.AsyncClient, method: str) -> None:
    response = await http.request(method, URL, json={"query": "{ __typename }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert codes(response) == ["BAD_REQUEST"]


# ---------------------------------------------------------------- GraphQL request errors


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 400), (JSON, 200)])
@pytest.mark.parametrize("query", ["{", "", "{ 8f }", "query { __typename"])
async def test_parse_failure(http: httpx.AsyncClient, accept: str, status: int,
                             query: str) -> None:
    # § Status Codes: a document that does not parse is a request error in a
    # well-formed request: 400 for graphql-response+json, 200 for application/json.
    response = await post(http, {"query": query}, accept=accept)
    assert response.status_code == status
    assert media_type(response) == accept
    assert codes(response) == ["GRAPHQL_PARSE_FAILED"]
    assert "data" not in response.json()


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 400), (JSON, 200)])
@pytest.mark.parametrize("query", [
    "{ fieldThatDoesNotExist }",
    "{ __typename(arg: 1) }",
    "query Q { __typename } query Q { __typename }",
])
async def test_validation_failure(http: httpx.AsyncClient, accept: str, status: int,
                                  query: str) -> None:
    response = await post(http, {"query": query}, accept=accept)
    assert response.status_code == status
    assert set(codes(response)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "data" not in response.json()


async def test_get_validation_failure(http: httpx.AsyncClient) -> None:
    response = await get(http, {"query": "{ fieldThatDoesNotExist }"})
    assert response.status_code == 400
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 400), (JSON, 200)])
@pytest.mark.parametrize("operation_name", [None, "Missing"])
async def test_operation_cannot_be_determined(http: httpx.AsyncClient, accept: str,
                                              status: int, operation_name: str | None) -> None:
    response = await post(http, {"query": "query A { __typename } query B { __typename }",
                                   "operationName": operation_name}, accept=accept)
    assert response.status_code == status
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "data" not in response.json()


async def test_operation_name_picks_the_operation(http: httpx.AsyncClient) -> None:
    response = await post(http, {"query": "query A { a: __typename } query B { b: __typename }",
                                   "operationName": "B"})
    assert response.status_code == 200
    assert response.json() == {"data": {"b": "Query"}}


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 400), (JSON, 200)])
@pytest.mark.parametrize("variables", [{"s": None}, {}, {"s": "yes"}])
async def test_variable_coercion_failure(http: httpx.AsyncClient, accept: str, status: int,
                                         variables: dict[str, Any]) -> None:
    response = await post(http, {"query": "query($s: Boolean!) { __typename @include(if: $s) }",
                                   "variables": variables}, accept=accept)
    assert response.status_code == status
    assert "data" not in response.json()
    (error,) = errors_of(response)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    # The coercion message is for the client, not masked as an internal error.
    assert error["message"].startswith("Variable '$s'"), error


# ---------------------------------------------------------------- GraphiQL


async def test_graphiql_for_browsers(http: httpx.AsyncClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = await http.get(URL, headers={"accept": accept})
    assert response.status_code == 200
    assert media_type(response) == "text/html"
    assert "graphiql" in response.text.lower()


async def test_a_browser_deep_link_opens_graphiql_and_programs_get_json(
        http: httpx.AsyncClient) -> None:
    """``/graphql?query=...`` in a browser is GraphiQL's deep link: the IDE opens with the
    query in its editor. A program (Accept: JSON) gets the answer."""
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = await get(http, {"query": "{ __typename }"}, accept=accept)
    assert response.status_code == 200
    assert media_type(response) == "text/html"
    assert "Vary" in response.headers and "Accept" in response.headers["Vary"]
    response = await get(http, {"query": "{ __typename }"}, accept=JSON)
    assert media_type(response) == JSON
    assert response.json() == {"data": {"__typename": "Query"}}


# ---------------------------------------------------------------- the context's life


@strawberry.type
class _Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"

    @strawberry.field
    def boom(self) -> str:
        raise RuntimeError("secret detail")


class _Context:
    def __init__(self) -> None:
        self.closed = False
        self.response_headers = {"x-test": "1"}


@pytest.fixture
def contexts() -> list[_Context]:
    return []


@pytest.fixture
async def bare_client(contexts: list[_Context]) -> AsyncIterator[httpx.AsyncClient]:
    """``GraphQLEndpoint`` alone, on a tiny schema, recording the contexts it makes."""

    async def make(request: Request) -> _Context:
        context = _Context()
        contexts.append(context)
        return context

    async def close(context: Any) -> None:
        context.closed = True

    endpoint = GraphQLEndpoint(strawberry.Schema(query=_Query), make, close)

    async def graphql(request: Request) -> Response:
        return await endpoint(request)

    app = Starlette(routes=[Route("/graphql", graphql, methods=["GET", "POST"])])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://testserver") as c:
        yield c


@pytest.mark.parametrize(("query", "has_errors"), [("{ hello }", False), ("{ boom }", True)])
async def test_context_is_closed_after_execution(bare_client: httpx.AsyncClient,
                                                 contexts: list[_Context], query: str,
                                                 has_errors: bool) -> None:
    response = await post(bare_client, {"query": query})
    assert response.status_code == 200
    assert response.headers["x-test"] == "1"  # the context's response headers are sent
    assert [c.closed for c in contexts] == [True]
    assert ("errors" in response.json()) is has_errors
    if has_errors:
        assert response.json()["data"] is None
        assert codes(response) == ["INTERNAL_SERVER_ERROR"]
        assert "secret" not in response.text


@pytest.mark.parametrize("body", [{"query": "{"}, {"query": "{ nope }"}, {"nope": 1}])
async def test_no_context_for_requests_that_are_not_executed(bare_client: httpx.AsyncClient,
                                                             contexts: list[_Context],
                                                             body: dict[str, Any]) -> None:
    response = await post(bare_client, body)
    assert response.status_code == 400
    assert contexts == []
