"""notification delivery

The outbox dispatcher claims a notification before delivering it
(``claimed_by``/``claimed_at``, so a crashed dispatcher's claim can be taken
back) and every change bumps ``version``, the change feed's version of the row.

Revision ID: c0005
Revises: c0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db.base

revision: str = "c0005"
down_revision: str | None = "c0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=128), nullable=True))
        batch_op.add_column(
            sa.Column("claimed_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=True)
        )
        # Rows written before this revision start at version 1, like new ones.
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("claimed_at")
        batch_op.drop_column("claimed_by")
