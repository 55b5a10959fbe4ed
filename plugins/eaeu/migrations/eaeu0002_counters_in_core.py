"""eaeu: the register's sequences move to the core counter table

The values of ``eaeu_counter`` (record numbers R174 A1 T1 5.1.1, decision
numbers 5.1.3) are copied to ``counter`` under scope ``eaeu`` and the table is
dropped; downgrading copies them back.

Revision ID: eaeu0002
Revises: eaeu0001
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "eaeu0002"
down_revision: str | None = "eaeu0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "c0006"


def upgrade() -> None:
    op.execute("INSERT INTO counter (scope, name, value) "
               "SELECT 'eaeu', name, value FROM eaeu_counter")
    op.drop_table("eaeu_counter")


def downgrade() -> None:
    op.create_table(
        "eaeu_counter",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_eaeu_counter")),
        info={"owner": "eaeu"},
    )
    op.execute("INSERT INTO eaeu_counter (name, value) "
               "SELECT name, value FROM counter WHERE scope = 'eaeu'")
    op.execute("DELETE FROM counter WHERE scope = 'eaeu'")
