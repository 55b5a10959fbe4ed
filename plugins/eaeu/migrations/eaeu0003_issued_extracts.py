"""eaeu: issued extracts (P.SP.01.PRC.011), for their public verification and download

Revision ID: eaeu0003
Revises: eaeu0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db

revision: str = "eaeu0003"
down_revision: str | None = "eaeu0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = ipreg.core.db.Json
ID = ipreg.core.db.BigId
TS = ipreg.core.db.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "eaeu_extract",
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("object_id", ID, nullable=True),
        sa.Column("registration_number", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("verification_code", sa.String(length=24), nullable=False),
        sa.Column("content", JSON, nullable=False),
        sa.Column("issued_to", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["object_id"], ["ip_object.id"],
                                name=op.f("fk_eaeu_extract_object_id_ip_object"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_eaeu_extract")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_extract", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_eaeu_extract_object_id"), ["object_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("eaeu_extract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_extract_object_id"))
    op.drop_table("eaeu_extract")
