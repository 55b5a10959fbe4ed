"""CORS for the configured origins and br/gzip compression, on a real ``ipreg serve``
(uvicorn on 127.0.0.1) started with ``IPREG_CORS_ORIGINS`` (README, "GraphiQL, CORS
and compression")."""

from __future__ import annotations

import gzip
import secrets
from collections.abc import Iterator

import brotli
import httpx
import pytest
from live_server import environment_without, ipreg_serve
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ipreg.core.config import Settings
from ipreg.schema.graphiql import STATIC_DIR, manifest
from ipreg.schema.middleware import accepted_encoding, compressible, middleware

PORTAL = "https://portal.example.org"
STRANGER = "https://elsewhere.example.com"
INTROSPECTION = "{ __schema { types { name description fields { name description } } } }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = {**environment_without("IPREG_DEV", "IPREG_COMPRESS_MIN_BYTES"),
           "IPREG_SECRET": secrets.token_urlsafe(32),
           "IPREG_CORS_ORIGINS": f"{PORTAL}, *"}
    with ipreg_serve(tmp_path_factory.mktemp("cors"), env) as base:
        yield base


def preflight(server: str, origin: str, headers: str = "authorization, content-type",
              ) -> httpx.Response:
    return httpx.options(f"{server}/graphql", headers={
        "origin": origin, "access-control-request-method": "POST",
        "access-control-request-headers": headers})


# ---------------------------------------------------------------- CORS


def test_a_preflight_from_a_listed_origin_may_send_credentials(server: str) -> None:
    response = preflight(server, PORTAL, "authorization, content-type, x-api-key, x-request-id")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == PORTAL
    assert response.headers["access-control-allow-credentials"] == "true"
    assert {"GET", "POST"} <= set(response.headers["access-control-allow-methods"].split(", "))
    allowed = response.headers["access-control-allow-headers"].lower()
    for header in ("authorization", "content-type", "x-api-key", "x-request-id"):
        assert header in allowed
    assert "Origin" in response.headers["vary"]


def test_with_star_any_origin_reads_answers_but_never_with_credentials(server: str) -> None:
    response = preflight(server, STRANGER)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    # Listed origins get another answer: caches must key on the Origin.
    assert "Origin" in response.headers["vary"]
    # Even with a cookie, the stranger's origin is not echoed with credentials.
    answer = httpx.post(f"{server}/graphql", json={"query": "{ __typename }"},
                        headers={"origin": STRANGER, "cookie": "session=1"})
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in answer.headers


def test_an_answer_to_a_listed_origin_names_it_and_allows_credentials(server: str) -> None:
    answer = httpx.post(f"{server}/graphql", json={"query": "{ __typename }"},
                        headers={"origin": PORTAL})
    assert answer.json() == {"data": {"__typename": "Query"}}
    assert answer.headers["access-control-allow-origin"] == PORTAL
    assert answer.headers["access-control-allow-credentials"] == "true"
    assert "Origin" in answer.headers["vary"]
    assert "X-Request-ID" in answer.headers["access-control-expose-headers"]


def test_requests_without_an_origin_get_no_cors_headers(server: str) -> None:
    answer = httpx.post(f"{server}/graphql", json={"query": "{ __typename }"})
    assert not [h for h in answer.headers if h.startswith("access-control-")]


def asgi_client(app: Starlette) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def _cors_only(origins: tuple[str, ...]) -> httpx.AsyncClient:
    async def ok(request: Request) -> Response:
        return PlainTextResponse("ok")

    return asgi_client(Starlette(routes=[Route("/graphql", ok, methods=["GET", "POST"])],
                                 middleware=middleware(Settings(cors_origins=origins))))


async def test_only_listed_origins_when_there_is_no_star() -> None:
    async with _cors_only((PORTAL,)) as client:
        refused = await client.options("/graphql", headers={
            "origin": STRANGER, "access-control-request-method": "POST"})
        assert refused.status_code == 400
        assert "access-control-allow-origin" not in refused.headers
        answer = await client.post("/graphql", headers={"origin": STRANGER})
        assert "access-control-allow-origin" not in answer.headers
        bad_header = await client.options("/graphql", headers={
            "origin": PORTAL, "access-control-request-method": "POST",
            "access-control-request-headers": "x-not-ours"})
        assert bad_header.status_code == 400


async def test_without_configured_origins_there_is_no_cors() -> None:
    assert all("CORS" not in str(m.cls) for m in middleware(Settings()))
    async with _cors_only(()) as client:
        answer = await client.options("/graphql", headers={
            "origin": PORTAL, "access-control-request-method": "POST"})
        assert "access-control-allow-origin" not in answer.headers


def test_cors_origins_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPREG_CORS_ORIGINS", f" {PORTAL}/ ,https://b.example ")
    assert Settings.from_env().cors_origins == (PORTAL, "https://b.example")


# ---------------------------------------------------------------- compression


@pytest.mark.parametrize(("accept_encoding", "coding"), [
    ("gzip, deflate, br", "br"),
    ("br;q=0, gzip", "gzip"),
    ("gzip", "gzip"),
    ("identity", None),
    ("", None),
])
def test_a_large_answer_is_compressed_as_negotiated(
        server: str, accept_encoding: str, coding: str | None) -> None:
    with httpx.Client() as client:
        response = client.post(f"{server}/graphql", json={"query": INTROSPECTION},
                               headers={"accept-encoding": accept_encoding})
        plain = client.post(f"{server}/graphql", json={"query": INTROSPECTION},
                            headers={"accept-encoding": "identity"})
    assert response.headers.get("content-encoding") == coding
    # httpx decoded it: the same JSON as the identity answer.
    assert response.json() == plain.json() and "errors" not in plain.json()
    if coding is not None:
        assert "Accept-Encoding" in response.headers["vary"]
        assert int(response.headers["content-length"]) < len(plain.content) / 4


def test_a_small_answer_is_not_compressed(server: str) -> None:
    response = httpx.post(f"{server}/graphql", json={"query": "{ __typename }"},
                          headers={"accept-encoding": "br, gzip"})
    assert "content-encoding" not in response.headers


def test_static_assets_stream_compressed_and_decode_to_the_file(server: str) -> None:
    (script,) = [a for a in manifest() if a["path"].endswith("graphiql.min.js")]
    original = (STATIC_DIR / "graphiql" / script["path"]).read_bytes()
    url = f"{server}/graphql/static/graphiql/{script['path']}"
    for coding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        with httpx.stream("GET", url, headers={"accept-encoding": coding}) as response:
            wire = b"".join(response.iter_raw())
            assert response.headers["content-encoding"] == coding
            # Another representation of the file: its validator is weak.
            assert response.headers["etag"].startswith("W/")
            etag = response.headers["etag"]
        assert decode(wire) == original
        assert len(wire) < len(original) / 3
        again = httpx.get(url, headers={"accept-encoding": coding, "if-none-match": etag})
        assert again.status_code == 304


async def test_what_does_not_compress_passes_untouched() -> None:
    body = bytes(range(256)) * 64

    async def image(request: Request) -> Response:
        return Response(body, media_type=request.query_params["type"])

    async def events(request: Request) -> Response:
        async def stream() -> object:
            for i in range(3):
                yield f"data: {'x' * 2000}{i}\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream")

    app = Starlette(routes=[Route("/file", image), Route("/events", events)],
                    middleware=middleware(Settings()))
    async with asgi_client(app) as client:
        for media in ("image/jpeg", "image/png", "application/pdf", "application/zip",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"):
            response = await client.get("/file", params={"type": media},
                                  headers={"accept-encoding": "br, gzip"})
            assert "content-encoding" not in response.headers, media
            assert response.content == body
        stream = await client.get("/events", headers={"accept-encoding": "br, gzip"})
        assert "content-encoding" not in stream.headers


@pytest.mark.parametrize(("content_type", "expected"), [
    ("application/json", True), ("application/graphql-response+json; charset=utf-8", True),
    ("text/csv", True), ("text/javascript; charset=utf-8", True), ("image/svg+xml", True),
    ("text/event-stream", False), ("image/jpeg", False), ("image/tiff", False),
    ("application/pdf", False), ("application/octet-stream", False), ("", False)])
def test_compressible_types(content_type: str, expected: bool) -> None:
    assert compressible(content_type) is expected


@pytest.mark.parametrize(("header", "coding"), [
    ("br", "br"), ("gzip;q=0.5, br;q=0.4", "gzip"), ("*", "br"), ("*, br;q=0", "gzip"),
    ("deflate", None), ("gzip;q=0", None), ("identity;q=1, *;q=0", None)])
def test_accept_encoding_negotiation(header: str, coding: str | None) -> None:
    assert accepted_encoding(header) == coding


def test_compression_can_be_switched_off() -> None:
    assert all("Compression" not in str(m.cls) for m in middleware(
        Settings(compress_min_bytes=0)))

