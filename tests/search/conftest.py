"""Search fixtures: every backend test runs on each backend.

``search_backend`` is parametrised over ``embedded`` and ``opensearch``; the
OpenSearch cases run when ``IPREG_TEST_OPENSEARCH_URL`` names a cluster (each
test gets its own index prefix) and are skipped, loudly, otherwise.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from ipreg.core.runtime import Runtime
from ipreg.search.backend import SearchBackend

OPENSEARCH_URL = os.environ.get("IPREG_TEST_OPENSEARCH_URL")
SEARCH_BACKENDS = ["embedded", "opensearch"]


async def make_search_backend(kind: str, tmp_path: Path) -> SearchBackend:
    if kind == "embedded":
        from ipreg.search.embedded import EmbeddedBackend

        backend: SearchBackend = EmbeddedBackend(tmp_path / "search.db")
    else:
        from ipreg.search.opensearch.backend import OpenSearchBackend

        assert OPENSEARCH_URL
        backend = OpenSearchBackend(OPENSEARCH_URL, f"ipreg-test-{uuid.uuid4().hex[:10]}")
    await backend.prepare()
    return backend


async def drop_search_backend(backend: SearchBackend) -> None:
    drop = getattr(backend, "drop", None)  # an OpenSearch backend removes its test indices
    if drop is not None:
        await drop()
    await backend.close()


@pytest.fixture(params=SEARCH_BACKENDS)
def search_backend_kind(request: pytest.FixtureRequest) -> str:
    if request.param == "opensearch" and not OPENSEARCH_URL:
        pytest.skip("OpenSearch not configured: set IPREG_TEST_OPENSEARCH_URL")
    return str(request.param)


@pytest.fixture
async def search_backend(search_backend_kind: str, tmp_path: Path) -> AsyncIterator[SearchBackend]:
    """An empty, prepared search backend of each kind."""
    backend = await make_search_backend(search_backend_kind, tmp_path)
    try:
        yield backend
    finally:
        await drop_search_backend(backend)


@pytest.fixture
def search_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``IPREG_SEARCH_PATH`` pointing at a fresh file."""
    path = tmp_path / "ipreg-search.db"
    monkeypatch.setenv("IPREG_SEARCH_PATH", str(path))
    yield path


@pytest.fixture
async def search_service(
    runtime: Runtime, search_backend_kind: str, tmp_path: Path
) -> AsyncIterator[Any]:
    """A search service of each backend kind over the test database."""
    from ipreg.search.service import SearchService

    backend = await make_search_backend(search_backend_kind, tmp_path)
    service = SearchService(runtime, backend)
    runtime.extras["search"] = service
    runtime.extras["search_health"] = service.health
    try:
        yield service
    finally:
        await service.stop()
        await drop_search_backend(backend)
        runtime.extras.pop("search", None)
        runtime.extras.pop("search_health", None)
