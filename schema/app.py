"""The ASGI application: ``/graphql``, ``/health`` and the GraphiQL page."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from ipreg.core.runtime import Runtime
from ipreg.schema.build import build_schema
from ipreg.schema.context import Context, parse_accept_language
from ipreg.schema.http import GraphQLEndpoint
from ipreg.schema.reader import Reader

log = logging.getLogger("ipreg.app")


def create_app(runtime: Runtime | None = None) -> Starlette:
    """Build the application; the schema is assembled here, at start-up."""
    runtime = runtime or Runtime.create()
    schema = build_schema(runtime.registry, runtime.settings)

    async def make_context(request: Request) -> Context:
        return Context(
            runtime=runtime,
            reader=Reader(runtime.engine),
            lang=parse_accept_language(request.headers.get("accept-language")),
            request=request,
        )

    async def close_context(context: Any) -> None:
        await context.reader.close()

    endpoint = GraphQLEndpoint(schema, make_context, close_context)

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
            {"status": "ok" if ok else "down", "checks": checks}, status_code=200 if ok else 503
        )

    async def root(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await runtime.close()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
            Route("/health", health, methods=["GET"]),
            Route("/", root, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.schema = schema
    return app
