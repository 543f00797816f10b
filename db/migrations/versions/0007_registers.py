"""registers: project register columns, lifecycle and versions; goal meetpunten; proposal decisions

Revision ID: 0007
Revises: 0006

The tables here depend only on project, goal, project_proposal and user_account. Only new tables: nothing to copy on SQLite, and the batch blocks (the indexes) work on both.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _user_fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["user_account.id"],
        name=op.f(f"fk_{table}_{column}_user_account"),
        ondelete="SET NULL",
    )


def _project_fk(table: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["project_id"],
        ["project.id"],
        name=op.f(f"fk_{table}_project_id_project"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "project_record",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        _project_fk("project_record"),
        _user_fk("updated_by", "project_record"),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_project_record")),
    )
    op.create_table(
        "project_lifecycle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("lifecycle", sa.String(length=12), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        _project_fk("project_lifecycle"),
        _user_fk("recorded_by", "project_lifecycle"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_lifecycle")),
    )
    with op.batch_alter_table("project_lifecycle", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_lifecycle_project_id"), ["project_id"], unique=False
        )
    op.create_table(
        "project_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        _project_fk("project_version"),
        _user_fk("changed_by", "project_version"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_version")),
        sa.UniqueConstraint(
            "project_id", "version", name=op.f("uq_project_version_project_id_version")
        ),
    )
    op.create_table(
        "goal_measure",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_goal_measure_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("goal_id", "measure", "subject", name=op.f("pk_goal_measure")),
    )
    op.create_table(
        "proposal_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["project_proposal.id"],
            name=op.f("fk_proposal_decision_proposal_id_project_proposal"),
            ondelete="CASCADE",
        ),
        _project_fk("proposal_decision", ondelete="SET NULL"),
        _user_fk("decided_by", "proposal_decision"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_decision")),
    )
    with op.batch_alter_table("proposal_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_decision_proposal_id"), ["proposal_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("proposal_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_decision_proposal_id"))
    op.drop_table("proposal_decision")
    op.drop_table("goal_measure")
    op.drop_table("project_version")
    with op.batch_alter_table("project_lifecycle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_lifecycle_project_id"))
    op.drop_table("project_lifecycle")
    op.drop_table("project_record")
