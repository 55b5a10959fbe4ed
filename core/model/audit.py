"""The audit trail: an append-only, hash-chained log of every action.

Each :class:`AuditRecord` says who (subject, kind, party, roles) did which
action, on whose behalf, when, to which object, with the before/after
difference and the request id. ``seq`` comes from the single
:class:`AuditHead` row, locked the way :class:`~ipreg.core.model.events.FeedHead`
is, so sequence numbers follow commit order with no gaps; ``hash`` chains every
record to the one before it (see :mod:`ipreg.core.audit.hashing`).

The database refuses UPDATE and DELETE on ``audit_record`` (triggers created by
migration ``c0004``), and keeps ``audit_head.hash`` equal to the hash of the
record numbered ``audit_head.seq`` (an AFTER INSERT trigger).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db.base import Base, BigId, Json, core_table_args

#: ``prev_hash`` of the first record.
GENESIS_HASH = "0" * 64


class AuditRecord(Base):
    """One audited action. Never updated, never deleted."""

    __tablename__ = "audit_record"
    __table_args__ = core_table_args(
        Index("ix_audit_record_entity", "entity", "entity_id"),
        Index("ix_audit_record_action", "action"),
        Index("ix_audit_record_actor_subject", "actor_subject"),
        Index("ix_audit_record_jurisdiction", "jurisdiction"),
        Index("ix_audit_record_at", "at"),
    )

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime]
    action: Mapped[str] = mapped_column(String(128))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(128))
    jurisdiction: Mapped[str | None] = mapped_column(String(32))
    actor_subject: Mapped[str | None] = mapped_column(String(255))
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_party_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_on_behalf_of: Mapped[int | None] = mapped_column(BigInteger)
    actor_roles: Mapped[list[str]] = mapped_column(Json)
    diff: Mapped[dict[str, Any]] = mapped_column(Json)
    request_id: Mapped[str | None] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single row holding the last audit ``seq`` and that record's ``hash``.

    Writers lock it with ``UPDATE ... SET seq = seq + n RETURNING seq, hash``;
    ``hash`` is then moved on by the database's AFTER INSERT trigger on
    ``audit_record``. ``ipreg audit verify`` compares the trail with it, so that
    deleting the last records is detected too.
    """

    __tablename__ = "audit_head"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)
