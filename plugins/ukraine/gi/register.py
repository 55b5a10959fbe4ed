"""The GI register's writer: the application row, its file (append-only, GI rules III.2),
fees and payments, and the IP object of a published application (V.6) through the core
services. Every function takes the transition's session; the engine commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import NotFound
from ipreg.core.services.numbering import fixed_width, next_value
from ipreg.core.services.objects import (
    GoodsData,
    KeywordData,
    NewObject,
    ObjectChanges,
    PartyRole,
    StatusData,
    create_object,
    load_object,
    update_object,
)
from ipreg.core.services.parties import AddressForm, PartyForm, PartyStore
from ipreg.plugins.ukraine.gi.models import UaGiApplication, UaGiFee, UaGiFileItem
from ipreg.search import translit

JURISDICTION = "ua_gi"
KIND = "geographical_indication"


async def application(session: AsyncSession, case_id: int) -> UaGiApplication:
    row = await session.get(UaGiApplication, case_id)
    if row is None:
        raise NotFound(f"case {case_id} is not a GI application")
    return row


async def by_number(session: AsyncSession, number: str) -> UaGiApplication | None:
    return (await session.execute(select(UaGiApplication).where(
        UaGiApplication.number == number))).scalar_one_or_none()


async def next_number(session: AsyncSession, year: int) -> str:
    """GI rules III.2.3 ¶2-4 (VR-02): ``i`` + the year + five digits, one sequence a year
    (the core numbering service: consecutive in commit order, no gaps)."""
    value = await next_value(session, JURISDICTION, f"application-{year}")
    return f"i{year}{fixed_width(value, 5, 'application number', 'GI rules III.2.3 ¶4')}"


async def file_item(session: AsyncSession, case_id: int, *, direction: str, kind: str,
                    dated_on: dt.date, channel: str, transition: str | None, summary: str = "",
                    refers_to: int | None = None, received_on: dt.date | None = None,
                    receipt_basis: str | None = None, now: dt.datetime | None = None
                    ) -> UaGiFileItem:
    """Append a document to the file (GI rules III.2.2, III.2.7): an incoming one gets its incoming
    number (III.2.1); nothing is ever changed or removed."""
    seq = int(await session.scalar(select(func.coalesce(func.max(UaGiFileItem.seq), 0))
                                   .where(UaGiFileItem.case_id == case_id)) or 0) + 1
    incoming = None
    if direction == "in":
        n = await next_value(session, JURISDICTION, f"incoming-{dated_on.year}")
        incoming = f"{dated_on.year}-{fixed_width(n, 6, 'incoming number')}"
    row = UaGiFileItem(case_id=case_id, seq=seq, direction=direction, incoming_number=incoming,
                       kind=kind, dated_on=dated_on, channel=channel, transition=transition,
                       summary=summary, refers_to=refers_to, received_on=received_on,
                       receipt_basis=receipt_basis,
                       **({"at": now} if now is not None else {}))
    session.add(row)
    await session.flush()
    return row


async def file_items(session: AsyncSession, case_id: int) -> list[UaGiFileItem]:
    return list((await session.execute(select(UaGiFileItem).where(
        UaGiFileItem.case_id == case_id).order_by(UaGiFileItem.seq))).scalars())


async def fees(session: AsyncSession, case_id: int, kind: str | None = None) -> list[UaGiFee]:
    stmt = select(UaGiFee).where(UaGiFee.case_id == case_id)
    if kind is not None:
        stmt = stmt.where(UaGiFee.kind == kind)
    return list((await session.execute(stmt.order_by(UaGiFee.id))).scalars())


def _party(applicant: Mapping[str, Any]) -> PartyForm:
    natural = applicant.get("personType") == "natural"
    name = applicant.get("fullName") or " ".join(filter(None, (
        applicant.get("surname"), applicant.get("givenName"), applicant.get("patronymic"))))
    return PartyForm(
        party_type="natural" if natural else "legal", country=applicant.get("countryCode")
        or "UA", name=name, short_name=None,
        taxpayer_id=applicant.get("edrpou") or applicant.get("rnokpp"),
        addresses=[AddressForm(kind="3", country=applicant.get("countryCode") or "UA",
                               city=None, street=applicant.get("correspondenceAddress"))],
        contacts=[])


async def publish(session: AsyncSession, app: UaGiApplication, today: dt.date) -> int:
    """GI rules V.6.1: the application's data become a published IP object of ``ua_gi``
    (what V.6.2 publishes is chosen by :mod:`.publication`): the applicants as holders with
    their correspondence address only (V.6.2 ¶19; never a natural person's phone, e-mail or
    identity data, ¶18), the area as its description, the product with its UKTZED codes."""
    name = app.claimed_name
    keywords = [KeywordData(part.strip(), translit.romanise(part.strip(), "uk-kmu-2010"))
                for part in name.split("/")]
    for extra in ("transcriptionUk", "transcriptionLatin", "originalScriptName"):
        if app.form.get(extra):
            keywords.append(KeywordData(app.form[extra]))
    spec = app.specification or {}
    goods = [GoodsData(app.product_name or spec.get("productName") or name,
                       list(spec.get("uktzedCodes") or []), scheme="uktzed")]
    parties = [PartyRole(_party(a), "holder") for a in app.form.get("applicants", [])]
    obj = await create_object(session, NewObject(
        jurisdiction=JURISDICTION, kind=KIND, name=name, status="published",
        description=spec.get("boundaries") or (app.single_document or {}).get("boundaries"),
        register_number=app.number, published=True,
        keywords=keywords, parties=parties, goods=goods,
        status_history=[StatusData("published", today)]), PartyStore(session))
    await session.flush()
    app.object_id = obj.id
    app.published_on = today
    return obj.id


async def set_status(session: AsyncSession, app: UaGiApplication, status: str,
                     today: dt.date, basis: str | None = None) -> None:
    """The published object's status follows the application (V.6, V.10, VI.5)."""
    if app.object_id is None:
        return
    obj = await load_object(session, app.object_id)
    await update_object(session, obj, ObjectChanges(
        status_record=StatusData(status, today, basis, today if basis else None)))


__all__ = ["JURISDICTION", "application", "by_number", "fees", "file_item", "file_items",
           "next_number", "publish", "set_status"]
