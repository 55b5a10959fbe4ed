"""The server's background workers run the dispatcher (``runtime.extras["periodic_jobs"]``)."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select

from ipreg.core.model import Notification
from ipreg.core.notify import Dispatcher, DispatchSettings, InboxChannel, enqueue
from ipreg.core.runtime import Runtime
from ipreg.core.workers import PeriodicJob


async def test_a_serving_app_delivers_notifications_in_the_background(
    runtime: Runtime, make_party: Any
) -> None:
    from ipreg.schema.app import create_app

    party = await make_party()
    async with runtime.sessionmaker() as session:
        for i in range(5):
            enqueue(session, kind="message", subject=f"Повідомлення {i}", body="",
                    addressee_id=party, addressee_role="applicant")
        await session.commit()
    dispatcher = Dispatcher(runtime, [InboxChannel()],
                            settings=DispatchSettings(batch_size=2, interval=0.05))
    runtime.extras["periodic_jobs"] = [PeriodicJob("notifications", 0.05, dispatcher.drain)]
    app = create_app(runtime)
    statuses: set[str] = set()
    async with app.router.lifespan_context(app):
        for _ in range(300):
            async with runtime.sessionmaker() as session:
                statuses = set((await session.execute(select(Notification.status))).scalars())
            if statuses == {"sent"}:
                break
            await asyncio.sleep(0.02)
    assert statuses == {"sent"}
