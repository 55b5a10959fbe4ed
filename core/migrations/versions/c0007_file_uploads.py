"""file uploads

The ``file_upload`` table (who uploaded a stored file, when, for what purpose)
and the pixel size and resolution of stored images (``stored_file.width``,
``height``, ``dpi``), read when an image is stored.

Revision ID: c0007
Revises: c0006
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db.base

revision: str = "c0007"
down_revision: str | None = "c0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stored_file") as batch:
        batch.add_column(sa.Column("width", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("height", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("dpi", sa.Integer(), nullable=True))
    op.create_table(
        "file_upload",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("api_key_id", sa.BigInteger(), nullable=True),
        sa.Column("party_id", sa.BigInteger(), nullable=True),
        sa.Column("subject", sa.String(length=255), nullable=True),
        sa.Column("purpose", sa.String(length=64), nullable=True),
        sa.Column("original_name", sa.Text(), nullable=True),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["file_sha256"], ["stored_file.sha256"],
                                name=op.f("fk_file_upload_file_sha256_stored_file")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_upload")),
        info={"owner": "core"},
    )
    op.create_index(op.f("ix_file_upload_file_sha256"), "file_upload", ["file_sha256"])


def downgrade() -> None:
    op.drop_index(op.f("ix_file_upload_file_sha256"), table_name="file_upload")
    op.drop_table("file_upload")
    with op.batch_alter_table("stored_file") as batch:
        batch.drop_column("dpi")
        batch.drop_column("height")
        batch.drop_column("width")
