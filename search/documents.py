"""Index documents rebuilt from the database, a batch at a time.

:func:`load_documents` reads a batch of IP objects *at their current
version* with four statements whatever the batch size (objects, keywords with
their transliterations, holders, goods with their codes and classes), then
adds the plugins' search fields. The indexer never trusts an event's payload:
whatever version an event names, the document is what the database holds now,
so replaying an event is harmless and an old event cannot regress the index.

Plugin fields (:class:`ipreg.core.extension.SearchField`): ``extract`` gets the
object as a plain mapping (its head is the head of the ``ip_object`` change
event, :func:`ipreg.core.services.objects.object_fields`)::

    {"id", "version", "jurisdiction", "kind", "name", "description",
     "registerNumber", "status", "published",
     "keywords": [str], "keywordTransliterations": [str | None],
     "holders": [{"name", "country"}],
     "goods": [{"description", "hsCodes": [str], "niceClasses": [int]}]}

and returns the field's strings; a field with ``public=True`` may be matched by
anonymous callers (on published objects).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from sqlalchemy import String, cast, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from ipreg.core.extension import SearchField
from ipreg.core.model import Goods, GoodsCode, IPObject, Keyword, NiceClass, ObjectParty, Party
from ipreg.core.services.objects import FIELD_COLUMNS, object_fields
from ipreg.search.backend import IndexDocument
from ipreg.search.matching import HOLDERS, NAME, REGISTER_NUMBER

log = logging.getLogger("ipreg.search.documents")

#: Ids per statement (below SQLite's host-parameter limit).
MAX_IDS = 900
#: The core fields anonymous callers may match (keywords are not published:
#: EAEU field 5.3 is for customs officials).
PUBLIC_CORE_FIELDS = frozenset({NAME, REGISTER_NUMBER, HOLDERS})


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i : i + MAX_IDS] for i in range(0, len(ids), MAX_IDS)]


async def load_documents(
    conn: AsyncConnection,
    ids: Sequence[int],
    search_fields: Mapping[str, SearchField] | None = None,
) -> dict[int, IndexDocument]:
    """The current documents of the objects ``ids`` that exist (missing ids: deleted)."""
    out: dict[int, IndexDocument] = {}
    unique = sorted(set(ids))
    for chunk in _chunks(unique):
        out.update(await _load_chunk(conn, chunk, search_fields or {}))
    return out


async def _load_chunk(
    conn: AsyncConnection, ids: Sequence[int], search_fields: Mapping[str, SearchField]
) -> dict[int, IndexDocument]:
    objects = (
        await conn.execute(
            select(*(IPObject.__table__.c[name] for name in FIELD_COLUMNS)).where(
                IPObject.id.in_(ids)
            )
        )
    ).all()
    if not objects:
        return {}
    keywords: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for row in await conn.execute(
        select(Keyword.object_id, Keyword.value, Keyword.transliteration)
        .where(Keyword.object_id.in_(ids))
        .order_by(Keyword.object_id, Keyword.position, Keyword.id)
    ):
        keywords[row.object_id].append((row.value, row.transliteration))
    holders: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for row in await conn.execute(
        select(ObjectParty.object_id, Party.name, Party.country)
        .join(Party, Party.id == ObjectParty.party_id)
        .where(ObjectParty.object_id.in_(ids), ObjectParty.role == "holder")
        .order_by(ObjectParty.object_id, ObjectParty.position, ObjectParty.id)
    ):
        holders[row.object_id].append((row.name, row.country))
    codes = select(
        GoodsCode.goods_id.label("goods_id"),
        literal("code").label("part"),
        GoodsCode.code.label("value"),
    )
    classes = select(NiceClass.goods_id, literal("nice"), cast(NiceClass.number, String))
    detail = union_all(codes, classes).subquery()
    goods: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for row in await conn.execute(
        select(Goods.object_id, Goods.id, Goods.description, detail.c.part, detail.c.value)
        .outerjoin(detail, detail.c.goods_id == Goods.id)
        .where(Goods.object_id.in_(ids))
        .order_by(Goods.object_id, Goods.position, Goods.id)
    ):
        entry = goods[row.object_id].setdefault(
            row.id, {"description": row.description, "hsCodes": [], "niceClasses": []}
        )
        if row.part == "code":
            entry["hsCodes"].append(row.value)
        elif row.part == "nice":
            entry["niceClasses"].append(int(row.value))
    out: dict[int, IndexDocument] = {}
    for obj in objects:
        object_goods = list(goods.get(obj.id, {}).values())
        object_keywords = keywords.get(obj.id, [])
        object_holders = holders.get(obj.id, [])
        data = {
            **object_fields(obj._mapping),
            "keywords": [value for value, _ in object_keywords],
            "keywordTransliterations": [t for _, t in object_keywords],
            "holders": [{"name": n, "country": c} for n, c in object_holders],
            "goods": object_goods,
        }
        out[obj.id] = build_document(data, search_fields)
    return out


def build_document(
    data: Mapping[str, Any], search_fields: Mapping[str, SearchField] | None = None
) -> IndexDocument:
    """An index document from an object in the mapping form above (also used for
    import lines and test records: missing keys are empty)."""
    keywords: list[str] = []
    transliterations = list(data.get("keywordTransliterations") or [])
    for i, value in enumerate(data.get("keywords") or []):
        keywords.append(value)
        if i < len(transliterations) and transliterations[i]:
            keywords.append(transliterations[i])
    holders = [h["name"] for h in data.get("holders") or []]
    countries = sorted({h["country"] for h in data.get("holders") or [] if h.get("country")})
    goods = data.get("goods") or []
    extra: dict[str, tuple[str, ...]] = {}
    public = set(PUBLIC_CORE_FIELDS)
    for name, search_field in (search_fields or {}).items():
        try:
            values = tuple(str(v) for v in search_field.extract(data) if v)
        except Exception:  # a plugin's bug must not stop indexing of everything else
            log.exception("search field %r failed on object %s", name, data.get("id"))
            values = ()
        if values:
            extra[name] = values
        if search_field.public:
            public.add(name)
    return IndexDocument(
        id=int(data["id"]),
        version=int(data.get("version") or 1),
        jurisdiction=data["jurisdiction"],
        kind=data["kind"],
        status=data["status"],
        published=bool(data.get("published", True)),
        name=data["name"],
        register_number=data.get("registerNumber"),
        keywords=tuple(keywords),
        holders=tuple(holders),
        holder_countries=tuple(countries),
        nice_classes=tuple(sorted({n for g in goods for n in g.get("niceClasses", ())})),
        hs_codes=tuple(sorted({c for g in goods for c in g.get("hsCodes", ())})),
        extra=extra,
        public_fields=frozenset(public),
    )


async def all_documents(
    engine: AsyncEngine,
    search_fields: Mapping[str, SearchField] | None = None,
    batch_size: int = 1000,
) -> AsyncIterator[list[IndexDocument]]:
    """Every object's current document, in batches, by ascending id (keyset pages,
    each read in its own short transaction)."""
    last = 0
    while True:
        async with engine.connect() as conn:
            ids = list(
                (
                    await conn.execute(
                        select(IPObject.id)
                        .where(IPObject.id > last)
                        .order_by(IPObject.id)
                        .limit(batch_size)
                    )
                ).scalars()
            )
            if not ids:
                return
            docs = await load_documents(conn, ids, search_fields)
        last = ids[-1]
        yield [docs[i] for i in ids if i in docs]


async def count_objects(engine: AsyncEngine) -> int:
    from sqlalchemy import func

    async with engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(IPObject))).scalar_one())
