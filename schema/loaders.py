"""DataLoaders, one instance of each per request (Saleor's ``<Entity>By<Key>Loader``).

Every relation of an IP object is loaded for a whole page of objects with one
statement, so a page costs the same number of statements for 5 objects as for 50.
Batches stay below SQLite's host-parameter limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from aiodataloader import DataLoader
from sqlalchemy import BindParameter, Select, String, bindparam, cast, literal, select, union_all
from sqlalchemy.engine import Row

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
from ipreg.schema.reader import Reader

MAX_BATCH = 900
K = TypeVar("K", bound=Hashable)


class _Loader(DataLoader):
    def __init__(self, reader: Reader) -> None:
        super().__init__(max_batch_size=MAX_BATCH)
        self.reader = reader


def _by_key(
    rows: Sequence[Row[Any]], keys: Sequence[Any], key: Callable[[Row[Any]], Any]
) -> list[Row[Any] | None]:
    found = {key(row): row for row in rows}
    return [found.get(k) for k in keys]


def _group(rows: Sequence[Any], keys: Sequence[Any], key: Callable[[Any], Any]) -> list[list[Any]]:
    groups: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return [groups.get(k, []) for k in keys]


OBJECT_COLUMNS = (
    IPObject.id,
    IPObject.jurisdiction,
    IPObject.kind,
    IPObject.name,
    IPObject.description,
    IPObject.register_number,
    IPObject.status,
    IPObject.status_date,
    IPObject.published,
    IPObject.version,
    IPObject.updated_at,
)


def object_select() -> Select[Any]:
    return select(*OBJECT_COLUMNS)


#: Every batch statement is built once, here; a batch binds its ids to ``:ids``.
#: Building them per batch cost 38 % of a node request's CPU (bench/graphql).
IDS: BindParameter[int] = bindparam("ids", expanding=True)

OBJECTS_BY_ID = object_select().where(IPObject.id.in_(IDS))
PARTIES_BY_ID = select(Party.__table__).where(Party.id.in_(IDS))
KEYWORDS_BY_OBJECT = (
    select(Keyword.object_id, Keyword.value, Keyword.transliteration)
    .where(Keyword.object_id.in_(IDS))
    .order_by(Keyword.object_id, Keyword.position)
)
PARTIES_BY_OBJECT = (
    select(ObjectParty.object_id, ObjectParty.role, Party.__table__)
    .join(Party, Party.id == ObjectParty.party_id)
    .where(ObjectParty.object_id.in_(IDS))
    .order_by(ObjectParty.object_id, ObjectParty.position)
)
_GOODS_DETAIL = union_all(
    select(GoodsCode.goods_id.label("goods_id"), literal("code").label("part"),
           GoodsCode.code.label("value"), GoodsCode.id.label("ord")),
    select(NiceClass.goods_id, literal("nice"), cast(NiceClass.number, String), NiceClass.id),
).subquery()
GOODS_BY_OBJECT = (
    select(Goods.object_id, Goods.id, Goods.description, _GOODS_DETAIL.c.part,
           _GOODS_DETAIL.c.value)
    .outerjoin(_GOODS_DETAIL, _GOODS_DETAIL.c.goods_id == Goods.id)
    .where(Goods.object_id.in_(IDS))
    .order_by(Goods.object_id, Goods.position, Goods.id, _GOODS_DETAIL.c.part,
              _GOODS_DETAIL.c.ord)
)
STATUS_BY_OBJECT = (
    select(StatusRecord.__table__)
    .where(StatusRecord.object_id.in_(IDS))
    .order_by(StatusRecord.object_id, StatusRecord.id)
)
TERMS_BY_OBJECT = (
    select(RightTerm.__table__)
    .where(RightTerm.object_id.in_(IDS))
    .order_by(RightTerm.object_id, RightTerm.country)
)


class ObjectByIdLoader(_Loader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Row[Any] | None]:
        rows = await self.reader.rows(OBJECTS_BY_ID, {"ids": list(ids)})
        return _by_key(rows, ids, lambda r: r.id)


class PartyByIdLoader(_Loader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Row[Any] | None]:
        rows = await self.reader.rows(PARTIES_BY_ID, {"ids": list(ids)})
        return _by_key(rows, ids, lambda r: r.id)


class KeywordsByObjectLoader(_Loader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(KEYWORDS_BY_OBJECT, {"ids": list(ids)})
        return _group(rows, ids, lambda r: r.object_id)


class PartiesByObjectLoader(_Loader):
    """(role, party row) pairs of each object, holders first, in their order."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(PARTIES_BY_OBJECT, {"ids": list(ids)})
        return _group(rows, ids, lambda r: r.object_id)


class GoodsByObjectLoader(_Loader):
    """Goods of each object with their commodity codes and Nice classes (one statement)."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[dict[str, Any]]]:
        rows = await self.reader.rows(GOODS_BY_OBJECT, {"ids": list(ids)})
        return _group(_fold_goods(rows), ids, lambda g: g["object_id"])


def _fold_goods(rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for row in rows:
        goods = out.get(row.id)
        if goods is None:
            goods = out[row.id] = {
                "object_id": row.object_id,
                "id": row.id,
                "description": row.description,
                "codes": [],
                "classes": [],
            }
        if row.part == "code":
            goods["codes"].append(row.value)
        elif row.part == "nice":
            goods["classes"].append(int(row.value))
    return list(out.values())


class StatusHistoryByObjectLoader(_Loader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(STATUS_BY_OBJECT, {"ids": list(ids)})
        return _group(rows, ids, lambda r: r.object_id)


class RightTermsByObjectLoader(_Loader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(TERMS_BY_OBJECT, {"ids": list(ids)})
        return _group(rows, ids, lambda r: r.object_id)


class Loaders:
    """The request's loaders, created on first use. Plugins add theirs with :meth:`get`."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._extra: dict[type[Any], Any] = {}

    def get(self, loader_class: type[_Loader]) -> Any:
        """The request's instance of a (plugin's) loader class."""
        if loader_class not in self._extra:
            self._extra[loader_class] = loader_class(self.reader)
        return self._extra[loader_class]

    @cached_property
    def object_by_id(self) -> ObjectByIdLoader:
        return self.get(ObjectByIdLoader)

    @cached_property
    def party_by_id(self) -> PartyByIdLoader:
        return self.get(PartyByIdLoader)

    @cached_property
    def keywords(self) -> KeywordsByObjectLoader:
        return self.get(KeywordsByObjectLoader)

    @cached_property
    def parties(self) -> PartiesByObjectLoader:
        return self.get(PartiesByObjectLoader)

    @cached_property
    def goods(self) -> GoodsByObjectLoader:
        return self.get(GoodsByObjectLoader)

    @cached_property
    def status_history(self) -> StatusHistoryByObjectLoader:
        return self.get(StatusHistoryByObjectLoader)

    @cached_property
    def right_terms(self) -> RightTermsByObjectLoader:
        return self.get(RightTermsByObjectLoader)


BaseLoader = _Loader
