"""Stored files (content-addressed) and documents (EAEU data composition, table 3)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db.base import Base, BigId, core_table_args, utcnow


class StoredFile(Base):
    """A file in the content-addressed store, named by the sha256 of its bytes."""

    __tablename__ = "stored_file"
    __table_args__ = core_table_args()

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(127))
    original_name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Document(Base):
    """A document: a power of attorney, a title document, a decision, a scan (table 3)."""

    __tablename__ = "document"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    country: Mapped[str | None] = mapped_column(String(2))
    kind_code: Mapped[str | None] = mapped_column(String(32))
    kind_name: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    series: Mapped[str | None] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(128))
    date: Mapped[dt.date | None]
    expires_on: Mapped[dt.date | None]
    validity: Mapped[str | None] = mapped_column(String(64))
    issuer_id: Mapped[str | None] = mapped_column(String(64))
    issuer_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    sheet_count: Mapped[int | None]
    file_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
