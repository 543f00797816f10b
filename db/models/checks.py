"""The database enforces the domain's fixed words (samenwerkingsmonitor.vocabulary): one CHECK
constraint per column that holds one of them, named ``ck_<table>_<column>`` on SQLite and
PostgreSQL alike (migration 0014 creates them; a changed word list needs a new migration)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, MetaData

from samenwerkingsmonitor.vocabulary import (
    AGREEMENT_TOPICS,
    ALL_GROUPS,
    ALL_NETWORKS,
    DECISIONS,
    ELEMENT_KINDS,
    INSTRUMENT_KINDS,
    LIFECYCLES,
    REVIEW_DECISIONS,
    ROLES,
    SECTORS,
    UPDATE_STATUSES,
)


def one_of(column: str, values: tuple[str, ...]) -> str:
    words = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({words})"


# (table, constraint name, condition). Network codes never read as the consortium level, and
# group codes never as all groups together: those two words are reserved for the pooled rows.
CHECKS: tuple[tuple[str, str, str], ...] = (
    ("user_account", "role", one_of("role", ROLES)),
    # A draft may be saved before a status is chosen.
    (
        "status_update",
        "status",
        f"{one_of('status', UPDATE_STATUSES)} OR (state = 'draft' AND status = '')",
    ),
    ("partner", "sector", one_of("sector", SECTORS)),
    ("agreement", "topic", one_of("topic", AGREEMENT_TOPICS)),
    ("framework_element", "kind", one_of("kind", ELEMENT_KINDS)),
    ("instrument", "kind", one_of("kind", INSTRUMENT_KINDS)),
    ("project_lifecycle", "lifecycle", one_of("lifecycle", LIFECYCLES)),
    ("proposal_decision", "decision", one_of("decision", DECISIONS)),
    ("din_review_decision", "decision", one_of("decision", REVIEW_DECISIONS)),
    ("partner_report", "frequency", "frequency BETWEEN 0 AND 3"),
    ("network_tie", "frequency", "frequency BETWEEN 0 AND 3"),
    ("network", "code", f"code <> '{ALL_NETWORKS}'"),
    ("respondent_group", "code", f"code <> '{ALL_GROUPS}'"),
)


def add_checks(metadata: MetaData) -> None:
    """Attach CHECKS to the tables of `metadata` (once, after every model is declared)."""
    for table, name, condition in CHECKS:
        metadata.tables[table].append_constraint(CheckConstraint(condition, name=name))
