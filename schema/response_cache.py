"""Whole answers to anonymous reads, kept until the change feed moves on.

The registers are read-mostly and the change feed says exactly when an answer
goes stale: an answer is stored under the feed position it was computed at, so
any committed change makes every older answer unreachable. Only answers to
anonymous callers (one visibility: what the law publishes) are kept, only for
queries whose root fields are all in :data:`CACHEABLE_ROOT_FIELDS` (data that
depends on nothing but the database and the language), and only when they have
no error. The day (UTC) is part of the key, so nothing outlives a date change.

Measured with bench/graphql on this 2-core machine: a warm ``node(id:)`` is
served at 0.96x the requests per second of a bare Starlette endpoint returning a
fixed JSON; uncached it was 0.02-0.10x.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from typing import Any

import orjson
from graphql import FieldNode, OperationDefinitionNode, OperationType

#: Root fields whose answers depend only on the database, the language and the
#: arguments. Search is not here: its index follows the feed with a delay.
CACHEABLE_ROOT_FIELDS = frozenset({
    "__typename", "node", "nodes", "ipObjects", "jurisdictions", "codeLists", "codeList",
    "procedures",
})


def cacheable(operation: OperationDefinitionNode, extra: frozenset[str] = frozenset()) -> bool:
    if operation.operation != OperationType.QUERY:
        return False
    allowed = CACHEABLE_ROOT_FIELDS | extra
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode) or selection.name.value not in allowed:
            return False
    return True


class ResponseCache:
    """An LRU of encoded answers, bounded by their bytes and their keys' (query text,
    encoded variables)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[Hashable, tuple[int, bytes]] = OrderedDict()
        self.hits = 0
        self.misses = 0
        self.position = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    @staticmethod
    def key(position: int, media: str, lang: str | None, query: str,
            operation_name: str | None, variables: Mapping[str, Any] | None) -> Hashable | None:
        """The key of an answer, or None (not cached) for variables orjson cannot encode.

        The HTTP layer refuses variables nested deeper than ``IPREG_MAX_VARIABLE_DEPTH``
        (orjson stops at 255 levels); whatever else orjson refuses (an integer over 64
        bits from another caller of this class) makes the answer uncacheable, not a 500.
        """
        try:
            encoded_vars = (orjson.dumps(variables, option=orjson.OPT_SORT_KEYS)
                            if variables else b"")
        except orjson.JSONEncodeError:
            return None
        return (position, dt.datetime.now(dt.UTC).date(), media, lang, query, operation_name,
                encoded_vars)

    def advance(self, position: int) -> None:
        """Forget every answer of an older position: none can be asked for again."""
        if position > self.position:
            self.position = position
            self.entries.clear()
            self.size = 0

    def get(self, key: Hashable | None) -> bytes | None:
        found = self.entries.get(key) if key is not None else None
        if found is None:
            self.misses += 1
            return None
        self.entries.move_to_end(key)
        self.hits += 1
        return found[1]

    def put(self, key: Hashable, body: bytes) -> None:
        # The key counts too: it holds the query text and the encoded variables,
        # which may be far larger than the answer (unused variables are allowed).
        weight = len(body) + _key_bytes(key)
        if weight > self.max_bytes // 8:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= old[0]
        self.entries[key] = (weight, body)
        self.size += weight
        while self.size > self.max_bytes and self.entries:
            _, (size, _) = self.entries.popitem(last=False)
            self.size -= size


def _key_bytes(key: Hashable) -> int:
    parts = key if isinstance(key, tuple) else (key,)
    return sum(len(part) for part in parts if isinstance(part, str | bytes))
