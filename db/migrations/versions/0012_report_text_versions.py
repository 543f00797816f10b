"""report texts with versions: the foreword and the consortium's reflection per network, every
save kept as a version (who, when); the foreword of report_foreword becomes version 1

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consortium_id", sa.Integer(), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("saved_by", sa.Integer(), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consortium_id"],
            ["consortium.id"],
            name=op.f("fk_report_text_consortium_id_consortium"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["network_id"],
            ["network.id"],
            name=op.f("fk_report_text_network_id_network"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["saved_by"],
            ["user_account.id"],
            name=op.f("fk_report_text_saved_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_text")),
    )
    op.create_index(
        op.f("ix_report_text_consortium_id"), "report_text", ["consortium_id"], unique=False
    )
    op.execute(
        "INSERT INTO report_text (consortium_id, network_id, version, text, saved_by, saved_at)"
        " SELECT consortium_id, NULL, 1, text, updated_by, updated_at FROM report_foreword"
    )
    op.drop_table("report_foreword")


def downgrade() -> None:
    op.create_table(
        "report_foreword",
        sa.Column("consortium_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["consortium_id"],
            ["consortium.id"],
            name=op.f("fk_report_foreword_consortium_id_consortium"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["user_account.id"],
            name=op.f("fk_report_foreword_updated_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("consortium_id", name=op.f("pk_report_foreword")),
    )
    # The foreword in force (the latest version, when not emptied) goes back; older versions
    # and the reflections have no place in the old table.
    op.execute(
        "INSERT INTO report_foreword (consortium_id, text, updated_by, updated_at)"
        " SELECT consortium_id, text, saved_by, saved_at FROM report_text r"
        " WHERE network_id IS NULL AND text <> '' AND id = (SELECT max(id) FROM report_text o"
        " WHERE o.network_id IS NULL AND o.consortium_id = r.consortium_id)"
    )
    op.drop_index(op.f("ix_report_text_consortium_id"), table_name="report_text")
    op.drop_table("report_text")
