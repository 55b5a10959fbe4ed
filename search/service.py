"""The search service: one per process, owning the backend and the indexer.

Picks the backend from the settings — OpenSearch when ``IPREG_OPENSEARCH_URL``
is set (:class:`ipreg.search.opensearch.backend.OpenSearchBackend`, imported
only then), else the embedded backend in the file ``IPREG_SEARCH_PATH``
(default: next to a SQLite database, ``ipreg.db`` -> ``ipreg-search.db``, else
``./ipreg-search.db``) — and turns a caller (:class:`ipreg.core.auth.Principal`)
into what the backends filter on.

The server keeps one in ``runtime.extras["search"]`` (:meth:`SearchService.of`)
and its health check in ``runtime.extras["search_health"]``; ``start()`` runs
the indexer in the background, ``close()`` stops it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

from ipreg.core.auth.principal import Principal
from ipreg.core.config import Settings
from ipreg.core.extension import SearchField
from ipreg.core.feed import ON_COMMIT
from ipreg.core.publication import withheld_in
from ipreg.core.runtime import Runtime
from ipreg.search.backend import (
    IndexDocument,
    SearchBackend,
    SearchFilter,
    SearchQuery,
    SearchResult,
)
from ipreg.search.documents import all_documents, count_objects
from ipreg.search.indexer import Indexer
from ipreg.search.matching import MAX_QUERY_CHARS

log = logging.getLogger("ipreg.search")

EXTRAS_KEY = "search"
HEALTH_KEY = "search_health"
#: OpenSearch index names start with this (``IPREG_OPENSEARCH_INDEX_PREFIX``).
DEFAULT_INDEX_PREFIX = "ipreg"

#: Facets a publication rule may withhold (``IPObject`` fields of the same name);
#: ``jurisdiction`` is always published.
WITHHOLDABLE_FACETS = ("kind", "status")

#: Most forms one field's ``query_forms`` may add to a search.
MAX_FIELD_FORMS = 16

#: Progress callback of :meth:`SearchService.reindex`: (documents done, total).
Progress = Callable[[int, int], None]


def make_backend(settings: Settings) -> SearchBackend:
    """The backend the settings ask for (see the module docstring)."""
    if settings.opensearch_url:
        from ipreg.search.opensearch.backend import OpenSearchBackend

        prefix = os.environ.get("IPREG_OPENSEARCH_INDEX_PREFIX") or DEFAULT_INDEX_PREFIX
        backend: SearchBackend = OpenSearchBackend(settings.opensearch_url, prefix)
        return backend
    from ipreg.search.embedded import EmbeddedBackend, default_path

    return EmbeddedBackend(default_path(settings.database_url))


def caller_scope(principal: Principal, jurisdictions: Sequence[str]) -> tuple[frozenset[str], bool]:
    """``(official_in, official_everywhere)`` of a caller: the jurisdictions whose
    unpublished objects and fields it may see, and whether that is every one."""
    everywhere = principal.is_system or any(
        grant.role in principal.official_roles and grant.jurisdiction is None
        for grant in principal.grants
    )
    official_in = frozenset(j for j in jurisdictions if principal.can_see_unpublished(j))
    return official_in, everywhere


def field_forms(
    search_fields: Mapping[str, SearchField], text: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(field, forms)`` for every plugin field with ``query_forms`` that reads
    ``text`` (``SearchField.query_forms``; a plugin's failure there drops its forms,
    it does not fail the search)."""
    text = text[:MAX_QUERY_CHARS]
    out = []
    for name, search_field in sorted(search_fields.items()):
        if search_field.query_forms is None or not text.strip():
            continue
        try:
            forms = tuple(dict.fromkeys(str(f) for f in search_field.query_forms(text) if f))
        except Exception:  # a plugin's bug must not break search
            log.exception("query_forms of search field %r failed", name)
            continue
        if forms:
            out.append((name, forms[:MAX_FIELD_FORMS]))
    return tuple(out)


class SearchService:
    """Search for one runtime: queries, the indexer, rebuilds and health."""

    def __init__(self, runtime: Runtime, backend: SearchBackend | None = None) -> None:
        self.runtime = runtime
        #: A backend given by the caller is the caller's to close.
        self.owns_backend = backend is None
        self.backend = backend if backend is not None else make_backend(runtime.settings)
        self.indexer = Indexer(runtime.engine, self.backend, runtime.registry.search_fields)
        self._task: asyncio.Task[None] | None = None
        self._stop: asyncio.Event | None = None

    @classmethod
    def of(cls, runtime: Runtime) -> SearchService:
        """The runtime's service (created on first use, with its health check)."""
        service = runtime.extras.get(EXTRAS_KEY)
        if service is None:
            service = cls(runtime)
            runtime.extras[EXTRAS_KEY] = service
            runtime.extras.setdefault(HEALTH_KEY, service.health)
        assert isinstance(service, SearchService)
        return service

    # ------------------------------------------------------------ queries

    def query(
        self,
        text: str,
        principal: Principal,
        *,
        filter: SearchFilter | None = None,
        first: int = 20,
        offset: int = 0,
    ) -> SearchQuery:
        registry = self.runtime.registry
        principal = registry.bind(principal)
        official_in, everywhere = caller_scope(principal, list(registry.jurisdictions))
        withheld = {
            facet: hidden
            for facet in WITHHOLDABLE_FACETS
            if (hidden := withheld_in(registry, principal, facet))
        }
        return SearchQuery(
            text=text,
            field_forms=field_forms(registry.search_fields, text),
            filter=filter or SearchFilter(),
            first=first,
            offset=offset,
            official_in=official_in,
            official_everywhere=everywhere,
            withheld=withheld,
        )

    async def search(
        self,
        text: str,
        principal: Principal,
        *,
        filter: SearchFilter | None = None,
        first: int = 20,
        offset: int = 0,
    ) -> SearchResult:
        """Search as ``principal`` sees the register (see :mod:`ipreg.search.matching`)."""
        return await self.backend.search(
            self.query(text, principal, filter=filter, first=first, offset=offset)
        )

    async def health(self) -> None:
        """Raise if search cannot serve."""
        await self.backend.health()

    # ------------------------------------------------------------ indexing

    async def sync(self) -> int:
        """Apply every pending change now (tests, ``ipreg search sync``)."""
        await self.backend.prepare()
        return await self.indexer.catch_up()

    async def reindex(self, progress: Progress | None = None, batch_size: int = 1000) -> int:
        """Rebuild the whole index from the database into a new index and switch
        to it atomically; searches keep answering from the old index meanwhile.

        The feed head is noted before the first read; once the new index is in
        place the indexer's cursor goes back to it (if it had got further), so
        changes committed during the rebuild reach the new index too.
        """
        with contextlib.suppress(RuntimeError):  # an older layout: the rebuild replaces it
            await self.backend.prepare()
        engine = self.runtime.engine
        await self.indexer.advance(0)  # the index is this database's from now on
        head = await self.indexer.head()
        total = await count_objects(engine)
        fields = self.runtime.registry.search_fields

        async def batches() -> AsyncIterator[Sequence[IndexDocument]]:
            done = 0
            if progress is not None:
                progress(0, total)
            async for batch in all_documents(engine, fields, batch_size):
                done += len(batch)
                if progress is not None:
                    progress(done, max(total, done))
                yield batch

        count = await self.backend.rebuild(batches())
        await self.indexer.advance(head)
        await self.indexer.rewind(head)
        return count

    # ------------------------------------------------------------ lifecycle

    def install_wakeup(self) -> None:
        """Wake the indexer after every commit of this process's sessions (the
        change feed's ``ON_COMMIT`` hook, chained with any callback already set)."""
        maker: Any = self.runtime.sessionmaker
        info = dict(maker.kw.get("info") or {})
        previous = info.get(ON_COMMIT)
        wake = self.indexer.wake
        if previous is None:
            info[ON_COMMIT] = wake
        else:

            def both(position: int) -> None:
                previous(position)
                wake(position)

            info[ON_COMMIT] = both
        maker.kw["info"] = info

    async def start(self, interval: float = 1.0) -> None:
        """Run the indexer in the background (preparing the backend first, and
        retrying that with back-off while the backend is down: the server starts
        anyway, and ``/health`` says search is down until it is up)."""
        if self._task is not None:
            return
        self.install_wakeup()
        self._stop = asyncio.Event()
        self._task = asyncio.create_task(self._run(interval, self._stop),
                                         name="ipreg-search-indexer")

    async def _run(self, interval: float, stop: asyncio.Event) -> None:
        delay = interval
        while not stop.is_set():
            try:
                await self.backend.prepare()
                break
            except Exception:
                log.exception("search backend not ready; retrying in %.1f s", delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
                delay = min(delay * 2, 60.0)
        await self.indexer.run_forever(interval, stop)

    async def stop(self) -> None:
        task, stop = self._task, self._stop
        self._task = self._stop = None
        if task is None or stop is None:
            return
        stop.set()
        self.indexer.wake()
        try:
            await asyncio.wait_for(task, timeout=10)
        except TimeoutError:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def close(self) -> None:
        await self.stop()
        if self.owns_backend:
            await self.backend.close()
        if self.runtime.extras.get(EXTRAS_KEY) is self:
            del self.runtime.extras[EXTRAS_KEY]
            if self.runtime.extras.get(HEALTH_KEY) == self.health:
                del self.runtime.extras[HEALTH_KEY]
