"""GraphQL types of parties: the ``Party`` node and the parts of a party's rich data.

:class:`Address`, :class:`Contact`, :class:`Employee` and :class:`IdentityDocument`
are the core's rows (``address``, ``contact``, ``employee``, ``identity_document``)
as GraphQL types, each with ``from_row``; load them with
:class:`~ipreg.schema.loaders.PartyDetailsLoader`. A register shows them under its
own names and legal citations with :func:`~ipreg.schema.types.variants.variant`
(``EaeuAddress`` is R174 Appendix 1 table 5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import itemgetter
from typing import Any, Self

import strawberry
from sqlalchemy import select
from strawberry import relay

from ipreg.core.model import IPObject, ObjectParty
from ipreg.core.publication import PartyLink, visible_parties
from ipreg.core.refdata import countries
from ipreg.schema.context import Context
from ipreg.schema.loaders import IDS, BaseLoader, group_by

#: Where each party appears: (jurisdiction, role, published) of its objects.
LINKS_BY_PARTY = (
    select(ObjectParty.party_id, IPObject.jurisdiction, ObjectParty.role, IPObject.published)
    .join(IPObject, IPObject.id == ObjectParty.object_id)
    .where(ObjectParty.party_id.in_(IDS))
    .distinct()
)


class LinksByPartyLoader(BaseLoader):
    async def batch_load_fn(self, ids: Sequence[int]) -> list[list[PartyLink]]:
        rows = await self.reader.rows(LINKS_BY_PARTY, {"ids": list(ids)})
        links = [(r.party_id, PartyLink(r.jurisdiction, r.role, bool(r.published)))
                 for r in rows]
        return [[link for _, link in group] for group in group_by(links, ids, itemgetter(0))]


@strawberry.type(description="A postal address of a party.")
class Address:
    kind: str | None = strawberry.field(
        description="Kind of address (registration, actual, postal; a register's code list).")
    country: str | None = strawberry.field(description="Country (ISO 3166-1 alpha-2).")
    territory_code: str | None = strawberry.field(
        description="Code of the administrative-territorial unit.")
    region: str | None = strawberry.field(description="Region.")
    district: str | None = strawberry.field(description="District.")
    city: str | None = strawberry.field(description="City.")
    settlement: str | None = strawberry.field(description="Settlement.")
    street: str | None = strawberry.field(description="Street.")
    building: str | None = strawberry.field(description="House number.")
    premises: str | None = strawberry.field(description="Premises (office, flat).")
    postal_code: str | None = strawberry.field(description="Postal code.")
    po_box: str | None = strawberry.field(description="Post-office box.")

    @classmethod
    def from_row(cls, row: Any, prefix: str = "") -> Self:
        """An ``address`` row, or the address columns named ``prefix + name`` of
        another row (``location_city``, ...)."""
        return cls(**{name: getattr(row, prefix + name) for name in _ADDRESS_COLUMNS})


_ADDRESS_COLUMNS = ("kind", "country", "territory_code", "region", "district", "city",
                    "settlement", "street", "building", "premises", "postal_code", "po_box")


@strawberry.type(description="A contact of a party: telephone, e-mail, ...")
class Contact:
    channel: str | None = strawberry.field(description="Code of the channel (a code list).")
    channel_name: str | None = strawberry.field(description="Name of the channel.")
    value: str = strawberry.field(description="The number, address, ...")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(channel=row.channel, channel_name=row.channel_name, value=row.value)


@strawberry.type(description="An employee of a legal entity.")
class Employee:
    surname: str = strawberry.field(description="Surname.")
    first_name: str | None = strawberry.field(description="First name.")
    patronymic: str | None = strawberry.field(description="Patronymic.")
    position: str | None = strawberry.field(description="Position held.")
    phone: str | None = strawberry.field(description="Telephone.")
    email: str | None = strawberry.field(description="E-mail.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(surname=row.surname, first_name=row.first_name, patronymic=row.patronymic,
                   position=row.job_title, phone=row.phone, email=row.email)


@strawberry.type(description="An identity document of a natural person.")
class IdentityDocument:
    country: str = strawberry.field(description="Issuing country.")
    kind_code: str | None = strawberry.field(description="Code of the kind of document.")
    kind_name: str | None = strawberry.field(description="Name of the kind of document.")
    series: str | None = strawberry.field(description="Series.")
    number: str = strawberry.field(description="Number.")
    date: dt.date | None = strawberry.field(description="Date of issue.")
    issuer_id: str | None = strawberry.field(description="Identifier of the issuing authority.")
    issuer_name: str | None = strawberry.field(description="Name of the issuing authority.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(country=row.country, kind_code=row.kind_code, kind_name=row.kind_name,
                   series=row.series, number=row.number, date=row.date,
                   issuer_id=row.issuer_id, issuer_name=row.issuer_name)


@strawberry.type(description="A natural or legal person: right holder, representative, applicant.")
class Party(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Full name, or surname, first name and patronymic.")
    short_name: str | None = strawberry.field(description="Abbreviated name.")
    country: str = strawberry.field(description="Country of registration (ISO 3166-1 alpha-2).")
    party_type: str = strawberry.field(
        description="`legal` or `natural` (code list `party_types`)."
    )
    _taxpayer_id: strawberry.Private[str | None]

    @strawberry.field(description="Name of the country in the requested language.")
    def country_name(self, info: strawberry.Info[Context, Any], lang: str | None = None) -> str:
        entry = countries().get(self.country)
        return entry.name(info.context.language(lang)) if entry else self.country

    @strawberry.field(description="Taxpayer identifier; not published: null for anonymous callers.")
    def taxpayer_id(self, info: strawberry.Info[Context, Any]) -> str | None:
        return None if info.context.viewer.is_anonymous else self._taxpayer_id

    @classmethod
    def from_row(cls, row: Any) -> Party:
        return cls(
            id=row.id,
            name=row.name,
            short_name=row.short_name,
            country=row.country,
            party_type=row.party_type,
            _taxpayer_id=row.taxpayer_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info[Context, Any], node_ids: list[str], required: bool = False
    ) -> list[Party | None]:
        """``node(id:)``: a party the caller may see, else null. Callers who are not
        officials see the parties a publication rule publishes (for EAEU: right
        holders and representatives of published entries, R174 A1 T1 3-4) and their
        own; authorized persons (T1 7) or turnover parties (T1 6.4) are not."""
        ids = [int(i) if i.isdigit() else -1 for i in node_ids]
        rows = await info.context.loaders.party_by_id.load_many(ids)
        found = [row.id for row in rows if row is not None]
        context = info.context
        links = ([[]] * len(found) if context.viewer.is_official_of(None)  # sees every one
                 else await context.loaders.get(LinksByPartyLoader).load_many(found))
        visible = visible_parties(context.runtime.registry, context.viewer,
                                  dict(zip(found, links, strict=True)))
        return [cls.from_row(row) if row is not None and row.id in visible else None
                for row in rows]
