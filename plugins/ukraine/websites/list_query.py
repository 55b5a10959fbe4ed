"""The public list's filters, one definition for GraphQL (``uaWebsitesList``) and the
exports (``/ukraine_websites/list.csv|xlsx``, ``/ukraine_websites/wipo-alert.*``):
Order 2945 III.9, V.1 (the list the Ministry publishes and keeps)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import Principal
from ipreg.core.errors import BadUserInput
from ipreg.core.model import IPObject
from ipreg.plugins.ukraine.websites import domains
from ipreg.plugins.ukraine.websites.models import UaWebsite
from ipreg.schema.exports import QueryParameters

STATUSES = ("LISTED", "EXCLUSION_PENDING", "EXCLUDED")


@dataclass
class ListFilter:
    """``status``: LISTED, EXCLUSION_PENDING or EXCLUDED (default: every entry ever
    listed); ``domain``: a domain name or URL in either form (its subdomains and ``www.``
    find the site, IDN in Unicode or punycode); inclusion dates from/to."""

    status: str | None = None
    domain: str | None = None
    included_from: dt.date | None = None
    included_to: dt.date | None = None


class ListSort(enum.Enum):
    NUMBER = "number"
    INCLUDED = "included"
    DOMAIN = "domain"


PARAMETERS = QueryParameters(ListFilter, names={
    "status": "status", "domain": "domain", "includedFrom": "included_from",
    "includedTo": "included_to"}, sort=ListSort, default_sort=ListSort.NUMBER)


def list_select(list_filter: ListFilter) -> Select[Any]:
    """The entries of the list matching the filter: ever listed (a number), published."""
    if list_filter.status is not None and list_filter.status not in STATUSES:
        raise BadUserInput(f"status: one of {', '.join(STATUSES)}", argument="status")
    query = (select(IPObject.__table__, UaWebsite.entry_number, UaWebsite.key, UaWebsite.domain,
                    UaWebsite.domain_ascii, UaWebsite.ip_address, UaWebsite.urls,
                    UaWebsite.status.label("list_status"), UaWebsite.included_on,
                    UaWebsite.published_on, UaWebsite.excluded_on, UaWebsite.wipo_status,
                    UaWebsite.wipo_uploaded_on, UaWebsite.wipo_removed_on)
             .join(UaWebsite, UaWebsite.object_id == IPObject.id)
             .where(UaWebsite.entry_number.is_not(None), IPObject.published.is_(True)))
    if list_filter.status:
        query = query.where(UaWebsite.status == list_filter.status)
    if list_filter.domain:
        keys = domains.candidates(list_filter.domain)
        query = query.where(UaWebsite.key.in_(keys or ["\x01none"]))
    if list_filter.included_from:
        query = query.where(UaWebsite.included_on >= list_filter.included_from)
    if list_filter.included_to:
        query = query.where(UaWebsite.included_on <= list_filter.included_to)
    return query


def order_by(sort: ListSort, descending: bool) -> list[Any]:
    column = {ListSort.NUMBER: UaWebsite.entry_number, ListSort.INCLUDED: UaWebsite.included_on,
              ListSort.DOMAIN: UaWebsite.key}[sort]
    return [column.desc() if descending else column.asc(),
            IPObject.id.desc() if descending else IPObject.id.asc()]


def public_row(row: Any) -> dict[str, Any]:
    """An entry's public projection (§8.2), as the exports and the WIPO ALERT file show it."""
    return {"entryNumber": row.entry_number, "domain": row.domain,
            "domainAscii": row.domain_ascii, "ipAddress": row.ip_address,
            "urls": " ".join(row.urls or []), "status": row.list_status,
            "includedOn": row.included_on, "publishedOn": row.published_on,
            "excludedOn": row.excluded_on, "wipoAlertStatus": row.wipo_status,
            "wipoAlertUploadedOn": row.wipo_uploaded_on,
            "wipoAlertRemovedOn": row.wipo_removed_on}


async def list_rows(session: AsyncSession, *, list_filter: ListFilter, sort: ListSort,
                    descending: bool, viewer: Principal) -> AsyncIterator[dict[str, Any]]:
    """The list's rows in order, streamed (the exports)."""
    query = list_select(list_filter).order_by(*order_by(sort, descending))
    result = await session.stream(query.execution_options(yield_per=500))
    async for row in result:
        yield public_row(row)


def options(params: Mapping[str, str], viewer: Principal) -> dict[str, Any]:
    list_filter, sort, descending = PARAMETERS.from_parameters(params)
    list_select(list_filter)                     # a bad status is refused before reading
    return {"list_filter": list_filter, "sort": sort, "descending": descending,
            "viewer": viewer}


__all__ = ["PARAMETERS", "STATUSES", "ListFilter", "ListSort", "list_rows", "list_select",
           "options", "order_by", "public_row"]
