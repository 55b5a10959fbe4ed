"""Creating, changing and reading IP objects, with their change events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ipreg.core.errors import Conflict, NotFound
from ipreg.core.feed import record_change
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
from ipreg.core.services.inputs import ObjectInput, PartyInput, StatusInput

ENTITY = "ip_object"

FULL_LOAD = (
    selectinload(IPObject.keywords),
    selectinload(IPObject.parties),
    selectinload(IPObject.goods).selectinload(Goods.codes),
    selectinload(IPObject.goods).selectinload(Goods.nice_classes),
    selectinload(IPObject.right_terms),
    selectinload(IPObject.status_history),
)


class PartyCache:
    """Finds or creates parties by (country, name), remembering them for a batch."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.known: dict[tuple[str, str], Party] = {}

    async def get(self, data: PartyInput) -> Party:
        key = (data.country, data.name)
        if key in self.known:
            return self.known[key]
        party = (
            await self.session.execute(
                select(Party)
                .where(Party.country == data.country, Party.name == data.name)
                .order_by(Party.id)
                .limit(1)
            )
        ).scalar_one_or_none()
        if party is None:
            party = Party(
                country=data.country,
                name=data.name,
                party_type=data.party_type,
                short_name=data.short_name or data.name,
                taxpayer_id=data.taxpayer_id,
            )
            self.session.add(party)
        self.known[key] = party
        return party


def snapshot(obj: IPObject, parties: dict[int, Party] | None = None) -> dict[str, Any]:
    """The object's full state as JSON: the change event's payload."""

    def party_ref(link: ObjectParty) -> dict[str, Any]:
        party = parties.get(link.party_id) if parties else None
        ref: dict[str, Any] = {"id": link.party_id, "role": link.role}
        if party is not None:
            ref.update(name=party.name, country=party.country)
        return ref

    return {
        "id": obj.id,
        "version": obj.version,
        "jurisdiction": obj.jurisdiction,
        "kind": obj.kind,
        "name": obj.name,
        "description": obj.description,
        "registerNumber": obj.register_number,
        "status": obj.status,
        "statusDate": obj.status_date.isoformat() if obj.status_date else None,
        "published": obj.published,
        "keywords": [k.value for k in obj.keywords],
        "parties": [party_ref(link) for link in obj.parties],
        "goods": [
            {
                "description": g.description,
                "hsCodes": [c.code for c in g.codes],
                "niceClasses": [n.number for n in g.nice_classes],
            }
            for g in obj.goods
        ],
        "rightTerms": [
            {"country": t.country, "expiresOn": _iso(t.expires_on), "startsOn": _iso(t.starts_on)}
            for t in obj.right_terms
        ],
        "statusHistory": [
            {
                "status": s.status,
                "date": s.date.isoformat(),
                "basisNumber": s.basis_number,
                "basisDate": _iso(s.basis_date),
            }
            for s in obj.status_history
        ],
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


async def create_object(
    session: AsyncSession, data: ObjectInput, parties: PartyCache | None = None
) -> IPObject:
    """Add an IP object with its relations; its ``create`` event commits with it."""
    parties = parties or PartyCache(session)
    history = data.status_history or [StatusInput(data.status, dt.date.today())]
    obj = IPObject(
        jurisdiction=data.jurisdiction,
        kind=data.kind,
        name=data.name,
        description=data.description,
        register_number=data.register_number,
        status=data.status,
        status_date=history[-1].date,
        published=data.published,
        keywords=[Keyword(position=i, value=v) for i, v in enumerate(data.keywords)],
        goods=[
            Goods(
                position=i,
                description=g.description,
                codes=[GoodsCode(scheme="hs", code=c) for c in g.hs_codes],
                nice_classes=[NiceClass(number=n) for n in g.nice_classes],
            )
            for i, g in enumerate(data.goods)
        ],
        right_terms=[
            RightTerm(
                country=t.country,
                expires_on=t.expires_on,
                starts_on=t.starts_on,
                term_defined=t.term_defined,
            )
            for t in data.right_terms
        ],
        status_history=[
            StatusRecord(
                status=s.status, date=s.date, basis_number=s.basis_number, basis_date=s.basis_date
            )
            for s in history
        ],
    )
    links: list[tuple[Party, str]] = []
    for role, people in (("holder", data.holders), ("representative", data.representatives)):
        for person in people:
            links.append((await parties.get(person), role))
    obj.parties = [
        ObjectParty(party=party, role=role, position=i) for i, (party, role) in enumerate(links)
    ]
    session.add(obj)
    record_change(
        session,
        ENTITY,
        obj,
        "create",
        lambda: snapshot(obj, {party.id: party for party, _ in links}),
        jurisdiction=obj.jurisdiction,
    )
    return obj


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
    obj.status_history.append(
        StatusRecord(
            status=status, date=date, basis_number=basis_number, basis_date=basis_date, note=note
        )
    )
    obj.status = status
    obj.status_date = date
    await touch(session, obj)


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
