"""every stored moment is timezone-aware UTC (issue 13): the remaining timestamp columns become
timestamptz on PostgreSQL

The naive values were written on servers without a time zone, that is in UTC, so each is read as
UTC (`AT TIME ZONE 'UTC'`). SQLite has no time zones: its values stay naive UTC text, which
db.types.UTCDateTime reads back with UTC attached, so nothing changes there.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# (table, column, nullable). source_record's (0006), the registers' (0007) and the locks'
# (0009) columns were created with their zone.
COLUMNS = [
    ("partner_response", "submitted_at", False),
    ("partner_response", "ingested_at", False),
    ("agreement", "updated_at", False),
    ("framework_version", "loaded_at", False),
    ("response", "submitted_at", False),
    ("response", "ingested_at", False),
    ("measure_snapshot", "computed_at", False),
    ("status_update", "submitted_at", False),
    ("timeline_note", "created_at", False),
    ("collector_run", "started_at", False),
    ("collector_run", "finished_at", True),
    ("source_cursor", "updated_at", False),
    ("source_lock", "locked_until", True),
    ("source_lock", "claimed_at", True),
    ("user_account", "created_at", False),
    ("audit_event", "at", False),
    ("reminder_sent", "sent_at", False),
    ("project_proposal", "proposed_at", False),
    ("report_foreword", "updated_at", False),
]


def _retype(aware: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    old, new = sa.DateTime(timezone=not aware), sa.DateTime(timezone=aware)
    for table, column, nullable in COLUMNS:
        # Both ways the value is read or written as UTC wall time.
        op.alter_column(
            table,
            column,
            existing_type=old,
            type_=new,
            existing_nullable=nullable,
            postgresql_using=f"\"{column}\" AT TIME ZONE 'UTC'",
        )


def upgrade() -> None:
    _retype(aware=True)


def downgrade() -> None:
    _retype(aware=False)
