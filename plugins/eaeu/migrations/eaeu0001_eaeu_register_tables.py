"""eaeu: the EAEU register's own tables (R174 Appendix 1 items not in the core model)

Revision ID: eaeu0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipreg.core.db

revision: str = "eaeu0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("eaeu",)
depends_on: str | Sequence[str] | None = "core"

ID = ipreg.core.db.BigId
JSON = ipreg.core.db.Json
TS = ipreg.core.db.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "eaeu_counter",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_eaeu_counter")),
        info={"owner": "eaeu"},
    )
    op.create_table(
        "eaeu_member_state",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("authority_party_id", ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["authority_party_id"],
            ["party.id"],
            name=op.f("fk_eaeu_member_state_authority_party_id_party"),
        ),
        sa.PrimaryKeyConstraint("country", name=op.f("pk_eaeu_member_state")),
        sa.UniqueConstraint(
            "authority_party_id", name=op.f("uq_eaeu_member_state_authority_party_id")
        ),
        info={"owner": "eaeu"},
    )
    op.create_table(
        "eaeu_case_object",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("object_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_eaeu_case_object_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_eaeu_case_object_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_case_object")),
        sa.UniqueConstraint("case_id", "object_id", name="eaeu_case_object_once"),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_case_object", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_eaeu_case_object_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_eaeu_case_object_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "eaeu_cca_message",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("transaction", sa.String(length=64), nullable=False),
        sa.Column("sent_at", TS, nullable=False),
        sa.Column("confirmed_at", TS, nullable=True),
        sa.Column("confirmed_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_eaeu_cca_message_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_cca_message")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_cca_message", schema=None) as batch_op:
        batch_op.create_index(
            "ix_eaeu_cca_message_case_country", ["case_id", "country", "kind"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_eaeu_cca_message_case_id"), ["case_id"], unique=False)

    op.create_table(
        "eaeu_entry",
        sa.Column("object_id", ID, nullable=False),
        sa.Column("application_number", sa.String(length=32), nullable=False),
        sa.Column("application_date", sa.Date(), nullable=False),
        sa.Column("right_holder_count", sa.Integer(), nullable=False),
        sa.Column("applicant_id", ID, nullable=True),
        sa.Column("sequence_number", sa.String(length=5), nullable=True),
        sa.Column("kind_code", sa.String(length=2), nullable=False),
        sa.Column("decision_number", sa.String(length=4), nullable=True),
        sa.Column("inclusion_date", sa.Date(), nullable=True),
        sa.Column("registration_form_number", sa.String(length=64), nullable=True),
        sa.Column("requested_protection_end", sa.Date(), nullable=True),
        sa.Column("inclusion_case_id", ID, nullable=True),
        sa.Column("valid_from", TS, nullable=True),
        sa.Column("valid_to", TS, nullable=True),
        sa.Column("record_updated_at", TS, nullable=False),
        sa.Column("turnover_updated_at", TS, nullable=True),
        sa.CheckConstraint("kind_code in ('АП', 'СП', 'ТЗ')", name=op.f("ck_eaeu_entry_kind_code")),
        sa.CheckConstraint(
            "decision_number is null or length(decision_number) = 4",
            name=op.f("ck_eaeu_entry_decision_number_4_digits"),
        ),
        sa.CheckConstraint(
            "right_holder_count >= 1", name=op.f("ck_eaeu_entry_right_holder_count")
        ),
        sa.CheckConstraint(
            "sequence_number is null or length(sequence_number) = 5",
            name=op.f("ck_eaeu_entry_sequence_number_5_digits"),
        ),
        sa.ForeignKeyConstraint(
            ["applicant_id"], ["party.id"], name=op.f("fk_eaeu_entry_applicant_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["inclusion_case_id"], ["case.id"], name=op.f("fk_eaeu_entry_inclusion_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_eaeu_entry_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("object_id", name=op.f("pk_eaeu_entry")),
        sa.UniqueConstraint("sequence_number", name="eaeu_entry_sequence_number"),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_entry_applicant_id"), ["applicant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_eaeu_entry_application_number"), ["application_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_eaeu_entry_inclusion_case_id"), ["inclusion_case_id"], unique=False
        )
        batch_op.create_index("ix_eaeu_entry_inclusion_date", ["inclusion_date"], unique=False)

    op.create_table(
        "eaeu_goods_detail",
        sa.Column("goods_id", ID, nullable=False),
        sa.Column("object_id", ID, nullable=False),
        sa.Column("exemption_circumstances", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["goods_id"],
            ["ip_object_goods.id"],
            name=op.f("fk_eaeu_goods_detail_goods_id_ip_object_goods"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_eaeu_goods_detail_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("goods_id", name=op.f("pk_eaeu_goods_detail")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_goods_detail", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_goods_detail_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "eaeu_protection_period",
        sa.Column("id", ID, nullable=False),
        sa.Column("object_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=False),
        sa.Column("basis_number", sa.String(length=64), nullable=True),
        sa.Column("basis_date", sa.Date(), nullable=True),
        sa.Column("case_id", ID, nullable=True),
        sa.CheckConstraint(
            "ends_on >= starts_on", name=op.f("ck_eaeu_protection_period_period_order")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_eaeu_protection_period_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_eaeu_protection_period_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_protection_period")),
        sa.UniqueConstraint("object_id", "seq", name="eaeu_protection_period_seq"),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_protection_period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_protection_period_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_eaeu_protection_period_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "eaeu_review_result",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("object_id", ID, nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=True),
        sa.Column("document_id", ID, nullable=True),
        sa.Column("received_at", TS, nullable=False),
        sa.CheckConstraint(
            "result in ('possible', 'refused')", name=op.f("ck_eaeu_review_result_result")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_eaeu_review_result_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_eaeu_review_result_document_id_document"),
        ),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_eaeu_review_result_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_review_result")),
        sa.UniqueConstraint("case_id", "country", "object_id", name="eaeu_review_result_once"),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_review_result", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_review_result_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_eaeu_review_result_object_id"), ["object_id"], unique=False
        )

    op.create_table(
        "eaeu_turnover",
        sa.Column("id", ID, nullable=False),
        sa.Column("object_id", ID, nullable=False),
        sa.Column("goods_id", ID, nullable=False),
        sa.Column("legality", sa.Integer(), nullable=False),
        sa.Column("accompanying_documents", sa.Text(), nullable=True),
        sa.CheckConstraint("legality in (0, 1)", name=op.f("ck_eaeu_turnover_legality")),
        sa.ForeignKeyConstraint(
            ["goods_id"],
            ["ip_object_goods.id"],
            name=op.f("fk_eaeu_turnover_goods_id_ip_object_goods"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["ip_object.id"],
            name=op.f("fk_eaeu_turnover_object_id_ip_object"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_turnover")),
        sa.UniqueConstraint("goods_id", "legality", name="eaeu_turnover_goods_legality"),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_turnover", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_eaeu_turnover_goods_id"), ["goods_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_eaeu_turnover_object_id"), ["object_id"], unique=False)

    op.create_table(
        "eaeu_goods_feature",
        sa.Column("id", ID, nullable=False),
        sa.Column("turnover_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("brand_model", sa.Text(), nullable=True),
        sa.Column("characteristics", sa.Text(), nullable=True),
        sa.Column("identification_means", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["turnover_id"],
            ["eaeu_turnover.id"],
            name=op.f("fk_eaeu_goods_feature_turnover_id_eaeu_turnover"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_goods_feature")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_goods_feature", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_goods_feature_turnover_id"), ["turnover_id"], unique=False
        )

    op.create_table(
        "eaeu_logistics",
        sa.Column("id", ID, nullable=False),
        sa.Column("turnover_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["turnover_id"],
            ["eaeu_turnover.id"],
            name=op.f("fk_eaeu_logistics_turnover_id_eaeu_turnover"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_logistics")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_logistics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_logistics_turnover_id"), ["turnover_id"], unique=False
        )

    op.create_table(
        "eaeu_turnover_party",
        sa.Column("id", ID, nullable=False),
        sa.Column("turnover_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("party_id", ID, nullable=False),
        sa.Column("roles", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_eaeu_turnover_party_party_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["turnover_id"],
            ["eaeu_turnover.id"],
            name=op.f("fk_eaeu_turnover_party_turnover_id_eaeu_turnover"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_turnover_party")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_turnover_party", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_turnover_party_party_id"), ["party_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_eaeu_turnover_party_turnover_id"), ["turnover_id"], unique=False
        )

    op.create_table(
        "eaeu_border_crossing",
        sa.Column("id", ID, nullable=False),
        sa.Column("logistics_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("checkpoint_code", sa.String(length=32), nullable=True),
        sa.Column("checkpoint_name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["logistics_id"],
            ["eaeu_logistics.id"],
            name=op.f("fk_eaeu_border_crossing_logistics_id_eaeu_logistics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_border_crossing")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_border_crossing", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_border_crossing_logistics_id"), ["logistics_id"], unique=False
        )

    op.create_table(
        "eaeu_customs_place",
        sa.Column("id", ID, nullable=False),
        sa.Column("logistics_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("customs_code", sa.String(length=16), nullable=True),
        sa.Column("customs_name", sa.Text(), nullable=True),
        sa.Column("control_zone", sa.String(length=64), nullable=True),
        sa.Column("has_location", sa.Boolean(), nullable=False),
        sa.Column("location_kind", sa.String(length=2), nullable=True),
        sa.Column("location_country", sa.String(length=2), nullable=True),
        sa.Column("location_territory_code", sa.String(length=32), nullable=True),
        sa.Column("location_region", sa.Text(), nullable=True),
        sa.Column("location_district", sa.Text(), nullable=True),
        sa.Column("location_city", sa.Text(), nullable=True),
        sa.Column("location_settlement", sa.Text(), nullable=True),
        sa.Column("location_street", sa.Text(), nullable=True),
        sa.Column("location_building", sa.String(length=64), nullable=True),
        sa.Column("location_premises", sa.String(length=64), nullable=True),
        sa.Column("location_postal_code", sa.String(length=16), nullable=True),
        sa.Column("location_po_box", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["logistics_id"],
            ["eaeu_logistics.id"],
            name=op.f("fk_eaeu_customs_place_logistics_id_eaeu_logistics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_customs_place")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_customs_place", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_customs_place_logistics_id"), ["logistics_id"], unique=False
        )

    op.create_table(
        "eaeu_route",
        sa.Column("id", ID, nullable=False),
        sa.Column("logistics_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["logistics_id"],
            ["eaeu_logistics.id"],
            name=op.f("fk_eaeu_route_logistics_id_eaeu_logistics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_route")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_route", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_route_logistics_id"), ["logistics_id"], unique=False
        )

    op.create_table(
        "eaeu_transport_feature",
        sa.Column("id", ID, nullable=False),
        sa.Column("feature_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("package_kind", sa.String(length=8), nullable=True),
        sa.Column("units_per_package", sa.Integer(), nullable=True),
        sa.Column("identification_means", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feature_id"],
            ["eaeu_goods_feature.id"],
            name=op.f("fk_eaeu_transport_feature_feature_id_eaeu_goods_feature"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_transport_feature")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_transport_feature", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_transport_feature_feature_id"), ["feature_id"], unique=False
        )

    op.create_table(
        "eaeu_feature_file",
        sa.Column("id", ID, nullable=False),
        sa.Column("feature_id", ID, nullable=False),
        sa.Column("transport_id", ID, nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "role in ('image', 'media', 'transport_image')", name=op.f("ck_eaeu_feature_file_role")
        ),
        sa.ForeignKeyConstraint(
            ["feature_id"],
            ["eaeu_goods_feature.id"],
            name=op.f("fk_eaeu_feature_file_feature_id_eaeu_goods_feature"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["file_sha256"],
            ["stored_file.sha256"],
            name=op.f("fk_eaeu_feature_file_file_sha256_stored_file"),
        ),
        sa.ForeignKeyConstraint(
            ["transport_id"],
            ["eaeu_transport_feature.id"],
            name=op.f("fk_eaeu_feature_file_transport_id_eaeu_transport_feature"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_feature_file")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_feature_file", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_feature_file_feature_id"), ["feature_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_eaeu_feature_file_transport_id"), ["transport_id"], unique=False
        )

    op.create_table(
        "eaeu_route_point",
        sa.Column("id", ID, nullable=False),
        sa.Column("route_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("locode", sa.String(length=8), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("departure_transport_mode", sa.String(length=4), nullable=True),
        sa.Column("point_kind", sa.String(length=1), nullable=True),
        sa.CheckConstraint(
            "point_kind is null or point_kind in ('1', '2', '3', '4')",
            name=op.f("ck_eaeu_route_point_point_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["route_id"],
            ["eaeu_route.id"],
            name=op.f("fk_eaeu_route_point_route_id_eaeu_route"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eaeu_route_point")),
        info={"owner": "eaeu"},
    )
    with op.batch_alter_table("eaeu_route_point", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eaeu_route_point_route_id"), ["route_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("eaeu_route_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_route_point_route_id"))

    op.drop_table("eaeu_route_point")
    with op.batch_alter_table("eaeu_feature_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_feature_file_transport_id"))
        batch_op.drop_index(batch_op.f("ix_eaeu_feature_file_feature_id"))

    op.drop_table("eaeu_feature_file")
    with op.batch_alter_table("eaeu_transport_feature", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_transport_feature_feature_id"))

    op.drop_table("eaeu_transport_feature")
    with op.batch_alter_table("eaeu_route", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_route_logistics_id"))

    op.drop_table("eaeu_route")
    with op.batch_alter_table("eaeu_customs_place", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_customs_place_logistics_id"))

    op.drop_table("eaeu_customs_place")
    with op.batch_alter_table("eaeu_border_crossing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_border_crossing_logistics_id"))

    op.drop_table("eaeu_border_crossing")
    with op.batch_alter_table("eaeu_turnover_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_turnover_party_turnover_id"))
        batch_op.drop_index(batch_op.f("ix_eaeu_turnover_party_party_id"))

    op.drop_table("eaeu_turnover_party")
    with op.batch_alter_table("eaeu_logistics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_logistics_turnover_id"))

    op.drop_table("eaeu_logistics")
    with op.batch_alter_table("eaeu_goods_feature", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_goods_feature_turnover_id"))

    op.drop_table("eaeu_goods_feature")
    with op.batch_alter_table("eaeu_turnover", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_turnover_object_id"))
        batch_op.drop_index(batch_op.f("ix_eaeu_turnover_goods_id"))

    op.drop_table("eaeu_turnover")
    with op.batch_alter_table("eaeu_review_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_review_result_object_id"))
        batch_op.drop_index(batch_op.f("ix_eaeu_review_result_case_id"))

    op.drop_table("eaeu_review_result")
    with op.batch_alter_table("eaeu_protection_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_protection_period_object_id"))
        batch_op.drop_index(batch_op.f("ix_eaeu_protection_period_case_id"))

    op.drop_table("eaeu_protection_period")
    with op.batch_alter_table("eaeu_goods_detail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_goods_detail_object_id"))

    op.drop_table("eaeu_goods_detail")
    with op.batch_alter_table("eaeu_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_eaeu_entry_inclusion_date")
        batch_op.drop_index(batch_op.f("ix_eaeu_entry_inclusion_case_id"))
        batch_op.drop_index(batch_op.f("ix_eaeu_entry_application_number"))
        batch_op.drop_index(batch_op.f("ix_eaeu_entry_applicant_id"))

    op.drop_table("eaeu_entry")
    with op.batch_alter_table("eaeu_cca_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_cca_message_case_id"))
        batch_op.drop_index("ix_eaeu_cca_message_case_country")

    op.drop_table("eaeu_cca_message")
    with op.batch_alter_table("eaeu_case_object", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eaeu_case_object_object_id"))
        batch_op.drop_index(batch_op.f("ix_eaeu_case_object_case_id"))

    op.drop_table("eaeu_case_object")
    op.drop_table("eaeu_member_state")
    op.drop_table("eaeu_counter")
