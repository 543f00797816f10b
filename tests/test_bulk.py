"""db/bulk.py writes what SQLAlchemy would have written: every row, NULLs as NULL, moments in
the text SQLite's DATETIME reads back, on both databases."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import insert, select, text

from collectors.ingest import ingest_file
from db import models as m
from db.bulk import _binary_copy, insert_with_ids


def test_an_ingest_stores_every_answer_across_many_statements(ctx, tmp_path):
    # 101 responses x 4 items: more rows than one SQLite statement takes (333), not a multiple
    # of it; 'nvt' is a NULL answer, an empty cell no answer at all.
    items = ctx.framework.items_frame()["item"].tolist()[:4]
    cells = ["1", "2", "3", "4", "5", "nvt", ""]
    expected = {}
    path = tmp_path / "wave.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["response_id", "network", "group", "wave", "submitted_at", *items])
        for n in range(101):
            row = [cells[(n + k) % len(cells)] for k in range(len(items))]
            writer.writerow([f"r{n:03d}", "UTS", "ZP", "2031", "2031-10-01", *row])
            for item, cell in zip(items, row, strict=True):
                if cell:
                    expected[(f"r{n:03d}", item)] = None if cell == "nvt" else int(cell)
    ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)
    with ctx.engine.connect() as c:
        stored = c.execute(
            select(m.Response.external_id, m.Item.code, m.Answer.value)
            .join(m.Response, m.Response.id == m.Answer.response_id)
            .join(m.Item, m.Item.id == m.Answer.item_id)
        ).all()
    assert {(r, i): v for r, i, v in stored} == expected
    assert len(stored) == len(expected)


def test_insert_with_ids_stores_values_as_sqlalchemy_does(ctx):
    # SQLite: a moment is text in SQLAlchemy's own format (with microseconds), not the driver's.
    with ctx.engine.connect() as c:
        wave = c.scalar(select(m.Wave.id).limit(1))
        if wave is None:
            instrument = c.scalar(select(m.Instrument.id).limit(1))
            wave = c.scalar(
                insert(m.Wave).values(instrument_id=instrument, code="X").returning(m.Wave.id)
            )
        network = c.scalar(select(m.Network.id).limit(1))
        group = c.scalar(select(m.RespondentGroup.id).limit(1))
        moment = datetime(2031, 10, 1, 22, 0, tzinfo=UTC)
        row = {
            "wave_id": wave,
            "network_id": network,
            "group_id": group,
            "source": "s",
            "content_hash": "h",
            "submitted_at": moment,
        }
        ids = insert_with_ids(c, m.Response.__table__, [{**row, "external_id": "bulk"}])
        c.execute(insert(m.Response), [{**row, "external_id": "orm"}])
        query = text("SELECT external_id, submitted_at FROM response WHERE source = 's'")
        raw = dict(c.execute(query).all())
        stored = c.scalar(select(m.Response.submitted_at).where(m.Response.id == ids[0]))
    assert raw["bulk"] == raw["orm"]
    assert stored == moment


def test_the_binary_copy_buffer_refuses_a_value_its_column_cannot_hold():
    frame = pd.DataFrame({"value": pd.array([1, 40_000], dtype="Int64")})
    with pytest.raises(ValueError, match="out of range"):
        _binary_copy(frame, [np.dtype(">i2")])


def test_the_binary_copy_buffer_leaves_out_a_nulls_value():
    frame = pd.DataFrame({"a": [7], "b": pd.array([None], dtype="Int64")})
    buffer = _binary_copy(frame, [np.dtype(">i4"), np.dtype(">i2")])
    row = b"\x00\x02" + b"\x00\x00\x00\x04\x00\x00\x00\x07" + b"\xff\xff\xff\xff"
    assert buffer == b"PGCOPY\n\xff\r\n\x00" + bytes(8) + row + b"\xff\xff"
