"""Proceedings: cases under a procedure, their decisions and notifications.

The procedure engine drives these tables; a plugin declares the procedures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db.base import Base, BigId, core_table_args, utcnow


class Case(Base):
    """A proceeding under a procedure (e.g. ``P.SP.01.PRC.001`` inclusion)."""

    __tablename__ = "case"
    __table_args__ = core_table_args(
        Index("ix_case_procedure_state", "procedure", "state"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(String(32))
    procedure: Mapped[str] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[int | None] = mapped_column(ForeignKey("ip_object.id"), index=True)
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    opened_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[dt.datetime | None]
    #: Grows by one with each transition; the engine checks it (optimistic locking).
    version: Mapped[int] = mapped_column(default=1)


class Decision(Base):
    """A decision taken in a case: its number, date, outcome and grounds."""

    __tablename__ = "decision"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(64))
    date: Mapped[dt.date]
    outcome: Mapped[str] = mapped_column(String(64))
    grounds: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Notification(Base):
    """A notice, message or confirmation to an addressee, with its delivery trail.

    Written to this outbox in the transaction that causes it
    (:func:`ipreg.core.notify.enqueue`) and delivered later by
    :class:`ipreg.core.notify.Dispatcher`. ``status`` is ``pending`` (due at
    ``next_attempt_at``, or at once when null), ``sending`` (claimed by
    ``claimed_by``), ``sent`` (delivered at ``sent_at``) or ``failed`` (gave up:
    ``last_error`` says why). ``received_at``/``confirmed_at`` record the
    addressee's confirmation of receipt.
    """

    __tablename__ = "notification"
    __table_args__ = core_table_args(
        Index("ix_notification_dispatch", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("case.id", ondelete="CASCADE"), index=True
    )
    addressee_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"), index=True)
    addressee_role: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(32), default="inbox")
    kind: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]
    received_at: Mapped[dt.datetime | None]
    confirmed_at: Mapped[dt.datetime | None]
    #: The dispatcher holding the current (or last) delivery attempt, and since when:
    #: a ``sending`` row whose claim is older than the claim timeout is taken back.
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[dt.datetime | None]
    #: Grows with every change; the change feed's version of the notification.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
