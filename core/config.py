"""Settings from the environment (and CLI flags, which override it).

Every limit is a setting with a safe default; the README lists them all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _switch(name: str, default: bool) -> bool:
    """An on/off setting: ``1 true yes on`` or ``0 false no off``; unset keeps ``default``."""
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be 1 or 0 (on or off), got {raw!r}")


def _origins(raw: str | None) -> tuple[str, ...]:
    return tuple(o.strip().rstrip("/") for o in (raw or "").split(",") if o.strip())


def _plugins(raw: str | None) -> tuple[str, ...] | None:
    if raw is None:
        return None
    return tuple(sorted({name.strip() for name in raw.split(",") if name.strip()}))


@dataclass(frozen=True)
class Settings:
    """Process-wide configuration. Build it with :func:`Settings.from_env`."""

    database_url: str = "sqlite:///ipreg.db"
    opensearch_url: str | None = None
    secret: str = "ipreg-development-secret-change-me"
    files_dir: Path = Path("ipreg-files")
    #: ``None`` loads every installed plugin; a tuple restricts to those names.
    plugins: tuple[str, ...] | None = None
    #: Relay page size limit (Saleor caps at 100).
    max_page_size: int = 100
    default_page_size: int = 20
    #: Query complexity limits (see ipreg.schema.limits for how they are measured).
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5000
    max_query_cost: int = 50_000
    #: Request size limits: a POST body (and a GET query string), a query text,
    #: the nesting of ``variables`` and ``extensions``.
    max_body_bytes: int = 1024 * 1024
    max_query_bytes: int = 256 * 1024
    max_variable_depth: int = 32
    #: Estimated memory for checked (parsed and validated) query texts.
    document_cache_bytes: int = 32 * 1024 * 1024
    #: Upload limit for the content-addressed file store.
    max_file_bytes: int = 50 * 1024 * 1024
    #: Seconds between two runs of the time-limit check in a server (0: never).
    tick_interval: int = 60
    #: Seconds between two rounds of the change-feed subscribers in a server (0: never).
    subscriber_interval: int = 1
    #: Bytes of anonymous GraphQL answers kept, keyed by the feed position (0: off).
    response_cache_bytes: int = 64 * 1024 * 1024
    #: Milliseconds between two reads of the feed position by a server, which bound
    #: how long another replica's write can go unseen by this one's cached answers.
    feed_poll_ms: int = 200
    #: Seconds the search indexer of a server sleeps when it has caught up (0: no
    #: indexer in this process; a commit in this process wakes it at once).
    search_interval: int = 1
    #: Development mode (IPREG_DEV=1, ``ipreg serve --dev``, ``ipreg demo``): the only
    #: way ``ipreg serve`` starts with the development ``secret`` above.
    dev: bool = False
    #: GraphiQL at ``/graphql`` for browsers, its assets at ``/graphql/static/`` (off: 0).
    graphiql: bool = True
    #: ``__schema`` and ``__type`` queries (off: 0; GraphiQL needs them).
    introspection: bool = True
    #: Origins whose browser pages may call the API (CORS), e.g.
    #: ``https://portal.example.org``; ``*`` for any origin, without credentials.
    cors_origins: tuple[str, ...] = ()
    #: Answers of at least this many bytes are compressed (br or gzip) when the client
    #: accepts it and the type compresses (JSON, text, JavaScript...); 0: never.
    compress_min_bytes: int = 1024
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        settings = cls(
            database_url=env.get("IPREG_DATABASE_URL") or cls.database_url,
            opensearch_url=env.get("IPREG_OPENSEARCH_URL") or None,
            secret=env.get("IPREG_SECRET") or cls.secret,
            files_dir=Path(env.get("IPREG_FILES_DIR") or cls.files_dir),
            plugins=_plugins(env.get("IPREG_PLUGINS")),
            max_page_size=_int("IPREG_MAX_PAGE_SIZE", cls.max_page_size),
            default_page_size=_int("IPREG_DEFAULT_PAGE_SIZE", cls.default_page_size),
            max_query_depth=_int("IPREG_MAX_QUERY_DEPTH", cls.max_query_depth),
            max_aliases=_int("IPREG_MAX_ALIASES", cls.max_aliases),
            max_tokens=_int("IPREG_MAX_TOKENS", cls.max_tokens),
            max_query_cost=_int("IPREG_MAX_QUERY_COST", cls.max_query_cost),
            max_body_bytes=_int("IPREG_MAX_BODY_BYTES", cls.max_body_bytes),
            max_query_bytes=_int("IPREG_MAX_QUERY_BYTES", cls.max_query_bytes),
            max_variable_depth=_int("IPREG_MAX_VARIABLE_DEPTH", cls.max_variable_depth),
            document_cache_bytes=_int("IPREG_DOCUMENT_CACHE_BYTES", cls.document_cache_bytes),
            max_file_bytes=_int("IPREG_MAX_FILE_BYTES", cls.max_file_bytes),
            tick_interval=_int("IPREG_TICK_INTERVAL", cls.tick_interval),
            subscriber_interval=_int("IPREG_SUBSCRIBER_INTERVAL", cls.subscriber_interval),
            response_cache_bytes=_int("IPREG_RESPONSE_CACHE_BYTES", cls.response_cache_bytes),
            feed_poll_ms=_int("IPREG_FEED_POLL_MS", cls.feed_poll_ms),
            search_interval=_int("IPREG_SEARCH_INTERVAL", cls.search_interval),
            dev=_flag("IPREG_DEV"),
            graphiql=_switch("IPREG_GRAPHIQL", cls.graphiql),
            introspection=_switch("IPREG_INTROSPECTION", cls.introspection),
            cors_origins=_origins(env.get("IPREG_CORS_ORIGINS")),
            compress_min_bytes=_int("IPREG_COMPRESS_MIN_BYTES", cls.compress_min_bytes),
        )
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **clean)  # type: ignore[arg-type]
