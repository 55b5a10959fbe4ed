"""Replicas: IP objects copied into another ipreg database under their source ids.

The only writer of the core object tables on a replica. A register that keeps
exact copies of itself (``ipreg eaeu sync``) sends, for the objects that
changed, the current rows of every table they are built from, as JSON:

* source side, :func:`collect_objects`: the object with its keywords, party
  links, goods (codes, Nice classes), right terms, document links and status
  history; the parties linked (with their identity document, addresses,
  contacts, employees), the documents and the stored-file metadata they refer
  to — and the parties and files a register's own rows name;
* replica side, :func:`replace_objects`: the replica's rows of those objects are
  replaced by the source's, objects no longer at the source are removed, and an
  ``ip_object`` event (:func:`~ipreg.core.services.objects.snapshot`) is recorded
  per object written or removed, so the replica's own indexer, cached answers
  and replicas follow.

The rows are the objects' whole current state, not a difference: applying them
twice leaves the same replica. A register copies its own tables beside them
with the same helpers (:class:`Part`, :func:`collect_tree`, :func:`delete_tree`,
:func:`insert_fresh`): it deletes its rows of the objects first, calls
:func:`replace_objects`, then inserts its rows. A replica database holds no
objects or parties of its own (:func:`local_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Executable,
    Table,
    TypeDecorator,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core import model
from ipreg.core.db.bulk import move_sequences, table_of
from ipreg.core.feed import record_change
from ipreg.core.services.objects import ENTITY, FULL_LOAD, snapshot

#: Statement parameters per ``IN (...)`` list (SQLite allows 32766 per statement).
CHUNK = 500

Fetch = Callable[[Executable], Awaitable[Sequence[Row[Any]]]]


@dataclass(frozen=True)
class Part:
    """A table of an object's tree: its rows are those whose ``key`` names a row of
    ``parent`` (``None``: ``key`` is the IP object's id)."""

    table: Table
    key: str
    parent: str | None = None


#: The object and its own rows, parents before children (the order of inserts).
OBJECT_PARTS: tuple[Part, ...] = (
    Part(table_of(model.IPObject), "id"),
    Part(table_of(model.Keyword), "object_id"),
    Part(table_of(model.ObjectParty), "object_id"),
    Part(table_of(model.Goods), "object_id"),
    Part(table_of(model.GoodsCode), "goods_id", "ip_object_goods"),
    Part(table_of(model.NiceClass), "goods_id", "ip_object_goods"),
    Part(table_of(model.RightTerm), "object_id"),
    Part(table_of(model.ObjectDocument), "object_id"),
    Part(table_of(model.StatusRecord), "object_id"),
)
#: The rows of a party (written after the party, replaced with it).
PARTY_PARTS: tuple[Part, ...] = (
    Part(table_of(model.IdentityDocument), "party_id"),
    Part(table_of(model.Address), "party_id"),
    Part(table_of(model.Contact), "party_id"),
    Part(table_of(model.Employee), "party_id"),
)
FILES = table_of(model.StoredFile)
PARTIES = table_of(model.Party)
DOCUMENTS = table_of(model.Document)
OBJECTS = OBJECT_PARTS[0].table


# ---------------------------------------------------------------- rows as JSON


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def row_json(table: Table, row: Row[Any], nulls: Collection[str] = ()) -> dict[str, Any]:
    """A row as JSON; the columns ``nulls`` are sent as null (rows the replica lacks)."""
    values = row._mapping
    # str(): names are ``quoted_name``, a str subclass JSON encoders refuse as keys.
    return {str(c.name): None if c.name in nulls else _encode(values[c.name])
            for c in table.columns}


def _decode(column: Column[Any], value: Any) -> Any:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(value, str) and isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(value, str) and isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    return value


def _row_values(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    return {c.name: _decode(c, row.get(c.name)) for c in table.columns}


def chunks(values: Iterable[Any]) -> list[list[Any]]:
    """The distinct ``values``, sorted, in lists of :data:`CHUNK`."""
    items = sorted(set(values))
    return [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]


async def rows_in(fetch: Fetch, table: Table, column: str, values: Iterable[Any]
                  ) -> list[Row[Any]]:
    """The rows of ``table`` whose ``column`` is one of ``values``, by primary key."""
    out: list[Row[Any]] = []
    pk = list(table.primary_key.columns)
    for chunk in chunks(values):
        out += await fetch(select(table).where(table.c[column].in_(chunk)).order_by(*pk))
    return out


# ---------------------------------------------------------------- source side


@dataclass
class Collected:
    """Rows read on the source: as JSON by table name, and as read (for the ids in them)."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rows: dict[str, list[Row[Any]]] = field(default_factory=dict)


async def collect_tree(fetch: Fetch, parts: Sequence[Part], object_ids: Sequence[int],
                       nulls: Collection[tuple[str, str]] = ()) -> Collected:
    """The rows of ``parts`` of the objects ``object_ids`` (parents before children);
    ``nulls`` are (table, column) pairs sent as null."""
    out = Collected()
    for part in parts:
        keys: Iterable[Any] = object_ids if part.parent is None else [
            r.id for r in out.rows[part.parent]]
        rows = await rows_in(fetch, part.table, part.key, keys)
        name = str(part.table.name)
        out.rows[name] = rows
        skip = {column for table, column in nulls if table == name}
        out.tables[name] = [row_json(part.table, r, skip) for r in rows]
    return out


async def collect_objects(fetch: Fetch, object_ids: Sequence[int], *,
                          party_ids: Iterable[int] = (), files: Iterable[str] = ()
                          ) -> dict[str, list[dict[str, Any]]]:
    """The core rows of the objects ``object_ids`` as JSON by table name: their trees,
    the parties they link and ``party_ids`` with the parties' rows, their documents,
    and the metadata of the stored files of the documents and of ``files``."""
    got = await collect_tree(fetch, OBJECT_PARTS, object_ids)
    tables = got.tables
    wanted = {r.party_id for r in got.rows["ip_object_party"]} | set(party_ids)
    tables[str(PARTIES.name)] = [row_json(PARTIES, r)
                                 for r in await rows_in(fetch, PARTIES, "id", wanted)]
    for part in PARTY_PARTS:
        tables[str(part.table.name)] = [
            row_json(part.table, r) for r in await rows_in(fetch, part.table, "party_id", wanted)]
    documents = await rows_in(fetch, DOCUMENTS, "id",
                              {r.document_id for r in got.rows["ip_object_document"]})
    tables[str(DOCUMENTS.name)] = [row_json(DOCUMENTS, r) for r in documents]
    shas = {r.file_sha256 for r in documents if r.file_sha256} | set(files)
    tables[str(FILES.name)] = [row_json(FILES, r)
                               for r in await rows_in(fetch, FILES, "sha256", shas)]
    return tables


# ---------------------------------------------------------------- replica side


def _rows_of(parts: Sequence[Part], part: Part, object_ids: Sequence[int]) -> Any:
    """The condition on ``part``'s rows of the objects ``object_ids``."""
    if part.parent is None:
        return part.table.c[part.key].in_(object_ids)
    parent = next(p for p in parts if p.table.name == part.parent)
    return part.table.c[part.key].in_(
        select(parent.table.c.id).where(_rows_of(parts, parent, object_ids)))


async def delete_tree(session: AsyncSession, parts: Sequence[Part],
                      object_ids: Sequence[int]) -> None:
    """Delete the rows of ``parts`` of the objects ``object_ids``, children first."""
    for chunk in chunks(object_ids):
        for part in reversed(parts):
            await session.execute(delete(part.table).where(_rows_of(parts, part, chunk)))


async def upsert(session: AsyncSession, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert the JSON rows, or update those whose primary key is there already."""
    if not rows:
        return
    (pk,) = table.primary_key.columns
    values = [_row_values(table, r) for r in rows]
    found: set[Any] = set()
    for chunk in chunks(v[pk.name] for v in values):
        found |= {r[0] for r in await session.execute(select(pk).where(pk.in_(chunk)))}
    fresh = [v for v in values if v[pk.name] not in found]
    known = [v for v in values if v[pk.name] in found]
    if fresh:
        await session.execute(insert(table), fresh)
    if known:
        others = [c.name for c in table.columns if c.name != pk.name]
        stmt = (update(table).where(pk == bindparam("_pk"))
                .values({name: bindparam(name) for name in others}))
        await session.execute(stmt, [{"_pk": v[pk.name], **{n: v[n] for n in others}}
                                     for v in known])


async def insert_fresh(session: AsyncSession, table: Table,
                       rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert JSON rows; a row of another object still holding one of their ids (the
    source reused it after a deletion not yet replicated) is removed first."""
    if not rows:
        return
    values = [_row_values(table, r) for r in rows]
    if "id" in table.c:
        for chunk in chunks(v["id"] for v in values):
            await session.execute(delete(table).where(table.c.id.in_(chunk)))
    await session.execute(insert(table), values)


@dataclass
class Replaced:
    """What :func:`replace_objects` did: the objects written, the objects removed, and
    the version of each (a removed object's is that of its removal event)."""

    written: list[int]
    removed: dict[int, int]
    versions: dict[int, int]


async def replace_objects(session: AsyncSession, object_ids: Sequence[int],
                          removed: Sequence[int], tables: Mapping[str, Sequence[Mapping[str, Any]]],
                          *, jurisdiction: str | None = None) -> Replaced:
    """Make the replica's core rows of ``object_ids`` those of ``tables`` (JSON rows by
    table name, as :func:`collect_objects` gives them), remove the objects ``removed``,
    and record an ``ip_object`` event for each. A register's own rows of these objects
    must be deleted before and written after."""
    gone: dict[int, int] = {}
    for chunk in chunks(removed):
        gone.update({int(r.id): int(r.version) + 1 for r in await session.execute(
            select(OBJECTS.c.id, OBJECTS.c.version).where(OBJECTS.c.id.in_(chunk)))})
    await delete_tree(session, OBJECT_PARTS[1:], object_ids)
    for chunk in chunks(gone):
        await session.execute(delete(OBJECTS).where(OBJECTS.c.id.in_(chunk)))
    await upsert(session, FILES, tables.get(FILES.name, []))
    parties = tables.get(PARTIES.name, [])
    await upsert(session, PARTIES, parties)
    for chunk in chunks(int(p["id"]) for p in parties):
        for part in PARTY_PARTS:
            await session.execute(delete(part.table).where(part.table.c.party_id.in_(chunk)))
    for part in PARTY_PARTS:
        await insert_fresh(session, part.table, tables.get(part.table.name, []))
    await upsert(session, DOCUMENTS, tables.get(DOCUMENTS.name, []))
    await upsert(session, OBJECTS, tables.get(OBJECTS.name, []))
    for part in OBJECT_PARTS[1:]:
        await insert_fresh(session, part.table, tables.get(part.table.name, []))
    written_tables = [PARTIES, DOCUMENTS, *(p.table for p in (*OBJECT_PARTS, *PARTY_PARTS))]
    await move_sequences(session, [t for t in written_tables if tables.get(t.name)])
    written = sorted({int(r["id"]) for r in tables.get(OBJECTS.name, [])})
    versions = await _record(session, written, gone, jurisdiction)
    return Replaced(written, gone, versions)


async def _record(session: AsyncSession, written: Sequence[int], gone: Mapping[int, int],
                  jurisdiction: str | None) -> dict[int, int]:
    """An ``update`` event per object written and a ``delete`` event per object removed."""
    versions: dict[int, int] = {}
    for chunk in chunks(written):
        objects = {o.id: o for o in (await session.execute(
            select(model.IPObject).where(model.IPObject.id.in_(chunk)).options(*FULL_LOAD)
            .execution_options(populate_existing=True))).scalars()}
        ids = {link.party_id for o in objects.values() for link in o.parties}
        parties = {p.id: p for p in (await session.execute(
            select(model.Party).where(model.Party.id.in_(ids)))).scalars()} if ids else {}
        for object_id in chunk:
            obj = objects[object_id]
            versions[object_id] = obj.version
            record_change(session, ENTITY, obj, "update", _snapshot(obj, parties),
                          jurisdiction=jurisdiction or obj.jurisdiction)
    for object_id, version in gone.items():
        record_change(session, ENTITY, None, "delete", {"id": object_id},
                      jurisdiction=jurisdiction, entity_id=object_id, version=version)
        versions[object_id] = version
    return versions


def _snapshot(obj: model.IPObject, parties: Mapping[int, model.Party]
              ) -> Callable[[], dict[str, Any]]:
    return lambda: snapshot(obj, parties)


async def local_rows(session: AsyncSession) -> tuple[int, int]:
    """How many IP objects and parties the database holds (a new replica holds none)."""
    objects = await session.scalar(select(func.count()).select_from(model.IPObject))
    parties = await session.scalar(select(func.count()).select_from(model.Party))
    return int(objects or 0), int(parties or 0)


__all__ = [
    "CHUNK",
    "OBJECT_PARTS",
    "PARTY_PARTS",
    "Collected",
    "Fetch",
    "Part",
    "Replaced",
    "chunks",
    "collect_objects",
    "collect_tree",
    "delete_tree",
    "insert_fresh",
    "local_rows",
    "replace_objects",
    "row_json",
    "rows_in",
    "upsert",
]
