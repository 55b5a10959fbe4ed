"""Parties: the only writer of ``party`` and its addresses, contacts, employees, identity document.

A party is a natural or legal person as the EAEU register data composition
table 2 describes it (the core :class:`~ipreg.core.model.Party` is that model):
country, full and short name, taxpayer identifier and the tax registration
reason code (the Russian KPP; a register without one leaves it empty), an
identity document (table 4), addresses (table 5), contacts (table 6) and the
employees of a legal entity (item 9).

:class:`PartyForm` and its parts are the validated input; a register's form
parser builds them. :class:`PartyStore` finds or creates the parties of a batch
of forms in the caller's transaction: a form with ``party_id`` names a stored
party; otherwise a party with the same country and taxpayer identifier (or,
without one, the same country and name) is reused — the oldest such party — and
a new one is written with all its parts. Parties are looked up and written a
batch at a time (:meth:`PartyStore.resolve`), so an import of thousands of
objects costs a few statements per batch, not one per holder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Table, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db.base import utcnow
from ipreg.core.db.bulk import insert_ids, insert_rows, table_of
from ipreg.core.errors import BadUserInput
from ipreg.core.model import Address, Contact, Employee, IdentityDocument, Party

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


class PartyStore:
    """Finds or creates the parties of forms, remembering them for a batch.

    ``match="taxpayer_id"`` (the default) reuses a party of the same country and
    taxpayer identifier, or without one of the same country and name;
    ``match="name"`` only by country and name (``ipreg import objects``).
    """

    def __init__(self, session: AsyncSession, *, match: Match = "taxpayer_id") -> None:
        self.session = session
        self.match = match
        self.known: dict[tuple[str, ...], PartyRef] = {}
        self.by_id: dict[int, PartyRef] = {}

    def _key(self, form: PartyForm) -> tuple[str, ...]:
        if form.taxpayer_id and self.match == "taxpayer_id":
            return ("tax", form.country, form.taxpayer_id)
        return ("name", form.country, form.name)

    async def resolve(self, forms: Sequence[PartyForm]) -> list[PartyRef]:
        """The stored party of each form, creating the new ones (a few statements in all)."""
        await self._load_ids({f.party_id for f in forms if f.party_id is not None})
        wanted = {self._key(f) for f in forms if f.party_id is None} - self.known.keys()
        await self._look_up(wanted)
        new: dict[tuple[str, ...], PartyForm] = {}
        for form in forms:
            if form.party_id is None:
                key = self._key(form)
                if key not in self.known:
                    new.setdefault(key, form)
        ids = await write_parties(self.session, list(new.values()))
        for (key, form), party_id in zip(new.items(), ids, strict=True):
            self._remember(PartyRef(party_id, form.name, form.country), key)
        return [self.by_id[f.party_id] if f.party_id is not None else self.known[self._key(f)]
                for f in forms]

    async def ref(self, form: PartyForm) -> PartyRef:
        """The stored party of one form (created if new)."""
        return (await self.resolve([form]))[0]

    async def get(self, form: PartyForm) -> Party:
        """The stored :class:`Party` of one form (created if new)."""
        party = await self.session.get(Party, (await self.ref(form)).id)
        assert party is not None
        return party

    def _remember(self, ref: PartyRef, key: tuple[str, ...] | None = None) -> None:
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

    async def _look_up(self, keys: set[tuple[str, ...]]) -> None:
        """Remember the oldest stored party of each key."""
        for kind, column in (("tax", Party.taxpayer_id), ("name", Party.name)):
            wanted = sorted((country, value) for k, country, value in keys if k == kind)
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                chunk = wanted[start:start + LOOKUP_CHUNK]
                rows = await self.session.execute(
                    select(Party.id, Party.name, Party.country, column.label("value"))
                    .where(tuple_(Party.country, column).in_(chunk)).order_by(Party.id))
                for row in rows:
                    key = (kind, row.country, row.value)
                    if key not in self.known:
                        self._remember(PartyRef(row.id, row.name, row.country), key)


__all__ = [
    "AddressForm",
    "ContactForm",
    "EmployeeForm",
    "IdentityDocumentForm",
    "PartyForm",
    "PartyRef",
    "PartyStore",
    "create_party",
    "new_party",
    "write_parties",
]
