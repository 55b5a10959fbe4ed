"""Relay cursor connections with ``totalCount``, paged by keyset in SQL."""

from __future__ import annotations

import base64
from typing import Any

import strawberry
from strawberry import relay

from ipreg.core.errors import BadUserInput
from ipreg.schema.types.ipobject import IPObject


def encode_cursor(kind: str, value: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode()


def decode_cursor(kind: str, cursor: str) -> int:
    try:
        prefix, _, raw = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if prefix != kind:
            raise ValueError(prefix)
        return int(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadUserInput(f"{cursor!r} is not a cursor of this connection") from exc


@strawberry.type(description="An IP object in a page of results.")
class IPObjectEdge:
    cursor: str = strawberry.field(description="Pass as `after` to get the objects after this.")
    node: IPObject = strawberry.field(description="The object.")


@strawberry.type(description="A page of IP objects.")
class IPObjectConnection:
    edges: list[IPObjectEdge] = strawberry.field(description="The objects of this page.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page is in the list.")
    _count: strawberry.Private[Any]

    @strawberry.field(description="Number of objects matching the filters, over all pages.")
    async def total_count(self) -> int:
        result: int = await self._count()
        return result

    @strawberry.field(description="The objects of this page (shortcut for `edges { node }`).")
    def nodes(self) -> list[IPObject]:
        return [edge.node for edge in self.edges]
