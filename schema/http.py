"""GraphQL over HTTP, per the GraphQL-over-HTTP specification.

POST and GET, ``application/graphql-response+json`` (preferred) and
``application/json`` responses with the status codes the specification gives
for each, 405 for mutations over GET, 406 for unacceptable media types, 415 for
unsupported request bodies, and GraphiQL when a browser asks for HTML.

Section names below refer to the specification's Stage 2 draft
(https://graphql.github.io/graphql-over-http/draft/), the text audited by the
``graphql-http`` server audit that ``tests/http`` runs against this endpoint.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

import orjson
import strawberry
from graphql import (
    OperationDefinitionNode,
    OperationType,
    get_operation_ast,
)
from python_multipart.exceptions import MultipartParseError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from strawberry.file_uploads.utils import replace_placeholders_with_files

from ipreg.core.auth.authenticate import challenge
from ipreg.core.config import Settings
from ipreg.core.errors import Unauthenticated
from ipreg.schema.context import parse_accept_language
from ipreg.schema.errors import VALIDATION_FAILED, format_error
from ipreg.schema.execution import OperationRunner
from ipreg.schema.graphiql import graphiql_response
from ipreg.schema.response_cache import ResponseCache, cacheable

log = logging.getLogger("ipreg.http")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MULTIPART = "multipart/form-data"

ContextFactory = Callable[[Request], Awaitable[Any]]
ContextCloser = Callable[[Any], Awaitable[None]]


class RequestError(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request (always a 4xx)."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: dict[str, str] | None = None,
        code: str = "BAD_REQUEST",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.code = code


class GraphQLParams(NamedTuple):
    """The parameters of a well-formed GraphQL-over-HTTP request (§ Request Parameters)."""

    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


def weighted(header: str) -> list[tuple[str, float]]:
    """The items of an ``Accept``-style header, lower-cased, with their ``q`` weights
    (RFC 9110 §12.4.2: 1 when not given; a weight that is not a number counts as 0)."""
    items: list[tuple[str, float]] = []
    for part in header.split(","):
        item, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        items.append((item.lower(), quality))
    return items


def choose_media_type(accept: str | None) -> str | None:
    """The response media type for an ``Accept`` header, or None if none is acceptable.

    § Body: respect ``Accept`` and use the highest-priority supported media type;
    ties go to the type listed first. Wildcards get ``application/json``, which
    every client understands. Without an ``Accept`` header the server may pick:
    ``application/json`` serves legacy clients that send none.
    """
    if not accept:
        return JSON
    best: tuple[float, int, str] | None = None
    for order, (media, quality) in enumerate(weighted(accept)):
        if quality <= 0:
            continue
        if media == GRAPHQL_RESPONSE:
            candidate = GRAPHQL_RESPONSE
        elif media in (JSON, "application/*", "*/*"):
            candidate = JSON
        else:
            continue
        key = (quality, -order, candidate)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def request_error_status(media: str) -> int:
    """The status for a *GraphQL request error* in a well-formed GraphQL-over-HTTP request.

    These are a document that does not parse or validate, an operation that
    cannot be determined and variables that do not coerce: the response has
    ``errors`` but no ``data``.

    * § Status Codes › application/json: the server SHOULD use 200 for every
      response to a well-formed request, whatever GraphQL request error it
      raises, since a legacy client cannot trust the body of a non-200
      ``application/json`` response (it may come from an intermediary).
    * § Status Codes › application/graphql-response+json: a response without
      ``data`` MUST be 4xx or 5xx, and SHOULD be 400 when the request does not
      parse or validate (the examples extend that to the operation and the
      variables).

    A request that is *not* well-formed (no ``query`` string, ``variables`` not
    a map, a body that is not JSON...) is a 400 whatever the media type:
    see :class:`RequestError`.
    """
    return 200 if media == JSON else 400


def _wants_html(request: Request) -> bool:
    """A browser's GET (it asks for ``text/html``): GraphiQL, with a ``?query=`` deep
    link in its editor rather than run. Programs ask for JSON and get the answer."""
    return request.method == "GET" and "text/html" in request.headers.get("accept", "")


def _json_loads(raw: bytes | str, what: str) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RequestError(400, f"{what} is not valid JSON") from exc


async def _params(request: Request, max_bytes: int, max_file_bytes: int = 0) -> dict[str, Any]:
    """The request's parameters, read from at most ``max_bytes`` of body or URL query
    (``IPREG_MAX_BODY_BYTES``): a larger request is refused before it is all read.
    A multipart upload may carry ``max_file_bytes`` more in its files
    (:func:`multipart_params`)."""
    if request.method == "GET":
        # § GET: the parameters are in the URL query, form-urlencoded; variables
        # and extensions as JSON strings. An empty operationName (like an empty
        # variables or extensions) is the same as leaving it out.
        if len(request.scope.get("query_string", b"")) > max_bytes:
            raise RequestError(414, f"the URL query is over {max_bytes} bytes; use POST",
                               code="URI_TOO_LONG")
        q = request.query_params
        params: dict[str, Any] = {
            "query": q.get("query"),
            "operationName": q.get("operationName") or None,
        }
        for key in ("variables", "extensions"):
            raw = q.get(key)
            params[key] = _json_loads(raw, key) if raw else None
        return params
    # § POST: servers MUST accept application/json bodies (UTF-8 unless the
    # charset says otherwise); other media types are 415 (§ Status Codes), and
    # so is a missing Content-Type (SHOULD reject with a 4xx).
    content_type = request.headers.get("content-type", "")
    media, *ct_params = (p.strip().lower() for p in content_type.split(";"))
    if media == MULTIPART:
        return await multipart_params(request, max_bytes, max_file_bytes)
    if media != JSON:
        raise RequestError(415, "send the request as application/json (or multipart/form-data "
                           "to upload files)", code="UNSUPPORTED_MEDIA")
    for param in ct_params:
        if param.startswith("charset=") and param[8:].strip('"') not in ("utf-8", "utf8"):
            raise RequestError(415, "the request body must be UTF-8", code="UNSUPPORTED_MEDIA")
    body = _json_loads(await _read_body(request, max_bytes), "the request body")
    if not isinstance(body, dict):
        raise RequestError(400, "the request body must be a JSON object")
    return body


async def _read_body(request: Request, max_bytes: int) -> bytes:
    """The body, or a 413 as soon as it is known to be over ``max_bytes``: from its
    ``Content-Length``, else (no length, or a length that lies) once that much is read.

    Read from the ASGI messages directly: Starlette's ``request.stream()`` async
    generator cost a cached read about 10 µs (bench/graphql/cost.py), and a small
    body comes in one message.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        declared = declared.strip()
        if not (declared.isascii() and declared.isdigit()):
            raise RequestError(400, "the Content-Length header is not a number")
        if int(declared) > max_bytes:
            raise _body_too_large(max_bytes)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise _body_too_large(max_bytes)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


#: Headers one of which a multipart request must carry (CSRF: a browser sends none
#: of them cross-origin without a CORS preflight), as Apollo Server and strawberry ask.
PREFLIGHT_HEADERS = ("apollo-require-preflight", "x-apollo-operation-name",
                     "graphql-require-preflight")
#: Files one multipart request may carry.
MAX_UPLOAD_FILES = 10


async def multipart_params(request: Request, max_bytes: int, max_file_bytes: int
                           ) -> dict[str, Any]:
    """The parameters of a GraphQL multipart request
    (https://github.com/jaydenseric/graphql-multipart-request-spec): ``operations``
    (the JSON request, its file variables ``null``), ``map`` (part name → paths of
    variables) and the file parts, which replace the ``null`` they are mapped to.

    Refused: without a preflight header (:data:`PREFLIGHT_HEADERS`; 400, so a
    cross-site form cannot post), a body over ``max_bytes + max_file_bytes``
    (413, as soon as it is known), an ``operations`` or ``map`` part over
    ``max_bytes``, more than :data:`MAX_UPLOAD_FILES` files, a batch (a list of
    operations), a map naming a missing part or path. Files spool to disk past
    1 MB (Starlette's parser); the endpoint closes them after the operation.
    """
    if not any(request.headers.get(name, "").strip() for name in PREFLIGHT_HEADERS):
        raise RequestError(400, "a multipart request must carry the header "
                           "`Apollo-Require-Preflight: true` (CSRF protection)",
                           code="PREFLIGHT_REQUIRED")
    limit = max_bytes + max_file_bytes
    declared = request.headers.get("content-length", "").strip()
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise _body_too_large(limit)
    received = 0

    async def counted() -> Any:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise _body_too_large(limit)
        return message

    limited = Request(request.scope, counted)
    try:
        form = await limited.form(max_files=MAX_UPLOAD_FILES, max_fields=2,
                                  max_part_size=max_bytes)
    except (HTTPException, MultiPartException, MultipartParseError) as exc:
        detail = getattr(exc, "detail", None) or getattr(exc, "message", None) or str(exc)
        raise RequestError(400, f"the multipart body is malformed: {detail}") from exc
    request.state.upload_form = form
    operations = form.get("operations")
    files_map = form.get("map")
    if not isinstance(operations, str) or not isinstance(files_map, str):
        raise RequestError(400, "a multipart request needs the parts `operations` and `map`")
    params = _json_loads(operations, "`operations`")
    mapping = _json_loads(files_map, "`map`")
    if not isinstance(params, dict):
        raise RequestError(400, "`operations` must be one operation (batches are not served)")
    if not isinstance(mapping, dict) or not all(
            isinstance(paths, list) and all(isinstance(p, str) for p in paths)
            for paths in mapping.values()):
        raise RequestError(400, "`map` must map part names to lists of paths")
    files = {}
    for name, paths in mapping.items():
        part = form.get(name)
        if not isinstance(part, UploadFile):
            raise RequestError(400, f"`map` names the file part {name!r}, which is not sent")
        if not all(p.startswith("variables.") for p in paths):
            raise RequestError(400, f"`map` paths of {name!r} must be under `variables.`")
        files[name] = part
    try:
        return replace_placeholders_with_files(params, mapping, files)
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        raise RequestError(400, f"`map` names a path the variables do not have: {exc}") from exc


def _body_too_large(max_bytes: int) -> RequestError:
    return RequestError(413, f"the request body is over {max_bytes} bytes",
                        code="BODY_TOO_LARGE")


def _too_deep(value: Any, max_depth: int) -> bool:
    """Whether JSON ``value`` nests maps and lists more than ``max_depth`` deep (the
    outer map is 1), found without recursion and without walking past that depth."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, dict | list))
    return False


def _check_params(params: dict[str, Any], max_depth: int = 32) -> GraphQLParams:
    """The request's parameters, or a 400 if it is not a well-formed GraphQL-over-HTTP request.

    § Request Parameters: ``query`` is a required string (which need not parse:
    an empty or broken document is a GraphQL request error, answered like any
    other by :func:`request_error_status`), the others are optional and
    ``null`` is the same as absent. Unknown keys are ignored (§ JSON Encoding).

    ``variables`` and ``extensions`` nested more than ``max_depth`` deep
    (``IPREG_MAX_VARIABLE_DEPTH``) are refused first, before anything encodes or
    walks them recursively; their size is bounded by ``IPREG_MAX_BODY_BYTES``.
    """
    for key in ("variables", "extensions"):
        if _too_deep(params.get(key), max_depth):
            raise RequestError(400, f"`{key}` nest deeper than {max_depth} levels",
                               code=f"{key.upper()}_TOO_DEEP")
    query = params.get("query")
    if not isinstance(query, str):
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
    return GraphQLParams(query, variables, operation_name, extensions)


class GraphQLEndpoint:
    """The ``/graphql`` endpoint: a Starlette request handler (``Request`` → ``Response``)."""

    def __init__(
        self,
        schema: strawberry.Schema,
        context_factory: ContextFactory,
        context_closer: ContextCloser,
        graphiql: bool = True,
        runner: OperationRunner | None = None,
        cache: ResponseCache | None = None,
        position: Callable[[], int] | None = None,
    ) -> None:
        self.schema = schema
        self.context_factory = context_factory
        self.context_closer = context_closer
        self.graphiql = graphiql
        self.runner = runner or OperationRunner(schema, Settings())
        self.cache = cache if cache is not None and cache.enabled and position else None
        self.position = position

    async def __call__(self, request: Request) -> Response:
        try:
            return await self._handle(request)
        finally:
            form = getattr(request.state, "upload_form", None)
            if form is not None:
                await form.close()

    async def _handle(self, request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            # RFC 9110 §15.5.6: a 405 MUST list the allowed methods in Allow.
            return self._error(405, JSON, "use GET or POST", {"Allow": "GET, POST"})
        if self.graphiql and _wants_html(request):
            return graphiql_response()
        media = choose_media_type(request.headers.get("accept"))
        if media is None:
            # § Body: with no supported media type acceptable, 406 (RECOMMENDED)
            # and stop; the error itself is sent as application/json.
            return self._error(
                406, JSON, f"accept {GRAPHQL_RESPONSE} or {JSON}", code="NOT_ACCEPTABLE"
            )
        settings = self.runner.settings
        try:
            params = _check_params(await _params(request, settings.max_body_bytes,
                                                 settings.max_file_bytes),
                                   settings.max_variable_depth)
        except RequestError as error:
            return self._error(error.status, media, error.message, error.headers, error.code)
        document, errors, code = await self.runner.check_async(params.query)
        if document is None:
            return self._json(
                request_error_status(media),
                media,
                {"errors": [format_error(e, code) for e in errors]},
            )
        operation = get_operation_ast(document, params.operation_name)
        if request.method == "GET" and _is_unsafe(operation):
            # § GET: if query and operationName indicate a mutation, the server
            # MUST answer 405 and not execute, whatever the media type. Checked
            # before validation so that the answer does not depend on whether
            # the schema has (or the document validates against) a Mutation type.
            return self._error(
                405, media, "only queries may be sent with GET; use POST", {"Allow": "POST"}
            )
        if errors:
            return self._json(
                request_error_status(media),
                media,
                {"errors": [format_error(e, code) for e in errors]},
            )
        if operation is None:
            # GetOperation() raised a GraphQL request error.
            message = (
                f"no operation named {params.operation_name!r}"
                if params.operation_name
                else "give `operationName`: the document has several operations"
            )
            return self._error(request_error_status(media), media, message, code=VALIDATION_FAILED)
        try:
            context = await self.context_factory(request)
        except Unauthenticated as error:
            # Credentials were sent and are not valid (expired, forged, revoked): say so
            # rather than silently answering as an anonymous caller.
            return self._error(401, media, error.message, {"WWW-Authenticate": challenge(error)},
                               code=error.code)
        cache_key = None
        viewer = getattr(context, "viewer", None)
        if self.cache is not None and self.position is not None and viewer is not None \
                and viewer.is_anonymous and cacheable(operation):
            position = self.position()
            self.cache.advance(position)
            cache_key = self.cache.key(
                position, media, parse_accept_language(request.headers.get("accept-language")),
                params.query, params.operation_name, params.variables)
            cached = self.cache.get(cache_key)
            if cached is not None:
                await self.context_closer(context)
                return Response(cached, status_code=200, media_type=f"{media}; charset=utf-8")
        try:
            result = await self.runner.run(document, context, params.variables,
                                           params.operation_name, params.extensions)
        finally:
            await self.context_closer(context)
        headers = dict(getattr(context, "response_headers", {}) or {})
        if result.errors and result.data is None and all(e.path is None for e in result.errors):
            # Request errors (e.g. variables that do not coerce): no data entry.
            return self._json(
                request_error_status(media),
                media,
                {"errors": [format_error(e) for e in result.errors]},
                headers,
            )
        # Executed, perhaps with field errors: 200 for either media type
        # (§ Status Codes, "Field errors encountered during execution").
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [format_error(e) for e in result.errors]
        response = self._json(200, media, payload, headers)
        if cache_key is not None and self.cache is not None and not result.errors \
                and not headers:
            self.cache.put(cache_key, bytes(response.body))
        return response

    def _json(
        self,
        status: int,
        media: str,
        payload: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> Response:
        # § Body: the Content-Type names the media type and SHOULD give the encoding.
        return Response(
            orjson.dumps(payload),
            status_code=status,
            headers=headers,
            media_type=f"{media}; charset=utf-8",
        )

    def _error(
        self,
        status: int,
        media: str,
        message: str,
        headers: dict[str, str] | None = None,
        code: str = "BAD_REQUEST",
    ) -> Response:
        return self._json(
            status, media, {"errors": [{"message": message, "extensions": {"code": code}}]}, headers
        )


def _is_unsafe(operation: OperationDefinitionNode | None) -> bool:
    """Whether an operation may change state, so GET, a safe method, must not run it."""
    return operation is not None and operation.operation != OperationType.QUERY
