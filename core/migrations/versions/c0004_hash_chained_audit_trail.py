"""hash-chained audit trail

Revision ID: c0004
Revises: c0003
Create Date: 2026-11-23

Tables ``audit_record`` (append-only, hash-chained) and ``audit_head`` (the one
row whose lock orders the trail; seeded with seq 0 and the genesis hash), and
triggers:

* ``audit_record_advance_head`` (AFTER INSERT): sets ``audit_head.hash`` to the
  hash of the record numbered ``audit_head.seq``, so writers need no second
  statement on the head (see ipreg.core.audit.trail).
* append-only: UPDATE, DELETE (and TRUNCATE on PostgreSQL) of ``audit_record``
  are refused, and so are lowering ``audit_head.seq`` and deleting the head.
  On PostgreSQL a session may deliberately tamper (tests, forensics drills)
  after ``SET ipreg.allow_audit_tamper = on``; on SQLite the triggers
  ``audit_record_no_update``, ``audit_record_no_delete``,
  ``audit_head_no_rewind`` and ``audit_head_no_delete`` must be dropped for that.
  Note that SQLite batch operations that recreate ``audit_record`` or
  ``audit_head`` drop their triggers: a later migration doing that must
  create them again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql, sqlite

import ipreg.core.db.base

revision: str = "c0004"
down_revision: str | None = "c0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64

_JSON = (
    sa.JSON()
    .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    .with_variant(sqlite.JSON(), "sqlite")
)

POSTGRES_UP = [
    """
    CREATE FUNCTION ipreg_audit_advance_head() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE audit_head SET hash = NEW.hash WHERE id = 1 AND seq = NEW.seq;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER audit_record_advance_head AFTER INSERT ON audit_record
    FOR EACH ROW EXECUTE FUNCTION ipreg_audit_advance_head()
    """,
    """
    CREATE FUNCTION ipreg_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(current_setting('ipreg.allow_audit_tamper', true), '') = 'on' THEN
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END IF;
        IF TG_TABLE_NAME = 'audit_head' AND TG_OP = 'UPDATE' THEN
            IF NEW.seq >= OLD.seq THEN
                RETURN NEW;
            END IF;
        END IF;
        RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    """
    CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION ipreg_audit_append_only()
    """,
    """
    CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION ipreg_audit_append_only()
    """,
    """
    CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION ipreg_audit_append_only()
    """,
]

POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_head",
    "DROP TRIGGER IF EXISTS audit_record_no_truncate ON audit_record",
    "DROP TRIGGER IF EXISTS audit_record_append_only ON audit_record",
    "DROP TRIGGER IF EXISTS audit_record_advance_head ON audit_record",
    "DROP FUNCTION IF EXISTS ipreg_audit_append_only()",
    "DROP FUNCTION IF EXISTS ipreg_audit_advance_head()",
]

SQLITE_UP = [
    """
    CREATE TRIGGER audit_record_advance_head AFTER INSERT ON audit_record
    BEGIN
        UPDATE audit_head SET hash = NEW.hash WHERE id = 1 AND seq = NEW.seq;
    END
    """,
    """
    CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE on audit_record refused');
    END
    """,
    """
    CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE on audit_record refused');
    END
    """,
    """
    CREATE TRIGGER audit_head_no_rewind BEFORE UPDATE ON audit_head WHEN NEW.seq < OLD.seq
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: audit_head.seq cannot go back');
    END
    """,
    """
    CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE on audit_head refused');
    END
    """,
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_head_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_no_rewind",
    "DROP TRIGGER IF EXISTS audit_record_no_delete",
    "DROP TRIGGER IF EXISTS audit_record_no_update",
    "DROP TRIGGER IF EXISTS audit_record_advance_head",
]


def _statements(postgres: Sequence[str], sqlite_: Sequence[str]) -> Sequence[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        return postgres
    if dialect == "sqlite":
        return sqlite_
    raise NotImplementedError(f"no audit-trail triggers for {dialect}")


def upgrade() -> None:
    op.create_table(
        "audit_record",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("at", ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=128), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=128), nullable=True),
        sa.Column("jurisdiction", sa.String(length=32), nullable=True),
        sa.Column("actor_subject", sa.String(length=255), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_party_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_on_behalf_of", sa.BigInteger(), nullable=True),
        sa.Column("actor_roles", _JSON, nullable=False),
        sa.Column("diff", _JSON, nullable=False),
        sa.Column("request_id", sa.String(length=128), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_record")),
        info={"owner": "core"},
    )
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        batch_op.create_index("ix_audit_record_action", ["action"], unique=False)
        batch_op.create_index("ix_audit_record_actor_subject", ["actor_subject"], unique=False)
        batch_op.create_index("ix_audit_record_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_record_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index("ix_audit_record_jurisdiction", ["jurisdiction"], unique=False)

    audit_head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
        info={"owner": "core"},
    )
    # The one row whose lock orders the audit trail (see ipreg.core.model.audit).
    op.bulk_insert(audit_head, [{"id": 1, "seq": 0, "hash": GENESIS_HASH}])

    for statement in _statements(POSTGRES_UP, SQLITE_UP):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(POSTGRES_DOWN, SQLITE_DOWN):
        op.execute(statement)
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_record_jurisdiction")
        batch_op.drop_index("ix_audit_record_entity")
        batch_op.drop_index("ix_audit_record_at")
        batch_op.drop_index("ix_audit_record_actor_subject")
        batch_op.drop_index("ix_audit_record_action")
    op.drop_table("audit_record")
