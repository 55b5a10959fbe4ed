"""party versions

The core ``party_version`` table: the table 2 data a party had until a filing
replaced them (``PartyStore(refresh=...)``), for the register "as of" a day.

Revision ID: c0008
Revises: c0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql, sqlite

import ipreg.core.db.base

revision: str = "c0008"
down_revision: str | None = "c0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "party_version",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("party_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_to", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("items", sa.JSON()
                  .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
                  .with_variant(sqlite.JSON(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], ondelete="CASCADE",
                                name=op.f("fk_party_version_party_id_party")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_version")),
        sa.UniqueConstraint("party_id", "version", name="party_version_once"),
        info={"owner": "core"},
    )
    op.create_index(op.f("ix_party_version_party_id"), "party_version", ["party_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_party_version_party_id"), table_name="party_version")
    op.drop_table("party_version")
