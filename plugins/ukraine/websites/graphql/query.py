"""Root query fields of the national list (Order 2945 III.9, V.1; digest §8.3): the public
list (anonymous: the public projection of §8.2 only) with its CSV, XLSX and WIPO ALERT
exports and changes, one entry by number, and the time limits in force. A case is
`node(id:)` of a `UaWebsiteCase` (officials and its own applicant)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

import strawberry
from sqlalchemy import or_, select
from strawberry import relay
from strawberry.scalars import JSON

from ipreg.core.db import contains_folded
from ipreg.core.model import ChangeEvent, IPObject
from ipreg.plugins.ukraine.websites import domains, list_query
from ipreg.plugins.ukraine.websites.exports import EXPORT, WIPO_EXPORT
from ipreg.plugins.ukraine.websites.graphql.types import UaWebsiteEntry
from ipreg.plugins.ukraine.websites.models import UaWebsite
from ipreg.plugins.ukraine.websites.register import ENTITY
from ipreg.plugins.ukraine.websites.search import matched_as
from ipreg.plugins.ukraine.websites.terms import CONDITIONS, TERMS, counting
from ipreg.schema.context import Context
from ipreg.schema.types.connection import (
    AfterArg,
    BeforeArg,
    Connection,
    FirstArg,
    LastArg,
    check_feed_page,
    offset_page,
    page_sizes,
)
from ipreg.schema.types.ids import global_id
from ipreg.schema.types.ipobject import object_fields

Info = strawberry.Info[Context, Any]
CURSOR = "ua-website-list"


@strawberry.enum(description="Order of the list.")
class UaWebsiteListSort(enum.Enum):
    NUMBER = strawberry.enum_value("number", description="By list number.")
    INCLUDED = strawberry.enum_value("included", description="By inclusion date.")
    DOMAIN = strawberry.enum_value("domain", description="By domain (ASCII) or IP address.")


@strawberry.input(description="Filters of the national list; every item given must hold.")
class UaWebsiteListFilter:
    status: str | None = strawberry.field(default=None, description="LISTED, "
                                          "EXCLUSION_PENDING or EXCLUDED (V.1).")
    domain: str | None = strawberry.field(default=None, description="A domain name or URL in "
                                          "either form (Unicode or punycode; scheme, `www.` "
                                          "and a subdomain find the listed site).")
    included_from: dt.date | None = strawberry.field(default=None,
                                                     description="Included on or after.")
    included_to: dt.date | None = strawberry.field(default=None,
                                                   description="Included on or before.")

    def value(self) -> list_query.ListFilter:
        return list_query.ListFilter(self.status, self.domain, self.included_from,
                                     self.included_to)


@strawberry.type(name="UaWebsiteEntryConnection",
                 description="A page of the national list of websites.")
class UaWebsiteEntryConnection(Connection[UaWebsiteEntry]):
    export_query: strawberry.Private[str] = ""

    @strawberry.field(description="III.9, V.1: the path of the whole result set as CSV "
                      "(UTF-8 with BOM; the public items as columns).")
    def csv_url(self) -> str:
        return EXPORT.url("csv", self.export_query)

    @strawberry.field(description="III.9, V.1: the path of the whole result set as XLSX.")
    def xlsx_url(self) -> str:
        return EXPORT.url("xlsx", self.export_query)

    @strawberry.field(description="III.9, IV.6: the result set in the shape WIPO ALERT "
                      "contributors upload, as CSV (docs/ukraine-websites.md).")
    def wipo_alert_csv_url(self) -> str:
        return WIPO_EXPORT.url("csv", self.export_query)

    @strawberry.field(description="III.9, IV.6: the same as JSON.")
    def wipo_alert_json_url(self) -> str:
        return f"/ukraine_websites/wipo-alert.json{self.export_query}"


@strawberry.type(description="A time limit of Order 2945 as configured (digest §7).")
class UaWebsiteTerm:
    key: str = strawberry.field(description="T01-T20.")
    duration: str | None = strawberry.field(description="Its length (null: no period, "
                                            "a condition).")
    legal_basis: str = strawberry.field(description="The point of the Order.")
    applies_to: str = strawberry.field(description="The acts it governs.")
    source: str = strawberry.field(description="Where its value comes from.")


@strawberry.type(description="The counting rule of the periods (A-25), as configured.")
class UaWebsiteCounting:
    roll_to_working_day: bool = strawberry.field(description="A last day off moves to the "
                                                 "next working day.")
    deemed_receipt_days: int | None = strawberry.field(description="Days after dispatch a "
                                                       "notice counts as received.")


@strawberry.type(description="A change of the public list (III.9, IV.6, V.1): an entry "
                 "listed, pending exclusion, excluded or placed on/removed from WIPO ALERT.")
class UaWebsiteListChange:
    position: int = strawberry.field(description="Position in the change feed (commit order).")
    committed_at: dt.datetime = strawberry.field(description="When it was committed (UTC).")
    website_id: relay.GlobalID = strawberry.field(description="The entry (`UaWebsiteEntry`).")
    version: int = strawberry.field(description="The entry's version after the change.")
    entry: JSON = strawberry.field(description="The entry's public projection after the "
                                   "change (digest §8.2).")


@strawberry.type(description="A page of the public list's changes, in commit order.")
class UaWebsiteListChanges:
    changes: list[UaWebsiteListChange] = strawberry.field(description="The changes.")
    end_position: int = strawberry.field(description="Pass as `after` for the next page.")
    has_more: bool = strawberry.field(description="More changes follow.")


@strawberry.type(description="A website of the list found by `uaWebsitesSearch`, and how.")
class UaWebsiteSearchHit:
    entry: UaWebsiteEntry = strawberry.field(description="The entry.")
    matched_as: str = strawberry.field(description="How the text found it: `exact` (the "
                                       "address as listed), `idn` (the other form of an "
                                       "internationalised domain), `url` (with a scheme, "
                                       "`www.`, a port or a path), `subdomain` (a page of a "
                                       "subdomain of the site), `ip` or `name` (a part of "
                                       "its name).")


@strawberry.type(name="UaWebsiteSearchHitConnection",
                 description="A page of websites found by `uaWebsitesSearch`.")
class UaWebsiteSearchHitConnection(Connection[UaWebsiteSearchHit]):
    pass


def _entry(row: Any) -> UaWebsiteEntry:
    return UaWebsiteEntry(**object_fields(row))


@strawberry.type
class UaWebsitesQuery:
    @strawberry.field(description="The national list of websites raising concerns about "
                      "compliance with IP rights (Order 2945 III.9, V.1): every entry ever "
                      "listed, with its status; anonymous callers see the public projection "
                      "(digest §8.2). `csvUrl`, `xlsxUrl` and `wipoAlertCsvUrl` export the whole "
                      "result set.")
    async def ua_websites_list(
        self, info: Info,
        filter: Annotated[UaWebsiteListFilter | None, strawberry.argument(
            description="Filters.")] = None,
        sort: Annotated[UaWebsiteListSort, strawberry.argument(
            description="Sort order.")] = UaWebsiteListSort.NUMBER,
        descending: Annotated[bool, strawberry.argument(
            description="Reverse the order.")] = False,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None,
        before: BeforeArg = None,
    ) -> UaWebsiteEntryConnection:
        first, last = page_sizes(info.context.runtime.settings, first, last)
        value = filter.value() if filter else list_query.ListFilter()
        order = list_query.ListSort(sort.value)
        query = list_query.list_select(value)
        page = await offset_page(info.context.reader, query, kind=CURSOR, first=first,
                                 after=after, last=last, before=before,
                                 order_by=list_query.order_by(order, descending))
        return UaWebsiteEntryConnection.from_page(
            page, _entry,
            export_query=list_query.PARAMETERS.query_string(value, order, descending))

    @strawberry.field(description="Find listed websites by address or name (I.2 ¶2, II.2.1 "
                      "¶3): a domain name in Unicode or punycode, a URL (scheme, `www.`, port "
                      "and path ignored), a page of a subdomain (finds the site), an IP "
                      "address, or a part of the name; each hit says how it matched "
                      "(`matchedAs`). Anonymous callers: published entries only. The core "
                      "`search` matches the address forms too (fields `ua_website_address`, "
                      "`ua_website_parents`).")
    async def ua_websites_search(
        self, info: Info,
        text: Annotated[str, strawberry.argument(description="What to look for.")],
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None,
        before: BeforeArg = None,
    ) -> UaWebsiteSearchHitConnection:
        first, last = page_sizes(info.context.runtime.settings, first, last)
        typed = text.strip()[:2000]
        if not typed:
            from ipreg.core.errors import BadUserInput

            raise BadUserInput("text: give an address or a name", argument="text")
        keys = domains.candidates(typed)
        query = list_query.list_select(list_query.ListFilter())
        query = query.where(or_(UaWebsite.key.in_(keys or ["\x01none"]),
                                contains_folded(IPObject.name, typed)))
        page = await offset_page(info.context.reader, query, kind="ua-website-search",
                                 first=first, after=after, last=last, before=before,
                                 order_by=[UaWebsite.entry_number, IPObject.id])
        return UaWebsiteSearchHitConnection.from_page(page, lambda row: UaWebsiteSearchHit(
            entry=_entry(row), matched_as=matched_as(typed, row.key, row.domain, row.name)))

    @strawberry.field(description="One entry of the list by its number (V.1), e.g. "
                      "`UA-W-000001`; null if there is none or it is not published.")
    async def ua_websites_entry(
        self, info: Info,
        entry_number: Annotated[str, strawberry.argument(description="The list number.")],
    ) -> UaWebsiteEntry | None:
        rows = await info.context.reader.rows(
            select(IPObject.__table__).join(UaWebsite, UaWebsite.object_id == IPObject.id)
            .where(UaWebsite.entry_number == entry_number[:16]))
        if not rows:
            return None
        row = rows[0]
        if not row.published and not info.context.viewer.can_see_unpublished("ua_websites"):
            return None
        return _entry(row)

    @strawberry.field(description="The public list's changes after a position, in commit "
                      "order (V.1: the Ministry keeps the list up to date; IV.6: exclusions are "
                      "published): for everyone, only entries ever listed, public items only.")
    async def ua_websites_list_changes(
        self, info: Info,
        after: Annotated[int, strawberry.argument(
            description="`endPosition` of the previous page (0 from the start).")] = 0,
        first: Annotated[int, strawberry.argument(description="At most 1000.")] = 100,
    ) -> UaWebsiteListChanges:
        check_feed_page(after, first)
        rows = await info.context.reader.rows(
            select(ChangeEvent.__table__).where(ChangeEvent.position > after,
                                                ChangeEvent.entity == ENTITY)
            .order_by(ChangeEvent.position).limit(first + 1))
        page = rows[:first]
        changes = [UaWebsiteListChange(position=r.position, committed_at=r.committed_at,
                                       website_id=global_id("UaWebsiteEntry", r.entity_id),
                                       version=r.version, entry=JSON(r.payload))
                   for r in page if (r.payload or {}).get("entryNumber")]
        return UaWebsiteListChanges(changes=changes,
                                    end_position=page[-1].position if page else after,
                                    has_more=len(rows) > first)

    @strawberry.field(description="The time limits T01-T20 of Order 2945 as configured "
                      "(IPREG_UA_WEBSITES_TERMS), each with its point and source.")
    def ua_websites_terms(self) -> list[UaWebsiteTerm]:
        out = [UaWebsiteTerm(key=t.key, duration=t.duration.describe(),
                             legal_basis=t.legal_basis, applies_to=t.applies_to,
                             source=t.source) for t in TERMS]
        out += [UaWebsiteTerm(key=c.key, duration=None, legal_basis=c.legal_basis,
                              applies_to="", source=c.rule) for c in CONDITIONS]
        return sorted(out, key=lambda t: t.key)

    @strawberry.field(description="The counting rule of the periods (A-25): "
                      "IPREG_UA_WEBSITES_COUNTING, default: start the day after, no roll-over.")
    def ua_websites_counting(self) -> UaWebsiteCounting:
        rule = counting()
        return UaWebsiteCounting(roll_to_working_day=rule.roll_to_working_day,
                                 deemed_receipt_days=rule.deemed_receipt_days)


__all__ = ["UaWebsitesQuery"]
