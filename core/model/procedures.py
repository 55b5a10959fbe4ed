"""Tables of the procedure engine: the steps of a case, its time limits, idempotency."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db.base import Base, BigId, core_table_args, utcnow


class CaseStep(Base):
    """One transition performed in a case: the case's own history."""

    __tablename__ = "case_step"
    __table_args__ = core_table_args(
        UniqueConstraint("case_id", "seq", name="case_step_seq"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    transition: Mapped[str] = mapped_column(String(64))
    from_state: Mapped[str | None] = mapped_column(String(64))
    to_state: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(128))
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_party_id: Mapped[int | None]
    on_behalf_of: Mapped[int | None]
    roles: Mapped[list[str]] = mapped_column(default=list)
    input: Mapped[dict[str, Any]] = mapped_column(default=dict)
    request_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CaseDeadline(Base):
    """A running, met, suspended or expired time limit of a case."""

    __tablename__ = "case_deadline"
    __table_args__ = core_table_args(
        Index("ix_case_deadline_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="running")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    #: The day counting started from (the event's day, or the deemed day of receipt).
    starts_on: Mapped[dt.date]
    #: The last day on which the act is in time.
    due_on: Mapped[dt.date]
    #: The instant the limit expires (the end of ``due_on`` in the jurisdiction's zone).
    due_at: Mapped[dt.datetime]
    #: While suspended: the days that were left.
    remaining_days: Mapped[int | None]
    suspended_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    #: Extensions and restorations, each with its basis.
    history: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class IdempotencyKey(Base):
    """The first result of a mutation sent with an idempotency key, for its retries."""

    __tablename__ = "idempotency_key"
    __table_args__ = core_table_args(
        UniqueConstraint("principal", "key", name="idempotency_principal_key"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    principal: Mapped[str] = mapped_column(String(128))
    key: Mapped[str] = mapped_column(String(128))
    operation: Mapped[str] = mapped_column(String(256))
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
