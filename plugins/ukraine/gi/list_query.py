"""The public list of published GI applications (GI rules V.6, digest §4.7): one filter for
GraphQL (``uaGiApplications``) and the CSV/XLSX export (``/ukraine_gi/applications``)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import Principal
from ipreg.core.db import contains_folded
from ipreg.core.model import Case, IPObject
from ipreg.plugins.ukraine.gi.models import UaGiApplication, UaGiOpposition
from ipreg.plugins.ukraine.gi.publication import EXPORT_COLUMNS, UA_GI
from ipreg.schema.exports import Export, QueryParameters


@dataclass(frozen=True)
class ApplicationFilter:
    """What the list can be narrowed to (every item optional)."""

    claimed_name: str | None = None
    applicant: str | None = None
    product: str | None = None
    stage: str | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None


class ApplicationSort(enum.Enum):
    NUMBER = "number"
    PUBLISHED = "published"


PARAMETERS = QueryParameters(
    ApplicationFilter, names={"claimedName": "claimed_name", "applicant": "applicant",
                              "product": "product", "stage": "stage",
                              "publishedFrom": "published_from",
                              "publishedTo": "published_to"},
    sort=ApplicationSort, default_sort=ApplicationSort.NUMBER)


def statement(f: ApplicationFilter) -> Select[Any]:
    """Published applications (V.6.1) matching ``f``."""
    stmt = (select(UaGiApplication.__table__, IPObject.status, IPObject.status_date)
            .join(IPObject, IPObject.id == UaGiApplication.object_id)
            .where(IPObject.published.is_(True)))
    if f.claimed_name:
        stmt = stmt.where(contains_folded(UaGiApplication.claimed_name, f.claimed_name))
    if f.applicant:
        stmt = stmt.where(contains_folded(UaGiApplication.applicant_name, f.applicant))
    if f.product:
        stmt = stmt.where(contains_folded(UaGiApplication.product_name, f.product))
    if f.stage:
        stmt = stmt.where(IPObject.status == f.stage)
    if f.published_from:
        stmt = stmt.where(UaGiApplication.published_on >= f.published_from)
    if f.published_to:
        stmt = stmt.where(UaGiApplication.published_on <= f.published_to)
    return stmt


async def export_rows(session: AsyncSession, *, list_filter: ApplicationFilter,
                      sort: ApplicationSort, descending: bool
                      ) -> AsyncIterator[dict[str, Any]]:
    key = UaGiApplication.number if sort is ApplicationSort.NUMBER else \
        UaGiApplication.published_on
    counts: dict[int, int] = dict((await session.execute(
        select(UaGiOpposition.application_case_id, func.count())
        .join(Case, Case.id == UaGiOpposition.case_id)
        .group_by(UaGiOpposition.application_case_id))).all())
    result = await session.stream(statement(list_filter).order_by(
        key.desc() if descending else key, UaGiApplication.case_id))
    async for r in result:
        form = r.form or {}
        yield {
            "applicationNumber": r.number, "filingDate": r.filing_date,
            "claimedName": r.claimed_name, "transliteration": form.get("transliteration"),
            "giKind": r.kind, "productName": r.product_name,
            "countryOfOrigin": r.country_of_origin, "applicantNames": r.applicant_name,
            "applicantAddresses": "; ".join(a.get("correspondenceAddress") or ""
                                            for a in form.get("applicants") or []),
            "description": (r.specification or r.single_document or {}).get("boundaries"),
            "status": r.status, "publishedOn": r.published_on,
            "oppositions": counts.get(r.case_id, 0)}


def _options(params: Mapping[str, str], viewer: Principal) -> dict[str, Any]:
    list_filter, sort, descending = PARAMETERS.from_parameters(params)
    return {"list_filter": list_filter, "sort": sort, "descending": descending}


EXPORT = Export("/ukraine_gi/applications", columns=EXPORT_COLUMNS, rows=export_rows,
                options=_options, filename="ua-gi-applications", jurisdiction="ua_gi",
                entity="ua_gi_applications", audited=UA_GI.is_official,
                sheet="Заявки ГЗ")

__all__ = ["EXPORT", "PARAMETERS", "ApplicationFilter", "ApplicationSort", "statement"]
