"""GraphQL types of parties (EAEU register data composition, table 2)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from sqlalchemy import select
from strawberry import relay

from ipreg.core.model import IPObject, ObjectParty
from ipreg.core.publication import PartyLink, visible_parties
from ipreg.core.refdata import countries
from ipreg.schema.context import Context
from ipreg.schema.loaders import IDS, BaseLoader, _group

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
        return [[link for _, link in group] for group in _group(links, ids, lambda r: r[0])]


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
