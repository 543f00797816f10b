"""Figures derived from the stored snapshots of several waves: change between waves (rule 8) and
the road to the targets. They need only n, mean and sd of each wave, never the answers.

The waves a recompute has just computed join the series from memory and are written once,
whole, with their derived values (writing them, reading them back and updating them cost more
than computing them: issue 18); the networks' other waves are read as plain tuples, and only
their rows whose derived values moved are written back in bulk. Nothing here works a row or a value at a time: with
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
from metrics.snapshots import DERIVED_COLUMNS, VALUE_MEASURES
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
FLOAT_COLUMNS = ("difference", "p_value", "baseline", "target", "expected")
RELATIVE_TOLERANCE = 1e-12  # a stored float may differ from the computed one in its last bits


def derive(
    engine: Engine,
    fw,
    consortium_id: int,
    networks: Sequence[str],
    fresh: dict[int, pd.DataFrame],
    waves: dict[int, tuple[str, object]],
) -> tuple[dict[int, pd.DataFrame], int]:
    """Change between waves (rule 8) and the road to the targets of the networks' series, for a
    recompute that has just computed the waves in `fresh` (wave id → the wave's snapshot rows,
    not yet written; `waves`: every wave of the consortium, id → code and reference date).

    The fresh rows join the series as they are in memory, so they need not be written, read
    back and updated: they come back with DERIVED_COLUMNS filled, to be written once with their
    wave. Only the networks' other waves are read, and of those only the rows whose derived
    values moved are updated here. Returns the fresh frames and how many figures' derived values
    moved (fresh ones counted against empty, as if they had been written without them)."""
    others = sorted(set(waves) - set(fresh))
    stored = pd.DataFrame(columns=[*SERIES_COLUMNS, *[f"old_{c}" for c in DERIVED_COLUMNS]])
    if others:
        with engine.connect() as c:
            stored = read_series(c, consortium_id, networks, waves=others)
    parts = [stored] if len(stored) else []
    at: list[tuple[int, np.ndarray]] = []  # per fresh wave: its rows in the series frame
    offset = len(stored)
    for wave_id, snapshots in fresh.items():
        rows = _fresh_series(snapshots, networks, *waves[wave_id])
        # Fresh rows have no id yet: negative ones keep them apart from the stored rows.
        rows.insert(0, "id", -(offset + np.arange(len(rows)) + 1))
        at.append((wave_id, rows.index.to_numpy()))
        parts.append(rows.reset_index(drop=True))
        offset += len(rows)
    out = {w: frame.assign(**dict.fromkeys(DERIVED_COLUMNS)) for w, frame in fresh.items()}
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if frame.empty:
        return out, 0
    new = derived_values(frame, fw)
    old = frame.reindex(columns=[f"old_{c}" for c in DERIVED_COLUMNS])
    moved = _differs(new, old.set_axis(DERIVED_COLUMNS, axis=1))
    in_stored = np.arange(len(frame)) < len(stored)
    if (moved & in_stored).any():
        rows = plain_rows(
            pd.concat([frame.loc[moved & in_stored, ["id"]], new[moved & in_stored]], axis=1)
        )
        with transaction(engine) as s:
            update_rows(s.connection(), "measure_snapshot", "id", DERIVED_COLUMNS, rows)
    # Float columns stay float (NaN = empty): the writer then converts them in one call.
    derived = {
        c: pd.to_numeric(new[c]).to_numpy(dtype=float, na_value=np.nan)
        if c in FLOAT_COLUMNS
        else new[c].astype(object).to_numpy()
        for c in DERIVED_COLUMNS
    }
    start = len(stored)
    for wave_id, positions in at:
        columns = {}
        for column, values in derived.items():
            empty = np.nan if column in FLOAT_COLUMNS else None
            columns[column] = np.full(len(fresh[wave_id]), empty, dtype=values.dtype)
            columns[column][positions] = values[start : start + len(positions)]
        out[wave_id] = fresh[wave_id].assign(**columns)
        start += len(positions)
    return out, int(moved.sum())


def _fresh_series(
    snapshots: pd.DataFrame, networks: Sequence[str], wave: str, reference_date: object
) -> pd.DataFrame:
    """A fresh wave's rows in read_series' columns and types (as if read back from the table);
    the index is their position in `snapshots`."""
    rows = snapshots.reset_index(drop=True)
    keep = rows["measure"].isin([*SCORE_MEASURES, *VALUE_MEASURES]) & rows["network"].isin(
        list(networks)
    )
    rows = rows.loc[keep, ["network", "group", "measure", "subject"]].assign(
        wave=wave, reference_date=pd.NaT if reference_date is None else pd.Timestamp(reference_date)
    )
    picked = snapshots.iloc[rows.index]
    for column in ("n", "mean", "sd", "score_100", "value"):
        rows[column] = pd.to_numeric(picked[column]).to_numpy(dtype=float, na_value=np.nan)
    rows["suppressed"] = picked["suppressed"].to_numpy(dtype=bool)
    return rows


def read_series(
    connection, consortium_id: int, networks: Sequence[str], *, waves: Sequence[int] | None = None
) -> pd.DataFrame:
    """The snapshots of the networks' score and value measures, with their wave's code and
    reference date and the derived values stored now (columns old_<name>); only of `waves`
    when given."""
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
    if waves is not None:
        query = query.where(s.wave_id.in_([int(w) for w in waves]))
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
