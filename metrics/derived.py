"""Figures derived from the stored snapshots of several waves: change between waves (rule 8) and
the road to the targets. They need only n, mean and sd of each wave, never the answers."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, bindparam, select, update

from db import models as m
from db.bulk import plain_row
from db.engine import transaction
from metrics.snapshots import SCORE_MEASURES, VALUE_MEASURES


def derive(engine: Engine, fw, consortium_id: int, networks: Sequence[str]) -> int:
    """Change between waves (rule 8) and the road to the targets, for the given networks' series.

    Reads only snapshots; writes back only the rows whose derived values differ.
    """
    from metrics.change import change_from_aggregates, change_of_values
    from metrics.targets import road_to_target

    query = (
        select(
            m.MeasureSnapshot.id,
            m.MeasureSnapshot.network,
            m.MeasureSnapshot.group,
            m.MeasureSnapshot.measure,
            m.MeasureSnapshot.subject,
            m.Wave.code,
            m.Wave.reference_date,
            m.MeasureSnapshot.n,
            m.MeasureSnapshot.mean,
            m.MeasureSnapshot.sd,
            m.MeasureSnapshot.score_100,
            m.MeasureSnapshot.value,
            m.MeasureSnapshot.suppressed,
            m.MeasureSnapshot.previous_wave,
            m.MeasureSnapshot.difference,
            m.MeasureSnapshot.p_value,
            m.MeasureSnapshot.significant,
            m.MeasureSnapshot.baseline,
            m.MeasureSnapshot.target,
            m.MeasureSnapshot.expected,
            m.MeasureSnapshot.status,
        )
        .join(m.Wave, m.Wave.id == m.MeasureSnapshot.wave_id)
        .where(
            m.MeasureSnapshot.consortium_id == consortium_id,
            m.MeasureSnapshot.measure.in_([*SCORE_MEASURES, *VALUE_MEASURES]),
            m.MeasureSnapshot.network.in_(list(networks)),
        )
    )
    derived_columns = [
        "previous_wave",
        "difference",
        "p_value",
        "significant",
        "baseline",
        "target",
        "expected",
        "status",
    ]
    with engine.connect() as c:
        rows = c.execute(query).all()
    frame = pd.DataFrame(
        rows,
        columns=[
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
            *[f"old_{c}" for c in derived_columns],
        ],
    )
    if frame.empty:
        return 0
    frame["reference_date"] = pd.to_datetime(frame["reference_date"])
    scores = frame["measure"].isin(SCORE_MEASURES)
    changes = pd.concat(
        [change_from_aggregates(frame[scores]), change_of_values(frame[~scores])],
        ignore_index=True,
    )
    frame = frame.merge(changes, on=["network", "wave", "group", "measure", "subject"], how="left")
    # Score targets are on the 0-100 scale; the other measures' on their own (the figure).
    on_scale = frame["score_100"].where(scores, frame["value"])
    road = road_to_target(
        frame.loc[
            frame["group"] == "all",
            ["id", "network", "measure", "subject", "wave", "reference_date", "suppressed"],
        ].assign(value=on_scale),
        fw.targets_frame(),
        on_track=fw.settings.status_thresholds.on_track,
        attention=fw.settings.status_thresholds.attention,
    )
    frame = frame.merge(
        road[["id", "baseline", "target", "expected", "status"]], on="id", how="left"
    )
    new = frame[derived_columns].astype(object).where(frame[derived_columns].notna(), None)
    old = frame[[f"old_{c}" for c in derived_columns]].astype(object)
    old = old.where(old.notna(), None).set_axis(derived_columns, axis=1)
    differs = ~(_rounded(new) == _rounded(old)).all(axis=1)
    updates = [
        {"sid": int(i), **dict(zip(derived_columns, plain_row(tuple(values)), strict=True))}
        for i, values in zip(
            frame.loc[differs, "id"], new[differs].itertuples(index=False, name=None), strict=True
        )
    ]
    if updates:
        with transaction(engine) as s:
            s.connection().execute(
                update(m.MeasureSnapshot)
                .where(m.MeasureSnapshot.id == bindparam("sid"))
                .values({c: bindparam(c) for c in derived_columns}),
                updates,
            )
    return len(updates)


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Comparable derived values: floats at 12 significant digits (the database may round the
    last bits) and one marker for empty, since None == None is not equal in pandas."""
    return frame.astype(object).map(
        lambda v: "∅" if v is None else float(f"{v:.12g}") if isinstance(v, float) else v
    )
