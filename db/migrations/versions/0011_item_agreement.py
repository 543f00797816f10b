"""item agreement: the share of item scores of 2 or less, so that a reverse-coded statement can
show the share of respondents who agreed with it as worded

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("measure_snapshot") as batch:
        batch.add_column(sa.Column("pct_negative", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("measure_snapshot") as batch:
        batch.drop_column("pct_negative")
