"""Delivering the change feed to the plugins' subscribers (``ipreg_register_event_subscribers``).

Each subscriber has a cursor (a ``feed_cursor`` row named after it). A round
reads the events after the cursor, hands them to the subscriber in commit order
and moves the cursor in the same transaction, so a subscriber that fails gets
the same events again next round (at least once; subscribers are idempotent).
On PostgreSQL the cursor row is locked with ``SKIP LOCKED`` while its batch is
handled, so two replicas never hand one batch to a subscriber at the same time.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import select

from ipreg.core import feed
from ipreg.core.db.base import utcnow
from ipreg.core.model import SubscriberCursor

if TYPE_CHECKING:
    from ipreg.core.extension import EventSubscriber
    from ipreg.core.runtime import Runtime

log = logging.getLogger("ipreg.subscribers")


class SubscriberRunner:
    def __init__(self, runtime: Runtime, batch: int = 500) -> None:
        self.runtime = runtime
        self.batch = batch

    async def run_once(self) -> dict[str, int]:
        """One round for every subscriber; how many events each was handed."""
        handed: dict[str, int] = {}
        for name, subscriber in self.runtime.registry.subscribers.items():
            try:
                handed[name] = await self._one(name, subscriber)
            except Exception:  # one failing subscriber must not starve the others
                log.exception("change-feed subscriber %s failed; it gets the batch again", name)
                handed[name] = 0
        return handed

    async def _one(self, name: str, subscriber: EventSubscriber) -> int:
        async with self.runtime.sessionmaker() as session:
            stmt = select(SubscriberCursor).where(SubscriberCursor.name == name)
            if session.bind.dialect.name == "postgresql":
                stmt = stmt.with_for_update(skip_locked=True)
            cursor = (await session.execute(stmt)).scalar_one_or_none()
            if cursor is None:
                exists = await session.scalar(
                    select(SubscriberCursor.name).where(SubscriberCursor.name == name))
                if exists is not None:  # another replica holds it right now
                    return 0
                cursor = SubscriberCursor(name=name, position=0, updated_at=utcnow())
                session.add(cursor)
                await session.flush()
            events = await feed.read_after(session, cursor.position, limit=self.batch)
            if not events:
                await session.rollback()
                return 0
            await subscriber.handle(events)
            cursor.position = events[-1].position
            cursor.updated_at = utcnow()
            await session.commit()
            return len(events)
