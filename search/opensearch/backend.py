"""The OpenSearch search backend (``IPREG_OPENSEARCH_URL`` set).

Index layout
------------
Searches and writes go through the alias ``<prefix>-objects``, which points
at exactly one physical index ``<prefix>-objects-<timestamp>`` (the first one
made by :meth:`prepare` is ``<prefix>-objects-initial``). Documents carry only
ready terms computed in Python (:mod:`.bodies`, :mod:`.queries`, :mod:`.mapping`), so no
OpenSearch analyser can make its matching differ from the embedded backend's.

Writes only move forwards
-------------------------
Every write is an ``index`` action with ``version_type=external`` and the
object's version: OpenSearch refuses (409) a version lower than or equal to
the stored one, and those refusals are expected and ignored. A deletion is
*also* an external-version write, of a tombstone document
(``deleted: true``) which searches filter out, with ``external_gte``: the
deletion's version is the object's last, so it replaces a stored document of
that version (not a newer one), and an upsert of that version stays refused.
Why not a real ``delete``: it keeps its version only for ``index.gc_deletes``
(60 s), after which a late, older write (an indexer replaying its feed after a
crash) would bring the object back. A re-created object needs a version above
its deletion's.

Rebuild without a window
------------------------
:meth:`rebuild` creates ``<prefix>-objects-<timestamp>`` tuned for loading,
points the alias ``<prefix>-objects-building-<timestamp>`` at it, bulk-loads
the batches, restores the serving settings, then moves the alias
``<prefix>-objects`` in one ``_aliases`` request and deletes the old index.
While it loads, every writer (in any process: the building aliases are looked
up, cached for :data:`BUILDING_TTL` seconds, and the rebuild waits twice that
before it reads its first batch) writes to the building index too, so changes
made during the load are not lost; versions make the order irrelevant.

Searching: few round trips
--------------------------
A search costs two or three sequential round trips, each of them measured
at a million objects on this 2-core box (a trivial search alone takes 2-3 ms):
(1) the typo-dictionary look-up, the prefix probes and a bounded count of tier 0
(which needs neither: a lower bound of the matching set's size), together;
(2) one ``_msearch`` with the count and facets (``size: 0``, request cache) and
either, when the bound is at most :data:`RANKED_CANDIDATES_MAX`, the candidates
ranked by bucket in one search (:meth:`.queries.QueryBuilder.ranked`) with their
sources, or, for a very common word, the buckets' first ids (one search each,
Lucene stops early); (3) in that second case (or when typos and prefixes took
the matching set past the bound after all), one search by id for the chosen
candidates' sources. Measured at a million objects: ranking every matching
document costs about 15-30 ms up to some 50,000 matches but 100-120 ms for
``ООО`` (195,000), while the seven bucket searches cost 15-40 ms whatever the
size; a ranking search cut off after 5,000 documents took 17-22 ms, after
20,000 38-40 ms, hence the cut at 10,000 (what it wasted is then small);
fetching 64 sources by ``mget`` took 20-50 ms (a realtime get per id) against
7-13 ms by an ``ids`` search. Five sequential round trips (probes, count +
first ids, buckets, ``mget``) took the benchmark mix's mean to 93 ms, this
order to 57 ms with the ranking search a ``dis_max`` of the seven bucket
conditions, and to about 33 ms with the ranking scored as ``2 * level + name``
(:meth:`.queries.QueryBuilder.ranked`), the whole ``_source`` returned
unfiltered, typo distances in C (rapidfuzz) and the tier-0 bound.

Failures
--------
Connection errors, timeouts, 429 and 5xx are retried with exponential back-off
within a bounded time, then raised as :class:`.SearchUnavailable` (a
``ConnectionError``); nothing else is retried (:class:`.SearchIndexError`).
Writes are idempotent, so the indexer retries a failed batch from its cursor.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from concurrent.futures import Executor
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

import aiohttp
import orjson
from opensearchpy import AsyncOpenSearch
from opensearchpy.exceptions import ConnectionError as TransportConnectionError
from opensearchpy.exceptions import NotFoundError, SerializationError, TransportError
from opensearchpy.serializer import JSONSerializer

from ipreg.search import matching
from ipreg.search.backend import IndexDocument, SearchQuery, SearchResult
from ipreg.search.typos import query_variants

from . import bodies, mapping, queries
from .errors import SearchIndexError, SearchUnavailable

T = TypeVar("T")

#: Seconds a writer trusts its list of building indices.
BUILDING_TTL = 1.0
#: What the scorer needs of a candidate is nearly all of ``_source`` (which holds no
#: terms): the whole of it is sent as stored, with no parsing and filtering on the
#: node (measured at a million objects, 64 candidates: 12.8 ms mean against 15.6 ms
#: for the five fields the scorer reads).
SOURCE = True
#: Facets computed over the whole matching set.
FACETS = ("jurisdiction", "kind", "status")
#: HTTP statuses worth retrying: throttled, or the node not (yet) able to serve.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: Up to this many matching objects, the candidates come from one search that ranks
#: the whole matching set by bucket (:meth:`.queries.QueryBuilder.ranked`), sent with
#: the count; above it, from a search per bucket that stops early, then a search for
#: their sources (see :meth:`OpenSearchBackend.search`).
RANKED_CANDIDATES_MAX = 10_000

Refresh = bool | Literal["wait_for"]


class _OrjsonSerializer(JSONSerializer):
    """orjson for requests and responses: search responses carry stored forms."""

    def loads(self, s: str | bytes) -> Any:
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError as exc:
            raise SerializationError(s, exc) from exc

    def dumps(self, data: Any) -> Any:
        if isinstance(data, str | bytes):
            return data
        try:
            return orjson.dumps(data, default=self.default).decode()
        except TypeError as exc:
            raise SerializationError(data, exc) from exc


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dt%H%M%S%f")


#: (target, object id or skeleton term) of each action of a bulk body, in order.
Order = list[tuple[str, int | str]]


def _bulk_lines(
    documents: Sequence[IndexDocument], deletions: Sequence[tuple[int, int]], targets: Sequence[str]
) -> tuple[bytes, Order, dict[str, bytes]]:
    """NDJSON for ``documents`` and ``deletions`` (id, version) written to every target,
    and the typo-dictionary sources of their skeleton terms (to add where missing).

    The CPU work of indexing (stored forms, terms, JSON): runs in the executor.
    """
    lines: list[bytes] = []
    order: Order = []
    # (id, version, version type, source): an upsert must be newer than what is
    # stored; a deletion removes what it is not older than (the deletion's version
    # is the object's last), and a later upsert of that version stays refused.
    payloads: list[tuple[int, int, str, bytes]] = []
    skeletons: dict[str, bytes] = {}
    for doc in documents:
        body = bodies.document_body(doc)
        payloads.append((doc.id, doc.version, "external", orjson.dumps(body)))
        for term in bodies.typo_terms(body):
            if term not in skeletons:
                skeletons[term] = bodies.skeleton_source(term)
    payloads.extend(
        (oid, version, "external_gte", orjson.dumps(bodies.tombstone_body(oid)))
        for oid, version in deletions
    )
    for target in targets:
        for oid, version, version_type, source in payloads:
            lines.append(
                orjson.dumps(
                    {
                        "index": {
                            "_index": target,
                            "_id": str(oid),
                            "version": version,
                            "version_type": version_type,
                        }
                    }
                )
            )
            lines.append(source)
            order.append((target, oid))
    return b"\n".join(lines), order, skeletons


class _SeenTerms:
    """Skeleton terms known to be in the typo dictionary of one target (bounded, FIFO)."""

    def __init__(self, limit: int = 1 << 20) -> None:
        self.limit = limit
        self.terms: dict[str, None] = {}

    def __contains__(self, term: object) -> bool:
        return term in self.terms

    def add(self, terms: Sequence[str]) -> None:
        for term in terms:
            self.terms[term] = None
        excess = len(self.terms) - self.limit
        if excess > 0:
            for term in list(itertools.islice(self.terms, excess)):
                del self.terms[term]


F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


def _plain_errors(method: F) -> F:
    """What the client raises and was not retried leaves the backend as
    :class:`.SearchIndexError` (the cause attached), so callers need not know
    opensearch-py."""

    @functools.wraps(method)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return await method(*args, **kwargs)
        except TransportError as exc:
            raise SearchIndexError(f"OpenSearch refused the request: {exc}") from exc

    return wrapper  # type: ignore[return-value]


class OpenSearchBackend:
    """:class:`ipreg.search.backend.SearchBackend` on an OpenSearch cluster."""

    name = "opensearch"

    def __init__(
        self,
        url: str,
        index_prefix: str = "ipreg",
        *,
        refresh: Refresh = True,
        shards: int = 1,
        replicas: int | None = None,
        retry_seconds: float = 30.0,
        search_retry_seconds: float = 3.0,
        request_timeout: float = 30.0,
        bulk_documents: int = 1000,
        bulk_concurrency: int = 2,
        executor: Executor | None = None,
        merge_after_rebuild: bool = True,
        ranked_candidates_max: int | None = None,
    ) -> None:
        """``refresh``: make writes searchable before :meth:`upsert`/:meth:`delete`
        return (``True``: refresh now; ``"wait_for"``: wait for the next periodic
        refresh; ``False``: within a second, for bulk indexing). ``replicas``:
        ``None`` keeps the cluster default. ``executor``: where the CPU work of
        building bulk bodies runs (default: a thread, so the event loop stays
        responsive; a process pool uses more cores). Re-ranking always runs in the
        loop's default thread pool. ``merge_after_rebuild``: force-merge a rebuilt
        index to one segment before searches switch to it.
        ``ranked_candidates_max``: up to this many matching objects, candidates come
        from one ranked search, above it from the buckets (default
        :data:`RANKED_CANDIDATES_MAX`).
        """
        self.url = url
        self.prefix = index_prefix
        self.alias = f"{index_prefix}-objects"
        self.building_prefix = f"{index_prefix}-objects-building-"
        self.refresh = refresh
        self.shards = shards
        self.replicas = replicas
        self.retry_seconds = retry_seconds
        self.search_retry_seconds = search_retry_seconds
        self.bulk_documents = bulk_documents
        self.bulk_concurrency = max(1, bulk_concurrency)
        self.executor = executor
        self.request_timeout = request_timeout
        self.merge_after_rebuild = merge_after_rebuild
        self.ranked_candidates_max = (
            RANKED_CANDIDATES_MAX if ranked_candidates_max is None else ranked_candidates_max
        )
        # Retries are ours (with back-off and a time bound); the transport's are
        # immediate, which is useless while a node restarts.
        self.client = AsyncOpenSearch(
            hosts=[url],
            serializer=_OrjsonSerializer(),
            max_retries=0,
            timeout=request_timeout,
            http_compress=False,
        )
        self._building: tuple[float, tuple[str, ...]] = (0.0, ())
        self._local_building: set[str] = set()
        self._seen: dict[str, _SeenTerms] = {}
        self._serving: list[str] = []

    # -- plumbing -------------------------------------------------------------------

    async def _retrying(
        self,
        what: str,
        call: Callable[[], Awaitable[T]],
        budget: float | None = None,
        *,
        moved: int = 0,
    ) -> T:
        """Run ``call``, retrying connection errors, timeouts, 429 and 5xx with
        exponential back-off for at most ``budget`` seconds; and a 404 ``moved``
        times (a read through the alias that raced a rebuild deleting its old index)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self.retry_seconds if budget is None else budget)
        delay = 0.05
        while True:
            try:
                return await call()
            except TransportConnectionError as exc:  # includes ConnectionTimeout
                # The client wraps every exception of the HTTP layer; a bug is no outage.
                if not isinstance(exc.info, OSError | aiohttp.ClientError | TimeoutError):
                    raise
                error: Exception = exc
            except NotFoundError as exc:
                if moved <= 0:
                    raise
                moved -= 1
                error = exc
            except TransportError as exc:
                if exc.status_code not in RETRY_STATUSES:
                    raise
                error = exc
            if loop.time() + delay > deadline:
                raise SearchUnavailable(
                    f"OpenSearch at {self.url}: {what} failed: {error}"
                ) from error
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)

    async def _cpu(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, fn, *args)

    async def _building_targets(self) -> tuple[str, ...]:
        """The aliases of indices being rebuilt (cached for :data:`BUILDING_TTL`).

        Also notices the alias moving to another index (a rebuild, maybe by another
        process): what this process knows of the typo dictionary is then stale.
        """
        now = time.monotonic()
        fetched_at, names = self._building
        if now - fetched_at > BUILDING_TTL:
            rows = await self._retrying(
                "listing aliases",
                lambda: self.client.cat.aliases(
                    name=f"{self.alias},{self.building_prefix}*", format="json"
                ),
            )
            names = tuple(sorted({r["alias"] for r in rows if r["alias"] != self.alias}))
            serving = sorted(r["index"] for r in rows if r["alias"] == self.alias)
            if serving != self._serving:
                self._serving = serving
                self._seen.pop(self.alias, None)
            for gone in set(self._seen) - {self.alias, *names, *self._local_building}:
                del self._seen[gone]
            self._building = (now, names)
        return tuple(sorted(set(names) | self._local_building))

    def _seen_terms(self, target: str) -> _SeenTerms:
        seen = self._seen.get(target)
        if seen is None:
            seen = self._seen[target] = _SeenTerms()
        return seen

    # -- lifecycle ------------------------------------------------------------------

    @_plain_errors
    async def prepare(self) -> None:
        """Create ``<prefix>-objects-initial`` behind the alias if the alias is missing."""
        if await self._retrying(
            "checking the alias", lambda: self.client.indices.exists_alias(name=self.alias)
        ):
            return
        body = {
            "settings": mapping.settings(shards=self.shards, replicas=self.replicas, loading=False),
            "mappings": mapping.mappings(),
            "aliases": {self.alias: {}},
        }
        try:
            await self._retrying(
                "creating the index",
                lambda: self.client.indices.create(
                    index=f"{self.alias}-initial", body=body, params={"wait_for_active_shards": "1"}
                ),
            )
        except TransportError as exc:
            if exc.error != "resource_already_exists_exception":
                raise SearchIndexError(f"cannot create {self.alias}-initial: {exc}") from exc
            # Created concurrently by another process; it carries the alias.

    @_plain_errors
    async def schema_is_current(self) -> bool:
        """Whether the index behind the alias has this code's mapping version."""
        found = await self._retrying(
            "reading the mapping", lambda: self.client.indices.get_mapping(index=self.alias)
        )
        return all(
            m["mappings"].get("_meta", {}).get("ipreg_schema") == mapping.SCHEMA_VERSION
            for m in found.values()
        )

    @_plain_errors
    async def health(self) -> None:
        """Raise unless the alias exists and its index is not red (other indices of
        the cluster are not our business)."""
        budget = self.search_retry_seconds
        exists = await self._retrying(
            "checking the alias", lambda: self.client.indices.exists_alias(name=self.alias), budget
        )
        if not exists:
            raise SearchIndexError(f"OpenSearch at {self.url}: alias {self.alias} is missing")
        health = await self._retrying(
            "index health",
            lambda: self.client.cluster.health(
                index=self.alias, params={"timeout": "1s", "request_timeout": max(budget, 2.0)}
            ),
            budget,
        )
        if health.get("status") not in ("green", "yellow"):
            raise SearchUnavailable(
                f"OpenSearch at {self.url}: index health of {self.alias} is {health.get('status')}"
            )

    async def close(self) -> None:
        await self.client.close()

    @_plain_errors
    async def refresh_now(self) -> None:
        """Make every write so far searchable (tests, benchmarks)."""
        await self._retrying("refresh", lambda: self.client.indices.refresh(index=self.alias))

    @_plain_errors
    async def drop(self) -> None:
        """Delete every index and alias of this prefix (tests, benchmarks)."""
        self._seen.clear()
        self._serving = []
        self._building = (0.0, ())
        await self._retrying(
            "deleting indices",
            lambda: self.client.indices.delete(
                index=f"{self.alias}-*",
                params={"expand_wildcards": "all", "ignore_unavailable": "true"},
            ),
        )

    # -- writes ---------------------------------------------------------------------

    @_plain_errors
    async def upsert(self, documents: Sequence[IndexDocument]) -> None:
        await self._write(documents, ())

    @_plain_errors
    async def delete(self, versions: Mapping[int, int]) -> None:
        await self._write((), sorted(versions.items()))

    async def _write(
        self, documents: Sequence[IndexDocument], deletions: Sequence[tuple[int, int]]
    ) -> None:
        if not documents and not deletions:
            return
        targets = (self.alias, *await self._building_targets())
        await self._bulk_all(documents, deletions, targets, required=self.alias)
        if self.refresh is True:
            await self.refresh_now()

    async def _bulk_all(
        self,
        documents: Sequence[IndexDocument],
        deletions: Sequence[tuple[int, int]],
        targets: Sequence[str],
        *,
        required: str,
    ) -> None:
        pipeline = _Pipeline(self, targets, required)
        try:
            await pipeline.submit(documents, deletions)
        finally:
            await pipeline.finish()

    async def _bulk(
        self,
        body: bytes,
        order: Order,
        *,
        required: str,
        refresh: Refresh | None,
    ) -> None:
        """One ``_bulk`` request; items refused with 429/5xx are resent (within the
        retry budget), 409 (an equal or newer version is stored) is success."""
        params: dict[str, Any] = {
            "require_alias": "true",
            # ``timeout`` alone would be taken as the client's request timeout.
            "request_timeout": self.request_timeout,
            "timeout": f"{max(int(self.request_timeout * 2 / 3), 1)}s",
            "filter_path": "errors,items.*.status,items.*.error.type,items.*.error.reason",
        }
        if refresh is not None:
            params["refresh"] = "wait_for" if refresh == "wait_for" else str(bool(refresh)).lower()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.retry_seconds
        delay = 0.1
        while True:
            remaining = max(deadline - loop.time(), 0.1)
            response = await self._retrying(
                "bulk write",
                lambda body=body: self.client.bulk(body=body, params=params),  # type: ignore[misc]
                remaining,
            )
            if not response.get("errors"):
                return
            lines = body.split(b"\n")
            retry_lines: list[bytes] = []
            retry_order: Order = []
            last_error = ""
            for i, item in enumerate(response["items"]):
                result = next(iter(item.values()))
                status = result["status"]
                if status < 300 or status == 409:
                    continue
                target, oid = order[i]
                error = result.get("error", {})
                if status == 404 and target != required:
                    continue  # a rebuild gave up and deleted its building index
                if status in RETRY_STATUSES:
                    retry_lines += lines[2 * i : 2 * i + 2]
                    retry_order.append(order[i])
                    last_error = f"{error.get('type')}: {error.get('reason')}"
                    continue
                raise SearchIndexError(
                    f"OpenSearch refused object {oid} in {target}: "
                    f"{status} {error.get('type')}: {error.get('reason')}"
                )
            if not retry_order:
                return
            if loop.time() + delay > deadline:
                raise SearchUnavailable(
                    f"OpenSearch at {self.url}: {len(retry_order)} writes refused: {last_error}"
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
            body, order = b"\n".join([*retry_lines, b""]), retry_order

    # -- reads ----------------------------------------------------------------------

    @_plain_errors
    async def stored_versions(self, ids: Sequence[int]) -> Mapping[int, int]:
        """Versions of the live documents among ``ids`` (tombstones are not held)."""
        found: dict[int, int] = {}
        for start in range(0, len(ids), 1000):
            chunk = [str(i) for i in ids[start : start + 1000]]
            response = await self._retrying(
                "reading versions",
                lambda chunk=chunk: self.client.mget(  # type: ignore[misc]
                    index=self.alias,
                    body={"ids": chunk},
                    params={
                        "_source_includes": "deleted",
                        "filter_path": "docs._id,docs._version,docs.found,docs._source",
                    },
                ),
            )
            for doc in response.get("docs", []):
                if doc.get("found") and not doc.get("_source", {}).get("deleted"):
                    found[int(doc["_id"])] = int(doc["_version"])
        return found

    @_plain_errors
    async def all_versions(self) -> Mapping[int, int]:
        """Every live object id -> version (consistency checks, tests): refreshes the
        index first, so that it sees every write so far, as :meth:`stored_versions`."""
        await self._retrying("refresh", lambda: self.client.indices.refresh(index=self.alias))
        found: dict[int, int] = {}
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {
                "size": 5000,
                "_source": False,
                "version": True,
                "query": {"bool": {"filter": [{"term": {"deleted": False}}]}},
                "sort": [{"oid": "asc"}],
                "track_total_hits": False,
            }
            if after is not None:
                body["search_after"] = after
            response = await self._retrying(
                "reading versions",
                lambda body=body: self.client.search(index=self.alias, body=body),  # type: ignore[misc]
            )
            rows = response["hits"]["hits"]
            for row in rows:
                found[int(row["_id"])] = int(row["_version"])
            if len(rows) < 5000:
                return found
            after = rows[-1]["sort"]

    @_plain_errors
    async def search(self, query: SearchQuery) -> SearchResult:
        plan = matching.plan_query(query.text, query.field_forms)
        if not plan:
            return SearchResult(total=0, hits=(), facets={facet: {} for facet in FACETS})
        window = min(max(query.offset + query.first, 0), matching.MAX_WINDOW)
        limit = max(matching.CANDIDATES, window)
        # What typos and prefixes expand to, and a lower bound of the matching set's
        # size (tier 0 needs neither): cheap requests, all at the same time.
        variants = query_variants(plan)
        plain = queries.QueryBuilder(plan, query)

        async def typo_terms() -> dict[str, list[str]]:
            return await self._typo_dictionary(variants) if variants else {}

        async def completions() -> list[str]:
            probes = queries.prefix_probes(plan)
            done = await asyncio.gather(*(self._rewritten(probe) for probe in probes))
            return [explanation for each in done for explanation in each]

        async def at_least() -> int:
            (response,) = await self._msearch(
                [
                    {
                        "size": 0,
                        # Counting stops there: a cheap bound even for ``ООО``.
                        "track_total_hits": self.ranked_candidates_max + 1,
                        "query": {"bool": {"filter": [*plain.filters(), plain.tier(0)]}},
                    }
                ],
                cache=[True],
            )
            return int(response["hits"]["total"]["value"])

        found, explanations, lower = await asyncio.gather(typo_terms(), completions(), at_least())
        typos = queries.resolve_typos(plan, found)
        prefixes = queries.prefix_expansions(plan, explanations)
        builder = queries.QueryBuilder(plan, query, typos, prefixes)
        count = {
            "size": 0,
            "track_total_hits": True,
            "query": builder.matching_set(),
            "aggs": queries.facet_aggregations(query, FACETS),
        }
        sources: dict[int, dict[str, Any]] = {}
        if lower > self.ranked_candidates_max:
            # Too many to rank them all (a very common word): the count and facets
            # (cacheable: ``size: 0``) with each bucket's first ids (Lucene stops early:
            # the index is sorted by id), then the sources of the chosen. Measured at a
            # million objects (150 queries a category, two runs each way): the bound
            # took ``common`` from 33.5-34.7 to 29.0-30.5 ms at p50 and ``filtered``
            # from 33.3-35.2 to 30.2-32.3 (the ranking search it skips cost 10 ms),
            # the other categories unchanged within the runs' spread.
            bodies = self._bucket_searches(builder, limit)
            counted, *by_bucket = await self._msearch(
                [count, *bodies], cache=[True] + [False] * len(bodies)
            )
            chosen: list[int] | None = self._first_ids(by_bucket, limit)
        else:
            # The count and facets, and the first candidates ranked by bucket, which
            # are the candidates unless more than ``ranked_candidates_max`` objects
            # match after all (typos and prefixes widen tier 0).
            counted, ranked = await self._msearch(
                [
                    count,
                    {
                        "size": limit,
                        "track_total_hits": False,
                        "terminate_after": self.ranked_candidates_max,
                        "sort": [{"_score": "desc"}, {"oid": "asc"}],
                        "_source": SOURCE,
                        "query": builder.ranked(),
                    },
                ],
                cache=[True, False],
            )
            sources = {int(hit["_source"]["oid"]): hit["_source"] for hit in ranked["hits"]["hits"]}
            chosen = None
            if int(counted["hits"]["total"]["value"]) > self.ranked_candidates_max:
                bodies = self._bucket_searches(builder, limit)
                chosen = self._first_ids(
                    await self._msearch(bodies, cache=[False] * len(bodies)), limit
                )
        total = int(counted["hits"]["total"]["value"])
        facets = queries.facet_counts(counted["aggregations"], FACETS)
        if chosen is not None:
            missing = [oid for oid in chosen if oid not in sources]
            sources.update(await self._sources(missing))
            sources = {oid: sources[oid] for oid in chosen if oid in sources}
        candidates = [queries.candidate(source, query) for source in sources.values()]
        # In a thread (not ``executor``, which may be a process pool for bulk bodies):
        # scoring 200 candidates would otherwise hold the event loop.
        loop = asyncio.get_running_loop()
        hits = await loop.run_in_executor(
            None, matching.rank, plan, candidates, query.offset, query.first
        )
        return SearchResult(total=total, hits=tuple(hits), facets=facets)

    @staticmethod
    def _bucket_searches(builder: queries.QueryBuilder, limit: int) -> list[dict[str, Any]]:
        """A search for the first ``limit`` ids of each bucket, best first (the last:
        the whole matching set)."""
        return [
            {
                "size": limit,
                "track_total_hits": False,
                "sort": [{"oid": "asc"}],
                "_source": False,
                "query": bucket,
            }
            for bucket in [*builder.buckets(), builder.matching_set()]
        ]

    @staticmethod
    def _first_ids(responses: Sequence[dict[str, Any]], limit: int) -> list[int]:
        """The first ``limit`` candidates from :meth:`_bucket_searches`' answers: each
        bucket's ids in turn."""
        chosen: dict[int, None] = {}
        for response in responses:
            for hit in response["hits"]["hits"]:
                if len(chosen) >= limit:
                    return list(chosen)
                chosen.setdefault(int(hit["sort"][0]), None)
        return list(chosen)

    async def _sources(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The candidate sources of ``ids`` as searches see them (a search by id, not a
        realtime ``mget``: measured at 1M objects, 64 sources took 20-50 ms by
        ``mget`` and 7-13 ms by an ``ids`` search)."""
        if not ids:
            return {}
        (response,) = await self._msearch(
            [
                {
                    "size": len(ids),
                    "track_total_hits": False,
                    "_source": SOURCE,
                    "query": {
                        "bool": {
                            "filter": [
                                {"ids": {"values": [str(i) for i in ids]}},
                                {"term": {"deleted": False}},
                            ]
                        }
                    },
                }
            ],
            cache=[False],
        )
        return {int(hit["_source"]["oid"]): hit["_source"] for hit in response["hits"]["hits"]}

    async def _msearch(
        self, bodies: Sequence[dict[str, Any]], cache: Sequence[bool]
    ) -> list[dict[str, Any]]:
        """Several searches in one request; each answer, or the first error raised."""
        lines: list[bytes] = []
        for body, cached in zip(bodies, cache, strict=True):
            lines.append(orjson.dumps({"request_cache": cached}))
            lines.append(orjson.dumps(body))
        payload = b"\n".join([*lines, b""])
        for attempt in range(3):
            response = await self._retrying(
                "search",
                lambda: self.client.msearch(body=payload, index=self.alias),
                self.search_retry_seconds,
                moved=2,
            )
            answers: list[dict[str, Any]] = response["responses"]
            errors = [a for a in answers if "error" in a or a.get("_shards", {}).get("failed")]
            if not errors:
                return answers
            # A search that raced the deletion of the index the alias just left.
            error = errors[0].get("error", errors[0].get("_shards"))
            if attempt == 2:
                status = int(errors[0].get("status", 500))
                if status in RETRY_STATUSES or "_shards" in errors[0]:
                    raise SearchUnavailable(f"OpenSearch at {self.url}: search failed: {error}")
                raise SearchIndexError(f"OpenSearch at {self.url}: search failed: {error}")
        raise AssertionError("unreachable")

    async def _rewritten(self, body: dict[str, Any]) -> list[str]:
        """The rewritten Lucene query of ``body``, per shard (``_validate/query``)."""
        response = await self._retrying(
            "expanding prefixes",
            lambda: self.client.indices.validate_query(
                index=self.alias,
                body=body,
                params={"rewrite": "true", "all_shards": "true"},
            ),
            self.search_retry_seconds,
            moved=2,
        )
        # A refused shard leaves ``valid`` true but explains nothing: an error, not
        # "no completions" (a probe of more than 1,024 clauses once failed silently).
        if not response.get("valid", False) or response.get("_shards", {}).get("failed"):
            raise SearchIndexError(f"OpenSearch at {self.url}: prefix probe refused: {response}")
        return [e.get("explanation", "") for e in response.get("explanations", [])]

    async def _typo_dictionary(self, variants: Mapping[str, set[str]]) -> dict[str, list[str]]:
        """Skeleton terms whose typo-dictionary entries hold one of the variants, each
        with the query words whose variants it met (named queries: no need to
        recompute the entries' deletions here, which took 10-20 ms a query)."""
        words = sorted(variants)
        body = {
            "size": 10_000,
            "_source": False,
            "stored_fields": "_none_",
            "docvalue_fields": ["skel_term"],
            "track_total_hits": False,
            "query": {
                "bool": {
                    "should": [
                        {"terms": {"fz": sorted(variants[w]), "_name": str(i)}}
                        for i, w in enumerate(words)
                    ],
                    "minimum_should_match": 1,
                }
            },
        }
        response = await self._search_once_more(body)
        return {
            hit["fields"]["skel_term"][0]: [words[int(i)] for i in hit.get("matched_queries", ())]
            for hit in response["hits"]["hits"]
        }

    async def _search_once_more(self, body: dict[str, Any]) -> dict[str, Any]:
        """Search through the alias; a search that raced the deletion of the index
        the alias just left (404 or failed shards) is repeated."""
        for attempt in range(3):
            try:
                response = await self._retrying(
                    "search",
                    lambda: self.client.search(index=self.alias, body=body),
                    self.search_retry_seconds,
                )
            except NotFoundError:
                if attempt == 2:
                    raise SearchIndexError(
                        f"OpenSearch at {self.url}: alias {self.alias} is missing"
                    ) from None
                continue
            shards = response.get("_shards", {})
            if not shards.get("failed"):
                return response
            if attempt == 2:
                raise SearchUnavailable(f"OpenSearch at {self.url}: search failed on {shards}")
        raise AssertionError("unreachable")

    # -- rebuild --------------------------------------------------------------------

    @_plain_errors
    async def rebuild(self, documents: AsyncIterator[Sequence[IndexDocument]]) -> int:
        stamp = _timestamp()
        index = f"{self.alias}-{stamp}"
        building = f"{self.building_prefix}{stamp}"
        body = {
            "settings": mapping.settings(shards=self.shards, replicas=self.replicas, loading=True),
            "mappings": mapping.mappings(),
            "aliases": {building: {}},
        }
        await self._retrying(
            "creating the index",
            lambda: self.client.indices.create(
                index=index, body=body, params={"wait_for_active_shards": "1"}
            ),
        )
        self._local_building.add(building)
        count = 0
        try:
            # Writers in other processes see the building alias within BUILDING_TTL:
            # from then on whatever they write lands in the new index too.
            await asyncio.sleep(2 * BUILDING_TTL)
            pipeline = _Pipeline(self, (building,), building)
            try:
                async for batch in documents:
                    if batch:
                        await pipeline.submit(batch)
                        count += len(batch)
            finally:
                await pipeline.finish()
            await self._retrying(
                "restoring settings",
                lambda: self.client.indices.put_settings(
                    index=index, body=mapping.serving_settings()
                ),
            )
            await self._retrying("refresh", lambda: self.client.indices.refresh(index=index))
            if self.merge_after_rebuild:
                # One segment: a term is one look-up, not one per segment. It waits
                # for the merge (a minute per million objects), searches meanwhile
                # still use the old index.
                await self._retrying(
                    "merging segments",
                    lambda: self.client.indices.forcemerge(
                        index=index, params={"max_num_segments": 1, "request_timeout": 3600}
                    ),
                )
            await self._retrying(
                "waiting for the new index",
                lambda: self.client.cluster.health(
                    index=index,
                    params={
                        "wait_for_status": "yellow",
                        "timeout": f"{max(int(self.request_timeout * 2 / 3), 1)}s",
                        "request_timeout": self.request_timeout,
                    },
                ),
            )
            old = await self._alias_indices()
            actions: list[dict[str, Any]] = [
                {"remove": {"index": name, "alias": self.alias}} for name in old
            ]
            actions.append({"add": {"index": index, "alias": self.alias}})
            actions.append({"remove": {"index": index, "alias": building}})
            await self._retrying(
                "switching the alias",
                lambda: self.client.indices.update_aliases(body={"actions": actions}),
            )
        except BaseException:
            self._local_building.discard(building)
            self._seen.pop(building, None)
            await asyncio.shield(self._delete_quietly([index]))
            raise
        self._local_building.discard(building)
        # The new index's typo dictionary is what the load wrote to the building alias.
        self._seen[self.alias] = self._seen.pop(building, _SeenTerms())
        self._serving = [index]
        self._building = (0.0, ())
        # Searches that resolved the alias just before the switch finish first.
        await asyncio.sleep(0.5)
        stale = [name for name in await self._stale_indices(stamp) if name != index]
        await self._delete_quietly([*old, *stale])
        return count

    async def _alias_indices(self) -> list[str]:
        try:
            found = await self._retrying(
                "reading the alias", lambda: self.client.indices.get_alias(name=self.alias)
            )
        except NotFoundError:
            return []
        return sorted(found)

    async def _stale_indices(self, before: str) -> list[str]:
        """Indices of rebuilds that started before ``before`` and never finished."""
        rows = await self._retrying(
            "listing building indices",
            lambda: self.client.cat.aliases(name=self.building_prefix + "*", format="json"),
        )
        return sorted(
            {row["index"] for row in rows if row["alias"][len(self.building_prefix) :] < before}
        )

    async def _delete_quietly(self, indices: Sequence[str]) -> None:
        if not indices:
            return
        # On failure they are left over; the next rebuild deletes stale indices.
        with contextlib.suppress(SearchUnavailable, TransportError):
            await self._retrying(
                "deleting old indices",
                lambda: self.client.indices.delete(
                    index=",".join(indices), params={"ignore_unavailable": "true"}
                ),
            )


class _Pipeline:
    """Bulk writes in chunks of ``bulk_documents``, at most ``bulk_concurrency``
    chunks at a time being built (in the backend's executor) or sent, so building
    bodies overlaps with OpenSearch indexing. Versions make chunk order irrelevant."""

    def __init__(self, backend: OpenSearchBackend, targets: Sequence[str], required: str) -> None:
        self.backend = backend
        self.targets = tuple(targets)
        self.required = required
        self.slots = asyncio.Semaphore(backend.bulk_concurrency)
        self.tasks: set[asyncio.Task[None]] = set()
        self.error: BaseException | None = None

    async def submit(
        self, documents: Sequence[IndexDocument], deletions: Sequence[tuple[int, int]] = ()
    ) -> None:
        step = self.backend.bulk_documents
        chunks: list[tuple[Sequence[IndexDocument], Sequence[tuple[int, int]]]] = [
            (documents[i : i + step], ()) for i in range(0, len(documents), step)
        ]
        chunks.extend(((), deletions[i : i + step]) for i in range(0, len(deletions), step))
        for docs, dels in chunks:
            await self.slots.acquire()
            if self.error is not None:
                self.slots.release()
                raise self.error
            task = asyncio.create_task(self._one(docs, dels))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _one(
        self, documents: Sequence[IndexDocument], deletions: Sequence[tuple[int, int]]
    ) -> None:
        try:
            body, order, skeletons = await self.backend._cpu(
                _bulk_lines, documents, deletions, self.targets
            )
            parts = [body] if body else []
            new: dict[str, list[str]] = {}
            for target in self.targets:
                seen = self.backend._seen_terms(target)
                fresh = new[target] = [t for t in skeletons if t not in seen]
                for term in fresh:
                    action = {"create": {"_index": target, "_id": bodies.SKELETON_ID + term}}
                    parts += [orjson.dumps(action), skeletons[term]]
                    order.append((target, term))
            if order:
                parts.append(b"")
                await self.backend._bulk(
                    b"\n".join(parts), order, required=self.required, refresh=None
                )
            for target, terms in new.items():
                self.backend._seen_terms(target).add(terms)
        except BaseException as exc:
            if self.error is None:
                self.error = exc
        finally:
            self.slots.release()

    async def finish(self) -> None:
        """Wait for every chunk; raise the first failure."""
        try:
            if self.tasks:
                await asyncio.gather(*self.tasks)
        finally:
            for task in list(self.tasks):
                task.cancel()
        if self.error is not None:
            raise self.error
