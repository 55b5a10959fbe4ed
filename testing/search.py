"""Search backends for tests: the embedded one in a file of the test's own, and OpenSearch.

OpenSearch needs ``IPREG_TEST_OPENSEARCH_URL``; each backend made here gets its own
index prefix and its indices are dropped again by :func:`drop_search_backend`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ipreg.core.runtime import Runtime
from ipreg.search.backend import SearchBackend

if TYPE_CHECKING:
    from ipreg.search.service import SearchService

#: The search backends every search test runs on.
SEARCH_BACKENDS = ["embedded", "opensearch"]
#: Names the OpenSearch node of the tests.
OPENSEARCH_ENV = "IPREG_TEST_OPENSEARCH_URL"


def opensearch_url() -> str | None:
    """The OpenSearch URL of the tests, or ``None`` when only the embedded backend runs."""
    return os.environ.get(OPENSEARCH_ENV) or None


async def make_search_backend(kind: str, tmp_path: Path) -> SearchBackend:
    """A prepared, empty backend of ``kind`` (``embedded`` or ``opensearch``)."""
    if kind == "embedded":
        from ipreg.search.embedded import EmbeddedBackend

        backend: SearchBackend = EmbeddedBackend(tmp_path / "search.db")
    elif kind == "opensearch":
        from ipreg.search.opensearch.backend import OpenSearchBackend

        url = opensearch_url()
        assert url, f"{OPENSEARCH_ENV} is not set"
        backend = OpenSearchBackend(url, f"ipreg-test-{uuid.uuid4().hex[:10]}")
    else:
        raise ValueError(f"search backend {kind!r} is not one of {SEARCH_BACKENDS}")
    await backend.prepare()
    return backend


async def drop_search_backend(backend: SearchBackend) -> None:
    """Remove a test backend's indices (OpenSearch) and close it."""
    drop = getattr(backend, "drop", None)  # an OpenSearch backend removes its test indices
    if drop is not None:
        await drop()
    await backend.close()


@asynccontextmanager
async def fresh_search_backend(kind: str, tmp_path: Path) -> AsyncIterator[SearchBackend]:
    """A prepared, empty backend of ``kind``, dropped again afterwards."""
    backend = await make_search_backend(kind, tmp_path)
    try:
        yield backend
    finally:
        await drop_search_backend(backend)


@asynccontextmanager
async def search_service(runtime: Runtime, kind: str,
                         tmp_path: Path) -> AsyncIterator[SearchService]:
    """A search service of backend ``kind`` over the runtime's database, installed as the
    runtime's (``runtime.extras["search"]``, what the GraphQL ``search`` field uses)."""
    from ipreg.search.service import SearchService

    async with fresh_search_backend(kind, tmp_path) as backend:
        service = SearchService(runtime, backend)
        runtime.extras["search"] = service
        runtime.extras["search_health"] = service.health
        try:
            yield service
        finally:
            await service.stop()
            runtime.extras.pop("search", None)
            runtime.extras.pop("search_health", None)


__all__ = [
    "OPENSEARCH_ENV",
    "SEARCH_BACKENDS",
    "drop_search_backend",
    "fresh_search_backend",
    "make_search_backend",
    "opensearch_url",
    "search_service",
]
