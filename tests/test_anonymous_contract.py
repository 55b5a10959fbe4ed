"""The anonymous contract walk (issue 14): every field of every type an anonymous caller
can reach answers without an error, and null only where the schema allows it.

Reported: ``IPObject.status``, ``version`` and ``updatedAt`` were declared non-null
but are not published for EAEU entries (R174 Appendix 1 table 1 items 8, 9), so the
FORBIDDEN error nulled the entry, and with it the whole answer:
``{ ipObjects(first: 100) { nodes { status } } }`` gave ``data: null`` from the first
EAEU entry, and ``search`` and ``eaeuEntries`` the same; a generated TypeScript client
promised ``status: string``. A field the law does not publish is nullable (or a list,
then empty) with the reason in its description.

The walk (:func:`ipreg.testing.anonymous_schema_walk`, which a register plugin's tests
run too) reads the live schema by introspection and queries every root field an
anonymous caller may call, page by page, selecting every field of every type below it
(inline fragments on every possible type), within the server's query limits. It runs
on the demo data of every installed plugin (``ipreg demo``), indexed for ``search``,
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import strawberry
from graphql import GraphQLInterfaceType, GraphQLList, GraphQLNonNull, get_named_type
from sqlalchemy import select
from strawberry.relay import to_base64

from ipreg.core.config import Settings
from ipreg.core.extension import CORE_OBJECT_FIELDS
from ipreg.core.model import Case
from ipreg.core.runtime import Runtime
from ipreg.schema.build import build_schema
from ipreg.schema.limits import QueryLimits
from ipreg.testing import (
    anonymous_schema_walk,
    graphql_client,
    http_client,
    search_service,
)
from ipreg.testing.walk import CORE_SIGNED_IN_ONLY

#: Query fields of the installed plugins an anonymous caller may not call (each refuses
#: with FORBIDDEN, its description saying who may).
PLUGIN_SIGNED_IN_ONLY = {
    "eaeuExtracts",  # R148 p.18: the entry's own parties and officials
    "eaeuUpdateTimes",  # R174 p.12(9): the authorized bodies and the Commission
    "eaeuRegisterChanges",  # R174 p.12(9), p.13(3)
    "eaeuTurnoverChanges",  # R174 p.12(9), p.13(3)
    "eaeuChangesSince",  # R174 p.12(9), p.13(3)
    "eaeuAuthorizedBodySyncs",  # R174 p.13(3)-(4): the Commission and the authorized bodies
    "uaGiCases",  # GI rules: cases are UKRNOIVI's and the parties' (UNAUTHENTICATED)
    "uaGiNameSources",  # GI rules V.8.4-8.5, VR-46: the examination's sources
    "uaGiNameLookup",  # GI rules V.8.4-8.5, VR-46: the examiner's lookup
    "uaCustomsRecordals",  # officials of ua_customs and the recordal's parties
    "uaCustomsCases",  # officials of ua_customs and the case's parties
    "uaCustomsAfa",  # Seed 000 COPIS: officials and the recordal's owner side
    "uaCustomsDetentions",  # Seed 000 COPIS: officials of ua_customs
    "uaCustomsRegisterHits",  # CC Art. 397: officials of ua_customs
}
SIGNED_IN_ONLY = CORE_SIGNED_IN_ONLY | PLUGIN_SIGNED_IN_ONLY
#: Required arguments filled from what the walk saw: ``Type.field`` whose values they take.
SOURCES = {
    "eaeuEntry.registrationNumber": "EaeuRegistrationNumber.display",
    "eaeuExtracts.registrationNumber": "EaeuRegistrationNumber.display",
    "uaGiApplication.number": "UaGiApplication.applicationNumber",
    "uaGiNameLookup.name": "UaGiApplication.claimedName",
    "uaCustomsAfa.recordalId": "UaCustomsEntry.id",
    "uaWebsitesSearch.text": "UaWebsiteEntry.domain",
}


@pytest.fixture
async def runtime(demo_database: str) -> AsyncIterator[Runtime]:
    rt = Runtime.create(Settings.from_env(database_url=demo_database, plugins=None))
    yield rt
    await rt.close()


async def _case_ids(runtime: Runtime) -> list[Any]:
    """Every case of the demo, as ``eaeuCase(id:)`` takes it (a database id, or a global
    id once the argument is an ``ID``): an anonymous caller sees none, so the walk
    cannot find them."""
    schema = build_schema(runtime.registry)._schema
    assert schema.query_type is not None
    field = schema.query_type.fields["eaeuCase"]
    async with runtime.sessionmaker() as session:
        ids = list((await session.execute(select(Case.id).order_by(Case.id))).scalars())
    if get_named_type(field.args["id"].type).name == "ID":  # the global id of the case type
        return [to_base64(get_named_type(field.type).name, i) for i in ids]
    return ids


@pytest.mark.legal("R174 p.14", "R174 p.12(6)")
async def test_an_anonymous_walk_of_every_field_keeps_the_schemas_promises(
    runtime: Runtime, tmp_path: Path
) -> None:
    async with search_service(runtime, "embedded", tmp_path) as service:
        await service.reindex()
        async with graphql_client(runtime) as client:
            walk = await anonymous_schema_walk(
                client.query, runtime.settings,
                signed_in_only=SIGNED_IN_ONLY, sources=SOURCES,
                values={"eaeuCase.id": await _case_ids(runtime),
                        "eaeuChangesSince.since": ["2020-01-01T00:00:00+00:00"]},
                variants={"eaeuEntries": [{"asOf": "2024-06-30"}]})
    schema = build_schema(runtime.registry)._schema
    assert schema.query_type is not None
    # Every query field was walked or refused; every field below them selected.
    assert set(walk.walked) | set(walk.refused) == set(schema.query_type.fields)
    assert set(walk.refused) == SIGNED_IN_ONLY
    assert walk.unselected == {}
    # The walk saw the objects of every register, their parties and search hits.
    shown_types = {path.split(".")[0] for path in walk.shown}
    assert {"EaeuRegisterEntry", "UaCustomsEntry", "UaWebsiteEntry", "Party", "EaeuParty",
            "SearchFacets", "EaeuFile"} <= shown_types  # the demo's images of the marks
    assert "EaeuRegisterEntry.images" in walk.shown
    assert "SearchConnection.edges" in walk.shown, "search found the demo's objects"
    assert walk.walked["ipObjects"] > 10, "every page of the register"
    # What the EAEU register does not publish is shown to nobody anonymous.
    assert {"EaeuRegisterEntry.status", "EaeuRegisterEntry.version",
            "EaeuRegisterEntry.updatedAt", "EaeuRegisterEntry.keywords"} <= walk.empty
    assert not {"EaeuRegisterEntry.status", "EaeuRegisterEntry.version",
                "EaeuRegisterEntry.updatedAt", "EaeuRegisterEntry.keywords"} & walk.shown


@pytest.mark.legal("R174 A1 T1 5.4", "R174 p.14")
async def test_the_public_sees_and_downloads_the_published_images_of_the_demo(
    runtime: Runtime,
) -> None:
    """The demo's entries carry an image of their mark (5.4, published): anyone reads
    its `File` node (`node(id:)` as well) and downloads it from `GET /files/{sha256}`."""
    async with graphql_client(runtime) as client:
        entries = (await client.data("{ eaeuEntries(first: 3) { nodes { images { "
                                     "id sha256 mediaType url } } } }"))["eaeuEntries"]
        images = [image for node in entries["nodes"] for image in node["images"]]
        assert len(images) == 3 and {i["mediaType"] for i in images} == {"image/jpeg"}
        node = await client.data("query($id: ID!) { node(id: $id) { ... on EaeuFile { sha256 } "
                                 "} }", {"id": images[0]["id"]})
        assert node["node"] == {"sha256": images[0]["sha256"]}
    async with http_client(runtime) as http:
        for image in images:
            got = await http.get(image["url"])
            assert got.status_code == 200, got.text
            assert got.headers["content-type"] == "image/jpeg"
            assert hashlib.sha256(got.content).hexdigest() == image["sha256"]
            assert got.headers["etag"]


@pytest.mark.legal("R174 p.14")
async def test_issue_14_a_page_of_objects_with_their_status_is_answered(
    runtime: Runtime,
) -> None:
    """Reported: this gave ``data: null`` from the first EAEU entry on. The status of an
    EAEU entry (R174 A1 T1 8.1, not published) is null; another register's is shown where its
    publication rule publishes it (each register's first page: the demo of one register may
    fill the first hundred objects)."""
    nodes = []
    async with graphql_client(runtime) as client:
        for jurisdiction in sorted(runtime.registry.jurisdictions):
            result = await client.query(
                "query($j: String) { ipObjects(first: 100, jurisdiction: $j) { nodes { "
                "jurisdiction status version updatedAt } } }", {"j": jurisdiction})
            assert "errors" not in result, result["errors"]
            nodes += result["data"]["ipObjects"]["nodes"]
    eaeu = [n for n in nodes if n["jurisdiction"] == "eaeu"]
    assert eaeu and all(n["status"] is n["version"] is n["updatedAt"] is None for n in eaeu)
    rules = runtime.registry.publication_rule
    others = [n for n in nodes if n["jurisdiction"] != "eaeu"]
    assert others and all(bool(n["status"]) is rules(n["jurisdiction"]).publishes("status")
                          and bool(n["version"]) is rules(n["jurisdiction"]).publishes("version")
                          for n in others)


def test_withheld_fields_of_ip_objects_may_be_empty_and_say_why() -> None:
    """A client generated from the SDL (TypeScript: ``status?: string | null``, with the
    description as its doc comment) learns from the interface which fields a register
    may withhold: every ``IPObject`` field some publication rule withholds is nullable or
    a list, and its description says so."""
    from ipreg.core.plugins import Registry, make_plugin_manager

    registry = Registry.build(make_plugin_manager(None))
    interface = build_schema(registry)._schema.type_map["IPObject"]
    assert isinstance(interface, GraphQLInterfaceType)
    withheld = {field for j in registry.jurisdictions for field in CORE_OBJECT_FIELDS
                if not registry.publication_rule(j).publishes(field)}
    assert withheld >= {"status", "version", "updatedAt", "keywords"}
    for name in sorted(withheld):
        field = interface.fields[name]
        nullable = not isinstance(field.type, GraphQLNonNull)
        listed = isinstance(getattr(field.type, "of_type", field.type), GraphQLList)
        assert nullable or listed, f"IPObject.{name} is withheld by a register: make it nullable"
        assert "publish" in (field.description or ""), (
            f"IPObject.{name}: say in its description that a register may not publish it")


# ------------------------------------------------------------------ the walk itself
# Small schemas executed in process: what the walk catches, how it pages and splits.


def _withheld() -> str:
    raise PermissionError("not published")


@strawberry.type(description="A thing whose status is withheld, declared non-null.")
class StrictThing:
    name: str
    status: str = strawberry.field(resolver=_withheld)


@strawberry.type(description="A thing whose status is withheld, declared nullable.")
class LaxThing:
    name: str
    status: str | None = strawberry.field(resolver=_withheld)


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class StrictConnection:
    nodes: list[StrictThing]
    page_info: PageInfo


@strawberry.type
class LaxConnection:
    nodes: list[LaxThing]
    page_info: PageInfo


def _page(first: int, after: str | None) -> tuple[list[str], PageInfo]:
    start = int(after or 0)
    names = ["a", "b", "c"][start:start + first]
    end = start + len(names)
    return names, PageInfo(has_next_page=end < 3, end_cursor=str(end))


@strawberry.type
class StrictQuery:
    @strawberry.field
    def things(self, first: int = 10, after: str | None = None) -> StrictConnection:
        names, info = _page(first, after)
        return StrictConnection(nodes=[StrictThing(name=n) for n in names], page_info=info)


@strawberry.type
class LaxQuery:
    @strawberry.field
    def things(self, first: int = 10, after: str | None = None) -> LaxConnection:
        names, info = _page(first, after)
        return LaxConnection(nodes=[LaxThing(name=n) for n in names], page_info=info)


@strawberry.type
class Leaf:
    a: int = 1
    b: int = 2


@strawberry.type
class Branch:
    @strawberry.field
    def left(self) -> Leaf:
        return Leaf()

    @strawberry.field
    def right(self) -> Leaf:
        return Leaf()


@strawberry.type
class TreeQuery:
    @strawberry.field
    def tree(self) -> Branch:
        return Branch()

    @strawberry.field
    def leaf(self, a: int) -> Leaf | None:
        return Leaf(a=a)


def _runner(query_type: Any, asked: list[str]) -> Any:
    schema = strawberry.Schema(query_type)

    async def query(document: str, variables: dict[str, Any] | None) -> dict[str, Any]:
        asked.append(document)
        result = await schema.execute(document, variable_values=variables)
        out: dict[str, Any] = {"data": result.data}
        if result.errors:
            out["errors"] = [{"message": e.message, "path": e.path} for e in result.errors]
        return out

    return query


async def test_the_walk_fails_on_a_withheld_field() -> None:
    """The reported shape: a non-null field that errors for anonymous callers nulls the
    page (``data: null``); nullable, the error alone still fails the walk."""
    asked: list[str] = []
    with pytest.raises(AssertionError, match="things"):
        await anonymous_schema_walk(_runner(StrictQuery, asked), QueryLimits(),
                                    signed_in_only=())
    with pytest.raises(AssertionError, match="not published"):
        await anonymous_schema_walk(_runner(LaxQuery, asked), QueryLimits(),
                                    signed_in_only=())
    # Every page was asked for (first: 2 of 3 things).
    asked.clear()
    with pytest.raises(AssertionError):
        await anonymous_schema_walk(_runner(LaxQuery, asked), QueryLimits(),
                                    signed_in_only=(), page_size=2)
    assert any('after: "2"' in q for q in asked)


async def test_the_walk_splits_queries_to_fit_the_limits_and_fills_arguments() -> None:
    asked: list[str] = []
    walk = await anonymous_schema_walk(_runner(TreeQuery, asked), QueryLimits(max_cost=7),
                                       signed_in_only=())
    assert {"Branch.left", "Branch.right", "Leaf.a", "Leaf.b"} <= walk.shown
    # tree { left { a b } right { a b } } costs 10 (with each __typename): two queries.
    assert len([q for q in asked if "tree" in q]) == 2
    # leaf(a:) took the values of Leaf.a the walk saw.
    assert walk.walked["leaf"] == 1 and any("leaf(a: 1)" in q for q in asked)
