"""Depth, alias and cost limits, measured in time linear in the document (issue 12 §2).

strawberry's ``QueryDepthLimiter`` and ``MaxAliasesLimiter`` expanded every
fragment spread again: 21 fragments each spreading the next twice (under 900
bytes) took 7-8 s to validate, doubling with each level, with the event loop
blocked. ``ipreg.schema.limits`` measures each fragment once.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
import strawberry
from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
    get_introspection_query,
    parse,
    specified_rules,
    validate,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from ipreg.core.config import Settings
from ipreg.core.plugins import Registry, make_plugin_manager
from ipreg.schema import limits
from ipreg.schema.build import build_schema as build_ipreg_schema
from ipreg.schema.execution import OperationRunner
from ipreg.schema.http import GraphQLEndpoint
from ipreg.schema.limits import (
    QUERY_TOO_COSTLY,
    QUERY_TOO_DEEP,
    TOO_MANY_ALIASES,
    QueryLimits,
    check_limits,
    measure,
)

# ---------------------------------------------------------------- documents


def doubling(levels: int, leaf: str = "__typename") -> str:
    """``query { ...F0 }``, each fragment spreading the next twice: ``leaf`` 2^levels times."""
    parts = ["query { ...F0 }"]
    parts += [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    parts.append(f"fragment F{levels} on Query {{ {leaf} }}")
    return " ".join(parts)


def chain(depth: int, through_fragments: bool = False) -> str:
    """``{ item { child { ... { name } } } }``, ``depth`` deep (strawberry's measure)."""
    if not through_fragments:
        return "{ item " + "{ child " * (depth - 1) + "{ name }" + " }" * depth
    # Each level in a fragment of its own: { item { ...L1 } }, L1 { child { ...L2 } }...
    parts = ["{ item { ...L1 } }" if depth > 1 else "{ item { name } }"]
    for level in range(1, depth):
        inner = f"...L{level + 1}" if level + 1 < depth else "name"
        parts.append(f"fragment L{level} on Item {{ child {{ {inner} }} }}")
    return " ".join(parts)


SDL = """
type Query {
  item: Item
  items(first: Int, last: Int, after: String): ItemPage!
  changes(first: Int = 100): ItemPage!
  nodes(ids: [ID!]!): [Item]!
  tags: [String!]!
  either: Either
}
type Item { name: String child: Item children: [Item!]! }
type Other { name: String }
union Either = Item | Other
type ItemPage { edges: [Item!]! total: Int }
"""

SMALL = build_schema(SDL)
LIMITS = QueryLimits(max_depth=12, max_aliases=30, max_cost=50_000, default_page_size=20,
                     max_page_size=100)


def refusals(document: str, schema: GraphQLSchema = SMALL,
             limits: QueryLimits = LIMITS) -> list[str]:
    return [e.extensions["code"] for e in check_limits(schema, parse(document), limits)]


# ---------------------------------------------------------------- issue 12 §2: the report


@pytest.fixture(scope="module")
def ipreg_schema() -> strawberry.Schema:
    return build_ipreg_schema(Registry.build(make_plugin_manager(None)), Settings())


def test_the_2_21_fragments_document_is_refused_in_under_50_ms(
        ipreg_schema: strawberry.Schema) -> None:
    """Issue 12 §2: this document took 7.2 s (8.0 s here) in strawberry's limiters; it
    expands to 2^21 ``__typename`` fields, which the cost limit refuses."""
    document = doubling(21)
    assert len(document) < 900
    runner = OperationRunner(ipreg_schema, Settings())
    started = time.perf_counter()
    checked = runner.check(document)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.05, f"{elapsed * 1000:.1f} ms"
    assert [e.extensions["code"] for e in checked.errors] == [QUERY_TOO_COSTLY]
    assert "2097152" in checked.errors[0].message
    assert "IPREG_MAX_QUERY_COST" in checked.errors[0].message


@pytest.mark.parametrize("levels", [30, 62, 63, 150])
def test_doubling_saturates(ipreg_schema: strawberry.Schema, levels: int) -> None:
    """However many levels (2^150 fields), the counts saturate instead of growing."""
    checked = OperationRunner(ipreg_schema, Settings()).check(doubling(levels, "x: __typename"))
    assert [e.extensions["code"] for e in checked.errors] == [TOO_MANY_ALIASES, QUERY_TOO_COSTLY]


def test_each_selection_set_is_measured_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear, not timed: 150 fragments and the operation, whatever they expand to."""
    measured = 0
    original = limits._Measurer._selection_set

    def counting(self: Any, *args: Any) -> Any:
        nonlocal measured
        measured += 1
        return original(self, *args)

    monkeypatch.setattr(limits._Measurer, "_selection_set", counting)
    assert measure(SMALL, parse(doubling(150)), LIMITS)[0][1].cost == limits.SATURATED
    assert measured == 151 + 1


def test_graphql_cores_own_rules_accept_the_document(ipreg_schema: strawberry.Schema) -> None:
    """The issue measured 3 ms for graphql-core's rules (they collect each fragment
    once): the cost limit is what refuses this document."""
    assert validate(ipreg_schema._schema, parse(doubling(21)), specified_rules) == []


async def test_over_http_the_refusal_is_a_coded_graphql_error_and_nothing_runs(
        ipreg_schema: strawberry.Schema) -> None:
    made: list[Request] = []

    async def make(request: Request) -> object:
        made.append(request)
        return object()

    async def close(context: Any) -> None:
        return None

    endpoint = GraphQLEndpoint(ipreg_schema, make, close,
                               runner=OperationRunner(ipreg_schema, Settings()))

    async def graphql(request: Request) -> Response:
        return await endpoint(request)

    app = Starlette(routes=[Route("/graphql", graphql, methods=["GET", "POST"])])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://testserver") as http:
        response = await http.post("/graphql", json={"query": doubling(21)},
                                   headers={"accept": "application/graphql-response+json"})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert [e["extensions"]["code"] for e in body["errors"]] == [QUERY_TOO_COSTLY]
    assert made == []


# ---------------------------------------------------------------- depth


@pytest.mark.parametrize("through_fragments", [False, True])
def test_depth_is_strawberrys_measure_and_counts_through_fragments(
        through_fragments: bool) -> None:
    assert measure(SMALL, parse(chain(2, through_fragments)), LIMITS)[0][1].depth == 2
    assert refusals(chain(12, through_fragments)) == []
    assert refusals(chain(13, through_fragments)) == [QUERY_TOO_DEEP]


def test_depth_counts_the_deepest_of_repeated_and_inline_fragments() -> None:
    deep = "fragment D on Item { child { child { name } } }"
    assert measure(SMALL, parse("{ item { ...D ...D ... on Item { name } } } " + deep),
                   LIMITS)[0][1].depth == 3
    assert measure(SMALL, parse("{ either { ... on Item { ...D } } } " + deep),
                   LIMITS)[0][1].depth == 3


def test_introspection_depth_is_limited_too() -> None:
    """strawberry's QueryDepthLimiter skipped ``__schema``/``__type``; not any more."""
    deep = '{ __type(name: "Item") ' + "{ fields { type " * 6 + "{ name }" + " } }" * 6 + " }"
    assert measure(SMALL, parse(deep), LIMITS)[0][1].depth == 13
    assert refusals(deep) == [QUERY_TOO_DEEP]
    strawberry_rules = QueryDepthLimiter(max_depth=12).validation_rules
    assert validate(SMALL, parse(deep), strawberry_rules) == []  # what it let through


@pytest.mark.parametrize(("name", "document"), [
    ("graphql-core", get_introspection_query()),
    ("graphql-core, every option", get_introspection_query(
        descriptions=True, specified_by_url=True, directive_is_repeatable=True,
        schema_description=True, input_value_deprecation=True)),
    ("graphql-js 16 (GraphiQL 3)", get_introspection_query(type_depth=7)),
])
def test_standard_introspection_is_accepted(ipreg_schema: strawberry.Schema, name: str,
                                            document: str) -> None:
    """``__Type.ofType`` unwraps a type reference and does not deepen: the standard
    queries nest it 7 to 9 times, and a tool must be able to introspect the schema."""
    checked = OperationRunner(ipreg_schema, Settings()).check(document)
    assert checked.errors == []


def test_reading_the_schema_costs_the_same_whatever_its_size() -> None:
    """Each register adds types; a GraphQL tool must still introspect the schema. One
    read's work is bounded by the deployed schema, not by the caller: ``types`` counts
    its selection once (it was multiplied by the number of types: 65,200 with the four
    registers' 381 types, over the limit)."""
    many = build_schema("type Query { t0: T0 }\n" + "\n".join(
        f"type T{i} {{ a: Int b(x: [String!]): [T{(i + 1) % 2000}!]! c: String }}"
        for i in range(2000)))
    document = get_introspection_query(descriptions=True)
    small = measure(SMALL, parse(document), LIMITS)[0][1]
    large = measure(many, parse(document), LIMITS)[0][1]
    assert large.cost == small.cost and large.schema_reads == 1
    assert refusals(document, many) == []


@pytest.mark.parametrize("document", [
    "{ a: __schema { queryType { name } } b: __schema { queryType { name } } }",
    "{ ...S ...S } fragment S on Query { __schema { types { name } } }",
    doubling(3, "__schema { queryType { name } }"),
])
def test_an_operation_reads_the_schema_once(document: str) -> None:
    """What could multiply a read's work is repeating it, through aliases or fragments."""
    assert refusals(document) == [QUERY_TOO_COSTLY]
    assert refusals("{ __schema { queryType { name } } a: __type(name: \"Item\") { name } "
                    "b: __type(name: \"Query\") { name } }") == []


# ---------------------------------------------------------------- aliases


def test_aliases_through_repeated_fragments_are_counted_as_expanded() -> None:
    two = "fragment A on Query { a: item { name } b: tags }"
    assert measure(SMALL, parse("{ ...A ...A } " + two), LIMITS)[0][1].aliases == 4
    # 2^4 = 16 aliased fields, then 2^5 = 32 > 30.
    assert measure(SMALL, parse(doubling(4, "x: __typename")), LIMITS)[0][1].aliases == 16
    assert refusals(doubling(4, "x: __typename")) == []
    assert refusals(doubling(5, "x: __typename")) == [TOO_MANY_ALIASES]


# ---------------------------------------------------------------- cost


@pytest.mark.parametrize(("document", "cost"), [
    ("{ __typename }", 1),
    ("{ item { name child { name } } }", 4),
    ("{ tags }", 1),  # a list of scalars is one field
    ("{ items(first: 10) { edges { name } total } }", 1 + 10 * 3),
    ("{ items(last: 7) { edges { name } } }", 1 + 7 * 2),
    ("{ items { edges { name } } }", 1 + 20 * 2),  # IPREG_DEFAULT_PAGE_SIZE
    ("query($n: Int) { items(first: $n) { edges { name } } }", 1 + 100 * 2),  # the largest
    ("{ changes { edges { name } } }", 1 + 100 * 2),  # the argument's own default
    ('{ nodes(ids: ["a", "b", "c"]) { name } }', 1 + 3),
    ("query($ids: [ID!]!) { nodes(ids: $ids) { name } }", 1 + 100),
    ("{ item { children { name children { name } } } }", 1 + 1 + 1 + 1 + 1),  # owned lists
    ("{ items(first: 10) { edges { children { name } } } }", 1 + 10 * (1 + 2)),
    ("{ a: item { name } b: item { name } }", 4),
    ("{ either { ... on Item { name } ... on Other { name } } }", 3),
])
def test_estimated_cost(document: str, cost: int) -> None:
    assert measure(SMALL, parse(document), LIMITS)[0][1].cost == cost


# ---------------------------------------------------------------- the rule table


@pytest.mark.parametrize(("document", "refused"), [
    ("{ __typename }", []),
    (chain(12), []),
    (chain(13), [QUERY_TOO_DEEP]),
    (chain(13, through_fragments=True), [QUERY_TOO_DEEP]),
    ("{ " + " ".join(f"a{i}: tags" for i in range(30)) + " }", []),
    ("{ " + " ".join(f"a{i}: tags" for i in range(31)) + " }", [TOO_MANY_ALIASES]),
    (doubling(5, "x: __typename"), [TOO_MANY_ALIASES]),
    ("{ items(first: 1000) { edges { name child { name } } } }", []),  # 3,001
    ("{ items(first: 20000) { edges { name child { name } } } }", [QUERY_TOO_COSTLY]),
    # 25 aliased pages of 100 items of 20 fields: 25 * (1 + 100 * 21) = 52,525.
    ("{ " + " ".join(f"p{i}: items(first: 100) {{ edges {{ {' name' * 20} }} }}"
                     for i in range(25)) + " }", [QUERY_TOO_COSTLY]),
    ("{ " + " ".join(f"p{i}: items(first: 100) {{ edges {{ {' name' * 20} }} }}"
                     for i in range(23)) + " }", []),
    (doubling(15), []),  # 32,768 fields
    (doubling(16), [QUERY_TOO_COSTLY]),  # 65,536
    (doubling(21), [QUERY_TOO_COSTLY]),
    ("query A { __typename } query B " + chain(13), [QUERY_TOO_DEEP]),
    # Fragment cycles (refused by graphql-core's NoFragmentCyclesRule) do not loop here.
    ("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }", []),
    ("{ ...A } fragment A on Query { ...A }", []),
    ("{ ...Missing }", []),
    ("{ nope { deeper } }", []),
])
def test_rule_table(document: str, refused: list[str]) -> None:
    assert refusals(document) == refused


@pytest.mark.parametrize("document", [
    chain(12), chain(13), chain(13, through_fragments=True), chain(20, through_fragments=True),
    "{ " + " ".join(f"a{i}: tags" for i in range(31)) + " }",
    doubling(4, "x: __typename"), doubling(5, "x: __typename"),
    "{ a: item { ...F } } fragment F on Item { b: child { c: name } d: child { ...G } } "
    "fragment G on Item { e: name }",
])
def test_depth_and_aliases_refuse_what_strawberrys_limiters_refused(document: str) -> None:
    """Same measures as the rules they replace (outside introspection)."""
    ours = {code for code in refusals(document) if code != QUERY_TOO_COSTLY}
    rules = [*QueryDepthLimiter(max_depth=12).validation_rules,
             *MaxAliasesLimiter(max_alias_count=30).validation_rules]
    theirs = validate(SMALL, parse(document), rules)
    assert (QUERY_TOO_DEEP in ours) == any("depth" in e.message for e in theirs)
    assert (TOO_MANY_ALIASES in ours) == any("aliases" in e.message for e in theirs)


# ---------------------------------------------------------------- ipreg's own queries


def _unwrap(kind: Any) -> Any:
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        kind = kind.of_type
    return kind


def everything(schema: GraphQLSchema, type_name: str, depth: int = 7) -> str:
    """Every field without required arguments, recursively (as tests/eaeu reads entries)."""
    kind = schema.get_type(type_name)
    assert isinstance(kind, GraphQLObjectType)
    parts = []
    for name, field in kind.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        inner = _unwrap(field.type)
        if isinstance(inner, GraphQLInterfaceType | GraphQLUnionType):
            parts.append(f"{name} {{ __typename }}")
        elif isinstance(inner, GraphQLObjectType):
            if depth > 0:
                parts.append(f"{name} {{ {everything(schema, inner.name, depth - 1)} }}")
        else:
            parts.append(name)
    return " ".join(parts)


RELATIONS = ("name registerNumber holders { name country } "
             "goods { description hsCodes niceClasses } statusHistory { status date }")


def test_the_default_limits_accept_ipregs_own_large_queries(
        ipreg_schema: strawberry.Schema) -> None:
    """bench/graphql's queries, the replica's feed page and a page of 50 whole entries."""
    schema = ipreg_schema._schema
    documents = [
        "query($id: ID!) { node(id: $id) { id ... on IPObject { " + RELATIONS + " } } }",
        "query($after: String) { ipObjects(first: 50, after: $after) { edges { node { id "
        + RELATIONS + " } } } }",
        "query($after: String) { ipObjects(first: 100, after: $after) { "
        "edges { cursor node { id } } pageInfo { hasNextPage } } }",
        "query($after: Int!, $first: Int!) { eaeuRegisterChanges(after: $after, first: $first) "
        "{ endPosition hasMore changes { position objectId data } replicaRows } }",
        "query($after: String, $asOf: Date) { eaeuEntries(first: 50, after: $after, "
        "asOf: $asOf) { totalCount pageInfo { hasNextPage endCursor } nodes { "
        + everything(schema, "EaeuRegisterEntry") + " } } }",
    ]
    runner = OperationRunner(ipreg_schema, Settings())
    for document in documents:
        assert runner.check(document).errors == [], document


def side_by_side_fragments(count: int) -> str:
    """Distinct fragments spread side by side: graphql-core's overlap rule compares every
    pair of their fields (quadratic; it aborts at 500,000 comparisons)."""
    spreads = " ".join(f"...F{i}" for i in range(count))
    fragments = " ".join(f"fragment F{i} on Query {{ a{i}: __typename }}" for i in range(count))
    return f"query {{ {spreads} }} {fragments}"


async def test_a_slow_to_validate_document_leaves_the_event_loop_serving_others(
        ipreg_schema: strawberry.Schema) -> None:
    """Issue 12 §2: graphql-core's overlap rule is quadratic within the token limit (400
    fragments side by side take about half a second); the text is checked in a worker
    thread, so other requests go on meanwhile — counted as loop turns, not timed."""
    runner = OperationRunner(ipreg_schema, Settings())
    document = side_by_side_fragments(400)
    turns = 0
    done = False

    async def other_requests() -> None:
        nonlocal turns
        while not done:
            turns += 1
            await asyncio.sleep(0)

    ticker = asyncio.ensure_future(other_requests())
    checked = await runner.check_async(document)
    done = True
    await ticker
    assert turns > 10, "the event loop was blocked while the document was validated"
    assert checked.document is not None
    assert (await runner.check_async(document)) is checked, "kept in the cache once checked"
