"""The migrations build exactly the schema db/models/ declares, on SQLite and PostgreSQL: Alembic's
autogenerate comparison of the migrated database with the models finds nothing to do."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, MetaData, String

from db.engine import make_engine
from db.models import Base

# Created by APScheduler's job store at the scheduler's start, not by a migration (docs/configuration.md).
NOT_OURS = {"apscheduler_jobs"}


# On PostgreSQL migrations 0015 and 0017 replace these keys by statement-level triggers
# (tests/test_answer_references.py, tests/test_response_references.py,
# tests/test_snapshot_references.py).
CHECKED_BY_TRIGGERS = {
    "fk_answer_response_id_response",
    "fk_answer_item_id_item",
    "fk_response_wave_id_wave",
    "fk_response_network_id_network",
    "fk_response_group_id_respondent_group",
    "fk_measure_snapshot_consortium_id_consortium",
    "fk_measure_snapshot_wave_id_wave",
}


def _ours(name: str | None, kind: str, _parent: dict) -> bool:
    return not (kind == "table" and name in NOT_OURS)


def _compared(dialect: str):
    def include(item, name, kind, reflected, _compare_to) -> bool:
        return not (
            dialect == "postgresql"
            and kind == "foreign_key_constraint"
            and name in CHECKED_BY_TRIGGERS
        )

    return include


def _differences(url: str, metadata: MetaData) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "compare_server_default": True,
                    "include_name": _ours,
                    "include_object": _compared(connection.dialect.name),
                },
            )
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def test_migrations_match_the_models(database_url):
    assert _differences(database_url, Base.metadata) == []


def test_the_comparison_sees_a_column_the_migrations_lack(database_url):
    # Guards the test above against comparing nothing: a model change without its migration shows.
    metadata = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    metadata.tables["network"].append_column(Column("region", String(40)))
    differences = _differences(database_url, metadata)
    assert [(d[0], d[2], d[3].name) for d in differences] == [("add_column", "network", "region")]
