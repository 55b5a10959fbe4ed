"""GraphiQL served from the package: the page and its assets need no network beyond this server.

strawberry's GraphiQL page loads React, GraphiQL and the explorer plugin from
unpkg.com, so on a machine without internet it never leaves "Loading...". The
same files, byte for byte (their SRI hashes are the template's), are vendored in
``schema/static/graphiql/`` by ``scripts/vendor-graphiql`` with the manifest
``assets.json`` this page is rendered from; they are served at ``/graphql/static/``
with a year's ``Cache-Control`` (the version is in their path) and an ``ETag``.

The page accepts GraphiQL's deep links (``/graphql?query=...&variables=...
&operationName=...``), never writes headers (an ``Authorization`` token) to
localStorage (``shouldPersistHeaders: false``) and comes with a
Content-Security-Policy that lets it load and call nothing but this server.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE = HERE / "graphiql.html"
#: Where the vendored assets are served: STATIC_PATH/graphiql/NAME@VERSION/FILE.
STATIC_PATH = "/graphql/static"
#: The versioned asset URLs never change content: browsers keep them a year.
IMMUTABLE = "public, max-age=31536000, immutable"


def manifest() -> list[dict[str, Any]]:
    """The vendored assets in page order (``schema/static/graphiql/assets.json``)."""
    data = json.loads((STATIC_DIR / "graphiql" / "assets.json").read_text(encoding="utf-8"))
    return list(data["assets"])


def _tag(asset: dict[str, Any]) -> str:
    url = html.escape(f"{STATIC_PATH}/graphiql/{asset['path']}")
    integrity = html.escape(asset["integrity"])
    if asset["type"] == "style":
        return f'    <link rel="stylesheet" href="{url}" integrity="{integrity}" />'
    return f'    <script src="{url}" integrity="{integrity}"></script>'


@functools.cache
def page() -> tuple[str, str]:
    """The page's HTML and its Content-Security-Policy (built once per process)."""
    assets = manifest()
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("<!-- STYLES -->",
                        "\n".join(_tag(a) for a in assets if a["type"] == "style"))
    text = text.replace("<!-- SCRIPTS -->",
                        "\n".join(_tag(a) for a in assets if a["type"] == "script"))
    inline = re.findall(r"<script>(.*?)</script>", text, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in inline)
    policy = "; ".join([
        "default-src 'self'",
        f"script-src 'self' {hashes}",
        # GraphiQL's editors and React set style attributes.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ])
    return text, policy


def graphiql_response() -> Response:
    text, policy = page()
    return HTMLResponse(text, headers={
        "Content-Security-Policy": policy,
        "Cache-Control": "no-cache",
        # /graphql answers HTML or JSON by the Accept header.
        "Vary": "Accept",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    })


class _VersionedStatic(StaticFiles):
    """Starlette's static files (``ETag``, ``Last-Modified``, 304s), cached a year."""

    def file_response(self, full_path: Any, stat_result: Any, scope: Scope,
                      status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = IMMUTABLE
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def static_mount() -> Mount:
    """The route of the vendored assets (only mounted while GraphiQL is on)."""
    return Mount(STATIC_PATH, app=_VersionedStatic(directory=STATIC_DIR), name="graphiql-static")
