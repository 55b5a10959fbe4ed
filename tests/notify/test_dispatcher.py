"""The dispatcher: retries with back-off, gives up, takes back stale claims, claims once."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from collections import Counter
from typing import Any, cast

import pytest
from sqlalchemy import select, update

from ipreg.core import feed
from ipreg.core.model import ChangeEvent, Notification
from ipreg.core.notify import (
    Dispatcher,
    DispatchSettings,
    InboxChannel,
    WebhookChannel,
    WebhookEndpoint,
    enqueue,
)
from ipreg.core.runtime import Runtime

SECRET = "test-webhook-secret"
SETTINGS = DispatchSettings(
    max_attempts=4, backoff_base=10.0, backoff_max=25.0, jitter=0.5,
    delivery_timeout=5.0, claim_timeout=60.0,
)


async def _add(runtime: Runtime, addressee: int | None, channel: str = "webhook",
               count: int = 1, **payload: Any) -> list[int]:
    async with runtime.sessionmaker() as session:
        rows = [
            enqueue(session, kind="message", subject=f"Повідомлення {i}", body="Текст",
                    addressee_id=addressee, addressee_role="authorized_body",
                    channel=channel, payload=payload)
            for i in range(count)
        ]
        await session.commit()
        return [r.id for r in rows]


async def _row(runtime: Runtime, nid: int) -> Notification:
    async with runtime.sessionmaker() as session:
        row = await session.get(Notification, nid)
        assert row is not None
        return row


async def _statuses(runtime: Runtime, nid: int) -> list[str]:
    async with runtime.sessionmaker() as session:
        events = await feed.read_after(session, 0, 100_000, entities=["notification"])
    return [e.payload["status"] for e in events if e.entity_id == nid]


def _webhook(server: Any, party: int, path: str) -> WebhookChannel:
    return WebhookChannel({party: WebhookEndpoint(server.url(path), SECRET)})


async def test_inbox_delivery_stamps_sent_at_and_reaches_the_feed(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party, channel="inbox")
    report = await Dispatcher(runtime, [InboxChannel()], clock=clock, settings=SETTINGS).run_once()
    assert (report.claimed, report.sent, report.retried, report.failed) == (1, 1, 0, 0)
    row = await _row(runtime, nid)
    assert (row.status, row.sent_at, row.attempts, row.version) == ("sent", clock.now, 1, 3)
    assert await _statuses(runtime, nid) == ["pending", "sending", "sent"]


async def test_a_failing_endpoint_is_retried_with_growing_back_off_until_it_answers(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party)
    dispatcher = Dispatcher(runtime, [_webhook(webhook_server, party, "/fail/2")], clock=clock,
                            settings=SETTINGS, rng=random.Random(7))

    waits = []
    for attempt in (1, 2):
        report = await dispatcher.run_once()
        assert (report.claimed, report.retried) == (1, 1)
        row = await _row(runtime, nid)
        assert (row.status, row.attempts) == ("pending", attempt)
        assert row.last_error == "webhook answered HTTP 503"
        assert row.next_attempt_at is not None
        wait = (row.next_attempt_at - clock.now).total_seconds()
        # Exponential (10 s, then 20 s) with up to half of it random, bounded by 25 s.
        full = min(25.0, 10.0 * 2 ** (attempt - 1))
        assert full / 2 <= wait <= full
        waits.append(wait)
        # Not due before its time.
        clock.advance(wait - 1)
        assert (await dispatcher.run_once()).claimed == 0
        clock.advance(1)
    assert waits[1] > waits[0] / 2

    report = await dispatcher.run_once()
    assert (report.claimed, report.sent) == (1, 1)
    row = await _row(runtime, nid)
    assert (row.status, row.attempts, row.sent_at) == ("sent", 3, clock.now)
    assert webhook_server.per_notification[str(nid)] == 3
    assert webhook_server.delivered[str(nid)] == 1
    assert await _statuses(runtime, nid) == [
        "pending", "sending", "pending", "sending", "pending", "sending", "sent"]


async def test_the_last_attempt_fails_for_good(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party)
    dispatcher = Dispatcher(runtime, [_webhook(webhook_server, party, "/status/503")],
                            clock=clock, settings=SETTINGS)
    outcomes = Counter[str]()
    for _ in range(10):
        report = await dispatcher.run_once()
        outcomes.update(retried=report.retried, failed=report.failed)
        clock.advance(SETTINGS.backoff_max)
    assert outcomes == {"retried": 3, "failed": 1}
    row = await _row(runtime, nid)
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 4, None)
    assert row.last_error == "webhook answered HTTP 503; gave up after 4 attempts"
    assert webhook_server.per_notification[str(nid)] == 4


@pytest.mark.parametrize("status", [400, 404, 410])
async def test_a_permanent_error_is_not_retried(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any, status: int
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party)
    dispatcher = Dispatcher(runtime, [_webhook(webhook_server, party, f"/status/{status}")],
                            clock=clock, settings=SETTINGS)
    report = await dispatcher.run_once()
    assert (report.failed, report.retried) == (1, 0)
    clock.advance(3600)
    assert (await dispatcher.run_once()).claimed == 0
    row = await _row(runtime, nid)
    assert (row.status, row.attempts, row.last_error) == (
        "failed", 1, f"webhook answered HTTP {status}")


async def test_retry_after_lengthens_the_wait_within_the_bound(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any
) -> None:
    party = await make_party()
    [a, b] = await _add(runtime, party, count=2)
    for nid, retry_after, expected in ((a, 20, 20.0), (b, 9999, 25.0)):
        channel = _webhook(webhook_server, party, f"/status/429?retry_after={retry_after}")
        dispatcher = Dispatcher(runtime, [channel], clock=clock, settings=SETTINGS)
        assert (await dispatcher.claim(1))[0].notification.id == nid
        async with runtime.sessionmaker() as session:  # give it back, then deliver it
            await session.execute(update(Notification).where(Notification.id == nid).values(
                status="pending", attempts=0))
            await session.commit()
        await dispatcher.run_once(limit=1)
        row = await _row(runtime, nid)
        assert row.next_attempt_at is not None
        assert (row.next_attempt_at - clock.now).total_seconds() == expected


async def test_a_delivery_that_takes_too_long_is_retried(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party)
    settings = DispatchSettings(delivery_timeout=0.2, claim_timeout=60.0)
    dispatcher = Dispatcher(runtime, [_webhook(webhook_server, party, "/slow/700")],
                            clock=clock, settings=settings)
    report = await dispatcher.run_once()
    assert report.retried == 1
    row = await _row(runtime, nid)
    assert (row.status, row.last_error) == ("pending", "delivery took longer than 0.2s")


async def test_a_crashed_dispatchers_claim_is_taken_back_and_delivered(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party)
    channels = [_webhook(webhook_server, party, "/ok")]
    crashed = Dispatcher(runtime, channels, clock=clock, settings=SETTINGS, worker_id="crashed")
    assert [c.notification.id for c in await crashed.claim(10)] == [nid]
    # ... and the process dies here, before delivering.

    survivor = Dispatcher(runtime, channels, clock=clock, settings=SETTINGS, worker_id="survivor")
    clock.advance(SETTINGS.claim_timeout - 1)
    report = await survivor.run_once()
    assert (report.released, report.claimed) == (0, 0)
    clock.advance(2)
    report = await survivor.run_once()
    assert (report.released, report.claimed, report.sent) == (1, 1, 1)
    row = await _row(runtime, nid)
    assert (row.status, row.attempts, row.claimed_by) == ("sent", 2, "survivor")
    assert row.last_error is not None and "claimed by crashed" in row.last_error
    assert webhook_server.delivered[str(nid)] == 1
    assert await _statuses(runtime, nid) == ["pending", "sending", "pending", "sending", "sent"]


async def test_a_stale_claim_on_the_last_attempt_fails(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party, channel="inbox")
    settings = DispatchSettings(max_attempts=1, delivery_timeout=5, claim_timeout=60)
    crashed = Dispatcher(runtime, [InboxChannel()], clock=clock, settings=settings)
    await crashed.claim(10)
    clock.advance(61)
    report = await Dispatcher(runtime, [InboxChannel()], clock=clock, settings=settings).run_once()
    assert (report.expired, report.claimed) == (1, 0)
    row = await _row(runtime, nid)
    assert row.status == "failed" and row.last_error is not None
    assert "gave up after 1 attempts" in row.last_error


async def test_a_late_outcome_after_the_claim_was_taken_back_is_dropped(
    runtime: Runtime, make_party: Any, clock: Any, webhook_server: Any
) -> None:
    """A dispatcher that was only slow must not overwrite the newer claim's outcome."""
    party = await make_party()
    [nid] = await _add(runtime, party)
    gate, started = asyncio.Event(), asyncio.Event()

    class Stuck:
        name = "webhook"

        async def deliver(self, notification: Notification, runtime: Runtime) -> None:
            started.set()
            await gate.wait()
            raise RuntimeError("connection reset")

    settings = DispatchSettings(delivery_timeout=30, claim_timeout=60)
    slow = Dispatcher(runtime, [Stuck()], clock=clock, settings=settings, worker_id="slow")
    slow_round = asyncio.create_task(slow.run_once())
    await asyncio.wait_for(started.wait(), 30)
    assert (await _row(runtime, nid)).status == "sending"
    clock.advance(61)
    fast = Dispatcher(runtime, [_webhook(webhook_server, party, "/ok")], clock=clock,
                      settings=settings, worker_id="fast")
    assert (await fast.run_once()).sent == 1
    gate.set()
    report = await slow_round
    assert (report.lost, report.retried, report.failed) == (1, 0, 0)
    row = await _row(runtime, nid)
    assert (row.status, row.claimed_by) == ("sent", "fast")


async def test_a_notification_on_a_channel_the_dispatcher_lacks_waits(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party, channel="carrier_pigeon")
    report = await Dispatcher(runtime, [InboxChannel()], clock=clock).run_once()
    assert report.claimed == 0
    assert (await _row(runtime, nid)).status == "pending"


async def test_concurrent_dispatchers_deliver_each_notification_once(
    runtime: Runtime, make_party: Any, webhook_server: Any
) -> None:
    party = await make_party()
    ids = await _add(runtime, party, count=60)
    channel = _webhook(webhook_server, party, "/slow/5")
    settings = DispatchSettings(batch_size=5, concurrency=3)
    dispatchers = [Dispatcher(runtime, [channel], settings=settings, worker_id=f"w{i}")
                   for i in range(3)]

    async def drain(d: Dispatcher) -> int:
        sent = 0
        for _ in range(200):
            report = await d.run_once()
            sent += report.sent
            if report.claimed == 0:
                return sent
        raise AssertionError("did not drain")

    sent = await asyncio.gather(*(drain(d) for d in dispatchers))
    assert sum(sent) == 60
    assert webhook_server.delivered == {str(i): 1 for i in ids}
    async with runtime.sessionmaker() as session:
        rows = (await session.execute(select(Notification.status, Notification.version))).all()
        assert set(rows) == {("sent", 3)}
        events = await feed.read_after(session, 0, 10_000)
    assert [e.position for e in events] == list(range(1, len(events) + 1))
    assert Counter(e.entity_id for e in events if e.entity == "notification") == {
        i: 3 for i in ids}


async def test_run_forever_stops_when_told(
    runtime: Runtime, make_party: Any
) -> None:
    party = await make_party()
    ids = await _add(runtime, party, channel="inbox", count=3)
    stop = asyncio.Event()
    dispatcher = Dispatcher(runtime, [InboxChannel()], settings=DispatchSettings(batch_size=2))
    task = asyncio.create_task(dispatcher.run_forever(0.05, stop))
    for _ in range(200):
        async with runtime.sessionmaker() as session:
            pending = (await session.execute(
                select(Notification.id).where(Notification.status != "sent"))).all()
        if not pending:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(task, 5)
    for nid in ids:
        assert (await _row(runtime, nid)).status == "sent"


def test_back_off_is_exponential_jittered_and_bounded() -> None:
    settings = DispatchSettings(backoff_base=30, backoff_max=3600, jitter=0.5)

    # Channels given: the dispatcher does not touch the runtime until a round runs.
    dispatcher = Dispatcher(cast(Runtime, None), [InboxChannel()], settings=settings,
                            rng=random.Random(1))
    for attempt in range(1, 12):
        full = min(3600, 30 * 2 ** (attempt - 1))
        samples = [dispatcher.backoff(attempt) for _ in range(200)]
        assert all(full / 2 <= s <= full for s in samples)
        assert len(set(samples)) > 100  # jittered
    assert dispatcher.backoff(100) <= 3600
    assert dispatcher.backoff(1, retry_after=120) == 120
    with pytest.raises(ValueError):
        DispatchSettings(delivery_timeout=60, claim_timeout=30)


async def test_feed_events_of_notifications_carry_the_case_jurisdiction(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    from ipreg.core.model import Case

    party = await make_party()
    async with runtime.sessionmaker() as session:
        case = Case(jurisdiction="eaeu", procedure="P.SP.01.PRC.001", state="filed",
                    applicant_id=party)
        session.add(case)
        await session.flush()
        n = enqueue(session, kind="receipt", subject="Заяву отримано", body="",
                    addressee_id=party, addressee_role="applicant", case_id=case.id,
                    jurisdiction=case.jurisdiction)
        await session.commit()
    await Dispatcher(runtime, [InboxChannel()], clock=clock).run_once()
    async with runtime.sessionmaker() as session:
        events = (await session.execute(
            select(ChangeEvent).where(ChangeEvent.entity == "notification",
                                      ChangeEvent.entity_id == n.id))).scalars().all()
    assert [(e.jurisdiction, e.payload["caseId"]) for e in events] == [("eaeu", case.id)] * 3


async def test_timestamps_are_utc(runtime: Runtime, make_party: Any, clock: Any) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party, channel="inbox")
    await Dispatcher(runtime, [InboxChannel()], clock=clock).run_once()
    row = await _row(runtime, nid)
    assert row.sent_at is not None and row.sent_at.utcoffset() == dt.timedelta(0)


async def test_a_stopped_round_hands_its_claims_back_at_once(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    party = await make_party()
    [nid] = await _add(runtime, party)

    started = asyncio.Event()

    class Hanging:
        name = "webhook"

        async def deliver(self, notification: Notification, runtime: Runtime) -> None:
            started.set()
            await asyncio.Event().wait()

    dispatcher = Dispatcher(runtime, [Hanging()], clock=clock, settings=SETTINGS)
    task = asyncio.create_task(dispatcher.run_once())
    await asyncio.wait_for(started.wait(), 30)
    assert (await _row(runtime, nid)).status == "sending"
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    row = await _row(runtime, nid)
    assert (row.status, row.next_attempt_at, row.claimed_by) == ("pending", clock.now, None)
    assert row.last_error == "the dispatcher stopped before the delivery finished"
    assert await _statuses(runtime, nid) == ["pending", "sending", "pending"]


async def test_drain_runs_rounds_until_the_backlog_is_gone(
    runtime: Runtime, make_party: Any, clock: Any
) -> None:
    party = await make_party()
    await _add(runtime, party, channel="inbox", count=12)
    dispatcher = Dispatcher(runtime, [InboxChannel()], clock=clock,
                            settings=DispatchSettings(batch_size=5))
    report = await dispatcher.drain()
    assert (report.claimed, report.sent) == (12, 12)


@pytest.mark.hook("ipreg_register_notification_channels")
async def test_a_dispatcher_delivers_through_the_channels_plugins_register(
    database_url: str, clock: Any
) -> None:
    from ipreg import hookimpl
    from ipreg.core.config import Settings

    class Fax:
        name = "fax"

        def __init__(self) -> None:
            self.sent: list[int] = []

        async def deliver(self, notification: Notification, runtime: Runtime) -> None:
            self.sent.append(notification.id)

    fax = Fax()

    class FaxPlugin:
        @hookimpl
        def ipreg_register_notification_channels(self) -> list[Any]:
            return [fax]

    runtime = Runtime.create(Settings.from_env(database_url=database_url, plugins=None),
                             extra_plugins=[("fax", FaxPlugin())])
    try:
        assert {"inbox", "webhook", "fax"} <= set(runtime.registry.channels)  # core's too
        [nid] = await _add(runtime, None, channel="fax")
        report = await Dispatcher(runtime, clock=clock, settings=SETTINGS).run_once()
        assert (report.sent, fax.sent) == (1, [nid])
        assert (await _row(runtime, nid)).status == "sent"
    finally:
        await runtime.close()
