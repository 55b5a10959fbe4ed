"""Rows of register entries, read on the source and written into a replica database.

P.SP.01.PRC.009/010 for exact copies (``ipreg eaeu sync --from URL``). A page of
``eaeuRegisterChanges`` / ``eaeuTurnoverChanges`` names the entries that changed;
its ``replicaRows`` field carries, for those entries, the current rows of every
table an answer of the register is built from: the core IP object with its
keywords, parties, goods (codes, Nice classes), right terms per member state,
documents and status history, the parties (table 2 with tables 4-6), documents
(table 3) and stored-file metadata they refer to, and the plugin's entry, protection
periods, goods details and turnover data (tables 7-10). Rows keep their source
ids, so the answers of a server on the replica name the same ids.

:func:`collect` reads them (source side). :func:`apply_rows` writes them into the
replica (replica side): it replaces the rows of each named entry and removes
entries that are no longer in the register. It is idempotent: the rows are the
entry's whole current state, not a difference, so applying a page twice, or a
page whose rows are newer than its changes, leaves the same replica. The caller
commits the rows and the advance of the replica's position (a ``feed_cursor``
row) in one transaction.

A replica database is a read-only copy of one source: it must hold no register
data of its own (checked on the first run), and nothing else writes to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
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
    text,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db import utcnow
from ipreg.core.errors import IpregError
from ipreg.core.feed import record_change
from ipreg.core.model import (
    Address,
    Contact,
    Document,
    Employee,
    Goods,
    GoodsCode,
    IdentityDocument,
    IPObject,
    Keyword,
    NiceClass,
    ObjectDocument,
    ObjectParty,
    Party,
    RightTerm,
    StatusRecord,
    StoredFile,
    SubscriberCursor,
)
from ipreg.core.services.objects import load_object, snapshot
from ipreg.plugins.eaeu.models import (
    EaeuBorderCrossing,
    EaeuCustomsPlace,
    EaeuEntry,
    EaeuFeatureFile,
    EaeuGoodsDetail,
    EaeuGoodsFeature,
    EaeuLogistics,
    EaeuProtectionPeriod,
    EaeuRoute,
    EaeuRoutePoint,
    EaeuTransportFeature,
    EaeuTurnover,
    EaeuTurnoverParty,
)

FORMAT = "ipreg-eaeu-replica/1"
JURISDICTION = "eaeu"
#: ``feed_cursor`` rows of a replica: the last source position applied, per feed.
CURSOR_PREFIX = "eaeu-replica:"
#: Statement parameters per ``IN (...)`` list (SQLite allows 32766 per statement).
CHUNK = 500

Fetch = Callable[[Executable], Awaitable[Sequence[Row[Any]]]]


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


@dataclass(frozen=True)
class Part:
    """A table of an entry's tree: its rows are those whose ``key`` names a row of
    ``parent`` (``None``: ``key`` is the IP object's id)."""

    table: Table
    key: str
    parent: str | None = None


#: The entry's own rows, parents before children (the order of inserts).
TREE: tuple[Part, ...] = (
    Part(_table(IPObject), "id"),
    Part(_table(Keyword), "object_id"),
    Part(_table(ObjectParty), "object_id"),
    Part(_table(Goods), "object_id"),
    Part(_table(GoodsCode), "goods_id", "ip_object_goods"),
    Part(_table(NiceClass), "goods_id", "ip_object_goods"),
    Part(_table(RightTerm), "object_id"),
    Part(_table(ObjectDocument), "object_id"),
    Part(_table(StatusRecord), "object_id"),
    Part(_table(EaeuEntry), "object_id"),
    Part(_table(EaeuProtectionPeriod), "object_id"),
    Part(_table(EaeuGoodsDetail), "object_id"),
    Part(_table(EaeuTurnover), "object_id"),
    Part(_table(EaeuTurnoverParty), "turnover_id", "eaeu_turnover"),
    Part(_table(EaeuLogistics), "turnover_id", "eaeu_turnover"),
    Part(_table(EaeuRoute), "logistics_id", "eaeu_logistics"),
    Part(_table(EaeuRoutePoint), "route_id", "eaeu_route"),
    Part(_table(EaeuBorderCrossing), "logistics_id", "eaeu_logistics"),
    Part(_table(EaeuCustomsPlace), "logistics_id", "eaeu_logistics"),
    Part(_table(EaeuGoodsFeature), "turnover_id", "eaeu_turnover"),
    Part(_table(EaeuTransportFeature), "feature_id", "eaeu_goods_feature"),
    Part(_table(EaeuFeatureFile), "feature_id", "eaeu_goods_feature"),
)
#: Rows entries share (referred to by id), written before the entries' rows.
PARTY_PARTS: tuple[Part, ...] = (
    Part(_table(IdentityDocument), "party_id"),
    Part(_table(Address), "party_id"),
    Part(_table(Contact), "party_id"),
    Part(_table(Employee), "party_id"),
)
FILES, PARTIES, DOCUMENTS = _table(StoredFile), _table(Party), _table(Document)
#: Columns naming rows the replica does not hold (the procedures' cases): sent as null.
NOT_REPLICATED = {("eaeu_entry", "inclusion_case_id"), ("eaeu_protection_period", "case_id")}
TABLES = {t.name: t for t in (*(p.table for p in TREE), *(p.table for p in PARTY_PARTS),
                              FILES, PARTIES, DOCUMENTS)}


class ReplicaError(IpregError):
    code = "REPLICA_REFUSED"


# ---------------------------------------------------------------- JSON of rows


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _row_json(table: Table, row: Row[Any]) -> dict[str, Any]:
    values = row._mapping
    # str(): names are ``quoted_name``, a str subclass JSON encoders refuse as keys.
    return {str(c.name): None if (table.name, c.name) in NOT_REPLICATED
            else _encode(values[c.name]) for c in table.columns}


def _decode(column: Column[Any], value: Any) -> Any:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(value, str) and isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(value, str) and isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    return value


def _row_values(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    return {c.name: _decode(c, row.get(c.name)) for c in table.columns}


def _chunks(values: Iterable[Any]) -> list[list[Any]]:
    items = sorted(set(values))
    return [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]


async def _rows_in(fetch: Fetch, table: Table, column: str, values: Iterable[Any]
                   ) -> list[Row[Any]]:
    out: list[Row[Any]] = []
    pk = [c for c in table.primary_key.columns]
    for chunk in _chunks(values):
        out += await fetch(select(table).where(table.c[column].in_(chunk)).order_by(*pk))
    return out


# ---------------------------------------------------------------- source side


async def collect(fetch: Fetch, object_ids: Iterable[int]) -> dict[str, Any]:
    """The current rows of the register entries ``object_ids`` (``replicaRows``).

    ``{format, objectIds, removed, tables: {table: [row, ...]}}``; ``removed`` are
    the ids that are no longer entries of the register (no IP object, or no
    registration number): a replica drops them.
    """
    ids = sorted(set(object_ids))
    entries = _table(EaeuEntry)
    present: set[int] = set()
    for chunk in _chunks(ids):
        present |= {int(r[0]) for r in await fetch(
            select(entries.c.object_id).where(entries.c.object_id.in_(chunk),
                                              entries.c.sequence_number.is_not(None)))}
    kept = [i for i in ids if i in present]
    tables: dict[str, list[dict[str, Any]]] = {}
    fetched: dict[str, list[Row[Any]]] = {}
    for part in TREE:
        if part.parent is None:
            keys: Iterable[Any] = kept
        else:
            keys = [r.id for r in fetched[part.parent]]
        rows = await _rows_in(fetch, part.table, part.key, keys)
        fetched[part.table.name] = rows
        tables[str(part.table.name)] = [_row_json(part.table, r) for r in rows]
    party_ids = {r.party_id for r in fetched["ip_object_party"]}
    party_ids |= {r.party_id for r in fetched["eaeu_turnover_party"]}
    party_ids |= {r.applicant_id for r in fetched["eaeu_entry"] if r.applicant_id is not None}
    parties = await _rows_in(fetch, PARTIES, "id", party_ids)
    tables[str(PARTIES.name)] = [_row_json(PARTIES, r) for r in parties]
    for part in PARTY_PARTS:
        tables[str(part.table.name)] = [_row_json(part.table, r) for r in
                                   await _rows_in(fetch, part.table, "party_id", party_ids)]
    documents = await _rows_in(fetch, DOCUMENTS, "id",
                               {r.document_id for r in fetched["ip_object_document"]})
    tables[str(DOCUMENTS.name)] = [_row_json(DOCUMENTS, r) for r in documents]
    shas = {r.file_sha256 for r in documents if r.file_sha256}
    shas |= {r.file_sha256 for r in fetched["eaeu_feature_file"]}
    tables[str(FILES.name)] = [_row_json(FILES, r) for r in await _rows_in(fetch, FILES, "sha256",
                                                                       shas)]
    return {"format": FORMAT, "objectIds": ids, "removed": [i for i in ids if i not in present],
            "tables": tables}


# ---------------------------------------------------------------- replica side


def _ids_of(part: Part, object_ids: Sequence[int]) -> Any:
    """A select of the ``id`` of ``part``'s rows of the entries ``object_ids``."""
    by_name = {p.table.name: p for p in TREE}

    def rows_of(p: Part) -> Any:
        if p.parent is None:
            return p.table.c[p.key].in_(object_ids)
        parent = by_name[p.parent]
        return p.table.c[p.key].in_(select(parent.table.c.id).where(rows_of(parent)))

    return rows_of(part)


async def _upsert(session: AsyncSession, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert the rows, or update those whose primary key is there already."""
    if not rows:
        return
    (pk,) = table.primary_key.columns
    values = [_row_values(table, r) for r in rows]
    found: set[Any] = set()
    for chunk in _chunks(v[pk.name] for v in values):
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


async def _insert_fresh(session: AsyncSession, table: Table,
                        rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows; a row of another entry still holding one of their ids (the source
    reused it after a deletion not yet replicated) is removed first."""
    if not rows:
        return
    values = [_row_values(table, r) for r in rows]
    if "id" in table.c:
        for chunk in _chunks(v["id"] for v in values):
            await session.execute(delete(table).where(table.c.id.in_(chunk)))
    await session.execute(insert(table), values)


@dataclass
class Applied:
    """What one page of rows did to the replica."""

    written: list[int]
    #: Entries removed, with the version their removal event gets.
    removed: dict[int, int]


async def apply_rows(session: AsyncSession, data: dict[str, Any]) -> Applied:
    """Make the replica's rows of the entries in ``data`` (``replicaRows``) equal to them."""
    if data.get("format") != FORMAT:
        raise ReplicaError(f"replica rows in format {data.get('format')!r}; this client "
                           f"reads {FORMAT!r}")
    ids = [int(i) for i in data["objectIds"]]
    removed = [int(i) for i in data["removed"]]
    tables: dict[str, list[dict[str, Any]]] = data["tables"]
    if not ids:
        return Applied([], {})
    objects = _table(IPObject)
    gone: dict[int, int] = {}
    for chunk in _chunks(removed):
        gone.update({int(r.id): int(r.version) + 1 for r in await session.execute(
            select(objects.c.id, objects.c.version).where(objects.c.id.in_(chunk)))})
    for chunk in _chunks(ids):
        for part in reversed(TREE[1:]):
            await session.execute(delete(part.table).where(_ids_of(part, chunk)))
    for chunk in _chunks(gone):
        await session.execute(delete(objects).where(objects.c.id.in_(chunk)))
    await _upsert(session, FILES, tables.get(FILES.name, []))
    parties = tables.get(PARTIES.name, [])
    await _upsert(session, PARTIES, parties)
    for chunk in _chunks(int(p["id"]) for p in parties):
        for part in PARTY_PARTS:
            await session.execute(delete(part.table).where(part.table.c.party_id.in_(chunk)))
    for part in PARTY_PARTS:
        await _insert_fresh(session, part.table, tables.get(part.table.name, []))
    await _upsert(session, DOCUMENTS, tables.get(DOCUMENTS.name, []))
    await _upsert(session, TREE[0].table, tables.get(TREE[0].table.name, []))
    for part in TREE[1:]:
        await _insert_fresh(session, part.table, tables.get(part.table.name, []))
    if session.get_bind().dialect.name == "postgresql":
        for name in TABLES:
            if name != FILES.name and "id" in TABLES[name].c and tables.get(name):
                await session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                    f"(SELECT max(id) FROM \"{name}\"))"))
    written = sorted({int(r["id"]) for r in tables.get(TREE[0].table.name, [])})
    return Applied(written, gone)


def _snapshot(obj: IPObject, parties: dict[int, Party]) -> Callable[[], dict[str, Any]]:
    return lambda: snapshot(obj, parties)


async def record_replicated(session: AsyncSession, applied: Applied,
                            changes: Sequence[tuple[str, int, dict[str, Any]]]) -> None:
    """The replica's own change feed: its search index, cached answers and replicas of
    the replica follow it. An ``ip_object`` event per entry written or removed, and
    the source's ``eaeu_entry`` / ``eaeu_turnover`` changes, mirrored."""
    versions: dict[int, int] = {}
    for object_id in applied.written:
        obj = await load_object(session, object_id)
        versions[object_id] = obj.version
        ids = [link.party_id for link in obj.parties]
        parties = {p.id: p for p in (await session.execute(
            select(Party).where(Party.id.in_(ids)))).scalars()} if ids else {}
        record_change(session, "ip_object", obj, "update", _snapshot(obj, parties),
                      jurisdiction=JURISDICTION)
    for object_id, version in applied.removed.items():
        record_change(session, "ip_object", None, "delete", {"id": object_id},
                      jurisdiction=JURISDICTION, entity_id=object_id, version=version)
        versions[object_id] = version
    for entity, object_id, payload in changes:
        record_change(session, entity, None, "update", payload, jurisdiction=JURISDICTION,
                      entity_id=object_id, version=versions.get(object_id, 0))


# ---------------------------------------------------------------- positions


async def position(session: AsyncSession, feed: str, *, lock: bool = False) -> int:
    """The last source position of ``feed`` applied to this replica (0: none)."""
    stmt = select(SubscriberCursor.position).where(SubscriberCursor.name == CURSOR_PREFIX + feed)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    found = (await session.execute(stmt)).scalar_one_or_none()
    return int(found or 0)


async def advance(session: AsyncSession, feed: str, to: int) -> None:
    """Move the position of ``feed`` forward to ``to`` (in the caller's transaction)."""
    name = CURSOR_PREFIX + feed
    row = await session.get(SubscriberCursor, name)
    if row is None:
        session.add(SubscriberCursor(name=name, position=to, updated_at=utcnow()))
    elif to > row.position:
        row.position = to
        row.updated_at = utcnow()
    await session.flush()


async def check_replica(session: AsyncSession, feeds: Iterable[str]) -> None:
    """A database that never replicated must hold no IP objects or parties of its own:
    the replica writes the source's rows under the source's ids."""
    names = [CURSOR_PREFIX + f for f in feeds]
    started = await session.scalar(select(func.count()).select_from(SubscriberCursor)
                                   .where(SubscriberCursor.name.in_(names)))
    if started:
        return
    objects = await session.scalar(select(func.count()).select_from(IPObject))
    parties = await session.scalar(select(func.count()).select_from(Party))
    if objects or parties:
        raise ReplicaError(f"the database holds {objects} IP objects and {parties} parties of "
                           "its own: a replica is a fresh database (`ipreg db upgrade`) that "
                           "only `ipreg eaeu sync` writes to")


__all__ = ["FORMAT", "Applied", "ReplicaError", "advance", "apply_rows", "check_replica",
           "collect", "position", "record_replicated"]
