"""The customs register's own tables, beside the core's.

Mapped onto the core: each IP right of a recordal is an ``ip_object`` of jurisdiction
``ua_customs`` (name, kind, the entry number as ``register_number``, the owner as its
``holder`` party, goods with UKTZED codes and Nice classes, status history); parties
(applicant, representatives, authorised operators, declarants) are core ``party`` rows;
procedures are core ``case`` rows with their steps, limits, decisions and notices.

Here: the recordal (an application to register IP objects, shaped on the AFA boxes of
Reg. 608/2013 Art. 6(3) a-k), its rights and goods per right, representatives by role,
authorised operators, known counterfeits and routes, the register term and its history
(extensions, amendments, expiry, revocation), suspension cases and official importers'
appeals.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db import Base, BigId, Json, UtcDateTime, owned_table_args, utcnow

OWNER = "ukraine_customs"


def _party() -> ForeignKey:
    return ForeignKey("party.id")


class UaCustomsRecordal(Base):
    """A recordal: the right holder's application and, once registered, its term."""

    __tablename__ = "ua_customs_recordal"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    #: AFA box 1, Art. 6(3)(a): the applicant.
    applicant_id: Mapped[int] = mapped_column(_party(), index=True)
    #: AFA box 3, Art. 6(3)(b).
    applicant_status: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="applied")
    #: Order 282: the term requested, in months (at most 12).
    requested_months: Mapped[int] = mapped_column(Integer)
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    #: Art. 6(3)(c): documents proving the entitlement to apply.
    entitlement: Mapped[list[Any]] = mapped_column(Json, default=list)
    #: Art. 6(3)(j): the items g, h, i to be marked for restricted handling.
    restricted: Mapped[list[Any]] = mapped_column(Json, default=list)
    refusal_reasons: Mapped[str | None] = mapped_column(Text)
    #: ``filing`` (electronic filing) or ``afa`` (an imported EU application for action).
    source: Mapped[str] = mapped_column(String(8), default="filing")
    #: The form as filed (the standard record of the filing, goal 3).
    form: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class UaCustomsRight(Base):
    """One IP right of a recordal (AFA box 5, Art. 6(3)(e)): a register entry."""

    __tablename__ = "ua_customs_right"
    __table_args__ = owned_table_args(
        OWNER, UniqueConstraint("register_number", name="ua_customs_right_register_number"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    recordal_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_recordal.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    object_id: Mapped[int] = mapped_column(ForeignKey("ip_object.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(16))
    registration_number: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    right_registered_on: Mapped[dt.date | None] = mapped_column(Date)
    right_expires_on: Mapped[dt.date | None] = mapped_column(Date)
    #: Nice classes of the registration (trademarks).
    nice_classes: Mapped[list[Any]] = mapped_column(Json, default=list)
    #: sha256 of the image of the object (its representation).
    representation: Mapped[str | None] = mapped_column(String(64))
    #: The entry number, given at registration.
    register_number: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="applied")


class UaCustomsGoods(Base):
    """Goods of one right (AFA boxes 12-19, Art. 6(3)(g), (h))."""

    __tablename__ = "ua_customs_goods"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_right.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    uktzed: Mapped[list[Any]] = mapped_column(Json, default=list)
    nice_classes: Mapped[list[Any]] = mapped_column(Json, default=list)
    photos: Mapped[list[Any]] = mapped_column(Json, default=list)
    packaging: Mapped[str | None] = mapped_column(Text)
    #: How to tell originals from fakes (Art. 6(3)(h)).
    identification: Mapped[str] = mapped_column(Text)
    samples: Mapped[bool] = mapped_column(Boolean, default=False)


class UaCustomsRepresentative(Base):
    """A representative of the applicant in a role (AFA boxes 4, 7, 8; Order 282)."""

    __tablename__ = "ua_customs_representative"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    recordal_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_recordal.id"), index=True)
    party_id: Mapped[int] = mapped_column(_party(), index=True)
    role: Mapped[str] = mapped_column(String(32))
    authority: Mapped[str | None] = mapped_column(Text)


class UaCustomsOperator(Base):
    """An authorised operator (Order 281 p.12; AFA box 17, Art. 6(3)(i))."""

    __tablename__ = "ua_customs_operator"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    recordal_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_recordal.id"), index=True)
    party_id: Mapped[int] = mapped_column(_party(), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    #: The operator's identifier as the declarations carry it (EDRPOU, RNOKPP, EORI).
    identifier: Mapped[str] = mapped_column(String(32), index=True)


class UaCustomsCounterfeit(Base):
    """A counterfeit known to the right holder and its route (AFA box 18, Art. 6(3)(i))."""

    __tablename__ = "ua_customs_counterfeit"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    recordal_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_recordal.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    origin_country: Mapped[str | None] = mapped_column(String(2))
    route: Mapped[list[Any]] = mapped_column(Json, default=list)
    detected_on: Mapped[dt.date | None] = mapped_column(Date)


class UaCustomsEntryEvent(Base):
    """The history of a register entry: registered, amended, extended, expired, revoked."""

    __tablename__ = "ua_customs_entry_event"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    recordal_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_recordal.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(16))
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class UaCustomsSuspension(Base):
    """A border measure: the suspension of a declaration's clearance (CC Art. 399)."""

    __tablename__ = "ua_customs_suspension"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), unique=True)
    recordal_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_recordal.id"), index=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_right.id"), index=True)
    declaration: Mapped[str] = mapped_column(String(64), index=True)
    declaration_date: Mapped[dt.date] = mapped_column(Date)
    declarant_id: Mapped[int] = mapped_column(_party(), index=True)
    declarant_identifier: Mapped[str] = mapped_column(String(32))
    customs_post: Mapped[str] = mapped_column(String(200))
    officer: Mapped[str] = mapped_column(String(200))
    goods: Mapped[str] = mapped_column(Text)
    uktzed: Mapped[str] = mapped_column(String(10))
    quantity: Mapped[int] = mapped_column(Integer)
    small_consignment: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(32))
    opened_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class UaCustomsAppeal(Base):
    """An official importer's appeal against a customs value or classification decision."""

    __tablename__ = "ua_customs_appeal"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), unique=True)
    recordal_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_recordal.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("ua_customs_operator.id"))
    decision: Mapped[str] = mapped_column(String(64))
    decision_kind: Mapped[str] = mapped_column(String(16))
    decision_date: Mapped[dt.date] = mapped_column(Date)
    importer_name: Mapped[str] = mapped_column(Text)
    importer_identifier: Mapped[str] = mapped_column(String(32))
    grounds: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(16))
    decision_grounds: Mapped[str | None] = mapped_column(Text)


MODELS = [UaCustomsRecordal, UaCustomsRight, UaCustomsGoods, UaCustomsRepresentative,
          UaCustomsOperator, UaCustomsCounterfeit, UaCustomsEntryEvent, UaCustomsSuspension,
          UaCustomsAppeal]
