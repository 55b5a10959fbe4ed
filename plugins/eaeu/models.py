"""The EAEU plugin's own tables: what R174 Appendix 1 has and the core model does not.

Mapped onto the core (``ipreg.core.model``):

* T1 3, 4, 7 (right holders, representative, authorized persons) and table 2 →
  ``Party`` with ``Address`` (T5), ``Contact`` (T6), ``Employee`` (T2 9) and
  ``IdentityDocument`` (T4), linked by ``ObjectParty`` roles ``holder``,
  ``representative``, ``authorized_person``;
* T1 5 → ``IPObject`` (kind trademark / copyright_object / related_rights_object;
  5.2 name, 5.5 description; ``register_number`` is the display form of 5.1);
* T1 5.3 → ``Keyword`` with its transliteration; 5.7 → ``RightTerm`` per member
  state; 5.4, 5.6 and 4.1 → ``Document`` (table 3) linked by ``ObjectDocument``
  roles ``image``, ``title_document``, ``power_of_attorney``;
* T1 6, 6.1-6.3 → ``Goods`` with ``GoodsCode`` (scheme ``cn_fea_eaeu``) and
  ``NiceClass`` (6.3.1 number, 6.3.2 name); T1 8 → ``StatusRecord`` with its basis.

Here: T1 1, 2, 5.1.1-5.1.4, 5.8, 5.9, 6.4 (turnover, tables 7-10), 6.5, 9, and the
bookkeeping of the inclusion procedure (declared objects, member-state review
results, messages to the authorized bodies and their confirmations).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipreg.core.db import Base, BigId, Json, owned_table_args, utcnow
from ipreg.core.model import Party

OWNER = "eaeu"


def _fk_object() -> ForeignKey:
    return ForeignKey("ip_object.id", ondelete="CASCADE")


class EaeuEntry(Base):
    """The EAEU-specific data of an IP object declared in an application or in the register.

    One row per ``ip_object`` of the ``eaeu`` jurisdiction. Before inclusion
    (OPR.021) the register number attributes 5.1.1-5.1.4 are empty.
    """

    __tablename__ = "eaeu_entry"
    __table_args__ = owned_table_args(
        OWNER,
        CheckConstraint("kind_code in ('АП', 'СП', 'ТЗ')", name="kind_code"),
        CheckConstraint("sequence_number is null or length(sequence_number) = 5",
                        name="sequence_number_5_digits"),
        CheckConstraint("decision_number is null or length(decision_number) = 4",
                        name="decision_number_4_digits"),
        CheckConstraint("right_holder_count >= 1", name="right_holder_count"),
        UniqueConstraint("sequence_number", name="eaeu_entry_sequence_number"),
        Index("ix_eaeu_entry_inclusion_date", "inclusion_date"),
    )

    object_id: Mapped[int] = mapped_column(_fk_object(), primary_key=True)
    #: T1 1: number and date of registration of the application.
    application_number: Mapped[str] = mapped_column(String(32), index=True)
    application_date: Mapped[dt.date]
    #: T1 2: number of right holders.
    right_holder_count: Mapped[int]
    #: The party that filed the application (right holder or representative, R174 p.10).
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"), index=True)
    #: T1 5.1.1: five digits with leading zeros, one sequence for every kind.
    sequence_number: Mapped[str | None] = mapped_column(String(5))
    #: T1 5.1.2: АП, СП or ТЗ (Cyrillic, as in the law).
    kind_code: Mapped[str] = mapped_column(String(2))
    #: T1 5.1.3: four digits with leading zeros.
    decision_number: Mapped[str | None] = mapped_column(String(4))
    #: T1 5.1.4.
    inclusion_date: Mapped[dt.date | None]
    #: T1 5.8.
    registration_form_number: Mapped[str | None] = mapped_column(String(64))
    #: End of the protection period the applicant asks for (becomes T1 5.9 at inclusion).
    requested_protection_end: Mapped[dt.date | None]
    #: The PRC.001 case that declared the object.
    inclusion_case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    #: T1 9: technical characteristics of the record: validity period and update date.
    valid_from: Mapped[dt.datetime | None]
    valid_to: Mapped[dt.datetime | None]
    record_updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: When the turnover data (T1 6.4, PRC.007) last changed (PRC.008).
    turnover_updated_at: Mapped[dt.datetime | None]


class EaeuProtectionPeriod(Base):
    """T1 5.9 (1..*): a period for which customs measures are required; prolongations add one."""

    __tablename__ = "eaeu_protection_period"
    __table_args__ = owned_table_args(
        OWNER,
        UniqueConstraint("object_id", "seq", name="eaeu_protection_period_seq"),
        CheckConstraint("ends_on >= starts_on", name="period_order"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    object_id: Mapped[int] = mapped_column(_fk_object(), index=True)
    seq: Mapped[int]
    #: T1 5.9.1 and 5.9.2.
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    #: The day the period was granted (the register "as of" a date shows only those granted).
    granted_on: Mapped[dt.date]
    basis_number: Mapped[str | None] = mapped_column(String(64))
    basis_date: Mapped[dt.date | None]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)


class EaeuGoodsDetail(Base):
    """T1 6.5 (0..1 per goods item): circumstances in which movement is not an infringement."""

    __tablename__ = "eaeu_goods_detail"
    __table_args__ = owned_table_args(OWNER)

    goods_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object_goods.id", ondelete="CASCADE"), primary_key=True)
    object_id: Mapped[int] = mapped_column(_fk_object(), index=True)
    exemption_circumstances: Mapped[str | None] = mapped_column(Text)


# ---------------------------------------------------------------- T1 6.4: turnover data


class EaeuTurnover(Base):
    """T1 6.4 (1..2 per goods item, one per value of the legality flag 6.4.1)."""

    __tablename__ = "eaeu_turnover"
    __table_args__ = owned_table_args(
        OWNER,
        UniqueConstraint("goods_id", "legality", name="eaeu_turnover_goods_legality"),
        CheckConstraint("legality in (0, 1)", name="legality"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    object_id: Mapped[int] = mapped_column(_fk_object(), index=True)
    goods_id: Mapped[int] = mapped_column(
        ForeignKey("ip_object_goods.id", ondelete="CASCADE"), index=True)
    #: 6.4.1: 1 original goods, 0 goods showing signs of infringement.
    legality: Mapped[int]
    #: 6.4.5 (0..1).
    accompanying_documents: Mapped[str | None] = mapped_column(Text)

    parties: Mapped[list[EaeuTurnoverParty]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuTurnoverParty.position")
    logistics: Mapped[list[EaeuLogistics]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuLogistics.position")
    features: Mapped[list[EaeuGoodsFeature]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuGoodsFeature.position")


class EaeuTurnoverParty(Base):
    """T1 6.4.2 (1..*): a person involved in the turnover (table 2) with its roles (table 7)."""

    __tablename__ = "eaeu_turnover_party"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    turnover_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_turnover.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    #: 6.4.2.2 (1..*): role codes of table 7.
    roles: Mapped[list[str]] = mapped_column(default=list)

    party: Mapped[Party] = relationship(lazy="raise")


class EaeuLogistics(Base):
    """T1 6.4.3 (1..*): logistics operations."""

    __tablename__ = "eaeu_logistics"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    turnover_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_turnover.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    routes: Mapped[list[EaeuRoute]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuRoute.position")
    border_crossings: Mapped[list[EaeuBorderCrossing]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuBorderCrossing.position")
    customs_places: Mapped[list[EaeuCustomsPlace]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuCustomsPlace.position")


class EaeuRoute(Base):
    """T1 6.4.3.1 (1..*): a route of movement (transit), table 8."""

    __tablename__ = "eaeu_route"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    logistics_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_logistics.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    points: Mapped[list[EaeuRoutePoint]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuRoutePoint.seq")


class EaeuRoutePoint(Base):
    """Table 8 item 1 (1..*): a point of the route and the mode of transport."""

    __tablename__ = "eaeu_route_point"
    __table_args__ = owned_table_args(
        OWNER,
        CheckConstraint("point_kind is null or point_kind in ('1', '2', '3', '4')",
                        name="point_kind"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    route_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_route.id", ondelete="CASCADE"), index=True)
    #: 1.1 sequence number; 1.2 country; 1.3 UN/LOCODE; 1.4 name.
    seq: Mapped[int]
    country: Mapped[str] = mapped_column(String(2))
    locode: Mapped[str | None] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text)
    #: 1.5: mode of transport on departure (P.CLS.015).
    departure_transport_mode: Mapped[str | None] = mapped_column(String(4))
    #: 1.6: 1 transhipment, 2 storage, 3 border crossing, 4 customs operations and control.
    point_kind: Mapped[str | None] = mapped_column(String(1))


class EaeuBorderCrossing(Base):
    """T1 6.4.3.2 (1..*): a place of crossing the customs border of the Union."""

    __tablename__ = "eaeu_border_crossing"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    logistics_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_logistics.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: 6.4.3.2.1 (0..1) and 6.4.3.2.2 (1).
    checkpoint_code: Mapped[str | None] = mapped_column(String(32))
    checkpoint_name: Mapped[str] = mapped_column(Text)


class EaeuCustomsPlace(Base):
    """T1 6.4.3.3 (1..*), table 9: a place of customs operations and customs control."""

    __tablename__ = "eaeu_customs_place"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    logistics_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_logistics.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: T9 1-4.
    country: Mapped[str | None] = mapped_column(String(2))
    customs_code: Mapped[str | None] = mapped_column(String(16))
    customs_name: Mapped[str | None] = mapped_column(Text)
    control_zone: Mapped[str | None] = mapped_column(String(64))
    #: T9 5 (0..1): address where the goods are located, table 5 items 1-12.
    has_location: Mapped[bool] = mapped_column(default=False)
    location_kind: Mapped[str | None] = mapped_column(String(2))
    location_country: Mapped[str | None] = mapped_column(String(2))
    location_territory_code: Mapped[str | None] = mapped_column(String(32))
    location_region: Mapped[str | None] = mapped_column(Text)
    location_district: Mapped[str | None] = mapped_column(Text)
    location_city: Mapped[str | None] = mapped_column(Text)
    location_settlement: Mapped[str | None] = mapped_column(Text)
    location_street: Mapped[str | None] = mapped_column(Text)
    location_building: Mapped[str | None] = mapped_column(String(64))
    location_premises: Mapped[str | None] = mapped_column(String(64))
    location_postal_code: Mapped[str | None] = mapped_column(String(16))
    location_po_box: Mapped[str | None] = mapped_column(String(32))


class EaeuGoodsFeature(Base):
    """T1 6.4.4 (1..*), table 10: features of the goods and of their transport."""

    __tablename__ = "eaeu_goods_feature"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    turnover_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_turnover.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: T10 1, 2, 3 (0..*).
    brand_model: Mapped[str | None] = mapped_column(Text)
    characteristics: Mapped[str | None] = mapped_column(Text)
    identification_means: Mapped[list[str]] = mapped_column(default=list)

    transport: Mapped[list[EaeuTransportFeature]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuTransportFeature.position")
    files: Mapped[list[EaeuFeatureFile]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="EaeuFeatureFile.position",
        foreign_keys="EaeuFeatureFile.feature_id")


class EaeuTransportFeature(Base):
    """Table 10 item 6 (0..*): features of the transport of the goods."""

    __tablename__ = "eaeu_transport_feature"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    feature_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_goods_feature.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: T10 6.1 (P.CLS.018), 6.2, 6.3.
    package_kind: Mapped[str | None] = mapped_column(String(8))
    units_per_package: Mapped[int | None]
    identification_means: Mapped[str | None] = mapped_column(Text)

    files: Mapped[list[EaeuFeatureFile]] = relationship(
        lazy="raise", order_by="EaeuFeatureFile.position",
        foreign_keys="EaeuFeatureFile.transport_id", overlaps="files")


class EaeuFeatureFile(Base):
    """A file of table 10: item 4 (``image``), item 5 (``media``) or item 6.4
    (``transport_image``, with ``transport_id``)."""

    __tablename__ = "eaeu_feature_file"
    __table_args__ = owned_table_args(
        OWNER,
        CheckConstraint("role in ('image', 'media', 'transport_image')", name="role"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    feature_id: Mapped[int] = mapped_column(
        ForeignKey("eaeu_goods_feature.id", ondelete="CASCADE"), index=True)
    transport_id: Mapped[int | None] = mapped_column(
        ForeignKey("eaeu_transport_feature.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(default=0)
    file_sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))


# ---------------------------------------------------------------- procedures


class EaeuCaseObject(Base):
    """An IP object declared in a PRC.001 application (one registration form, T1 5.8)."""

    __tablename__ = "eaeu_case_object"
    __table_args__ = owned_table_args(
        OWNER,
        UniqueConstraint("case_id", "object_id", name="eaeu_case_object_once"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    object_id: Mapped[int] = mapped_column(_fk_object(), index=True)
    position: Mapped[int] = mapped_column(default=0)


class EaeuReviewResult(Base):
    """OPR.013/014: one authorized body's result for one declared object (R148 p.37)."""

    __tablename__ = "eaeu_review_result"
    __table_args__ = owned_table_args(
        OWNER,
        UniqueConstraint("case_id", "country", "object_id", name="eaeu_review_result_once"),
        CheckConstraint("result in ('possible', 'refused')", name="result"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    country: Mapped[str] = mapped_column(String(2))
    object_id: Mapped[int] = mapped_column(_fk_object(), index=True)
    result: Mapped[str] = mapped_column(String(16))
    grounds: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EaeuCcaMessage(Base):
    """A message between the Commission and one authorized body, with its confirmation.

    ``kind``: ``application`` (OPR.006, confirmed by OPR.007/008), ``withdrawal``
    (OPR.010, confirmed by OPR.011/012), ``result_notice`` (OPR.014, processed by
    OPR.015), ``inclusion`` (OPR.023, confirmed by OPR.024/025) and ``amendment``,
    ``prolongation``, ``exclusion``, ``turnover`` (R174 p.12(3), confirmed likewise).
    """

    __tablename__ = "eaeu_cca_message"
    __table_args__ = owned_table_args(
        OWNER,
        Index("ix_eaeu_cca_message_case_country", "case_id", "country", "kind"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    country: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(32))
    transaction: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime]
    confirmed_at: Mapped[dt.datetime | None]
    confirmed_by: Mapped[str | None] = mapped_column(String(64))


class EaeuMemberStateAuthority(Base):
    """The party that is the central customs authority of a member state."""

    __tablename__ = "eaeu_member_state"
    __table_args__ = owned_table_args(OWNER)

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    authority_party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), unique=True)


class EaeuExtractRecord(Base):
    """An issued extract (P.SP.01.PRC.011): its number and date, the entry, what it
    certified (``content``, the JSON the PDF shows), its SHA-256 and verification code.
    The public verification (``GET /eaeu/extracts/{number}/verify``) and the PDF's
    download URL read it, so both work on every replica and after restarts."""

    __tablename__ = "eaeu_extract"
    __table_args__ = owned_table_args(OWNER)

    number: Mapped[str] = mapped_column(String(16), primary_key=True)
    issued_at: Mapped[dt.datetime]
    object_id: Mapped[int | None] = mapped_column(
        ForeignKey("ip_object.id", ondelete="SET NULL"), index=True)
    registration_number: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    content_sha256: Mapped[str] = mapped_column(String(64))
    verification_code: Mapped[str] = mapped_column(String(24))
    content: Mapped[dict[str, object]] = mapped_column(Json)
    issued_to: Mapped[str | None] = mapped_column(String(200))


MODELS: list[type[Base]] = [
    EaeuEntry,
    EaeuProtectionPeriod,
    EaeuGoodsDetail,
    EaeuTurnover,
    EaeuTurnoverParty,
    EaeuLogistics,
    EaeuRoute,
    EaeuRoutePoint,
    EaeuBorderCrossing,
    EaeuCustomsPlace,
    EaeuGoodsFeature,
    EaeuTransportFeature,
    EaeuFeatureFile,
    EaeuCaseObject,
    EaeuReviewResult,
    EaeuCcaMessage,
    EaeuMemberStateAuthority,
    EaeuExtractRecord,
]
