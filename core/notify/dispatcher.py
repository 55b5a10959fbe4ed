"""The outbox dispatcher: delivers due notifications once across every replica.

One round (:meth:`Dispatcher.run_once`):

1. **Take back stale claims.** A ``sending`` row claimed longer ago than the
   claim timeout belongs to a dispatcher that died mid-delivery: it goes back
   to ``pending`` (due at once), or to ``failed`` if it has used every attempt.
2. **Claim** up to ``limit`` due rows (``pending`` and ``next_attempt_at`` null
   or past, on a channel this dispatcher has) in one short transaction that
   commits before any delivery starts, so a slow endpoint holds no lock. On
   PostgreSQL the candidates are read ``FOR UPDATE SKIP LOCKED``, so replicas
   claiming at the same moment take different rows instead of queueing; on
   every database the claim itself is the conditional
   ``UPDATE ... SET status='sending' ... WHERE id IN (...) AND status='pending'
   RETURNING id``: a row another dispatcher claimed first is simply not
   returned, so each claim is won by exactly one dispatcher (SQLite serialises
   writers, PostgreSQL re-checks the condition on the row it locks).
3. **Deliver** each claimed row through its channel, a few at a time, each
   bounded by the delivery timeout.
4. **Record the outcome** (``sent``; ``pending`` again after an exponential
   back-off with jitter; ``failed`` after the last attempt or a permanent error)
   with an update fenced on the claim (``status='sending' AND claimed_by=me AND
   attempts=n``): if the claim was taken back meanwhile, the late outcome is
   dropped instead of overwriting the newer claim's.

Every state change of a notification writes its change event in the same
transaction (:func:`ipreg.core.feed.record_change`).

Delivery is exactly once while dispatchers finish what they claim; a dispatcher
that dies after handing a notification over but before recording it leaves a
claim that is retried after the claim timeout, so receivers deduplicate on the
notification id (webhooks carry it in ``X-Ipreg-Notification``).

Timestamps come from the dispatcher's ``clock`` (tests control it), not from the
database, so replicas' clocks should agree to well within the claim timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import random
import secrets
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ipreg.core.db.base import utcnow
from ipreg.core.feed import record_change
from ipreg.core.model import Case, Notification
from ipreg.core.notify.channels import Channel, DeliveryError, builtin_channels, channel_map
from ipreg.core.notify.outbox import ENTITY, FAILED, PENDING, SENDING, SENT, snapshot
from ipreg.core.notify.settings import DispatchSettings

if TYPE_CHECKING:
    from ipreg.core.runtime import Runtime

log = logging.getLogger("ipreg.notify")

#: Longest ``last_error`` kept.
MAX_ERROR = 2000


def default_worker_id() -> str:
    """``host:pid:random``: names the claims of one dispatcher."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass
class DispatchReport:
    """What one round did."""

    #: Stale claims taken back to ``pending``.
    released: int = 0
    #: Stale claims that had used every attempt, now ``failed``.
    expired: int = 0
    #: Notifications this round claimed.
    claimed: int = 0
    sent: int = 0
    #: Failed attempts that will be tried again.
    retried: int = 0
    #: Notifications given up on (permanent error or last attempt).
    failed: int = 0
    #: Outcomes dropped because the claim had been taken back meanwhile.
    lost: int = 0

    def __add__(self, other: DispatchReport) -> DispatchReport:
        return DispatchReport(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class Claimed:
    """A notification this dispatcher holds, with its case's jurisdiction."""

    notification: Notification
    jurisdiction: str | None


@dataclass(eq=False)
class Outcome:
    """What an attempt came to: ``sent``, ``retried`` or ``failed``, and the row's new values."""

    item: Claimed
    kind: str
    values: dict[str, Any]


def _drain(queue: asyncio.Queue[Any]) -> list[Any]:
    out = []
    while not queue.empty():
        out.append(queue.get_nowait())
    return out


class Dispatcher:
    """Claims due notifications and delivers them through their channels.

    ``channels`` defaults to the registry's (``ipreg_register_notification_channels``),
    or to :func:`builtin_channels` while no plugin registered any. A
    notification whose channel this dispatcher lacks is left for one that has it.
    """

    def __init__(
        self,
        runtime: Runtime,
        channels: Iterable[Channel] | Mapping[str, Channel] | None = None,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
        settings: DispatchSettings | None = None,
        worker_id: str | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.runtime = runtime
        if channels is None:
            channels = runtime.registry.channels or builtin_channels()
        self.channels = channel_map(channels)
        self.clock = clock
        self.settings = settings or DispatchSettings.from_env()
        self.worker_id = (worker_id or default_worker_id())[:128]
        self.rng = rng or random.Random()

    # ------------------------------------------------------------ the loop

    async def run_once(self, limit: int | None = None) -> DispatchReport:
        """One round: take back stale claims, claim due notifications, deliver them.

        Deliveries run ``concurrency`` at a time; their outcomes go to one writer,
        which records whatever has finished in one transaction (a group commit), so
        100 deliveries do not mean 100 write transactions queueing on the database.
        """
        report = await self.release_stale()
        claimed = await self.claim(self.settings.batch_size if limit is None else limit)
        report.claimed = len(claimed)
        if not claimed:
            return report
        semaphore = asyncio.Semaphore(self.settings.concurrency)
        queue: asyncio.Queue[Outcome | None] = asyncio.Queue()
        outcomes: dict[int, Outcome] = {}
        recorded: set[int] = set()
        writer = asyncio.create_task(self._writer(queue, report, recorded))

        async def one(item: Claimed) -> None:
            async with semaphore:
                outcome = await self._attempt(item)
            outcomes[item.notification.id] = outcome
            queue.put_nowait(outcome)

        try:
            async with asyncio.TaskGroup() as deliveries:
                for item in claimed:
                    deliveries.create_task(one(item))
            queue.put_nowait(None)
            await writer
        except BaseException:
            # Stopped (server shutdown) or broken: record the outcomes that are known
            # and hand back the rest at once, rather than leaving them claimed until
            # the claim timeout.
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await writer
            known = [o for nid, o in outcomes.items() if nid not in recorded]
            rest = [c for c in claimed if c.notification.id not in outcomes]
            await asyncio.shield(self._stop(known, rest, report))
            raise
        return report

    async def drain(self, max_rounds: int = 50) -> DispatchReport:
        """Rounds until one claims less than a full batch (or ``max_rounds``)."""
        total = DispatchReport()
        for _ in range(max_rounds):
            report = await self.run_once()
            total += report
            if report.claimed < self.settings.batch_size:
                break
        return total

    async def run_forever(
        self, interval: float | None = None, stop_event: asyncio.Event | None = None
    ) -> None:
        """Run rounds until ``stop_event`` is set; a round that fails is logged, not fatal.

        A full batch is followed at once by the next round; otherwise the
        dispatcher waits ``interval`` seconds (or until stopped). A round in
        progress when ``stop_event`` is set is finished first.
        """
        pause = self.settings.interval if interval is None else interval
        stop = stop_event or asyncio.Event()
        while not stop.is_set():
            full = False
            try:
                report = await self.run_once()
                full = report.claimed >= self.settings.batch_size
            except Exception:
                log.exception("notification dispatch round failed")
            if full:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), pause)

    # ------------------------------------------------------------ steps

    @property
    def _skip_locked(self) -> bool:
        return self.runtime.engine.dialect.name == "postgresql"

    def _due(self, now: dt.datetime) -> Any:
        return and_(
            Notification.status == PENDING,
            or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now),
            Notification.channel.in_(sorted(self.channels)),
        )

    async def claim(self, limit: int) -> list[Claimed]:
        """Claim up to ``limit`` due notifications for this dispatcher (committed)."""
        if limit < 1 or not self.channels:
            return []
        now = self.clock()
        due = self._due(now)
        async with self.runtime.sessionmaker() as session:
            pick = select(Notification.id).where(due).order_by(Notification.id).limit(limit)
            if self._skip_locked:
                pick = pick.with_for_update(skip_locked=True)
            candidates = list((await session.execute(pick)).scalars())
            if not candidates:
                return []
            won = list(
                (
                    await session.execute(
                        update(Notification)
                        .where(Notification.id.in_(candidates), due)
                        .values(
                            status=SENDING,
                            claimed_by=self.worker_id,
                            claimed_at=now,
                            attempts=Notification.attempts + 1,
                            version=Notification.version + 1,
                        )
                        .returning(Notification.id)
                        .execution_options(synchronize_session=False)
                    )
                ).scalars()
            )
            if not won:
                return []
            claimed = await self._load(session, won)
            for item in claimed:
                self._record(session, item)
            await session.commit()
        return claimed

    async def release_stale(self) -> DispatchReport:
        """Take back claims older than the claim timeout (their dispatcher died)."""
        report = DispatchReport()
        now = self.clock()
        cutoff = now - dt.timedelta(seconds=self.settings.claim_timeout)
        async with self.runtime.sessionmaker() as session:
            pick = (
                select(
                    Notification.id,
                    Notification.claimed_by,
                    Notification.claimed_at,
                    Notification.attempts,
                )
                .where(Notification.status == SENDING, Notification.claimed_at < cutoff)
                .order_by(Notification.id)
                .limit(self.settings.batch_size)
            )
            if self._skip_locked:
                pick = pick.with_for_update(skip_locked=True)
            stale = (await session.execute(pick)).all()
            if not stale:
                return report
            taken: list[int] = []
            for row in stale:
                give_up = row.attempts >= self.settings.max_attempts
                claimed_at = row.claimed_at.isoformat() if row.claimed_at else "?"
                message = (
                    f"delivery claimed by {row.claimed_by} at {claimed_at} did not finish "
                    f"within {self.settings.claim_timeout:g}s"
                )
                if give_up:
                    message += f"; gave up after {row.attempts} attempts"
                won = await self._fenced_update(
                    session,
                    row.id,
                    row.claimed_by,
                    row.attempts,
                    status=FAILED if give_up else PENDING,
                    next_attempt_at=None if give_up else now,
                    last_error=message,
                    claimed_by=None,
                    claimed_at=None,
                )
                if won:
                    taken.append(row.id)
                    if give_up:
                        report.expired += 1
                    else:
                        report.released += 1
                    log.warning("notification %s: %s", row.id, message)
            for item in await self._load(session, taken):
                self._record(session, item)
            await session.commit()
        return report

    async def _give_back(self, items: Sequence[Claimed]) -> int:
        """Return this dispatcher's unfinished claims to ``pending``, due at once."""
        now = self.clock()
        returned: list[int] = []
        async with self.runtime.sessionmaker() as session:
            for item in items:
                n = item.notification
                if await self._fenced_update(
                    session, n.id, self.worker_id, n.attempts,
                    status=PENDING, next_attempt_at=now, claimed_by=None, claimed_at=None,
                    last_error="the dispatcher stopped before the delivery finished",
                ):
                    returned.append(n.id)
            for fresh in await self._load(session, returned):
                self._record(session, fresh)
            await session.commit()
        return len(returned)

    async def _attempt(self, item: Claimed) -> Outcome:
        """Deliver through the channel; what to record (nothing is written here)."""
        notification = item.notification
        channel = self.channels[notification.channel]
        error: DeliveryError | None = None
        try:
            async with asyncio.timeout(self.settings.delivery_timeout):
                await channel.deliver(notification, self.runtime)
        except DeliveryError as exc:
            error = exc
        except TimeoutError:
            error = DeliveryError(
                f"delivery took longer than {self.settings.delivery_timeout:g}s"
            )
        except Exception as exc:
            log.exception("channel %s failed on notification %s", channel.name, notification.id)
            error = DeliveryError(f"{type(exc).__name__}: {exc}")
        now = self.clock()
        if error is None:
            return Outcome(item, "sent", {"status": SENT, "sent_at": now, "next_attempt_at": None})
        if error.retryable and notification.attempts < self.settings.max_attempts:
            delay = self.backoff(notification.attempts, error.retry_after)
            return Outcome(item, "retried", {
                "status": PENDING,
                "next_attempt_at": now + dt.timedelta(seconds=delay),
                "last_error": error.message[:MAX_ERROR],
            })
        reason = error.message if not error.retryable else (
            f"{error.message}; gave up after {notification.attempts} attempts")
        return Outcome(item, "failed", {
            "status": FAILED, "next_attempt_at": None, "last_error": reason[:MAX_ERROR]})

    async def _writer(
        self, queue: asyncio.Queue[Outcome | None], report: DispatchReport, recorded: set[int]
    ) -> None:
        """Record outcomes as they come, all those waiting in one transaction."""
        done = False
        while not done:
            batch = [await queue.get()]
            batch.extend(_drain(queue))
            done = None in batch
            outcomes = [o for o in batch if o is not None]
            if outcomes:
                await self._record_outcomes(outcomes, report)
                recorded.update(o.item.notification.id for o in outcomes)

    async def _record_outcomes(self, outcomes: Sequence[Outcome], report: DispatchReport) -> None:
        won: list[Outcome] = []
        async with self.runtime.sessionmaker() as session:
            for outcome in outcomes:
                n = outcome.item.notification
                if await self._fenced_update(
                    session, n.id, self.worker_id, n.attempts, **outcome.values
                ):
                    won.append(outcome)
            for fresh in await self._load(session, [o.item.notification.id for o in won]):
                self._record(session, fresh)
            await session.commit()
        for outcome in outcomes:
            if outcome in won:
                setattr(report, outcome.kind, getattr(report, outcome.kind) + 1)
            else:
                report.lost += 1
                log.warning(
                    "notification %s: outcome %r dropped, the claim was taken back meanwhile",
                    outcome.item.notification.id,
                    outcome.kind,
                )

    async def _stop(
        self, known: Sequence[Outcome], rest: Sequence[Claimed], report: DispatchReport
    ) -> None:
        """On cancellation: record the known outcomes, give the other claims back."""
        try:
            if known:
                await self._record_outcomes(known, report)
            if rest:
                await self._give_back(rest)
        except Exception:
            log.exception("could not settle %d claims on stopping; they return after the "
                          "claim timeout", len(known) + len(rest))

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1, 2, ...)."""
        s = self.settings
        delay = min(s.backoff_max, s.backoff_base * 2 ** min(max(attempt - 1, 0), 60))
        delay = delay * (1 - s.jitter) + self.rng.uniform(0, delay * s.jitter)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, s.backoff_max)

    # ------------------------------------------------------------ helpers

    async def _fenced_update(
        self,
        session: AsyncSession,
        notification_id: int,
        holder: str | None,
        attempts: int,
        **values: Any,
    ) -> bool:
        """Change a ``sending`` row only if it is still the claim we know of."""
        result = await session.execute(
            update(Notification)
            .where(
                Notification.id == notification_id,
                Notification.status == SENDING,
                Notification.claimed_by == holder
                if holder is not None
                else Notification.claimed_by.is_(None),
                Notification.attempts == attempts,
            )
            .values(**values, version=Notification.version + 1)
            .returning(Notification.id)
            .execution_options(synchronize_session=False)
        )
        return result.scalar_one_or_none() is not None

    async def _load(self, session: AsyncSession, ids: Sequence[int]) -> list[Claimed]:
        if not ids:
            return []
        rows = await session.execute(
            select(Notification, Case.jurisdiction)
            .outerjoin(Case, Case.id == Notification.case_id)
            .where(Notification.id.in_(list(ids)))
            .order_by(Notification.id)
            .execution_options(populate_existing=True)
        )
        return [Claimed(notification, jurisdiction) for notification, jurisdiction in rows]

    @staticmethod
    def _record(session: AsyncSession, item: Claimed) -> None:
        record_change(
            session,
            ENTITY,
            item.notification,
            "update",
            snapshot(item.notification),
            jurisdiction=item.jurisdiction,
        )
