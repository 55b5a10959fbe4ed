"""example: notes on IP objects

Revision ID: e0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "e0001"
down_revision = None
branch_labels = ("example",)
depends_on = "core"


def upgrade() -> None:
    op.create_table(
        "example_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "object_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_example_note_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_example_note")),
    )


def downgrade() -> None:
    op.drop_table("example_note")
