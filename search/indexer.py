"""The search indexer: follows the change feed and keeps the index in step.

One round (:meth:`Indexer.run_once`):

1. read the cursor (a ``feed_cursor`` row: the last feed position whose
   changes the index holds; ``search-indexer`` for a shared index such as
   OpenSearch, ``search-indexer:<hash of host and file>`` for an embedded index
   file) and up to ``limit`` committed
   ``ip_object`` events after it, in commit order;
2. rebuild each changed object's document from the database **at its current
   version** (:func:`ipreg.search.documents.load_documents`: a handful of
   statements per batch), and write the batch to the backend, which keeps a
   stored version newer than the one written; objects no longer in the
   database are deleted at the newest version their events name;
3. only then advance the cursor (never backwards: ``max``).

An index starts empty when this database has no cursor row for it yet
(:meth:`Indexer.adopt`): whatever it holds came from another database (a demo
database replaced, a database dropped and migrated anew) and its versions would
refuse this database's objects of the same ids. The indexer that inserts the
row empties the index before it commits the row, so every other indexer waits
for it (its own insert of the row, in :meth:`Indexer.adopt` or
:meth:`Indexer.advance`, waits on the uncommitted one) and starts from position
0 of an empty index: none can index events and move the cursor past them only
to have the emptying remove their documents.

So every committed change reaches the index at least once; a crash between 2
and 3 replays the batch, harmlessly. Two indexers (two replicas, or a replica
and ``ipreg search reindex``) may run at once: each write is version-checked in
the backend and the cursor only moves forward, so the worst case is duplicate
work, never an older version over a newer one.

:meth:`Indexer.run_forever` loops until a stop event, sleeping ``interval``
seconds when there is nothing to do, or less: :meth:`Indexer.wake` (installed
as the change feed's ``ON_COMMIT`` callback by
:meth:`ipreg.search.service.SearchService.start`) ends the sleep as soon as a
session of this process commits.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from ipreg.core.db.base import utcnow
from ipreg.core.extension import SearchField
from ipreg.core.model import ChangeEvent, SubscriberCursor
from ipreg.core.model.events import FeedHead
from ipreg.core.services.objects import ENTITY
from ipreg.search.backend import IndexDocument, SearchBackend
from ipreg.search.documents import load_documents

log = logging.getLogger("ipreg.search.indexer")

CURSOR_NAME = "search-indexer"


@dataclass
class RoundResult:
    """What one round did."""

    events: int = 0
    upserted: int = 0
    deleted: int = 0
    position: int = 0


class Indexer:
    """Applies ``ip_object`` change events to a search backend (see the module docstring)."""

    def __init__(
        self,
        engine: AsyncEngine,
        backend: SearchBackend,
        search_fields: Mapping[str, SearchField] | None = None,
        *,
        name: str | None = None,
        batch_size: int = 500,
    ) -> None:
        self.engine = engine
        self.backend = backend
        self.search_fields = dict(search_fields or {})
        #: The ``feed_cursor`` row: the backend's ``cursor_name`` if it has one (an
        #: embedded index file: one per file and host), else ``search-indexer``
        #: (one shared index, OpenSearch).
        self.name = name or getattr(backend, "cursor_name", None) or CURSOR_NAME
        self.batch_size = batch_size
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        #: When the last round finished, and how far behind the feed head it was.
        self.last_round_at: float | None = None
        self.lag: int | None = None
        self._adopted = False

    # ------------------------------------------------------------ the cursor

    async def cursor(self) -> int:
        """The stored position (0 before the first round)."""
        async with self.engine.connect() as conn:
            position = (
                await conn.execute(
                    select(SubscriberCursor.position).where(SubscriberCursor.name == self.name)
                )
            ).scalar_one_or_none()
        return int(position or 0)

    async def head(self) -> int:
        async with self.engine.connect() as conn:
            value = (
                await conn.execute(select(FeedHead.position).where(FeedHead.id == 1))
            ).scalar_one_or_none()
        return int(value or 0)

    async def advance(self, position: int) -> None:
        """Move the cursor to ``position`` unless it is there or further already.

        The row is created first if missing (``ON CONFLICT DO NOTHING``: two
        indexers starting at once must not collide), then moved forward only.
        """
        async with self.engine.begin() as conn:
            table = SubscriberCursor.__table__
            values = {"name": self.name, "position": 0, "updated_at": utcnow()}
            if conn.dialect.name == "postgresql":
                await conn.execute(
                    postgresql.insert(table).values(values).on_conflict_do_nothing()
                )
            else:
                await conn.execute(sqlite.insert(table).values(values).on_conflict_do_nothing())
            await conn.execute(
                update(SubscriberCursor)
                .where(SubscriberCursor.name == self.name, SubscriberCursor.position < position)
                .values(position=position)
            )

    async def adopt(self) -> bool:
        """Make the index this database's: if the database has no cursor row for it,
        claim the row (one indexer wins, however many start at once) and empty the
        index (a rebuild from nothing). Returns whether it emptied the index.
        Once per indexer; later rounds skip it.

        The claim is committed only once the index is empty: until then the row
        is an uncommitted insert, and every other indexer's insert of it (its
        own :meth:`adopt`, or :meth:`advance`) waits for this transaction
        (PostgreSQL: a conflicting uncommitted key; SQLite: the write lock).
        Committed first, another indexer could index events meanwhile and move
        the cursor past them, and the emptying would then remove their documents
        for good. If the emptying fails the claim rolls back with it, so the
        next round tries again. On SQLite the register's writes wait meanwhile
        too (once per index: milliseconds for an embedded index, a few seconds
        for OpenSearch, whose rebuild waits ``2 * BUILDING_TTL``).
        """
        if self._adopted:
            return False

        async def nothing() -> AsyncIterator[Sequence[IndexDocument]]:
            return
            yield

        async with self.engine.begin() as conn:
            table = SubscriberCursor.__table__
            values = {"name": self.name, "position": 0, "updated_at": utcnow()}
            insert = (postgresql.insert(table) if conn.dialect.name == "postgresql"
                      else sqlite.insert(table))
            claimed = (await conn.execute(insert.values(values).on_conflict_do_nothing())
                       ).rowcount == 1
            if claimed:
                await self.backend.rebuild(nothing())
        self._adopted = True
        return claimed

    async def rewind(self, position: int) -> None:
        """Move the cursor back to ``position`` if it is further (after a rebuild:
        replays what the old index got while the new one was built)."""
        async with self.engine.begin() as conn:
            await conn.execute(
                update(SubscriberCursor)
                .where(SubscriberCursor.name == self.name, SubscriberCursor.position > position)
                .values(position=position)
            )

    # ------------------------------------------------------------ rounds

    async def run_once(self, limit: int | None = None) -> RoundResult:
        """Apply up to ``limit`` events after the cursor; ``events == 0``: caught up."""
        limit = limit or self.batch_size
        await self.adopt()
        after = await self.cursor()
        async with self.engine.connect() as conn:
            events = (
                await conn.execute(
                    select(ChangeEvent.position, ChangeEvent.entity_id, ChangeEvent.version)
                    .where(ChangeEvent.position > after, ChangeEvent.entity == ENTITY)
                    .order_by(ChangeEvent.position)
                    .limit(limit)
                )
            ).all()
            if not events:
                self.last_round_at = time.monotonic()
                self.lag = 0
                return RoundResult(position=after)
            newest: dict[int, int] = {}
            for event in events:
                newest[event.entity_id] = max(newest.get(event.entity_id, 0), event.version)
            documents = await load_documents(conn, list(newest), self.search_fields)
        gone = {i: v for i, v in newest.items() if i not in documents}
        if documents:
            await self.backend.upsert(list(documents.values()))
        if gone:
            await self.backend.delete(gone)
        position = events[-1].position
        await self.advance(position)
        self.last_round_at = time.monotonic()
        return RoundResult(len(events), len(documents), len(gone), position)

    async def catch_up(self, limit: int | None = None) -> int:
        """Run rounds until no event is left; returns how many events were applied."""
        total = 0
        while True:
            done = await self.run_once(limit)
            if not done.events:
                return total
            total += done.events

    def wake(self, position: int | None = None) -> None:
        """End the current sleep of :meth:`run_forever` (safe from any thread)."""
        loop, event = self._loop, self._wake
        if loop is None or event is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            event.set()
        else:
            loop.call_soon_threadsafe(event.set)

    async def run_forever(
        self, interval: float = 1.0, stop_event: asyncio.Event | None = None
    ) -> None:
        """Rounds until ``stop_event`` is set; errors are logged and retried with back-off."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        stop = stop_event or asyncio.Event()
        failures = 0
        while not stop.is_set():
            # Cleared before the round, not after it: a commit whose wake-up comes while
            # the round runs (after it read the feed) must end the next sleep at once,
            # or its change waits a whole interval (seen as a flaky test under load).
            self._wake.clear()
            try:
                done = await self.run_once()
                failures = 0
                if done.events:
                    continue
                delay = interval
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                delay = min(interval * 2**failures, 60.0)
                log.exception("search indexer round failed; retrying in %.1f s", delay)
            waiters = {asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())}
            try:
                await asyncio.wait(waiters, timeout=delay, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()
