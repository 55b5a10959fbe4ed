"""Parties: the only writer of ``party`` and its addresses, contacts, employees, identity document.

A party is a natural or legal person as the EAEU register data composition
table 2 describes it (the core :class:`~ipreg.core.model.Party` is that model):
country, full and short name, taxpayer identifier and the tax registration
reason code (the Russian KPP; a register without one leaves it empty), an
identity document (table 4), addresses (table 5), contacts (table 6) and the
employees of a legal entity (item 9).

**What a party is across filings.** A stored party is one person, under one id
for good: accounts act for it, notices are addressed to it, objects link it. A
form names it by ``party_id``, or is found again by its *identity* — the country
and taxpayer identifier, or for an individual its identity document (country,
series, number) — never by its name: two individuals of the same name and
country are two parties (:meth:`PartyStore.identity`). A form with no identity
is a new party. The core object form and ``ipreg import objects`` keep their
own rule, country and name (``match="name"``, :class:`PartyCache`).

**The data of a filing.** The table 2 items a form carries are the person's data
as filed. With ``refresh=True`` (a register's application or approved
amendment) a party found again takes every item of the form — names, addresses,
contacts, employees, identity document — and the store keeps what it was before:
for the caller's record (:attr:`PartyStore.changes`, :class:`PartyChange`) and in a
``party_version`` row valid until the filing's moment (``now``), which the register
"as of" a day reads (:func:`items_as_of`); one
filing naming one person twice with different data is refused. Without it
(importers) the party is taken as stored.

:class:`PartyForm` and its parts are the validated input; a register's form
parser builds them. :class:`PartyStore` finds or creates the parties of a batch
of forms in the caller's transaction. Parties are looked up and written a
batch at a time (:meth:`PartyStore.resolve`), so an import of thousands of
objects costs a few statements per batch, not one per holder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Table, delete, func, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db.base import utcnow
from ipreg.core.db.bulk import insert_ids, insert_rows, table_of
from ipreg.core.errors import BadUserInput
from ipreg.core.model import Address, Contact, Employee, IdentityDocument, Party, PartyVersion

#: Rows per look-up statement (below SQLite's host-parameter limit).
LOOKUP_CHUNK = 300


@dataclass
class AddressForm:
    """An address (EAEU table 5)."""

    kind: str | None = None
    country: str | None = None
    territory_code: str | None = None
    region: str | None = None
    district: str | None = None
    city: str | None = None
    settlement: str | None = None
    street: str | None = None
    building: str | None = None
    premises: str | None = None
    postal_code: str | None = None
    po_box: str | None = None


@dataclass
class ContactForm:
    """A contact channel (EAEU table 6) with its identifiers (one ``party_contact`` row each)."""

    channel: str | None = None
    channel_name: str | None = None
    values: list[str] = field(default_factory=list)


@dataclass
class EmployeeForm:
    """An employee of a legal entity (EAEU table 2 item 9); ``position`` is the job title."""

    surname: str
    first_name: str | None = None
    patronymic: str | None = None
    position: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass
class IdentityDocumentForm:
    """The identity document of a natural person (EAEU table 4)."""

    country: str
    number: str
    kind_code: str | None = None
    kind_name: str | None = None
    series: str | None = None
    date: dt.date | None = None
    issuer_id: str | None = None
    issuer_name: str | None = None


@dataclass
class PartyForm:
    """A party to find or create (EAEU table 2); ``party_id`` names a stored party instead."""

    party_id: int | None = None
    party_type: str = "legal"
    country: str = ""
    name: str = ""
    short_name: str | None = ""
    taxpayer_id: str | None = None
    tax_registration_reason_code: str | None = None
    identity_document: IdentityDocumentForm | None = None
    addresses: list[AddressForm] = field(default_factory=list)
    contacts: list[ContactForm] = field(default_factory=list)
    employees: list[EmployeeForm] = field(default_factory=list)


@dataclass(frozen=True)
class PartyRef:
    """A stored party as the writers need it: its id, and the name and country that go
    into the change events of the objects it is linked to."""

    id: int
    name: str
    country: str


def _party_row(form: PartyForm, now: dt.datetime) -> dict[str, Any]:
    return {"party_type": form.party_type, "country": form.country, "name": form.name,
            "short_name": form.short_name, "taxpayer_id": form.taxpayer_id,
            "tax_registration_reason_code": form.tax_registration_reason_code,
            "version": 1, "created_at": now, "updated_at": now}


def _part_rows(party_id: int, form: PartyForm) -> dict[Table, list[dict[str, Any]]]:
    """The rows of tables 4, 5, 6 and item 9 of one new party, by table."""
    contacts: list[dict[str, Any]] = []
    for contact in form.contacts:
        # Table 6 item 3 is 0..* identifiers per contact; the core keeps one per row.
        for value in contact.values or [""]:
            contacts.append({"party_id": party_id, "position": len(contacts),
                             "channel": contact.channel, "channel_name": contact.channel_name,
                             "value": value})
    identity = form.identity_document
    return {
        table_of(Address): [{"party_id": party_id, "position": i, **vars(a)}
                          for i, a in enumerate(form.addresses)],
        table_of(Contact): contacts,
        table_of(Employee): [{"party_id": party_id, "position": i, "surname": e.surname,
                            "first_name": e.first_name, "patronymic": e.patronymic,
                            "job_title": e.position, "phone": e.phone, "email": e.email}
                           for i, e in enumerate(form.employees)],
        table_of(IdentityDocument): [{"party_id": party_id, **vars(identity)}] if identity else [],
    }


async def write_parties(session: AsyncSession, forms: Sequence[PartyForm],
                        now: dt.datetime | None = None) -> list[int]:
    """Write new parties with all their parts (no look-up); their ids, in order."""
    if not forms:
        return []
    moment = now or utcnow()
    ids = await insert_ids(session, table_of(Party), [_party_row(f, moment) for f in forms])
    parts: dict[Table, list[dict[str, Any]]] = {}
    for party_id, form in zip(ids, forms, strict=True):
        for table, rows in _part_rows(party_id, form).items():
            parts.setdefault(table, []).extend(rows)
    for table, rows in parts.items():
        await insert_rows(session, table, rows)
    return ids


def new_party(form: PartyForm) -> Party:
    """An unsaved :class:`Party` with all its parts, for a caller that adds it to its
    session itself (test fixtures); writers use :class:`PartyStore`."""
    parts = _part_rows(0, form)

    def rows(model: Any) -> list[dict[str, Any]]:
        return [{k: v for k, v in row.items() if k != "party_id"} for row in parts[table_of(model)]]

    identity = rows(IdentityDocument)
    return Party(**_party_row(form, utcnow()),
                 identity_document=IdentityDocument(**identity[0]) if identity else None,
                 addresses=[Address(**r) for r in rows(Address)],
                 contacts=[Contact(**r) for r in rows(Contact)],
                 employees=[Employee(**r) for r in rows(Employee)])


async def create_party(session: AsyncSession, form: PartyForm) -> Party:
    """Write one new party with all its parts; the stored :class:`Party`."""
    (party_id,) = await write_parties(session, [form])
    party = await session.get(Party, party_id)
    assert party is not None
    return party


Match = Literal["taxpayer_id", "name"]
#: An identity of a party: ``("tax", country, taxpayer id)``, ``("doc", country,
#: series, number)`` of an individual's identity document, or ``("name", country,
#: name)`` for ``match="name"``.
Identity = tuple[str, ...]
#: The columns of ``party`` that hold table 2 items (items 1-5).
_ITEM_COLUMNS = ("party_type", "country", "name", "short_name", "taxpayer_id",
                 "tax_registration_reason_code")
_PARTS = ((IdentityDocument, "identity_document"), (Address, "addresses"),
          (Contact, "contacts"), (Employee, "employees"))


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _json(v) for k, v in row.items() if k not in ("id", "party_id", "position")}


def form_items(form: PartyForm) -> dict[str, Any]:
    """The table 2 items of a form as JSON (what :func:`stored_items` gives of a party)."""
    row = _party_row(form, utcnow())
    parts = _part_rows(0, form)
    out: dict[str, Any] = {c: row[c] for c in _ITEM_COLUMNS}
    for model, key in _PARTS:
        rows = [_clean(r) for r in parts[table_of(model)]]
        out[key] = (rows[0] if rows else None) if model is IdentityDocument else rows
    return out


async def stored_items(session: AsyncSession, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The table 2 items of stored parties as JSON, by id (five statements)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await session.execute(select(*(getattr(Party, c) for c in ("id", *_ITEM_COLUMNS)))
                                 .where(Party.id.in_(wanted)))
    out: dict[int, dict[str, Any]] = {
        r.id: {**{c: getattr(r, c) for c in _ITEM_COLUMNS}, "identity_document": None,
               "addresses": [], "contacts": [], "employees": []} for r in rows}
    for model, key in _PARTS:
        table = table_of(model)
        order = [table.c.party_id, table.c.id] if model is IdentityDocument else [
            table.c.party_id, table.c.position, table.c.id]
        for part in (await session.execute(select(table).where(table.c.party_id.in_(wanted))
                                           .order_by(*order))).mappings():
            item = _clean(dict(part))
            if model is IdentityDocument:
                out[part["party_id"]][key] = item
            else:
                out[part["party_id"]][key].append(item)
    return out


def as_of_moment(day: dt.date) -> dt.datetime:
    """The end of ``day`` (UTC): the register "as of" a day shows what held then."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC)


def items_as_of(versions: Sequence[Any], moment: dt.datetime) -> dict[str, Any] | None:
    """Of the ``party_version`` rows of one party, the items that held at ``moment``
    (those replaced the earliest after it); ``None``: the party's present data."""
    later = [v for v in versions if v.valid_to >= moment]
    return min(later, key=lambda v: (v.valid_to, v.version)).items if later else None


@dataclass(frozen=True)
class PartyChange:
    """A stored party that took the data of a filing: its table 2 items before and after
    (JSON, :func:`form_items`), for the caller's record of what changed."""

    party_id: int
    before: dict[str, Any]
    after: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"partyId": self.party_id, "before": self.before, "after": self.after}


async def differing(session: AsyncSession, pairs: Sequence[tuple[int, PartyForm]]) -> list[int]:
    """The ids of those stored parties whose table 2 items are not their form's (forms
    naming a party by ``party_id`` carry no items and are skipped): a check that what a
    decision approved is what the register now holds."""
    checked = [(pid, form) for pid, form in pairs if form.party_id is None]
    stored = await stored_items(session, [pid for pid, _ in checked])
    return [pid for pid, form in checked if stored.get(pid) != form_items(form)]


class PartyStore:
    """Finds or creates the parties of forms, remembering them for a batch.

    ``match="taxpayer_id"`` (the default) finds a party again by its identity
    (:meth:`identity`: country and taxpayer identifier, or an individual's identity
    document); ``match="name"`` by country and name (the core object form,
    ``ipreg import objects``). ``refresh=True``: a party found again takes the data
    of its form (every table 2 item), the previous data go to :attr:`changes`;
    ``refresh`` a collection of party ids: only those parties do (the ones the filer
    acts for: nobody rewrites another person's data by naming it in a filing).
    """

    def __init__(self, session: AsyncSession, *, match: Match = "taxpayer_id",
                 refresh: bool | Collection[int] = False,
                 now: dt.datetime | None = None) -> None:
        self.session = session
        #: The moment of the filing (the procedure's clock): when replaced data end.
        self.now = now
        self.match = match
        self.refresh = refresh
        self.known: dict[Identity, PartyRef] = {}
        self.by_id: dict[int, PartyRef] = {}
        #: Parties that took the data of a form (``refresh=True``), in order.
        self.changes: list[PartyChange] = []
        #: Ids of changed parties whose other objects have not been told yet
        #: (:func:`ipreg.core.services.objects.touch_linked` empties it).
        self.untold: set[int] = set()
        self._filed: dict[Identity, dict[str, Any]] = {}
        #: Forms without an identity written by this store: the same form object
        #: resolved again is the same party (the form is kept so its id stays its own).
        self._written: dict[int, tuple[PartyForm, PartyRef]] = {}

    def identity(self, form: PartyForm) -> Identity | None:
        """What finds the party of ``form`` again; ``None``: a new party every time."""
        if self.match == "name":
            return ("name", form.country, form.name)
        if form.taxpayer_id:
            return ("tax", form.country, form.taxpayer_id)
        doc = form.identity_document
        if form.party_type == "natural" and doc is not None and doc.number:
            return ("doc", doc.country, doc.series or "", doc.number)
        return None

    async def resolve(self, forms: Sequence[PartyForm]) -> list[PartyRef]:
        """The stored party of each form, creating the new ones (a few statements in all)."""
        await self._load_ids({f.party_id for f in forms if f.party_id is not None})
        keys = [None if f.party_id is not None else self.identity(f) for f in forms]
        await self._look_up({k for k in keys if k is not None} - self.known.keys())
        stored = {k for k in keys if k is not None} & self.known.keys()
        if self.refresh:
            self._check_filed(forms, keys)
        new: dict[Identity | int, PartyForm] = {}
        for form, key in zip(forms, keys, strict=True):
            if form.party_id is None and key is None and id(form) not in self._written:
                new.setdefault(id(form), form)
            elif form.party_id is None and key is not None and key not in self.known:
                new.setdefault(key, form)
        ids = await write_parties(self.session, list(new.values()))
        refs: dict[Identity | int, PartyRef] = {}
        for (slot, form), party_id in zip(new.items(), ids, strict=True):
            refs[slot] = PartyRef(party_id, form.name, form.country)
            self._remember(refs[slot], slot if isinstance(slot, tuple) else None)
            if not isinstance(slot, tuple):
                self._written[id(form)] = (form, refs[slot])
        if self.refresh:
            await self._take_data([(self.known[k], f) for f, k in zip(forms, keys, strict=True)
                                   if k is not None and k in stored])
        out = []
        for form, key in zip(forms, keys, strict=True):
            if form.party_id is not None:
                out.append(self.by_id[form.party_id])
            else:
                out.append(self.known[key] if key is not None else self._written[id(form)][1])
        return out

    def _check_filed(self, forms: Sequence[PartyForm], keys: Sequence[Identity | None]) -> None:
        """One filing (this store) naming one person twice with different data is refused."""
        for form, key in zip(forms, keys, strict=True):
            if key is None:
                continue
            items = form_items(form)
            earlier = self._filed.setdefault(key, items)
            if earlier != items:
                what = {"tax": "taxpayer id", "doc": "identity document", "name": "name"}[key[0]]
                raise BadUserInput(
                    f"the party of country {key[1]} and {what} {' '.join(key[2:]).strip()} is "
                    "given twice with different data (R174 A1 table 2): give its data once")

    async def _take_data(self, pairs: Sequence[tuple[PartyRef, PartyForm]]) -> None:
        """Bring stored parties up to the data of their forms, keeping what they were."""
        allowed = self.refresh
        wanted = {ref.id: form for ref, form in pairs
                  if allowed is True or (allowed and ref.id in allowed)}
        before = await stored_items(self.session, list(wanted))
        now = self.now or utcnow()
        for party_id, form in wanted.items():
            after = form_items(form)
            if before.get(party_id) == after:
                continue
            version = (await self.session.execute(
                select(Party.version).where(Party.id == party_id))).scalar_one()
            await insert_rows(self.session, table_of(PartyVersion), [{
                "party_id": party_id, "version": version, "valid_to": now,
                "items": before[party_id]}])
            row = _party_row(form, now)
            await self.session.execute(
                update(Party).where(Party.id == party_id).values(
                    **{c: row[c] for c in _ITEM_COLUMNS}, version=Party.version + 1,
                    updated_at=now))
            for model, _ in _PARTS:
                await self.session.execute(delete(model).where(model.party_id == party_id))
            for table, rows in _part_rows(party_id, form).items():
                await insert_rows(self.session, table, rows)
            self.changes.append(PartyChange(party_id, before[party_id], after))
            self.untold.add(party_id)
            ref = PartyRef(party_id, form.name, form.country)
            self.by_id[party_id] = ref
            self.known = {k: ref if v.id == party_id else v for k, v in self.known.items()}
        if self.untold:
            # Party objects the session holds show the new data.
            await self.session.execute(select(Party).where(Party.id.in_(sorted(self.untold)))
                                       .execution_options(populate_existing=True))

    async def ref(self, form: PartyForm) -> PartyRef:
        """The stored party of one form (created if new)."""
        return (await self.resolve([form]))[0]

    async def get(self, form: PartyForm) -> Party:
        """The stored :class:`Party` of one form (created if new)."""
        party = await self.session.get(Party, (await self.ref(form)).id)
        assert party is not None
        return party

    def _remember(self, ref: PartyRef, key: Identity | None = None) -> None:
        self.by_id[ref.id] = ref
        if key is not None:
            self.known.setdefault(key, ref)

    async def _load_ids(self, ids: set[int]) -> None:
        missing = sorted(ids - self.by_id.keys())
        for start in range(0, len(missing), LOOKUP_CHUNK):
            chunk = missing[start:start + LOOKUP_CHUNK]
            rows = await self.session.execute(
                select(Party.id, Party.name, Party.country).where(Party.id.in_(chunk)))
            for row in rows:
                self._remember(PartyRef(row.id, row.name, row.country))
        for party_id in missing:
            if party_id not in self.by_id:
                raise BadUserInput(f"party {party_id} does not exist")

    async def _look_up(self, keys: set[Identity]) -> None:
        """Remember the oldest stored party of each identity."""
        doc = IdentityDocument
        for kind, columns in (
                ("tax", (Party.country, Party.taxpayer_id)),
                ("name", (Party.country, Party.name)),
                ("doc", (doc.country, func.coalesce(doc.series, ""), doc.number))):
            wanted = sorted(k[1:] for k in keys if k[0] == kind)
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                chunk = wanted[start:start + LOOKUP_CHUNK]
                query = select(Party.id, Party.name, Party.country,
                               *(c.label(f"k{i}") for i, c in enumerate(columns)))
                if kind == "doc":
                    query = query.join(doc, doc.party_id == Party.id).where(
                        Party.party_type == "natural")
                rows = await self.session.execute(
                    query.where(tuple_(*columns).in_(chunk)).order_by(Party.id))
                for row in rows:
                    key = (kind, *(getattr(row, f"k{i}") for i in range(len(columns))))
                    if key not in self.known:
                        self._remember(PartyRef(row.id, row.name, row.country), key)


__all__ = [
    "AddressForm",
    "ContactForm",
    "EmployeeForm",
    "IdentityDocumentForm",
    "PartyChange",
    "PartyForm",
    "PartyRef",
    "PartyStore",
    "PartyVersion",
    "as_of_moment",
    "create_party",
    "differing",
    "form_items",
    "items_as_of",
    "new_party",
    "stored_items",
    "write_parties",
]
