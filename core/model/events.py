"""The change feed: an append-only, totally ordered, gap-free log of committed changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db.base import Base, BigId, core_table_args, utcnow


class ChangeEvent(Base):
    """One committed change of one entity.

    ``position`` is assigned from :class:`FeedHead` inside the writing transaction,
    while that transaction holds the head's row lock, so positions follow commit
    order and have no gaps: a reader that saw position N has seen every event
    before it.
    """

    __tablename__ = "change_event"
    __table_args__ = core_table_args(
        Index("ix_change_event_entity", "entity", "entity_id"),
    )

    position: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    committed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    jurisdiction: Mapped[str | None] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int]
    operation: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)


class FeedHead(Base):
    """A single row holding the last assigned change-feed position."""

    __tablename__ = "feed_head"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, default=0)


class SubscriberCursor(Base):
    """How far a change-feed subscriber (the indexer, a notifier, ...) has got."""

    __tablename__ = "feed_cursor"
    __table_args__ = core_table_args()

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
