"""Baseline (a): a bare Starlette endpoint that returns a fixed JSON document.

It is served exactly the way ``ipreg serve`` serves the real application
(``uvicorn.run(app, host=..., port=..., access_log=False)``, one worker, the
same event loop and HTTP implementation that uvicorn picks), so the ratio
GraphQL / bare measures what our GraphQL stack costs on top of uvicorn and
Starlette.

The endpoint reads the request body (the load generator POSTs the same bodies
as the GraphQL runs) and answers with a constant payload of roughly the size of
a ``node`` response.

Run: ``python bench/graphql/bare_app.py --port 8001``
"""

from __future__ import annotations

import argparse

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PAYLOAD = orjson.dumps({
    "data": {
        "node": {
            "id": "R2VuZXJpY0lQT2JqZWN0OjE=",
            "name": "Полтавська галушка",
            "registerNumber": "UA/GI/00001",
            "holders": [{"name": "Асоціація виробників Полтавщини", "country": "UA"}],
            "goods": [{"description": "Страви з тіста", "hsCodes": ["190240"],
                       "niceClasses": [30]}],
            "statusHistory": [{"status": "registered", "date": "2020-03-24"}],
        }
    }
})


async def fixed(request: Request) -> Response:
    await request.body()
    return Response(PAYLOAD, media_type="application/json")


app = Starlette(routes=[Route("/graphql", fixed, methods=["GET", "POST"]),
                        Route("/", fixed, methods=["GET", "POST"])])


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark serves on loopback only")
    # Same call as ipreg.core.cli._serve.
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=False)


if __name__ == "__main__":
    main()
