"""Anonymous reads are answered from a cache until the change feed moves on."""

from __future__ import annotations

from typing import Any

from ipreg.core.runtime import Runtime

LIST = "{ ipObjects(first: 100) { totalCount edges { node { name } } } }"


def cache_of(client: Any) -> Any:
    return client.http._transport.app.state.response_cache


async def test_a_repeated_anonymous_query_is_answered_from_the_cache(
        client: Any, add_objects: Any) -> None:
    await add_objects(2)
    first = await client.data(LIST)
    hits = cache_of(client).hits
    assert await client.data(LIST) == first
    assert cache_of(client).hits == hits + 1


async def test_a_committed_change_makes_every_cached_answer_stale(
        client: Any, add_objects: Any) -> None:
    await add_objects(2)
    assert (await client.data(LIST))["ipObjects"]["totalCount"] == 2
    await add_objects(1)
    assert (await client.data(LIST))["ipObjects"]["totalCount"] == 3


async def test_answers_differ_by_language_and_are_kept_apart(client: Any) -> None:
    query = '{ codeList(id: "countries") { name } }'
    uk = await client.data(query, headers={"Accept-Language": "uk"})
    ru = await client.data(query, headers={"Accept-Language": "ru"})
    assert (uk["codeList"]["name"], ru["codeList"]["name"]) == ("Країни", "Страны")
    assert (await client.data(query, headers={"Accept-Language": "uk"})) == uk


async def test_callers_with_credentials_and_mutations_are_never_cached(
        client: Any, runtime: Runtime) -> None:
    cache = cache_of(client)
    before = (cache.hits, cache.misses)
    await client.query("{ cases { totalCount } }")  # not a cacheable root field
    result = await client.query(LIST, headers={"Authorization": "Bearer nonsense"})
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (cache.hits, cache.misses) == before
