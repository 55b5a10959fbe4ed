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
row, :func:`ipreg.core.feed.advance_cursor`) in one transaction.

The core tables are read and written by :mod:`ipreg.core.services.replica` (which
records the replica's ``ip_object`` events); this module adds the register's own
tables (:data:`ENTRY_PARTS`), deleted before the core's rows and written after them.

A replica database is a read-only copy of one source: it must hold no register
data of its own (checked on the first run), and nothing else writes to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db.bulk import move_sequences, table_of
from ipreg.core.errors import IpregError
from ipreg.core.feed import advance_cursor, cursors_started, read_cursor, record_change
from ipreg.core.services.replica import (
    Fetch,
    Part,
    Replaced,
    chunks,
    collect_objects,
    collect_tree,
    delete_tree,
    insert_fresh,
    local_rows,
    replace_objects,
)
from ipreg.plugins.eaeu import models

FORMAT = "ipreg-eaeu-replica/1"
JURISDICTION = "eaeu"
#: ``feed_cursor`` rows of a replica: the last source position applied, per feed.
CURSOR_PREFIX = "eaeu-replica:"

#: The register's own rows of an entry, parents before children (the order of inserts).
ENTRY_PARTS: tuple[Part, ...] = (
    Part(table_of(models.EaeuEntry), "object_id"),
    Part(table_of(models.EaeuProtectionPeriod), "object_id"),
    Part(table_of(models.EaeuGoodsDetail), "object_id"),
    Part(table_of(models.EaeuTurnover), "object_id"),
    Part(table_of(models.EaeuTurnoverParty), "turnover_id", "eaeu_turnover"),
    Part(table_of(models.EaeuLogistics), "turnover_id", "eaeu_turnover"),
    Part(table_of(models.EaeuRoute), "logistics_id", "eaeu_logistics"),
    Part(table_of(models.EaeuRoutePoint), "route_id", "eaeu_route"),
    Part(table_of(models.EaeuBorderCrossing), "logistics_id", "eaeu_logistics"),
    Part(table_of(models.EaeuCustomsPlace), "logistics_id", "eaeu_logistics"),
    Part(table_of(models.EaeuGoodsFeature), "turnover_id", "eaeu_turnover"),
    Part(table_of(models.EaeuTransportFeature), "feature_id", "eaeu_goods_feature"),
    Part(table_of(models.EaeuFeatureFile), "feature_id", "eaeu_goods_feature"),
)
#: Columns naming rows the replica does not hold (the procedures' cases): sent as null.
NOT_REPLICATED = {("eaeu_entry", "inclusion_case_id"), ("eaeu_protection_period", "case_id")}

#: What :func:`apply_rows` did: the entries written, the entries removed (with the
#: version their removal event gets) and the version of each.
Applied: TypeAlias = Replaced


class ReplicaError(IpregError):
    code = "REPLICA_REFUSED"


# ---------------------------------------------------------------- source side


async def collect(fetch: Fetch, object_ids: Iterable[int]) -> dict[str, Any]:
    """The current rows of the register entries ``object_ids`` (``replicaRows``).

    ``{format, objectIds, removed, tables: {table: [row, ...]}}``; ``removed`` are
    the ids that are no longer entries of the register (no IP object, or no
    registration number): a replica drops them.
    """
    ids = sorted(set(object_ids))
    entries = table_of(models.EaeuEntry)
    present: set[int] = set()
    for chunk in chunks(ids):
        present |= {int(r[0]) for r in await fetch(
            select(entries.c.object_id).where(entries.c.object_id.in_(chunk),
                                              entries.c.sequence_number.is_not(None)))}
    kept = [i for i in ids if i in present]
    own = await collect_tree(fetch, ENTRY_PARTS, kept, NOT_REPLICATED)
    parties = {r.party_id for r in own.rows["eaeu_turnover_party"]}
    parties |= {r.applicant_id for r in own.rows["eaeu_entry"] if r.applicant_id is not None}
    tables = await collect_objects(fetch, kept, party_ids=parties, files={
        r.file_sha256 for r in own.rows["eaeu_feature_file"]})
    return {"format": FORMAT, "objectIds": ids, "removed": [i for i in ids if i not in present],
            "tables": {**tables, **own.tables}}


# ---------------------------------------------------------------- replica side


async def apply_rows(session: AsyncSession, data: dict[str, Any]) -> Applied:
    """Make the replica's rows of the entries in ``data`` (``replicaRows``) equal to them;
    the core records an ``ip_object`` event per entry written or removed."""
    if data.get("format") != FORMAT:
        raise ReplicaError(f"replica rows in format {data.get('format')!r}; this client "
                           f"reads {FORMAT!r}")
    ids = [int(i) for i in data["objectIds"]]
    tables: dict[str, list[dict[str, Any]]] = data["tables"]
    if not ids:
        return Applied([], {}, {})
    await delete_tree(session, ENTRY_PARTS, ids)
    applied = await replace_objects(session, ids, [int(i) for i in data["removed"]], tables,
                                    jurisdiction=JURISDICTION)
    for part in ENTRY_PARTS:
        await insert_fresh(session, part.table, tables.get(part.table.name, []))
    await move_sequences(session, [p.table for p in ENTRY_PARTS if tables.get(p.table.name)])
    return applied


async def record_replicated(
        session: AsyncSession, applied: Applied,
        changes: Sequence[tuple[str, int, dict[str, Any], dt.datetime | None]]) -> None:
    """The source's ``eaeu_entry`` / ``eaeu_turnover`` changes, mirrored in the replica's
    own change feed (its CCAs follow it), after the ``ip_object`` events of the page, each
    with the source's ``committedAt``: "changes since" a time answer the same on both."""
    for entity, object_id, payload, committed_at in changes:
        record_change(session, entity, None, "update", payload, jurisdiction=JURISDICTION,
                      entity_id=object_id, version=applied.versions.get(object_id, 0),
                      committed_at=committed_at)


# ---------------------------------------------------------------- positions


async def position(session: AsyncSession, feed: str, *, lock: bool = False) -> int:
    """The last source position of ``feed`` applied to this replica (0: none)."""
    return await read_cursor(session, CURSOR_PREFIX + feed, lock=lock)


async def advance(session: AsyncSession, feed: str, to: int) -> None:
    """Move the position of ``feed`` forward to ``to`` (in the caller's transaction)."""
    await advance_cursor(session, CURSOR_PREFIX + feed, to)


async def check_replica(session: AsyncSession, feeds: Iterable[str]) -> None:
    """A database that never replicated must hold no IP objects or parties of its own:
    the replica writes the source's rows under the source's ids."""
    if await cursors_started(session, [CURSOR_PREFIX + f for f in feeds]):
        return
    objects, parties = await local_rows(session)
    if objects or parties:
        raise ReplicaError(f"the database holds {objects} IP objects and {parties} parties of "
                           "its own: a replica is a fresh database (`ipreg db upgrade`) that "
                           "only `ipreg eaeu sync` writes to")


__all__ = ["ENTRY_PARTS", "FORMAT", "Applied", "ReplicaError", "advance", "apply_rows",
           "check_replica", "collect", "position", "record_replicated"]
