"""The backend contract (``ipreg.search.backend``), on every backend.

Writes go forwards only (by version), callers see only what they may, totals
and facets count the whole matching set, pages follow the shared ranking, and
a rebuild switches atomically.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from typing import Any

from ipreg.search.backend import IndexDocument, SearchBackend, SearchFilter, SearchQuery
from ipreg.search.documents import build_document


def doc(object_id: int, name: str, version: int = 1, **fields: Any) -> IndexDocument:
    data: dict[str, Any] = {
        "id": object_id,
        "version": version,
        "jurisdiction": "eaeu",
        "kind": "trademark",
        "status": "included",
        "name": name,
        "registerNumber": f"{object_id:05d}/TZ/0001",
        "holders": [{"name": "Acme Holding LLC", "country": "US"}],
    }
    data.update(fields)
    return build_document(data)


def ids(result: Any) -> list[int]:
    return [hit.object_id for hit in result.hits]


ANONYMOUS = {}
EAEU_OFFICIAL = {"official_in": frozenset({"eaeu"})}
UKRAINE_OFFICIAL = {"official_in": frozenset({"ukraine"})}
SYSTEM = {"official_everywhere": True}


async def search(backend: SearchBackend, text: str, **kw: Any) -> Any:
    return await backend.search(SearchQuery(text, **kw))


async def test_finds_by_name_and_explains(search_backend: SearchBackend) -> None:
    await search_backend.upsert([doc(1, "Coca-Cola"), doc(2, "Pepsi")])
    for text in ("Coca-Cola", "coca cola", "COCACOLA", "“Coca Cola”", "coca-col"):
        result = await search(search_backend, text)
        assert ids(result) == [1], text
        assert result.total == 1
    exact = (await search(search_backend, "Coca-Cola")).hits[0]
    assert exact.matches[0].field == "name"
    assert exact.matches[0].matched_as == "exact"
    assert exact.highlights == ("<em>Coca-Cola</em>",)
    folded = (await search(search_backend, "COCACOLA")).hits[0]
    assert folded.matches[0].matched_as == "folded"
    prefix = (await search(search_backend, "coca-col")).hits[0]
    assert prefix.matches[0].matched_as == "prefix"


async def test_cross_script_both_ways(search_backend: SearchBackend) -> None:
    await search_backend.upsert(
        [doc(1, "Юрій Черкаський"), doc(2, "SNICKERS"), doc(3, "Ұлытау"), doc(4, "Երևան")]
    )
    expectations = {
        "Yurii Cherkaskyi": (1, "uk-kmu-2010"),
        "Сникерс": (2, "reading"),
        "Ulytau": (3, "kk-latin-2021"),
        "Yerevan": (4, "hy-bgn-pcgn-1981"),
    }
    for text, (expected, label) in expectations.items():
        hit = (await search(search_backend, text)).hits[0]
        assert hit.object_id == expected, text
        assert hit.matches[0].matched_as == label, text


async def test_typos_and_phonetic_variants(search_backend: SearchBackend) -> None:
    await search_backend.upsert([doc(1, "SNICKERS"), doc(2, "Бабаевский"), doc(3, "Twix")])
    fuzzy = (await search(search_backend, "snickres")).hits[0]
    assert (fuzzy.object_id, fuzzy.matches[0].matched_as, fuzzy.matches[0].distance) == (
        1, "fuzzy", 1,
    )
    two = (await search(search_backend, "snackres")).hits[0]
    assert (two.object_id, two.matches[0].matched_as, two.matches[0].distance) == (1, "fuzzy", 2)
    phonetic = (await search(search_backend, "Babayevsky")).hits[0]
    assert (phonetic.object_id, phonetic.matches[0].matched_as) == (2, "phonetic")
    # Short words get no typo tolerance: "Twox" is not "Twix".
    assert ids(await search(search_backend, "Twox")) == []


async def test_mixed_script_homoglyphs(search_backend: SearchBackend) -> None:
    await search_backend.upsert([doc(1, "COCA-COLA"), doc(2, "МОЛОКО")])
    # Cyrillic С and О inside a Latin word, and the other way round.
    assert ids(await search(search_backend, "СOCA-CОLA")) == [1]
    assert ids(await search(search_backend, "MОЛOKО")) == [2]


async def test_register_numbers_and_keyword_transliterations(
    search_backend: SearchBackend,
) -> None:
    await search_backend.upsert(
        [
            doc(
                1,
                "Золотой колос",
                keywords=["колос"],
                keywordTransliterations=["kolos"],
                registerNumber="10577/TZ/2024",
            )
        ]
    )
    assert ids(await search(search_backend, "10577/TZ/2024")) == [1]
    assert ids(await search(search_backend, "10577 tz 2024")) == [1]
    assert (await search(search_backend, "kolos", **EAEU_OFFICIAL)).hits[0].object_id == 1


async def test_anonymous_callers_never_match_unpublished_fields(
    search_backend: SearchBackend,
) -> None:
    await search_backend.upsert(
        [doc(1, "Alpha", keywords=["zebrafish"]), doc(2, "Beta", jurisdiction="ukraine",
                                                      keywords=["zebrafish"])]
    )
    assert ids(await search(search_backend, "zebrafish")) == []
    assert (await search(search_backend, "zebrafish")).total == 0
    assert ids(await search(search_backend, "zebrafish", **EAEU_OFFICIAL)) == [1]
    assert ids(await search(search_backend, "zebrafish", **UKRAINE_OFFICIAL)) == [2]
    assert ids(await search(search_backend, "zebrafish", **SYSTEM)) == [1, 2]
    hit = (await search(search_backend, "zebrafish", **EAEU_OFFICIAL)).hits[0]
    assert hit.matches[0].field == "keywords"


async def test_unpublished_objects_only_for_officials_of_their_jurisdiction(
    search_backend: SearchBackend,
) -> None:
    await search_backend.upsert(
        [doc(1, "Secretmark", published=False), doc(2, "Secretmark Two")]
    )
    anonymous = await search(search_backend, "secretmark")
    assert (ids(anonymous), anonymous.total) == ([2], 1)
    assert anonymous.facets["jurisdiction"] == {"eaeu": 1}
    assert ids(await search(search_backend, "secretmark", **UKRAINE_OFFICIAL)) == [2]
    official = await search(search_backend, "secretmark", **EAEU_OFFICIAL)
    assert (ids(official), official.total) == ([1, 2], 2)


async def test_versions_only_go_forwards(search_backend: SearchBackend) -> None:
    await search_backend.upsert([doc(1, "Newname", version=3)])
    await search_backend.upsert([doc(1, "Oldname", version=2)])
    assert await search_backend.stored_versions([1]) == {1: 3}
    assert ids(await search(search_backend, "oldname")) == []
    assert ids(await search(search_backend, "newname")) == [1]
    await search_backend.upsert([doc(1, "Newname", version=3)])  # replay: harmless
    await search_backend.upsert([doc(1, "Renamed", version=4)])
    assert ids(await search(search_backend, "newname")) == []
    assert ids(await search(search_backend, "renamed")) == [1]
    # A deletion older than the stored version is ignored, a newer one applies
    # and leaves a tombstone that older writes cannot pass.
    await search_backend.delete({1: 3})
    assert await search_backend.stored_versions([1]) == {1: 4}
    await search_backend.delete({1: 5})
    assert await search_backend.stored_versions([1]) == {}
    assert ids(await search(search_backend, "renamed")) == []
    await search_backend.upsert([doc(1, "Renamed", version=4)])
    assert await search_backend.stored_versions([1]) == {}
    await search_backend.upsert([doc(1, "Reborn", version=6)])
    assert ids(await search(search_backend, "reborn")) == [1]


async def test_filters_totals_and_facets(search_backend: SearchBackend) -> None:
    docs = [
        doc(i, f"Golden {word}", jurisdiction=j, kind=k, status=s)
        for i, (word, j, k, s) in enumerate(
            [
                ("Apple", "eaeu", "trademark", "included"),
                ("Bear", "eaeu", "trademark", "excluded"),
                ("Cherry", "ukraine", "trademark", "included"),
                ("Dune", "ukraine", "geographical_indication", "included"),
                ("Eagle", "eaeu", "website", "included"),
            ],
            1,
        )
    ]
    await search_backend.upsert(docs)
    everything = await search(search_backend, "golden")
    assert everything.total == 5
    assert everything.facets["jurisdiction"] == {"eaeu": 3, "ukraine": 2}
    assert everything.facets["kind"] == {"trademark": 3, "geographical_indication": 1,
                                         "website": 1}
    assert everything.facets["status"] == {"included": 4, "excluded": 1}
    only = await search(
        search_backend,
        "golden",
        filter=SearchFilter(jurisdictions=("eaeu", "ukraine"), statuses=("included",),
                            kinds=("trademark",)),
    )
    assert (sorted(ids(only)), only.total) == ([1, 3], 2)
    assert only.facets["jurisdiction"] == {"eaeu": 1, "ukraine": 1}
    none = await search(search_backend, "golden", filter=SearchFilter(kinds=("nothing",)))
    assert (none.total, none.hits) == (0, ())


async def test_withheld_facets_neither_filter_nor_count(search_backend: SearchBackend) -> None:
    """``SearchQuery.withheld``: a register whose rule withholds the status from the
    caller (EAEU, R174 A1 T1 8.1) has its objects matched by no status filter and
    counted by no status facet; ``total`` and the other facets still count them. The
    same whether the facets are counted over the candidates (few hits) or the whole
    matching set (more than ``CANDIDATES``)."""
    few = [("eaeu", "prolonged"), ("eaeu", "included"), ("ukraine", "included")]
    many = [("eaeu", "prolonged")] * 70 + [("ukraine", "included")] * 5
    docs = [doc(i, f"Golden {i}", jurisdiction=j, status=s) for i, (j, s) in enumerate(few, 1)]
    docs += [doc(i, f"Silver {i}", jurisdiction=j, status=s)
             for i, (j, s) in enumerate(many, 100)]
    await search_backend.upsert(docs)
    hidden = {"withheld": {"status": frozenset({"eaeu"})}}
    for text, total, by_register, statuses in (
        ("golden", 3, {"eaeu": 2, "ukraine": 1}, {"included": 1}),
        ("silver", 75, {"eaeu": 70, "ukraine": 5}, {"included": 5}),
    ):
        result = await search(search_backend, text, **hidden)
        assert result.total == total
        assert result.facets["jurisdiction"] == by_register
        assert result.facets["status"] == statuses
        assert (await search(search_backend, text)).facets["status"].get("prolonged")
        for status in ("prolonged", "included"):
            found = await search(search_backend, text, first=100, **hidden,
                                 filter=SearchFilter(statuses=(status,)))
            assert found.total == statuses.get(status, 0), (text, status)
            assert found.facets["jurisdiction"] == ({"ukraine": found.total}
                                                    if found.total else {})


async def test_pages_follow_the_ranking(search_backend: SearchBackend) -> None:
    await search_backend.upsert(
        [doc(i, f"Nordlicht {i}" if i % 2 else "Nordlicht") for i in range(1, 26)]
    )
    first = await search(search_backend, "nordlicht", first=10)
    second = await search(search_backend, "nordlicht", first=10, offset=10)
    third = await search(search_backend, "nordlicht", first=10, offset=20)
    every = ids(first) + ids(second) + ids(third)
    assert first.total == 25
    assert sorted(every) == list(range(1, 26))
    # Whole-name matches first (even ids), each group by ascending id.
    assert every[:12] == list(range(2, 26, 2))
    scores = [h.score for r in (first, second, third) for h in r.hits]
    assert scores == sorted(scores, reverse=True)


async def test_a_very_common_word_is_counted_exactly(search_backend: SearchBackend) -> None:
    batch = [
        doc(i, f"Zx{i:04d}", holders=[{"name": "ООО Ромашка" if i % 3 else "ТОВ Калина",
                                       "country": "RU"}])
        for i in range(1, 1201)
    ]
    await search_backend.upsert(batch)
    result = await search(search_backend, "ООО", first=5)
    assert result.total == 800
    assert len(result.hits) == 5
    assert result.facets["jurisdiction"] == {"eaeu": 800}
    assert result.hits[0].matches[0].field == "holders"


async def test_rebuild_switches_atomically(search_backend: SearchBackend) -> None:
    await search_backend.upsert([doc(1, "Oldindex")])

    async def batches() -> AsyncIterator[Sequence[IndexDocument]]:
        yield [doc(2, "Newindex"), doc(3, "Newindex Two")]
        # Searches keep answering from the old index while the new one is built.
        assert ids(await search(search_backend, "oldindex")) == [1]
        yield [doc(4, "Newindex Three")]

    assert await search_backend.rebuild(batches()) == 3
    assert ids(await search(search_backend, "oldindex")) == []
    assert ids(await search(search_backend, "newindex")) == [2, 3, 4]
    assert await search_backend.stored_versions([1, 2, 3, 4]) == {2: 1, 3: 1, 4: 1}
    await search_backend.upsert([doc(5, "Newindex Five")])
    assert 5 in ids(await search(search_backend, "newindex"))


async def test_blank_and_odd_queries(search_backend: SearchBackend) -> None:
    await search_backend.upsert([doc(1, "Alpha")])
    for text in ("", "   ", "!!!", "'\""):
        result = await search(search_backend, text)
        assert (result.total, result.hits) == (0, ())
    long = "alpha " * 500
    assert ids(await search(search_backend, long)) == [1]


async def test_plugin_fields_respect_their_public_flag(search_backend: SearchBackend) -> None:
    private = replace(
        doc(1, "Alpha"), extra={"customsNote": ("Lighthouse",)}
    )
    public = replace(
        doc(2, "Beta"),
        extra={"tradeName": ("Harbour",)},
        public_fields=frozenset({"name", "registerNumber", "holders", "tradeName"}),
    )
    await search_backend.upsert([private, public])
    assert ids(await search(search_backend, "lighthouse")) == []
    assert ids(await search(search_backend, "lighthouse", **EAEU_OFFICIAL)) == [1]
    assert ids(await search(search_backend, "harbour")) == [2]
    assert (await search(search_backend, "harbour")).hits[0].matches[0].field == "tradeName"


async def test_health(search_backend: SearchBackend) -> None:
    await search_backend.health()


async def test_an_index_of_another_layout_is_refused_until_rebuilt(tmp_path: Any) -> None:
    import sqlite3

    import pytest

    from ipreg.search.embedded import EmbeddedBackend

    path = tmp_path / "old.db"
    backend = EmbeddedBackend(path)
    await backend.upsert([doc(1, "Layout")])
    await backend.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    backend = EmbeddedBackend(path)
    try:
        with pytest.raises(RuntimeError, match="reindex"):
            await backend.search(SearchQuery("layout"))

        async def batches() -> AsyncIterator[Sequence[IndexDocument]]:
            yield [doc(2, "Layout Two")]

        assert await backend.rebuild(batches()) == 1
        assert ids(await search(backend, "layout")) == [2]
    finally:
        await backend.close()


async def test_filters_on_fields(search_backend: SearchBackend) -> None:
    public = frozenset({"name", "registerNumber", "holders", "city"})
    await search_backend.upsert(
        [
            replace(doc(1, "Golden Cup"), extra={"city": ("Київ",), "note": ("alpha",)},
                    public_fields=public),
            replace(doc(2, "Golden Bowl"), extra={"city": ("Lviv",), "note": ("beta",)},
                    public_fields=public),
            replace(doc(3, "Golden Plate"), extra={"city": ("Kyiv Oblast",)},
                    public_fields=public),
        ]
    )

    def by(**fields: tuple[str, ...]) -> SearchFilter:
        return SearchFilter(fields=tuple(fields.items()))

    assert ids(await search(search_backend, "golden", filter=by(city=("Kyiv",)))) == [1]
    assert ids(await search(search_backend, "golden", filter=by(city=("kyiv oblast", "LVIV")))) \
        == [2, 3]
    # A field the caller may not see filters everything out.
    assert ids(await search(search_backend, "golden", filter=by(note=("alpha",)))) == []
    assert ids(await search(search_backend, "golden", filter=by(note=("alpha",)),
                            **EAEU_OFFICIAL)) == [1]
    both = await search(search_backend, "golden", filter=by(city=("Kyiv",), note=("beta",)),
                        **SYSTEM)
    assert (both.total, both.hits) == (0, ())
    assert ids(await search(search_backend, "golden", filter=by(nothing=("x",)))) == []
