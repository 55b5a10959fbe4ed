"""Read access for resolvers and DataLoaders: one connection per request, used in turn.

DataLoaders of one request dispatch their batches concurrently; a connection
runs one statement at a time, so statements take turns on a lock. Resolvers
never query directly: they go through :mod:`ipreg.schema.loaders`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


class Reader:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._conn: AsyncConnection | None = None
        self._lock = asyncio.Lock()
        #: Statements run (the constant-query-count tests read this).
        self.statements = 0

    async def rows(self, stmt: Executable,
                   params: Mapping[str, Any] | None = None) -> Sequence[Row[Any]]:
        async with self._lock:
            if self._conn is None:
                self._conn = await self.engine.connect()
            self.statements += 1
            result = await self._conn.execute(stmt, params)
            return result.fetchall()

    async def scalar(self, stmt: Executable, params: Mapping[str, Any] | None = None) -> Any:
        rows = await self.rows(stmt, params)
        return rows[0][0] if rows else None

    async def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()
