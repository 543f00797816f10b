"""collectors: skipped-row count and owner of a run, source cursors and source locks

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("collector_run", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rows_skipped", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("owner", sa.String(length=200), nullable=True))
    op.create_table(
        "source_cursor",
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("last_response_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_source_cursor")),
    )
    op.create_table(
        "source_lock",
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_source_lock")),
    )


def downgrade() -> None:
    op.drop_table("source_lock")
    op.drop_table("source_cursor")
    with op.batch_alter_table("collector_run", schema=None) as batch_op:
        batch_op.drop_column("owner")
        batch_op.drop_column("rows_skipped")
