"""GraphQL over HTTP, per the GraphQL-over-HTTP specification.

POST and GET, ``application/graphql-response+json`` (preferred) and
``application/json`` responses with the status codes the specification gives
for each, 405 for mutations over GET, 406 for unacceptable media types, 415 for
unsupported request bodies, and GraphiQL when a browser asks for HTML.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
import strawberry
from graphql import DocumentNode, GraphQLError, OperationType, get_operation_ast, parse, validate
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.http.ides import get_graphql_ide_html

from ipreg.schema.errors import PARSE_FAILED, VALIDATION_FAILED, format_error

log = logging.getLogger("ipreg.http")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

ContextFactory = Callable[[Request], Awaitable[Any]]
ContextCloser = Callable[[Any], Awaitable[None]]


class RequestError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None,
                 code: str = "BAD_REQUEST") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.code = code


class _DocumentCache:
    """Parsed and validated documents by query text (bounded LRU)."""

    def __init__(self, schema: strawberry.Schema, size: int = 1024) -> None:
        self.schema = schema
        self.size = size
        self.entries: OrderedDict[str, tuple[DocumentNode | None, list[GraphQLError], str]] = (
            OrderedDict())

    def get(self, query: str) -> tuple[DocumentNode | None, list[GraphQLError], str]:
        hit = self.entries.get(query)
        if hit is not None:
            self.entries.move_to_end(query)
            return hit
        try:
            document: DocumentNode | None = parse(query)
        except GraphQLError as error:
            entry: tuple[DocumentNode | None, list[GraphQLError], str] = (
                None, [error], PARSE_FAILED)
        else:
            assert document is not None
            errors = validate(self.schema._schema, document)
            entry = (document, list(errors), VALIDATION_FAILED)
        self.entries[query] = entry
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return entry


def choose_media_type(accept: str | None) -> str | None:
    """The response media type for an ``Accept`` header, or None if none is acceptable."""
    if not accept:
        return JSON
    best: tuple[float, int, str] | None = None
    for order, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if quality <= 0:
            continue
        if media in (GRAPHQL_RESPONSE, "application/*", "*/*"):
            candidate = GRAPHQL_RESPONSE if media == GRAPHQL_RESPONSE else JSON
        elif media == JSON:
            candidate = JSON
        else:
            continue
        key = (quality, -order, candidate)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return request.method == "GET" and "text/html" in accept and "query" not in request.query_params


def _json_loads(raw: bytes | str, what: str) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RequestError(400, f"{what} is not valid JSON") from exc


async def _params(request: Request) -> dict[str, Any]:
    if request.method == "GET":
        q = request.query_params
        params: dict[str, Any] = {"query": q.get("query"),
                                  "operationName": q.get("operationName")}
        for key in ("variables", "extensions"):
            raw = q.get(key)
            params[key] = _json_loads(raw, key) if raw else None
        return params
    content_type = request.headers.get("content-type", "")
    media, *ct_params = (p.strip().lower() for p in content_type.split(";"))
    if media != JSON:
        raise RequestError(415, "send the request as application/json", code="UNSUPPORTED_MEDIA")
    for param in ct_params:
        if param.startswith("charset=") and param[8:].strip('"') not in ("utf-8", "utf8"):
            raise RequestError(415, "the request body must be UTF-8", code="UNSUPPORTED_MEDIA")
    body = _json_loads(await request.body(), "the request body")
    if not isinstance(body, dict):
        raise RequestError(400, "the request body must be a JSON object")
    return body


def _check_params(params: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None,
                                                    dict[str, Any] | None]:
    query = params.get("query")
    if not isinstance(query, str) or not query:
        raise RequestError(400, "the request must have a `query` string")
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise RequestError(400, "`variables` must be a map")
    operation_name = params.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestError(400, "`operationName` must be a string")
    extensions = params.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise RequestError(400, "`extensions` must be a map")
    return query, variables, operation_name, extensions


class GraphQLEndpoint:
    """The ``/graphql`` endpoint as an ASGI-callable Starlette handler."""

    def __init__(self, schema: strawberry.Schema, context_factory: ContextFactory,
                 context_closer: ContextCloser, graphiql: bool = True) -> None:
        self.schema = schema
        self.context_factory = context_factory
        self.context_closer = context_closer
        self.graphiql = graphiql
        self.documents = _DocumentCache(schema)

    async def __call__(self, request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            return self._error(405, JSON, "use GET or POST", {"Allow": "GET, POST"})
        if self.graphiql and _wants_html(request):
            return HTMLResponse(get_graphql_ide_html(graphql_ide="graphiql"))
        media = choose_media_type(request.headers.get("accept"))
        if media is None:
            return self._error(406, JSON, f"accept {GRAPHQL_RESPONSE} or {JSON}",
                               code="NOT_ACCEPTABLE")
        try:
            query, variables, operation_name, extensions = _check_params(await _params(request))
        except RequestError as error:
            return self._error(error.status, media, error.message, error.headers, error.code)
        document, errors, code = self.documents.get(query)
        if errors:
            status = 400 if media == GRAPHQL_RESPONSE else 200
            if document is None:  # a document that does not parse is not well-formed
                status = 400
            return self._json(status, media, {"errors": [format_error(e, code) for e in errors]})
        assert document is not None
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            message = (f"no operation named {operation_name!r}" if operation_name
                       else "give `operationName`: the document has several operations")
            return self._json(400 if media == GRAPHQL_RESPONSE else 200, media,
                              {"errors": [{"message": message,
                                           "extensions": {"code": VALIDATION_FAILED}}]})
        if request.method == "GET" and operation.operation != OperationType.QUERY:
            return self._error(405, media, "only queries may be sent with GET; use POST",
                               {"Allow": "POST"})
        context = await self.context_factory(request)
        try:
            result = await self.schema.execute(
                query, variable_values=variables, context_value=context,
                operation_name=operation_name, operation_extensions=extensions,
            )
        finally:
            await self.context_closer(context)
        headers = dict(getattr(context, "response_headers", {}) or {})
        if result.errors and result.data is None and all(e.path is None for e in result.errors):
            # Request errors (e.g. variables that do not coerce): no data entry.
            return self._json(400 if media == GRAPHQL_RESPONSE else 200, media,
                              {"errors": [format_error(e) for e in result.errors]}, headers)
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [format_error(e) for e in result.errors]
        return self._json(200, media, payload, headers)

    def _json(self, status: int, media: str, payload: dict[str, Any],
              headers: dict[str, str] | None = None) -> Response:
        return Response(orjson.dumps(payload), status_code=status, headers=headers,
                        media_type=f"{media}; charset=utf-8")

    def _error(self, status: int, media: str, message: str, headers: dict[str, str] | None = None,
               code: str = "BAD_REQUEST") -> Response:
        return self._json(status, media, {"errors": [{"message": message,
                                                      "extensions": {"code": code}}]}, headers)
