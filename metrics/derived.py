"""Figures derived from the stored snapshots of several waves: change between waves (rule 8) and
the road to the targets. They need only n, mean and sd of each wave, never the answers.

One read of the networks' series as plain tuples, the rules as whole-frame operations, one bulk
write of the rows whose derived values moved. Nothing here works a row or a value at a time: with
SQLAlchemy rows, a comparison per value and an UPDATE statement per row this step was a fixed
cost of about a second per consortium, whatever the number of respondents.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from db import models as m
from db.bulk import fetch_plain, plain_rows, update_rows
from db.engine import transaction
from metrics.change import change_from_aggregates, change_of_values
from metrics.snapshots import VALUE_MEASURES
from metrics.targets import road_to_target
from samenwerkingsmonitor.vocabulary import ALL_GROUPS, SCORE_MEASURES

KEYS = ["network", "wave", "group", "measure", "subject"]
SERIES_COLUMNS = [
    "id",
    "network",
    "group",
    "measure",
    "subject",
    "wave",
    "reference_date",
    "n",
    "mean",
    "sd",
    "score_100",
    "value",
    "suppressed",
]
DERIVED_COLUMNS = [
    "previous_wave",
    "difference",
    "p_value",
    "significant",
    "baseline",
    "target",
    "expected",
    "status",
]
FLOAT_COLUMNS = ("difference", "p_value", "baseline", "target", "expected")
RELATIVE_TOLERANCE = 1e-12  # a stored float may differ from the computed one in its last bits


def derive(engine: Engine, fw, consortium_id: int, networks: Sequence[str]) -> int:
    """Change between waves (rule 8) and the road to the targets, for the given networks' series.

    Reads only snapshots; writes back only the rows whose derived values differ, and returns how
    many those are.
    """
    with engine.connect() as c:
        frame = read_series(c, consortium_id, networks)
    if frame.empty:
        return 0
    new = derived_values(frame, fw)
    old = frame[[f"old_{c}" for c in DERIVED_COLUMNS]].set_axis(DERIVED_COLUMNS, axis=1)
    moved = _differs(new, old)
    if moved.any():
        rows = plain_rows(pd.concat([frame.loc[moved, ["id"]], new[moved]], axis=1))
        with transaction(engine) as s:
            update_rows(s.connection(), "measure_snapshot", "id", DERIVED_COLUMNS, rows)
    return int(moved.sum())


def read_series(connection, consortium_id: int, networks: Sequence[str]) -> pd.DataFrame:
    """The snapshots of the networks' score and value measures, with their wave's code and
    reference date and the derived values stored now (columns old_<name>)."""
    s = m.MeasureSnapshot
    query = (
        select(
            s.id,
            s.network,
            s.group,
            s.measure,
            s.subject,
            m.Wave.code,
            m.Wave.reference_date,
            s.n,
            s.mean,
            s.sd,
            s.score_100,
            s.value,
            s.suppressed,
            *[getattr(s, c) for c in DERIVED_COLUMNS],
        )
        .join(m.Wave, m.Wave.id == s.wave_id)
        .where(
            s.consortium_id == consortium_id,
            s.measure.in_([*SCORE_MEASURES, *VALUE_MEASURES]),
            s.network.in_(list(networks)),
        )
    )
    columns = [*SERIES_COLUMNS, *[f"old_{c}" for c in DERIVED_COLUMNS]]
    frame = pd.DataFrame.from_records(fetch_plain(connection, query), columns=columns)
    # The driver's own types: SQLite gives a date as text and a boolean as 0 or 1.
    frame["reference_date"] = pd.to_datetime(frame["reference_date"])
    frame["suppressed"] = frame["suppressed"].astype(bool)
    for column in ("n", "mean", "sd", "score_100", "value"):
        frame[column] = pd.to_numeric(frame[column]).astype(float)
    return frame


def derived_values(frame: pd.DataFrame, fw) -> pd.DataFrame:
    """Change and road to target for every row of `frame` (read_series' columns), aligned with
    it: columns DERIVED_COLUMNS, empty where a rule gives nothing."""
    scores = frame["measure"].isin(SCORE_MEASURES).to_numpy()
    changes = pd.concat(
        [change_from_aggregates(frame[scores]), change_of_values(frame[~scores])],
        ignore_index=True,
    )
    out = frame[KEYS].merge(changes, on=KEYS, how="left")
    # Score targets are on the 0-100 scale; the other measures' on their own (the figure).
    on_scale = np.where(scores, frame["score_100"].to_numpy(), frame["value"].to_numpy())
    overall = (frame["group"] == ALL_GROUPS).to_numpy()
    road = road_to_target(
        frame.loc[
            overall, ["id", "network", "measure", "subject", "wave", "reference_date", "suppressed"]
        ].assign(value=on_scale[overall]),
        fw.targets_frame(),
        on_track=fw.settings.status_thresholds.on_track,
        attention=fw.settings.status_thresholds.attention,
    )
    road = road.set_index("id")[["baseline", "target", "expected", "status"]]
    out = out.join(road.reindex(frame["id"].to_numpy()).reset_index(drop=True))
    return out[DERIVED_COLUMNS]


def _differs(new: pd.DataFrame, old: pd.DataFrame) -> np.ndarray:
    """Rows where a derived value changed: floats beyond a relative 1e-12 (the database may round
    the last bits), other values by equality, empty equal to empty."""
    differs = np.zeros(len(new), dtype=bool)
    for column in DERIVED_COLUMNS:
        if column in FLOAT_COLUMNS:
            a = pd.to_numeric(new[column]).to_numpy(dtype=float, na_value=np.nan)
            b = pd.to_numeric(old[column]).to_numpy(dtype=float, na_value=np.nan)
            same = np.isclose(a, b, rtol=RELATIVE_TOLERANCE, atol=0.0, equal_nan=True)
        else:
            # numpy compares object arrays with Python's ==, so None equals None (pandas' NA
            # would not) and a stored 1 equals True.
            a = new[column].astype(object).where(new[column].notna(), None).to_numpy()
            b = old[column].astype(object).where(old[column].notna(), None).to_numpy()
            same = a == b
        differs |= ~same
    return differs
