"""Search fixtures: every backend test runs on each backend.

``search_backend_kind`` is parametrised over ``embedded`` and ``opensearch``; the
OpenSearch cases run when ``IPREG_TEST_OPENSEARCH_URL`` names a cluster (each
test gets its own index prefix) and are skipped, loudly, otherwise. The fixtures
are the ``ipreg`` pytest plugin's (``ipreg_search_kind``, ``ipreg_search_backend``)
under the names these tests use.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from ipreg.core.runtime import Runtime
from ipreg.search.backend import SearchBackend
from ipreg.testing import fresh_search_backend
from ipreg.testing import search_service as installed_search_service


@pytest.fixture
def search_backend_kind(ipreg_search_kind: str) -> str:
    return ipreg_search_kind


@pytest.fixture
async def search_backend(search_backend_kind: str,
                         tmp_path: Path) -> AsyncIterator[SearchBackend]:
    """An empty, prepared search backend of each kind."""
    async with fresh_search_backend(search_backend_kind, tmp_path) as backend:
        yield backend


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
    async with installed_search_service(runtime, search_backend_kind, tmp_path) as service:
        yield service
