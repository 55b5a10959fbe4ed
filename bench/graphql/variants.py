"""Experimental variants of the ipreg server, for the benchmark only.

Each variant starts the real application (``create_app``) and then changes one
thing *inside this benchmark process* (monkeypatching or wrapping), to measure
what a proposed change to ``schema/`` would buy before anyone writes it:

  baseline   the application as it is (same as ``ipreg serve``)
  validcache the schema's extension factories that build a validation rule
             class per request (QueryDepthLimiter, MaxAliasesLimiter as
             ``lambda: QueryDepthLimiter(...)``) replaced by factories that reuse
             one rule class, so strawberry's ValidationCache can hit; a no-op
             where the schema already does that
  prebuilt   the loaders' SELECTs built once at import, with an expanding
             ``bindparam`` (still SQLAlchemy async + aiosqlite per statement)
  rawsqlite  the loaders run pre-compiled SQL on one shared ``sqlite3``
             connection, synchronously on the event loop (no SQLAlchemy
             execution, no aiosqlite thread hand-off); result types converted
             with SQLAlchemy's own result processors, resolved once
  inmemory   the loaders answer from dicts filled at start-up (the ceiling of
             strawberry + DataLoader without any database)
  inmemsync  inmemory, and the relation fields of IPObject (holders, goods,
             statusHistory, ...) resolved synchronously from the preloaded data
             instead of awaiting a DataLoader: the cost of strawberry and
             graphql-core themselves when the relations are prefetched
  cache      the unchanged application behind a response cache for anonymous
             POST /graphql, keyed by (feed_head.position, Accept,
             Accept-Language, body); the position is read per request with one
             raw sqlite3 query (so a commit by any process invalidates it)

Every variant but ``baseline`` includes ``validcache``, so each row shows what
its own change adds on top of that first fix.

None of this is production code: it is deliberately minimal, SQLite-only, and
reads data the benchmark does not change.

Run: ``python bench/graphql/variants.py --variant rawsqlite --database sqlite:////tmp/x.db``
"""

from __future__ import annotations

import argparse
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

VARIANTS = ("baseline", "validcache", "prebuilt", "rawsqlite", "inmemory", "inmemsync", "cache")


# --------------------------------------------------------------------------- statements


def _statements() -> dict[str, Any]:
    """The loaders' statements, as in ipreg.schema.loaders, with ``:ids`` expanding."""
    from sqlalchemy import String, bindparam, cast, literal, select, union_all

    from ipreg.core.model import (
        Goods,
        GoodsCode,
        IPObject,
        Keyword,
        NiceClass,
        ObjectParty,
        Party,
        RightTerm,
        StatusRecord,
    )
    from ipreg.schema.loaders import object_select

    ids = bindparam("ids", expanding=True)
    codes = select(GoodsCode.goods_id.label("goods_id"), literal("code").label("part"),
                   GoodsCode.code.label("value"), GoodsCode.id.label("ord"))
    classes = select(NiceClass.goods_id, literal("nice"), cast(NiceClass.number, String),
                     NiceClass.id)
    detail = union_all(codes, classes).subquery()
    return {
        "object_by_id": object_select().where(IPObject.id.in_(ids)),
        "party_by_id": select(Party.__table__).where(Party.id.in_(ids)),
        "keywords": select(Keyword.object_id, Keyword.value, Keyword.transliteration)
        .where(Keyword.object_id.in_(ids)).order_by(Keyword.object_id, Keyword.position),
        "parties": select(ObjectParty.object_id, ObjectParty.role, Party.__table__)
        .join(Party, Party.id == ObjectParty.party_id)
        .where(ObjectParty.object_id.in_(ids))
        .order_by(ObjectParty.object_id, ObjectParty.position),
        "goods": select(Goods.object_id, Goods.id, Goods.description, detail.c.part,
                        detail.c.value)
        .outerjoin(detail, detail.c.goods_id == Goods.id)
        .where(Goods.object_id.in_(ids))
        .order_by(Goods.object_id, Goods.position, Goods.id, detail.c.part, detail.c.ord),
        "status_history": select(StatusRecord.__table__)
        .where(StatusRecord.object_id.in_(ids))
        .order_by(StatusRecord.object_id, StatusRecord.id),
        "right_terms": select(RightTerm.__table__).where(RightTerm.object_id.in_(ids))
        .order_by(RightTerm.object_id, RightTerm.country),
    }


def _post(name: str, rows: Sequence[Any], ids: Sequence[int]) -> list[Any]:
    """The loader's grouping, as in ipreg.schema.loaders."""
    from ipreg.schema import loaders as L

    if name in ("object_by_id", "party_by_id"):
        return L._by_key(rows, ids, lambda r: r.id)
    if name == "goods":
        return L._group(L._fold_goods(rows), ids, lambda g: g["object_id"])
    return L._group(rows, ids, lambda r: r.object_id)


LOADER_CLASSES = {
    "object_by_id": "ObjectByIdLoader", "party_by_id": "PartyByIdLoader",
    "keywords": "KeywordsByObjectLoader", "parties": "PartiesByObjectLoader",
    "goods": "GoodsByObjectLoader", "status_history": "StatusHistoryByObjectLoader",
    "right_terms": "RightTermsByObjectLoader",
}


_ORIGINALS: dict[str, Any] = {}


def _patch_loaders(make_batch: Callable[[str], Callable[..., Any]]) -> None:
    from ipreg.schema import loaders as L

    for name, cls_name in LOADER_CLASSES.items():
        cls = getattr(L, cls_name)
        _ORIGINALS.setdefault(cls_name, cls.__dict__["batch_load_fn"])
        cls.batch_load_fn = make_batch(name)


def _restore_loaders() -> None:
    """Undo a previous variant's patch (cost.py builds several apps in one process)."""
    from ipreg.schema import loaders as L

    for cls_name, fn in _ORIGINALS.items():
        getattr(L, cls_name).batch_load_fn = fn


# --------------------------------------------------------------------------- prebuilt


def apply_prebuilt() -> None:
    statements = _statements()

    def make_batch(name: str) -> Callable[..., Any]:
        stmt = statements[name]

        async def batch_load_fn(self: Any, ids: Sequence[int]) -> list[Any]:
            reader = self.reader
            async with reader._lock:
                if reader._conn is None:
                    reader._conn = await reader.engine.connect()
                reader.statements += 1
                rows = (await reader._conn.execute(stmt, {"ids": list(ids)})).fetchall()
            return _post(name, rows, ids)

        return batch_load_fn

    _patch_loaders(make_batch)


# --------------------------------------------------------------------------- rawsqlite


class _Compiled:
    """One statement compiled once for SQLite: SQL text with an IN placeholder slot,
    the positional parameters, and one result processor per column."""

    def __init__(self, stmt: Any, dialect: Any) -> None:
        compiled = stmt.compile(dialect=dialect)
        sql = compiled.string
        token = "__[POSTCOMPILE_ids]"
        assert token in sql, sql
        self.head, self.tail = sql.split(token)
        self.params = [None if name == "ids" else compiled.params[name]
                       for name in compiled.positiontup]
        self.ids_at = compiled.positiontup.index("ids")
        columns = list(stmt.selected_columns)
        self.names = [c.key for c in columns]
        self.procs = [c.type._cached_result_processor(dialect, None) for c in columns]
        from collections import namedtuple

        self.row_type = namedtuple("Row", self.names, rename=True)  # type: ignore[misc]

    def run(self, conn: sqlite3.Connection, ids: Sequence[int]) -> list[Any]:
        sql = self.head + ", ".join("?" * len(ids)) + self.tail
        params = [*self.params[:self.ids_at], *ids, *self.params[self.ids_at + 1:]]
        procs = self.procs
        row_type = self.row_type
        out = []
        for raw in conn.execute(sql, params):
            out.append(row_type(*[p(v) if p else v for p, v in zip(procs, raw, strict=True)]))
        return out


def _sqlite_path(database_url: str) -> str:
    from sqlalchemy.engine import make_url

    path = make_url(database_url).database
    assert path, "SQLite file URL required"
    return path


def apply_rawsqlite(database_url: str) -> None:
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    dialect = sqlite_dialect.dialect()
    conn = sqlite3.connect(_sqlite_path(database_url), check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    compiled = {name: _Compiled(stmt, dialect) for name, stmt in _statements().items()}

    def make_batch(name: str) -> Callable[..., Any]:
        c = compiled[name]

        async def batch_load_fn(self: Any, ids: Sequence[int]) -> list[Any]:
            self.reader.statements += 1
            return _post(name, c.run(conn, ids), ids)

        return batch_load_fn

    _patch_loaders(make_batch)


# --------------------------------------------------------------------------- inmemory


def _load_tables(database_url: str) -> dict[str, dict[int, Any]]:
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    dialect = sqlite_dialect.dialect()
    conn = sqlite3.connect(_sqlite_path(database_url))
    all_ids = [r[0] for r in conn.execute("SELECT id FROM ip_object")]
    party_ids = [r[0] for r in conn.execute("SELECT id FROM party")]
    tables: dict[str, dict[int, Any]] = {}
    for name, stmt in _statements().items():
        keys = party_ids if name == "party_by_id" else all_ids
        values = _post(name, _Compiled(stmt, dialect).run(conn, keys), keys)
        tables[name] = dict(zip(keys, values, strict=True))
    conn.close()
    return tables


def apply_inmemory(database_url: str) -> dict[str, dict[int, Any]]:
    tables = _load_tables(database_url)

    def make_batch(name: str) -> Callable[..., Any]:
        table = tables[name]
        empty: Any = None if name in ("object_by_id", "party_by_id") else []

        async def batch_load_fn(self: Any, ids: Sequence[int]) -> list[Any]:
            return [table.get(i, empty) for i in ids]

        return batch_load_fn

    _patch_loaders(make_batch)
    return tables


_ORIGINAL_RESOLVERS: dict[str, Any] = {}


def apply_sync_relations(tables: dict[str, dict[int, Any]]) -> None:
    """Swap the async relation resolvers of IPObject for synchronous ones."""
    import strawberry
    from strawberry.types.fields.resolver import StrawberryResolver

    from ipreg.schema.types.ipobject import IPObject
    from ipreg.schema.types.parties import Party
    from ipreg.schema.types.values import Goods, KeywordValue, RightTerm, StatusRecord

    def keywords(self: Any, info: strawberry.Info) -> list[str]:
        return [r.value for r in tables["keywords"].get(self.id, [])]

    def keyword_details(self: Any, info: strawberry.Info) -> list[KeywordValue]:
        return [KeywordValue(value=r.value, transliteration=r.transliteration)
                for r in tables["keywords"].get(self.id, [])]

    def holders(self: Any, info: strawberry.Info) -> list[Party]:
        return [Party.from_row(r) for r in tables["parties"].get(self.id, [])
                if r.role == "holder"]

    def representatives(self: Any, info: strawberry.Info) -> list[Party]:
        return [Party.from_row(r) for r in tables["parties"].get(self.id, [])
                if r.role == "representative"]

    def goods(self: Any, info: strawberry.Info) -> list[Goods]:
        return [Goods(description=g["description"], hs_codes=g["codes"],
                      nice_classes=g["classes"]) for g in tables["goods"].get(self.id, [])]

    def status_history(self: Any, info: strawberry.Info) -> list[StatusRecord]:
        return [StatusRecord(status=r.status, date=r.date, basis_number=r.basis_number,
                             basis_date=r.basis_date)
                for r in tables["status_history"].get(self.id, [])]

    def right_terms(self: Any, info: strawberry.Info) -> list[RightTerm]:
        return [RightTerm(country=r.country, starts_on=r.starts_on, expires_on=r.expires_on,
                          term_defined=r.term_defined)
                for r in tables["right_terms"].get(self.id, [])]

    sync = {f.__name__: f for f in (keywords, keyword_details, holders, representatives,
                                     goods, status_history, right_terms)}
    returns = {"keywords": list[str], "keyword_details": list[KeywordValue],
               "holders": list[Party], "representatives": list[Party], "goods": list[Goods],
               "status_history": list[StatusRecord], "right_terms": list[RightTerm]}
    for field in IPObject.__strawberry_definition__.fields:
        fn = sync.get(field.python_name)
        if fn is None:
            continue
        fn.__annotations__ = {"info": strawberry.Info, "return": returns[field.python_name]}
        _ORIGINAL_RESOLVERS.setdefault(field.python_name, field.base_resolver)
        field.base_resolver = StrawberryResolver(fn)


def _restore_resolvers() -> None:
    from ipreg.schema.types.ipobject import IPObject

    for field in IPObject.__strawberry_definition__.fields:
        if field.python_name in _ORIGINAL_RESOLVERS:
            field.base_resolver = _ORIGINAL_RESOLVERS[field.python_name]


# --------------------------------------------------------------------------- cache


class ResponseCache:
    """ASGI middleware: cached responses of anonymous POST /graphql, keyed by the
    change feed's head position (read per request) and the request."""

    def __init__(self, app: Any, database_url: str, size: int = 10_000) -> None:
        self.app = app
        self.conn = sqlite3.connect(_sqlite_path(database_url), check_same_thread=False)
        self.conn.execute("PRAGMA query_only=ON")
        self.size = size
        self.entries: OrderedDict[tuple[Any, ...], tuple[int, list[Any], bytes]] = OrderedDict()
        self.hits = self.misses = 0

    def position(self) -> int:
        row = self.conn.execute("SELECT position FROM feed_head WHERE id = 1").fetchone()
        return int(row[0]) if row else 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != "/graphql":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if b"authorization" in headers or b"cookie" in headers:
            await self.app(scope, receive, send)  # only anonymous reads are shared
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        key = (self.position(), headers.get(b"accept"), headers.get(b"accept-language"),
               headers.get(b"content-type"), body)
        hit = self.entries.get(key)
        if hit is not None:
            self.hits += 1
            self.entries.move_to_end(key)
            status, response_headers, payload = hit
            await send({"type": "http.response.start", "status": status,
                        "headers": response_headers})
            await send({"type": "http.response.body", "body": payload})
            return
        self.misses += 1
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        start: dict[str, Any] = {}
        parts: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, replay, capture)
        payload = b"".join(parts)
        # Mutations and failures are never cached (a real version would cache only
        # query operations, decided after parsing).
        if (start.get("status") == 200 and b'"errors"' not in payload
                and b"mutation" not in body):
            self.entries[key] = (200, list(start.get("headers", [])), payload)
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)


# --------------------------------------------------------------------------- validcache


def apply_validcache(schema: Any) -> int:
    """Make per-request validation-rule extensions reuse their rule classes.

    strawberry's ValidationCache keys on (schema, document, rule classes); an
    ``AddValidationRules`` built per request brings new rule classes each time,
    so the cache never hits and every request is validated from scratch.
    Returns how many extension factories were replaced.
    """
    from strawberry.extensions import AddValidationRules, SchemaExtension

    replaced = 0
    extensions = []
    for ext in schema.extensions:
        if isinstance(ext, (SchemaExtension, type)):
            extensions.append(ext)
            continue
        try:
            probe = ext()
        except TypeError:
            extensions.append(ext)
            continue
        if isinstance(probe, AddValidationRules):
            rules = list(probe.validation_rules)
            extensions.append(lambda rules=rules: AddValidationRules(rules))
            replaced += 1
        else:
            extensions.append(ext)
    schema.extensions = tuple(extensions)
    return replaced


# --------------------------------------------------------------------------- main


def build_app(variant: str, database_url: str) -> Any:
    from ipreg.core.config import Settings
    from ipreg.core.runtime import Runtime
    from ipreg.schema.app import create_app

    _restore_loaders()
    _restore_resolvers()
    if variant == "prebuilt":
        apply_prebuilt()
    elif variant == "rawsqlite":
        apply_rawsqlite(database_url)
    elif variant == "inmemory":
        apply_inmemory(database_url)
    elif variant == "inmemsync":
        apply_sync_relations(apply_inmemory(database_url))
    runtime = Runtime.create(Settings.from_env(database_url=database_url))
    app = create_app(runtime)
    if variant != "baseline":
        apply_validcache(app.state.schema)
    if variant == "cache":
        return ResponseCache(app, database_url)
    return app


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", choices=VARIANTS, required=True)
    parser.add_argument("--database", required=True, help="sqlite:////path/to/demo.db")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8002)
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark serves on loopback only")
    app = build_app(args.variant, args.database)
    # Same call as ipreg.core.cli._serve.
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=False)


if __name__ == "__main__":
    main()
