"""Root query fields of the customs register."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import strawberry
from sqlalchemy import select
from strawberry import relay

from ipreg.core.errors import Forbidden, Unauthenticated
from ipreg.core.extension import localized
from ipreg.core.model import Case as CaseRow
from ipreg.plugins.ukraine.common.codes import heading_of
from ipreg.plugins.ukraine.customs.copis import json_codec, xml_codec
from ipreg.plugins.ukraine.customs.copis.afa import afa_of_recordal
from ipreg.plugins.ukraine.customs.copis.detentions import detentions
from ipreg.plugins.ukraine.customs.graphql.types import (
    UaCustomsCase,
    UaCustomsEntry,
    UaCustomsPublicEntry,
    UaCustomsRecordal,
    can_read,
    is_official,
)
from ipreg.plugins.ukraine.customs.list_query import (
    EXPORT,
    PARAMETERS,
    ListFilter,
    ListSort,
    list_base,
    list_order,
    public_row,
)
from ipreg.plugins.ukraine.customs.models import (
    UaCustomsGoods,
    UaCustomsRight,
)
from ipreg.plugins.ukraine.customs.models import (
    UaCustomsRecordal as RecordalRow,
)
from ipreg.plugins.ukraine.customs.publication import JURISDICTION
from ipreg.plugins.ukraine.customs.register import recordal_of_row
from ipreg.plugins.ukraine.customs.terms import TERMS
from ipreg.schema.context import Context
from ipreg.schema.types.connection import Connection, keyset_page, offset_page, page_sizes
from ipreg.schema.types.ids import database_id_of
from ipreg.schema.types.ipobject import object_fields

Info = strawberry.Info[Context, Any]


@strawberry.input(description="Filter of the public weekly list (the same parameters as "
                  "its CSV/XLSX export).")
class UaCustomsListFilter:
    name: str | None = strawberry.field(default=None, description="Part of the object's "
                                        "name (any case, any script).")
    owner: str | None = strawberry.field(default=None, description="Part of the owner's "
                                         "name.")


@strawberry.enum(description="Order of the public weekly list.")
class UaCustomsListSort(enum.Enum):
    NUMBER = "number"
    NAME = "name"
    VALID_UNTIL = "valid_until"


@strawberry.enum(description="The encoding of an AFA document.")
class UaCustomsAfaFormat(enum.Enum):
    JSON = "json"
    XML = "xml"


@strawberry.type(name="UaCustomsPublicListConnection", description="A page of the public "
                 "weekly list (Register weekly list, digest §2.1), with its exports.")
class UaCustomsPublicListConnection(Connection[UaCustomsPublicEntry]):
    export_query: strawberry.Private[str] = ""

    @strawberry.field(description="The whole list as CSV (same filter and order).")
    def csv_url(self) -> str:
        return EXPORT.url("csv", self.export_query)

    @strawberry.field(description="The whole list as XLSX (same filter and order).")
    def xlsx_url(self) -> str:
        return EXPORT.url("xlsx", self.export_query)


@strawberry.type(name="UaCustomsCaseConnection", description="A page of customs register "
                 "cases, newest first.")
class UaCustomsCaseConnection(Connection[UaCustomsCase]):
    pass


@strawberry.type(name="UaCustomsRecordalConnection", description="A page of recordals, "
                 "newest first.")
class UaCustomsRecordalConnection(Connection[UaCustomsRecordal]):
    pass


@strawberry.type(description="A configured time limit of the customs register.")
class UaCustomsTerm:
    key: str = strawberry.field(description="Key of the term (IPREG_UA_CUSTOMS_TERMS).")
    duration: str = strawberry.field(description="E.g. `10 working days`.")
    legal_basis: str = strawberry.field(description="The rule that sets it.")
    applies_to: str = strawberry.field(description="The act it governs.")
    source: str = strawberry.field(description="Where the value comes from.")
    provisional: bool = strawberry.field(description="True while the value is a default the "
                                         "digest did not find in the law [Gap].")
    _names: strawberry.Private[dict[str, str]]

    @strawberry.field(description="Name in the requested language.")
    def name(self, info: Info, lang: str | None = None) -> str:
        return localized(self._names, info.context.language(lang), self.key)


def _require_signed_in(info: Info) -> None:
    if info.context.viewer.is_anonymous:
        raise Unauthenticated("sign in: officials of ua_customs and the recordal's parties")


def _require_official(info: Info, what: str) -> None:
    _require_signed_in(info)
    if not is_official(info.context.viewer):
        raise Forbidden(f"{what}: officials of the customs register only")


@strawberry.type
class UaCustomsQuery:
    @strawberry.field(description="Register weekly list (digest §2.1): the entries in force "
                      "with exactly their number, object name, registration and expiry "
                      "dates, owner and owner's details. Public.")
    async def ua_customs_public_list(
        self, info: Info, filter: UaCustomsListFilter | None = None,
        sort: UaCustomsListSort = UaCustomsListSort.NUMBER, descending: bool = False,
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> UaCustomsPublicListConnection:
        first, last = page_sizes(info.context.runtime.settings, first, last)
        list_filter = ListFilter(name=filter.name if filter else None,
                                 owner=filter.owner if filter else None)
        order = ListSort(sort.value)
        page = await offset_page(info.context.reader, list_base(list_filter),
                                 kind="ua-customs-list", first=first, after=after, last=last,
                                 before=before, order_by=list_order(order, descending))
        return UaCustomsPublicListConnection.from_page(
            page, lambda r: UaCustomsPublicEntry(**public_row(r)),
            export_query=PARAMETERS.query_string(list_filter, order, descending))

    @strawberry.field(description="The time limits of the customs register as configured, "
                      "each with its legal reference; provisional where the digest found no "
                      "value.")
    def ua_customs_terms(self) -> list[UaCustomsTerm]:
        return [UaCustomsTerm(key=t.key, duration=t.duration.describe(),
                              legal_basis=t.legal_basis, applies_to=t.applies_to,
                              source=t.source, provisional=t.provisional,
                              _names=dict(t.names)) for t in TERMS.terms().values()]

    @strawberry.field(description="Recordals the caller may read, newest first: officials of "
                      "`ua_customs` see all, a right holder or representative its own. "
                      "UNAUTHENTICATED for anonymous callers.")
    async def ua_customs_recordals(
        self, info: Info, status: str | None = None, first: int | None = None,
        after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> UaCustomsRecordalConnection:
        _require_signed_in(info)
        first, last = page_sizes(info.context.runtime.settings, first, last)
        stmt = select(RecordalRow.__table__)
        if status:
            stmt = stmt.where(RecordalRow.status == status)
        viewer = info.context.viewer
        if not is_official(viewer):
            from ipreg.plugins.ukraine.customs.publication import UA_CUSTOMS

            stmt = stmt.where(RecordalRow.applicant_id.in_(UA_CUSTOMS.parties_of(viewer)))
        page = await keyset_page(info.context.reader, stmt, kind="ua-customs-recordal",
                                 first=first, after=after, last=last, before=before,
                                 key=RecordalRow.id, descending=True)
        return UaCustomsRecordalConnection.from_page(page, UaCustomsRecordal.from_row)

    @strawberry.field(description="Cases of the customs register the caller may read "
                      "(officials: all; parties: their own), newest first. UNAUTHENTICATED "
                      "for anonymous callers.")
    async def ua_customs_cases(
        self, info: Info, procedure: str | None = None, state: str | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> UaCustomsCaseConnection:
        _require_signed_in(info)
        first, last = page_sizes(info.context.runtime.settings, first, last)
        stmt = select(CaseRow.__table__).where(CaseRow.jurisdiction == JURISDICTION)
        if procedure:
            stmt = stmt.where(CaseRow.procedure == procedure)
        if state:
            stmt = stmt.where(CaseRow.state == state)
        page = await keyset_page(info.context.reader, stmt, kind="ua-customs-case",
                                 first=first, after=after, last=last, before=before,
                                 key=CaseRow.id, descending=True)
        return UaCustomsCaseConnection.from_page(
            page, lambda r: UaCustomsCase.from_row(r) if can_read(info, r.applicant_id)
            else None)

    @strawberry.field(description="Seed 000 COPIS: a recordal as an EU application for "
                      "action (docs/ukraine-customs.md), JSON or XML. Officials of "
                      "`ua_customs` and the recordal's owner side: UNAUTHENTICATED for "
                      "anonymous callers, FORBIDDEN for others.")
    async def ua_customs_afa(
        self, info: Info,
        recordal_id: Annotated[relay.GlobalID, strawberry.argument(
            description="Global ID of the `UaCustomsRecordal`.")],
        format: UaCustomsAfaFormat = UaCustomsAfaFormat.JSON,
    ) -> str:
        _require_signed_in(info)
        database_id = database_id_of(info, recordal_id, "UaCustomsRecordal", "recordalId")
        async with info.context.runtime.sessionmaker() as session:
            row = await session.get(RecordalRow, database_id)
            if row is None or not can_read(info, row.applicant_id):
                raise Forbidden("uaCustomsAfa: officials and the recordal's owner side only")
            afa = afa_of_recordal(recordal_of_row(row), reference=f"UA-{row.id}")
        return xml_codec.dumps(afa) if format is UaCustomsAfaFormat.XML else \
            json_codec.dumps(afa)

    @strawberry.field(description="Seed 000 COPIS: detentions (suspension cases), each with "
                      "the recordal it relied on as an AFA, JSON or XML. Officials of "
                      "`ua_customs` only: UNAUTHENTICATED for anonymous callers, FORBIDDEN "
                      "for others.")
    async def ua_customs_detentions(
        self, info: Info, format: UaCustomsAfaFormat = UaCustomsAfaFormat.JSON,
    ) -> str:
        _require_official(info, "uaCustomsDetentions")
        async with info.context.runtime.sessionmaker() as session:
            found = await detentions(session)
        document = {"format": "ipreg-detentions/1", "detentions": found}
        return xml_codec.dumps(document) if format is UaCustomsAfaFormat.XML else \
            json_codec.dumps(document)

    @strawberry.field(description="CC Art. 397: the register entries in force whose goods "
                      "a declared UKTZED code falls under (the same heading), for a customs "
                      "officer checking a declaration. Officials only: UNAUTHENTICATED for "
                      "anonymous callers, FORBIDDEN for others.")
    async def ua_customs_register_hits(
        self, info: Info,
        uktzed: Annotated[str, strawberry.argument(description="The declared UKTZED code.")],
    ) -> list[UaCustomsEntry]:
        _require_official(info, "uaCustomsRegisterHits")
        heading = heading_of(uktzed)
        async with info.context.runtime.sessionmaker() as session:
            rows = await session.execute(
                select(UaCustomsRight.object_id, UaCustomsGoods.uktzed)
                .join(UaCustomsGoods, UaCustomsGoods.right_id == UaCustomsRight.id)
                .where(UaCustomsRight.status == "registered"))
            ids = sorted({oid for oid, codes in rows.all()
                          if any(heading_of(c) == heading for c in codes)})
        objects = await info.context.loaders.object_by_id.load_many(ids)
        return [UaCustomsEntry(**object_fields(o)) for o in objects if o is not None]


__all__ = ["UaCustomsAfaFormat", "UaCustomsQuery"]
