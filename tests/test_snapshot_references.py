"""A computed figure (measure_snapshot) belongs to an existing consortium and wave, whatever writes
it: the database refuses a wrong reference and deletes a deleted consortium's or wave's figures.
SQLite holds this by its foreign keys, PostgreSQL by the statement-level triggers of migration
0017 (db/migrations/reference_checks.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import OperationalError

from db import models as m
from db.bulk import insert_rows_binary
from tests.test_answer_references import REFUSED

PARENTS = {"consortium_id": m.Consortium, "wave_id": m.Wave}
COLUMNS = ("consortium_id", "wave_id", "network", "group", "measure", "subject")


def figure(consortium_id: int, wave_id: int, subject: str) -> tuple:
    return (consortium_id, wave_id, "ALL", "all", "theme", subject)


@pytest.fixture
def stored(ctx) -> dict:
    """Two figures of the consortium's first wave: the ids they name."""
    with ctx.engine.begin() as c:
        wave_id = c.scalar(select(m.Wave.id).order_by(m.Wave.id).limit(1))
        rows = [figure(ctx.consortium_id, wave_id, s) for s in ("T1", "T2")]
        c.execute(
            insert(m.MeasureSnapshot),
            [{**dict(zip(COLUMNS, row)), "framework_version": "v"} for row in rows],
        )
    return {"consortium_id": ctx.consortium_id, "wave_id": wave_id}


def figures(ctx) -> int:
    with ctx.engine.connect() as c:
        return c.scalar(select(func.count()).select_from(m.MeasureSnapshot))


@pytest.mark.parametrize("column", list(PARENTS))
def test_a_bulk_write_with_one_wrong_reference_is_refused_whole(ctx, stored, column):
    # The recompute's own path (a binary COPY on PostgreSQL).
    wrong = {**stored, column: 999_999}
    rows = [
        (*figure(stored["consortium_id"], stored["wave_id"], "T3"), "v"),
        (*figure(wrong["consortium_id"], wrong["wave_id"], "T4"), "v"),
    ]
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        insert_rows_binary(c, "measure_snapshot", [*COLUMNS, "framework_version"], rows)
    assert figures(ctx) == 2


@pytest.mark.parametrize("column", list(PARENTS))
def test_an_update_to_a_wrong_reference_is_refused(ctx, stored, column):
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(update(m.MeasureSnapshot).values({column: 999_999}))
    with ctx.engine.connect() as c:
        assert set(c.scalars(select(getattr(m.MeasureSnapshot, column)))) == {stored[column]}


@pytest.mark.parametrize("column", list(PARENTS))
def test_deleting_the_consortium_or_the_wave_deletes_its_figures(ctx, stored, column):
    parent = PARENTS[column]
    with ctx.engine.begin() as c:
        c.execute(delete(parent).where(parent.id == stored[column]))
    assert figures(ctx) == 0


@pytest.mark.parametrize("column", list(PARENTS))
def test_the_id_of_a_referred_consortium_or_wave_stays(ctx, stored, column):
    parent = PARENTS[column]
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(update(parent).where(parent.id == stored[column]).values(id=999_999))
    assert figures(ctx) == 2


@pytest.fixture
def postgresql_only(ctx):
    if ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps its foreign keys and serialises its writers")


def test_postgresql_checks_by_statement_not_by_row(ctx, stored, postgresql_only):
    with ctx.engine.connect() as c:
        keys = c.scalar(
            text(
                "SELECT count(*) FROM pg_constraint "
                "WHERE conrelid = 'measure_snapshot'::regclass AND contype = 'f'"
            )
        )
    assert keys == 0


@pytest.mark.parametrize("column", list(PARENTS))
def test_truncating_the_consortium_or_the_waves_alone_is_refused(
    ctx, stored, postgresql_only, column
):
    table = PARENTS[column].__tablename__
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(text(f"TRUNCATE {table} CASCADE"))
    assert figures(ctx) == 2


def test_a_wave_being_referred_to_cannot_be_deleted_meanwhile(ctx, stored, postgresql_only):
    # Locked FOR KEY SHARE by the check, as a foreign key locks it.
    with ctx.engine.connect() as writer, ctx.engine.connect() as other:
        writer.execute(
            insert(m.MeasureSnapshot),
            [{**dict(zip(COLUMNS, figure(**stored, subject="T3"))), "framework_version": "v"}],
        )
        other.execute(text("SET lock_timeout = '300ms'"))
        with pytest.raises(OperationalError, match="lock timeout"):
            other.execute(delete(m.Wave).where(m.Wave.id == stored["wave_id"]))
        other.rollback()
        writer.commit()
    assert figures(ctx) == 3
