"""ukraine_websites: the national list of websites (Order 2945 III.9, IV.6, V.1)

Revision ID: uaw0001
Revises:
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db

revision: str = "uaw0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("ukraine_websites",)
depends_on: str | Sequence[str] | None = "core"

ID = ipreg.core.db.BigId
JSON = ipreg.core.db.Json
TS = ipreg.core.db.UtcDateTime(timezone=True)
OWNED = {"owner": "ukraine_websites"}


def upgrade() -> None:
    op.create_table(
        "ua_website",
        sa.Column("object_id", ID, nullable=False),
        sa.Column("key", sa.String(length=253), nullable=False),
        sa.Column("domain", sa.Text(), nullable=True),
        sa.Column("domain_ascii", sa.String(length=253), nullable=True),
        sa.Column("ip_address", sa.String(length=45), nullable=True),
        sa.Column("urls", JSON, nullable=False),
        sa.Column("platform_type", sa.String(length=32), nullable=False),
        sa.Column("media_registered", sa.Boolean(), nullable=False),
        sa.Column("entry_number", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("included_on", sa.Date(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("excluded_on", sa.Date(), nullable=True),
        sa.Column("wipo_status", sa.String(length=16), nullable=True),
        sa.Column("wipo_uploaded_on", sa.Date(), nullable=True),
        sa.Column("wipo_removed_on", sa.Date(), nullable=True),
        sa.Column("owner_party_id", ID, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint("status in ('APPEALED', 'LISTED', 'EXCLUSION_PENDING', 'EXCLUDED')",
                           name=op.f("ck_ua_website_status")),
        sa.CheckConstraint("wipo_status is null or wipo_status in ('PENDING', 'UPLOADED', "
                           "'REMOVED')", name=op.f("ck_ua_website_wipo_status")),
        sa.ForeignKeyConstraint(["object_id"], ["ip_object.id"],
                                name=op.f("fk_ua_website_object_id_ip_object"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_party_id"], ["party.id"],
                                name=op.f("fk_ua_website_owner_party_id_party"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("object_id", name=op.f("pk_ua_website")),
        sa.UniqueConstraint("key", name=op.f("uq_ua_website_key")),
        info=OWNED,
    )
    with op.batch_alter_table("ua_website", schema=None) as batch_op:
        batch_op.create_index("ix_ua_website_entry_number", ["entry_number"], unique=True)
        batch_op.create_index("ix_ua_website_status", ["status"], unique=False)
    op.create_table(
        "ua_website_episode",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("object_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("basis", sa.String(length=24), nullable=False),
        sa.Column("conclusion_number", sa.String(length=32), nullable=True),
        sa.Column("conclusion_date", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("case_id", ID, nullable=True),
        sa.Column("grounds", sa.String(length=100), nullable=True),
        sa.Column("court", JSON, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint("kind in ('inclusion', 'exclusion')",
                           name=op.f("ck_ua_website_episode_kind")),
        sa.CheckConstraint("basis in ('UKRNOIVI_CONCLUSION', 'COURT_DECISION')",
                           name=op.f("ck_ua_website_episode_basis")),
        sa.ForeignKeyConstraint(["object_id"], ["ip_object.id"],
                                name=op.f("fk_ua_website_episode_object_id_ip_object"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"],
                                name=op.f("fk_ua_website_episode_case_id_case"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ua_website_episode")),
        info=OWNED,
    )
    with op.batch_alter_table("ua_website_episode", schema=None) as batch_op:
        batch_op.create_index("ix_ua_website_episode_object", ["object_id", "on"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ua_website_episode", schema=None) as batch_op:
        batch_op.drop_index("ix_ua_website_episode_object")
    op.drop_table("ua_website_episode")
    with op.batch_alter_table("ua_website", schema=None) as batch_op:
        batch_op.drop_index("ix_ua_website_status")
        batch_op.drop_index("ix_ua_website_entry_number")
    op.drop_table("ua_website")
