"""Embedded search at scale: bulk-index generated records, then time a query mix.

Usage: ``.venv/bin/python bench/search/run.py [--count 1000000] [--queries 200]
[--path /tmp/ipreg-bench-search.db] [--reuse]``

1. generates ``--count`` records (:mod:`generate`), computes their search forms
   (timed: "forms") and bulk-indexes them into a fresh embedded index through
   the rebuild path (timed: docs/s, file size);
2. runs a fixed, seeded query mix through :meth:`EmbeddedIndex.search` as an
   anonymous caller, one query at a time on one thread:

   ``exact``        a record's name as registered
   ``cross-script`` a Cyrillic or Armenian name typed in Latin (a random fitting
                    standard), or a Latin name typed in Cyrillic
   ``typo``         a name with one letter changed, dropped or two swapped
   ``prefix``       the first 3-5 letters of a name's first word
   ``filtered``     a common word with a jurisdiction and a status filter
   ``common``       a very common word alone (``ООО``: a quarter of all records)

   (after ``gc.freeze()``, as the server does after start-up) and prints
   p50/p95/p99 per category and over all, with the recall@10 of the
   record each query was made from (counted as found, too, when ten hits score
   at least as high: generated names repeat, ``Nord`` is the name of hundreds).

``--reuse`` skips generation and indexing when ``--path`` exists.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Generator, document
from mix import COMMON, typo

from ipreg.search.backend import IndexDocument, SearchFilter, SearchQuery
from ipreg.search.embedded.store import EmbeddedIndex, prepare_document
from ipreg.search.matching import plan_query, score, stored_forms
from ipreg.search.translit import romanisations, scripts_of
from ipreg.search.translit.reading import cyrillic_reading


def batches(gen: Generator, count: int, size: int = 2000) -> Iterator[list[IndexDocument]]:
    for start in range(1, count + 1, size):
        yield [document(gen.record(i)) for i in range(start, min(start + size, count + 1))]


def build(path: Path, count: int) -> None:
    gen = Generator()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    index = EmbeddedIndex(path)
    index.prepare()
    # Forms alone, on a sample (the rebuild below computes them again, timed with it).
    sample = [document(gen.record(i)) for i in range(1, min(count, 20000) + 1)]
    started = time.perf_counter()
    cpu = time.process_time()
    for doc in sample:
        prepare_document(doc)
    forms = (time.perf_counter() - started) / len(sample)
    forms_cpu = (time.process_time() - cpu) / len(sample)
    print(
        f"forms + terms: {forms * 1e6:.0f} µs per record, CPU {forms_cpu * 1e6:.0f} µs "
        f"({len(sample)} records)"
    )
    started = time.perf_counter()
    cpu = time.process_time()
    rebuild = index.begin_rebuild()
    done = 0
    for batch in batches(gen, count):
        rebuild.add(batch)
        done += len(batch)
        if done % 100_000 == 0:
            elapsed = time.perf_counter() - started
            print(f"  {done} added in {elapsed:.0f} s", flush=True)
    added = time.perf_counter() - started
    rebuild.finish()
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu
    size = path.stat().st_size / 1e6
    print(
        f"bulk index: {count} records in {total:.0f} s ({count / total:.0f} docs/s; "
        f"adding {added:.0f} s, writing postings {total - added:.0f} s; CPU {cpu:.0f} s); "
        f"file {size:.0f} MB"
    )
    index.close()


def queries(count: int, per_category: int) -> list[tuple[str, SearchQuery, int | None]]:
    gen = Generator()
    rng = random.Random(7)
    out: list[tuple[str, SearchQuery, int | None]] = []

    def records() -> Iterator[dict[str, Any]]:
        while True:
            record = gen.record(rng.randrange(1, count + 1))
            if record["published"]:
                yield record

    source = records()
    for _ in range(per_category):
        r = next(source)
        out.append(("exact", SearchQuery(r["name"], first=10), r["id"]))
    made = 0
    while made < per_category:
        r = next(source)
        scripts = scripts_of(r["name"])
        if "Cyrl" in scripts or "Armn" in scripts:
            forms = sorted(romanisations(r["name"]).items())
            if not forms:
                continue
            text = rng.choice(forms)[1]
        else:
            text = cyrillic_reading(r["name"].casefold())
        out.append(("cross-script", SearchQuery(text, first=10), r["id"]))
        made += 1
    made = 0
    while made < per_category:
        r = next(source)
        words = r["name"].split()
        long = [w for w in words if len(w) >= 6 and w.isalpha()]
        if not long:
            continue
        w = rng.choice(long)
        text = " ".join(typo(rng, x) if x == w else x for x in words)
        out.append(("typo", SearchQuery(text, first=10), r["id"]))
        made += 1
    made = 0
    while made < per_category:
        r = next(source)
        first_word = r["name"].split()[0]
        if len(first_word) < 5 or not first_word.isalpha():
            continue
        text = first_word[: rng.choice((3, 4, 5))]
        out.append(("prefix", SearchQuery(text, first=10), None))
        made += 1
    for i in range(per_category):
        out.append(
            (
                "filtered",
                SearchQuery(
                    COMMON[i % len(COMMON)],
                    first=10,
                    filter=SearchFilter(jurisdictions=("ukraine",), statuses=("included",)),
                ),
                None,
            )
        )
    for i in range(per_category):
        out.append(("common", SearchQuery(COMMON[i % len(COMMON)], first=10), None))
    return out


def _found(q: SearchQuery, hits: Any, target: int, count: int) -> bool:
    if any(h.object_id == target for h in hits):
        return True
    doc = Generator().document(target)
    verdict = score(plan_query(q.text), stored_forms(doc), doc.public_fields)
    return verdict is not None and len(hits) == q.first and hits[-1].score >= verdict.score


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def run(path: Path, count: int, per_category: int) -> None:
    index = EmbeddedIndex(path)
    mix = queries(count, per_category)
    for _, q, _ in mix[:: max(1, len(mix) // 20)]:  # warm the caches a little
        index.search(q)
    # As the server should after start-up: what is loaded by then (modules,
    # tables) is never garbage; a full collection need not walk it again.
    gc.collect()
    gc.freeze()
    times: dict[str, list[float]] = {}
    found: dict[str, list[bool]] = {}
    totals: dict[str, list[int]] = {}
    cpu: dict[str, list[float]] = {}
    for category, q, target in mix:
        started = time.perf_counter()
        started_cpu = time.process_time()
        result = index.search(q)
        elapsed = (time.perf_counter() - started) * 1000
        cpu.setdefault(category, []).append((time.process_time() - started_cpu) * 1000)
        times.setdefault(category, []).append(elapsed)
        totals.setdefault(category, []).append(result.total)
        if target is not None:
            found.setdefault(category, []).append(_found(q, result.hits, target, count))
    print(
        f"\n{'category':14} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'CPU p95':>8} {'mean total':>11} {'recall@10':>9}"
    )
    every: list[float] = []
    for category, values in times.items():
        every.extend(values)
        recall = found.get(category)
        shown = f"{sum(recall) / len(recall):.2f}" if recall else "-"
        print(
            f"{category:14} {len(values):5d} {percentile(values, 50):8.1f} "
            f"{percentile(values, 95):8.1f} {percentile(values, 99):8.1f} {max(values):8.1f} "
            f"{percentile(cpu[category], 95):8.1f} "
            f"{statistics.mean(totals[category]):11.0f} {shown:>9}"
        )
    print(
        f"{'all':14} {len(every):5d} {percentile(every, 50):8.1f} {percentile(every, 95):8.1f} "
        f"{percentile(every, 99):8.1f} {max(every):8.1f}"
    )
    index.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="per category")
    parser.add_argument("--path", type=Path, default=Path("/tmp/ipreg-bench-search.db"))
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    if not (args.reuse and args.path.exists()):
        build(args.path, args.count)
    run(args.path, args.count, args.queries)


if __name__ == "__main__":
    main()
