"""ukraine_gi: the official sources of GI rules V.8.4-8.5 (VR-46): editions, entries and
their folded forms

Revision ID: uagi0002src
Revises: uagi0001
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db

revision: str = "uagi0002src"
down_revision: str | None = "uagi0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = ipreg.core.db.BigId
JSON = ipreg.core.db.Json
TS = ipreg.core.db.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ua_gi_source_edition",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("edition", sa.String(length=100), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("loaded_by", sa.String(length=200), nullable=False),
        sa.Column("loaded_at", TS, nullable=False),
        sa.Column("replaced_at", TS, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ua_gi_source_edition")),
        info={"owner": "ukraine_gi"},
    )
    op.create_index("ix_ua_gi_source_edition_source", "ua_gi_source_edition",
                    ["source", "replaced_at"], unique=False)
    op.create_table(
        "ua_gi_source_entry",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("edition_id", ID, nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=500), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=True),
        sa.Column("attributes", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"], ["ua_gi_source_edition.id"],
            name=op.f("fk_ua_gi_source_entry_edition_id_ua_gi_source_edition"),
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ua_gi_source_entry")),
        info={"owner": "ukraine_gi"},
    )
    op.create_index(op.f("ix_ua_gi_source_entry_edition_id"), "ua_gi_source_entry",
                    ["edition_id"], unique=False)
    op.create_table(
        "ua_gi_source_form",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("entry_id", ID, nullable=False),
        sa.Column("edition_id", ID, nullable=False),
        sa.Column("form", sa.String(length=500), nullable=False),
        sa.Column("stem", sa.String(length=500), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"], ["ua_gi_source_edition.id"],
            name=op.f("fk_ua_gi_source_form_edition_id_ua_gi_source_edition"),
            ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["ua_gi_source_entry.id"],
            name=op.f("fk_ua_gi_source_form_entry_id_ua_gi_source_entry"),
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ua_gi_source_form")),
        info={"owner": "ukraine_gi"},
    )
    for column in ("edition_id", "entry_id", "form", "stem"):
        op.create_index(op.f(f"ix_ua_gi_source_form_{column}"), "ua_gi_source_form",
                        [column], unique=False)


def downgrade() -> None:
    for column in ("edition_id", "entry_id", "form", "stem"):
        op.drop_index(op.f(f"ix_ua_gi_source_form_{column}"), table_name="ua_gi_source_form")
    op.drop_table("ua_gi_source_form")
    op.drop_index(op.f("ix_ua_gi_source_entry_edition_id"), table_name="ua_gi_source_entry")
    op.drop_table("ua_gi_source_entry")
    op.drop_index("ix_ua_gi_source_edition_source", table_name="ua_gi_source_edition")
    op.drop_table("ua_gi_source_edition")
