"""PostgreSQL's binary paths of the recompute give the values the plain ones gave (issue 18).

A wave's answers are read as three binary arrays (metrics/answers.py) and the snapshots written
with a binary COPY (db/bulk.py, insert_rows_binary). Both run on SQLite too, where the plain
paths are kept, so each test holds on both databases.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import select

from db import models as m
from metrics import answers as reading
from metrics.snapshots import DERIVED_COLUMNS, SNAPSHOT_COLUMNS, write_waves
from metrics.store import load_snapshots, read_wave
from tests.test_recompute_equivalence import read_answers_slowly, small  # noqa: F401


def test_read_wave_gives_every_answer_nvt_as_nan(small):  # noqa: F811
    engine, _fw, consortium_id, ingest = small
    ingest(1, ("B1N01", "B1N02", "B1N03"))
    with engine.connect() as c:
        lookups = reading.lookups(c, consortium_id)
        waves = dict(c.execute(select(m.Wave.code, m.Wave.id)).all())
    answers, responses = read_wave(engine, waves["W01"], lookups)
    expected, _ = read_answers_slowly(engine, "W01")
    assert expected["value"].isna().any()  # the generator's 'nvt': NULL, read as NaN
    keys = ["response_id", "item"]
    got = answers.astype({"network": str, "wave": str, "group": str, "item": str})
    got = got.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected.sort_values(keys).reset_index(drop=True))
    assert set(responses["response_id"]) == set(expected["response_id"])
    # A wave without answers: no rows (array_agg of nothing is NULL on PostgreSQL).
    empty, _ = read_wave(engine, waves["W02"], lookups)
    assert empty.empty


def test_answers_from_arrays_is_the_query_row_for_row(small):  # noqa: F811
    engine, _fw, _consortium_id, ingest = small
    if engine.dialect.name != "postgresql":
        return  # SQLite reads the rows as before
    ingest(1, ("B1N01", "B1N02"))
    with engine.connect() as c:
        wave = c.scalar(select(m.Wave.id).where(m.Wave.code == "W01"))
        driver = c.connection.driver_connection
        with driver.cursor() as cursor:
            cursor.execute(reading.ANSWERS_SQL.format(wave=wave))
            plain = np.fromiter(cursor, dtype=reading.ANSWER_RECORD)
        arrays = reading._answers_from_arrays(driver, wave)
    assert len(plain) > 1000
    assert arrays.tobytes() == plain.tobytes()  # same rows, same order, NaN for NULL


def test_snapshot_values_come_back_exactly(small):  # noqa: F811
    engine, fw, consortium_id, _ingest = small
    with engine.connect() as c:
        wave = c.scalar(select(m.Wave.id).where(m.Wave.code == "W03"))
    floats = [0.1, 1 / 3, 5e-324, -1.7976931348623157e308, 2.0**-40 + 1, float("nan")]
    frame = pd.DataFrame(
        {
            "network": ["B1N01", "ALL", "B1N02", "B1N03", "ALL", "B1N01"],
            "group": ["all", "ZP", "MB", "all", "VW", "CO"],
            "measure": "item",
            "subject": ["I01", "tab\there", "back\\slash", "new\nline", "quote\"'", "ë€ \\N"],
            "n": pd.array([12, None, 0, 2**31 - 1, 5, 7], dtype="Int64"),
            "mean": floats,
            "sd": floats[::-1],
            "suppressed": [False, True, False, True, False, False],
            "suppressed_reason": [None, "n<5", None, "complement", None, None],
            "verdict": [None, None, "x", None, None, None],
            "previous_wave": [None, "W02", None, None, None, None],
            "difference": [-0.0, float("nan"), 1e-300, 3.5, float("nan"), 2.0],
            "significant": [None, True, False, None, pd.NA, True],
            "status": [None, "op koers", None, None, None, "aandacht"],
        }
    )
    write_waves(engine, consortium_id, [(wave, frame, [])], fw.version)
    stored = load_snapshots(engine, consortium_id, waves=["W03"])
    stored = stored.set_index(["network", "group"]).loc[list(zip(frame.network, frame.group))]
    assert list(stored["subject"]) == list(frame["subject"])
    assert [None if pd.isna(v) else int(v) for v in stored["n"]] == [12, None, 0, 2**31 - 1, 5, 7]
    for column in ("mean", "sd", "difference"):
        for got, want in zip(stored[column], frame[column], strict=True):
            if math.isnan(want):
                assert got is None or math.isnan(got)
            else:  # bit for bit (SQLite keeps no sign of a zero: -0.0 == 0.0)
                assert got == want
    assert [bool(v) for v in stored["suppressed"]] == list(frame["suppressed"])
    assert [None if pd.isna(v) else bool(v) for v in stored["significant"]] == [
        None, True, False, None, None, True
    ]  # fmt: skip
    for column in ("suppressed_reason", "verdict", "previous_wave", "status"):
        plain = [None if pd.isna(v) else v for v in frame[column]]
        assert [None if pd.isna(v) else v for v in stored[column]] == plain
    for column in set(SNAPSHOT_COLUMNS + DERIVED_COLUMNS) - set(frame.columns):
        assert stored[column].isna().all()  # the columns the frame did not give are empty
    stamps = pd.to_datetime(stored["computed_at"], utc=True)
    assert stamps.nunique() == 1
    assert abs(stamps.iloc[0] - pd.Timestamp(datetime.now(UTC))) < pd.Timedelta(minutes=5)
