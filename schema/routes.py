"""Plugins' HTTP routes beside ``/graphql`` (hook ``ipreg_register_routes``) and the
helpers their endpoints use: the caller, the runtime, errors with stable codes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute

from ipreg.core.auth import Principal
from ipreg.core.errors import ConfigurationError, IpregError, Unauthenticated
from ipreg.core.plugins import Registry
from ipreg.core.runtime import Runtime

#: Paths the core serves; no plugin may take them.
POSSIBLE_TYPES_PATH = "/graphql/possible-types.json"
CORE_PATHS = frozenset({"/graphql", "/health", "/", POSSIBLE_TYPES_PATH})

#: HTTP status of an error code; anything else is a 400.
STATUS = {
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "CONFLICT": 409,
    "INTERNAL_SERVER_ERROR": 500,
}


def plugin_routes(registry: Registry) -> list[BaseRoute]:
    """Every plugin's routes, checked: a path under ``/<plugin>/``, served once."""
    routes: list[BaseRoute] = []
    owners: dict[str, str] = {}
    for impl in registry.pm.hook.ipreg_register_routes.get_hookimpls():
        owner = impl.plugin_name
        for route in impl.function() or []:
            path = getattr(route, "path", None)
            if not isinstance(route, BaseRoute) or not isinstance(path, str):
                raise ConfigurationError(f"{owner} contributed {route!r}, which is not a route")
            if path in CORE_PATHS or path in owners:
                first = "the core" if path in CORE_PATHS else owners[path]
                raise ConfigurationError(f"{path} is served by both {first} and {owner}")
            if not path.startswith(f"/{owner}/"):
                raise ConfigurationError(f"{owner}'s route {path} must start with /{owner}/")
            owners[path] = owner
            routes.append(route)
    return routes


def runtime(request: Request) -> Runtime:
    """The runtime of the application serving ``request``."""
    value: Runtime = request.app.state.runtime
    return value


async def caller(request: Request) -> Principal:
    """The authenticated caller, as ``/graphql`` sees it (anonymous without
    credentials; :class:`~ipreg.core.errors.Unauthenticated` for invalid ones)."""
    principal: Principal = await request.app.state.authenticate(request)
    return principal


def error_response(error: IpregError) -> JSONResponse:
    """``{"errors": [{"message", "extensions": {"code", ...details}}]}`` with a fitting
    status (the details as GraphQL gives them, e.g. ``argument``)."""
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthenticated) else None
    return JSONResponse(
        {"errors": [{"message": error.message,
                     "extensions": {**error.details, "code": error.code}}]},
        status_code=STATUS.get(error.code, 400),
        headers=headers,
    )


__all__ = ["caller", "error_response", "plugin_routes", "runtime"]
