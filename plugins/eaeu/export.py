"""P.SP.01.PRC.012: export ("unloading") of the published register to CSV or XLSX, streamed.

Only published entries and only the items Appendix 1 publishes (digest §4.12):
the register is read in pages by record number and written row by row, so the
memory used does not grow with the register (XLSX in xlsxwriter's
constant-memory mode).
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from typing import IO, Any

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import Principal
from ipreg.core.auth.principal import ANONYMOUS
from ipreg.core.model import Goods, GoodsCode, IPObject, NiceClass, ObjectParty, Party
from ipreg.plugins.eaeu.models import EaeuEntry, EaeuProtectionPeriod
from ipreg.plugins.eaeu.register_query import (
    EntryFilter,
    EntrySort,
    build,
    caller_scope,
    order_by,
)

#: Columns of the export: published items only (R174 Appendix 1, "+").
COLUMNS: tuple[tuple[str, str], ...] = (
    ("registrationNumber", "Регистрационный номер (5.1)"),
    ("sequenceNumber", "Порядковый номер (5.1.1)"),
    ("kind", "Вид ОИС (5.1.2)"),
    ("decisionNumber", "Номер решения (5.1.3)"),
    ("inclusionDate", "Дата включения (5.1.4)"),
    ("name", "Наименование ОИС (5.2)"),
    ("description", "Описание ОИС (5.5)"),
    ("rightHolders", "Правообладатели (3)"),
    ("representative", "Представитель (4)"),
    ("protectionPeriods", "Срок принятия мер (5.9)"),
    ("goods", "Товары (6.1)"),
    ("cnFeaCodes", "Коды ТН ВЭД ЕАЭС (6.2)"),
    ("niceClasses", "Классы МКТУ (6.3)"),
)


async def rows(session: AsyncSession, *, entry_filter: EntryFilter | None = None,
               sort: EntrySort = EntrySort.REGISTRATION_NUMBER, descending: bool = False,
               viewer: Principal = ANONYMOUS, page: int = 500
               ) -> AsyncIterator[dict[str, str]]:
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
                "inclusionDate": r.inclusion_date.isoformat() if r.inclusion_date else "",
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


def _header() -> list[str]:
    return [title for _, title in COLUMNS]


def _values(row: dict[str, str]) -> list[str]:
    return [row[key] for key, _ in COLUMNS]


async def write_csv(session: AsyncSession, out: IO[str], **options: Any) -> int:
    """CSV (UTF-8, header row of Russian names with their Appendix 1 items);
    ``options`` are those of :func:`rows`."""
    writer = csv.writer(out)
    writer.writerow(_header())
    count = 0
    async for row in rows(session, **options):
        writer.writerow(_values(row))
        count += 1
    return count


async def csv_chunks(session: AsyncSession, *, bom: bool = True, lines: int = 200,
                     **options: Any) -> AsyncIterator[bytes]:
    """The CSV of :func:`write_csv` as UTF-8 chunks of ``lines`` rows, for a streamed
    HTTP response (with a byte-order mark, so spreadsheet programs read Cyrillic)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write("\ufeff")
    writer.writerow(_header())
    count = 0
    async for row in rows(session, **options):
        writer.writerow(_values(row))
        count += 1
        if count % lines == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


async def write_xlsx(session: AsyncSession, path: str, **options: Any) -> int:
    """XLSX, written row by row (xlsxwriter constant-memory mode: each row goes to
    a temporary file at once, so memory does not grow with the register). The
    file writes run in a worker thread, a page of rows at a time, never on the
    event loop; ``options`` are those of :func:`rows`."""
    import xlsxwriter

    def start() -> tuple[Any, Any]:
        book = xlsxwriter.Workbook(path, {"constant_memory": True})
        sheet = book.add_worksheet("ЕТР ОИС")
        bold = book.add_format({"bold": True})
        for col, title in enumerate(_header()):
            sheet.write(0, col, title, bold)
        return book, sheet

    def write(sheet: Any, first: int, batch: list[list[str]]) -> None:
        for offset, values in enumerate(batch):
            for col, value in enumerate(values):
                sheet.write_string(first + offset, col, value)

    book, sheet = await asyncio.to_thread(start)
    count = 0
    batch: list[list[str]] = []
    async for row in rows(session, **options):
        batch.append(_values(row))
        if len(batch) == 500:
            await asyncio.to_thread(write, sheet, count + 1, batch)
            count += len(batch)
            batch = []
    if batch:
        await asyncio.to_thread(write, sheet, count + 1, batch)
        count += len(batch)
    await asyncio.to_thread(book.close)
    return count
