"""The report's charts: the shared figure builders (charts/figures.py, the dashboard's too) fed
with the report's figures, sized for an A4 page. Suppressed rows carry no figure here (content.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import figures
from charts.road import road
from charts.style import scale_ci
from reports.content import NetworkFigures, ReportContent
from samenwerkingsmonitor.catalogue import t as screen_t


def _series(index: pd.DataFrame) -> pd.DataFrame:
    frame = index.copy()
    for column in ("score_100", "ci_low", "ci_high", "baseline", "target", "expected"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return scale_ci(frame, "index")


def index_trend(ctx, network: NetworkFigures, consortium: NetworkFigures | None, lang: str):
    """The network's index over the waves with its CI band, the road to 2028, the consortium for
    comparison and the year's steering-group notes."""
    series = _series(network.index)
    fig = figures.trend_figure(
        series,
        lang,
        road=road(ctx.framework, series, "index", "index", network.code) if len(series) else None,
        consortium=_series(consortium.index) if consortium is not None else None,
        notes=network.notes if len(network.notes) else None,
        title=screen_t("index", lang),
    )
    fig.update_layout(height=320, margin={"l": 50, "r": 20, "t": 20, "b": 40})
    return fig


def index_road(content: ReportContent, lang: str) -> go.Figure:
    """Each network's index of the year's latest wave against the road to 2028."""
    rows = [
        {
            "network": n.code,
            "score_100": pd.to_numeric(n.latest["score_100"]),
            "expected": pd.to_numeric(n.latest["expected"]),
            "target": pd.to_numeric(n.latest["target"]),
            "status": n.latest["status"],
            "suppressed": bool(n.latest["suppressed"]),
        }
        for n in content.networks
        if n.latest is not None
    ]
    names = {n.code: n.name for n in content.networks}
    fig = figures.index_road_figure(pd.DataFrame(rows), names, lang)
    fig.update_layout(margin={"l": 130, "r": 20, "t": 10, "b": 40})
    return fig
