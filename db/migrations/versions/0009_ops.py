"""work_lock: recomputes of one consortium run one at a time, in every process; job_tick: of two
schedulers on one database, one runs each tick of a job (issue 13, operations)

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_lock",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_work_lock")),
    )
    op.create_table(
        "job_tick",
        sa.Column("job_id", sa.String(length=191), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_job_tick")),
    )


def downgrade() -> None:
    op.drop_table("job_tick")
    op.drop_table("work_lock")
