"""An answer belongs to an existing response and item, whatever writes it: the database refuses
a wrong reference and deletes a deleted response's or item's answers. SQLite holds this by its
foreign keys, PostgreSQL by the statement-level triggers of migration 0015
(db/migrations/reference_checks.py)."""

from __future__ import annotations

import csv
import sqlite3

import psycopg
import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from collectors.ingest import ingest_file
from db import models as m
from db.bulk import insert_rows

# Through SQLAlchemy, or straight from the driver (db.bulk writes on the driver's cursor).
REFUSED = (IntegrityError, DBAPIError, sqlite3.IntegrityError, psycopg.errors.IntegrityError)


def ingest_two_responses(ctx, tmp_path) -> list[str]:
    """Ingest two responses (r1: network UTS, group ZP; r2: EEM, MB; both of wave 2031) with
    four answers each; the items' codes."""
    items = ctx.framework.items_frame()["item"].tolist()[:4]
    path = tmp_path / "wave.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["response_id", "network", "group", "wave", "submitted_at", *items])
        writer.writerow(["r1", "UTS", "ZP", "2031", "2031-10-01", "4", "5", "nvt", "2"])
        writer.writerow(["r2", "EEM", "MB", "2031", "2031-10-02", "1", "2", "3", "4"])
    ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    return items


@pytest.fixture
def answered(ctx, tmp_path) -> tuple[list[int], list[int]]:
    """Two ingested responses with four answers each: their ids and the items' ids."""
    items = ingest_two_responses(ctx, tmp_path)
    with ctx.engine.connect() as c:
        responses = c.scalars(select(m.Response.id).order_by(m.Response.id)).all()
        item_ids = c.scalars(select(m.Item.id).where(m.Item.code.in_(items))).all()
    return responses, item_ids


def answers(ctx, **where) -> int:
    query = select(func.count()).select_from(m.Answer)
    for column, value in where.items():
        query = query.where(getattr(m.Answer, column) == value)
    with ctx.engine.connect() as c:
        return c.scalar(query)


def unused_item(ctx, used: list[int]) -> int:
    with ctx.engine.connect() as c:
        return c.scalar(select(m.Item.id).where(m.Item.id.not_in(used)).limit(1))


@pytest.mark.parametrize("column", ["response_id", "item_id"])
def test_an_answer_naming_no_existing_row_is_refused(ctx, answered, column):
    responses, items = answered
    row = {"response_id": responses[0], "item_id": unused_item(ctx, items), "value": 3}
    row[column] = 999_999
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(insert(m.Answer), [row])
    assert answers(ctx) == 8


def test_a_bulk_write_with_one_wrong_reference_is_refused_whole(ctx, answered):
    # The ingest's own path (COPY on PostgreSQL): one bad row refuses the batch, nothing stays.
    responses, items = answered
    spare = unused_item(ctx, items)
    rows = [(responses[0], spare, 3), (responses[1], spare, 4), (999_999, spare, 5)]
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        insert_rows(c, "answer", ("response_id", "item_id", "value"), rows)
    assert answers(ctx, item_id=spare) == 0


def test_an_update_to_a_wrong_reference_is_refused(ctx, answered):
    responses, _items = answered
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(
            update(m.Answer).where(m.Answer.response_id == responses[0]).values(response_id=999_999)
        )
    assert answers(ctx, response_id=responses[0]) == 4


def test_deleting_a_response_or_an_item_deletes_its_answers(ctx, answered):
    responses, items = answered
    with ctx.engine.begin() as c:
        c.execute(delete(m.Response).where(m.Response.id == responses[0]))
    assert answers(ctx, response_id=responses[0]) == 0
    assert answers(ctx) == 4
    with ctx.engine.begin() as c:
        c.execute(delete(m.Item).where(m.Item.id == items[0]))
    assert answers(ctx, item_id=items[0]) == 0
    assert answers(ctx) == 3


def test_a_network_deleted_takes_its_responses_answers_along(ctx, answered):
    # A cascade two steps deep: network → response (its key) → answer.
    with ctx.engine.begin() as c:
        c.execute(delete(m.Network).where(m.Network.code == "UTS"))
    assert answers(ctx) == 4


def test_the_id_of_an_answered_response_stays(ctx, answered):
    responses, _items = answered
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(update(m.Response).where(m.Response.id == responses[0]).values(id=999_999))
    assert answers(ctx, response_id=responses[0]) == 4


def test_postgresql_checks_by_statement_not_by_row(ctx, answered):
    # The reason for migration 0015: no per-row foreign-key trigger on answer's inserts.
    if ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps its foreign keys")
    with ctx.engine.connect() as c:
        keys = c.scalar(
            text(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = 'answer'::regclass AND contype = 'f'"
            )
        )
        triggers = set(c.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
    assert keys == 0
    assert {
        "answer_references_on_insert",
        "response_answers_cascade",
        "item_answers_cascade",
    } <= triggers
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(text("TRUNCATE response CASCADE"))


def test_a_response_being_answered_about_cannot_be_deleted_meanwhile(ctx, answered):
    # The check locks the responses a statement names FOR KEY SHARE, as a foreign key does: a
    # concurrent delete waits for the writing transaction (here: gives up after 0.3 s) instead
    # of leaving its new answer behind without a response.
    if ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises its writers")
    responses, items = answered
    row = {"response_id": responses[0], "item_id": unused_item(ctx, items), "value": 3}
    with ctx.engine.connect() as writer, ctx.engine.connect() as other:
        writer.execute(insert(m.Answer), [row])
        other.execute(text("SET lock_timeout = '300ms'"))
        with pytest.raises(OperationalError, match="lock timeout"):
            other.execute(delete(m.Response).where(m.Response.id == responses[0]))
        other.rollback()
        writer.commit()
    assert answers(ctx, response_id=responses[0]) == 5
