"""Relay cursor connections with ``totalCount``, paged by keyset in SQL."""

from __future__ import annotations

import base64
from typing import Any

import strawberry
from strawberry import relay

from ipreg.core.checks import whole_number
from ipreg.core.config import Settings
from ipreg.core.errors import BadUserInput
from ipreg.schema.types.ipobject import IPObject


def encode_cursor(kind: str, value: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode()


def decode_cursor(kind: str, cursor: str) -> int:
    """The id or offset in a cursor of ``kind`` (``BAD_USER_INPUT`` for any other string)."""
    try:
        prefix, _, raw = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        prefix, raw = "", ""
    value = whole_number(raw) if prefix == kind else None
    if value is None:
        raise BadUserInput(f"after: {cursor[:100]!r} is not a cursor of this connection",
                           argument="after")
    return value


def check_feed_page(after: int, first: int, max_first: int = 1000) -> None:
    """A page of a change feed: ``after`` a position (0 or more), ``first`` 1..1000."""
    if not 1 <= first <= max_first:
        raise BadUserInput(f"first must be between 1 and {max_first}", argument="first")
    if after < 0:
        raise BadUserInput("after must not be negative", argument="after")


def page_size(settings: Settings, first: int | None) -> int:
    """``first``, or the default page size; ``BAD_USER_INPUT`` outside 0..max page size."""
    if first is None:
        return settings.default_page_size
    if not 0 <= first <= settings.max_page_size:
        raise BadUserInput(f"first must be between 0 and {settings.max_page_size}",
                           argument="first")
    return first


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
