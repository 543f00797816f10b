"""PostgreSQL: the references of `answer` checked once per statement instead of once per row.

A foreign key checks each inserted row with a trigger call of its own; a file's COPY of 200,000
answers spent about 0.9 of its time there (docs/benchmark.md, "Ingest"). In their place:
triggers with transition tables, one lock and one anti-join per statement, keeping what the keys
guaranteed (db/migrations/reference_checks.py says how): an answer naming a missing response or
item is refused, deleting a response or item deletes its answers, changing the id of a response or
item still answered about is refused, and so is TRUNCATE of response or item while answers remain.

SQLite keeps its foreign keys and this migration changes nothing there. The models keep the keys
(joins read them); the drift test (tests/test_migration_drift.py) knows these two are triggers on
PostgreSQL.

Revision ID: 0015
Revises: 0014
"""

from db.migrations.reference_checks import install, remove

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# (column of answer, referenced table, the foreign key it replaces)
REFERENCES = (
    ("response_id", "response", "fk_answer_response_id_response"),
    ("item_id", "item", "fk_answer_item_id_item"),
)


def upgrade() -> None:
    install("answer", REFERENCES)


def downgrade() -> None:
    remove("answer", REFERENCES)
