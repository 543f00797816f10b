"""The domain's fixed words enforced by the database: CHECK constraints on the columns that hold
them (roles, statuses, sectors, topics, element and instrument kinds, lifecycles, decisions,
frequencies) and the reserved codes ALL (networks) and all (groups).

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# Frozen here (not imported from db.models.checks): a migration states what it did when it ran.
CHECKS = (
    ("user_account", "role", "role IN ('beheerder', 'coordinator', 'stuurgroep', 'rapporteur')"),
    (
        "status_update",
        "status",
        "status IN ('op_koers', 'aandacht', 'vastgelopen', 'afgerond') OR (state = 'draft' AND status = '')",
    ),
    (
        "partner",
        "sector",
        "sector IN ('huisarts', 'thuiszorg', 'ziekenhuis', 'vvt', 'hospice', 'palliatief_team', 'vrijwilligers', 'sociaal_domein', 'overig')",
    ),
    (
        "agreement",
        "topic",
        "topic IN ('warme_overdracht', 'consultatie', 'beschikbaarheid_24_7', 'gedeeld_zorgplan', 'scholing', 'overig')",
    ),
    (
        "framework_element",
        "kind",
        "kind IN ('vision_element', 'speerpunt', 'ambition', 'kernthema', 'actielijn')",
    ),
    ("instrument", "kind", "kind IN ('questionnaire', 'relational')"),
    (
        "project_lifecycle",
        "lifecycle",
        "lifecycle IN ('voorstel', 'actief', 'bijgesteld', 'gestopt', 'afgerond')",
    ),
    ("proposal_decision", "decision", "decision IN ('accepted', 'rejected', 'more_info')"),
    ("din_review_decision", "decision", "decision IN ('continue', 'adjust', 'stop')"),
    ("partner_report", "frequency", "frequency BETWEEN 0 AND 3"),
    ("network_tie", "frequency", "frequency BETWEEN 0 AND 3"),
    ("network", "code", "code <> 'ALL'"),
    ("respondent_group", "code", "code <> 'all'"),
)


def upgrade() -> None:
    for table, name, condition in CHECKS:
        # batch: SQLite adds a CHECK constraint only by rebuilding the table; the naming
        # convention makes `name` ck_<table>_<name>, as in db/models/checks.py
        with op.batch_alter_table(table) as batch:
            batch.create_check_constraint(name, condition)


def downgrade() -> None:
    for table, name, _ in reversed(CHECKS):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(name, type_="check")
