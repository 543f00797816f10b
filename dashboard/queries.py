"""Read-only lookups for the pages: indexed queries on snapshots and small counts."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from db import models as m


def networks(engine: Engine, consortium_id: int) -> pd.DataFrame:
    query = select(m.Network.code, m.Network.name).where(m.Network.consortium_id == consortium_id)
    with engine.connect() as c:
        return pd.DataFrame(
            c.execute(query.order_by(m.Network.name)).all(), columns=["code", "name"]
        )


def responses_per_wave(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """Responses per network × wave from the response-rate snapshots (suppressed below the
    threshold like every count of respondents), with the date of each network's latest response."""
    s = m.MeasureSnapshot
    counts = (
        select(s.network, m.Wave.code, m.Wave.reference_date, s.n, s.suppressed)
        .join(m.Wave, m.Wave.id == s.wave_id)
        .where(s.consortium_id == consortium_id, s.measure == "response_rate", s.group == "all")
    )
    latest = (
        select(m.Network.code, func.max(m.Response.submitted_at))
        .join(m.Response, m.Response.network_id == m.Network.id)
        .where(m.Network.consortium_id == consortium_id)
        .group_by(m.Network.code)
    )
    with engine.connect() as c:
        frame = pd.DataFrame(
            c.execute(counts).all(),
            columns=["network", "wave", "reference_date", "responses", "suppressed"],
        )
        dates = dict(c.execute(latest).all())
    frame["latest"] = frame["network"].map(dates)
    return frame


def latest_index(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """The collaboration index per network at its latest wave (suppressed rows included, as such)."""
    query = (
        select(
            m.MeasureSnapshot.network,
            m.Wave.code,
            m.Wave.reference_date,
            m.MeasureSnapshot.score_100,
            m.MeasureSnapshot.n,
            m.MeasureSnapshot.suppressed,
            m.MeasureSnapshot.status,
        )
        .join(m.Wave, m.Wave.id == m.MeasureSnapshot.wave_id)
        .where(
            m.MeasureSnapshot.consortium_id == consortium_id,
            m.MeasureSnapshot.measure == "index",
            m.MeasureSnapshot.group == "all",
        )
    )
    with engine.connect() as c:
        frame = pd.DataFrame(
            c.execute(query).all(),
            columns=["network", "wave", "reference_date", "score_100", "n", "suppressed", "status"],
        )
    if frame.empty:
        return frame
    frame = frame.sort_values("reference_date")
    return frame.groupby("network").tail(1).set_index("network")
