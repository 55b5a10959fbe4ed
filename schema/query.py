"""The core's root query fields."""

from __future__ import annotations

import asyncio
import inspect
from typing import Annotated, Any

import strawberry
from strawberry import relay

from ipreg.core.errors import BadUserInput
from ipreg.core.model import IPObject as IPObjectRow
from ipreg.core.publication import filter_scope
from ipreg.schema.context import Context
from ipreg.schema.loaders import object_select
from ipreg.schema.types.connection import (
    IPObjectConnection,
    keyset_page,
    page_sizes,
)
from ipreg.schema.types.ipobject import IPObject, object_from_row
from ipreg.schema.types.refdata import CodeList, Jurisdiction

Info = strawberry.Info[Context, Any]
CURSOR_KIND = "ipobject"


def visibility_clause(info: Info, jurisdictions: list[str] | None = None) -> Any:
    """What the caller may list: published objects, plus unpublished ones of the
    jurisdictions where the caller is an official."""
    viewer = info.context.viewer
    visible = [
        j for j in info.context.runtime.registry.jurisdictions if viewer.can_see_unpublished(j)
    ]
    if not visible:
        return IPObjectRow.published.is_(True)
    return IPObjectRow.published.is_(True) | IPObjectRow.jurisdiction.in_(visible)


@strawberry.type
class CoreQuery:
    @strawberry.field(description="Fetches an object given its global ID.")
    async def node(
        self,
        info: Info,
        id: Annotated[
            relay.GlobalID, strawberry.argument(description="The global ID of the object.")
        ],
    ) -> relay.Node | None:
        return (await _resolve_global_ids(info, [id]))[0]

    @strawberry.field(
        description="Fetches objects given their global IDs, in the same order; "
        "null where an ID names nothing the caller may see."
    )
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        if len(ids) > info.context.runtime.settings.max_page_size:
            raise BadUserInput(f"at most {info.context.runtime.settings.max_page_size} ids")
        return await _resolve_global_ids(info, ids)

    @strawberry.field(description="All IP objects the caller may see, oldest first, in pages.")
    async def ip_objects(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size (default 20, at most 100).")
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(description="Cursor of the last object of the previous page."),
        ] = None,
        last: Annotated[
            int | None, strawberry.argument(description="Backward: page size (at most 100).")
        ] = None,
        before: Annotated[
            str | None,
            strawberry.argument(description="Backward: cursor of the first object of the "
                                "next page."),
        ] = None,
        jurisdiction: str | None = None,
        kind: Annotated[
            str | None,
            strawberry.argument(description="Only objects of this kind (code list "
                                "`object_kinds`)."),
        ] = None,
        status: Annotated[
            str | None,
            strawberry.argument(description="Only objects with this current status. Where "
                                "a register does not publish the status (EAEU: R174 "
                                "Appendix 1 table 1 item 8), only its officials may filter "
                                "on it: for others its objects never match, and with only "
                                "such registers in scope the filter is FORBIDDEN."),
        ] = None,
    ) -> IPObjectConnection:
        first, last = page_sizes(info.context.runtime.settings, first, last)
        conditions = [visibility_clause(info)]
        if jurisdiction is not None:
            conditions.append(IPObjectRow.jurisdiction == jurisdiction)
        scope = None if jurisdiction is None else [jurisdiction]
        for argument, value, column in (
            ("kind", kind, IPObjectRow.kind),
            ("status", status, IPObjectRow.status),
        ):
            if value is None:
                continue
            # The owning plugin's publication rule: no filter on what it withholds.
            hidden = filter_scope(info.context.runtime.registry, info.context.viewer,
                                  argument, argument, scope)
            conditions.append(column == value)
            if hidden:
                conditions.append(IPObjectRow.jurisdiction.not_in(sorted(hidden)))
        page = await keyset_page(
            info.context.reader, object_select().where(*conditions),
            kind=CURSOR_KIND, first=first, after=after, last=last, before=before,
            key=IPObjectRow.id)
        return IPObjectConnection.from_page(
            page, lambda row: object_from_row(info.context, row))

    @strawberry.field(description="The jurisdictions (registers) of the installed plugins.")
    def jurisdictions(self, info: Info) -> list[Jurisdiction]:
        return [
            Jurisdiction(_value=j)
            for j in sorted(
                info.context.runtime.registry.jurisdictions.values(), key=lambda j: j.code
            )
        ]

    @strawberry.field(description="Every code list (reference data).")
    def code_lists(self, info: Info) -> list[CodeList]:
        return [CodeList(_value=c) for c in info.context.runtime.registry.code_lists.values()]

    @strawberry.field(description="One code list by its id, e.g. `countries`.")
    def code_list(self, info: Info, id: str) -> CodeList | None:
        found = info.context.runtime.registry.code_lists.get(id)
        return CodeList(_value=found) if found else None


async def _resolve_global_ids(info: Info, ids: list[relay.GlobalID]) -> list[Any]:
    """Resolve global IDs concurrently, so their DataLoaders batch them."""
    return list(await asyncio.gather(*(_resolve_one(info, gid) for gid in ids)))


async def _resolve_one(info: Info, gid: relay.GlobalID) -> Any:
    type_def = info.schema.get_type_by_name(gid.type_name)
    origin = getattr(type_def, "origin", None)
    if origin is None or not isinstance(origin, type) or not issubclass(origin, relay.Node):
        return None
    resolved = origin.resolve_nodes(info=info, node_ids=[gid.node_id], required=False)
    if inspect.isawaitable(resolved):
        resolved = await resolved
    return next(iter(resolved))


__all__ = ["CoreQuery", "IPObject"]
