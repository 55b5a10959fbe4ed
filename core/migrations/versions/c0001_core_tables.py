"""core tables

Revision ID: c0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql, sqlite

import ipreg.core.db.base

revision: str = "c0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("core",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_event",
        sa.Column(
            "position",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("committed_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("jurisdiction", sa.String(length=32), nullable=True),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("operation", sa.String(length=16), nullable=False),
        sa.Column(
            "payload",
            sa.JSON()
            .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
            .with_variant(sqlite.JSON(), "sqlite"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_change_event")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("change_event", schema=None) as batch_op:
        batch_op.create_index("ix_change_event_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "feed_cursor",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_feed_cursor")),
        info={"owner": "core"},
    )
    feed_head = op.create_table(
        "feed_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_head")),
        info={"owner": "core"},
    )
    # The one row whose lock orders the change feed (see ipreg.core.model.events).
    op.bulk_insert(feed_head, [{"id": 1, "position": 0}])
    op.create_table(
        "ip_object",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("jurisdiction", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("register_number", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=48), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object")),
        sa.UniqueConstraint("jurisdiction", "register_number", name="jurisdiction_register_number"),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ip_object_jurisdiction_kind_status",
            ["jurisdiction", "kind", "status"],
            unique=False,
        )

    op.create_table(
        "party",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("party_type", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("short_name", sa.Text(), nullable=True),
        sa.Column("taxpayer_id", sa.String(length=64), nullable=True),
        sa.Column("tax_registration_reason_code", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("party_type in ('legal', 'natural')", name=op.f("ck_party_party_type")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_taxpayer_id"), ["taxpayer_id"], unique=False)

    op.create_table(
        "stored_file",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=127), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=True),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_stored_file")),
        info={"owner": "core"},
    )
    op.create_table(
        "case",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("jurisdiction", sa.String(length=32), nullable=False),
        sa.Column("procedure", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "applicant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "data",
            sa.JSON()
            .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
            .with_variant(sqlite.JSON(), "sqlite"),
            nullable=False,
        ),
        sa.Column("opened_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["applicant_id"], ["party.id"], name=op.f("fk_case_applicant_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["object_id"], ["ip_object.id"], name=op.f("fk_case_object_id_ip_object")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case")),
        sa.UniqueConstraint("number", name=op.f("uq_case_number")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_object_id"), ["object_id"], unique=False)
        batch_op.create_index("ix_case_procedure_state", ["procedure", "state"], unique=False)

    op.create_table(
        "document",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("kind_code", sa.String(length=32), nullable=True),
        sa.Column("kind_name", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("series", sa.String(length=64), nullable=True),
        sa.Column("number", sa.String(length=128), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("validity", sa.String(length=64), nullable=True),
        sa.Column("issuer_id", sa.String(length=64), nullable=True),
        sa.Column("issuer_name", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("sheet_count", sa.Integer(), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_sha256"],
            ["stored_file.sha256"],
            name=op.f("fk_document_file_sha256_stored_file"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        info={"owner": "core"},
    )
    op.create_table(
        "ip_object_goods",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_ip_object_goods_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object_goods")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object_goods", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ip_object_goods_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "ip_object_keyword",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("transliteration", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_ip_object_keyword_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object_keyword")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object_keyword", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ip_object_keyword_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "ip_object_party",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("party_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_ip_object_party_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_ip_object_party_party_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object_party")),
        sa.UniqueConstraint("object_id", "party_id", "role", name="object_party_role"),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object_party", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ip_object_party_object_id"), ["object_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_ip_object_party_party_id"), ["party_id"], unique=False)

    op.create_table(
        "ip_object_right_term",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("term_defined", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_ip_object_right_term_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object_right_term")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object_right_term", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ip_object_right_term_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "ip_object_status",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("status", sa.String(length=48), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("basis_number", sa.String(length=64), nullable=True),
        sa.Column("basis_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_ip_object_status_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object_status")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object_status", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ip_object_status_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "party_address",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("party_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=2), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("territory_code", sa.String(length=32), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("district", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("settlement", sa.Text(), nullable=True),
        sa.Column("street", sa.Text(), nullable=True),
        sa.Column("building", sa.String(length=64), nullable=True),
        sa.Column("premises", sa.String(length=64), nullable=True),
        sa.Column("postal_code", sa.String(length=16), nullable=True),
        sa.Column("po_box", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_party_address_party_id_party"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_address")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("party_address", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_address_party_id"), ["party_id"], unique=False)

    op.create_table(
        "party_contact",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("party_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=2), nullable=True),
        sa.Column("channel_name", sa.Text(), nullable=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_party_contact_party_id_party"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_contact")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("party_contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_contact_party_id"), ["party_id"], unique=False)

    op.create_table(
        "party_employee",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("party_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("surname", sa.Text(), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=True),
        sa.Column("patronymic", sa.Text(), nullable=True),
        sa.Column("job_title", sa.Text(), nullable=True),
        sa.Column("phone", sa.String(length=64), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_party_employee_party_id_party"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_employee")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("party_employee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_employee_party_id"), ["party_id"], unique=False)

    op.create_table(
        "party_identity_document",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("party_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("kind_code", sa.String(length=16), nullable=True),
        sa.Column("kind_name", sa.Text(), nullable=True),
        sa.Column("series", sa.String(length=32), nullable=True),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("issuer_id", sa.String(length=64), nullable=True),
        sa.Column("issuer_name", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_party_identity_document_party_id_party"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_identity_document")),
        sa.UniqueConstraint("party_id", name=op.f("uq_party_identity_document_party_id")),
        info={"owner": "core"},
    )
    op.create_table(
        "decision",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=True),
        sa.Column(
            "document_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_decision_case_id_case"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_decision_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_case_id"), ["case_id"], unique=False)

    op.create_table(
        "ip_object_document",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "document_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_ip_object_document_document_id_document"),
        ),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_ip_object_document_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object_document")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ip_object_document_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ip_object_document_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "ip_object_goods_code",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("goods_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("scheme", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["goods_id"],
            ["ip_object_goods.id"],
            name=op.f("fk_ip_object_goods_code_goods_id_ip_object_goods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object_goods_code")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object_goods_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ip_object_goods_code_code"), ["code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_ip_object_goods_code_goods_id"), ["goods_id"], unique=False
        )

    op.create_table(
        "ip_object_nice_class",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("goods_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["goods_id"],
            ["ip_object_goods.id"],
            name=op.f("fk_ip_object_nice_class_goods_id_ip_object_goods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_object_nice_class")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("ip_object_nice_class", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ip_object_nice_class_goods_id"), ["goods_id"], unique=False
        )

    op.create_table(
        "notification",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "addressee_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("addressee_role", sa.String(length=64), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "payload",
            sa.JSON()
            .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
            .with_variant(sqlite.JSON(), "sqlite"),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("received_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("confirmed_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["addressee_id"], ["party.id"], name=op.f("fk_notification_addressee_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_notification_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_addressee_id"), ["addressee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notification_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_notification_dispatch", ["status", "next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_dispatch")
        batch_op.drop_index(batch_op.f("ix_notification_case_id"))
        batch_op.drop_index(batch_op.f("ix_notification_addressee_id"))

    op.drop_table("notification")
    with op.batch_alter_table("ip_object_nice_class", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ip_object_nice_class_goods_id"))

    op.drop_table("ip_object_nice_class")
    with op.batch_alter_table("ip_object_goods_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ip_object_goods_code_goods_id"))
        batch_op.drop_index(batch_op.f("ix_ip_object_goods_code_code"))

    op.drop_table("ip_object_goods_code")
    with op.batch_alter_table("ip_object_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ip_object_document_object_id"))
        batch_op.drop_index(batch_op.f("ix_ip_object_document_document_id"))

    op.drop_table("ip_object_document")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_case_id"))

    op.drop_table("decision")
    op.drop_table("party_identity_document")
    with op.batch_alter_table("party_employee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_employee_party_id"))

    op.drop_table("party_employee")
    with op.batch_alter_table("party_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_contact_party_id"))

    op.drop_table("party_contact")
    with op.batch_alter_table("party_address", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_address_party_id"))

    op.drop_table("party_address")
    with op.batch_alter_table("ip_object_status", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ip_object_status_object_id"))

    op.drop_table("ip_object_status")
    with op.batch_alter_table("ip_object_right_term", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ip_object_right_term_object_id"))

    op.drop_table("ip_object_right_term")
    with op.batch_alter_table("ip_object_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ip_object_party_party_id"))
        batch_op.drop_index(batch_op.f("ix_ip_object_party_object_id"))

    op.drop_table("ip_object_party")
    with op.batch_alter_table("ip_object_keyword", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ip_object_keyword_object_id"))

    op.drop_table("ip_object_keyword")
    with op.batch_alter_table("ip_object_goods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ip_object_goods_object_id"))

    op.drop_table("ip_object_goods")
    op.drop_table("document")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_procedure_state")
        batch_op.drop_index(batch_op.f("ix_case_object_id"))
        batch_op.drop_index(batch_op.f("ix_case_applicant_id"))

    op.drop_table("case")
    op.drop_table("stored_file")
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_taxpayer_id"))

    op.drop_table("party")
    with op.batch_alter_table("ip_object", schema=None) as batch_op:
        batch_op.drop_index("ix_ip_object_jurisdiction_kind_status")

    op.drop_table("ip_object")
    op.drop_table("feed_head")
    op.drop_table("feed_cursor")
    with op.batch_alter_table("change_event", schema=None) as batch_op:
        batch_op.drop_index("ix_change_event_entity")

    op.drop_table("change_event")
