"""HTTP middleware around the whole application: CORS and response compression.

CORS (``IPREG_CORS_ORIGINS``): Starlette's ``CORSMiddleware`` answers preflights
with the methods and headers our clients send. Credentials
(``Access-Control-Allow-Credentials``) are allowed only to the origins listed by
name; ``*`` lets any other origin read answers without credentials, and never
echoes the caller's origin with credentials. Answers that depend on the
``Origin`` carry ``Vary: Origin``.

Compression (``IPREG_COMPRESS_MIN_BYTES``): brotli or gzip as negotiated by
``Accept-Encoding`` (``br`` preferred, ``q=0`` honoured), for answers of at least
that size whose type compresses (JSON, text, JavaScript, SVG, XML). Images,
PDFs, archives, spreadsheets, event streams, partial (206) answers and answers
already encoded pass untouched. Starlette's responders do the work: streamed
answers are compressed chunk by chunk (flushed, so nothing waits for the end),
large chunks in a worker thread; request bodies are not touched.
"""

from __future__ import annotations

from typing import Any

import anyio.to_thread
import brotli
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipResponder, IdentityResponder
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ipreg.core.config import Settings
from ipreg.schema.http import weighted

#: What browsers and our documented clients send (GraphiQL, Apollo, urql, fetch).
CORS_HEADERS = ("Accept", "Accept-Language", "Authorization", "Content-Type",
                "X-API-Key", "X-Request-ID", "Apollo-Require-Preflight", "X-Apollo-Operation-Name",
                "Range", "If-None-Match")
CORS_METHODS = ("GET", "POST", "HEAD", "OPTIONS")
#: Response headers a script on another origin may read.
CORS_EXPOSE = ("Accept-Ranges", "Content-Disposition", "Content-Range", "ETag", "Retry-After",
               "WWW-Authenticate",
               "X-Request-ID")
CORS_MAX_AGE = 600


class CORS:
    """CORS for the configured origins: credentials only for those listed by name."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.named = tuple(o for o in origins if o != "*")
        common: dict[str, Any] = {"allow_methods": CORS_METHODS, "allow_headers": CORS_HEADERS,
                                  "expose_headers": CORS_EXPOSE, "max_age": CORS_MAX_AGE}
        self.credentialed = CORSMiddleware(app, allow_origins=self.named,
                                           allow_credentials=True, **common)
        self.anyone: ASGIApp | None = None
        if "*" in origins:
            anyone = CORSMiddleware(app, allow_origins=["*"], allow_credentials=False, **common)
            # With origins named too, the answer to a request depends on its Origin.
            self.anyone = _vary_origin(anyone) if self.named else anyone

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.anyone is not None:
            origin = Headers(scope=scope).get("origin")
            if origin is not None and origin not in self.named:
                await self.anyone(scope, receive, send)
                return
        await self.credentialed(scope, receive, send)


def _vary_origin(app: ASGIApp) -> ASGIApp:
    async def vary(scope: Scope, receive: Receive, send: Send) -> None:
        async def send_varied(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).add_vary_header("Origin")
            await send(message)

        await app(scope, receive, send_varied)

    return vary


def compressible(content_type: str) -> bool:
    """Whether an answer of this ``Content-Type`` is worth compressing."""
    media = content_type.partition(";")[0].strip().lower()
    if media == "text/event-stream":
        return False  # each event must reach the client as it is sent
    return (media.startswith("text/") or media.endswith(("+json", "+xml"))
            or media in ("application/json", "application/javascript",
                         "application/xml", "image/svg+xml"))


def accepted_encoding(accept_encoding: str) -> str | None:
    """``br``, ``gzip`` or None (identity) for an ``Accept-Encoding`` header (RFC 9110 §12.5.3)."""
    weights: dict[str, float] = dict(weighted(accept_encoding))
    anything = weights.get("*", 0.0)
    br, gzip = weights.get("br", anything), weights.get("gzip", anything)
    if br > 0 and br >= gzip:
        return "br"
    return "gzip" if gzip > 0 else None


class _OnlyCompressible(IdentityResponder):
    """Passes answers of types that do not compress through untouched."""

    passthrough = False

    async def send_with_compression(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            self.passthrough = not compressible(headers.get("content-type", "")) \
                or "content-encoding" in headers or message["status"] == 206
            etag = headers.get("etag")
            if not self.passthrough and etag and not etag.startswith("W/"):
                # The compressed bytes are another representation: a weak validator
                # (RFC 9110 §8.8.1) keeps conditional requests (304) working
                # without claiming byte equality.
                headers["etag"] = "W/" + etag
        if self.passthrough:
            await self.send(message)
            return
        await super().send_with_compression(message)


class _Gzip(_OnlyCompressible, GZipResponder):
    pass


class _Brotli(_OnlyCompressible):
    content_encoding = "br"
    #: Chunks at least this large are compressed in a worker thread.
    thread_minimum_size = 128 * 1024

    def __init__(self, app: ASGIApp, minimum_size: int) -> None:
        super().__init__(app, minimum_size, exclude_content_types=())
        self._compressor: Any = None

    async def apply_compression(self, body: bytes, *, more_body: bool) -> bytes:
        if len(body) >= self.thread_minimum_size:
            return await anyio.to_thread.run_sync(self._compress, body, more_body)
        return self._compress(body, more_body)

    def _compress(self, body: bytes, more_body: bool) -> bytes:
        if self._compressor is None:
            self._compressor = brotli.Compressor(quality=4, mode=brotli.MODE_TEXT)
        out: bytes = self._compressor.process(body)
        return out + (self._compressor.flush() if more_body else self._compressor.finish())


class Compression:
    """br or gzip for compressible answers of at least ``minimum_size`` bytes."""

    def __init__(self, app: ASGIApp, minimum_size: int) -> None:
        self.app = app
        self.minimum_size = minimum_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        coding = accepted_encoding(Headers(scope=scope).get("accept-encoding", ""))
        if coding == "br":
            await _Brotli(self.app, self.minimum_size)(scope, receive, send)
        elif coding == "gzip":
            await _Gzip(self.app, self.minimum_size, compresslevel=6,
                        exclude_content_types=())(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def middleware(settings: Settings) -> list[Middleware]:
    """CORS (outermost: preflights are answered first) if origins are configured, then
    compression unless ``IPREG_COMPRESS_MIN_BYTES=0``."""
    stack = []
    if settings.cors_origins:
        stack.append(Middleware(CORS, origins=settings.cors_origins))
    if settings.compress_min_bytes > 0:
        stack.append(Middleware(Compression, minimum_size=settings.compress_min_bytes))
    return stack
