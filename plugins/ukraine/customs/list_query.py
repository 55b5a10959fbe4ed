"""The public weekly list of the customs register: one filter definition for GraphQL
(``uaCustomsPublicList``) and the CSV/XLSX exports (``/ukraine_customs/list.csv``,
``.xlsx``).

Register weekly list (digest §2.1): the entries in force, each with exactly its
number, the name of the object, the registration and expiry dates, the owner and the
owner's details; nothing else (:data:`COLUMNS` is checked against the publication
table at import).
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.auth import Principal
from ipreg.core.db import contains_folded
from ipreg.core.model import Address, Party
from ipreg.plugins.ukraine.customs.models import UaCustomsRecordal, UaCustomsRight
from ipreg.plugins.ukraine.customs.publication import JURISDICTION, PUBLICATION, UA_CUSTOMS
from ipreg.schema.exports import Column, Export, QueryParameters


@dataclass(frozen=True)
class ListFilter:
    name: str | None = None
    owner: str | None = None


class ListSort(enum.Enum):
    NUMBER = "number"
    NAME = "name"
    VALID_UNTIL = "valid_until"


PARAMETERS = QueryParameters(ListFilter, names={"name": "name", "owner": "owner"},
                             sort=ListSort, default_sort=ListSort.NUMBER)

COLUMNS = (
    Column("number", "Номер / Number"),
    Column("object_name", "Назва об'єкта / Object"),
    Column("registered_on", "Дата реєстрації / Registered on", kind="date"),
    Column("valid_until", "Дата закінчення / Expires on", kind="date"),
    Column("owner", "Власник / Owner"),
    Column("owner_details", "Реквізити власника / Owner's details"),
)
PUBLICATION.check_published(("registerNumber", "name", "registeredOn", "validUntil",
                             "holders", "ownerDetails"), "the public weekly list")


def _address() -> Any:
    return (select(func.min(func.coalesce(Address.street, Address.city)))
            .where(Address.party_id == Party.id).correlate(Party).scalar_subquery())


def list_select(list_filter: ListFilter, sort: ListSort, descending: bool) -> Select[Any]:
    """The entries in force with the six published items, in the order asked."""
    return list_base(list_filter).order_by(*list_order(sort, descending))


def list_order(sort: ListSort, descending: bool) -> list[Any]:
    key = {ListSort.NUMBER: UaCustomsRight.register_number, ListSort.NAME: UaCustomsRight.name,
           ListSort.VALID_UNTIL: UaCustomsRecordal.valid_until}[sort]
    return [key.desc() if descending else key, UaCustomsRight.register_number]


def list_base(list_filter: ListFilter) -> Select[Any]:
    """The entries in force (status ``registered``) matching the filter."""
    stmt = (select(UaCustomsRight.id.label("id"),
                   UaCustomsRight.register_number.label("number"),
                   UaCustomsRight.name.label("object_name"),
                   UaCustomsRecordal.registered_on.label("registered_on"),
                   UaCustomsRecordal.valid_until.label("valid_until"),
                   Party.name.label("owner"), Party.country.label("country"),
                   Party.taxpayer_id.label("identifier"), _address().label("address"))
            .join(UaCustomsRecordal, UaCustomsRecordal.id == UaCustomsRight.recordal_id)
            .join(Party, Party.id == UaCustomsRecordal.applicant_id)
            .where(UaCustomsRight.status == "registered"))
    if list_filter.name:
        stmt = stmt.where(contains_folded(UaCustomsRight.name, list_filter.name))
    if list_filter.owner:
        stmt = stmt.where(contains_folded(Party.name, list_filter.owner))
    return stmt


def public_row(row: Any) -> dict[str, Any]:
    details = "; ".join(x for x in (row.country, row.address, row.identifier) if x)
    return {"number": row.number, "object_name": row.object_name,
            "registered_on": row.registered_on, "valid_until": row.valid_until,
            "owner": row.owner, "owner_details": details}


async def list_rows(session: AsyncSession, *, list_filter: ListFilter, sort: ListSort,
                    descending: bool) -> AsyncIterator[dict[str, Any]]:
    result = await session.stream(list_select(list_filter, sort, descending))
    async for row in result:
        yield public_row(row)


def _options(params: Mapping[str, str], viewer: Principal) -> dict[str, Any]:
    list_filter, sort, descending = PARAMETERS.from_parameters(params)
    return {"list_filter": list_filter, "sort": sort, "descending": descending}


EXPORT = Export("/ukraine_customs/list", columns=COLUMNS, rows=list_rows, options=_options,
                filename="ua-customs-register", jurisdiction=JURISDICTION,
                entity="ua_customs_list", audited=UA_CUSTOMS.is_official,
                sheet="Митний реєстр")

__all__ = [
    "COLUMNS",
    "EXPORT",
    "PARAMETERS",
    "ListFilter",
    "ListSort",
    "list_base",
    "list_order",
    "list_rows",
    "list_select",
    "public_row",
]
