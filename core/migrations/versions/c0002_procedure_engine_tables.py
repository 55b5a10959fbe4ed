"""procedure engine tables

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql, sqlite

import ipreg.core.db.base

revision: str = "c0002"
down_revision: str | None = "c0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql").with_variant(sqlite.JSON(), "sqlite")
TS = ipreg.core.db.base.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "idempotency_key",
        sa.Column("id", ID, nullable=False),
        sa.Column("principal", sa.String(length=128), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("operation", sa.String(length=256), nullable=False),
        sa.Column("result", JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_key")),
        sa.UniqueConstraint("principal", "key", name="idempotency_principal_key"),
        info={"owner": "core"},
    )
    op.create_table(
        "case_deadline",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("remaining_days", sa.Integer(), nullable=True),
        sa.Column("suspended_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("history", JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_case_deadline_case_id_case"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_deadline")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("case_deadline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_deadline_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_case_deadline_due", ["status", "due_at"], unique=False)
    op.create_table(
        "case_step",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("transition", sa.String(length=64), nullable=False),
        sa.Column("from_state", sa.String(length=64), nullable=True),
        sa.Column("to_state", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_party_id", sa.Integer(), nullable=True),
        sa.Column("on_behalf_of", sa.Integer(), nullable=True),
        sa.Column("roles", JSON, nullable=False),
        sa.Column("input", JSON, nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("at", TS, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_case_step_case_id_case"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_step")),
        sa.UniqueConstraint("case_id", "seq", name="case_step_seq"),
        info={"owner": "core"},
    )
    with op.batch_alter_table("case_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_step_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_step_case_id"))
    op.drop_table("case_step")
    with op.batch_alter_table("case_deadline", schema=None) as batch_op:
        batch_op.drop_index("ix_case_deadline_due")
        batch_op.drop_index(batch_op.f("ix_case_deadline_case_id"))
    op.drop_table("case_deadline")
    op.drop_table("idempotency_key")
