"""ukraine_gi: the GI register's tables (applications, the file, fees, oppositions, limit
requests; digest §2.8)

Revision ID: uagi0001
Revises:
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db

revision: str = "uagi0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("ukraine_gi",)
depends_on: str | Sequence[str] | None = "core"

ID = ipreg.core.db.BigId
JSON = ipreg.core.db.Json
TS = ipreg.core.db.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ua_gi_application",
        sa.Column("case_id", ID, nullable=False),
        sa.Column("number", sa.String(length=10), nullable=True),
        sa.Column("object_id", ID, nullable=True),
        sa.Column("applicant_reference", sa.String(length=100), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("regime", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("claimed_name", sa.String(length=500), nullable=False),
        sa.Column("product_name", sa.String(length=500), nullable=True),
        sa.Column("country_of_origin", sa.String(length=2), nullable=False),
        sa.Column("place_in_ukraine", sa.Boolean(), nullable=False),
        sa.Column("applicant_name", sa.String(length=500), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("filing_date", sa.Date(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("examiner", sa.String(length=200), nullable=True),
        sa.Column("former_examiners", JSON, nullable=False),
        sa.Column("form", JSON, nullable=False),
        sa.Column("specification", JSON, nullable=True),
        sa.Column("single_document", JSON, nullable=True),
        sa.Column("foreign_documents", JSON, nullable=True),
        sa.Column("agreement", JSON, nullable=True),
        sa.Column("signature", JSON, nullable=True),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint(
            "kind in ('geographical_indication', 'designation_of_origin')",
            name=op.f("ck_ua_gi_application_kind"),
        ),
        sa.CheckConstraint(
            "number is null or length(number) = 10", name=op.f("ck_ua_gi_application_number_length")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_ua_gi_application_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_ua_gi_application_object_id_ip_object"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_ua_gi_application")),
        sa.UniqueConstraint("number", name="ua_gi_application_number"),
        info={"owner": "ukraine_gi"},
    )
    op.create_index(
        "ix_ua_gi_application_filing_date", "ua_gi_application", ["filing_date"], unique=False
    )
    op.create_index(
        op.f("ix_ua_gi_application_object_id"), "ua_gi_application", ["object_id"], unique=False
    )
    op.create_table(
        "ua_gi_fee",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("credited_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("refunded_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.CheckConstraint(
            "status in ('due', 'paid', 'nonconforming', 'disregarded', 'refunded', 'exempt')",
            name=op.f("ck_ua_gi_fee_status"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_ua_gi_fee_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ua_gi_fee")),
        info={"owner": "ukraine_gi"},
    )
    op.create_index(op.f("ix_ua_gi_fee_case_id"), "ua_gi_fee", ["case_id"], unique=False)
    op.create_table(
        "ua_gi_file_item",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("incoming_number", sa.String(length=20), nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("dated_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("transition", sa.String(length=48), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("refers_to", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("receipt_basis", sa.String(length=200), nullable=True),
        sa.Column("at", TS, nullable=False),
        sa.CheckConstraint("direction in ('in', 'out')", name=op.f("ck_ua_gi_file_item_direction")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_ua_gi_file_item_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ua_gi_file_item")),
        sa.UniqueConstraint("case_id", "seq", name="ua_gi_file_item_seq"),
        sa.UniqueConstraint("incoming_number", name="ua_gi_file_item_incoming_number"),
        info={"owner": "ukraine_gi"},
    )
    op.create_index(
        op.f("ix_ua_gi_file_item_case_id"), "ua_gi_file_item", ["case_id"], unique=False
    )
    op.create_table(
        "ua_gi_opposition",
        sa.Column("case_id", ID, nullable=False),
        sa.Column("application_case_id", ID, nullable=False),
        sa.Column("opponent_name", sa.String(length=500), nullable=False),
        sa.Column("dated_on", sa.Date(), nullable=False),
        sa.Column("content", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["application_case_id"],
            ["case.id"],
            name=op.f("fk_ua_gi_opposition_application_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_ua_gi_opposition_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_ua_gi_opposition")),
        info={"owner": "ukraine_gi"},
    )
    op.create_index(
        op.f("ix_ua_gi_opposition_application_case_id"),
        "ua_gi_opposition",
        ["application_case_id"],
        unique=False,
    )
    op.create_table(
        "ua_gi_limit_request",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("limit_code", sa.String(length=48), nullable=False),
        sa.Column("request_date", sa.Date(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("fee_id", ID, nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("basis", sa.String(length=200), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.CheckConstraint(
            "kind in ('extension', 'restoration')", name=op.f("ck_ua_gi_limit_request_kind")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_ua_gi_limit_request_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fee_id"], ["ua_gi_fee.id"], name=op.f("fk_ua_gi_limit_request_fee_id_ua_gi_fee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ua_gi_limit_request")),
        info={"owner": "ukraine_gi"},
    )
    op.create_index(
        op.f("ix_ua_gi_limit_request_case_id"), "ua_gi_limit_request", ["case_id"], unique=False
    )
    # ### end Alembic commands ###


def downgrade() -> None:
    op.drop_index(op.f("ix_ua_gi_limit_request_case_id"), table_name="ua_gi_limit_request")
    op.drop_table("ua_gi_limit_request")
    op.drop_index(op.f("ix_ua_gi_opposition_application_case_id"), table_name="ua_gi_opposition")
    op.drop_table("ua_gi_opposition")
    op.drop_index(op.f("ix_ua_gi_file_item_case_id"), table_name="ua_gi_file_item")
    op.drop_table("ua_gi_file_item")
    op.drop_index(op.f("ix_ua_gi_fee_case_id"), table_name="ua_gi_fee")
    op.drop_table("ua_gi_fee")
    op.drop_index(op.f("ix_ua_gi_application_object_id"), table_name="ua_gi_application")
    op.drop_index("ix_ua_gi_application_filing_date", table_name="ua_gi_application")
    op.drop_table("ua_gi_application")
    # ### end Alembic commands ###
