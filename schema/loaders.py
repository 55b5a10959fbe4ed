"""DataLoaders, one instance of each per request (Saleor's ``<Entity>By<Key>Loader``).

Every relation of an IP object is loaded for a whole page of objects with one
statement, so a page costs the same number of statements for 5 objects as for 50.
Batches stay below SQLite's host-parameter limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from aiodataloader import DataLoader
from sqlalchemy import BindParameter, Select, String, bindparam, cast, literal, select, union_all
from sqlalchemy.engine import Row

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
)
from ipreg.schema.reader import Reader

MAX_BATCH = 900
K = TypeVar("K", bound=Hashable)


class BaseLoader(DataLoader):
    """A DataLoader reading through the request's :class:`Reader`, in batches of at most
    :data:`MAX_BATCH` keys. Subclass it and get the request's instance with
    ``info.context.loaders.get(MyLoader)``."""

    def __init__(self, reader: Reader) -> None:
        super().__init__(max_batch_size=MAX_BATCH)
        self.reader = reader


#: How a row names its key: an attribute name (``"object_id"``) or a function of the row.
Key = str | Callable[[Any], Any]


def _key_function(key: Key) -> Callable[[Any], Any]:
    return attrgetter(key) if isinstance(key, str) else key


def index_by(rows: Sequence[Any], keys: Sequence[Any], key: Key) -> list[Any]:
    """The row of each of ``keys`` (None where there is none), in the order of ``keys``:
    the answer of a ``<Entity>ById`` loader. ``key`` names the rows' key."""
    get = _key_function(key)
    found = {get(row): row for row in rows}
    return [found.get(k) for k in keys]


def group_by(rows: Sequence[Any], keys: Sequence[Any], key: Key) -> list[list[Any]]:
    """The rows of each of ``keys`` (in the rows' order; empty where there are none), in
    the order of ``keys``: the answer of a ``<Entities>By<Owner>`` loader."""
    get = _key_function(key)
    groups: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        groups[get(row)].append(row)
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
#: What a document row carries of its stored file (``media_type``, ``size``, ``original_name``).
FILE_COLUMNS = (StoredFile.media_type, StoredFile.size, StoredFile.original_name)
DOCUMENTS_BY_OBJECT = (
    select(ObjectDocument.object_id, ObjectDocument.role, ObjectDocument.position,
           Document.__table__, *FILE_COLUMNS)
    .join(Document, Document.id == ObjectDocument.document_id)
    .outerjoin(StoredFile, StoredFile.sha256 == Document.file_sha256)
    .where(ObjectDocument.object_id.in_(IDS))
    .order_by(ObjectDocument.object_id, ObjectDocument.role, ObjectDocument.position)
)
DOCUMENTS_BY_ID = (
    select(Document.__table__, *FILE_COLUMNS)
    .outerjoin(StoredFile, StoredFile.sha256 == Document.file_sha256)
    .where(Document.id.in_(IDS))
)
ADDRESSES_BY_PARTY = (
    select(Address.__table__).where(Address.party_id.in_(IDS)).order_by(Address.position)
)
CONTACTS_BY_PARTY = (
    select(Contact.__table__).where(Contact.party_id.in_(IDS)).order_by(Contact.position)
)
EMPLOYEES_BY_PARTY = (
    select(Employee.__table__).where(Employee.party_id.in_(IDS)).order_by(Employee.position)
)
IDENTITY_BY_PARTY = select(IdentityDocument.__table__).where(IdentityDocument.party_id.in_(IDS))


class ObjectByIdLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Row[Any] | None]:
        rows = await self.reader.rows(OBJECTS_BY_ID, {"ids": list(ids)})
        return index_by(rows, ids, "id")


class PartyByIdLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[Row[Any] | None]:
        rows = await self.reader.rows(PARTIES_BY_ID, {"ids": list(ids)})
        return index_by(rows, ids, "id")


class KeywordsByObjectLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(KEYWORDS_BY_OBJECT, {"ids": list(ids)})
        return group_by(rows, ids, "object_id")


class PartiesByObjectLoader(BaseLoader):
    """(role, party row) pairs of each object, holders first, in their order."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(PARTIES_BY_OBJECT, {"ids": list(ids)})
        return group_by(rows, ids, "object_id")


class GoodsByObjectLoader(BaseLoader):
    """Goods of each object with their commodity codes and Nice classes (one statement)."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[dict[str, Any]]]:
        rows = await self.reader.rows(GOODS_BY_OBJECT, {"ids": list(ids)})
        return group_by(_fold_goods(rows), ids, itemgetter("object_id"))


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


class StatusHistoryByObjectLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(STATUS_BY_OBJECT, {"ids": list(ids)})
        return group_by(rows, ids, "object_id")


class RightTermsByObjectLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(TERMS_BY_OBJECT, {"ids": list(ids)})
        return group_by(rows, ids, "object_id")


class DocumentsByObjectLoader(BaseLoader):
    """Documents linked to each object (``ip_object_document``), by role and position: a
    row carries the link's ``role`` and ``position``, the document's columns and its
    file's :data:`FILE_COLUMNS` (null without a stored file). Filter by ``role``."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(DOCUMENTS_BY_OBJECT, {"ids": list(ids)})
        return group_by(rows, ids, "object_id")


class DocumentByIdLoader(BaseLoader):
    """A document with its file's :data:`FILE_COLUMNS`, by document id."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[Row[Any] | None]:
        rows = await self.reader.rows(DOCUMENTS_BY_ID, {"ids": list(ids)})
        return index_by(rows, ids, "id")


@dataclass(frozen=True)
class PartyDetails:
    """The rich data of a party: addresses, contacts, employees (in their order) and
    its identity document."""

    addresses: list[Row[Any]]
    contacts: list[Row[Any]]
    employees: list[Row[Any]]
    identity: Row[Any] | None


class PartyDetailsLoader(BaseLoader):
    """:class:`PartyDetails` by party id (four statements a batch)."""

    async def batch_load_fn(self, ids: Sequence[int]) -> list[PartyDetails]:
        keys = {"ids": list(ids)}
        addresses, contacts, employees = [
            group_by(await self.reader.rows(stmt, keys), ids, "party_id")
            for stmt in (ADDRESSES_BY_PARTY, CONTACTS_BY_PARTY, EMPLOYEES_BY_PARTY)]
        identity = index_by(await self.reader.rows(IDENTITY_BY_PARTY, keys), ids, "party_id")
        return [PartyDetails(*parts)
                for parts in zip(addresses, contacts, employees, identity, strict=True)]


class Loaders:
    """The request's loaders, created on first use. Plugins add theirs with :meth:`get`."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._extra: dict[type[Any], Any] = {}

    def get(self, loader_class: type[BaseLoader]) -> Any:
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

    @cached_property
    def documents(self) -> DocumentsByObjectLoader:
        return self.get(DocumentsByObjectLoader)

    @cached_property
    def document_by_id(self) -> DocumentByIdLoader:
        return self.get(DocumentByIdLoader)

    @cached_property
    def party_details(self) -> PartyDetailsLoader:
        return self.get(PartyDetailsLoader)

