"""partner network: relational responses and reports, ties, agreements, instrument kind

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("next_evaluation", sa.Date(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["network_id"],
            ["network.id"],
            name=op.f("fk_agreement_network_id_network"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["user_account.id"],
            name=op.f("fk_agreement_updated_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_network_id"), ["network_id"], unique=False)

    op.create_table(
        "agreement_partner",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_partner_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_agreement_partner_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "partner_id", name=op.f("pk_agreement_partner")),
    )
    op.create_table(
        "network_tie",
        sa.Column("consortium_id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=8), nullable=False),
        sa.Column("a", sa.String(length=40), nullable=False),
        sa.Column("b", sa.String(length=40), nullable=False),
        sa.Column("frequency", sa.SmallInteger(), nullable=False),
        sa.Column("by_a", sa.Boolean(), nullable=False),
        sa.Column("by_b", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consortium_id"],
            ["consortium.id"],
            name=op.f("fk_network_tie_consortium_id_consortium"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["wave_id"], ["wave.id"], name=op.f("fk_network_tie_wave_id_wave"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("wave_id", "network", "a", "b", name=op.f("pk_network_tie")),
    )
    with op.batch_alter_table("network_tie", schema=None) as batch_op:
        batch_op.create_index("ix_network_tie_network", ["consortium_id", "network"], unique=False)

    op.create_table(
        "partner_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("external_id", sa.String(length=120), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["network_id"],
            ["network.id"],
            name=op.f("fk_partner_response_network_id_network"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_partner_response_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["wave_id"],
            ["wave.id"],
            name=op.f("fk_partner_response_wave_id_wave"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_response")),
        sa.UniqueConstraint(
            "source", "external_id", name=op.f("uq_partner_response_source_external_id")
        ),
        sa.UniqueConstraint(
            "wave_id", "partner_id", name=op.f("uq_partner_response_wave_id_partner_id")
        ),
    )
    with op.batch_alter_table("partner_response", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partner_response_partition", ["wave_id", "network_id"], unique=False
        )

    op.create_table(
        "partner_report",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("about_id", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.SmallInteger(), nullable=False),
        sa.Column("topics", sa.String(length=200), nullable=True),
        sa.Column("trust_openness", sa.SmallInteger(), nullable=True),
        sa.Column("trust_reliability", sa.SmallInteger(), nullable=True),
        sa.Column("trust_mission", sa.SmallInteger(), nullable=True),
        sa.Column("value_influence", sa.SmallInteger(), nullable=True),
        sa.Column("value_resources", sa.SmallInteger(), nullable=True),
        sa.Column("value_involvement", sa.SmallInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["about_id"],
            ["partner.id"],
            name=op.f("fk_partner_report_about_id_partner"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["partner_response.id"],
            name=op.f("fk_partner_report_response_id_partner_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "about_id", name=op.f("pk_partner_report")),
    )
    with op.batch_alter_table("instrument", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), server_default="questionnaire", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("instrument", schema=None) as batch_op:
        batch_op.drop_column("kind")

    op.drop_table("partner_report")
    with op.batch_alter_table("partner_response", schema=None) as batch_op:
        batch_op.drop_index("ix_partner_response_partition")

    op.drop_table("partner_response")
    with op.batch_alter_table("network_tie", schema=None) as batch_op:
        batch_op.drop_index("ix_network_tie_network")

    op.drop_table("network_tie")
    op.drop_table("agreement_partner")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_network_id"))

    op.drop_table("agreement")
