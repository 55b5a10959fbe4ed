"""The GI register's own tables (digest §2.8): the application beside its case, the file
of registered documents (append-only, §3.4), fees and payments (§3.2), oppositions (§4.8)
and the applicant's extension and restoration requests with their limits (§5.2-5.3).

The application's state, steps and time limits are the core case's (``case``,
``case_step``, ``case_deadline``); its published data become an ``ip_object`` of the
``ua_gi`` jurisdiction at publication (GI rules V.6).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ipreg.core.db import Base, BigId, Json, owned_table_args, utcnow

OWNER = "ukraine_gi"


def _case() -> ForeignKey:
    return ForeignKey("case.id", ondelete="CASCADE")


class UaGiApplication(Base):
    """An application for registration of a GI (GI rules II.1; digest §2.3-2.7).

    ``number`` is ``i`` + the filing year + five digits (GI rules III.2.3), given when
    the request with the applicant's data is registered; an electronic application
    awaiting its technical check (III.2.5) has none yet.
    """

    __tablename__ = "ua_gi_application"
    __table_args__ = owned_table_args(
        OWNER,
        CheckConstraint("number is null or length(number) = 10", name="number_length"),
        CheckConstraint("kind in ('geographical_indication', 'designation_of_origin')",
                        name="kind"),
        UniqueConstraint("number", name="ua_gi_application_number"),
        Index("ix_ua_gi_application_filing_date", "filing_date"),
    )

    case_id: Mapped[int] = mapped_column(_case(), primary_key=True)
    number: Mapped[str | None] = mapped_column(String(10))
    object_id: Mapped[int | None] = mapped_column(
        ForeignKey("ip_object.id", ondelete="SET NULL"), index=True)
    #: Form section 1 (II.3.2).
    applicant_reference: Mapped[str | None] = mapped_column(String(100))
    #: Form section 2 (II.3.3).
    kind: Mapped[str] = mapped_column(String(32))
    #: general / agri_food / spirit_drink (digest §1.4).
    regime: Mapped[str] = mapped_column(String(16))
    #: paper_direct / paper_post / electronic (III.1).
    channel: Mapped[str] = mapped_column(String(16))
    #: Form section 6 (II.3.7): the claimed name in capital letters.
    claimed_name: Mapped[str] = mapped_column(String(500))
    product_name: Mapped[str | None] = mapped_column(String(500))
    country_of_origin: Mapped[str] = mapped_column(String(2))
    place_in_ukraine: Mapped[bool]
    applicant_name: Mapped[str] = mapped_column(String(500))
    #: When UKRNOIVI received the request (III.2.1, III.2.5, III.1.11).
    received_on: Mapped[dt.date | None]
    #: V.3: the filing date once established.
    filing_date: Mapped[dt.date | None]
    #: V.6: publication of the application data in the Bulletin.
    published_on: Mapped[dt.date | None]
    #: V.1.1: the examiner assigned (subject of the principal).
    examiner: Mapped[str | None] = mapped_column(String(200))
    #: Every examiner who took part (GI rules V.1.4: not again after an annulment).
    former_examiners: Mapped[list[Any]] = mapped_column(Json, default=list)
    #: The form (§2.3), the specification (§2.4), single document (§2.6), foreign
    #: protection documents (§2.5) and the competent authority's agreement (§2.7).
    form: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    specification: Mapped[dict[str, Any] | None] = mapped_column(Json)
    single_document: Mapped[dict[str, Any] | None] = mapped_column(Json)
    foreign_documents: Mapped[list[Any] | None] = mapped_column(Json)
    agreement: Mapped[dict[str, Any] | None] = mapped_column(Json)
    signature: Mapped[dict[str, Any] | None] = mapped_column(Json)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class UaGiFileItem(Base):
    """One registered document of an application's file (справа за заявкою, III.2.2,
    III.2.7, digest §3.4), append-only: incoming documents with their incoming number and
    date of receipt (III.2.1), and every outgoing notice, with its channel and its
    receipt (actual or deemed, IV.8-IV.9) recorded as a later item."""

    __tablename__ = "ua_gi_file_item"
    __table_args__ = owned_table_args(
        OWNER,
        CheckConstraint("direction in ('in', 'out')", name="direction"),
        UniqueConstraint("case_id", "seq", name="ua_gi_file_item_seq"),
        UniqueConstraint("incoming_number", name="ua_gi_file_item_incoming_number"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(_case(), index=True)
    seq: Mapped[int]
    direction: Mapped[str] = mapped_column(String(3))
    #: III.2.1: incoming documents only.
    incoming_number: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(64))
    #: Date of receipt (incoming) or of sending (outgoing).
    dated_on: Mapped[dt.date]
    channel: Mapped[str] = mapped_column(String(32))
    transition: Mapped[str | None] = mapped_column(String(48))
    summary: Mapped[str] = mapped_column(Text, default="")
    #: For a receipt record: the seq of the outgoing item received, and how (IV.8-IV.9).
    refers_to: Mapped[int | None]
    received_on: Mapped[dt.date | None]
    receipt_basis: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class UaGiFee(Base):
    """A fee due or paid (GI rules III.1.10, V.4, V.7.5, VI.2.2, VI.2.7, VI.3.6; digest
    §3.2). Amounts come from the Fee Procedure (CMU res. 1716/2004), not in the seed:
    they are configuration (:mod:`ipreg.plugins.ukraine.gi.fees`)."""

    __tablename__ = "ua_gi_fee"
    __table_args__ = owned_table_args(
        OWNER,
        CheckConstraint("status in ('due', 'paid', 'nonconforming', 'disregarded', "
                        "'refunded', 'exempt')", name="status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(_case(), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    amount: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16))
    paid_on: Mapped[dt.date | None]
    credited_on: Mapped[dt.date | None]
    reference: Mapped[str | None] = mapped_column(String(100))
    refunded_on: Mapped[dt.date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class UaGiOpposition(Base):
    """An opposition (заперечення, GI rules V.7) against one application: its own case
    (procedure UA.GI.OPP), its opponent and its date (V.7.5 ¶5)."""

    __tablename__ = "ua_gi_opposition"
    __table_args__ = owned_table_args(OWNER)

    case_id: Mapped[int] = mapped_column(_case(), primary_key=True)
    application_case_id: Mapped[int] = mapped_column(
        ForeignKey("case.id", ondelete="CASCADE"), index=True)
    opponent_name: Mapped[str] = mapped_column(String(500))
    #: V.7.5 ¶5: date of posting, delivery or sending if the fee was paid by then, else
    #: the fee's payment date.
    dated_on: Mapped[dt.date]
    content: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)


class UaGiLimitRequest(Base):
    """An extension (GI rules VI.2.1-2.4) or restoration (VI.2.5-2.9) request on one time
    limit of an application: its date (VI.2.2 ¶2, VI.2.7 ¶2), length, fee and outcome;
    the limit's own history (``case_deadline.history``) records the change with this
    basis."""

    __tablename__ = "ua_gi_limit_request"
    __table_args__ = owned_table_args(
        OWNER, CheckConstraint("kind in ('extension', 'restoration')", name="kind"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(_case(), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    limit_code: Mapped[str] = mapped_column(String(48))
    request_date: Mapped[dt.date]
    months: Mapped[int | None]
    reasons: Mapped[str | None] = mapped_column(Text)
    fee_id: Mapped[int | None] = mapped_column(ForeignKey("ua_gi_fee.id"))
    outcome: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class UaGiDocument(Base):
    """A document of an application's file attached as an uploaded PDF (GI rules II.2.3-2.5):
    which file, of what kind, by which act. Its foreign key to ``stored_file`` lets UKRNOIVI's
    officials download the file (``GET /files/{sha256}``); the applicant who uploaded it
    always may."""

    __tablename__ = "ua_gi_document"
    __table_args__ = owned_table_args(OWNER)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(_case(), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    file_sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), index=True)
    title: Mapped[str | None] = mapped_column(String(300))
    pages: Mapped[int | None]
    transition: Mapped[str] = mapped_column(String(48))
    received_on: Mapped[dt.date]
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


MODELS = [UaGiApplication, UaGiFileItem, UaGiFee, UaGiOpposition, UaGiLimitRequest,
          UaGiDocument]
