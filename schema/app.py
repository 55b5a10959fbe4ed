"""The ASGI application: ``/graphql``, ``/health``, ``/files/{sha256}``, GraphiQL and its
assets, CORS, compression."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from ipreg.core.audit import record_audit_now
from ipreg.core.auth import Principal
from ipreg.core.auth.authenticate import authenticate, note_api_key_use
from ipreg.core.notify import Dispatcher, DispatchSettings
from ipreg.core.runtime import Runtime
from ipreg.core.subscribers import SubscriberRunner
from ipreg.core.workers import PeriodicJob, Workers
from ipreg.schema.build import build_schema, possible_types
from ipreg.schema.context import Context, parse_accept_language
from ipreg.schema.execution import OperationRunner
from ipreg.schema.files import file_routes
from ipreg.schema.graphiql import static_mount
from ipreg.schema.http import GraphQLEndpoint
from ipreg.schema.middleware import middleware
from ipreg.schema.reader import Reader
from ipreg.schema.response_cache import ResponseCache
from ipreg.schema.routes import POSSIBLE_TYPES_PATH, plugin_routes
from ipreg.search.service import SearchService

log = logging.getLogger("ipreg.app")


def _request_id(given: str | None) -> str:
    """The caller's ``X-Request-ID`` when it is sane, else a new one."""
    if given and len(given) <= 64 and given.isascii() and given.isprintable():
        return given
    return uuid.uuid4().hex


Authenticator = Callable[[Request], Awaitable[Principal]]


def header_authenticator(runtime: Runtime) -> Authenticator:
    """Bearer JWTs and API keys from the request headers (see :mod:`ipreg.core.auth`)."""

    async def authenticate_request(request: Request) -> Principal:
        principal = await authenticate(runtime, request.headers.get("authorization"),
                                       request.headers.get("x-api-key"))
        if principal.is_api_key and await note_api_key_use(runtime, principal):
            # A login of an information system: audited once per key and minute.
            await record_audit_now(runtime.sessionmaker, principal=principal, action="login",
                                   entity="api_key", entity_id=principal.api_key_id,
                                   request_id=request.headers.get("x-request-id"))
        return principal

    return authenticate_request


def create_app(runtime: Runtime | None = None,
               authenticate: Authenticator | None = None) -> Starlette:
    """Build the application; the schema is assembled here, at start-up.

    ``authenticate`` turns a request into the calling principal.
    """
    runtime = runtime or Runtime.create()
    schema = build_schema(runtime.registry, runtime.settings)
    given = authenticate or header_authenticator(runtime)

    async def who(request: Request) -> Principal:
        # Whoever authenticates, the principal counts this deployment's official roles.
        return runtime.registry.bind(await given(request))

    async def make_context(request: Request) -> Context:
        return Context(
            runtime=runtime,
            viewer=await who(request),
            reader=Reader(runtime.engine),
            lang=parse_accept_language(request.headers.get("accept-language")),
            request=request,
            request_id=_request_id(request.headers.get("x-request-id")),
        )

    async def close_context(context: Any) -> None:
        await context.reader.close()
        if context.unpublished_reads:
            # Reads of non-public data by officials are audited, one record a request.
            read = sorted(context.unpublished_reads)
            await record_audit_now(
                runtime.sessionmaker, principal=context.viewer, action="read_unpublished",
                entity=read[0][0], entity_id=None,
                after={"read": [f"{entity}:{ident}" for entity, ident in read]},
                request_id=context.request_id)

    feed_position = runtime.feed_position
    endpoint = GraphQLEndpoint(
        schema, make_context, close_context,
        graphiql=runtime.settings.graphiql,
        runner=OperationRunner(schema, runtime.settings),
        cache=ResponseCache(runtime.settings.response_cache_bytes),
        position=lambda: feed_position.value,
    )
    app_state_cache = endpoint.cache

    async def graphql(request: Request) -> Any:
        return await endpoint(request)

    async def health(request: Request) -> JSONResponse:
        checks: dict[str, str] = {}
        ok = True
        try:
            async with runtime.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:  # the point is to report any failure
            ok = False
            checks["database"] = f"down: {type(exc).__name__}"
        search = runtime.extras.get("search_health")
        if search is not None:
            try:
                await search()
                checks["search"] = "ok"
            except Exception as exc:
                ok = False
                checks["search"] = f"down: {type(exc).__name__}"
        else:
            checks["search"] = "ok (embedded)"
        return JSONResponse(
            {"status": "ok" if ok else "down", "checks": checks, "pool": _pool_stats()},
            status_code=200 if ok else 503,
        )

    def _pool_stats() -> dict[str, int]:
        """The connection pool as operators and the soak (bench/graphql/soak.py) watch it:
        ``checkedOut`` stays 0 between requests on an idle server."""
        pool: Any = runtime.engine.pool
        stats = {"checkedOut": 0}
        for key, method in (("checkedOut", "checkedout"), ("size", "size"),
                            ("overflow", "overflow")):
            if callable(getattr(pool, method, None)):
                stats[key] = int(getattr(pool, method)())
        return stats

    async def root(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    fragment_types = possible_types(schema)

    async def possible_types_json(request: Request) -> JSONResponse:
        """schema/possibleTypes.json of this server's plugins (docs/clients.md)."""
        return JSONResponse(fragment_types, headers={"Cache-Control": "no-cache"})

    notify_settings = DispatchSettings.from_env()
    workers = Workers([
        PeriodicJob("tick", runtime.settings.tick_interval, runtime.procedures.tick),
        PeriodicJob("feed-position", runtime.settings.feed_poll_ms / 1000,
                    lambda: feed_position.refresh(runtime.engine)),
        PeriodicJob("subscribers", runtime.settings.subscriber_interval,
                    SubscriberRunner(runtime).run_once),
        PeriodicJob("notifications", notify_settings.interval,
                    Dispatcher(runtime, settings=notify_settings).drain),
        *runtime.extras.get("periodic_jobs", []),
    ])

    # The search service registers its health check now; its indexer follows the
    # change feed in the background while the server runs.
    search = SearchService.of(runtime)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await feed_position.refresh(runtime.engine)
        workers.start()
        if runtime.settings.search_interval > 0:
            await search.start(runtime.settings.search_interval)
        try:
            yield
        finally:
            await workers.stop()
            await search.close()
            await runtime.close()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
            Route("/health", health, methods=["GET"]),
            Route(POSSIBLE_TYPES_PATH, possible_types_json, methods=["GET"]),
            Route("/", root, methods=["GET"]),
            *([static_mount()] if runtime.settings.graphiql else []),
            *file_routes(),
            *plugin_routes(runtime.registry),
        ],
        middleware=middleware(runtime.settings),
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.authenticate = who  # ipreg.schema.routes.caller: plugins' routes
    app.state.schema = schema
    app.state.response_cache = app_state_cache
    return app
