"""GI queries: the public list and one published application (GI rules V.6), the cases of
the signed-in (officials: all; applicants and opponents: their own), the time limits and the
fee schedule as configured."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from sqlalchemy import select

from ipreg.core.errors import Unauthenticated
from ipreg.core.model import Case as CaseRow
from ipreg.core.model import IPObject as ObjectRow
from ipreg.plugins.ukraine.gi.fees import KINDS, NOT_IN_SEED, amounts
from ipreg.plugins.ukraine.gi.graphql.types import UaGiApplication, UaGiApplicationCase
from ipreg.plugins.ukraine.gi.list_query import EXPORT, PARAMETERS, ApplicationFilter, statement
from ipreg.plugins.ukraine.gi.list_query import ApplicationSort as Sort
from ipreg.plugins.ukraine.gi.models import UaGiApplication as ApplicationRow
from ipreg.plugins.ukraine.gi.publication import JURISDICTION, UA_GI
from ipreg.plugins.ukraine.gi.terms import TERMS
from ipreg.schema.context import Context
from ipreg.schema.publication import parties_of
from ipreg.schema.types.connection import Connection, keyset_page, page_sizes
from ipreg.schema.types.ipobject import object_fields

Info = strawberry.Info[Context, Any]


@strawberry.input(name="UaGiApplicationFilter", description="Narrows the list of published "
                  "GI applications (every item optional; text matches case-insensitively in "
                  "any script).")
class UaGiApplicationFilter:
    claimed_name: str | None = strawberry.field(default=None, description="Part of the "
                                                "claimed name (V.6.2 ¶9).")
    applicant: str | None = strawberry.field(default=None, description="Part of an "
                                             "applicant's name (V.6.2 ¶4).")
    product: str | None = strawberry.field(default=None, description="Part of the product "
                                           "name (V.6.2 ¶14).")
    stage: str | None = strawberry.field(default=None, description="published, "
                                         "registration_decided, refused, registered, "
                                         "withdrawn, deemed_withdrawn...")
    published_from: dt.date | None = strawberry.field(default=None, description="Published "
                                                      "on or after (V.6.1).")
    published_to: dt.date | None = strawberry.field(default=None, description="Published on "
                                                    "or before.")


@strawberry.type(name="UaGiApplicationConnection", description="A page of published GI "
                 "applications.")
class UaGiApplicationConnection(Connection[UaGiApplication]):
    export_query: strawberry.Private[str] = ""

    @strawberry.field(description="This list as CSV (`/ukraine_gi/applications.csv`).")
    def csv_url(self) -> str:
        return EXPORT.url("csv", self.export_query)

    @strawberry.field(description="This list as XLSX.")
    def xlsx_url(self) -> str:
        return EXPORT.url("xlsx", self.export_query)


@strawberry.type(name="UaGiApplicationCaseConnection", description="A page of GI "
                 "application cases.")
class UaGiApplicationCaseConnection(Connection[UaGiApplicationCase]):
    pass


@strawberry.type(name="UaGiTerm", description="A time limit of the GI rules (digest §7.5) as "
                 "configured (IPREG_UA_GI_TERMS): provisional where the seed gives no value "
                 "(A-02, A-03), with the source of its value.")
class UaGiTerm:
    key: str = strawberry.field(description="Its key (the limit's code).")
    duration: str = strawberry.field(description="e.g. `2 months`, `10 calendar days`.")
    legal_basis: str = strawberry.field(description="The point of the GI rules.")
    source: str = strawberry.field(description="Where the value comes from.")
    provisional: bool = strawberry.field(description="True while nobody confirmed the value "
                                         "from the law.")
    name: str = strawberry.field(description="Its name (Ukrainian).")


@strawberry.type(name="UaGiFeeKind", description="A fee of the GI rules (digest §3.2). The "
                 "amounts are in the appendix to the Fee Procedure (CMU res. 1716/2004), not in "
                 "the seed (A-04): configured with IPREG_UA_GI_FEES, null while not.")
class UaGiFeeKind:
    kind: str = strawberry.field(description="filing, extension, restoration, opposition, "
                                 "correction, state_duty or publication.")
    legal_basis: str = strawberry.field(description="Where the Rules require it.")
    amount: str | None = strawberry.field(description="Configured amount in hryvnias; null "
                                          "when the deployment has set none.")
    note: str = strawberry.field(description="That the amounts are configuration.")


def _node(row: Any) -> UaGiApplication:
    fields = object_fields(row)
    return UaGiApplication(**fields)


@strawberry.type
class UaGiQuery:
    @strawberry.field(description="Published GI applications (GI rules V.6; digest §4.7), "
                      "newest number first; everyone may read them.")
    async def ua_gi_applications(
        self, info: Info, filter: UaGiApplicationFilter | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> UaGiApplicationConnection:
        first, last = page_sizes(info.context.runtime.settings, first, last)
        f = ApplicationFilter(**(vars(filter) if filter else {}))
        ids = statement(f).with_only_columns(ApplicationRow.object_id)
        stmt = select(ObjectRow.__table__).where(ObjectRow.id.in_(ids))
        page = await keyset_page(info.context.reader, stmt, kind="ua-gi-application",
                                 first=first, after=after, last=last, before=before,
                                 key=ObjectRow.id, descending=True)
        return UaGiApplicationConnection.from_page(
            page, _node, export_query=PARAMETERS.query_string(f, Sort.NUMBER, False))

    @strawberry.field(description="One published GI application by its number (e.g. "
                      "`i202600001`); null if there is none or it is not published.")
    async def ua_gi_application(self, info: Info, number: str) -> UaGiApplication | None:
        rows = await info.context.reader.rows(
            select(ObjectRow.__table__).join(ApplicationRow,
                                             ApplicationRow.object_id == ObjectRow.id)
            .where(ApplicationRow.number == number, ObjectRow.published.is_(True)))
        return _node(rows[0]) if rows else None

    @strawberry.field(description="GI application cases (digest §7.1): UKRNOIVI's officials "
                      "see every case, an applicant or representative its own. Signed-in "
                      "only: UNAUTHENTICATED for anonymous callers.")
    async def ua_gi_cases(
        self, info: Info, state: str | None = None, first: int | None = None,
        after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> UaGiApplicationCaseConnection:
        viewer = info.context.viewer
        if viewer.is_anonymous:
            raise Unauthenticated("uaGiCases needs a login")
        first, last = page_sizes(info.context.runtime.settings, first, last)
        stmt = select(CaseRow.__table__).where(CaseRow.procedure == "UA.GI.APP")
        if not UA_GI.is_official(viewer):
            stmt = stmt.where(CaseRow.applicant_id.in_(parties_of(viewer, JURISDICTION)
                                                       or {-1}))
        if state:
            stmt = stmt.where(CaseRow.state == state)
        page = await keyset_page(info.context.reader, stmt, kind="ua-gi-case", first=first,
                                 after=after, last=last, before=before, key=CaseRow.id,
                                 descending=True)
        return UaGiApplicationCaseConnection.from_page(page, UaGiApplicationCase.from_row)

    @strawberry.field(description="The time limits of the GI rules in force (digest §7.5).")
    def ua_gi_terms(self) -> list[UaGiTerm]:
        return [UaGiTerm(key=t.key, duration=t.duration.describe(), legal_basis=t.legal_basis,
                         source=t.source, provisional=t.provisional,
                         name=t.names.get("uk", t.key)) for t in TERMS]

    @strawberry.field(description="The fees of the GI rules and their configured amounts "
                      "(digest §3.2; A-04).")
    def ua_gi_fee_schedule(self) -> list[UaGiFeeKind]:
        configured = amounts()
        return [UaGiFeeKind(kind=k, legal_basis=basis, note=NOT_IN_SEED,
                            amount=str(configured[k]) if configured[k] is not None else None)
                for k, basis in KINDS.items()]


__all__ = ["UaGiQuery"]
