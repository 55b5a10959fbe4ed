"""users, grants and API keys

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db.base

revision: str = "c0003"
down_revision: str | None = "c0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("login", sa.String(length=128), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("party_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_app_user_party_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_app_user_party_id"), ["party_id"], unique=False)

    op.create_table(
        "user_grant",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("jurisdiction", sa.String(length=32), nullable=True),
        sa.Column(
            "organisation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["party.id"], name=op.f("fk_user_grant_organisation_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_user_grant_user_id_app_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_grant")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("user_grant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_user_grant_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_user_grant_user_id"), ["user_id"], unique=False)

    op.create_table(
        "api_key",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("party_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_api_key_party_id_party")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_key_prefix")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_key_party_id"), ["party_id"], unique=False)

    op.create_table(
        "api_key_grant",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "api_key_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("jurisdiction", sa.String(length=32), nullable=True),
        sa.Column(
            "organisation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["api_key_id"],
            ["api_key.id"],
            name=op.f("fk_api_key_grant_api_key_id_api_key"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["party.id"], name=op.f("fk_api_key_grant_organisation_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key_grant")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("api_key_grant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_key_grant_api_key_id"), ["api_key_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_api_key_grant_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("api_key_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_key_grant_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_api_key_grant_api_key_id"))
    op.drop_table("api_key_grant")

    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_key_party_id"))
    op.drop_table("api_key")

    with op.batch_alter_table("user_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_grant_user_id"))
        batch_op.drop_index(batch_op.f("ix_user_grant_organisation_id"))
    op.drop_table("user_grant")

    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_app_user_party_id"))
    op.drop_table("app_user")
