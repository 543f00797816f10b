"""A response belongs to an existing wave, network and respondent group, whatever writes it: the
database refuses a wrong reference and deletes a deleted wave's, network's or group's responses
with their answers. SQLite holds this by its foreign keys, PostgreSQL by the statement-level
triggers of migration 0017 (db/migrations/reference_checks.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import OperationalError

from db import models as m
from db.bulk import insert_with_ids
from tests.test_answer_references import REFUSED, ingest_two_responses

# The references of a response: its column and the table it names.
PARENTS = {"wave_id": m.Wave, "network_id": m.Network, "group_id": m.RespondentGroup}


@pytest.fixture
def responses(ctx, tmp_path) -> list[dict]:
    """Two ingested responses (network UTS, group ZP; network EEM, group MB; both of wave 2031)
    with four answers each: their stored rows."""
    ingest_two_responses(ctx, tmp_path)
    with ctx.engine.connect() as c:
        rows = c.execute(select(m.Response.__table__).order_by(m.Response.external_id))
        return [dict(row._mapping) for row in rows]


def new_response(like: dict, **values) -> dict:
    """A response of the same wave, network and group as `like`, under a new response id."""
    row = {c: like[c] for c in ("wave_id", "network_id", "group_id", "source")}
    submitted = datetime(2031, 10, 3, tzinfo=UTC)
    return {**row, "external_id": "r3", "submitted_at": submitted, "content_hash": "x", **values}


def count(ctx, table, **where) -> int:
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(getattr(table, column) == value)
    with ctx.engine.connect() as c:
        return c.scalar(query)


@pytest.mark.parametrize("column", list(PARENTS))
def test_a_response_naming_no_existing_row_is_refused(ctx, responses, column):
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(insert(m.Response), [new_response(responses[0], **{column: 999_999})])
    assert count(ctx, m.Response) == 2


@pytest.mark.parametrize("column", list(PARENTS))
def test_a_bulk_write_with_one_wrong_reference_is_refused_whole(ctx, responses, column):
    # The ingest's own path (one COPY on PostgreSQL): one bad row refuses them all.
    rows = [
        new_response(responses[0], external_id="r3"),
        new_response(responses[1], external_id="r4"),
        new_response(responses[1], external_id="r5", **{column: 999_999}),
    ]
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        insert_with_ids(c, m.Response.__table__, rows)
    assert count(ctx, m.Response) == 2


@pytest.mark.parametrize("column", list(PARENTS))
def test_an_update_to_a_wrong_reference_is_refused(ctx, responses, column):
    first = responses[0]
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(update(m.Response).where(m.Response.id == first["id"]).values({column: 999_999}))
    assert count(ctx, m.Response, id=first["id"], **{column: first[column]}) == 1


@pytest.mark.parametrize("column", list(PARENTS))
def test_deleting_a_wave_network_or_group_deletes_its_responses_and_answers(ctx, responses, column):
    parent = PARENTS[column]
    first, second = responses
    with ctx.engine.begin() as c:
        c.execute(delete(parent).where(parent.id == first[column]))
    # Both responses are of one wave; network and group differ.
    kept = [] if column == "wave_id" else [second["id"]]
    with ctx.engine.connect() as c:
        assert c.scalars(select(m.Response.id)).all() == kept
        assert set(c.scalars(select(m.Answer.response_id).distinct())) == set(kept)


def test_a_consortium_deleted_takes_its_responses_and_answers_along(ctx, responses):
    # Cascades several steps deep: consortium → network and instrument → wave (their keys) →
    # response (0017's triggers) → answer (0015's).
    with ctx.engine.begin() as c:
        c.execute(delete(m.Consortium).where(m.Consortium.id == ctx.consortium_id))
    assert count(ctx, m.Response) == 0
    assert count(ctx, m.Answer) == 0


@pytest.mark.parametrize("column", list(PARENTS))
def test_the_id_of_a_referred_wave_network_or_group_stays(ctx, responses, column):
    parent = PARENTS[column]
    first = responses[0]
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(update(parent).where(parent.id == first[column]).values(id=999_999))
    assert count(ctx, m.Response, **{column: first[column]}) >= 1


@pytest.fixture
def postgresql_only(ctx):
    if ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps its foreign keys")


def test_postgresql_checks_by_statement_not_by_row(ctx, responses, postgresql_only):
    # The reason for migration 0017: no per-row foreign-key trigger on response's COPY.
    with ctx.engine.connect() as c:
        keys = c.scalar(
            text(
                "SELECT count(*) FROM pg_constraint "
                "WHERE conrelid = 'response'::regclass AND contype = 'f'"
            )
        )
        triggers = set(c.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
    assert keys == 0
    assert {
        "response_references_on_insert",
        "response_references_on_update",
        "wave_responses_cascade",
        "network_responses_cascade",
        "respondent_group_responses_cascade",
    } <= triggers


@pytest.mark.parametrize("column", list(PARENTS))
def test_truncating_a_wave_network_or_group_alone_is_refused(
    ctx, responses, postgresql_only, column
):
    table = PARENTS[column].__tablename__
    with pytest.raises(REFUSED), ctx.engine.begin() as c:
        c.execute(text(f"TRUNCATE {table} CASCADE"))
    assert count(ctx, m.Response) == 2
    # Named together with the responses and their answers it goes.
    with ctx.engine.begin() as c:
        c.execute(text(f"TRUNCATE {table}, response, answer CASCADE"))
    assert count(ctx, m.Response) == 0


def test_a_network_being_referred_to_cannot_be_deleted_meanwhile(ctx, responses, postgresql_only):
    # The check locks the networks a statement names FOR KEY SHARE, as a foreign key does: a
    # concurrent delete waits for the writing transaction (here: gives up after 0.3 s) instead
    # of leaving its new response behind without a network.
    network = responses[1]["network_id"]
    with ctx.engine.connect() as writer, ctx.engine.connect() as other:
        writer.execute(insert(m.Response), [new_response(responses[1])])
        other.execute(text("SET lock_timeout = '300ms'"))
        with pytest.raises(OperationalError, match="lock timeout"):
            other.execute(delete(m.Network).where(m.Network.id == network))
        other.rollback()
        writer.commit()
    assert count(ctx, m.Response, network_id=network) == 2
