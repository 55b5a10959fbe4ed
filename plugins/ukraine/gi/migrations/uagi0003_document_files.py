"""ukraine_gi: documents attached as uploaded files (GI rules II.2.3-2.5)

Revision ID: uagi0003_documents
Revises: uagi0002src
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db

revision: str = "uagi0003_documents"
down_revision: str | None = "uagi0002src"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = ipreg.core.db.BigId
TS = ipreg.core.db.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ua_gi_document",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("transition", sa.String(length=48), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"],
                                name=op.f("fk_ua_gi_document_case_id_case"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["file_sha256"], ["stored_file.sha256"],
                                name=op.f("fk_ua_gi_document_file_sha256_stored_file")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ua_gi_document")),
        info={"owner": "ukraine_gi"},
    )
    op.create_index(op.f("ix_ua_gi_document_case_id"), "ua_gi_document", ["case_id"],
                    unique=False)
    op.create_index(op.f("ix_ua_gi_document_file_sha256"), "ua_gi_document", ["file_sha256"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_ua_gi_document_file_sha256"), table_name="ua_gi_document")
    op.drop_index(op.f("ix_ua_gi_document_case_id"), table_name="ua_gi_document")
    op.drop_table("ua_gi_document")
