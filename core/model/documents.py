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
    #: Of an image: its size in pixels and its resolution in dots per inch (the lower
    #: of the two axes; 0 if the file declares none), read when it was stored; null
    #: for other files and for files stored before the resolution was read.
    width: Mapped[int | None]
    height: Mapped[int | None]
    dpi: Mapped[int | None]


class FileUpload(Base):
    """Who uploaded a stored file, when, under which name and for what purpose.

    The file itself is stored once (:class:`StoredFile`); each upload is recorded,
    and its uploader may always download it (``GET /files/{sha256}``)."""

    __tablename__ = "file_upload"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    file_sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), index=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    api_key_id: Mapped[int | None] = mapped_column(BigInteger)
    party_id: Mapped[int | None] = mapped_column(BigInteger)
    subject: Mapped[str | None] = mapped_column(String(255))
    purpose: Mapped[str | None] = mapped_column(String(64))
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
