"""The ``IPObject`` interface every jurisdiction's object type implements."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from ipreg.core.extension import localized
from ipreg.schema.context import Context
from ipreg.schema.types.parties import Party
from ipreg.schema.types.values import Goods, KeywordValue, RightTerm, StatusRecord

Info = strawberry.Info[Context, Any]


@strawberry.interface(
    name="IPObject",
    description="A protected IP object in a register. Each jurisdiction's plugin shows its "
    "objects as its own type implementing this interface.",
)
class IPObject(relay.Node):
    id: relay.NodeID[int]
    jurisdiction: str = strawberry.field(description="Register the object belongs to.")
    kind: str = strawberry.field(description="Kind of object (code list `object_kinds`).")
    name: str = strawberry.field(description="Name (verbal designation) of the object.")
    description: str | None = strawberry.field(
        description="Description of the object. Null where the register does not publish it "
        "and the caller may not read it (Ukrainian customs register: not in the weekly list).")
    register_number: str | None = strawberry.field(description="Number in its register.")
    status: str | None = strawberry.field(
        description="Current status (latest of the status history). Null where the register "
        "does not publish it and the caller may not read it (EAEU: not published, R174 "
        "Appendix 1 table 1 item 8.1)."
    )
    status_date: dt.date | None = strawberry.field(
        description="Date of the current status. Null where the register does not publish it "
        "and the caller may not read it (EAEU: not published, R174 Appendix 1 table 1 "
        "item 8.2)."
    )
    version: int | None = strawberry.field(
        description="Grows with each committed change; pass it back to change the object. Null "
        "where the register does not publish it and the caller may not read it (EAEU: not "
        "published, R174 Appendix 1 table 1 item 9)."
    )
    updated_at: dt.datetime | None = strawberry.field(
        description="When it last changed (UTC). Null where the register does not publish it "
        "and the caller may not read it (EAEU: not published, R174 Appendix 1 table 1 item 9)."
    )
    _published: strawberry.Private[bool]

    @strawberry.field(description="Name of the kind in the requested language.")
    def kind_name(self, info: Info, lang: str | None = None) -> str:
        kind = info.context.runtime.registry.object_kinds.get(self.kind)
        return localized(kind.names, info.context.language(lang), self.kind) if kind else self.kind

    @strawberry.field(description="Keywords relating to the object, with transliterations. "
                      "Empty where the register does not publish them and the caller may not "
                      "read them (EAEU: not published, R174 Appendix 1 table 1 item 5.3).")
    async def keywords(self, info: Info) -> list[str]:
        return [row.value for row in await info.context.loaders.keywords.load(self.id)]

    @strawberry.field(description="Keywords with the transliterations filed with them. Empty "
                      "where the register does not publish them and the caller may not read "
                      "them (EAEU: not published, R174 Appendix 1 table 1 item 5.3).")
    async def keyword_details(self, info: Info) -> list[KeywordValue]:
        rows = await info.context.loaders.keywords.load(self.id)
        return [KeywordValue(value=r.value, transliteration=r.transliteration) for r in rows]

    @strawberry.field(description="Right holders.")
    async def holders(self, info: Info) -> list[Party]:
        return await self._parties(info, "holder")

    @strawberry.field(description="Representatives of the right holders. Empty where the "
                      "register does not publish them and the caller may not read them "
                      "(Ukrainian customs register: not in its weekly list).")
    async def representatives(self, info: Info) -> list[Party]:
        return await self._parties(info, "representative")

    @strawberry.field(description="Goods the right extends to. Empty where the register does "
                      "not publish them and the caller may not read them (Ukrainian customs "
                      "register: customs data, not in its weekly list).")
    async def goods(self, info: Info) -> list[Goods]:
        return [
            Goods(description=g["description"], hs_codes=g["codes"], nice_classes=g["classes"])
            for g in await info.context.loaders.goods.load(self.id)
        ]

    @strawberry.field(description="Status history, oldest first. Empty where the register "
                      "does not publish it and the caller may not read it (EAEU: not "
                      "published, R174 Appendix 1 table 1 item 8).")
    async def status_history(self, info: Info) -> list[StatusRecord]:
        return [
            StatusRecord(
                status=r.status, date=r.date, basis_number=r.basis_number, basis_date=r.basis_date
            )
            for r in await info.context.loaders.status_history.load(self.id)
        ]

    @strawberry.field(description="Terms of validity of the right, per country. Empty where "
                      "the register does not publish them and the caller may not read them "
                      "(EAEU: not published, R174 Appendix 1 table 1 item 5.7).")
    async def right_terms(self, info: Info) -> list[RightTerm]:
        return [
            RightTerm(
                country=r.country,
                starts_on=r.starts_on,
                expires_on=r.expires_on,
                term_defined=r.term_defined,
            )
            for r in await info.context.loaders.right_terms.load(self.id)
        ]

    async def _parties(self, info: Info, role: str) -> list[Party]:
        rows = await info.context.loaders.parties.load(self.id)
        return [Party.from_row(r) for r in rows if r.role == role]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Any]:
        ids = []
        for node_id in node_ids:
            try:
                ids.append(int(node_id))
            except ValueError:
                ids.append(-1)
        rows = await info.context.loaders.object_by_id.load_many(ids)
        out = []
        for row in rows:
            obj = object_from_row(info.context, row) if row is not None else None
            out.append(obj if obj is not None and isinstance(obj, cls) else None)
        return out


@strawberry.type(description="An IP object of a jurisdiction that has no type of its own.")
class GenericIPObject(IPObject):
    pass


def object_fields(row: Any) -> dict[str, Any]:
    """Keyword arguments that build any ``IPObject`` implementation from a row."""
    return {
        "id": row.id,
        "jurisdiction": row.jurisdiction,
        "kind": row.kind,
        "name": row.name,
        "description": row.description,
        "register_number": row.register_number,
        "status": row.status,
        "status_date": row.status_date,
        "version": row.version,
        "updated_at": row.updated_at,
        "_published": row.published,
    }


def object_from_row(ctx: Context, row: Any) -> IPObject | None:
    """The row as its jurisdiction's GraphQL type, or None if the caller may not see it."""
    if not row.published:
        if not ctx.viewer.can_see_unpublished(row.jurisdiction):
            return None
        ctx.unpublished_reads.add(("ip_object", row.id))
    binding = ctx.runtime.registry.object_types.get(row.jurisdiction)
    graphql_type = binding.graphql_type if binding else GenericIPObject
    result: IPObject = graphql_type(**object_fields(row))
    return result
