"""The national list as files (Order 2945 III.9, V.1): the public list as CSV and XLSX
(``/ukraine_websites/list.csv|xlsx``, through the core :class:`Export`), and the list in
the shape WIPO ALERT's authorized contributors upload (``/ukraine_websites/wipo-alert.csv
|xlsx|json``; mapping and assumed fields in docs/ukraine-websites.md).

Both take the public list's filter (:mod:`.list_query`) under the GraphQL names and show
only published items (:data:`~.publication.PUBLICATION`, checked at import).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ipreg.core.auth import Principal
from ipreg.core.errors import IpregError
from ipreg.plugins.ukraine.common.authorities import MINISTRY_OF_ECONOMY
from ipreg.plugins.ukraine.websites.list_query import ListFilter, ListSort, list_rows, options
from ipreg.plugins.ukraine.websites.publication import PUBLICATION, is_official
from ipreg.schema.exports import Column, Export
from ipreg.schema.routes import caller, error_response, runtime

LIST_COLUMNS = (
    Column("entryNumber", "Номер у переліку / List number"),
    Column("domain", "Доменне ім'я / Domain name"),
    Column("domainAscii", "Доменне ім'я (punycode) / Domain name (ASCII)"),
    Column("ipAddress", "IP-адреса / IP address"),
    Column("urls", "URL"),
    Column("status", "Статус / Status"),
    Column("includedOn", "Дата включення / Included on", "date"),
    Column("publishedOn", "Дата оприлюднення / Published on", "date"),
    Column("excludedOn", "Дата виключення / Excluded on", "date"),
    Column("wipoAlertStatus", "WIPO ALERT"),
    Column("wipoAlertUploadedOn", "WIPO ALERT: розміщено / placed on", "date"),
    Column("wipoAlertRemovedOn", "WIPO ALERT: вилучено / removed on", "date"),
)
#: Export column -> the published field of ``UaWebsiteEntry`` it shows.
_SHOWS = {"entryNumber": "entryNumber", "domain": "domain", "domainAscii": "domainAscii",
          "ipAddress": "ipAddress", "urls": "urls", "status": "listStatus",
          "includedOn": "includedOn", "publishedOn": "publishedOn", "excludedOn": "excludedOn",
          "wipoAlertStatus": "wipoAlert.status", "wipoAlertUploadedOn": "wipoAlert.uploadedOn",
          "wipoAlertRemovedOn": "wipoAlert.removedOn"}
PUBLICATION.check_published([_SHOWS[c.key] for c in LIST_COLUMNS], "the list export")

EXPORT = Export("/ukraine_websites/list", columns=LIST_COLUMNS, rows=list_rows,
                options=options, filename="ua-websites-list", jurisdiction="ua_websites",
                entity="ua_websites_list", audited=is_official, sheet="Перелік")

# ---------------------------------------------------------------- WIPO ALERT

#: The contributor (III.9: the Ministry places the list on WIPO ALERT).
CONTRIBUTOR_COUNTRY = "UA"
WIPO_ACTIONS = {"PENDING": "ADD", "UPLOADED": "KEEP", "REMOVED": "REMOVE"}
WIPO_COLUMNS = (
    Column("identifier", "identifier"),
    Column("identifierType", "identifier_type"),
    Column("domainUnicode", "domain_unicode"),
    Column("contributorCountry", "contributor_country"),
    Column("contributor", "contributor"),
    Column("nationalReference", "national_reference"),
    Column("dateAdded", "date_added", "date"),
    Column("dateRemoved", "date_removed", "date"),
    Column("action", "action"),
)


def wipo_row(entry: Mapping[str, Any]) -> dict[str, Any] | None:
    """One list entry as a WIPO ALERT row (docs/ukraine-websites.md): the identifier as
    listed (the ASCII domain, else the IP address), its contributor, the dates, and what
    to do with it on the platform: ADD (to be placed), KEEP (placed), REMOVE (excluded)."""
    status = entry["wipoAlertStatus"]
    if status is None:
        return None
    action = WIPO_ACTIONS[status]
    if entry["status"] == "EXCLUDED":
        action = "REMOVE"
    identifier = entry["domainAscii"] or entry["ipAddress"]
    return {"identifier": identifier,
            "identifierType": "DOMAIN" if entry["domainAscii"] else "IP",
            "domainUnicode": entry["domain"], "contributorCountry": CONTRIBUTOR_COUNTRY,
            "contributor": MINISTRY_OF_ECONOMY.en, "nationalReference": entry["entryNumber"],
            "dateAdded": entry["wipoAlertUploadedOn"] or entry["includedOn"],
            "dateRemoved": entry["wipoAlertRemovedOn"] or entry["excludedOn"],
            "action": action}


async def wipo_rows(session: AsyncSession, *, list_filter: ListFilter, sort: ListSort,
                    descending: bool, viewer: Principal) -> AsyncIterator[dict[str, Any]]:
    async for entry in list_rows(session, list_filter=list_filter, sort=sort,
                                 descending=descending, viewer=viewer):
        row = wipo_row(entry)
        if row is not None:
            yield row


WIPO_EXPORT = Export("/ukraine_websites/wipo-alert", columns=WIPO_COLUMNS, rows=wipo_rows,
                     options=options, filename="ua-wipo-alert", jurisdiction="ua_websites",
                     entity="ua_websites_wipo_alert", audited=is_official, sheet="WIPO ALERT")


async def wipo_json(request: Request) -> Response:
    """``GET /ukraine_websites/wipo-alert.json``: the same rows as one JSON document."""
    try:
        viewer = await caller(request)
        opts = options(dict(request.query_params), viewer)
        rt = runtime(request)
        async with rt.sessionmaker() as session:
            items = [{k: (v.isoformat() if hasattr(v, "isoformat") else v)
                      for k, v in row.items()} async for row in wipo_rows(session, **opts)]
    except IpregError as error:
        return error_response(error)
    return JSONResponse({"contributorCountry": CONTRIBUTOR_COUNTRY,
                         "contributor": MINISTRY_OF_ECONOMY.en,
                         "legalBasis": "Order 2945 III.9, IV.6, V.1", "entries": items})


def routes() -> list[Route]:
    return [*EXPORT.routes(), *WIPO_EXPORT.routes(),
            Route("/ukraine_websites/wipo-alert.json", wipo_json, methods=["GET"])]


__all__ = ["EXPORT", "LIST_COLUMNS", "WIPO_COLUMNS", "WIPO_EXPORT", "routes", "wipo_row"]
