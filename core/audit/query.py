"""Reading the audit trail: who may, and filtered pages of records.

Only supervisors read the audit trail: the system, or a principal holding the
role ``supervisor`` or ``admin``. A grant without a jurisdiction covers every
record; grants for some jurisdictions cover the records of those jurisdictions
only (records without a jurisdiction, such as logins, need an unrestricted
grant). Anonymous callers get ``Unauthenticated``, others ``Forbidden``.

The functions take ``rows``, an ``async (statement) -> rows`` callable, so the
same code serves GraphQL resolvers (``info.context.reader.rows``), the CLI and
tests (:func:`session_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Executable, func, select, true
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from ipreg.core.auth.principal import Principal
from ipreg.core.errors import BadUserInput, Forbidden, Unauthenticated
from ipreg.core.model.audit import AuditRecord

#: Roles that may read the audit trail (of the jurisdictions their grant covers).
SUPERVISOR_ROLES = frozenset({"supervisor", "admin"})

RowSource = Callable[[Executable], Awaitable[Sequence[Row[Any]]]]

_RECORD = AuditRecord.__table__


def session_rows(source: AsyncSession | AsyncConnection) -> RowSource:
    """A :data:`RowSource` over a session or connection."""

    async def rows(stmt: Executable) -> Sequence[Row[Any]]:
        return (await source.execute(stmt)).all()

    return rows


@dataclass(frozen=True)
class AuditScope:
    """The records a principal may read: all, or those of some jurisdictions."""

    everything: bool
    jurisdictions: frozenset[str] = frozenset()

    def covers(self, jurisdiction: str | None) -> bool:
        return self.everything or (jurisdiction is not None and jurisdiction in self.jurisdictions)


def audit_scope(principal: Principal) -> AuditScope:
    """What ``principal`` may read of the audit trail; raises if nothing."""
    if principal.is_system:
        return AuditScope(everything=True)
    if principal.is_anonymous:
        raise Unauthenticated("sign in as a supervisor to read the audit trail")
    grants = [g for g in principal.grants if g.role in SUPERVISOR_ROLES]
    if not grants:
        raise Forbidden("only supervisors may read the audit trail")
    if any(g.jurisdiction is None for g in grants):
        return AuditScope(everything=True)
    return AuditScope(
        everything=False, jurisdictions=frozenset(g.jurisdiction for g in grants if g.jurisdiction)
    )


@dataclass(frozen=True)
class AuditFilter:
    """Conditions on audit records; ``None`` = any. ``since`` inclusive, ``until`` exclusive."""

    action: str | None = None
    entity: str | None = None
    entity_id: str | int | None = None
    jurisdiction: str | None = None
    actor: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def audit_conditions(scope: AuditScope, flt: AuditFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a filter, within what ``scope`` may read."""
    if flt.jurisdiction is not None and not scope.covers(flt.jurisdiction):
        raise Forbidden(f"not a supervisor of jurisdiction {flt.jurisdiction!r}")
    c = _RECORD.c
    conditions: list[ColumnElement[bool]] = []
    if not scope.everything:
        conditions.append(c.jurisdiction.in_(sorted(scope.jurisdictions)))
    if flt.action is not None:
        conditions.append(c.action == flt.action)
    if flt.entity is not None:
        conditions.append(c.entity == flt.entity)
    if flt.entity_id is not None:
        conditions.append(c.entity_id == str(flt.entity_id))
    if flt.jurisdiction is not None:
        conditions.append(c.jurisdiction == flt.jurisdiction)
    if flt.actor is not None:
        conditions.append(c.actor_subject == flt.actor)
    if flt.since is not None:
        conditions.append(c.at >= _utc(flt.since))
    if flt.until is not None:
        conditions.append(c.at < _utc(flt.until))
    return conditions


@dataclass(frozen=True)
class AuditActor:
    """Who acted: subject, principal kind, party, the party represented, roles held."""

    subject: str | None
    kind: str
    party_id: int | None
    on_behalf_of: int | None
    roles: list[str]


@dataclass(frozen=True)
class AuditEntry:
    """One audit record as read back."""

    seq: int
    at: dt.datetime
    action: str
    entity: str
    entity_id: str | None
    jurisdiction: str | None
    actor: AuditActor
    diff: dict[str, Any]
    request_id: str | None
    note: str | None
    prev_hash: str
    hash: str

    @classmethod
    def from_row(cls, row: Any) -> AuditEntry:
        at = row.at
        if isinstance(at, dt.datetime):
            at = _utc(at)
        return cls(
            seq=int(row.seq),
            at=at,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            jurisdiction=row.jurisdiction,
            actor=AuditActor(
                subject=row.actor_subject,
                kind=row.actor_kind,
                party_id=row.actor_party_id,
                on_behalf_of=row.actor_on_behalf_of,
                roles=list(row.actor_roles or []),
            ),
            diff=dict(row.diff or {}),
            request_id=row.request_id,
            note=row.note,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )


@dataclass
class AuditPage:
    """A page of records (oldest first), whether more follow, and a lazy total."""

    entries: list[AuditEntry]
    has_next: bool
    after: int | None
    _count: Callable[[], Awaitable[int]] = field(repr=False)
    has_previous: bool = False

    async def total_count(self) -> int:
        """Records matching the filter over all pages (one COUNT query, on demand)."""
        return await self._count()


async def search_audit(
    rows: RowSource,
    principal: Principal,
    flt: AuditFilter | None = None,
    *,
    first: int | None = 50,
    after: int | None = None,
    max_first: int = 100,
    last: int | None = None,
    before: int | None = None,
) -> AuditPage:
    """Records matching ``flt`` that ``principal`` may read: the ``first`` after ``seq``
    ``after``, or (backward) the ``last`` before ``seq`` ``before``; oldest first."""
    scope = audit_scope(principal)
    backward = last is not None
    size = last if last is not None else 50 if first is None else first
    if size < 0 or size > max_first:
        argument = "last" if backward else "first"
        raise BadUserInput(f"{argument} must be between 0 and {max_first}", argument=argument)
    conditions = audit_conditions(scope, flt or AuditFilter())
    page = [*conditions]
    if after is not None:
        page.append(_RECORD.c.seq > after)
    if before is not None:
        page.append(_RECORD.c.seq < before)
    order = _RECORD.c.seq.desc() if backward else _RECORD.c.seq
    found = await rows(select(_RECORD).where(true(), *page).order_by(order).limit(size + 1))
    shown = list(found[:size])
    if backward:
        shown.reverse()

    async def count() -> int:
        total = await rows(select(func.count()).select_from(_RECORD).where(true(), *conditions))
        return int(total[0][0]) if total else 0

    return AuditPage(
        entries=[AuditEntry.from_row(row) for row in shown],
        has_next=before is not None if backward else len(found) > size,
        after=after,
        _count=count,
        has_previous=len(found) > size if backward else after is not None,
    )
