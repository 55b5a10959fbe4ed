"""The OpenSearch backend against a real node (never a mock).

Skipped unless ``IPREG_TEST_OPENSEARCH_URL`` is set (``scripts/opensearch
start`` prints one). Every test uses its own index prefix and deletes its
indices afterwards.

The restart test runs ``scripts/opensearch restart`` and so needs the node to
be the one that script manages (same URL); it is skipped otherwise, and when
``IPREG_TEST_OPENSEARCH_RESTART=0`` (other test processes sharing the node
would see it go away for half a minute).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support import REPO, require_file, shared_file

from ipreg.search.backend import IndexDocument, SearchFilter, SearchQuery, SearchResult

URL = os.environ.get("IPREG_TEST_OPENSEARCH_URL")
pytestmark = pytest.mark.skipif(
    not URL, reason="OpenSearch not configured: set IPREG_TEST_OPENSEARCH_URL (scripts/opensearch)"
)

if URL:
    from ipreg.search.opensearch import OpenSearchBackend, SearchUnavailable


def doc(
    object_id: int,
    name: str,
    *,
    version: int = 1,
    jurisdiction: str = "eaeu",
    kind: str = "trademark",
    status: str = "included",
    published: bool = True,
    keywords: tuple[str, ...] = (),
    holders: tuple[str, ...] = (),
    register_number: str | None = None,
    public: frozenset[str] | None = None,
) -> IndexDocument:
    extra: dict[str, Any] = {}
    if public is not None:
        extra["public_fields"] = public
    return IndexDocument(
        id=object_id,
        version=version,
        jurisdiction=jurisdiction,
        kind=kind,
        status=status,
        published=published,
        name=name,
        register_number=register_number,
        keywords=keywords,
        holders=holders,
        **extra,
    )


def ids(result: SearchResult) -> list[int]:
    return [hit.object_id for hit in result.hits]


def new_backend(**options: Any) -> OpenSearchBackend:
    assert URL
    return OpenSearchBackend(URL, f"t{uuid.uuid4().hex[:10]}", **options)


@pytest.fixture
async def backend() -> AsyncIterator[OpenSearchBackend]:
    b = new_backend()
    await b.prepare()
    try:
        yield b
    finally:
        with contextlib.suppress(Exception):
            await b.drop()
        await b.close()


async def index_names(b: OpenSearchBackend) -> dict[str, list[str]]:
    """Physical index -> its aliases, for this backend's prefix."""
    found = await b.client.indices.get_alias(index=f"{b.alias}-*")
    return {name: sorted(info["aliases"]) for name, info in found.items()}


# ------------------------------------------------------------------ versions


async def test_prepare_is_idempotent_and_health_passes(backend: OpenSearchBackend) -> None:
    await backend.prepare()
    await asyncio.gather(backend.prepare(), backend.prepare())
    await backend.health()
    assert await backend.schema_is_current()
    assert await index_names(backend) == {f"{backend.alias}-initial": [backend.alias]}


async def test_an_older_version_never_overwrites_a_newer_one(backend: OpenSearchBackend) -> None:
    await backend.upsert([doc(1, "Ромашка", version=3)])
    await backend.upsert([doc(1, "Василёк", version=2)])  # late, older: ignored
    await backend.upsert([doc(1, "Лютик", version=3)])  # same version again: ignored
    assert await backend.stored_versions([1, 2]) == {1: 3}
    assert ids(await backend.search(SearchQuery("Ромашка"))) == [1]
    assert ids(await backend.search(SearchQuery("Василёк"))) == []
    await backend.upsert([doc(1, "Василёк", version=4)])
    assert await backend.stored_versions([1]) == {1: 4}
    assert ids(await backend.search(SearchQuery("Василёк"))) == [1]
    assert ids(await backend.search(SearchQuery("Ромашка"))) == []


async def test_one_batch_with_old_and_new_versions(backend: OpenSearchBackend) -> None:
    await backend.upsert([doc(i, f"Марка {i}", version=5) for i in range(1, 2501)])
    mixed = [doc(i, f"Марка {i}", version=4 if i % 2 else 6) for i in range(1, 2501)]
    await backend.upsert(mixed)
    versions = await backend.stored_versions(list(range(1, 2501)))
    assert versions == {i: 5 if i % 2 else 6 for i in range(1, 2501)}


async def test_delete_keeps_a_tombstone_that_refuses_older_writes(
    backend: OpenSearchBackend,
) -> None:
    # A real delete's version would be forgotten after index.gc_deletes; the
    # backend must not depend on it, so make OpenSearch forget at once.
    await backend.client.indices.put_settings(
        index=backend.alias, body={"index": {"gc_deletes": "0s"}}
    )
    await backend.upsert([doc(1, "Снежок", version=2), doc(2, "Петушок", version=2)])
    await backend.delete({1: 3, 3: 9})  # 3 was never indexed: its tombstone still counts
    assert await backend.stored_versions([1, 2, 3]) == {2: 2}
    assert ids(await backend.search(SearchQuery("Снежок"))) == []
    await backend.client.indices.forcemerge(index=backend.alias)
    await backend.upsert([doc(1, "Снежок", version=2), doc(3, "Колос", version=8)])  # late
    assert await backend.stored_versions([1, 2, 3]) == {2: 2}
    assert ids(await backend.search(SearchQuery("Снежок"))) == []
    await backend.delete({2: 1})  # older than the stored version: ignored
    assert await backend.stored_versions([2]) == {2: 2}
    # A re-creation with a version above the deletion's comes back.
    await backend.upsert([doc(1, "Снежок", version=4)])
    assert await backend.stored_versions([1]) == {1: 4}
    assert ids(await backend.search(SearchQuery("Снежок"))) == [1]
    assert await backend.all_versions() == {1: 4, 2: 2}
    # A deletion at the stored version (the object's last) removes it, for good.
    await backend.delete({2: 2})
    await backend.upsert([doc(2, "Петушок", version=2)])
    assert await backend.stored_versions([2]) == {}
    assert await backend.all_versions() == {1: 4}


# ------------------------------------------------------------------ filters, visibility


CATALOGUE = [
    doc(1, "Золотой Колос", jurisdiction="eaeu", kind="trademark", status="included"),
    doc(2, "Золотой Ключик", jurisdiction="eaeu", kind="trademark", status="excluded"),
    doc(3, "Золотой Берег", jurisdiction="ukraine", kind="geographical_indication"),
    doc(4, "Золотой Лев", jurisdiction="ukraine", kind="trademark", status="expired"),
    doc(5, "Золотой Век", jurisdiction="eaeu", published=False),
    doc(6, "Сокол", keywords=("Золотой",), holders=("ООО Сокол",)),
    doc(7, "Ласточка", jurisdiction="ukraine", keywords=("Золотой",), published=False),
    doc(8, "Nord", holders=("Золотой Дом LLC",)),
]


async def test_filters_total_and_facets(backend: OpenSearchBackend) -> None:
    await backend.upsert(CATALOGUE)
    everything = await backend.search(SearchQuery("золотой"))
    assert sorted(ids(everything)) == [1, 2, 3, 4, 8]
    assert everything.total == 5
    assert everything.facets == {
        "jurisdiction": {"eaeu": 3, "ukraine": 2},
        "kind": {"trademark": 4, "geographical_indication": 1},
        "status": {"included": 3, "excluded": 1, "expired": 1},
    }
    eaeu = await backend.search(
        SearchQuery("золотой", filter=SearchFilter(jurisdictions=("eaeu",)))
    )
    assert sorted(ids(eaeu)) == [1, 2, 8]
    assert eaeu.facets["jurisdiction"] == {"eaeu": 3}
    narrow = await backend.search(
        SearchQuery(
            "золотой",
            filter=SearchFilter(kinds=("trademark",), statuses=("included", "expired")),
        )
    )
    assert sorted(ids(narrow)) == [1, 4, 8]
    assert narrow.total == 3
    page = await backend.search(SearchQuery("золотой", first=2, offset=2))
    assert page.total == 5
    assert ids(page) == ids(everything)[2:4]


async def test_anonymous_callers_match_public_fields_of_published_objects_only(
    backend: OpenSearchBackend,
) -> None:
    await backend.upsert(CATALOGUE)
    anonymous = await backend.search(SearchQuery("золотой"))
    # 5 and 7 are unpublished; 6 has it only in its keywords (not public).
    assert 5 not in ids(anonymous) and 6 not in ids(anonymous) and 7 not in ids(anonymous)
    assert (await backend.search(SearchQuery("ласточка"))).total == 0
    eaeu_official = await backend.search(SearchQuery("золотой", official_in=frozenset({"eaeu"})))
    assert sorted(ids(eaeu_official)) == [1, 2, 3, 4, 5, 6, 8]
    ukraine_official = await backend.search(
        SearchQuery("золотой", official_in=frozenset({"ukraine"}))
    )
    assert sorted(ids(ukraine_official)) == [1, 2, 3, 4, 7, 8]
    assert ids(await backend.search(SearchQuery("ласточка", official_in=frozenset({"eaeu"})))) == []
    system = await backend.search(SearchQuery("золотой", official_everywhere=True))
    assert sorted(ids(system)) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert system.facets["jurisdiction"] == {"eaeu": 5, "ukraine": 3}


async def test_a_field_made_private_stops_matching_for_anonymous_callers(
    backend: OpenSearchBackend,
) -> None:
    await backend.upsert(
        [doc(1, "Ala-Too", holders=("Bishkek Siti LLC",), public=frozenset({"name"}))]
    )
    assert ids(await backend.search(SearchQuery("Ala-Too"))) == [1]
    assert ids(await backend.search(SearchQuery("bishkek"))) == []
    assert ids(await backend.search(SearchQuery("bishkek", official_in=frozenset({"eaeu"})))) == [1]


# ------------------------------------------------------------------ candidates


async def test_exact_prefix_phonetic_and_typo_candidates(backend: OpenSearchBackend) -> None:
    await backend.upsert(
        [
            doc(1, "Bishkek Siti", jurisdiction="eaeu"),
            doc(2, "SNICKERS"),
            doc(3, "Бабаевский"),
            doc(4, "Камунарка"),
            doc(5, "Мишка косолапый"),
            doc(6, "Ёлочка"),
            doc(7, "Coca-Cola"),
        ]
    )

    async def top(text: str) -> tuple[int | None, str]:
        result = await backend.search(SearchQuery(text))
        if not result.hits:
            return None, ""
        return result.hits[0].object_id, result.hits[0].matches[0].matched_as

    assert await top("Coca-Cola") == (7, "exact")
    assert await top("Mishka kosolapyy") == (5, "ru-bgn-pcgn-1947")
    assert await top("Сникерс") == (2, "reading")
    assert (await top("bishk"))[0] == 1  # prefix as you type
    assert (await top("coca co"))[0] == 7
    assert await top("Babayevsky") == (3, "phonetic")
    assert await top("snickres") == (2, "fuzzy")  # two letters swapped
    assert (await top("Kamunarca"))[0] == 4
    assert (await top("Kamunarkka"))[0] == 4
    assert (await top("Yolochka"))[0] == 6
    assert await top("qwertyuiop") == (None, "")
    assert (await backend.search(SearchQuery("   "))).total == 0


async def test_a_prefix_expands_to_its_first_terms_in_code_point_order(
    backend: OpenSearchBackend,
) -> None:
    from ipreg.search import matching

    limit = matching.MAX_PREFIX_EXPANSIONS
    # "zq000".."zqNNN": one name each; only the first `limit` words are completions of "zq".
    words = [f"zq{i:03d}" for i in range(limit + 10)]
    await backend.upsert([doc(i + 1, w) for i, w in enumerate(reversed(words))])
    found = await backend.search(SearchQuery("zq", first=100))
    assert found.total == limit
    hit_names = sorted(words[len(words) - h.object_id] for h in found.hits)
    assert hit_names == words[:limit]


async def test_many_matches_rank_name_hits_and_better_tiers_first(
    backend: OpenSearchBackend,
) -> None:
    """More documents match than are handed to the scorer: the candidates still
    hold the best ones (exact tokens, then hits in the name)."""
    filler = [doc(i, f"Brand {i}", holders=("Premium Foods Ltd",)) for i in range(1, 700)]
    await backend.upsert(
        [
            *filler,
            doc(5000, "Premium"),
            doc(5001, "Premium Gold"),
            doc(5002, "Premiumm"),  # only a typo away
        ]
    )
    result = await backend.search(SearchQuery("premium", first=3))
    assert result.total == 702
    # 5002 is only a phonetic hit: tier 1, after the 699 token hits, beyond the candidates.
    assert ids(result) == [5000, 5001, 1]


# ------------------------------------------------------------------ parity


def _load_generator() -> Any:
    path = REPO / "bench" / "search" / "generate.py"
    spec = importlib.util.spec_from_file_location("ipreg_bench_search_generate", path)
    assert spec and spec.loader
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return module


def _relevance_documents() -> tuple[list[IndexDocument], list[str]]:
    path = shared_file("search", "relevance-public.jsonl")
    if not require_file(path):
        return [], []
    docs, queries = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["type"] == "query":
            queries.append(row["text"])
            continue
        docs.append(
            IndexDocument(
                id=number,
                version=1,
                jurisdiction=row["jurisdiction"],
                kind=row["kind"],
                status=row["status"],
                published=True,
                name=row["name"],
                register_number=row.get("registerNumber"),
                keywords=tuple(row.get("keywords", ())),
                holders=tuple(h["name"] for h in row.get("holders", ())),
            )
        )
    return docs, queries


def _parity_queries(gen: Any, count: int) -> Iterator[SearchQuery]:
    import random

    rng = random.Random(11)
    for _ in range(60):
        record = gen.record(rng.randrange(1, count + 1))
        name: str = record["name"]
        words = name.split()
        yield SearchQuery(name)
        yield SearchQuery(words[0][:3])
        long = [w for w in words if len(w) >= 6]
        if long:
            w = long[0]
            i = rng.randrange(1, len(w) - 2)
            yield SearchQuery(name.replace(w, w[:i] + w[i + 1] + w[i] + w[i + 2 :]))
        yield SearchQuery(
            words[-1], official_in=frozenset({record["jurisdiction"]}), first=5, offset=3
        )
    for text in ("ООО", "Premium", "золотой", "gold", "ТОВ", "LLC", "Золотой Колос"):
        yield SearchQuery(text)
        yield SearchQuery(text, filter=SearchFilter(jurisdictions=("ukraine",)), first=7)
        yield SearchQuery(text, official_everywhere=True, offset=10)


def _same(a: SearchResult, b: SearchResult) -> bool:
    return (a.total, a.hits, {k: dict(v) for k, v in a.facets.items()}) == (
        b.total,
        b.hits,
        {k: dict(v) for k, v in b.facets.items()},
    )


@pytest.mark.parametrize(
    "ranked_candidates_max",
    [
        None,
        # Every way candidates are chosen: a tier-0 bound past it (bucket searches
        # straight away), typos and prefixes taking the set past it after the ranked
        # search, and the ranked search alone.
        40,
    ],
    ids=["ranked", "buckets"],
)
async def test_same_results_as_the_embedded_backend(
    tmp_path: Path, ranked_candidates_max: int | None
) -> None:
    """Both backends, same documents, same queries: the same total, facets and page
    (hits with their scores, matches and highlights)."""
    from ipreg.search.embedded import EmbeddedBackend

    gen = _load_generator().Generator(seed=5)
    count = 3000
    docs = [gen.document(i) for i in range(1, count + 1)]
    relevance, relevance_queries = _relevance_documents()
    docs += [replace(d, id=d.id + count) for d in relevance]  # ids after the generated ones
    embedded = EmbeddedBackend(tmp_path / "search.db")
    opensearch = new_backend(ranked_candidates_max=ranked_candidates_max)
    # Which way each search chose its candidates, seen in what it sent.
    ways: Counter[str] = Counter()
    msearch = opensearch._msearch

    async def spy(bodies: Sequence[dict[str, Any]], cache: Sequence[bool]) -> Any:
        by_id = [b for b in bodies if b.get("sort") == [{"oid": "asc"}]]
        if by_id and len(by_id) < len(bodies):
            ways["buckets with the count"] += 1
        elif by_id:
            ways["buckets after the ranked search"] += 1
        elif any("terminate_after" in b for b in bodies):
            ways["ranked"] += 1
        return await msearch(bodies, cache)

    opensearch._msearch = spy  # type: ignore[method-assign]
    try:
        for b in (embedded, opensearch):
            await b.prepare()
            for start in range(0, len(docs), 1000):
                await b.upsert(docs[start : start + 1000])
        queries = [*_parity_queries(gen, count), *map(SearchQuery, relevance_queries)]
        differences = []
        for query in queries:
            want = await embedded.search(query)
            got = await opensearch.search(query)
            if not _same(want, got):
                differences.append((query, want, got))
        assert not differences, (
            "\n".join(
                f"{q}:\n  embedded   {w.total} {ids(w)} {dict(w.facets)}\n"
                f"  opensearch {g.total} {ids(g)} {dict(g.facets)}"
                for q, w, g in differences[:10]
            )
            + f"\n({len(differences)} of {len(queries)} queries differ)"
        )
        if ranked_candidates_max is None:
            assert set(ways) == {"ranked"}, ways
        else:
            assert set(ways) == {
                "ranked",
                "buckets with the count",
                "buckets after the ranked search",
            }, ways
    finally:
        await embedded.close()
        with contextlib.suppress(Exception):
            await opensearch.drop()
        await opensearch.close()


def test_stored_forms_are_the_shared_ones() -> None:
    """The backend caches the forms of each value; what it stores must be exactly
    what :func:`ipreg.search.matching.stored_forms` gives (as JSON)."""
    import orjson

    from ipreg.search import matching
    from ipreg.search.opensearch import bodies

    gen = _load_generator().Generator(seed=9)
    docs = [gen.document(i) for i in range(1, 1501)] + _relevance_documents()[0]
    docs += docs[:200]  # again: from the cache
    for d in docs:
        assert orjson.dumps(bodies.stored_forms(d)) == orjson.dumps(matching.stored_forms(d))


# ------------------------------------------------------------------ rebuild


async def _batches(docs: Sequence[IndexDocument], size: int) -> AsyncIterator[list[IndexDocument]]:
    for start in range(0, len(docs), size):
        await asyncio.sleep(0)
        yield list(docs[start : start + size])


async def test_rebuild_switches_the_alias_while_searches_never_fail(
    backend: OpenSearchBackend,
) -> None:
    first = [doc(i, f"Колос {i}", holders=("АО Колос",)) for i in range(1, 3001)]
    await backend.upsert(first[:10])
    before = set(await index_names(backend))
    stop = asyncio.Event()
    searches = 0
    failures: list[BaseException] = []

    async def search_loop() -> None:
        nonlocal searches
        while not stop.is_set():
            try:
                result = await backend.search(SearchQuery("колос"))
                assert result.total >= 1
                searches += 1
            except BaseException as exc:
                failures.append(exc)
            await asyncio.sleep(0)

    loops = [asyncio.create_task(search_loop()) for _ in range(3)]
    try:
        assert await backend.rebuild(_batches(first, 500)) == 3000
        # A write while the next rebuild loads reaches the new index too.
        second = [doc(i, f"Колос {i}", version=2) for i in range(1, 2001)]

        async def slow_batches() -> AsyncIterator[list[IndexDocument]]:
            async for batch in _batches(second, 250):
                await asyncio.sleep(0.05)
                yield batch

        rebuilding = asyncio.create_task(backend.rebuild(slow_batches()))
        await asyncio.sleep(2.5)  # after the building alias is announced
        await backend.upsert([doc(2500, "Колос 2500", version=7), doc(1, "Колос 1", version=9)])
        await backend.delete({2: 8})
        assert await rebuilding == 2000
    finally:
        stop.set()
        await asyncio.gather(*loops)
    assert not failures, failures[:3]
    assert searches > 10
    after = await index_names(backend)
    assert len(after) == 1
    ((current, aliases),) = after.items()
    assert aliases == [backend.alias]
    assert current not in before
    versions = await backend.stored_versions([1, 2, 3, 2500, 2999])
    assert versions == {1: 9, 3: 2, 2500: 7}
    assert (await backend.search(SearchQuery("колос"))).total == 2000


async def test_a_failed_rebuild_leaves_the_serving_index_alone(backend: OpenSearchBackend) -> None:
    await backend.upsert([doc(1, "Сокол")])
    before = await index_names(backend)

    async def broken() -> AsyncIterator[list[IndexDocument]]:
        yield [doc(2, "Ласточка")]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        await backend.rebuild(broken())
    assert await index_names(backend) == before
    assert ids(await backend.search(SearchQuery("сокол"))) == [1]
    await backend.upsert([doc(3, "Ласточка")])
    assert ids(await backend.search(SearchQuery("ласточка"))) == [3]


# ------------------------------------------------------------------ failures


async def test_an_unreachable_node_raises_search_unavailable_in_bounded_time() -> None:
    b = OpenSearchBackend(
        "http://127.0.0.1:9", "nowhere", retry_seconds=1.0, search_retry_seconds=0.5
    )
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        with pytest.raises(SearchUnavailable):
            await b.upsert([doc(1, "Сокол")])
        with pytest.raises(SearchUnavailable):
            await b.search(SearchQuery("сокол"))
        with pytest.raises(ConnectionError):  # what a caller that knows only the contract sees
            await b.health()
    finally:
        await b.close()
    assert loop.time() - started < 10


def _script_url() -> str | None:
    script = REPO / "scripts" / "opensearch"
    try:
        out = subprocess.run(
            [str(script), "status"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip().splitlines()[-1].split()[0] if out.strip() else None


async def test_writes_survive_an_opensearch_restart() -> None:
    """Documents written before a restart are there after it; a writer that keeps
    writing through the restart loses nothing (it retries, then resumes)."""
    if os.environ.get("IPREG_TEST_OPENSEARCH_RESTART") == "0":
        pytest.skip("IPREG_TEST_OPENSEARCH_RESTART=0")
    if (_script_url() or "").rstrip("/") != (URL or "").rstrip("/"):
        pytest.skip("the node at IPREG_TEST_OPENSEARCH_URL is not managed by scripts/opensearch")
    b = new_backend(retry_seconds=240.0)
    await b.prepare()
    try:
        await b.upsert([doc(i, f"Родник {i}") for i in range(1, 501)])
        written: list[int] = []
        failures: list[BaseException] = []
        done = asyncio.Event()

        async def writer() -> None:
            next_id = 501
            while not done.is_set():
                try:
                    await b.upsert([doc(next_id, f"Родник {next_id}")])
                except BaseException as exc:
                    failures.append(exc)
                    return
                written.append(next_id)
                next_id += 1
                await asyncio.sleep(0.02)

        task = asyncio.create_task(writer())
        process = await asyncio.create_subprocess_exec(
            str(REPO / "scripts" / "opensearch"),
            "restart",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await asyncio.wait_for(process.communicate(), timeout=600)
        assert process.returncode == 0, output.decode(errors="replace")
        count_at_restart = len(written)
        # Writes resume: more go through after the node is back.
        for _ in range(200):
            if len(written) >= count_at_restart + 20:
                break
            await asyncio.sleep(0.1)
        done.set()
        await task
        assert not failures, failures
        assert len(written) >= count_at_restart + 20
        await b.health()
        every = list(range(1, 501)) + written
        versions = await b.stored_versions(every)
        assert set(versions) == set(every)
        await b.refresh_now()
        result = await b.search(SearchQuery("родник"))
        assert result.total == len(every)
    finally:
        with contextlib.suppress(Exception):
            await b.drop()
        await b.close()


def test_document_body_is_the_reference_one() -> None:
    """The cached per-value terms give exactly the body computed from the shared,
    uncached functions (``matching.value_forms`` and ``matching.index_terms``), and
    the typo-dictionary entries are every term's deletions."""
    import orjson

    from ipreg.search import typos
    from ipreg.search.opensearch import bodies

    gen = _load_generator().Generator(seed=11)
    docs = [gen.document(i) for i in range(1, 1501)] + _relevance_documents()[0]
    docs += docs[:200]  # again: from the cache
    for d in docs:
        body = orjson.loads(orjson.dumps(bodies.document_body(d)))
        assert body == orjson.loads(orjson.dumps(bodies._document_body(d)))
        for term in bodies.typo_terms(body):
            depth = 2 if len(term) >= typos.MIN_TWO_DELETIONS else 1
            expected = sorted(typos.fuzzy_variants(term, depth))
            assert orjson.loads(bodies.skeleton_source(term))["fz"] == expected


def test_prefix_probes_stay_below_lucenes_clause_limit() -> None:
    """A query of many forms has many prefix words; each prefix clause rewrites to up
    to ``MAX_PREFIX_EXPANSIONS`` term clauses, and one probe of more than 1,024
    clauses failed on the shard (``too_many_clauses``) while the response still said
    ``valid``: the OpenSearch backend then expanded no prefix at all."""
    from ipreg.search import matching
    from ipreg.search.opensearch import queries

    assert queries.PREFIX_CLAUSES_PER_PROBE * matching.MAX_PREFIX_EXPANSIONS < 1024
    plan = matching.plan_query("Пиё")  # six prefix words: 24 prefix clauses
    probes = queries.prefix_probes(plan)
    clauses = [c for probe in probes for c in probe["query"]["bool"]["should"]]
    assert len(probes) > 1
    assert len(clauses) == 4 * sum(1 for qw in plan.words.values() if qw.prefix)
    assert all(
        len(probe["query"]["bool"]["should"]) <= queries.PREFIX_CLAUSES_PER_PROBE
        for probe in probes
    )


def test_typo_variants_follow_the_embedded_rule() -> None:
    """Both backends look up the same deletions of a query word (one function,
    ``ipreg.search.typos.query_variants``): two-letter deletions shorter than
    ``MIN_TWO_DELETION_VARIANT`` letters are left out (``jae`` is two edits from
    ``jere`` but met only through ``je``)."""
    from ipreg.search import matching, typos

    plan = matching.plan_query("Джере")
    variants = typos.query_variants(plan)["dzhierie"]  # skeleton "jere", two edits
    assert {"jre", "jee", "jer", "jere"} <= variants
    assert "je" not in variants and all(len(v) >= 3 for v in variants)


@pytest.mark.parametrize("ranked_candidates_max", [None, 40])
async def test_query_forms_give_the_same_results_as_the_embedded_backend(
    tmp_path: Path, ranked_candidates_max: int | None
) -> None:
    """A plugin field's query forms (``SearchQuery.field_forms``) on both backends: the
    same matching set, order, matches and facets, for anonymous callers (public field
    only, published objects only) and officials, with a filter, when more objects
    match than are handed to the scorer (bucket order)."""
    from ipreg.search.embedded import EmbeddedBackend

    public = frozenset({"name", "registerNumber", "holders", "site", "parent"})
    docs = [
        replace(
            doc(i, f"Магазин {i}", jurisdiction="eaeu" if i % 3 else "other",
                published=bool(i % 7), public=public - ({"site"} if i % 5 == 0 else set())),
            extra={"site": (f"s{i % 50}.example.test", f"www.s{i % 50}.example.test"),
                   "parent": ("example.test",)},
        )
        for i in range(1, 201)
    ]
    embedded = EmbeddedBackend(tmp_path / "forms.db")
    opensearch = new_backend(ranked_candidates_max=ranked_candidates_max)
    forms = (("parent", ("example.test",)), ("site", ("s7.example.test",)))
    queries = [
        SearchQuery("https://www.s7.example.test:8443/a?b=1", field_forms=forms),
        SearchQuery("https://www.s7.example.test/", field_forms=forms[1:]),
        SearchQuery("s10.example.test", field_forms=(("site", ("s10.example.test",)),)),
        SearchQuery("https://x.test/", field_forms=forms, official_in=frozenset({"other"})),
        SearchQuery("магазин", field_forms=forms, official_everywhere=True, first=30,
                    offset=50),
        SearchQuery("https://www.s7.example.test/", field_forms=forms,
                    filter=SearchFilter(jurisdictions=("other",))),
        SearchQuery("https://nowhere.test/", field_forms=(("site", ("nowhere.test",)),)),
    ]
    try:
        for b in (embedded, opensearch):
            await b.prepare()
            await b.upsert(docs)
        for query in queries:
            want = await embedded.search(query)
            got = await opensearch.search(query)
            assert _same(want, got), (query, want, got)
        anonymous = await embedded.search(queries[1])
        # s7 objects: 7, 57, 107, 157; 7 is unpublished, none has the field private.
        assert ids(anonymous) == [57, 107, 157]
        assert {m.matched_as for h in anonymous.hits for m in h.matches} >= {"queryForm"}
        assert (await embedded.search(queries[-1])).total == 0
    finally:
        await embedded.close()
        with contextlib.suppress(Exception):
            await opensearch.drop()
        await opensearch.close()
