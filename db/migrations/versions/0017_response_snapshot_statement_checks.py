"""PostgreSQL: the references of `response` (wave, network, respondent group) and of
`measure_snapshot` (consortium, wave) checked once per statement instead of once per row, as
0015 did for `answer`'s.

A file's 5,000 new responses went in by one COPY whose three foreign keys made 15,000 trigger
calls, about 0.04 of the COPY's 0.07 s of server CPU; a recompute's snapshot rows (241,630 at
national scale) made two each, about 5 µs a row (docs/benchmark.md, "1 December 2026, branch
`pgfk`"). The same triggers as 0015's (db/migrations/reference_checks.py) keep what the keys
guaranteed: a row naming a missing wave, network, group or consortium is refused; deleting one
deletes the rows naming it (a response's answers too, through 0015's triggers); changing the id
of one still referred to is refused, and so is TRUNCATE of one while such rows remain.

SQLite keeps its foreign keys and this migration changes nothing there; the drift test
(tests/test_migration_drift.py) knows these five are triggers on PostgreSQL.

Revision ID: 0017
Revises: 0016
"""

from db.migrations.reference_checks import install, remove

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# Per table: (column, referenced table, the foreign key it replaces)
REFERENCES = {
    "response": (
        ("wave_id", "wave", "fk_response_wave_id_wave"),
        ("network_id", "network", "fk_response_network_id_network"),
        ("group_id", "respondent_group", "fk_response_group_id_respondent_group"),
    ),
    "measure_snapshot": (
        ("consortium_id", "consortium", "fk_measure_snapshot_consortium_id_consortium"),
        ("wave_id", "wave", "fk_measure_snapshot_wave_id_wave"),
    ),
}


def upgrade() -> None:
    for child, references in REFERENCES.items():
        install(child, references)


def downgrade() -> None:
    for child, references in REFERENCES.items():
        remove(child, references)
