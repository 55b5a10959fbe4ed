"""The customs register's writer: recordals, their entries, term and history.

Every function takes the caller's session (a procedure's one transaction): the IP
objects through :mod:`ipreg.core.services.objects`, the parties through
:class:`~ipreg.core.services.parties.PartyStore`, the register's own rows beside them.
Each right of a recordal is one register entry (an ``ip_object`` of ``ua_customs``):
unpublished while the application is examined, numbered and published on
registration (CC Art. 398, Order 282), its status following the recordal's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import NotFound
from ipreg.core.model import IPObject
from ipreg.core.procedures import add_months
from ipreg.core.services.inputs import RightTermInput
from ipreg.core.services.numbering import fixed_width, next_value
from ipreg.core.services.objects import (
    GoodsData,
    NewObject,
    NiceClassData,
    ObjectChanges,
    PartyRole,
    StatusData,
    create_object,
    load_object,
    update_object,
)
from ipreg.core.services.parties import PartyStore
from ipreg.plugins.ukraine.customs.codes import JURISDICTION
from ipreg.plugins.ukraine.customs.forms import (
    Amendment,
    CounterfeitData,
    GoodsItem,
    OperatorData,
    Recordal,
    RepresentativeData,
    parse_recordal,
)
from ipreg.plugins.ukraine.customs.models import (
    UaCustomsCounterfeit,
    UaCustomsEntryEvent,
    UaCustomsGoods,
    UaCustomsOperator,
    UaCustomsRecordal,
    UaCustomsRepresentative,
    UaCustomsRight,
)
from ipreg.plugins.ukraine.customs.terms import MAX_TERM_MONTHS

#: Role of the owner in ``ip_object_party``: the published "owner" of the weekly list.
HOLDER = "holder"


def _goods(goods: Sequence[GoodsItem]) -> list[GoodsData]:
    return [GoodsData(g.description, list(g.uktzed), [NiceClassData(n) for n in g.nice_classes],
                      scheme="uktzed") for g in goods]


async def file_recordal(session: AsyncSession, recordal: Recordal, *, case_id: int | None,
                        today: dt.date, now: dt.datetime, source: str = "filing",
                        acting_for: set[int] | None = None) -> UaCustomsRecordal:
    """Store a filed recordal (status ``applied``): its entries unpublished, its parties,
    representatives, operators and counterfeits (Order 282 contents; Seed 000 goal 1).
    The parties the filer acts for (``acting_for``) take the data of the form; nobody
    rewrites another person's data by naming it."""
    parties = PartyStore(session, now=now, refresh=acting_for or set())
    applicant = (await parties.resolve([recordal.applicant.party_form()]))[0]
    row = UaCustomsRecordal(case_id=case_id, applicant_id=applicant.id,
                            applicant_status=recordal.applicant_status, status="applied",
                            requested_months=recordal.term_months,
                            entitlement=[d.to_form() for d in recordal.entitlement],
                            restricted=list(recordal.restricted), source=source,
                            form=recordal.to_form(), created_at=now)
    session.add(row)
    await session.flush()
    for position, right in enumerate(recordal.rights, 1):
        obj = await create_object(session, NewObject(
            jurisdiction=JURISDICTION, kind=right.kind, name=right.name, status="applied",
            published=False, description=f"{right.origin} registration "
            f"{right.registration_number}",
            parties=[PartyRole(recordal.applicant.party_form(), HOLDER)],
            goods=_goods(list(right.goods)),
            status_history=[StatusData("applied", today)], now=now), parties)
        await session.flush()
        right_row = UaCustomsRight(
            recordal_id=row.id, position=position, object_id=obj.id, kind=right.kind,
            origin=right.origin, registration_number=right.registration_number,
            name=right.name, right_registered_on=right.registered_on,
            right_expires_on=right.expires_on, nice_classes=list(right.nice_classes),
            representation=right.representation, status="applied")
        session.add(right_row)
        await session.flush()
        for gpos, goods in enumerate(right.goods, 1):
            session.add(UaCustomsGoods(
                right_id=right_row.id, position=gpos, description=goods.description,
                uktzed=list(goods.uktzed), nice_classes=list(goods.nice_classes),
                photos=list(goods.photos), packaging=goods.packaging,
                identification=goods.identification, samples=goods.samples))
    await _write_people(session, row, parties, recordal.representatives, recordal.operators,
                        recordal.counterfeits)
    await session.flush()
    return row


async def _write_people(session: AsyncSession, row: UaCustomsRecordal, parties: PartyStore,
                        representatives: Sequence[RepresentativeData] | None,
                        operators: Sequence[OperatorData] | None,
                        counterfeits: Sequence[CounterfeitData] | None) -> None:
    if representatives is not None:
        await session.execute(delete(UaCustomsRepresentative).where(
            UaCustomsRepresentative.recordal_id == row.id))
        refs = await parties.resolve([r.party.party_form() for r in representatives])
        session.add_all([UaCustomsRepresentative(recordal_id=row.id, party_id=ref.id,
                                                 role=r.role, authority=r.authority)
                         for r, ref in zip(representatives, refs, strict=True)])
    if operators is not None:
        await session.execute(delete(UaCustomsOperator).where(
            UaCustomsOperator.recordal_id == row.id))
        refs = await parties.resolve([o.party.party_form() for o in operators])
        session.add_all([UaCustomsOperator(recordal_id=row.id, party_id=ref.id, kind=o.kind,
                                           identifier=o.party.identifier or "")
                         for o, ref in zip(operators, refs, strict=True)])
    if counterfeits is not None:
        await session.execute(delete(UaCustomsCounterfeit).where(
            UaCustomsCounterfeit.recordal_id == row.id))
        session.add_all([UaCustomsCounterfeit(recordal_id=row.id, description=c.description,
                                              origin_country=c.origin_country,
                                              route=list(c.route), detected_on=c.detected_on)
                         for c in counterfeits])


async def rights_of(session: AsyncSession, recordal_id: int) -> list[UaCustomsRight]:
    rows = await session.execute(select(UaCustomsRight).where(
        UaCustomsRight.recordal_id == recordal_id).order_by(UaCustomsRight.position))
    return list(rows.scalars())


async def recordal_of_case(session: AsyncSession, case_id: int) -> UaCustomsRecordal:
    row = (await session.execute(select(UaCustomsRecordal).where(
        UaCustomsRecordal.case_id == case_id))).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no recordal in case {case_id}")
    return row


def _event(session: AsyncSession, row: UaCustomsRecordal, action: str, day: dt.date,
           case_id: int | None, now: dt.datetime, note: str | None = None) -> None:
    session.add(UaCustomsEntryEvent(recordal_id=row.id, case_id=case_id, day=day,
                                    action=action, valid_until=row.valid_until, note=note,
                                    at=now))


async def _set_entries(session: AsyncSession, rights: Sequence[UaCustomsRight], status: str,
                       day: dt.date, basis: str | None, *, published: bool | None = None,
                       valid_until: dt.date | None = None) -> None:
    for right in rights:
        right.status = status
        obj = await load_object(session, right.object_id)
        await update_object(session, obj, ObjectChanges(
            status_record=StatusData(status, day, basis, day), published=published,
            register_number=right.register_number,
            right_terms=[RightTermInput("UA", valid_until)] if valid_until else None))


def term_end(registered_on: dt.date, months: int, rights: Sequence[UaCustomsRight]
             ) -> dt.date:
    """Order 282 term: the months requested, at most one year from registration, and
    never beyond the earliest expiry of a recorded right (608/2013 Art. 11(3))."""
    end = min(add_months(registered_on, months),
              add_months(registered_on, MAX_TERM_MONTHS)) - dt.timedelta(days=1)
    lapses = [r.right_expires_on for r in rights if r.right_expires_on is not None]
    return min([end, *lapses])


async def register(session: AsyncSession, row: UaCustomsRecordal, *, today: dt.date,
                   now: dt.datetime, case_id: int | None, decision: str | None = None
                   ) -> list[UaCustomsRight]:
    """Registration (CC Art. 398): each entry numbered and published, the term set."""
    rights = await rights_of(session, row.id)
    for right in rights:
        right.register_number = fixed_width(await next_value(session, JURISDICTION, "entry"),
                                            6)
    row.status = "registered"
    row.registered_on = today
    row.valid_until = term_end(today, row.requested_months, rights)
    await _set_entries(session, rights, "registered", today, decision, published=True,
                       valid_until=row.valid_until)
    _event(session, row, "registered", today, case_id, now)
    return rights


async def refuse(session: AsyncSession, row: UaCustomsRecordal, reasons: str, *,
                 today: dt.date, now: dt.datetime, case_id: int | None) -> None:
    row.status = "refused"
    row.refusal_reasons = reasons
    await _set_entries(session, await rights_of(session, row.id), "refused", today, None)
    _event(session, row, "refused", today, case_id, now, reasons)


async def extend(session: AsyncSession, row: UaCustomsRecordal, months: int, *,
                 today: dt.date, now: dt.datetime, case_id: int | None) -> dt.date:
    """Order 282 extension: the new term runs from the day after the old one ends, at
    most one year (Reg. 608/2013 Art. 12 alike), never beyond a right's expiry."""
    assert row.valid_until is not None
    rights = await rights_of(session, row.id)
    start = row.valid_until + dt.timedelta(days=1)
    row.valid_until = term_end(start, months, rights)
    await _set_entries(session, [r for r in rights if r.status == "registered"], "registered",
                       today, "extension", valid_until=row.valid_until)
    _event(session, row, "extended", today, case_id, now, f"{months} months")
    return row.valid_until


async def amend(session: AsyncSession, row: UaCustomsRecordal, changes: Amendment, *,
                today: dt.date, now: dt.datetime, case_id: int | None) -> None:
    """Order 282 amendment: replace the parts given; the form kept is the one in force."""
    form = dict(row.form)
    if changes.representatives is not None:
        form["representatives"] = [r.to_form() for r in changes.representatives]
    if changes.operators is not None:
        form["operators"] = [o.to_form() for o in changes.operators]
    if changes.counterfeits is not None:
        form["counterfeits"] = [c.to_form() for c in changes.counterfeits]
    if changes.restricted is not None:
        form["restrictedHandling"] = list(changes.restricted)
        row.restricted = list(changes.restricted)
    row.form = {k: v for k, v in form.items() if v != []}
    await _write_people(session, row, PartyStore(session, now=now), changes.representatives,
                        changes.operators, changes.counterfeits)
    _event(session, row, "amended", today, case_id, now, ", ".join(changes.given))


async def expire(session: AsyncSession, row: UaCustomsRecordal, *, today: dt.date,
                 now: dt.datetime, case_id: int | None) -> None:
    """The term ended: the entries leave the register (status ``expired``)."""
    row.status = "expired"
    await _set_entries(session, [r for r in await rights_of(session, row.id)
                                 if r.status == "registered"], "expired", today, None)
    _event(session, row, "expired", today, case_id, now)


async def revoke(session: AsyncSession, row: UaCustomsRecordal, numbers: Sequence[str] | None,
                 reasons: str, *, today: dt.date, now: dt.datetime, case_id: int | None
                 ) -> list[UaCustomsRight]:
    """608/2013 Art. 11(3): customs stop acting on a lapsed right; its entry is revoked
    (the entries named, or those whose right's expiry has passed); the recordal is
    revoked when none remains in force. Returns the entries revoked."""
    rights = [r for r in await rights_of(session, row.id) if r.status == "registered"]
    if numbers:
        chosen = [r for r in rights if r.register_number in set(numbers)]
        unknown = set(numbers) - {r.register_number for r in chosen}
        if unknown:
            raise NotFound(f"no entry in force numbered {', '.join(sorted(unknown))} in this "
                           "recordal")
    else:
        chosen = [r for r in rights if r.right_expires_on is not None
                  and r.right_expires_on < today]
    await _set_entries(session, chosen, "revoked", today, None)
    if len(chosen) == len(rights):
        row.status = "revoked"
    _event(session, row, "revoked", today, case_id, now,
           f"{', '.join(r.register_number or '' for r in chosen)}: {reasons}")
    return chosen


#: Reading back a stored form: its rights were checked against lapse when filed.
LONG_AGO = dt.date(1900, 1, 1)


def recordal_of_row(row: UaCustomsRecordal) -> Recordal:
    """The recordal in force, read back from its stored form (amendments applied)."""
    return parse_recordal(row.form, LONG_AGO)


async def object_ids(session: AsyncSession, row: UaCustomsRecordal) -> list[int]:
    return [r.object_id for r in await rights_of(session, row.id)]


async def load_objects(session: AsyncSession, ids: Sequence[int]) -> list[IPObject]:
    rows = await session.execute(select(IPObject).where(IPObject.id.in_(ids)))
    return list(rows.scalars())
