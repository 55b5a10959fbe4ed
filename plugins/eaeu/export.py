"""P.SP.01.PRC.012: export ("unloading") of the published register to CSV or XLSX, streamed.

Only published entries and only the items Appendix 1 publishes (digest §4.12):
the register is read in pages by record number and written row by row, so the
memory used does not grow with the register (XLSX in xlsxwriter's
constant-memory mode). The writers are the core's (:mod:`ipreg.schema.exports`);
this module says which rows and columns.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from typing import IO, Any

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import ANONYMOUS, Principal
from ipreg.core.model import Goods, GoodsCode, IPObject, NiceClass, ObjectParty, Party
from ipreg.plugins.eaeu.graphql.visibility import PUBLICATION
from ipreg.plugins.eaeu.models import EaeuEntry, EaeuProtectionPeriod
from ipreg.plugins.eaeu.register_query import (
    EntryFilter,
    EntrySort,
    build,
    caller_scope,
    order_by,
)
from ipreg.schema import exports
from ipreg.schema.exports import Column

SHEET = "ЕТР ОИС"
#: Columns of the export: published items only (R174 Appendix 1, "+").
#: In XLSX the sequence number (5.1.1) is a number shown with its five digits and the
#: inclusion date (5.1.4) a date cell; in CSV both are text as the register writes them.
COLUMNS: tuple[Column, ...] = (
    Column("registrationNumber", "Регистрационный номер (5.1)", width=16),
    Column("sequenceNumber", "Порядковый номер (5.1.1)", kind="number", number_format="00000"),
    Column("kind", "Вид ОИС (5.1.2)"),
    Column("decisionNumber", "Номер решения (5.1.3)"),
    Column("inclusionDate", "Дата включения (5.1.4)", kind="date"),
    Column("name", "Наименование ОИС (5.2)"),
    Column("description", "Описание ОИС (5.5)"),
    Column("rightHolders", "Правообладатели (3)"),
    Column("representative", "Представитель (4)"),
    Column("protectionPeriods", "Срок принятия мер (5.9)"),
    Column("goods", "Товары (6.1)"),
    Column("cnFeaCodes", "Коды ТН ВЭД ЕАЭС (6.2)"),
    Column("niceClasses", "Классы МКТУ (6.3)"),
)
#: The field of ``EaeuRegisterEntry`` each column shows: the export shows what the
#: register shows anonymous callers, checked against the publication table.
COLUMN_FIELDS = {
    "registrationNumber": "registrationNumber",
    "sequenceNumber": "registrationNumber.sequenceNumber",
    "kind": "registrationNumber.kind",
    "decisionNumber": "registrationNumber.decisionNumber",
    "inclusionDate": "registrationNumber.inclusionDate",
    "name": "name", "description": "description",
    "rightHolders": "rightHolders", "representative": "representative",
    "protectionPeriods": "protectionPeriods",
    "goods": "eaeuGoods.description", "cnFeaCodes": "eaeuGoods.cnFeaCodes",
    "niceClasses": "eaeuGoods.niceClasses",
}
PUBLICATION.check_published([COLUMN_FIELDS[key] for key, _ in COLUMNS], "the PRC.012 export")


async def rows(session: AsyncSession, *, entry_filter: EntryFilter | None = None,
               sort: EntrySort = EntrySort.REGISTRATION_NUMBER, descending: bool = False,
               viewer: Principal = ANONYMOUS, page: int = 500
               ) -> AsyncIterator[dict[str, Any]]:
    """The entries of a result set (``eaeuEntries`` with the same filter, sort and
    caller: the same entries in the same order), one dict of published items each.

    One statement, streamed (a server-side cursor): the result set is the snapshot
    of that statement however long the export takes; the parties, goods and
    periods of each page of ``page`` entries are read alongside.
    """
    entry_filter = entry_filter or EntryFilter()
    visible, readable = caller_scope(viewer)
    query = build(entry_filter, visible=visible, private_readable=readable)
    stmt = (select(IPObject.id, IPObject.name, IPObject.description,
                   IPObject.register_number, EaeuEntry.sequence_number, EaeuEntry.kind_code,
                   EaeuEntry.decision_number, EaeuEntry.inclusion_date)
            .join(EaeuEntry, EaeuEntry.object_id == IPObject.id)
            .where(and_(*query.conditions)).order_by(*order_by(sort, descending)))
    as_of = entry_filter.as_of
    result = await session.stream(stmt)
    async for batch in result.partitions(page):
        ids = [r.id for r in batch]
        parties = await _parties(session, ids)
        goods = await _goods(session, ids)
        periods = await _periods(session, ids, as_of)
        for r in batch:
            holders = [p for p in parties[r.id] if p[0] == "holder"]
            reps = [p for p in parties[r.id] if p[0] == "representative"]
            items = goods[r.id]
            yield {
                "registrationNumber": r.register_number or "",
                "sequenceNumber": r.sequence_number, "kind": r.kind_code,
                "decisionNumber": r.decision_number or "",
                "inclusionDate": r.inclusion_date,
                "name": r.name, "description": r.description or "",
                "rightHolders": "; ".join(f"{name} ({country})" for _, name, country in holders),
                "representative": "; ".join(f"{name} ({country})" for _, name, country in reps),
                "protectionPeriods": "; ".join(f"{a} – {b}" for a, b in periods[r.id]),
                "goods": "; ".join(g["description"] for g in items),
                "cnFeaCodes": "; ".join(c for g in items for c in g["codes"]),
                "niceClasses": "; ".join(str(n) for n in sorted({n for g in items
                                                                  for n in g["nice"]})),
            }


async def _parties(session: AsyncSession, ids: Sequence[int]
                   ) -> dict[int, list[tuple[str, str, str]]]:
    out: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    result = await session.execute(
        select(ObjectParty.object_id, ObjectParty.role, Party.name, Party.country)
        .join(Party, Party.id == ObjectParty.party_id)
        .where(ObjectParty.object_id.in_(ids), ObjectParty.role.in_(("holder",
                                                                     "representative")))
        .order_by(ObjectParty.object_id, ObjectParty.position))
    for r in result:
        out[r.object_id].append((r.role, r.name, r.country))
    return out


async def _goods(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    goods = (await session.execute(select(Goods.id, Goods.object_id, Goods.description)
                                   .where(Goods.object_id.in_(ids))
                                   .order_by(Goods.object_id, Goods.position))).all()
    gids = [g.id for g in goods] or [-1]
    codes: dict[int, list[str]] = defaultdict(list)
    nice: dict[int, list[int]] = defaultdict(list)
    for c in await session.execute(select(GoodsCode.goods_id, GoodsCode.code)
                                   .where(GoodsCode.goods_id.in_(gids)).order_by(GoodsCode.id)):
        codes[c.goods_id].append(c.code)
    for n in await session.execute(select(NiceClass.goods_id, NiceClass.number)
                                   .where(NiceClass.goods_id.in_(gids))):
        nice[n.goods_id].append(n.number)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for g in goods:
        out[g.object_id].append({"description": g.description, "codes": codes[g.id],
                                 "nice": nice[g.id]})
    return out


async def _periods(session: AsyncSession, ids: Sequence[int], as_of: dt.date | None
                   ) -> dict[int, list[tuple[str, str]]]:
    stmt = (select(EaeuProtectionPeriod.object_id, EaeuProtectionPeriod.starts_on,
                   EaeuProtectionPeriod.ends_on)
            .where(EaeuProtectionPeriod.object_id.in_(ids))
            .order_by(EaeuProtectionPeriod.object_id, EaeuProtectionPeriod.seq))
    if as_of is not None:
        stmt = stmt.where(EaeuProtectionPeriod.granted_on <= as_of)
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for r in await session.execute(stmt):
        out[r.object_id].append((r.starts_on.isoformat(), r.ends_on.isoformat()))
    return out


async def write_csv(session: AsyncSession, out: IO[str], *, delimiter: str = ",",
                    **options: Any) -> int:
    """CSV (UTF-8, header row of Russian names with their Appendix 1 items);
    ``options`` are those of :func:`rows`."""
    return await exports.write_csv(rows(session, **options), COLUMNS, out,
                                   delimiter=delimiter)


async def write_xlsx(session: AsyncSession, path: str, **options: Any) -> int:
    """XLSX, written row by row (xlsxwriter constant-memory mode, in a worker thread:
    memory does not grow with the register); ``options`` are those of :func:`rows`."""
    return await exports.write_xlsx(rows(session, **options), COLUMNS, path, sheet=SHEET)
