"""Relay cursor connections with ``totalCount``, paged by keyset in SQL.

:func:`keyset_page` reads one page of any list: the rows after the cursor in key
order, one more to know whether a next page exists, and the total count on
demand (:func:`offset_page` likewise for orders a key cannot resume). A
connection type takes the page's rows, cursors, ``page_info()`` and
``total_count``. :func:`page_info` is the ``PageInfo`` of a page's cursors, for
lists paged by a service (search, the audit trail).
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import strawberry
from sqlalchemy import ColumnElement, Select, func
from strawberry import relay

from ipreg.core.checks import whole_number
from ipreg.core.config import Settings
from ipreg.core.errors import BadUserInput
from ipreg.schema.reader import Reader
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


def page_info(cursors: Sequence[str], *, has_next: bool, has_previous: bool) -> relay.PageInfo:
    """The ``PageInfo`` of a page whose items have ``cursors``, in order."""
    return relay.PageInfo(
        has_next_page=has_next,
        has_previous_page=has_previous,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )


@dataclass
class Page:
    """One page of a list read by :func:`keyset_page` or :func:`offset_page`.

    ``rows``: the page's rows (at most ``first``); ``cursors``: the cursor of each;
    ``has_next`` / ``has_previous``: are there rows after / before it.
    """

    rows: list[Any]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    _count: Callable[[], Awaitable[int]] = field(repr=False)
    _total: int | None = field(default=None, repr=False)

    def page_info(self, cursors: Sequence[str] | None = None) -> relay.PageInfo:
        """The page's ``PageInfo``; ``cursors``: those of the items the connection
        shows, when it leaves some rows out (default: every row's)."""
        return page_info(self.cursors if cursors is None else cursors,
                         has_next=self.has_next, has_previous=self.has_previous)

    async def total_count(self) -> int:
        """Rows matching over all pages (one ``count`` statement, on first use only)."""
        if self._total is None:
            self._total = await self._count()
        return self._total

    @classmethod
    def empty(cls, kind: str | None = None, after: str | None = None) -> Page:
        """A page of a list the caller may see nothing of, read with no statement;
        given the list's cursor ``kind``, a cursor ``after`` is checked as
        :func:`keyset_page` checks it (and there is a previous page)."""

        async def zero() -> int:
            return 0

        start = decode_cursor(kind, after) if kind is not None and after else None
        return cls([], [], has_next=False, has_previous=start is not None, _count=zero)


async def keyset_page(
    reader: Reader,
    query: Select[Any],
    *,
    kind: str,
    first: int,
    after: str | None,
    key: ColumnElement[Any],
    descending: bool = False,
    position: Callable[[Any], int] | None = None,
    beyond: Callable[[int], ColumnElement[bool]] | None = None,
) -> Page:
    """One page of ``query`` (a SELECT with the list's filters), paged by ``key``.

    Reads the ``first`` rows after the cursor ``after`` (of cursor kind ``kind``;
    another string is ``BAD_USER_INPUT``) in ``key`` order (``descending``: largest
    first), plus one to know whether there is a next page: one statement. The total
    (``await page.total_count()``) is a second one, run only when asked for.

    ``key`` must identify a row and its value be a whole number; ``position``: a
    row's cursor value (default ``row.<key's column name>``); ``beyond``: the
    condition "after this cursor value" (default ``key > value``, or ``<`` when
    descending), for a key stored otherwise (digits in a text column).
    """
    if position is None:
        name = getattr(key, "key", None)
        if not isinstance(name, str):
            raise TypeError("keyset_page: give position= for a key that is not a column")
        position = attrgetter(name)
    start = decode_cursor(kind, after) if after else None
    page = query
    if start is not None:
        page = page.where(beyond(start) if beyond is not None
                          else key < start if descending else key > start)
    rows = await reader.rows(page.order_by(key.desc() if descending else key)
                             .limit(first + 1))

    shown = list(rows[:first])
    return Page(shown, [encode_cursor(kind, position(row)) for row in shown],
                has_next=len(rows) > first, has_previous=start is not None,
                _count=_counter(reader, query))


async def offset_page(
    reader: Reader,
    query: Select[Any],
    *,
    kind: str,
    first: int,
    after: str | None,
    order_by: Sequence[Any],
) -> Page:
    """One page of ``query`` in an order no cursor value can resume (a sort by name,
    by date): the cursor is the row's position. One statement (``first`` + 1 rows
    from the position after ``after``), and the total on demand, as
    :func:`keyset_page`. ``order_by`` must be total (end with a unique key)."""
    offset = decode_cursor(kind, after) + 1 if after else 0
    rows = await reader.rows(query.order_by(*order_by).offset(offset).limit(first + 1))
    shown = list(rows[:first])
    return Page(shown, [encode_cursor(kind, offset + n) for n in range(len(shown))],
                has_next=len(rows) > first, has_previous=offset > 0,
                _count=_counter(reader, query))


def _counter(reader: Reader, query: Select[Any]) -> Callable[[], Awaitable[int]]:
    """The rows of ``query`` over all pages: ``SELECT count(*)`` with its FROM and WHERE."""

    async def count() -> int:
        total = await reader.scalar(
            query.with_only_columns(func.count(), maintain_column_froms=True).order_by(None))
        return int(total or 0)

    return count


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
