"""The shared IP-object model every jurisdiction uses and plugins extend."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ipreg.core.db.base import Base, BigId, core_table_args, utcnow

if TYPE_CHECKING:
    from ipreg.core.model.party import Party
from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship


class IPObject(Base):
    """A protected IP object as a register holds it.

    ``jurisdiction`` names the register (a plugin), ``kind`` the kind of object
    (trademark, geographical indication, website, ...). ``status`` mirrors the
    latest entry of ``status_history``; ``version`` grows with every committed
    change and orders the change feed's events for this object.
    """

    __tablename__ = "ip_object"
    __table_args__ = core_table_args(
        Index("ix_ip_object_jurisdiction_kind_status", "jurisdiction", "kind", "status"),
        UniqueConstraint("jurisdiction", "register_number", name="jurisdiction_register_number"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(48))
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    register_number: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(48))
    status_date: Mapped[dt.date | None]
    #: Does the law publish this object to anonymous callers?
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    keywords: Mapped[list[Keyword]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="Keyword.position"
    )
    parties: Mapped[list[ObjectParty]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="ObjectParty.position"
    )
    goods: Mapped[list[Goods]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="Goods.position"
    )
    right_terms: Mapped[list[RightTerm]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="RightTerm.country"
    )
    documents: Mapped[list[ObjectDocument]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="ObjectDocument.position"
    )
    status_history: Mapped[list[StatusRecord]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="StatusRecord.id"
    )


class Keyword(Base):
    """A keyword or expression relating to the object, with its transliteration (EAEU 5.3)."""

    __tablename__ = "ip_object_keyword"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    object_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    value: Mapped[str] = mapped_column(Text)
    transliteration: Mapped[str | None] = mapped_column(Text)


class ObjectParty(Base):
    """A party in a role towards the object: holder, representative, authorized person."""

    __tablename__ = "ip_object_party"
    __table_args__ = core_table_args(
        UniqueConstraint("object_id", "party_id", "role", name="object_party_role"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    object_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object.id", ondelete="CASCADE"), index=True
    )
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(default=0)

    party: Mapped[Party] = relationship(lazy="raise")


class Goods(Base):
    """Goods the right extends to: description, commodity codes, Nice classes (EAEU item 6)."""

    __tablename__ = "ip_object_goods"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    object_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    codes: Mapped[list[GoodsCode]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="GoodsCode.id"
    )
    nice_classes: Mapped[list[NiceClass]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="NiceClass.number"
    )


class GoodsCode(Base):
    """A commodity code of goods: ``scheme`` is ``hs`` or a regional nomenclature."""

    __tablename__ = "ip_object_goods_code"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    goods_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object_goods.id", ondelete="CASCADE"), index=True
    )
    scheme: Mapped[str] = mapped_column(String(32), default="hs")
    code: Mapped[str] = mapped_column(String(16), index=True)


class NiceClass(Base):
    """A class of the Nice Classification the goods belong to."""

    __tablename__ = "ip_object_nice_class"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    goods_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object_goods.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    name: Mapped[str | None] = mapped_column(Text)


class RightTerm(Base):
    """The term of validity of the right in one country (EAEU 5.7)."""

    __tablename__ = "ip_object_right_term"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    object_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object.id", ondelete="CASCADE"), index=True
    )
    country: Mapped[str] = mapped_column(String(2))
    starts_on: Mapped[dt.date | None]
    expires_on: Mapped[dt.date | None]
    #: For copyright objects: is the term defined (EAEU 5.7.3)?
    term_defined: Mapped[bool | None]


class ObjectDocument(Base):
    """A document attached to the object in a role: image, title document, ..."""

    __tablename__ = "ip_object_document"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    object_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(default=0)


class StatusRecord(Base):
    """One step of the object's status history, with its basis document (EAEU item 8)."""

    __tablename__ = "ip_object_status"
    __table_args__ = core_table_args()

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    object_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(48))
    date: Mapped[dt.date]
    basis_number: Mapped[str | None] = mapped_column(String(64))
    basis_date: Mapped[dt.date | None]
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
