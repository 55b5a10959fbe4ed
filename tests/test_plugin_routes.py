"""Plugins serve HTTP routes beside /graphql (hook ``ipreg_register_routes``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ipreg.core.config import Settings
from ipreg.core.errors import ConfigurationError, Forbidden
from ipreg.core.hookspecs import hookimpl
from ipreg.core.runtime import Runtime
from ipreg.schema.routes import caller, error_response, runtime


async def whoami(request: Request) -> Response:
    viewer = await caller(request)
    if viewer.is_anonymous and request.query_params.get("private"):
        return error_response(Forbidden("officials only"))
    return JSONResponse({"anonymous": viewer.is_anonymous,
                         "plugins": sorted(runtime(request).registry.jurisdictions)})


class _Routes:
    def __init__(self, *paths: str) -> None:
        self.paths = paths

    @hookimpl
    def ipreg_register_routes(self) -> Iterable[Any]:
        return [Route(path, whoami) for path in self.paths]


def _runtime(database_url: str, *plugins: tuple[str, Any]) -> Runtime:
    return Runtime.create(Settings.from_env(database_url=database_url, plugins=None),
                          extra_plugins=list(plugins))


@pytest.mark.hook("ipreg_register_routes")
async def test_a_plugin_route_sees_the_caller_and_answers_errors_with_codes(
    database_url: str,
) -> None:
    from ipreg.schema.app import create_app

    rt = _runtime(database_url, ("tools", _Routes("/tools/whoami")))
    app = create_app(rt)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        answer = await http.get("/tools/whoami")
        assert answer.json()["anonymous"] is True and "eaeu" in answer.json()["plugins"]
        refused = await http.get("/tools/whoami", params={"private": "1"})
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await rt.close()


@pytest.mark.parametrize(("plugins", "message"), [
    ([("tools", _Routes("/elsewhere"))], "must start with /tools/"),
    ([("tools", _Routes("/graphql"))], "/graphql is served by both the core and tools"),
    ([("tools", _Routes("/tools/a", "/tools/a"))], "/tools/a is served by both tools and tools"),
])
async def test_a_route_outside_the_plugins_prefix_or_served_twice_stops_start_up(
    database_url: str, plugins: list[tuple[str, Any]], message: str
) -> None:
    from ipreg.schema.app import create_app

    rt = _runtime(database_url, *plugins)
    with pytest.raises(ConfigurationError, match=message):
        create_app(rt)
    await rt.close()
