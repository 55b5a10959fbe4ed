"""Writing and reading the change feed, and the cursors of those that follow a feed.

A change is recorded with :func:`record_change` inside the session that makes
it; when that session commits, the events get their positions and are inserted
in the same transaction. Positions come from the single :class:`FeedHead` row:
``UPDATE ... SET position = position + n RETURNING position`` takes that row's
lock until commit, so concurrent writers commit their events one after another,
and positions follow commit order without gaps. The lock is taken as the last
statement before commit, which keeps the serialised part of a write short.

A follower of a feed — this database's (a subscriber) or another's (a replica
following its source, a client of an external feed) — keeps how far it got in
a named cursor (``feed_cursor``): :func:`read_cursor` and :func:`advance_cursor`
in the transaction that applies what it read, so the position moves exactly
when the work commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from ipreg.core.db.base import utcnow
from ipreg.core.model.events import ChangeEvent, FeedHead, SubscriberCursor

PENDING = "ipreg.pending_changes"
COMMITTED = "ipreg.committed_positions"
#: ``session.info`` key of a callable told the last position after each commit.
ON_COMMIT = "ipreg.on_feed_commit"


@dataclass
class PendingChange:
    entity: str
    target: Any
    operation: str
    payload: Callable[[], dict[str, Any]] | dict[str, Any]
    jurisdiction: str | None
    entity_id: int | None = None
    version: int | None = None
    committed_at: dt.datetime | None = None


def record_change(
    session: AsyncSession | Session,
    entity: str,
    target: Any,
    operation: str,
    payload: Callable[[], dict[str, Any]] | dict[str, Any],
    *,
    jurisdiction: str | None = None,
    entity_id: int | None = None,
    version: int | None = None,
    committed_at: dt.datetime | None = None,
) -> None:
    """Record that ``target`` (an ORM object, or ``entity_id``) was changed.

    ``payload`` may be a callable, evaluated at commit time after the flush, so
    it sees generated ids and the final version. ``operation`` is ``create``,
    ``update`` or ``delete``. ``committed_at`` is the time the event carries when
    the change took effect elsewhere first: history imported with its legal dates,
    a replica mirroring its source's events (default: the time of the commit).
    The position is assigned at commit as always, so positions follow commit order
    while such times need not.
    """
    if committed_at is not None and committed_at.tzinfo is None:
        raise ValueError("record_change: committed_at must carry its time zone")
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    sync.info.setdefault(PENDING, []).append(
        PendingChange(entity, target, operation, payload, jurisdiction, entity_id, version,
                      committed_at)
    )


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    pending: list[PendingChange] = session.info.pop(PENDING, [])
    if not pending:
        return
    session.flush()
    rows = []
    for change in pending:
        entity_id = change.entity_id if change.entity_id is not None else change.target.id
        version = change.version if change.version is not None else change.target.version
        payload = change.payload() if callable(change.payload) else change.payload
        rows.append((change, entity_id, version, payload))
    last = session.execute(
        update(FeedHead)
        .where(FeedHead.id == 1)
        .values(position=FeedHead.position + len(rows))
        .returning(FeedHead.position)
    ).scalar_one()
    first = last - len(rows) + 1
    now = utcnow()
    session.add_all(
        ChangeEvent(
            position=first + offset,
            committed_at=change.committed_at or now,
            jurisdiction=change.jurisdiction,
            entity=change.entity,
            entity_id=entity_id,
            version=version,
            operation=change.operation,
            payload=payload,
        )
        for offset, (change, entity_id, version, payload) in enumerate(rows)
    )
    session.flush()
    session.info[COMMITTED] = last


@event.listens_for(Session, "after_commit")
def _announce(session: Session) -> None:
    last = session.info.pop(COMMITTED, None)
    notify = session.info.get(ON_COMMIT)
    if last is not None and notify is not None:
        notify(last)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(COMMITTED, None)


async def head(session: AsyncSession) -> int:
    """The last committed position."""
    return (await session.execute(select(FeedHead.position).where(FeedHead.id == 1))).scalar_one()


async def read_after(
    session: AsyncSession, after: int, limit: int = 500, entities: Sequence[str] | None = None
) -> list[ChangeEvent]:
    """Committed events after position ``after``, in commit order."""
    stmt = select(ChangeEvent).where(ChangeEvent.position > after)
    if entities:
        stmt = stmt.where(ChangeEvent.entity.in_(entities))
    stmt = stmt.order_by(ChangeEvent.position).limit(limit)
    return list((await session.execute(stmt)).scalars())


# ---------------------------------------------------------------- cursors of followers


async def read_cursor(session: AsyncSession, name: str, *, lock: bool = False) -> int:
    """The position the follower ``name`` reached (0: none yet). ``lock`` holds its row
    until the transaction ends (PostgreSQL), so two runs never apply the same page."""
    stmt = select(SubscriberCursor.position).where(SubscriberCursor.name == name)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    found = (await session.execute(stmt)).scalar_one_or_none()
    return int(found or 0)


async def advance_cursor(session: AsyncSession, name: str, to: int, *,
                         at: dt.datetime | None = None, touch: bool = False) -> None:
    """Move the cursor ``name`` forward to ``to`` (never back), in the caller's transaction.

    Its ``updated_at`` becomes ``at`` (default: now) when it moves, and also when it
    does not with ``touch``: a follower that read everything and found nothing new
    records that it was there (see :func:`cursor_updated_at`).
    """
    when = at or utcnow()
    row = await session.get(SubscriberCursor, name)
    if row is None:
        session.add(SubscriberCursor(name=name, position=to, updated_at=when))
    elif to > row.position or touch:
        row.position = max(to, row.position)
        row.updated_at = when
    await session.flush()


async def cursor_updated_at(session: AsyncSession, name: str) -> dt.datetime | None:
    """When the cursor ``name`` last moved (or was touched); None: never."""
    found = await session.scalar(select(SubscriberCursor.updated_at)
                                 .where(SubscriberCursor.name == name))
    if found is not None and found.tzinfo is None:
        found = found.replace(tzinfo=dt.UTC)
    return found


async def cursors_started(session: AsyncSession, names: Sequence[str]) -> int:
    """How many of the cursors ``names`` exist."""
    count = await session.scalar(select(func.count()).select_from(SubscriberCursor)
                                 .where(SubscriberCursor.name.in_(list(names))))
    return int(count or 0)
