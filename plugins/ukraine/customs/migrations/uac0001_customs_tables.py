# ruff: noqa: E501
"""ukraine_customs: the customs register of IP objects, border measures and appeals

Revision ID: uac0001
Revises:
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql, sqlite

import ipreg.core.db

revision: str = "uac0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("ukraine_customs",)
depends_on: str | Sequence[str] | None = "core"

TABLES = ("ua_customs_appeal", "ua_customs_suspension", "ua_customs_entry_event",
          "ua_customs_counterfeit", "ua_customs_operator", "ua_customs_representative",
          "ua_customs_goods", "ua_customs_right", "ua_customs_recordal")


def upgrade() -> None:
    op.create_table('ua_customs_recordal',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('applicant_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('applicant_status', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('requested_months', sa.Integer(), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('entitlement', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql').with_variant(sqlite.JSON(), 'sqlite'), nullable=False),
    sa.Column('restricted', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql').with_variant(sqlite.JSON(), 'sqlite'), nullable=False),
    sa.Column('refusal_reasons', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('form', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql').with_variant(sqlite.JSON(), 'sqlite'), nullable=False),
    sa.Column('created_at', ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['party.id'], name=op.f('fk_ua_customs_recordal_applicant_id_party')),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_ua_customs_recordal_case_id_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_recordal')),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_recordal_applicant_id'), 'ua_customs_recordal', ['applicant_id'], unique=False)
    op.create_index(op.f('ix_ua_customs_recordal_case_id'), 'ua_customs_recordal', ['case_id'], unique=False)
    op.create_table('ua_customs_right',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recordal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('object_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('registration_number', sa.String(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('right_registered_on', sa.Date(), nullable=True),
    sa.Column('right_expires_on', sa.Date(), nullable=True),
    sa.Column('nice_classes', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql').with_variant(sqlite.JSON(), 'sqlite'), nullable=False),
    sa.Column('representation', sa.String(length=64), nullable=True),
    sa.Column('register_number', sa.String(length=16), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['object_id'], ['ip_object.id'], name=op.f('fk_ua_customs_right_object_id_ip_object')),
    sa.ForeignKeyConstraint(['recordal_id'], ['ua_customs_recordal.id'], name=op.f('fk_ua_customs_right_recordal_id_ua_customs_recordal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_right')),
    sa.UniqueConstraint('register_number', name='ua_customs_right_register_number'),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_right_object_id'), 'ua_customs_right', ['object_id'], unique=False)
    op.create_index(op.f('ix_ua_customs_right_recordal_id'), 'ua_customs_right', ['recordal_id'], unique=False)
    op.create_table('ua_customs_goods',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('right_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('uktzed', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql').with_variant(sqlite.JSON(), 'sqlite'), nullable=False),
    sa.Column('nice_classes', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql').with_variant(sqlite.JSON(), 'sqlite'), nullable=False),
    sa.Column('photos', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql').with_variant(sqlite.JSON(), 'sqlite'), nullable=False),
    sa.Column('packaging', sa.Text(), nullable=True),
    sa.Column('identification', sa.Text(), nullable=False),
    sa.Column('samples', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['right_id'], ['ua_customs_right.id'], name=op.f('fk_ua_customs_goods_right_id_ua_customs_right')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_goods')),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_goods_right_id'), 'ua_customs_goods', ['right_id'], unique=False)
    op.create_table('ua_customs_representative',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recordal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('party_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('authority', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_ua_customs_representative_party_id_party')),
    sa.ForeignKeyConstraint(['recordal_id'], ['ua_customs_recordal.id'], name=op.f('fk_ua_customs_representative_recordal_id_ua_customs_recordal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_representative')),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_representative_party_id'), 'ua_customs_representative', ['party_id'], unique=False)
    op.create_index(op.f('ix_ua_customs_representative_recordal_id'), 'ua_customs_representative', ['recordal_id'], unique=False)
    op.create_table('ua_customs_operator',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recordal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('party_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('identifier', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_ua_customs_operator_party_id_party')),
    sa.ForeignKeyConstraint(['recordal_id'], ['ua_customs_recordal.id'], name=op.f('fk_ua_customs_operator_recordal_id_ua_customs_recordal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_operator')),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_operator_identifier'), 'ua_customs_operator', ['identifier'], unique=False)
    op.create_index(op.f('ix_ua_customs_operator_party_id'), 'ua_customs_operator', ['party_id'], unique=False)
    op.create_index(op.f('ix_ua_customs_operator_recordal_id'), 'ua_customs_operator', ['recordal_id'], unique=False)
    op.create_table('ua_customs_counterfeit',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recordal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('origin_country', sa.String(length=2), nullable=True),
    sa.Column('route', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql').with_variant(sqlite.JSON(), 'sqlite'), nullable=False),
    sa.Column('detected_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['recordal_id'], ['ua_customs_recordal.id'], name=op.f('fk_ua_customs_counterfeit_recordal_id_ua_customs_recordal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_counterfeit')),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_counterfeit_recordal_id'), 'ua_customs_counterfeit', ['recordal_id'], unique=False)
    op.create_table('ua_customs_entry_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recordal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_ua_customs_entry_event_case_id_case')),
    sa.ForeignKeyConstraint(['recordal_id'], ['ua_customs_recordal.id'], name=op.f('fk_ua_customs_entry_event_recordal_id_ua_customs_recordal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_entry_event')),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_entry_event_recordal_id'), 'ua_customs_entry_event', ['recordal_id'], unique=False)
    op.create_table('ua_customs_suspension',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recordal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('right_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('declaration', sa.String(length=64), nullable=False),
    sa.Column('declaration_date', sa.Date(), nullable=False),
    sa.Column('declarant_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('declarant_identifier', sa.String(length=32), nullable=False),
    sa.Column('customs_post', sa.String(length=200), nullable=False),
    sa.Column('officer', sa.String(length=200), nullable=False),
    sa.Column('goods', sa.Text(), nullable=False),
    sa.Column('uktzed', sa.String(length=10), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('small_consignment', sa.Boolean(), nullable=False),
    sa.Column('outcome', sa.String(length=32), nullable=True),
    sa.Column('opened_at', ipreg.core.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_ua_customs_suspension_case_id_case')),
    sa.ForeignKeyConstraint(['declarant_id'], ['party.id'], name=op.f('fk_ua_customs_suspension_declarant_id_party')),
    sa.ForeignKeyConstraint(['recordal_id'], ['ua_customs_recordal.id'], name=op.f('fk_ua_customs_suspension_recordal_id_ua_customs_recordal')),
    sa.ForeignKeyConstraint(['right_id'], ['ua_customs_right.id'], name=op.f('fk_ua_customs_suspension_right_id_ua_customs_right')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_suspension')),
    sa.UniqueConstraint('case_id', name=op.f('uq_ua_customs_suspension_case_id')),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_suspension_declarant_id'), 'ua_customs_suspension', ['declarant_id'], unique=False)
    op.create_index(op.f('ix_ua_customs_suspension_declaration'), 'ua_customs_suspension', ['declaration'], unique=False)
    op.create_index(op.f('ix_ua_customs_suspension_recordal_id'), 'ua_customs_suspension', ['recordal_id'], unique=False)
    op.create_index(op.f('ix_ua_customs_suspension_right_id'), 'ua_customs_suspension', ['right_id'], unique=False)
    op.create_table('ua_customs_appeal',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recordal_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('operator_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('decision', sa.String(length=64), nullable=False),
    sa.Column('decision_kind', sa.String(length=16), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=False),
    sa.Column('importer_name', sa.Text(), nullable=False),
    sa.Column('importer_identifier', sa.String(length=32), nullable=False),
    sa.Column('grounds', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('decision_grounds', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_ua_customs_appeal_case_id_case')),
    sa.ForeignKeyConstraint(['operator_id'], ['ua_customs_operator.id'], name=op.f('fk_ua_customs_appeal_operator_id_ua_customs_operator')),
    sa.ForeignKeyConstraint(['recordal_id'], ['ua_customs_recordal.id'], name=op.f('fk_ua_customs_appeal_recordal_id_ua_customs_recordal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ua_customs_appeal')),
    sa.UniqueConstraint('case_id', name=op.f('uq_ua_customs_appeal_case_id')),
    info={'owner': 'ukraine_customs'}
    )
    op.create_index(op.f('ix_ua_customs_appeal_recordal_id'), 'ua_customs_appeal', ['recordal_id'], unique=False)


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
