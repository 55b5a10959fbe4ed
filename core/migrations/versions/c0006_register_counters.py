"""register counters

The core ``counter`` table: named sequences of each register (scope =
jurisdiction), taken by ``ipreg.core.services.numbering``.

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c0006"
down_revision: str | None = "c0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "counter",
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "name", name=op.f("pk_counter")),
        info={"owner": "core"},
    )


def downgrade() -> None:
    op.drop_table("counter")
