"""The tables of the official sources of GI rules V.8.4-8.5 (VR-46): editions as loaded,
their entries, and the folded forms each entry is found by in any script.

An edition is loaded whole and replaces the source's current edition in one transaction
(``ipreg ua-gi sources load``); the replaced edition's row stays (with ``replaced_at``) so
that a determination citing it still names what it cited, its entries go.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db import Base, BigId, Json, owned_table_args, utcnow

OWNER = "ukraine_gi"


class UaGiSourceEdition(Base):
    """One edition of an official source as loaded: its edition label and date, where it
    came from (``origin``: the publisher's address or the document it was taken from), the
    file's SHA-256 and how many entries it had."""

    __tablename__ = "ua_gi_source_edition"
    __table_args__ = owned_table_args(
        OWNER, Index("ix_ua_gi_source_edition_source", "source", "replaced_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(32))
    edition: Mapped[str] = mapped_column(String(100))
    published_on: Mapped[dt.date | None]
    origin: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int]
    loaded_by: Mapped[str] = mapped_column(String(200))
    loaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    replaced_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(default=1)


class UaGiSourceEntry(Base):
    """One entry of an edition: the term (a product group's name, a variety denomination, a
    breed), its code in the source (UKTZED code, UPOV code, patent number...), the
    country or authority, and every other column of its row (``attributes``)."""

    __tablename__ = "ua_gi_source_entry"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("ua_gi_source_edition.id", ondelete="CASCADE"), index=True)
    line: Mapped[int]
    term: Mapped[str] = mapped_column(String(500))
    code: Mapped[str | None] = mapped_column(String(100))
    attributes: Mapped[dict[str, Any]] = mapped_column(Json)


class UaGiSourceForm(Base):
    """A folded form of an entry's term (its folded text, its romanisations, its Cyrillic
    reading: ``ipreg.search.translit.labelled_index_forms``) and the form's stem (word
    endings dropped), each indexed: a lookup asks for the word sequences of the name."""

    __tablename__ = "ua_gi_source_form"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("ua_gi_source_entry.id", ondelete="CASCADE"), index=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("ua_gi_source_edition.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(500), index=True)
    stem: Mapped[str] = mapped_column(String(500), index=True)
    label: Mapped[str] = mapped_column(String(32))


MODELS = [UaGiSourceEdition, UaGiSourceEntry, UaGiSourceForm]
