"""The register's writer: websites, their list entries and their inclusion and exclusion
episodes (Order 2945 III.9, IV.4 ¶2, IV.6, V.1). IP objects go through
``ipreg.core.services.objects``; the list's own rows are written here, each change with
its change-feed event (entity ``ua_website_entry``), in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.errors import ConfigurationError, PreconditionFailed
from ipreg.core.feed import record_change
from ipreg.core.services.numbering import ensure_counter, fixed_width, next_value
from ipreg.core.services.objects import (
    KeywordData,
    NewObject,
    ObjectChanges,
    StatusData,
    create_object,
    load_object,
    update_object,
)
from ipreg.plugins.ukraine.websites.models import UaWebsite, UaWebsiteEpisode

JURISDICTION = "ua_websites"
ENTITY = "ua_website_entry"
BAR_WINDOW_VARIABLE = "IPREG_UA_WEBSITES_BAR_WINDOW"


def entry_snapshot(row: UaWebsite) -> dict[str, Any]:
    """What the change feed carries of a list entry: its public projection (§8.2)."""
    return {"entryNumber": row.entry_number, "domain": row.domain,
            "domainAscii": row.domain_ascii, "ipAddress": row.ip_address,
            "status": row.status,
            "includedOn": row.included_on.isoformat() if row.included_on else None,
            "publishedOn": row.published_on.isoformat() if row.published_on else None,
            "excludedOn": row.excluded_on.isoformat() if row.excluded_on else None,
            "wipoAlert": row.wipo_status}


def _changed(session: AsyncSession, row: UaWebsite, operation: str = "update") -> None:
    if operation == "update":
        row.version = (row.version or 1) + 1
    record_change(session, ENTITY, row, operation, lambda: entry_snapshot(row),
                  jurisdiction=JURISDICTION, entity_id=row.object_id)


async def website_by_key(session: AsyncSession, key: str) -> UaWebsite | None:
    return (await session.execute(select(UaWebsite).where(UaWebsite.key == key))
            ).scalar_one_or_none()


async def find_or_create(session: AsyncSession, site: dict[str, Any], now: dt.datetime
                         ) -> tuple[UaWebsite, bool]:
    """The website an appeal names, found by its key (one website, however written:
    I.2 ¶2), or a new unpublished IP object; whether it was new."""
    found = await website_by_key(session, site["key"])
    if found is not None:
        merged = sorted(set(found.urls or []) | set(site["urls"]))
        if merged != sorted(found.urls or []):
            found.urls = merged
        return found, False
    keywords = [KeywordData(v) for v in (site["domainAscii"], site["ipAddress"])
                if v and v != site["domain"]]
    obj = await create_object(session, NewObject(
        jurisdiction=JURISDICTION, kind="website", name=site["domain"] or site["ipAddress"],
        status="APPEALED", published=False, keywords=keywords, now=now))
    await session.flush()
    row = UaWebsite(object_id=obj.id, key=site["key"], domain=site["domain"],
                    domain_ascii=site["domainAscii"], ip_address=site["ipAddress"],
                    urls=list(site["urls"]), platform_type=site["platformType"],
                    media_registered=site["mediaRegistered"], status="APPEALED",
                    version=1, updated_at=now)
    session.add(row)
    await session.flush()
    _changed(session, row, "create")
    return row, True


async def _entry_number(session: AsyncSession) -> str:
    await ensure_counter(session, JURISDICTION, "entry")
    return "UA-W-" + fixed_width(await next_value(session, JURISDICTION, "entry"), 6,
                                 "list number")


async def include(session: AsyncSession, object_id: int, *, on: dt.date,
                  published_on: dt.date, wipo_uploaded_on: dt.date | None,
                  conclusion_number: str | None, conclusion_date: dt.date | None,
                  received_on: dt.date | None, case_id: int | None,
                  now: dt.datetime) -> UaWebsite:
    """III.9 (L1, L6): the Ministry enters the website in the list, publishes it on its
    website and places it on WIPO ALERT; a website already listed keeps its entry and
    gains an inclusion basis (A-24)."""
    row = await session.get(UaWebsite, object_id)
    if row is None:
        raise PreconditionFailed(f"no website {object_id} in the list")
    session.add(UaWebsiteEpisode(object_id=object_id, kind="inclusion", on=on,
                                 basis="UKRNOIVI_CONCLUSION",
                                 conclusion_number=conclusion_number,
                                 conclusion_date=conclusion_date, received_on=received_on,
                                 case_id=case_id, created_at=now))
    if row.status == "LISTED":
        return row
    if row.entry_number is None:
        row.entry_number = await _entry_number(session)
    row.status, row.included_on, row.published_on = "LISTED", on, published_on
    row.excluded_on = None
    row.wipo_status = "UPLOADED" if wipo_uploaded_on else "PENDING"
    row.wipo_uploaded_on, row.wipo_removed_on = wipo_uploaded_on, None
    row.updated_at = now
    obj = await load_object(session, object_id)
    await update_object(session, obj, ObjectChanges(
        register_number=row.entry_number, published=True,
        status_record=StatusData("LISTED", on, conclusion_number, conclusion_date,
                                 "Order 2945 III.9")))
    _changed(session, row)
    return row


async def mark_pending(session: AsyncSession, object_id: int, now: dt.datetime) -> UaWebsite:
    """L3, L4: the Ministry received a granting conclusion or a court decision."""
    row = await listed(session, object_id)
    row.status, row.updated_at = "EXCLUSION_PENDING", now
    _changed(session, row)
    return row


async def listed(session: AsyncSession, object_id: int | None) -> UaWebsite:
    row = await session.get(UaWebsite, object_id) if object_id is not None else None
    if row is None or row.status not in ("LISTED", "EXCLUSION_PENDING"):
        raise PreconditionFailed("the website is not in the national list (Order 2945 IV.1 "
                                 "¶1; VR-X01)")
    return row


async def exclude(session: AsyncSession, object_id: int, *, on: dt.date, basis: str,
                  conclusion_number: str | None, conclusion_date: dt.date | None,
                  received_on: dt.date | None, case_id: int | None, grounds: list[str],
                  court: dict[str, Any] | None, wipo_removed_on: dt.date | None,
                  now: dt.datetime) -> UaWebsite:
    """IV.6 (L5): the website leaves the list, the Ministry's website and WIPO ALERT."""
    row = await listed(session, object_id)
    session.add(UaWebsiteEpisode(object_id=object_id, kind="exclusion", on=on, basis=basis,
                                 conclusion_number=conclusion_number,
                                 conclusion_date=conclusion_date, received_on=received_on,
                                 case_id=case_id, grounds=",".join(grounds) or None,
                                 court=court, created_at=now))
    row.status, row.excluded_on, row.updated_at = "EXCLUDED", on, now
    row.wipo_status = "REMOVED" if wipo_removed_on else row.wipo_status
    row.wipo_removed_on = wipo_removed_on
    obj = await load_object(session, object_id)
    await update_object(session, obj, ObjectChanges(status_record=StatusData(
        "EXCLUDED", on, conclusion_number or (court or {}).get("caseNumber"),
        conclusion_date or None, "Order 2945 IV.6")))
    _changed(session, row)
    return row


async def record_wipo_alert(session: AsyncSession, object_id: int, status: str, on: dt.date,
                            now: dt.datetime) -> UaWebsite:
    """III.9, IV.6, V.1: the Ministry placed the entry on WIPO ALERT or removed it."""
    row = await session.get(UaWebsite, object_id)
    if row is None or row.entry_number is None:
        raise PreconditionFailed("the website was never listed")
    if status == "UPLOADED":
        if row.status not in ("LISTED", "EXCLUSION_PENDING"):
            raise PreconditionFailed("only a listed website is placed on WIPO ALERT (III.9)")
        row.wipo_status, row.wipo_uploaded_on = "UPLOADED", on
    else:
        row.wipo_status, row.wipo_removed_on = "REMOVED", on
    row.updated_at = now
    _changed(session, row)
    return row


def bar_window(today: dt.date, environ: dict[str, str] | None = None) -> tuple[dt.date, dt.date]:
    """T18 (IV.4 ¶2, A-20): the window of "three calendar years". ``calendar`` (default):
    the current and the two preceding calendar years; ``rolling``: three years back
    from today. ``IPREG_UA_WEBSITES_BAR_WINDOW``."""
    mode = (os.environ if environ is None else environ).get(BAR_WINDOW_VARIABLE, "calendar")
    if mode == "calendar":
        return dt.date(today.year - 2, 1, 1), today
    if mode == "rolling":
        try:
            return today.replace(year=today.year - 3), today
        except ValueError:                          # 29 February
            return today.replace(year=today.year - 3, day=28), today
    raise ConfigurationError(f"{BAR_WINDOW_VARIABLE}: {mode!r} is not calendar or rolling")


async def remedied_exclusions(session: AsyncSession, object_id: int, today: dt.date) -> int:
    """IV.4 ¶2 (VR-X07): exclusions of this website on owners' REMEDIED applications
    within the window of :func:`bar_window`."""
    start, end = bar_window(today)
    return int(await session.scalar(
        select(func.count()).select_from(UaWebsiteEpisode).where(
            UaWebsiteEpisode.object_id == object_id, UaWebsiteEpisode.kind == "exclusion",
            UaWebsiteEpisode.basis == "UKRNOIVI_CONCLUSION",
            UaWebsiteEpisode.grounds.like("%REMEDIED%"),
            UaWebsiteEpisode.on >= start, UaWebsiteEpisode.on <= end)) or 0)


__all__ = ["ENTITY", "JURISDICTION", "bar_window", "exclude", "find_or_create", "include",
           "listed", "mark_pending", "record_wipo_alert", "remedied_exclusions"]
