"""An anonymous caller learns nothing the publication rules withhold (issue 12, part 4).

Each register's plugin declares what its law publishes
(``ipreg_register_publication_rules``; for EAEU, R174 Appendix 1 "Признак
публикации", digest §4.12, :mod:`ipreg.plugins.eaeu.graphql.visibility`). Over the
demo data of every installed plugin, and generated from the live schema, these
tests ask as an anonymous interested person (R174 p.14, p.23):

* ``node(id:)`` of every node type, for every id of its table: a party resolves
  only if the published register names it (EAEU: a right holder, T1 3, or the
  representative, T1 4, of a published entry; never an authorized person, T1 7,
  nor a party of the goods-turnover data, T1 6.4.2); an unpublished object, a
  case or a notification never; a field a rule withholds never has a value;
* every argument of every core query field is classified below; a filter on a
  field some rule withholds (EAEU status, T1 8.1; keywords, T1 5.3) is refused
  (``FORBIDDEN`` naming the argument) or does not discriminate: nothing of the
  withholding register's objects depends on its value;
* ``search``: a facet counts no object whose value of it is withheld, and no
  highlight, ``matchedAs`` or match shows a value the register does not publish.

No answer here may have an error: a field a rule withholds is nullable (or a list)
and null (or empty) for an anonymous caller, its description saying why (issue 14:
``IPObject.status`` was non-null, so the FORBIDDEN error on an EAEU entry nulled the
whole answer). ``tests/test_anonymous_contract.py`` walks every field of every type
so; the query fields an anonymous caller may not call at all are
:data:`~ipreg.testing.walk.CORE_SIGNED_IN_ONLY`.
"""

from __future__ import annotations

import os
import unicodedata
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
)
from sqlalchemy import except_, select
from strawberry.relay import GlobalID, to_base64
from strawberry.schema.config import StrawberryConfig

from ipreg.core.auth import ANONYMOUS, Grant, Principal
from ipreg.core.config import Settings
from ipreg.core.extension import ALWAYS_PUBLISHED, CORE_OBJECT_FIELDS
from ipreg.core.model import (
    Case,
    Goods,
    GoodsCode,
    IPObject,
    Keyword,
    Notification,
    ObjectParty,
    Party,
    StoredFile,
)
from ipreg.core.plugins import Registry
from ipreg.core.publication import file_access
from ipreg.core.runtime import Runtime
from ipreg.plugins.eaeu.models import EaeuTurnoverParty
from ipreg.plugins.ukraine.customs.models import UaCustomsRecordal
from ipreg.schema.build import build_schema
from ipreg.search import matching
from ipreg.testing.walk import CORE_SIGNED_IN_ONLY

OPENSEARCH_URL = os.environ.get("IPREG_TEST_OPENSEARCH_URL")
BOGUS = "no-such-value-zz"


# ------------------------------------------------------------------ the demo
# ``demo_database`` (tests/conftest.py): every installed plugin's demo data, as
# ``ipreg demo`` loads it, on SQLite and PostgreSQL.


@pytest.fixture
async def runtime(demo_database: str) -> AsyncIterator[Runtime]:
    rt = Runtime.create(Settings.from_env(database_url=demo_database, plugins=None))
    yield rt
    await rt.close()


@pytest.fixture(params=["embedded", "opensearch"])
async def indexed(request: pytest.FixtureRequest, runtime: Runtime, tmp_path: Path) -> Any:
    """The demo indexed by each search backend, as the server's ``search`` uses it."""
    from ipreg.search.service import SearchService

    if request.param == "embedded":
        from ipreg.search.embedded import EmbeddedBackend

        backend: Any = EmbeddedBackend(tmp_path / "search.db")
    else:
        if not OPENSEARCH_URL:
            pytest.skip("OpenSearch not configured: set IPREG_TEST_OPENSEARCH_URL")
        from ipreg.search.opensearch.backend import OpenSearchBackend

        backend = OpenSearchBackend(OPENSEARCH_URL, f"ipreg-test-{uuid.uuid4().hex[:10]}")
    await backend.prepare()
    service = SearchService(runtime, backend)
    runtime.extras["search"] = service
    try:
        await service.reindex()
        yield service
    finally:
        runtime.extras.pop("search", None)
        drop = getattr(backend, "drop", None)
        if drop is not None:
            await drop()
        await backend.close()


@dataclass(frozen=True)
class Obj:
    id: int
    jurisdiction: str
    published: bool
    name: str
    register_number: str | None
    row: Any


async def _objects(runtime: Runtime) -> dict[int, Obj]:
    async with runtime.sessionmaker() as session:
        rows = (await session.execute(select(IPObject.__table__))).all()
    return {r.id: Obj(r.id, r.jurisdiction, r.published, r.name, r.register_number, r)
            for r in rows}


async def _scalars(runtime: Runtime, statement: Any) -> list[Any]:
    async with runtime.sessionmaker() as session:
        return list((await session.execute(statement)).scalars())


def _withholds(registry: Registry, jurisdiction: str, field: str) -> bool:
    return not registry.publication_rule(jurisdiction).publishes(field)


def _withholding(registry: Registry, field: str) -> list[str]:
    """The registers whose rule withholds ``field`` from anonymous callers."""
    return sorted(j for j in registry.jurisdictions if _withholds(registry, j, field))


def _codes(result: dict[str, Any]) -> set[str]:
    return {e.get("extensions", {}).get("code") for e in result.get("errors") or []}


def _refused(result: dict[str, Any], argument: str) -> bool:
    """The query was refused for ``argument`` (FORBIDDEN, ``extensions.argument``)."""
    errors = result.get("errors") or []
    return bool(errors) and all(
        e["extensions"].get("code") == "FORBIDDEN" and e["extensions"].get("argument") == argument
        for e in errors
    )


def _refused_or_same(result: Any, bogus: Any, argument: str) -> bool:
    """A filter value is refused, or answered as a value no object has is."""
    return _refused(result, argument) or result == bogus


def _type_name(registry: Registry, jurisdiction: str) -> str:
    """The GraphQL type showing the objects of ``jurisdiction``."""
    binding = registry.object_types.get(jurisdiction)
    if binding is None:
        return "GenericIPObject"
    name: str = binding.graphql_type.__strawberry_definition__.name
    return name


def _object_id(global_id: str) -> int:
    return int(GlobalID.from_id(global_id).node_id)


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


# ------------------------------------------------------------------ the schema


def _schema(registry: Registry) -> GraphQLSchema:
    return build_schema(registry)._schema


def _unwrap(gtype: Any) -> Any:
    while isinstance(gtype, GraphQLNonNull | GraphQLList):
        gtype = gtype.of_type
    return gtype


def _leaves(gtype: Any) -> str:
    """A selection of ``gtype``'s scalar fields that take no required argument."""
    named = _unwrap(gtype)
    if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        return ""
    parts = []
    for name, field in named.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        if not isinstance(_unwrap(field.type), GraphQLObjectType | GraphQLInterfaceType):
            parts.append(name)
    return " ".join(parts)


def _field_selection(field: Any, name: str) -> str:
    inner = _unwrap(field.type)
    if isinstance(inner, GraphQLObjectType | GraphQLInterfaceType):
        return f"{name} {{ {_leaves(inner) or '__typename'} }}"
    return name


def _plugin_query_fields(registry: Registry) -> set[str]:
    config = StrawberryConfig()
    return {
        config.name_converter.get_graphql_name(f)
        for classes in registry.pm.hook.ipreg_register_query_fields()
        for cls in classes or []
        for f in cls.__strawberry_definition__.fields
    }


def _core_query_fields(registry: Registry, schema: GraphQLSchema) -> dict[str, Any]:
    assert schema.query_type is not None
    plugins = _plugin_query_fields(registry)
    return {n: f for n, f in schema.query_type.fields.items() if n not in plugins}


def _argument_paths(field_name: str, field: Any) -> list[str]:
    """``field.argument`` for every argument, ``field.argument.inputField`` inside
    input objects (recursively)."""
    out: list[str] = []

    def walk(prefix: str, gtype: Any) -> None:
        named = _unwrap(gtype)
        if isinstance(named, GraphQLInputObjectType):
            for name, inner in named.fields.items():
                walk(f"{prefix}.{name}", inner.type)
        else:
            out.append(prefix)

    for name, arg in field.args.items():
        walk(f"{field_name}.{name}", arg.type)
    return out


# What each argument of a core query field is, for the publication rules.
PAGING = "paging"  # which page, not what: first, after
IDENTITY = "identity"  # node(id:), nodes(ids:): test_every_node_...
REFERENCE = "reference data"  # code lists, procedures: no register data
TEXT = "search text"  # test_search_shows_only_published_values
SEARCH_FIELDS = "search field filter"  # test_search_field_filters_...


@dataclass(frozen=True)
class Filter:
    """A filter on the ``IPObject`` field ``field`` (withheld by some rules)."""

    field: str


#: Every argument of every core query field that anonymous callers may call.
ARGUMENTS: dict[str, Any] = {
    "node.id": IDENTITY,
    "nodes.ids": IDENTITY,
    "ipObjects.first": PAGING,
    "ipObjects.after": PAGING,
    "ipObjects.last": PAGING,
    "ipObjects.before": PAGING,
    "ipObjects.jurisdiction": Filter("jurisdiction"),
    "ipObjects.kind": Filter("kind"),
    "ipObjects.status": Filter("status"),
    "codeList.id": REFERENCE,
    "procedures.jurisdiction": REFERENCE,
    "search.text": TEXT,
    "search.first": PAGING,
    "search.after": PAGING,
    "search.last": PAGING,
    "search.before": PAGING,
    "search.filter.jurisdictions": Filter("jurisdiction"),
    "search.filter.kinds": Filter("kind"),
    "search.filter.statuses": Filter("status"),
    "search.filter.fields.field": SEARCH_FIELDS,
    "search.filter.fields.values": SEARCH_FIELDS,
}
#: Core query fields that answer only signed-in callers (UNAUTHENTICATED otherwise).
SIGNED_IN_ONLY = CORE_SIGNED_IN_ONLY


def test_every_argument_of_every_core_query_is_classified() -> None:
    """A new core query argument must say how it bears on the publication rules
    (and get a probe below if it filters, sorts or facets on object data)."""
    from ipreg.core.plugins import make_plugin_manager

    registry = Registry.build(make_plugin_manager(None))
    schema = _schema(registry)
    found = {
        path
        for name, field in _core_query_fields(registry, schema).items()
        if name not in SIGNED_IN_ONLY
        for path in _argument_paths(name, field)
    }
    assert found == set(ARGUMENTS), "classify the new arguments in ARGUMENTS"
    for kind in ARGUMENTS.values():
        if isinstance(kind, Filter):
            assert kind.field in CORE_OBJECT_FIELDS
    # The sorts of the core: none yet (ipObjects is in id order, search by relevance).
    assert not [p for p in found if "sort" in p.lower() or "order" in p.lower()]


async def test_signed_in_only_queries_refuse_anonymous_callers(
    client: Any, runtime: Runtime
) -> None:
    core = _core_query_fields(runtime.registry, _schema(runtime.registry))
    assert set(core) >= SIGNED_IN_ONLY
    #: Required arguments of signed-in-only queries (a valid value: the refusal is about
    #: the caller, not the input).
    required = {"overdueTimeLimits": '(jurisdiction: "eaeu")'}
    for name in sorted(SIGNED_IN_ONLY):
        result = await client.query(f"{{ {name}{required.get(name, '')} {{ __typename }} }}")
        assert result["data"] is None, name
        assert _codes(result) == {"UNAUTHENTICATED"}, (name, result)


# ------------------------------------------------------------------ nodes

#: The table behind each node type (every id of it is tried).
NODE_IDS: dict[str, Any] = {
    "Party": select(Party.id),
    "Case": select(Case.id),
    "EaeuCase": select(Case.id).where(Case.jurisdiction == "eaeu"),
    "Notification": select(Notification.id),
    "GenericIPObject": select(IPObject.id),
    "EaeuRegisterEntry": select(IPObject.id),
    "UaGiApplication": select(IPObject.id),
    "UaGiApplicationCase": select(Case.id).where(Case.jurisdiction == "ua_gi"),
    "UaGiOppositionCase": select(Case.id).where(Case.jurisdiction == "ua_gi"),
    "UaCustomsCase": select(Case.id).where(Case.jurisdiction == "ua_customs"),
    "UaCustomsEntry": select(IPObject.id),
    "UaCustomsRecordal": select(UaCustomsRecordal.id),
    "UaWebsiteEntry": select(IPObject.id),
    "UaWebsiteCase": select(Case.id).where(Case.jurisdiction == "ua_websites"),
    # Stored files (named by their sha256): those of published data only
    # (ipreg.core.publication.file_access); the demo may have none.
    "File": select(StoredFile.sha256),
    "EaeuFile": select(StoredFile.sha256),
    "UaGiFile": select(StoredFile.sha256),
}
FILE_TYPES = ("File", "EaeuFile", "UaGiFile")


async def _nodes(client: Any, global_ids: list[str], selection: str) -> list[Any]:
    """``nodes(ids:)``, 100 a request; no error (a withheld field is null or empty)."""
    out: list[Any] = []
    for i in range(0, len(global_ids), 100):
        gids = global_ids[i : i + 100]
        result = await client.query(
            f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ __typename {selection} }} }}",
            {"ids": gids},
        )
        assert "errors" not in result, result["errors"]
        out += result["data"]["nodes"]
    return out


async def _named_by_published_register(client: Any) -> set[str]:
    """Global ids of the parties the published register names: the right holders and
    representatives of every object an anonymous caller lists."""
    named: set[str] = set()
    after = None
    while True:
        data = (await client.query(
            "query($after: String) { ipObjects(first: 100, after: $after) { pageInfo { "
            "hasNextPage endCursor } nodes { holders { id } representatives { id } } } }",
            {"after": after},
        ))["data"]["ipObjects"]
        for node in data["nodes"]:
            named |= {p["id"] for p in node["holders"] + node["representatives"]}
        if not data["pageInfo"]["hasNextPage"]:
            return named
        after = data["pageInfo"]["endCursor"]


async def test_every_node_shows_an_anonymous_caller_only_what_is_published(
    client: Any, runtime: Runtime
) -> None:
    registry = runtime.registry
    schema = _schema(registry)
    node_types = sorted(t.name for t in schema.get_possible_types(schema.type_map["Node"]))
    assert node_types == sorted(NODE_IDS), "say which table a new node type reads"
    objects = await _objects(runtime)
    interface = schema.type_map["IPObject"]
    assert isinstance(interface, GraphQLInterfaceType)
    assert set(interface.fields) == CORE_OBJECT_FIELDS
    named = await _named_by_published_register(client)
    assert named, "the demo names right holders and representatives"
    for type_name, statement in NODE_IDS.items():
        ids = sorted(await _scalars(runtime, statement))
        assert ids or type_name in FILE_TYPES, f"the demo has no {type_name}"
        found = await _nodes(client, [to_base64(type_name, n) for n in ids], "... on Node { id }")
        shown = {n["id"] for n in found if n is not None}
        if type_name == "Party":
            # R174 A1 T1 3, 4 (EAEU): exactly the right holders and representatives of
            # published entries; not authorized persons (T1 7), turnover parties (T1 6.4.2),
            # applicants or authorities.
            assert shown == named
        elif type_name in ("Case", "EaeuCase", "Notification", "UaCustomsCase",
                           "UaCustomsRecordal", "UaWebsiteCase"):
            assert shown == set(), f"{type_name}: not for anonymous callers"
        elif type_name in FILE_TYPES:
            async with runtime.sessionmaker() as session:
                public = {sha for sha in ids if await file_access(
                    session, registry, registry.bind(ANONYMOUS), sha) is not None}
            assert shown == {to_base64(type_name, sha) for sha in public}
        else:
            expected = {
                to_base64(type_name, o.id) for o in objects.values()
                if o.published and _type_name(registry, o.jurisdiction) == type_name
            }
            assert shown == expected, f"{type_name}: published objects only"
    # Every field of IPObject a rule withholds has no value, whatever the type.
    published = [to_base64(_type_name(registry, o.jurisdiction), o.id)
                 for o in objects.values() if o.published]
    for name, field in sorted(interface.fields.items()):
        if name in ALWAYS_PUBLISHED:
            continue
        selection = f"... on IPObject {{ jurisdiction {_field_selection(field, name)} }}"
        for node in await _nodes(client, published, selection):
            if node is not None and _withholds(registry, node["jurisdiction"], name):
                assert node[name] in (None, []), (name, node)


# ------------------------------------------------------------------ ipObjects


async def _list(client: Any, **arguments: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every page of ``ipObjects`` with these arguments: (first answer, every node)."""
    args = "".join(f", {k}: ${k}" for k in arguments)
    params = "".join(f", ${k}: String" for k in arguments)
    nodes: list[dict[str, Any]] = []
    first: dict[str, Any] | None = None
    after = None
    while True:
        result = await client.query(
            f"query($after: String{params}) {{ ipObjects(first: 100, after: $after{args}) "
            "{ totalCount pageInfo { hasNextPage endCursor } nodes { id jurisdiction } } }",
            {"after": after, **arguments},
        )
        first = first or result
        if result.get("errors"):
            return result, []
        page = result["data"]["ipObjects"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return first, nodes
        after = page["pageInfo"]["endCursor"]


async def test_ip_objects_filters_on_withheld_fields_refuse_or_do_not_discriminate(
    client: Any, runtime: Runtime
) -> None:
    registry = runtime.registry
    objects = await _objects(runtime)
    probed = 0
    for path, kind in ARGUMENTS.items():
        if not path.startswith("ipObjects.") or not isinstance(kind, Filter):
            continue
        argument = path.split(".", 1)[1]
        withholding = _withholding(registry, kind.field)
        if kind.field in ALWAYS_PUBLISHED:
            assert withholding == []
        for jurisdiction in withholding:
            values = sorted({getattr(o.row, _snake(kind.field)) for o in objects.values()
                             if o.jurisdiction == jurisdiction})
            bogus = await _list(client, jurisdiction=jurisdiction, **{argument: BOGUS})
            for value in values:
                probed += 1
                # Within the withholding register: refused, or as if no object had it.
                within = await _list(client, jurisdiction=jurisdiction, **{argument: value})
                assert _refused(within[0], argument) or within == bogus, (path, value, within)
                # Across registers: refused, or the withholding register's objects never
                # match and the count is of what is listed.
                result, nodes = await _list(client, **{argument: value})
                if _refused(result, argument):
                    continue
                assert "errors" not in result, result
                assert [n for n in nodes if n["jurisdiction"] == jurisdiction] == [], (
                    f"{path}={value!r} lists objects of {jurisdiction}")
                assert result["data"]["ipObjects"]["totalCount"] == len(nodes)
    assert probed, "the demo has values of a withheld field (EAEU status, R174 A1 T1 8.1)"


# ------------------------------------------------------------------ search

SEARCH = """query($text: String!, $filter: SearchFilter) {
  search(text: $text, filter: $filter, first: 100) {
    totalCount
    facets { jurisdiction { value count } kind { value count } status { value count } }
    edges { highlights matchedAs { field form } node { id jurisdiction } }
  }
}"""


async def _search(client: Any, text: str, **filter: Any) -> dict[str, Any]:
    result: dict[str, Any] = await client.query(
        SEARCH, {"text": text, "filter": filter or None})
    return result


def _texts(objects: dict[int, Obj]) -> list[str]:
    """Search texts that find many objects of every register: names of a few objects
    of each (their first word) and the whole names."""
    out: list[str] = []
    for jurisdiction in sorted({o.jurisdiction for o in objects.values()}):
        names = [o.name for o in objects.values() if o.jurisdiction == jurisdiction][:3]
        out += names + [n.split()[0] for n in names]
    return list(dict.fromkeys(out))


async def test_search_filters_and_facets_on_withheld_fields_refuse_or_do_not_discriminate(
    client: Any, runtime: Runtime, indexed: Any
) -> None:
    registry = runtime.registry
    objects = await _objects(runtime)
    texts = _texts(objects)
    facets = {"jurisdiction": "jurisdiction", "kind": "kind", "status": "status"}
    for text in texts:
        # Facets count no object whose value of the facet its register withholds.
        answer = await _search(client, text)
        assert "errors" not in answer, answer
        result = answer["data"]["search"]
        by_register = {f["value"]: f["count"] for f in result["facets"]["jurisdiction"]}
        for facet, field in facets.items():
            counted = sum(f["count"] for f in result["facets"][facet])
            publishing = sum(c for j, c in by_register.items()
                             if not _withholds(registry, j, field))
            assert counted == publishing, (text, facet, result["facets"])
        for withholding in _withholding(registry, "status"):
            answer = await _search(client, text, jurisdictions=[withholding])
            assert answer["data"]["search"]["facets"]["status"] == [], (text, answer)
    probed = 0
    for path, kind in ARGUMENTS.items():
        if not path.startswith("search.filter.") or not isinstance(kind, Filter):
            continue
        argument, key = path.split(".", 1)[1], path.rsplit(".", 1)[1]
        withholding = _withholding(registry, kind.field)
        if kind.field in ALWAYS_PUBLISHED:
            assert withholding == []
        for jurisdiction in withholding:
            values = sorted({getattr(o.row, _snake(kind.field)) for o in objects.values()
                             if o.jurisdiction == jurisdiction})
            for text in texts:
                bogus = await _search(client, text, jurisdictions=[jurisdiction],
                                      **{key: [BOGUS]})
                for value in values:
                    probed += 1
                    answer = await _search(client, text, jurisdictions=[jurisdiction],
                                           **{key: [value]})
                    assert _refused_or_same(answer, bogus, argument), (path, value, answer)
                    answer = await _search(client, text, **{key: [value]})
                    if _refused(answer, argument):
                        continue
                    result = answer["data"]["search"]
                    assert [e for e in result["edges"]
                            if e["node"]["jurisdiction"] == jurisdiction] == []
                    assert jurisdiction not in {
                        f["value"] for f in result["facets"]["jurisdiction"]}, (path, value)
    assert probed, "the demo has values of a withheld field (EAEU status, R174 A1 T1 8.1)"


#: The ``IPObject`` field each core searchable field shows.
SEARCH_FIELD_OF = {
    matching.NAME: "name",
    matching.REGISTER_NUMBER: "registerNumber",
    matching.KEYWORDS: "keywords",
    matching.HOLDERS: "holders",
}


async def _keywords(runtime: Runtime, jurisdiction: str) -> dict[str, list[str]]:
    """Keywords of the published objects of ``jurisdiction``: object name -> keywords."""
    async with runtime.sessionmaker() as session:
        rows = (await session.execute(
            select(IPObject.name, Keyword.value)
            .join(Keyword, Keyword.object_id == IPObject.id)
            .where(IPObject.jurisdiction == jurisdiction, IPObject.published.is_(True))
            .order_by(IPObject.id, Keyword.position)
        )).all()
    out: dict[str, list[str]] = {}
    for name, value in rows:
        out.setdefault(name, []).append(value)
    return out


async def test_search_field_filters_on_withheld_fields_do_not_discriminate(
    client: Any, runtime: Runtime, indexed: Any
) -> None:
    """``filter.fields`` on keywords (R174 A1 T1 5.3, not published): the answer is the
    same as for a keyword nobody has."""
    registry = runtime.registry
    probed = 0
    for search_field, field in SEARCH_FIELD_OF.items():
        for jurisdiction in _withholding(registry, field):
            assert search_field == matching.KEYWORDS  # name, number, holders: always published
            for name, keywords in list((await _keywords(runtime, jurisdiction)).items())[:15]:
                for scope in ({}, {"jurisdictions": [jurisdiction]}):
                    probed += 1
                    real = await _search(client, name, **scope, fields=[
                        {"field": search_field, "values": keywords[:1]}])
                    bogus = await _search(client, name, **scope, fields=[
                        {"field": search_field, "values": [BOGUS]}])
                    assert real == bogus, (name, keywords[:1])
    assert probed, "the demo has keywords of a register that withholds them"


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text.replace("<em>", "").replace("</em>", ""))


async def test_search_shows_only_published_values(
    client: Any, runtime: Runtime, indexed: Any
) -> None:
    """Matches, highlights and forms come from published fields only: searching an
    EAEU keyword (R174 A1 T1 5.3) finds an entry by its name or holders, if at all."""
    registry = runtime.registry
    objects = await _objects(runtime)
    async with runtime.sessionmaker() as session:
        holders = (await session.execute(
            select(ObjectParty.object_id, Party.name)
            .join(Party, Party.id == ObjectParty.party_id)
            .where(ObjectParty.role == "holder"))).all()
        keywords = (await session.execute(select(Keyword.object_id, Keyword.value))).all()
    published_values: dict[int, set[str]] = {}
    for o in objects.values():
        published_values[o.id] = {_plain(v) for v in (o.name, o.register_number) if v}
    for object_id, name in holders:
        published_values[object_id].add(_plain(name))
    for object_id, value in keywords:  # where the register publishes them (not EAEU)
        if not _withholds(registry, objects[object_id].jurisdiction, "keywords"):
            published_values[object_id].add(_plain(value))
    # Descriptions and goods (with their codes) a register publishes may be matched through
    # its public search fields (GI rules V.6.2: the area, the product and its UKTZED codes).
    for o in objects.values():
        if o.row.description and not _withholds(registry, o.jurisdiction, "description"):
            published_values[o.id].add(_plain(o.row.description))
    async with runtime.sessionmaker() as session:
        goods = (await session.execute(select(Goods.object_id, Goods.description))).all()
        codes = (await session.execute(select(Goods.object_id, GoodsCode.code).join(
            GoodsCode, GoodsCode.goods_id == Goods.id))).all()
    for object_id, value in [*goods, *codes]:
        if value and not _withholds(registry, objects[object_id].jurisdiction, "goods"):
            published_values[object_id].add(_plain(value))
    texts = _texts(objects)
    for jurisdiction in _withholding(registry, "keywords"):
        for keywords in list((await _keywords(runtime, jurisdiction)).values())[:20]:
            texts += keywords
    plugin_fields = registry.search_fields
    assert texts
    for text in texts:
        answer = await _search(client, text)
        assert "errors" not in answer, (text, answer)
        for edge in answer["data"]["search"]["edges"]:
            node = edge["node"]
            object_id = _object_id(node["id"])
            for match in edge["matchedAs"]:
                field = SEARCH_FIELD_OF.get(match["field"])
                if field is None:
                    assert plugin_fields[match["field"]].public, (text, match)
                else:
                    assert not _withholds(registry, node["jurisdiction"], field), (text, match)
            for highlight in edge["highlights"]:
                assert _plain(highlight) in published_values[object_id], (text, highlight)


# ------------------------------------------------------------------ the issue


async def test_issue_12_parties_of_unpublished_data_are_not_nodes(
    client: Any, runtime: Runtime
) -> None:
    """Reported: anonymous ``node(id: "Party:37")`` gave "Осмонов Бакыт", an authorized
    person only (R174 A1 T1 7, not published), and ``Party:23`` a company of the
    goods-turnover data only (T1 6.4.2, not published)."""
    public = (
        select(ObjectParty.party_id)
        .join(IPObject, IPObject.id == ObjectParty.object_id)
        .where(IPObject.published.is_(True),
               ObjectParty.role.in_(("holder", "representative")))
    )
    authorized_only = await _scalars(runtime, except_(
        select(ObjectParty.party_id).where(ObjectParty.role == "authorized_person"), public))
    turnover_only = await _scalars(runtime, except_(
        select(EaeuTurnoverParty.party_id), select(ObjectParty.party_id)))
    assert authorized_only and turnover_only, "the demo has both"
    query = "query($id: ID!) { node(id: $id) { ... on Party { name partyType } } }"
    for party_id in sorted({*authorized_only, *turnover_only}):
        data = (await client.query(query, {"id": to_base64("Party", party_id)}))["data"]
        assert data == {"node": None}, party_id
    # A right holder of a published entry (T1 3) is published.
    [holder] = await _scalars(runtime, public.limit(1))
    data = (await client.query(query, {"id": to_base64("Party", holder)}))["data"]
    assert data["node"]["name"]
    # Officials of the register (R174 p.10) and the person itself still read them.
    official = Principal(kind="user", subject="eec",
                         grants=frozenset({Grant("commission_official", "eaeu")}))
    for party_id in (authorized_only[0], turnover_only[0]):
        gid = {"id": to_base64("Party", party_id)}
        for viewer in (official, Principal(kind="user", subject="self", party_id=party_id)):
            assert (await _as(runtime, viewer, query, gid))["data"]["node"]["name"]


async def _as(runtime: Runtime, viewer: Principal, query: str,
              variables: dict[str, Any]) -> dict[str, Any]:
    """Execute ``query`` as ``viewer`` (as tests/eaeu does)."""
    from ipreg.schema.context import Context
    from ipreg.schema.reader import Reader

    reader = Reader(runtime.engine)
    try:
        result = await build_schema(runtime.registry, runtime.settings).execute(
            query, variable_values=variables,
            context_value=Context(runtime=runtime, reader=reader, viewer=viewer))
    finally:
        await reader.close()
    assert not result.errors, result.errors
    return {"data": result.data}


async def test_issue_12_unpublished_statuses_are_not_filters(
    client: Any, runtime: Runtime, indexed: Any
) -> None:
    """Reported: anonymous ``ipObjects(jurisdiction: "eaeu", status: "prolonged")``
    listed 44 entries by name, and ``search(filter: {statuses})`` with its status facet
    showed the same, although the EAEU status (R174 A1 T1 item 8) is not published and
    ``eaeuEntries`` withholds it."""
    prolonged = await _scalars(runtime, select(IPObject.id).where(
        IPObject.jurisdiction == "eaeu", IPObject.status == "prolonged",
        IPObject.published.is_(True)))
    assert prolonged, "the demo has prolonged entries"
    result = await client.query(
        '{ ipObjects(jurisdiction: "eaeu", status: "prolonged") { totalCount nodes { name } } }')
    assert result["data"] is None
    assert _refused(result, "status")
    data = (await client.query(
        '{ ipObjects(status: "prolonged") { totalCount nodes { jurisdiction } } }'))["data"]
    assert data["ipObjects"]["totalCount"] == 0
    data = (await client.query(
        '{ eaeuEntries(filter: {status: "prolonged"}) { totalCount } }'))["data"]
    assert data["eaeuEntries"]["totalCount"] == 0
    names = await _scalars(runtime, select(IPObject.name).where(IPObject.id.in_(prolonged)))
    for name in names[:5]:
        answer = await _search(client, name, statuses=["prolonged"])
        assert answer["data"]["search"]["totalCount"] == 0, name
        assert answer["data"]["search"]["edges"] == []
        answer = await _search(client, name)
        assert "prolonged" not in {
            f["value"] for f in answer["data"]["search"]["facets"]["status"]}, name
        answer = await _search(client, name, jurisdictions=["eaeu"], statuses=["prolonged"])
        assert _refused(answer, "filter.statuses")
