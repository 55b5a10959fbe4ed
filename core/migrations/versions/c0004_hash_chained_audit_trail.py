"""hash-chained audit trail

Revision ID: c0004
Revises: c0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

revision: str = "c0004"
down_revision: str | None = "c0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
