"""Search at scale, either backend: bulk-index generated records, then time a query mix.

Usage::

    .venv/bin/python bench/search/bench.py --backend opensearch \\
        [--url http://127.0.0.1:9200] [--count 1000000] [--queries 200] [--reuse]
    .venv/bin/python bench/search/bench.py --backend embedded [--path /tmp/ipreg-bench.db]

1. **load**: streams ``--count`` records from :mod:`generate` in batches
   through the backend's ``rebuild`` (the path a full re-index takes: a new
   index, bulk-loaded, then switched to) and reports documents/s. OpenSearch:
   the bulk bodies (stored forms, terms, JSON) are built in ``--workers``
   processes, while this process generates records and sends requests.
2. **queries**: the fixed mix of :mod:`mix` (exact, cross-script, typo,
   prefix, filtered, common), one query at a time after a warm-up, timed
   around ``backend.search`` (query forms, retrieval, re-ranking: all of it);
   prints p50/p95/p99 per category and recall@10 of the record each query was
   made from.

``--reuse`` skips the load when the index is there. ``--json FILE`` writes the
numbers. Nothing else runs meanwhile? Check ``uptime``: the numbers are only
as quiet as the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import time
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson
from generate import Generator
from mix import CATEGORIES, probes

from ipreg.search.backend import IndexDocument


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def make_backend(args: argparse.Namespace) -> Any:
    if args.backend == "opensearch":
        from ipreg.search.opensearch import OpenSearchBackend

        executor = ProcessPoolExecutor(args.workers) if args.workers > 0 else None
        return OpenSearchBackend(
            args.url,
            args.prefix,
            refresh=False,
            executor=executor,
            # A loaded, shared machine: a bulk request may take long; never give up early.
            request_timeout=120.0,
            retry_seconds=600.0,
            bulk_documents=args.bulk,
            bulk_concurrency=args.concurrency,
        )
    from ipreg.search.embedded import EmbeddedBackend

    return EmbeddedBackend(args.path)


async def loaded(backend: Any, args: argparse.Namespace) -> bool:
    """Is there an index with ``--count`` documents to reuse?"""
    if args.backend == "opensearch":
        client = backend.client
        if not await client.indices.exists_alias(name=backend.alias):
            return False
        body = {"query": {"term": {"deleted": False}}}  # not the typo dictionary
        count = (await client.count(index=backend.alias, body=body))["count"]
        return bool(count >= args.count)
    return await asyncio.to_thread(Path(args.path).exists)


async def load(backend: Any, args: argparse.Namespace) -> dict[str, Any]:
    gen = Generator(args.seed)
    sample = [gen.document(i) for i in range(1, 2001)]
    if args.backend == "opensearch":
        from ipreg.search.opensearch.bodies import document_body

        def prepare(doc: IndexDocument) -> object:
            return orjson.dumps(document_body(doc))
    else:
        from ipreg.search import matching

        def prepare(doc: IndexDocument) -> object:
            return matching.index_terms(matching.stored_forms(doc))

    started = time.perf_counter()
    for doc in sample:
        prepare(doc)
    forms_us = (time.perf_counter() - started) / len(sample) * 1e6
    started = time.perf_counter()
    for object_id in range(1, 20001):
        gen.record(object_id)
    generate_us = (time.perf_counter() - started) / 20000 * 1e6
    print(
        f"per record, one core: generate {generate_us:.0f} µs; "
        f"stored forms + terms (+ JSON) {forms_us:.0f} µs",
        flush=True,
    )

    progress = {"done": 0}
    started = time.perf_counter()

    async def batches() -> AsyncIterator[list[IndexDocument]]:
        ids = iter(range(1, args.count + 1))
        while chunk := list(itertools.islice(ids, args.batch)):
            yield [gen.document(i) for i in chunk]
            progress["done"] += len(chunk)
            if progress["done"] % 100_000 < args.batch:
                elapsed = time.perf_counter() - started
                print(
                    f"  {progress['done']:>9} in {elapsed:6.0f} s "
                    f"({progress['done'] / elapsed:.0f} docs/s)",
                    flush=True,
                )

    if args.backend == "opensearch":
        await backend.prepare()
    count = await backend.rebuild(batches())
    seconds = time.perf_counter() - started
    print(f"load: {count} documents in {seconds:.0f} s = {count / seconds:.0f} docs/s", flush=True)
    return {
        "documents": count,
        "seconds": round(seconds, 1),
        "docs_per_s": round(count / seconds),
        "generate_us": round(generate_us),
        "forms_us": round(forms_us),
    }


class Breakdown:
    """Where a search's time goes (OpenSearch backend): the requests to OpenSearch
    (round trips and parsing; requests in flight together count once) and the
    shared scorer (``matching.rank``)."""

    def __init__(self, backend: Any) -> None:
        from ipreg.search import matching

        self.requests = 0.0
        self.ranking = 0.0
        self.round_trips = 0
        self._in_flight = 0
        self._since = 0.0
        for name in ("_search_once_more", "_msearch", "_rewritten"):
            setattr(backend, name, self._timed(getattr(backend, name)))
        rank = matching.rank

        def timed_rank(*a: Any) -> Any:
            started = time.perf_counter()
            try:
                return rank(*a)
            finally:
                self.ranking += time.perf_counter() - started

        matching.rank = timed_rank

    def _timed(self, method: Any) -> Any:
        async def timed(*a: Any, **k: Any) -> Any:
            if not self._in_flight:
                self._since = time.perf_counter()
                self.round_trips += 1
            self._in_flight += 1
            try:
                return await method(*a, **k)
            finally:
                self._in_flight -= 1
                if not self._in_flight:
                    self.requests += time.perf_counter() - self._since

        return timed

    def take(self) -> tuple[float, float, int]:
        out = (self.requests * 1000, self.ranking * 1000, self.round_trips)
        self.requests = self.ranking = 0.0
        self.round_trips = 0
        return out


async def ingest_only(args: argparse.Namespace) -> dict[str, Any]:
    """OpenSearch's side of a bulk load alone: bodies for ``--ingest`` records are
    built first (not timed), then sent (timed) into a scratch index loaded as a
    rebuild loads (no refresh, async translog), ``--concurrency`` requests in flight."""
    from ipreg.search.opensearch import OpenSearchBackend, mapping
    from ipreg.search.opensearch.backend import _bulk_lines

    backend = OpenSearchBackend(args.url, f"{args.prefix}-ingest", refresh=False)
    gen = Generator(args.seed)
    await backend.drop()
    index = f"{backend.alias}-scratch"
    await backend.client.indices.create(
        index=index,
        body={
            "settings": mapping.settings(shards=1, replicas=None, loading=True),
            "mappings": mapping.mappings(),
            "aliases": {backend.alias: {}},
        },
    )
    bodies: list[tuple[bytes, list[Any]]] = []
    with ProcessPoolExecutor(max(args.workers, 1)) as pool:
        loop = asyncio.get_running_loop()
        futures = []
        for start in range(1, args.ingest + 1, args.bulk):
            docs = [gen.document(i) for i in range(start, min(start + args.bulk, args.ingest + 1))]
            futures.append(loop.run_in_executor(pool, _bulk_lines, docs, (), (backend.alias,)))
        for body, order, skeletons in await asyncio.gather(*futures):
            lines = [body]
            for term, source in skeletons.items():
                action = {"create": {"_index": backend.alias, "_id": "s:" + term}}
                lines += [orjson.dumps(action), source]
                order.append((backend.alias, term))
            bodies.append((b"\n".join([*lines, b""]), order))
    size = sum(len(b) for b, _ in bodies)
    slots = asyncio.Semaphore(args.concurrency)

    async def send(body: bytes, order: list[Any]) -> None:
        async with slots:
            await backend._bulk(body, order, required=backend.alias, refresh=None)

    started = time.perf_counter()
    await asyncio.gather(*(send(b, o) for b, o in bodies))
    await backend.client.indices.refresh(index=index)
    seconds = time.perf_counter() - started
    actions = sum(len(o) for _, o in bodies)
    print(
        f"ingest only: {args.ingest} objects ({actions} actions with the typo dictionary, "
        f"{size / 1e6:.0f} MB) in {seconds:.1f} s = {args.ingest / seconds:.0f} objects/s",
        flush=True,
    )
    await backend.drop()
    await backend.close()
    return {
        "objects": args.ingest,
        "seconds": round(seconds, 1),
        "objects_per_s": round(args.ingest / seconds),
    }


async def run_queries(backend: Any, args: argparse.Namespace) -> dict[str, Any]:
    mix = probes(args.count, args.queries, data_seed=args.seed)
    breakdown = Breakdown(backend) if args.backend == "opensearch" else None
    for probe in mix[:: max(1, len(mix) // (len(mix) // 10 or 1))]:  # warm-up: a tenth
        await backend.search(probe.query)
    times: dict[str, list[float]] = {c: [] for c in CATEGORIES}
    found: dict[str, list[bool]] = {c: [] for c in CATEGORIES}
    totals: dict[str, list[int]] = {c: [] for c in CATEGORIES}
    parts: dict[str, list[tuple[float, float, int]]] = {c: [] for c in CATEGORIES}
    if breakdown is not None:
        breakdown.take()
    for probe in mix:
        started = time.perf_counter()
        result = await backend.search(probe.query)
        times[probe.category].append((time.perf_counter() - started) * 1000)
        if breakdown is not None:
            parts[probe.category].append(breakdown.take())
        totals[probe.category].append(result.total)
        if probe.target is not None:
            found[probe.category].append(any(h.object_id == probe.target for h in result.hits))
    header = (
        f"\n{'category':14} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'mean total':>11} {'recall@10':>9}"
    )
    print(header)
    report: dict[str, Any] = {}
    every: list[float] = []
    for category in CATEGORIES:
        values = times[category]
        every.extend(values)
        recall = found[category]
        row = {
            "n": len(values),
            "p50": round(percentile(values, 50), 1),
            "p95": round(percentile(values, 95), 1),
            "p99": round(percentile(values, 99), 1),
            "max": round(max(values), 1),
            "mean_total": round(statistics.mean(totals[category])),
            "recall_at_10": round(sum(recall) / len(recall), 3) if recall else None,
        }
        if parts[category]:
            row["opensearch_ms_mean"] = round(statistics.mean(p[0] for p in parts[category]), 1)
            row["scorer_ms_mean"] = round(statistics.mean(p[1] for p in parts[category]), 1)
            row["round_trips_mean"] = round(statistics.mean(p[2] for p in parts[category]), 2)
        report[category] = row
        shown = f"{row['recall_at_10']:.2f}" if recall else "-"
        print(
            f"{category:14} {row['n']:5d} {row['p50']:8.1f} {row['p95']:8.1f} {row['p99']:8.1f} "
            f"{row['max']:8.1f} {row['mean_total']:11d} {shown:>9}"
        )
    report["all"] = {
        "n": len(every),
        "p50": round(percentile(every, 50), 1),
        "p95": round(percentile(every, 95), 1),
        "p99": round(percentile(every, 99), 1),
        "max": round(max(every), 1),
    }
    a = report["all"]
    print(f"{'all':14} {a['n']:5d} {a['p50']:8.1f} {a['p95']:8.1f} {a['p99']:8.1f} {a['max']:8.1f}")
    if breakdown is not None:
        print(
            "\nmean per search: ms waiting for OpenSearch / ms in the shared scorer / "
            "sequential round trips"
        )
        for category in CATEGORIES:
            row = report[category]
            print(
                f"{category:14} {row['opensearch_ms_mean']:8.1f} {row['scorer_ms_mean']:8.1f} "
                f"{row['round_trips_mean']:8.2f}"
            )
    return report


async def main_async(args: argparse.Namespace) -> None:
    backend = make_backend(args)
    report: dict[str, Any] = {
        "backend": args.backend,
        "count": args.count,
        "load_average_before": os.getloadavg(),
    }
    try:
        if args.ingest:
            report["ingest_only"] = await ingest_only(args)
        else:
            if not (args.reuse and await loaded(backend, args)):
                report["load"] = await load(backend, args)
            if args.backend == "opensearch":
                await backend.refresh_now()
            if args.queries:
                report["queries"] = await run_queries(backend, args)
        report["load_average_after"] = os.getloadavg()
        print(f"load average before {report['load_average_before']}, after {os.getloadavg()}")
    finally:
        await backend.close()
        executor = getattr(backend, "executor", None)
        if executor is not None:
            executor.shutdown()
    if args.json:
        data = orjson.dumps(report, option=orjson.OPT_INDENT_2)
        await asyncio.to_thread(Path(args.json).write_bytes, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("opensearch", "embedded"), default="opensearch")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="per category (0: none)")
    parser.add_argument("--seed", type=int, default=20251123, help="data seed")
    parser.add_argument("--reuse", action="store_true", help="keep an index already loaded")
    parser.add_argument(
        "--url", default=os.environ.get("IPREG_OPENSEARCH_URL", "http://127.0.0.1:9200")
    )
    parser.add_argument("--prefix", default="ipreg-bench", help="OpenSearch index prefix")
    parser.add_argument("--path", default="/tmp/ipreg-bench-search.db", help="embedded index file")
    parser.add_argument("--batch", type=int, default=5000, help="documents per rebuild batch")
    parser.add_argument("--bulk", type=int, default=1000, help="documents per _bulk request")
    parser.add_argument("--concurrency", type=int, default=3, help="_bulk requests in flight")
    parser.add_argument(
        "--workers", type=int, default=2, help="processes building bulk bodies (0: a thread)"
    )
    parser.add_argument(
        "--ingest",
        type=int,
        default=0,
        help="OpenSearch only: time sending this many prebuilt objects, then stop",
    )
    parser.add_argument("--json", help="write the numbers to this file")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
