"""Read access for resolvers and DataLoaders: one connection per request, used in turn.

DataLoaders of one request dispatch their batches concurrently; a connection
runs one statement at a time, so statements take turns on a lock. Resolvers
never query directly: they go through :mod:`ipreg.schema.loaders`.

The request's database work ends before its connection goes back to the pool,
whatever execution does (issue 12 §1). graphql-core cancels the sibling
resolvers of a field error that nulls their parent and returns at once, while
aiodataloader's batches (detached with ``ensure_future``) may still be queued or
running. So:

* every statement runs in a task of its own, shielded from the cancellation of
  whoever awaits it: a statement is never interrupted half-way (on PostgreSQL an
  interrupted statement leaves the connection unusable or idle in transaction);
* :meth:`Reader.close` marks the reader closed first — a statement that has not
  started by then is refused with :class:`ReaderClosed` and never opens a
  connection — then waits for the statements already started, and only then
  returns the connection to the pool (rolling back its read transaction);
* closing is itself shielded, so a request cancelled while closing (a client
  that hung up) still returns its connection.

The task per statement is the price of the first point, measured with
bench/graphql/cost.py (uncached ``node`` read, 4 statements, SQLite, in-process
CPU per request): 2,558-2,636 µs awaiting statements directly, 2,652-2,756 µs
with the task, i.e. about 25 µs a statement (4 %). A cached read starts no task.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


class ReaderClosed(RuntimeError):
    """A statement asked of a request's reader after the request ended."""

    def __init__(self) -> None:
        super().__init__("the request has ended: its reader is closed")


def _retrieve(task: asyncio.Task[Any]) -> None:
    # A statement whose awaiter was cancelled may still fail (ReaderClosed, a
    # database error); its outcome is nobody's business any more, so retrieve it
    # here rather than have asyncio log "exception was never retrieved".
    if not task.cancelled():
        task.exception()


class Reader:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._conn: AsyncConnection | None = None
        self._lock = asyncio.Lock()
        self._closed = False
        self._closing: asyncio.Future[None] | None = None
        self._running: set[asyncio.Task[Sequence[Row[Any]]]] = set()
        #: Statements run (the constant-query-count tests read this).
        self.statements = 0

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def in_flight(self) -> int:
        """Statements started and not yet finished (0 once :meth:`close` returned)."""
        return len(self._running)

    async def rows(self, stmt: Executable,
                   params: Mapping[str, Any] | None = None) -> Sequence[Row[Any]]:
        if self._closed:
            raise ReaderClosed()
        task = asyncio.ensure_future(self._execute(stmt, params))
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        task.add_done_callback(_retrieve)
        return await asyncio.shield(task)

    async def _execute(self, stmt: Executable,
                       params: Mapping[str, Any] | None) -> Sequence[Row[Any]]:
        async with self._lock:
            if self._closed:
                raise ReaderClosed()
            if self._conn is None:
                self._conn = await self.engine.connect()
            self.statements += 1
            result = await self._conn.execute(stmt, params)
            return result.fetchall()

    async def scalar(self, stmt: Executable, params: Mapping[str, Any] | None = None) -> Any:
        rows = await self.rows(stmt, params)
        return rows[0][0] if rows else None

    async def close(self) -> None:
        """Refuse new statements, wait for the started ones, release the connection.

        Idempotent; safe to call while statements are queued or running.
        """
        self._closed = True
        if self._closing is None:
            if not self._running and self._conn is None:
                # Nothing started, nothing held (a request answered from the response
                # cache, or one that never read): no task to start. Measured with
                # bench/graphql/cost.py, the task cost a cached node read 58 → 82 µs.
                return
            self._closing = asyncio.ensure_future(self._close())
        closing = self._closing
        # As SQLAlchemy's own context managers do: a cancellation received
        # meanwhile is re-raised once the connection is back in the pool, so
        # the caller never returns (and the pool is never disposed) before it.
        cancelled: asyncio.CancelledError | None = None
        while not closing.done():
            try:
                await asyncio.shield(closing)
            except asyncio.CancelledError as error:
                if closing.done():
                    raise
                cancelled = error
        if cancelled is not None:
            raise cancelled
        closing.result()

    async def _close(self) -> None:
        while self._running:
            await asyncio.gather(*self._running, return_exceptions=True)
        async with self._lock:
            conn, self._conn = self._conn, None
            if conn is not None:
                await conn.close()
