"""Ingest of the generic template: validation, rejects kept with reasons, idempotent re-runs."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectors.ingest import ingest_file
from db import models as m
from samenwerkingsmonitor.clock import local, zone


def write_csv(path: Path, header: list[str], rows: list[list[str]], **kw) -> Path:
    with path.open("w", newline="", encoding=kw.get("encoding", "utf-8")) as f:
        writer = csv.writer(f, delimiter=kw.get("delimiter", ","))
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def items(ctx) -> list[str]:
    return ctx.framework.items_frame()["item"].tolist()[:4]


def count(ctx, model) -> int:
    with ctx.engine.connect() as c:
        return c.scalar(select(func.count()).select_from(model))


def test_valid_file_is_ingested_once(ctx, tmp_path, items):
    header = ["response_id", "network", "group", "wave", "submitted_at", *items]
    rows = [
        ["r1", "UTS", "ZP", "2031", "2031-10-01 09:00:00", "4", "5", "nvt", ""],
        ["r2", "UTS", "MB", "2031", "2031-10-03", "2", "weet niet", "3", "1"],
        ["r3", "EEM", "ZP", "2031", "2031-10-02T14:30", "5", "5", "4", "N.V.T."],
    ]
    path = write_csv(tmp_path / "wave.csv", header, rows)
    s = ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    assert (s.rows_in, s.rows_new, s.rows_updated, s.rows_rejected) == (3, 3, 0, 0)
    # 12 cells, one empty: 11 answers stored; 'nvt', 'weet niet', 'N.V.T.' are NULL (missing)
    assert count(ctx, m.Answer) == 11
    with ctx.engine.connect() as c:
        assert c.scalar(select(func.count()).where(m.Answer.value.is_(None))) == 3
    with Session(ctx.engine) as session:
        wave = session.scalars(select(m.Wave).where(m.Wave.code == "2031")).one()
    assert wave.reference_date == date(2031, 10, 3)  # the latest submitted_at of its responses
    assert wave.reference_date_fixed is False

    again = ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    assert again.skipped
    forced = ingest_file(
        ctx.engine, path, consortium_id=ctx.consortium_id, force=True, create_waves=True
    )
    assert (forced.rows_new, forced.rows_updated, forced.rows_unchanged) == (0, 0, 3)
    assert count(ctx, m.Response) == 3 and count(ctx, m.Answer) == 11


def test_changed_row_updates_that_response(ctx, tmp_path, items):
    header = ["response_id", "network", "group", "wave", "submitted_at", *items]
    first = write_csv(
        tmp_path / "a.csv",
        header,
        [
            ["r1", "UTS", "ZP", "2031", "2031-10-01", "4", "4", "4", "4"],
            ["r2", "UTS", "ZP", "2031", "2031-10-01", "3", "3", "3", "3"],
        ],
    )
    ingest_file(ctx.engine, first, consortium_id=ctx.consortium_id, create_waves=True)
    second = write_csv(
        tmp_path / "b.csv",
        header,
        [
            ["r1", "UTS", "ZP", "2031", "2031-10-01", "4", "4", "4", "4"],
            ["r2", "UTS", "ZP", "2031", "2031-10-01", "1", "2", "", "5"],
        ],
    )
    s = ingest_file(ctx.engine, second, consortium_id=ctx.consortium_id, create_waves=True)
    assert (s.rows_new, s.rows_updated, s.rows_unchanged) == (0, 1, 1)
    with ctx.engine.connect() as c:
        values = c.scalars(
            select(m.Answer.value)
            .join(m.Response)
            .where(m.Response.external_id == "r2")
            .order_by(m.Answer.value)
        ).all()
    assert values == [1, 2, 5]
    assert count(ctx, m.Response) == 2


def test_malformed_rows_are_rejected_with_reasons_and_the_rest_kept(ctx, tmp_path, items):
    header = ["response_id", "network", "group", "wave", "submitted_at", *items]
    rows = [
        ["ok1", "UTS", "ZP", "2031", "2031-10-01", "4", "5", "3", "2"],  # line 2
        ["bad-net", "XXX", "ZP", "2031", "2031-10-01", "4", "5", "3", "2"],  # 3: unknown network
        ["bad-val", "UTS", "ZP", "2031", "2031-10-01", "7", "5", "3", "2"],  # 4: value 7
        ["bad-txt", "UTS", "ZP", "2031", "2031-10-01", "4", "veel", "3", "2"],  # 5: text
        ["dup", "UTS", "ZP", "2031", "2031-10-01", "4", "4", "4", "4"],  # 6: duplicate id …
        ["dup", "UTS", "ZP", "2031", "2031-10-01", "1", "1", "1", "1"],  # 7: … with other content
        ["short", "UTS", "ZP", "2031"],  # 8: missing columns
        ["ok2", "LEK", "VW", "2031", "2031-10-02", "", "", "", "1"],  # 9
        ["bad-date", "LEK", "VW", "2031", "gisteren", "1", "1", "1", "1"],  # 10
    ]
    path = write_csv(tmp_path / "mixed.csv", header, rows)
    s = ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    assert (s.rows_in, s.rows_new, s.rows_rejected) == (9, 2, 7)
    with ctx.engine.connect() as c:
        kept = set(c.scalars(select(m.Response.external_id)))
    with Session(ctx.engine) as session:
        rejects = {row.row_number: row for row in session.scalars(select(m.RejectedRow))}
    assert kept == {"ok1", "ok2"}
    assert set(rejects) == {3, 4, 5, 6, 7, 8, 10}
    assert rejects[3].column == "network" and "unknown network 'XXX'" in rejects[3].reason
    assert (
        rejects[4].column == items[0] and rejects[4].value == "7" and "not 1–5" in rejects[4].reason
    )
    assert rejects[5].column == items[1] and "'veel'" in rejects[5].reason
    assert (
        "appears more than once" in rejects[6].reason
        and "appears more than once" in rejects[7].reason
    )
    assert "4 fields, the header has 9" in rejects[8].reason
    assert rejects[10].column == "submitted_at"
    assert all(r.reason.startswith("mixed.csv row ") for r in rejects.values())
    assert rejects[4].raw["response_id"] == "bad-val"  # the raw input is kept


def test_missing_required_column_rejects_every_row(ctx, tmp_path, items):
    path = write_csv(
        tmp_path / "nowave.csv",
        ["response_id", "network", "group", "submitted_at", *items],
        [["r1", "UTS", "ZP", "2031-10-01", "1", "2", "3", "4"]],
    )
    s = ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    assert (s.rows_new, s.rows_rejected) == (0, 1)
    assert any("missing column(s) wave" in w for w in s.warnings)
    assert count(ctx, m.Response) == 0


def test_windows_1252_semicolon_file(ctx, tmp_path, items):
    header = ["response_id", "network", "group", "wave", "submitted_at", *items]
    path = write_csv(
        tmp_path / "excel.csv",
        header,
        [["café-1", "UTS", "ZP", "2031", "2031-10-01", "4", "4", "n.v.t.", "4"]],
        encoding="cp1252",
        delimiter=";",
    )
    s = ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    assert s.rows_new == 1
    with ctx.engine.connect() as c:
        assert c.scalar(select(m.Response.external_id)) == "café-1"


def test_dutch_dates_are_day_first_and_iso_dates_exact(ctx, tmp_path, items):
    header = ["response_id", "network", "group", "wave", "submitted_at", *items]
    path = write_csv(
        tmp_path / "nl.csv",
        header,
        [
            ["d1", "UTS", "ZP", "2031", "02-10-2031", "4", "4", "4", "4"],  # 2 October
            ["d2", "UTS", "ZP", "2031", "2031-09-03 09:46:00", "4", "4", "4", "4"],  # 3 September
        ],
    )
    ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    with ctx.engine.connect() as c:
        dates = dict(c.execute(select(m.Response.external_id, m.Response.submitted_at)).all())
    # Stored in UTC: local midnight of 2 October is 22:00 on 1 October (summer time).
    assert dates["d1"] == datetime(2031, 10, 1, 22, tzinfo=UTC)
    assert local(dates["d2"]) == datetime(2031, 9, 3, 9, 46, tzinfo=zone())


def test_a_source_belongs_to_one_consortium(ctx, tmp_path, items, database_url):
    from collectors.ingest import SourceOfAnotherConsortium
    from tests.conftest import REPO, make_context

    header = ["response_id", "network", "group", "wave", "submitted_at", *items]
    ingest_file(
        ctx.engine,
        write_csv(
            tmp_path / "a.csv",
            header,
            [["r-001", "UTS", "ZP", "2031", "2031-10-01", "4", "4", "4", "4"]],
        ),
        consortium_id=ctx.consortium_id,
        create_waves=True,
    )
    other = make_context(
        database_url, tmp_path, REPO / "config/framework/example-second-consortium.yaml"
    )
    codes = other.framework.items_frame()["item"].tolist()[:4]
    network, group = other.framework.networks[0].code, other.framework.groups[0].code
    theirs = write_csv(
        tmp_path / "b.csv",
        ["response_id", "network", "group", "wave", "submitted_at", *codes],
        [["r-001", network, group, "2031", "2031-10-01", "1", "1", "1", "1"]],
    )
    with pytest.raises(
        SourceOfAnotherConsortium,
        match="source 'template' already holds responses of consortium 'septet'",
    ):
        ingest_file(other.engine, theirs, consortium_id=other.consortium_id, create_waves=True)
    with ctx.engine.connect() as c:
        values = c.scalars(select(m.Answer.value)).all()
    assert values == [4, 4, 4, 4]  # Septet's response is untouched
    assert (
        ingest_file(
            other.engine,
            theirs,
            consortium_id=other.consortium_id,
            source="zuidwest",
            create_waves=True,
        ).rows_new
        == 1
    )
    other.engine.dispose()
