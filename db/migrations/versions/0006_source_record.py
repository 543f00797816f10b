"""source_record: what LimeSurvey last brought of each response (edits behind the cursor,
deleted responses); collector_run.transient: a failure the file is not to blame for

Revision ID: 0006
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
# Another branch adds 0005; whoever merges second re-chains this one after it.
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_record",
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("external_id", sa.String(length=120), nullable=False),
        sa.Column("datestamp", sa.String(length=40), nullable=True),
        sa.Column("record_hash", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("source", "external_id", name=op.f("pk_source_record")),
    )
    with op.batch_alter_table("collector_run", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("transient", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("collector_run", schema=None) as batch_op:
        batch_op.drop_column("transient")
    op.drop_table("source_record")
