"""GraphQL for tests: over HTTP through the whole application, or executed in process.

:class:`GraphQLClient` posts to ``/graphql`` of :func:`ipreg.schema.app.create_app`
through httpx's ASGI transport (authentication, limits, caching and error
formatting included); :class:`SchemaRunner` executes a document against the
runtime's schema with a given viewer, without HTTP (quicker, and
the viewer needs no credentials).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx

from ipreg.core.auth import ANONYMOUS, Principal
from ipreg.core.runtime import Runtime

#: Turns a request into the calling principal (see :func:`ipreg.schema.app.create_app`).
Authenticator = Callable[[Any], Awaitable[Principal]]


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
        """The response body: ``{"data": ..., "errors": [...]}``."""
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
        """The response's ``data``; an error in the response fails the test."""
        result = await self.query(query, variables, headers)
        assert "errors" not in result, result["errors"]
        data: dict[str, Any] = result["data"]
        return data


@asynccontextmanager
async def http_client(runtime: Runtime, authenticate: Authenticator | None = None
                      ) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client of the whole application (``/graphql``, ``/health``, plugin routes)."""
    from ipreg.schema.app import create_app

    app = create_app(runtime, authenticate)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@asynccontextmanager
async def graphql_client(runtime: Runtime,
                         authenticate: Authenticator | None = None
                         ) -> AsyncIterator[GraphQLClient]:
    """A :class:`GraphQLClient` of the application over ``runtime``."""
    async with http_client(runtime, authenticate) as http:
        yield GraphQLClient(http)


@contextmanager
def serving(runtime: Runtime, authenticate: Authenticator | None = None) -> Iterator[str]:
    """The whole application over ``runtime`` under a real uvicorn server on 127.0.0.1
    (in a thread with its own event loop, so give it a runtime of its own); its base URL
    ``http://127.0.0.1:<port>``. The server stops when the block ends."""
    import socket
    import threading
    import time

    import uvicorn

    from ipreg.schema.app import create_app

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(runtime, authenticate), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class SchemaRunner:
    """Executes GraphQL documents in process, as a given viewer, against one runtime."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._schema: Any = None

    @property
    def schema(self) -> Any:
        """The runtime's schema, built once."""
        if self._schema is None:
            from ipreg.schema.build import build_schema

            self._schema = build_schema(self.runtime.registry, self.runtime.settings)
        return self._schema

    async def execute(self, query: str, variables: dict[str, Any] | None = None,
                      viewer: Principal = ANONYMOUS) -> dict[str, Any]:
        """``{"data": ..., "errors": [...]}`` as JSON, errors formatted as over HTTP."""
        from ipreg.schema.context import Context
        from ipreg.schema.errors import format_error
        from ipreg.schema.reader import Reader

        reader = Reader(self.runtime.engine)
        try:
            result = await self.schema.execute(
                query, variable_values=variables,
                context_value=Context(runtime=self.runtime, reader=reader, viewer=viewer))
        finally:
            await reader.close()
        out: dict[str, Any] = {"data": result.data}
        if result.errors:
            out["errors"] = [format_error(e) for e in result.errors]
        return out

    async def data(self, query: str, variables: dict[str, Any] | None = None,
                   viewer: Principal = ANONYMOUS) -> dict[str, Any]:
        """The result's ``data``; an error fails the test."""
        result = await self.execute(query, variables, viewer)
        assert "errors" not in result, result["errors"]
        data: dict[str, Any] = result["data"]
        return data


__all__ = ["Authenticator", "GraphQLClient", "SchemaRunner", "graphql_client", "http_client"]
