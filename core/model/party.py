"""Parties: natural and legal persons (EAEU register data composition, table 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipreg.core.db.base import Base, BigId, Json, core_table_args, utcnow


class Party(Base):
    """A person who holds rights, represents, applies, or takes part in a turnover.

    Fields follow table 2 of the EAEU register data composition: country (item 1),
    full and short name (2, 3), taxpayer identifier (4), tax registration reason
    code (5), identity document (6, table 4), addresses (7, table 5), contacts
    (8, table 6) and employees of a legal entity (9).
    """

    __tablename__ = "party"
    __table_args__ = core_table_args(
        CheckConstraint("party_type in ('legal', 'natural')", name="party_type"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    party_type: Mapped[str] = mapped_column(String(16), default="legal")
    country: Mapped[str] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str | None] = mapped_column(Text)
    taxpayer_id: Mapped[str | None] = mapped_column(String(64), index=True)
    tax_registration_reason_code: Mapped[str | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    identity_document: Mapped[IdentityDocument | None] = relationship(
        back_populates="party", cascade="all, delete-orphan", uselist=False, lazy="raise"
    )
    addresses: Mapped[list[Address]] = relationship(
        back_populates="party",
        cascade="all, delete-orphan",
        lazy="raise",
        order_by="Address.position",
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="party",
        cascade="all, delete-orphan",
        lazy="raise",
        order_by="Contact.position",
    )
    employees: Mapped[list[Employee]] = relationship(
        back_populates="party",
        cascade="all, delete-orphan",
        lazy="raise",
        order_by="Employee.position",
    )


class IdentityDocument(Base):
    """Identity document of a natural person (table 4)."""

    __tablename__ = "party_identity_document"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    kind_code: Mapped[str | None] = mapped_column(String(16))
    kind_name: Mapped[str | None] = mapped_column(Text)
    series: Mapped[str | None] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date | None]
    issuer_id: Mapped[str | None] = mapped_column(String(64))
    issuer_name: Mapped[str | None] = mapped_column(Text)

    party: Mapped[Party] = relationship(back_populates="identity_document", lazy="raise")


class Address(Base):
    """An address of a party (table 5)."""

    __tablename__ = "party_address"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str | None] = mapped_column(String(2))
    country: Mapped[str | None] = mapped_column(String(2))
    territory_code: Mapped[str | None] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(Text)
    settlement: Mapped[str | None] = mapped_column(Text)
    street: Mapped[str | None] = mapped_column(Text)
    building: Mapped[str | None] = mapped_column(String(64))
    premises: Mapped[str | None] = mapped_column(String(64))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    po_box: Mapped[str | None] = mapped_column(String(32))

    party: Mapped[Party] = relationship(back_populates="addresses", lazy="raise")


class Contact(Base):
    """A contact channel of a party (table 6); ``values`` are its identifiers."""

    __tablename__ = "party_contact"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    channel: Mapped[str | None] = mapped_column(String(2))
    channel_name: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)

    party: Mapped[Party] = relationship(back_populates="contacts", lazy="raise")


class Employee(Base):
    """An employee of a legal entity (table 2 item 9)."""

    __tablename__ = "party_employee"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    surname: Mapped[str] = mapped_column(Text)
    first_name: Mapped[str | None] = mapped_column(Text)
    patronymic: Mapped[str | None] = mapped_column(Text)
    job_title: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(255))

    party: Mapped[Party] = relationship(back_populates="employees", lazy="raise")


class PartyVersion(Base):
    """The table 2 data a party had until a filing replaced them (a refreshing
    ``PartyStore``): ``items`` as :func:`ipreg.core.services.parties.form_items` gives
    them, valid until ``valid_to``. The register "as of" a day reads them
    (:func:`ipreg.core.services.parties.items_as_of`)."""

    __tablename__ = "party_version"
    __table_args__ = core_table_args(
        UniqueConstraint("party_id", "version", name="party_version_once"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    #: The party's version these data were.
    version: Mapped[int]
    #: When they were replaced.
    valid_to: Mapped[dt.datetime]
    items: Mapped[dict[str, Any]] = mapped_column(Json)
