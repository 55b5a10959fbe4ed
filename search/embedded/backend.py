"""The embedded backend: :class:`~.store.EmbeddedIndex` behind the async contract.

Where the SQLite work runs, decided by measurement: a search issues 5-20
statements (look-ups, prefix and typo expansions, the candidates' rows) and
then scores in Python. With ``aiosqlite`` every statement is a hand-off to its
connection thread and back; with the stdlib ``sqlite3`` the whole search runs
in one worker thread and costs one hand-off. Measured on the 2-core box
(under a load average of 8, 2,000 searches of 8 indexed look-ups, 8 at a
time): aiosqlite 2,315 µs per search, sqlite3 in a thread pool 947 µs. So: the
stdlib ``sqlite3``, one connection per thread; reads on a small pool (2
threads: SQLite readers run in parallel under WAL, scoring holds the GIL
anyway), writes on one thread (SQLite has one writer at a time), and nothing
of it on the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import make_url

from ipreg.search.backend import IndexDocument, SearchQuery, SearchResult

from .store import EmbeddedIndex

T = TypeVar("T")

#: Environment variable naming the index file.
PATH_VARIABLE = "IPREG_SEARCH_PATH"


def default_path(database_url: str | None = None) -> Path:
    """Where the index lives: ``IPREG_SEARCH_PATH``, else next to a SQLite database
    (``ipreg.db`` -> ``ipreg-search.db``), else ``./ipreg-search.db``."""
    configured = os.environ.get(PATH_VARIABLE)
    if configured:
        return Path(configured)
    if database_url:
        try:
            url = make_url(database_url)
        except Exception:  # a malformed URL fails elsewhere, with a better message
            url = None
        if (
            url is not None
            and url.get_backend_name() == "sqlite"
            and url.database
            and url.database != ":memory:"
        ):
            db = Path(url.database)
            return db.with_name(f"{db.stem}-search.db")
    return Path("ipreg-search.db")


class EmbeddedBackend:
    """The default backend: no server, one SQLite file (see :mod:`.store`)."""

    name = "embedded"

    def __init__(self, path: str | Path, read_threads: int = 2) -> None:
        self.path = Path(path)
        # Each index file follows the feed on its own: replicas that each keep an
        # embedded index next to a shared PostgreSQL must not share one cursor.
        where = f"{socket.gethostname()}:{self.path.resolve()}"
        self.cursor_name = f"search-indexer:{hashlib.sha1(where.encode()).hexdigest()[:16]}"
        self.index = EmbeddedIndex(self.path)
        self._reads = ThreadPoolExecutor(read_threads, thread_name_prefix="ipreg-search-read")
        self._writes = ThreadPoolExecutor(1, thread_name_prefix="ipreg-search-write")
        self._prepared = False

    async def _run(self, pool: ThreadPoolExecutor, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)

    async def prepare(self) -> None:
        await self._run(self._writes, self.index.prepare)
        self._prepared = True

    async def _ready(self) -> None:
        if not self._prepared:
            await self.prepare()

    async def upsert(self, documents: Sequence[IndexDocument]) -> None:
        await self._ready()
        await self._run(self._writes, self.index.upsert, list(documents))

    async def delete(self, versions: Mapping[int, int]) -> None:
        await self._ready()
        await self._run(self._writes, self.index.delete, dict(versions))

    async def search(self, query: SearchQuery) -> SearchResult:
        await self._ready()
        return await self._run(self._reads, self.index.search, query)

    async def stored_versions(self, ids: Sequence[int]) -> Mapping[int, int]:
        await self._ready()
        return await self._run(self._reads, self.index.stored_versions, list(ids))

    async def all_versions(self) -> Mapping[int, int]:
        """Every live object id -> version (consistency checks, tests)."""
        await self._ready()
        return await self._run(self._reads, self.index.all_versions)

    async def rebuild(self, documents: AsyncIterator[Sequence[IndexDocument]]) -> int:
        # A rebuild replaces an index of another layout version: no schema check.
        await self._run(self._writes, self.index.prepare, False)
        builder = await self._run(self._writes, self.index.begin_rebuild)
        try:
            async for batch in documents:
                await self._run(self._writes, builder.add, list(batch))
            return await self._run(self._writes, builder.finish)
        except BaseException:
            await asyncio.shield(self._run(self._writes, builder.abort))
            raise

    async def health(self) -> None:
        await self._ready()
        await self._run(self._reads, self.index.health)

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._writes, lambda: None)
        self._reads.shutdown(wait=True)
        self._writes.shutdown(wait=True)
        self.index.close()
