"""snapshot version index: the dashboard asks a consortium's snapshot version (latest computed_at
and row count) for every burst of callbacks; without this index that read every snapshot row of
the consortium (about 100 ms on SQLite at national scale), with it only the index

Revision ID: 0016
Revises: 0015
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_measure_snapshot_version", "measure_snapshot", ["consortium_id", "computed_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_measure_snapshot_version", table_name="measure_snapshot")
