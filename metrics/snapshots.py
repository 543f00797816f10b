"""The measure_snapshot table: each wave's figures replaced in one transaction, read by pages,
exports and reports (already suppressed: nothing here needs to know the rules)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, bindparam, delete, select, update

from db import models as m
from db.bulk import insert_rows_binary, plain_rows
from db.engine import transaction

# Figures that are a value of the whole listed network, not a mean of respondents: their change
# is a plain difference and their targets are on their own scale.
VALUE_MEASURES = ("network",)
SNAPSHOT_COLUMNS = [
    "network",
    "group",
    "measure",
    "subject",
    "n",
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "score_100",
    "pct_positive",
    "pct_negative",
    "value",
    "verdict",
    "suppressed",
    "suppressed_reason",
]


# The columns change and road to target fill (metrics/derived.py), written with the wave.
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


def write_waves(
    engine: Engine,
    consortium_id: int,
    waves: Sequence[tuple[int, pd.DataFrame, Sequence[tuple[int, int]]]],
    framework_version: str,
) -> None:
    """Replace each wave's snapshots (wave id, its rows with SNAPSHOT_COLUMNS and optionally
    DERIVED_COLUMNS, its partitions' versions read before the computation) and mark its
    partitions computed, all in one transaction.

    A partition is marked computed only at the data version read before the computation: data
    that arrived meanwhile keeps it dirty for the next run.
    """
    if not waves:
        return
    now = datetime.now(UTC)
    columns = [
        "consortium_id",
        "wave_id",
        *SNAPSHOT_COLUMNS,
        *DERIVED_COLUMNS,
        "framework_version",
        "computed_at",
    ]
    # What sqlite3 would make of the datetime on every row, made once (it is the same value).
    stamp = now.isoformat(" ") if engine.dialect.name == "sqlite" else now
    frame = pd.concat(
        [
            snapshots.reindex(columns=[*SNAPSHOT_COLUMNS, *DERIVED_COLUMNS]).assign(wave_id=wave_id)
            for wave_id, snapshots, _ in waves
        ],
        ignore_index=True,
    )
    rows = plain_rows(
        frame.assign(
            consortium_id=consortium_id, framework_version=framework_version, computed_at=stamp
        )[columns]
    )
    with transaction(engine) as s:
        conn = s.connection()
        ids = [wave_id for wave_id, _, _ in waves]
        conn.execute(delete(m.MeasureSnapshot).where(m.MeasureSnapshot.wave_id.in_(ids)))
        insert_rows_binary(conn, "measure_snapshot", columns, rows)
        marks = [{"n": n, "w": w, "v": v} for w, _, versions in waves for n, v in versions]
        if not marks:
            return
        conn.execute(
            update(m.Partition)
            .where(
                m.Partition.network_id == bindparam("n"),
                m.Partition.wave_id == bindparam("w"),
                m.Partition.data_version == bindparam("v"),
            )
            .values(computed_version=bindparam("v")),
            marks,
        )


def load_snapshots(
    engine: Engine,
    consortium_id: int,
    *,
    networks: Sequence[str] | None = None,
    waves: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Snapshots joined with their wave code, optionally filtered; suppression already applied."""
    s = m.MeasureSnapshot
    query = (
        select(
            s.network,
            m.Wave.code.label("wave"),
            s.group,
            s.measure,
            s.subject,
            s.n,
            s.mean,
            s.sd,
            s.ci_low,
            s.ci_high,
            s.score_100,
            s.pct_positive,
            s.pct_negative,
            s.suppressed,
            s.suppressed_reason,
            s.value,
            s.verdict,
            s.previous_wave,
            s.difference,
            s.p_value,
            s.significant,
            s.baseline,
            s.target,
            s.expected,
            s.status,
            m.Wave.reference_date,
            s.framework_version,
            s.computed_at,
        )
        .join(m.Wave, m.Wave.id == s.wave_id)
        .where(s.consortium_id == consortium_id)
        .order_by(m.Wave.reference_date, s.network, s.group, s.measure, s.subject)
    )
    if networks:
        query = query.where(s.network.in_(list(networks)))
    if waves:
        query = query.where(m.Wave.code.in_(list(waves)))
    with engine.connect() as c:
        result = c.execute(query)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def load_ties(
    engine: Engine, consortium_id: int, *, networks: Sequence[str] | None = None
) -> pd.DataFrame:
    """The partner network's ties: network, wave, a, b, frequency (1 a few times, 2 monthly,
    3 weekly: the higher side), by_a, by_b (who reported it), oldest wave first."""
    t = m.NetworkTie
    query = (
        select(t.network, m.Wave.code.label("wave"), t.a, t.b, t.frequency, t.by_a, t.by_b)
        .join(m.Wave, m.Wave.id == t.wave_id)
        .where(t.consortium_id == consortium_id)
        .order_by(m.Wave.reference_date, t.network, t.a, t.b)
    )
    if networks:
        query = query.where(t.network.in_(list(networks)))
    with engine.connect() as c:
        result = c.execute(query)
        return pd.DataFrame(result.all(), columns=list(result.keys()))
