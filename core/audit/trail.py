"""Writing the audit trail.

An action is recorded with :func:`record_audit` inside the session that performs
it; when that session commits, the records get their ``seq`` numbers and hashes
and are inserted in the same transaction, exactly like change-feed events
(:mod:`ipreg.core.feed`): ``UPDATE audit_head SET seq = seq + n RETURNING seq,
hash`` takes the head row's lock until commit, so concurrent writers chain their
records one after another, in commit order, without gaps. A rolled-back
transaction leaves no record; a committed one always has its records.

Per commit that records anything this costs two statements: the head update and
one (multi-row) insert. The head's ``hash`` is moved on by the database itself
(an AFTER INSERT trigger on ``audit_record``, migration ``c0004``).

Lock order: this module imports :mod:`ipreg.core.feed` before registering its
``before_commit`` listener, so the feed's listener always runs first and every
transaction takes ``feed_head`` before ``audit_head`` (never the reverse, so
the two locks cannot deadlock).

Actions outside a write transaction (reads of non-public data, exports, logins)
use :func:`record_audit_now`, which commits a transaction of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

import ipreg.core.feed  # noqa: F401  (its before_commit listener must be registered first)
from ipreg.core.audit.hashing import chain_hash, diff_of
from ipreg.core.auth.principal import Principal
from ipreg.core.db.base import utcnow
from ipreg.core.model.audit import AuditHead, AuditRecord

PENDING = "ipreg.pending_audit"


@dataclass(frozen=True)
class PendingAudit:
    """A record waiting for its transaction's commit (no seq, time or hash yet)."""

    action: str
    entity: str
    entity_id: str | None
    jurisdiction: str | None
    actor_subject: str | None
    actor_kind: str
    actor_party_id: int | None
    actor_on_behalf_of: int | None
    actor_roles: list[str]
    diff: dict[str, Any]
    request_id: str | None
    note: str | None


def record_audit(
    session: AsyncSession | Session,
    *,
    principal: Principal,
    action: str,
    entity: str,
    entity_id: int | str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    jurisdiction: str | None = None,
    request_id: str | None = None,
    note: str | None = None,
) -> None:
    """Record that ``principal`` performed ``action`` on ``entity`` ``entity_id``.

    The record is written when ``session`` commits, in the same transaction.
    ``before``/``after`` are the object's relevant fields before and after the
    action; only the difference is stored (see :func:`~ipreg.core.audit.hashing.diff_of`).
    Values must be JSON-like (dates, decimals, enums, sets are converted); an
    unsupported value raises ``TypeError`` here, not at commit.
    """
    if not action or not entity:
        raise ValueError("an audit record needs an action and an entity")
    pending = PendingAudit(
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        jurisdiction=jurisdiction,
        actor_subject=principal.subject,
        actor_kind=principal.kind,
        actor_party_id=principal.party_id,
        actor_on_behalf_of=principal.on_behalf_of,
        actor_roles=sorted(principal.roles(jurisdiction)),
        diff=diff_of(before, after),
        request_id=request_id,
        note=note,
    )
    _check_lengths(pending)
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    sync.info.setdefault(PENDING, []).append(pending)


def _check_lengths(pending: PendingAudit) -> None:
    """Fail at the call, not at commit (where it would undo the whole transaction)."""
    columns = AuditRecord.__table__.columns
    for name in (
        "action",
        "entity",
        "entity_id",
        "jurisdiction",
        "actor_subject",
        "actor_kind",
        "request_id",
        "note",
    ):
        value = getattr(pending, name)
        if value is None:
            continue
        limit = getattr(columns[name].type, "length", None)
        if limit is not None and len(value) > limit:
            raise ValueError(f"audit {name} longer than {limit} characters: {value[:40]!r}...")
        if "\x00" in value:
            raise ValueError(f"audit {name} contains a NUL character")


async def record_audit_now(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    principal: Principal,
    action: str,
    entity: str,
    entity_id: int | str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    jurisdiction: str | None = None,
    request_id: str | None = None,
    note: str | None = None,
) -> None:
    """Record an action that changes nothing else, in a transaction of its own."""
    async with sessionmaker() as session:
        record_audit(
            session,
            principal=principal,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
            jurisdiction=jurisdiction,
            request_id=request_id,
            note=note,
        )
        await session.commit()


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    if not session.info.get(PENDING):
        return
    session.flush()  # first: a flush hook may still record something
    pending: list[PendingAudit] = session.info.pop(PENDING)
    last, prev_hash = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(seq=AuditHead.seq + len(pending))
        .returning(AuditHead.seq, AuditHead.hash)
        .execution_options(synchronize_session=False)
    ).one()
    first = last - len(pending) + 1
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for offset, item in enumerate(pending):
        row = {**vars(item), "seq": first + offset, "at": now, "prev_hash": prev_hash}
        row["hash"] = prev_hash = chain_hash(prev_hash, SimpleNamespace(**row))
        rows.append(row)
    # A Core multi-row insert: one statement, no ORM objects left in the session.
    session.execute(insert(AuditRecord.__table__), rows)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)


async def audit_history(
    session: AsyncSession, entity: str, entity_id: int | str, limit: int | None = None
) -> list[AuditRecord]:
    """The audit records of one object, oldest first (e.g. a case's history)."""
    stmt = (
        select(AuditRecord)
        .where(AuditRecord.entity == entity, AuditRecord.entity_id == str(entity_id))
        .order_by(AuditRecord.seq)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list((await session.execute(stmt)).scalars())


async def audit_head(session: AsyncSession) -> tuple[int, str]:
    """The last committed ``seq`` and its record's hash."""
    stmt = select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)
    row = (await session.execute(stmt)).one()
    return int(row.seq), str(row.hash)
