"""IP objects: the only writer of ``ip_object``, its parts and its ``ip_object`` change events.

The parts are keywords (with transliterations), links to parties in roles,
goods with their commodity codes and Nice classes, right terms per country,
links to documents in roles, and the status history. Parties and documents
themselves are written by :mod:`ipreg.core.services.parties` and
:mod:`ipreg.core.services.documents`, which this module calls.

Every event of an object carries one shape, :func:`snapshot` (built by
:func:`object_payload`, whatever the writer): the object's columns
(:func:`object_fields`, which the search index documents share), keywords,
parties with name and country, goods, right terms and status history.

Three ways to write, all in the caller's session and transaction (the caller
commits; an error rolls everything back):

* **single** — :func:`create_object`, :func:`create_objects`: ORM objects added
  to the session, written at its next flush, returned ready to change; the
  ``create`` event's payload is taken at commit. :func:`update_object`,
  :func:`set_status` and :func:`touch` change an object: one ``update`` event
  per call, with the version grown by one.
* **bulk** — :class:`ObjectWriter` (``ipreg import objects``, ``ipreg import
  eaeu``, the demo): the rows of a batch are written table by table, one or two
  statements per table (:mod:`ipreg.core.db.bulk`: ids taken from the database
  for the tables other rows refer to, ``executemany`` for the rest); the
  ``create`` events are built from the rows written, by the same
  :func:`object_payload`.
* **replica** — :mod:`ipreg.core.services.replica`: rows copied under their
  source ids.

Measured (``bench/writer/run.py``, write phase, validation apart; this 2-core
machine with other engineers' tests running, load 5-7; the code before this
writer and after it run alternately):

==========================================  ==============  ==============
                                            before          after
==========================================  ==============  ==============
``import objects`` 20,000, SQLite           417 objects/s   3,558 objects/s
``import objects`` 20,000, PostgreSQL       546 objects/s   2,086 objects/s
``import eaeu`` 2,000 entries, SQLite       759 entries/s   854 entries/s
``import eaeu`` 2,000 entries, PostgreSQL   474 entries/s   469 entries/s
==========================================  ==============  ==============

(``import objects`` went through the ORM unit of work, one INSERT per row of
the ids-bearing tables; ``import eaeu`` through the plugin's own executemany
writer with ids it chose itself, unsafe beside another writer. The PostgreSQL
EAEU figures are means of four alternated runs: 377-581 before, 368-583 after.) How the
ids are taken was measured on ``import objects`` (two rounds, objects/s):
taking them first (this writer) 2,093 / 3,634 on SQLite and 2,223 / 2,001 on
PostgreSQL; SQLAlchemy's ``INSERT … RETURNING`` with ``sort_by_parameter_order``
(one INSERT per row on SQLite) 2,606 / 3,173 and 2,067 / 1,979; the same with
an ``insert_sentinel()`` column added to ``ip_object``, ``party``, ``document``
and ``ip_object_goods`` 2,630 / 4,120 and 2,558 / 3,206. The differences are
within this machine's noise; taking the ids first needs no sentinel column in
the core tables (nor in the replica format), and serves the plugins' own tables
too (the EAEU turnover tree has five levels of parents).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ipreg.core.db.base import utcnow
from ipreg.core.db.bulk import insert_ids, insert_rows, table_of
from ipreg.core.errors import Conflict, NotFound
from ipreg.core.feed import record_change
from ipreg.core.model import (
    Goods,
    GoodsCode,
    IPObject,
    Keyword,
    NiceClass,
    ObjectDocument,
    ObjectParty,
    Party,
    RightTerm,
    StatusRecord,
)
from ipreg.core.services.documents import DocumentForm, write_documents
from ipreg.core.services.inputs import ObjectInput, PartyInput, RightTermInput, StatusInput
from ipreg.core.services.parties import PartyForm, PartyRef, PartyStore

ENTITY = "ip_object"

FULL_LOAD = (
    selectinload(IPObject.keywords),
    selectinload(IPObject.parties),
    selectinload(IPObject.goods).selectinload(Goods.codes),
    selectinload(IPObject.goods).selectinload(Goods.nice_classes),
    selectinload(IPObject.right_terms),
    selectinload(IPObject.status_history),
)


# ---------------------------------------------------------------- what to write


@dataclass
class KeywordData:
    """A keyword or expression with its transliteration (EAEU 5.3)."""

    value: str
    transliteration: str | None = None


@dataclass
class NiceClassData:
    number: int
    name: str | None = None


@dataclass
class GoodsData:
    """Goods the right extends to; ``codes`` are commodity codes of ``scheme``."""

    description: str
    codes: list[str] = field(default_factory=list)
    nice_classes: list[NiceClassData] = field(default_factory=list)
    scheme: str = "hs"


@dataclass
class StatusData(StatusInput):
    """A step of the status history with its basis document, and a note."""

    note: str | None = None


@dataclass
class PartyRole:
    """A party in a role towards the object (``holder``, ``representative``, ...)."""

    party: PartyForm
    role: str


@dataclass
class DocumentRole:
    """A document in a role towards the object (``image``, ``title_document``, ...)."""

    role: str
    document: DocumentForm


@dataclass
class NewObject:
    """An IP object to create, with everything it holds.

    ``status_date`` defaults to the date of the last status record; ``now``
    (creation time of the object and its status records) to the time of writing.
    A party named twice in one role is linked once.
    """

    jurisdiction: str
    kind: str
    name: str
    status: str
    description: str | None = None
    register_number: str | None = None
    published: bool = True
    status_date: dt.date | None = None
    keywords: list[KeywordData] = field(default_factory=list)
    parties: list[PartyRole] = field(default_factory=list)
    goods: list[GoodsData] = field(default_factory=list)
    right_terms: list[RightTermInput] = field(default_factory=list)
    documents: list[DocumentRole] = field(default_factory=list)
    status_history: list[StatusData] = field(default_factory=list)
    now: dt.datetime | None = None


def party_form(data: PartyInput) -> PartyForm:
    """The party of the core object form (short name: the name when none is given)."""
    return PartyForm(party_type=data.party_type, country=data.country, name=data.name,
                     short_name=data.short_name or data.name, taxpayer_id=data.taxpayer_id)


def new_object(data: ObjectInput, transliterations: Sequence[str | None] = ()) -> NewObject:
    """The object of the core form (:func:`ipreg.core.services.inputs.parse_object`):
    holders, then representatives; one status record of today when it has none."""
    history = data.status_history or []
    return NewObject(
        jurisdiction=data.jurisdiction, kind=data.kind, name=data.name, status=data.status,
        description=data.description, register_number=data.register_number,
        published=data.published,
        keywords=[KeywordData(value, transliterations[i] if i < len(transliterations) else None)
                  for i, value in enumerate(data.keywords)],
        parties=[PartyRole(party_form(p), role)
                 for role, people in (("holder", data.holders),
                                      ("representative", data.representatives))
                 for p in people],
        goods=[GoodsData(g.description, list(g.hs_codes), [NiceClassData(n) for n in
                                                            g.nice_classes])
               for g in data.goods],
        right_terms=list(data.right_terms),
        status_history=[StatusData(s.status, s.date, s.basis_number, s.basis_date)
                        for s in history] or [StatusData(data.status, dt.date.today())],
    )


# ---------------------------------------------------------------- the one event shape

#: ``ip_object`` columns in :func:`object_fields`.
FIELD_COLUMNS = ("id", "version", "jurisdiction", "kind", "name", "description",
                 "register_number", "status", "published")


def object_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """The object's own columns by their JSON names: the head of every change event
    and of every search document (``values`` by column name, e.g. a row's mapping)."""
    return {"id": values["id"], "version": values["version"],
            "jurisdiction": values["jurisdiction"], "kind": values["kind"],
            "name": values["name"], "description": values["description"],
            "registerNumber": values["register_number"], "status": values["status"],
            "published": values["published"]}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def object_payload(
    values: Mapping[str, Any],
    keywords: Iterable[str],
    links: Iterable[tuple[int, str]],
    goods: Iterable[tuple[str, Sequence[str], Iterable[int]]],
    right_terms: Iterable[tuple[str, dt.date | None, dt.date | None]],
    history: Iterable[tuple[str, dt.date, str | None, dt.date | None]],
    parties: Mapping[int, Party | PartyRef] | None = None,
) -> dict[str, Any]:
    """The payload of an ``ip_object`` change event: the object's whole state.

    ``values`` are the ``ip_object`` columns (:data:`FIELD_COLUMNS` and
    ``status_date``); ``links`` (party id, role) in position order; ``goods``
    (description, codes, Nice classes); ``right_terms`` (country, expires, starts);
    ``history`` (status, date, basis number, basis date), oldest first. Right
    terms are ordered by country and Nice classes by number, as the object holds them.
    """

    def party_ref(party_id: int, role: str) -> dict[str, Any]:
        ref: dict[str, Any] = {"id": party_id, "role": role}
        party = parties.get(party_id) if parties else None
        if party is not None:
            ref.update(name=party.name, country=party.country)
        return ref

    return {
        **object_fields(values),
        "statusDate": _iso(values["status_date"]),
        "keywords": list(keywords),
        "parties": [party_ref(party_id, role) for party_id, role in links],
        "goods": [{"description": description, "hsCodes": list(codes),
                   "niceClasses": sorted(classes)} for description, codes, classes in goods],
        "rightTerms": [{"country": country, "expiresOn": _iso(expires), "startsOn": _iso(starts)}
                       for country, expires, starts in sorted(right_terms, key=lambda t: t[0])],
        "statusHistory": [{"status": status, "date": date.isoformat(), "basisNumber": number,
                           "basisDate": _iso(basis_date)}
                          for status, date, number, basis_date in history],
    }


def snapshot(obj: IPObject, parties: Mapping[int, Party | PartyRef] | None = None
             ) -> dict[str, Any]:
    """The payload of the object's change events (relations loaded; ``parties`` by id
    give the names and countries)."""
    return object_payload(
        {column: getattr(obj, column) for column in (*FIELD_COLUMNS, "status_date")},
        (k.value for k in obj.keywords),
        ((link.party_id, link.role) for link in obj.parties),
        ((g.description, [c.code for c in g.codes], [n.number for n in g.nice_classes])
         for g in obj.goods),
        ((t.country, t.expires_on, t.starts_on) for t in obj.right_terms),
        ((s.status, s.date, s.basis_number, s.basis_date) for s in obj.status_history),
        parties,
    )


# ---------------------------------------------------------------- rows of a new object


def _object_row(item: NewObject, now: dt.datetime) -> dict[str, Any]:
    history = item.status_history
    return {"jurisdiction": item.jurisdiction, "kind": item.kind, "name": item.name,
            "description": item.description, "register_number": item.register_number,
            "status": item.status,
            "status_date": item.status_date or (history[-1].date if history else None),
            "published": item.published, "created_at": now, "updated_at": now}


def _keyword_rows(items: Sequence[KeywordData]) -> list[dict[str, Any]]:
    return [{"position": i, "value": k.value, "transliteration": k.transliteration}
            for i, k in enumerate(items)]


def _goods_row(position: int, goods: GoodsData) -> dict[str, Any]:
    return {"position": position, "description": goods.description}


def _code_rows(goods: GoodsData) -> list[dict[str, Any]]:
    return [{"scheme": goods.scheme, "code": code} for code in goods.codes]


def _nice_rows(goods: GoodsData) -> list[dict[str, Any]]:
    return [{"number": n.number, "name": n.name} for n in goods.nice_classes]


def _term_rows(items: Sequence[RightTermInput]) -> list[dict[str, Any]]:
    return [{"country": t.country, "starts_on": t.starts_on, "expires_on": t.expires_on,
             "term_defined": t.term_defined} for t in items]


def _status_rows(items: Sequence[StatusData], now: dt.datetime) -> list[dict[str, Any]]:
    return [{"status": s.status, "date": s.date, "basis_number": s.basis_number,
             "basis_date": s.basis_date, "note": s.note, "recorded_at": now} for s in items]


def _link_rows(links: Iterable[tuple[int, str]]) -> list[dict[str, Any]]:
    """Party links in order, a party once per role."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, str]] = set()
    for party_id, role in links:
        if (party_id, role) not in seen:
            seen.add((party_id, role))
            rows.append({"party_id": party_id, "role": role, "position": len(rows)})
    return rows


def _document_rows(links: Iterable[tuple[str, int]]) -> list[dict[str, Any]]:
    """Document links, numbered within each role."""
    counters: dict[str, int] = defaultdict(int)
    rows = []
    for role, document_id in links:
        rows.append({"document_id": document_id, "role": role, "position": counters[role]})
        counters[role] += 1
    return rows


def _goods_objects(items: Sequence[GoodsData]) -> list[Goods]:
    return [Goods(**_goods_row(i, g), codes=[GoodsCode(**r) for r in _code_rows(g)],
                  nice_classes=[NiceClass(**r) for r in _nice_rows(g)])
            for i, g in enumerate(items)]


# ---------------------------------------------------------------- bulk


@dataclass(frozen=True)
class WrittenObject:
    """An object the bulk writer wrote: its id, the ids of its goods in order, and
    its party links (the party and the role) in order."""

    id: int
    goods_ids: list[int]
    parties: list[tuple[PartyRef, str]]


class ObjectWriter:
    """Writes new IP objects a batch at a time, one statement per table, with their
    ``create`` events, in the caller's transaction.

    One writer may be given several batches (:meth:`write`); parties found or
    created in one batch are reused by the next.
    """

    def __init__(self, session: AsyncSession, parties: PartyStore | None = None) -> None:
        self.session = session
        self.parties = parties or PartyStore(session)
        self.now = utcnow()

    async def write(self, items: Sequence[NewObject]) -> list[WrittenObject]:
        """Write ``items``; what was written, in their order."""
        session, moment = self.session, self.now
        refs = iter(await self.parties.resolve([p.party for item in items for p in item.parties]))
        links = [[(next(refs), p.role) for p in item.parties] for item in items]
        document_ids = iter(await write_documents(
            session, [d.document for item in items for d in item.documents], moment))
        ids = await insert_ids(session, table_of(IPObject),
                               [{**_object_row(item, item.now or moment), "version": 1}
                                for item in items])
        goods_ids = iter(await insert_ids(session, table_of(Goods), [
            {"object_id": oid, **_goods_row(i, g)}
            for oid, item in zip(ids, items, strict=True) for i, g in enumerate(item.goods)]))
        rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        written = []
        for oid, item, item_links in zip(ids, items, links, strict=True):
            own_goods = [next(goods_ids) for _ in item.goods]
            for goods_id, goods in zip(own_goods, item.goods, strict=True):
                rows[GoodsCode] += [{"goods_id": goods_id, **r} for r in _code_rows(goods)]
                rows[NiceClass] += [{"goods_id": goods_id, **r} for r in _nice_rows(goods)]
            link_rows = _link_rows((ref.id, role) for ref, role in item_links)
            document_rows = _document_rows((d.role, next(document_ids)) for d in item.documents)
            for model, part in ((Keyword, _keyword_rows(item.keywords)),
                                (ObjectParty, link_rows),
                                (RightTerm, _term_rows(item.right_terms)),
                                (ObjectDocument, document_rows),
                                (StatusRecord, _status_rows(item.status_history,
                                                            item.now or moment))):
                rows[model] += [{"object_id": oid, **r} for r in part]
            record_change(session, ENTITY, None, "create",
                          _written_payload(oid, item, link_rows, item_links, moment),
                          jurisdiction=item.jurisdiction, entity_id=oid, version=1)
            by_id = {ref.id: ref for ref, _ in item_links}
            written.append(WrittenObject(oid, own_goods, [(by_id[r["party_id"]], r["role"])
                                                          for r in link_rows]))
        for model in (Keyword, ObjectParty, GoodsCode, NiceClass, RightTerm, ObjectDocument,
                      StatusRecord):
            await insert_rows(session, table_of(model), rows.pop(model, []))
        return written


def _written_payload(object_id: int, item: NewObject, link_rows: Sequence[dict[str, Any]],
                     links: Sequence[tuple[PartyRef, str]], now: dt.datetime
                     ) -> dict[str, Any]:
    values = {**_object_row(item, item.now or now), "id": object_id, "version": 1}
    return object_payload(
        values, (k.value for k in item.keywords),
        ((r["party_id"], r["role"]) for r in link_rows),
        ((g.description, g.codes, (n.number for n in g.nice_classes)) for g in item.goods),
        ((t.country, t.expires_on, t.starts_on) for t in item.right_terms),
        ((s.status, s.date, s.basis_number, s.basis_date) for s in item.status_history),
        {ref.id: ref for ref, _ in links})


async def write_objects(session: AsyncSession, items: Sequence[NewObject],
                        parties: PartyStore | None = None) -> list[WrittenObject]:
    """Write a batch of new objects with :class:`ObjectWriter`."""
    return await ObjectWriter(session, parties).write(items)


# ---------------------------------------------------------------- single


async def create_objects(session: AsyncSession, items: Sequence[NewObject],
                         parties: PartyStore | None = None) -> list[IPObject]:
    """Add IP objects with their relations to the session; each ``create`` event
    commits with it. Their parties and documents are written at once, the objects
    at the session's next flush (a register number already taken fails there)."""
    store = parties or PartyStore(session)
    refs = iter(await store.resolve([p.party for item in items for p in item.parties]))
    documents = iter(await write_documents(
        session, [d.document for item in items for d in item.documents]))
    objects = []
    for item in items:
        links = [(next(refs), p.role) for p in item.parties]
        now = item.now or utcnow()
        obj = IPObject(
            **_object_row(item, now),
            keywords=[Keyword(**r) for r in _keyword_rows(item.keywords)],
            parties=[ObjectParty(**r) for r in _link_rows((ref.id, role) for ref, role in links)],
            goods=_goods_objects(item.goods),
            right_terms=[RightTerm(**r) for r in _term_rows(item.right_terms)],
            documents=[ObjectDocument(**r) for r in
                       _document_rows((d.role, next(documents)) for d in item.documents)],
            status_history=[StatusRecord(**r) for r in _status_rows(item.status_history, now)],
        )
        session.add(obj)
        record_change(session, ENTITY, obj, "create", _lazy_snapshot(obj, {
            ref.id: ref for ref, _ in links}), jurisdiction=obj.jurisdiction)
        objects.append(obj)
    if store.untold:
        await session.flush()
        await touch_linked(session, store, skip={obj.id for obj in objects})
    return objects


def _lazy_snapshot(obj: IPObject, parties: Mapping[int, Party | PartyRef]) -> Any:
    return lambda: snapshot(obj, parties)


async def create_object(session: AsyncSession, data: NewObject | ObjectInput,
                        parties: PartyStore | None = None) -> IPObject:
    """Add an IP object with its relations; its ``create`` event commits with it.

    An :class:`~ipreg.core.services.inputs.ObjectInput` (the core form) finds its
    parties by country and name, as ``ipreg import objects`` does.
    """
    if isinstance(data, ObjectInput):
        data = new_object(data)
        parties = parties or PartyCache(session)
    return (await create_objects(session, [data], parties))[0]


class PartyCache(PartyStore):
    """The party store of the core object form: parties found by country and name."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, match="name")


# ---------------------------------------------------------------- changes


async def load_object(
    session: AsyncSession,
    object_id: int,
    *,
    for_update: bool = False,
    expected_version: int | None = None,
) -> IPObject:
    stmt = select(IPObject).where(IPObject.id == object_id).options(*FULL_LOAD)
    if for_update:
        stmt = stmt.with_for_update()
    obj = (await session.execute(stmt)).scalar_one_or_none()
    if obj is None:
        raise NotFound(f"IP object {object_id} does not exist")
    if expected_version is not None and obj.version != expected_version:
        raise Conflict(
            f"IP object {object_id} is at version {obj.version}, not {expected_version}: "
            "reload it and apply your change again",
            currentVersion=obj.version,
        )
    return obj


class _Keep(enum.Enum):
    KEEP = "keep"


#: "Leave as it is" for a part of :class:`ObjectChanges` that may be set to ``None``.
KEEP = _Keep.KEEP


@dataclass
class ObjectChanges:
    """What :func:`update_object` changes; a part left ``None`` (or :data:`KEEP`) stays.

    ``status`` replaces the current status without a history record (before an
    object is registered); ``status_record`` appends a record and makes it current.
    ``parties`` and ``documents`` replace the links of the roles they name (a party
    linked before in its role keeps its link); ``goods`` replaces every goods item.
    """

    name: str | None = None
    description: str | _Keep | None = KEEP
    register_number: str | _Keep | None = KEEP
    published: bool | None = None
    status: str | None = None
    status_record: StatusData | None = None
    keywords: list[KeywordData] | None = None
    right_terms: list[RightTermInput] | None = None
    parties: dict[str, list[PartyForm]] | None = None
    documents: dict[str, list[DocumentForm]] | None = None
    goods: list[GoodsData] | None = None


async def update_object(session: AsyncSession, obj: IPObject, changes: ObjectChanges,
                        parties: PartyStore | None = None) -> IPObject:
    """Apply ``changes`` to a loaded object (:func:`load_object`): one ``update`` event,
    the version grown by one."""
    # First what reads or writes other rows, while the object's own row is unchanged:
    # those statements flush the session, and the version is to grow once, at the end.
    if changes.goods is not None:
        obj.goods = []
        await session.flush()
        obj.goods = _goods_objects(changes.goods)
        await session.flush()
    links: dict[str, list[int]] = {}
    if changes.parties:
        store = parties or PartyStore(session)
        for role, forms in changes.parties.items():
            links[role] = [ref.id for ref in await store.resolve(forms)]
    documents: dict[str, list[int]] = {}
    if changes.documents:
        await session.refresh(obj, attribute_names=["documents"])
        for role, forms in changes.documents.items():
            documents[role] = await write_documents(session, forms)
    for column in ("name", "published", "status"):
        value = getattr(changes, column)
        if value is not None:
            setattr(obj, column, value)
    for column in ("description", "register_number"):
        value = getattr(changes, column)
        if value is not KEEP:
            setattr(obj, column, value)
    if changes.keywords is not None:
        obj.keywords = [Keyword(**r) for r in _keyword_rows(changes.keywords)]
    if changes.right_terms is not None:
        obj.right_terms = [RightTerm(**r) for r in _term_rows(changes.right_terms)]
    for role, party_ids in links.items():
        _relink(obj, role, party_ids)
    for role, ids in documents.items():
        obj.documents = [d for d in obj.documents if d.role != role] + [
            ObjectDocument(**r) for r in _document_rows((role, i) for i in ids)]
    if changes.status_record is not None:
        record = changes.status_record
        obj.status_history.append(StatusRecord(**_status_rows([record], utcnow())[0]))
        obj.status = record.status
        obj.status_date = record.date
    await touch(session, obj)
    if parties is not None:
        await touch_linked(session, parties, skip={obj.id})
    return obj


async def touch_linked(session: AsyncSession, parties: PartyStore,
                       skip: Iterable[int] = ()) -> list[int]:
    """Tell the other objects of parties that took new data (``PartyStore(refresh=True)``,
    :attr:`~ipreg.core.services.parties.PartyStore.untold`): one ``update`` event each
    (its snapshot carries the parties' new names; the search index and feed readers
    follow), ``skip`` apart. The ids of the objects touched."""
    party_ids = sorted(parties.untold)
    parties.untold.clear()
    if not party_ids:
        return []
    ids = (await session.execute(select(ObjectParty.object_id).distinct().where(
        ObjectParty.party_id.in_(party_ids)))).scalars().all()
    touched = sorted(set(ids) - set(skip))
    for object_id in touched:
        await touch(session, await load_object(session, object_id))
    return touched


def _relink(obj: IPObject, role: str, party_ids: Sequence[int]) -> None:
    """Link the parties ``party_ids`` in ``role`` instead of the present ones. A party
    linked before keeps its link: deleting it and adding an equal one would collide on
    (object, party, role) inside one flush."""
    current = {link.party_id: link for link in obj.parties if link.role == role}
    kept = [link for link in obj.parties if link.role != role]
    new = [current.pop(row["party_id"], None) or ObjectParty(**row)
           for row in _link_rows((party_id, role) for party_id in party_ids)]
    obj.parties = kept + new
    for i, link in enumerate(obj.parties):
        link.position = i


async def set_status(
    session: AsyncSession,
    obj: IPObject,
    status: str,
    date: dt.date,
    basis_number: str | None = None,
    basis_date: dt.date | None = None,
    note: str | None = None,
) -> None:
    """Append a status record and make it current (a versioned ``update`` event)."""
    await update_object(session, obj, ObjectChanges(
        status_record=StatusData(status, date, basis_number, basis_date, note)))


async def touch(session: AsyncSession, obj: IPObject) -> None:
    """Mark the object changed: bumps its version and records an ``update`` event."""
    obj.updated_at = dt.datetime.now(dt.UTC)
    await session.flush()
    parties = await _parties_of(session, obj)
    record_change(
        session,
        ENTITY,
        obj,
        "update",
        lambda: snapshot(obj, parties),
        jurisdiction=obj.jurisdiction,
    )


async def _parties_of(session: AsyncSession, obj: IPObject) -> dict[int, Party]:
    ids = [link.party_id for link in obj.parties]
    if not ids:
        return {}
    rows = await session.execute(select(Party).where(Party.id.in_(ids)))
    return {p.id: p for p in rows.scalars()}


__all__ = [
    "ENTITY",
    "FULL_LOAD",
    "KEEP",
    "DocumentRole",
    "GoodsData",
    "KeywordData",
    "NewObject",
    "NiceClassData",
    "ObjectChanges",
    "ObjectWriter",
    "PartyCache",
    "PartyRole",
    "StatusData",
    "WrittenObject",
    "create_object",
    "create_objects",
    "load_object",
    "new_object",
    "object_fields",
    "object_payload",
    "party_form",
    "set_status",
    "snapshot",
    "touch",
    "touch_linked",
    "update_object",
    "write_objects",
]
