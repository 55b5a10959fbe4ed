"""Relay cursor connections with ``totalCount``, paged by keyset in SQL.

:func:`keyset_page` reads one page of any list, forward (``first``/``after``: the
rows after the cursor in key order) or backward (``last``/``before``: the rows
before it), one more to know whether a next (previous) page exists, and the
total count on demand (:func:`offset_page` likewise for orders a key cannot
resume). A connection type takes the page's rows, cursors, ``page_info()`` and
``total_count``; every connection of the API has ``edges { cursor node }``,
``pageInfo`` and the four Relay arguments (:func:`page_sizes` checks them).
:func:`page_info` is the ``PageInfo`` of a page's cursors, for lists paged by a
service (search, the audit trail).
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Annotated, Any, Generic, Self, TypeVar

import strawberry
from sqlalchemy import ColumnElement, Select, func
from strawberry import relay
from strawberry.types.base import get_object_definition

from ipreg.core.checks import whole_number
from ipreg.core.config import Settings
from ipreg.core.errors import BadUserInput
from ipreg.schema.reader import Reader
from ipreg.schema.types.ipobject import IPObject

#: The four Relay arguments of a connection, as every root list declares them:
#: ``first: FirstArg = None, after: AfterArg = None, last: LastArg = None,
#: before: BeforeArg = None`` (checked by :func:`page_sizes` and the cursor decoders).
FirstArg = Annotated[int | None, strawberry.argument(
    description="Page size (default 20, at most 100).")]
AfterArg = Annotated[str | None, strawberry.argument(
    description="Cursor: `endCursor` of the previous page.")]
LastArg = Annotated[int | None, strawberry.argument(
    description="Backward: page size (at most 100).")]
BeforeArg = Annotated[str | None, strawberry.argument(
    description="Backward: `startCursor` of the next page.")]


def encode_cursor(kind: str, value: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode()


def decode_cursor(kind: str, cursor: str, argument: str = "after") -> int:
    """The id or offset in a cursor of ``kind`` (``BAD_USER_INPUT`` naming ``argument``
    for any other string)."""
    try:
        prefix, _, raw = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        prefix, raw = "", ""
    value = whole_number(raw) if prefix == kind else None
    if value is None:
        raise BadUserInput(f"{argument}: {cursor[:100]!r} is not a cursor of this connection",
                           argument=argument)
    return value


def check_feed_page(after: int, first: int, max_first: int = 1000) -> None:
    """A page of a change feed: ``after`` a position (0 or more), ``first`` 1..1000."""
    if not 1 <= first <= max_first:
        raise BadUserInput(f"first must be between 1 and {max_first}", argument="first")
    if after < 0:
        raise BadUserInput("after must not be negative", argument="after")


def page_size(settings: Settings, first: int | None, argument: str = "first") -> int:
    """``first``, or the default page size; ``BAD_USER_INPUT`` outside 0..max page size."""
    if first is None:
        return settings.default_page_size
    if not 0 <= first <= settings.max_page_size:
        raise BadUserInput(f"{argument} must be between 0 and {settings.max_page_size}",
                           argument=argument)
    return first


def page_sizes(settings: Settings, first: int | None,
               last: int | None) -> tuple[int | None, int | None]:
    """A connection's ``first`` (forward) and ``last`` (backward) checked as
    :func:`page_size` checks them: ``(first, None)``, or ``(None, last)`` when ``last``
    is given. Neither given: the default page size, forward. Both given is
    ``BAD_USER_INPUT`` (a page is read in one direction)."""
    if last is None:
        return page_size(settings, first), None
    if first is not None:
        raise BadUserInput("give first (forward) or last (backward), not both",
                           argument="last")
    return None, page_size(settings, last, "last")


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

    ``rows``: the page's rows (at most ``first`` or ``last``), in list order;
    ``cursors``: the cursor of each; ``has_next`` / ``has_previous``: are there rows
    after / before it.
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
    def empty(cls, kind: str | None = None, after: str | None = None,
              before: str | None = None) -> Page:
        """A page of a list the caller may see nothing of, read with no statement;
        given the list's cursor ``kind``, the cursors ``after`` and ``before`` are
        checked as :func:`keyset_page` checks them (and there is a previous / next page)."""

        async def zero() -> int:
            return 0

        start = decode_cursor(kind, after) if kind is not None and after else None
        end = decode_cursor(kind, before, "before") if kind is not None and before else None
        return cls([], [], has_next=end is not None, has_previous=start is not None,
                   _count=zero)


def _direction(first: int | None, last: int | None) -> tuple[int, bool]:
    """The page size and whether the page is read backward (``last`` given)."""
    if last is not None:
        return last, True
    if first is None:
        raise TypeError("give first= or last= (see page_sizes)")
    return first, False


async def keyset_page(
    reader: Reader,
    query: Select[Any],
    *,
    kind: str,
    first: int | None = None,
    after: str | None = None,
    key: ColumnElement[Any],
    descending: bool = False,
    position: Callable[[Any], int] | None = None,
    key_value: Callable[[int], Any] | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Page:
    """One page of ``query`` (a SELECT with the list's filters), paged by ``key``.

    Forward (``first``): the ``first`` rows after the cursor ``after``; backward
    (``last``): the ``last`` rows before the cursor ``before`` (both cursors may
    bound either direction, as Relay's connection specification says), in ``key``
    order (``descending``: largest first), plus one to know whether there is a
    next (previous) page: one statement. Rows are returned in list order either way.
    A cursor of another kind than ``kind`` is ``BAD_USER_INPUT``. The total
    (``await page.total_count()``) is a second statement, run only when asked for.

    ``key`` must identify a row and its value be a whole number; ``position``: a
    row's cursor value (default ``row.<key's column name>``); ``key_value``: the
    value of ``key`` a cursor value stands for, for a key stored otherwise (digits
    in a text column: ``lambda n: f"{n:05d}"``).
    """
    size, backward = _direction(first, last)
    if position is None:
        name = getattr(key, "key", None)
        if not isinstance(name, str):
            raise TypeError("keyset_page: give position= for a key that is not a column")
        position = attrgetter(name)
    stored = key_value or (lambda value: value)
    start = decode_cursor(kind, after) if after else None
    end = decode_cursor(kind, before, "before") if before else None
    page = query
    if start is not None:
        page = page.where(key < stored(start) if descending else key > stored(start))
    if end is not None:
        page = page.where(key > stored(end) if descending else key < stored(end))
    read_descending = descending != backward  # backward: read from the end, then turn
    rows = await reader.rows(page.order_by(key.desc() if read_descending else key)
                             .limit(size + 1))
    shown = list(rows[:size])
    more = len(rows) > size
    if backward:
        shown.reverse()
    return Page(shown, [encode_cursor(kind, position(row)) for row in shown],
                has_next=end is not None if backward else more,
                has_previous=more if backward else start is not None,
                _count=_counter(reader, query))


async def offset_page(
    reader: Reader,
    query: Select[Any],
    *,
    kind: str,
    first: int | None = None,
    after: str | None = None,
    order_by: Sequence[Any],
    last: int | None = None,
    before: str | None = None,
) -> Page:
    """One page of ``query`` in an order no cursor value can resume (a sort by name,
    by date): the cursor is the row's position. One statement (``first`` + 1 rows
    from the position after ``after``; or the ``last`` rows before ``before``), and
    the total on demand, as :func:`keyset_page`; ``last`` without ``before`` counts
    the rows first (the count is then the total). ``order_by`` must be total (end
    with a unique key)."""
    size, backward = _direction(first, last)
    lower = decode_cursor(kind, after) + 1 if after else 0
    upper = decode_cursor(kind, before, "before") if before else None
    count = _counter(reader, query)
    total: int | None = None
    ordered = query.order_by(*order_by)
    if backward:
        if upper is None:
            total = upper = await count()
        offset = max(lower, upper - size)
        rows = list(await reader.rows(ordered.offset(offset).limit(upper - offset))
                    ) if upper > offset else []
        has_next, has_previous = before is not None, offset > lower
        shown = rows
    else:
        offset = lower
        limit = size + 1 if upper is None else max(0, min(size + 1, upper - lower))
        rows = list(await reader.rows(ordered.offset(offset).limit(limit))) if limit else []
        shown = rows[:size]
        has_next, has_previous = len(rows) > size or upper is not None, offset > 0
    return Page(shown, [encode_cursor(kind, offset + n) for n in range(len(shown))],
                has_next=has_next, has_previous=has_previous, _count=count, _total=total)


def _counter(reader: Reader, query: Select[Any]) -> Callable[[], Awaitable[int]]:
    """The rows of ``query`` over all pages: ``SELECT count(*)`` with its FROM and WHERE."""

    async def count() -> int:
        total = await reader.scalar(
            query.with_only_columns(func.count(), maintain_column_froms=True).order_by(None))
        return int(total or 0)

    return count


NodeT = TypeVar("NodeT")


@strawberry.type(description="An item in a page of a list: the item and its cursor.")
class Edge(Generic[NodeT]):
    """A Relay edge: ``Edge[Thing]`` is the GraphQL type ``ThingEdge``; subclass it
    under that name for a description of its own (see :class:`Connection`)."""

    cursor: str = strawberry.field(description="Pass as `after` (`before`) for the items "
                                   "after (before) this one.")
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list.")
class Connection(Generic[NodeT]):
    """A Relay cursor connection: ``edges { cursor node }``, ``pageInfo``,
    ``totalCount`` (an ``int``, or an ``async`` callable counted only when asked for)
    and ``nodes``. A list names its own, with its description (and, if it wants one,
    an edge type of its own, ``class UaListEntryEdge(Edge[UaListEntry])``, redeclaring
    ``edges: list[UaListEntryEdge]``)::

        @strawberry.type(name="UaListEntryConnection", description="A page of the list.")
        class UaListEntryConnection(Connection[UaListEntry]):
            export_query: strawberry.Private[str] = ""   # fields of its own

        return UaListEntryConnection.from_page(page, UaListEntry.from_row)

    Its edges are ``Edge[UaListEntry]``, the GraphQL type ``UaListEntryEdge``.
    """

    edges: Sequence[Edge[NodeT]] = strawberry.field(description="The items of this page.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page is in the list.")
    _count: strawberry.Private[int | Callable[[], Awaitable[int]]]

    @strawberry.field(description="Number of items matching, over all pages.")
    async def total_count(self) -> int:
        count = self._count
        return count if isinstance(count, int) else int(await count())

    @strawberry.field(description="The items of this page (shortcut for `edges { node }`).")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @classmethod
    def edge_type(cls) -> Any:
        """The class of this connection's edges (its own edge type, or ``Edge``)."""
        definition = get_object_definition(cls, strict=True)
        edges = next(f for f in definition.fields if f.python_name == "edges")
        item = getattr(edges.type, "of_type", None)
        return item if isinstance(item, type) else Edge

    @classmethod
    def from_page(cls, page: Page, make_node: Callable[[Any], Any], **more: Any) -> Self:
        """The connection of ``page``: an edge of each row's ``make_node(row)`` with its
        cursor (a row it makes ``None`` of, one the caller may not see, is left out),
        ``pageInfo`` of the edges shown and ``totalCount`` counted when asked for;
        ``more`` sets the fields a subclass adds."""
        edge = cls.edge_type()
        edges = []
        for row, cursor in zip(page.rows, page.cursors, strict=True):
            node = make_node(row)
            if node is not None:
                edges.append(edge(cursor=cursor, node=node))
        shown = [e.cursor for e in edges]
        return cls(edges=edges, page_info=page.page_info(
            shown if len(shown) != len(page.rows) else None), _count=page.total_count, **more)


@strawberry.type(name="IPObjectConnection", description="A page of IP objects.")
class IPObjectConnection(Connection[IPObject]):
    pass
