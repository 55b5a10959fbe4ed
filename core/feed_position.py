"""The latest committed change-feed position, known cheaply in every process.

Commits made through this process's sessions report their position at once
(``ON_COMMIT``); commits of other replicas are picked up by :meth:`refresh`,
which a server runs every ``IPREG_FEED_POLL_INTERVAL`` seconds. Answers cached
by position are therefore exact for this process's own writes and at most one
poll interval behind other replicas' writes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from ipreg.core.model.events import FeedHead


class FeedPosition:
    def __init__(self) -> None:
        self.value = 0
        self.known = False

    def note(self, position: int) -> None:
        if position > self.value:
            self.value = position

    async def refresh(self, engine: AsyncEngine) -> int:
        async with engine.connect() as conn:
            head = (await conn.execute(select(FeedHead.position).where(FeedHead.id == 1))
                    ).scalar_one_or_none()
        self.note(int(head or 0))
        self.known = True
        return self.value
