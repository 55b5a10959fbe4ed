"""GraphQL types of parties (EAEU register data composition, table 2)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from ipreg.core.refdata import countries
from ipreg.schema.context import Context


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
        rows = await info.context.loaders.party_by_id.load_many([int(i) for i in node_ids])
        return [cls.from_row(row) if row is not None else None for row in rows]
