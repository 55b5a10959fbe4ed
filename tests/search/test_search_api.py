"""``search`` over GraphQL: the contract other teams rely on (issue #6, "API")."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType
from support import sample_object

from ipreg.core.auth.principal import ANONYMOUS, Grant, Principal
from ipreg.core.config import Settings
from ipreg.core.runtime import Runtime
from ipreg.core.services.inputs import parse_object
from ipreg.core.services.objects import PartyCache, create_object
from ipreg.schema.context import Context
from ipreg.schema.reader import Reader
from ipreg.search.embedded import EmbeddedBackend
from ipreg.search.service import SearchService
from ipreg.testing import SchemaRunner

EAEU_OFFICIAL = Principal(kind="user", subject="officer", grants=frozenset({Grant("official",
                                                                                   "eaeu")}))

SEARCH = """
query ($text: String!, $filter: SearchFilter, $first: Int, $after: String, $last: Int,
       $before: String) {
  search(text: $text, filter: $filter, first: $first, after: $after, last: $last,
         before: $before) {
    totalCount
    totalCountIsLowerBound
    facets { jurisdiction { value count } kind { value count } status { value count } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor score highlights
      matchedAs { field matchedAs form distance }
      node { id name kind jurisdiction registerNumber keywords }
    }
  }
}
"""


@pytest.fixture
async def api(database_url: str, tmp_path: Any) -> AsyncIterator[Any]:
    runtime = Runtime.create(Settings.from_env(database_url=database_url, plugins=None))
    service = SearchService(runtime, EmbeddedBackend(tmp_path / "search.db"))
    runtime.extras["search"] = service
    runner = SchemaRunner(runtime)

    async def run(query: str, viewer: Principal = ANONYMOUS, **variables: Any) -> dict[str, Any]:
        return await runner.data(query, variables, viewer)

    run.runtime = runtime  # type: ignore[attr-defined]
    run.service = service  # type: ignore[attr-defined]
    run.schema = runner.schema  # type: ignore[attr-defined]
    try:
        yield run
    finally:
        await service.close()
        await service.backend.close()
        await runtime.close()


async def _add(runtime: Runtime, *objects: dict[str, Any]) -> list[int]:
    async with runtime.sessionmaker() as session:
        parties = PartyCache(session)
        made = [await create_object(session, parse_object(o), parties) for o in objects]
        await session.commit()
        return [o.id for o in made]


async def test_search_finds_explains_and_counts(api: Any) -> None:
    await _add(
        api.runtime,
        sample_object(1, name="Полтавська галушка", jurisdiction="ukraine", keywords=["галушка"]),
        sample_object(2, name="Галушка Полтавська"),
        sample_object(3, name="Something Else"),
    )
    await api.service.sync()
    data = (await api(SEARCH, text="Poltavska halushka"))["search"]
    assert data["totalCount"] == 2
    assert data["totalCountIsLowerBound"] is False
    top = data["edges"][0]
    assert top["node"]["name"] == "Полтавська галушка"
    assert top["node"]["jurisdiction"] == "ukraine"
    assert top["matchedAs"][0] == {
        "field": "name", "matchedAs": "uk-kmu-2010", "form": "poltavska halushka", "distance": 0,
    }
    assert top["highlights"][0] == "<em>Полтавська галушка</em>"
    assert data["edges"][0]["score"] > data["edges"][1]["score"]
    assert {f["value"]: f["count"] for f in data["facets"]["jurisdiction"]} == {
        "ukraine": 1, "eaeu": 1,
    }
    assert data["facets"]["kind"] == [{"value": "trademark", "count": 2}]
    filtered = (await api(SEARCH, text="halushka", filter={"jurisdictions": ["eaeu"]}))["search"]
    assert [e["node"]["name"] for e in filtered["edges"]] == ["Галушка Полтавська"]
    by_number = (
        await api(
            SEARCH,
            text="halushka",
            filter={"fields": [{"field": "registerNumber", "values": ["00001 TZ 0001"]}]},
        )
    )["search"]
    assert [e["node"]["registerNumber"] for e in by_number["edges"]] == ["00001/TZ/0001"]


async def test_pages_with_cursors(api: Any) -> None:
    await _add(api.runtime, *(sample_object(i, name=f"Pagemark {i}") for i in range(7)))
    await api.service.sync()
    seen: list[str] = []
    after = None
    while True:
        data = (await api(SEARCH, text="pagemark", first=3, after=after))["search"]
        assert data["totalCount"] == 7
        seen.extend(e["node"]["name"] for e in data["edges"])
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(f"Pagemark {i}" for i in range(7))
    assert len(seen) == 7
    # backward from the last hit: the same hits in reverse order
    back: list[str] = []
    before = None
    while True:
        data = (await api(SEARCH, text="pagemark", last=3, before=before))["search"]
        back = [e["node"]["name"] for e in data["edges"]] + back
        assert data["pageInfo"]["hasNextPage"] is (before is not None)
        if not data["pageInfo"]["hasPreviousPage"]:
            break
        before = data["pageInfo"]["startCursor"]
    assert back == seen


async def test_anonymous_callers_do_not_find_through_keywords_or_unpublished(api: Any) -> None:
    keyworded, hidden = await _add(
        api.runtime,
        sample_object(1, name="Visible Mark", keywords=["Cormorant"]),
        sample_object(2, name="Cormorant Hidden", published=False),
    )
    await api.service.sync()
    anonymous = (await api(SEARCH, text="cormorant"))["search"]
    assert anonymous["totalCount"] == 0
    assert anonymous["edges"] == []
    official = (await api(SEARCH, viewer=EAEU_OFFICIAL, text="cormorant"))["search"]
    assert official["totalCount"] == 2
    fields = {int(e["node"]["id"] and _node_id(e)): e["matchedAs"][0]["field"]
              for e in official["edges"]}
    assert fields == {keyworded: "keywords", hidden: "name"}
    other = Principal(kind="user", subject="x", grants=frozenset({Grant("official", "ukraine")}))
    assert (await api(SEARCH, viewer=other, text="cormorant"))["search"]["totalCount"] == 0


def _node_id(edge: dict[str, Any]) -> int:
    from strawberry.relay import GlobalID

    return int(GlobalID.from_id(edge["node"]["id"]).node_id)


async def test_bad_arguments(api: Any) -> None:
    reader = Reader(api.runtime.engine)
    try:
        for variables in ({"text": "x", "first": 101}, {"text": "x", "after": "bm90YWN1cnNvcg=="}):
            result = await api.schema.execute(
                SEARCH,
                variable_values=variables,
                context_value=Context(runtime=api.runtime, reader=reader),
            )
            assert result.errors, variables
    finally:
        await reader.close()


async def test_every_search_type_and_field_is_described(api: Any) -> None:
    schema = api.schema._schema
    missing = []
    names = ("Search", "SearchFilter", "SearchConnection", "SearchEdge", "SearchMatch",
             "SearchFacets", "SearchFacetCount")
    for name in names:
        if name == "Search":
            field = schema.query_type.fields["search"]
            assert field.description
            missing.extend(f"search({a})" for a, arg in field.args.items() if not arg.description)
            continue
        gtype = schema.type_map[name]
        if not gtype.description:
            missing.append(name)
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            missing.extend(f"{name}.{f}" for f, d in gtype.fields.items() if not d.description)
    assert missing == []
    sdl = api.schema.as_str()
    signature = (
        "search(", "text: String!", "filter: SearchFilter = null", "first: Int = null",
        "after: String = null", "): SearchConnection!",
    )
    start = sdl.index("  search(\n")
    block = sdl[start : sdl.index("SearchConnection!", start) + len("SearchConnection!")]
    assert all(part in block for part in signature), block


async def test_health_reports_search(runtime: Runtime, client: Any, search_path: Any) -> None:
    service = SearchService.of(runtime)  # what the server's start-up does
    try:
        assert runtime.extras["search_health"] == service.health
        response = await client.http.get("/health")
        assert response.status_code == 200
        assert response.json()["checks"]["search"] == "ok"

        async def down() -> None:
            raise ConnectionError("no search")

        runtime.extras["search_health"] = down
        response = await client.http.get("/health")
        assert response.status_code == 503
        assert response.json()["checks"]["search"] == "down: ConnectionError"
    finally:
        await service.close()


async def test_officials_reading_non_public_matches_are_audited(api: Any) -> None:
    if not hasattr(Context, "__dataclass_fields__") or (
        "unpublished_reads" not in Context.__dataclass_fields__
    ):
        pytest.skip("the audit of unpublished reads is not in this tree")
    keyworded, plain = await _add(
        api.runtime,
        sample_object(1, name="Visible Mark", keywords=["Albatross"]),
        sample_object(2, name="Albatross"),
    )
    await api.service.sync()
    reader = Reader(api.runtime.engine)
    context = Context(runtime=api.runtime, reader=reader, viewer=EAEU_OFFICIAL)
    try:
        result = await api.schema.execute(
            SEARCH, variable_values={"text": "albatross"}, context_value=context
        )
    finally:
        await reader.close()
    assert result.errors is None
    assert result.data["search"]["totalCount"] == 2
    assert ("ip_object", keyworded) in context.unpublished_reads
    assert ("ip_object", plain) not in context.unpublished_reads
