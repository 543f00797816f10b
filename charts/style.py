"""The house style every chart shares: the colours, the base layout, the empty figure, the dashed
road to the target, and the confidence interval on the 0-100 scale.

Colours are Okabe–Ito (safe for the common kinds of colour blindness) and never carry meaning
alone: statuses are also written, suppressed cells carry a mark and a hover text instead of a
colour. This package imports neither Dash nor the dashboard's pages, so the reports can draw
the same charts without booting the web app.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]
GREY = "#999999"
SUPPRESSED_FILL = "#EEEEEE"
SUPPRESSED_MARK = "×"
STATUS_COLOURS = {  # road to 2028
    "bereikt": "#009E73",
    "op_koers": "#0072B2",
    "aandacht": "#E69F00",
    "achter": "#D55E00",
}
PROJECT_COLOURS = {
    "op_koers": "#0072B2",
    "aandacht": "#E69F00",
    "vastgelopen": "#D55E00",
    "afgerond": "#009E73",
}
PROJECT_SYMBOLS = {
    "op_koers": "circle",
    "aandacht": "diamond",
    "vastgelopen": "x",
    "afgerond": "square",
}
# Cividis is perceptually uniform and readable with colour-vision deficiencies.
SEQUENTIAL = "Cividis"


def house_style(fig: go.Figure, height: int = 380) -> go.Figure:
    """The shared layout: white template, the house font, a horizontal legend, Okabe–Ito."""
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin={"l": 50, "r": 20, "t": 30, "b": 40},
        font={"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13},
        legend={"orientation": "h", "y": -0.18},
        colorway=OKABE_ITO,
    )
    return fig


def empty_figure(message: str, height: int = 200) -> go.Figure:
    """A figure that says in words why there is nothing to draw."""
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font={"size": 14}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return house_style(fig, height)


def present(value) -> float | None:
    """The value, or None when it is missing (None or NaN)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def road_trace(road: dict, lang: str, labels: list[str] | None = None) -> go.Scatter:
    """The straight road from the baseline to the target (measures.md), dashed, as every chart
    draws it; `labels`: the two values as the hover shows them (default: one decimal)."""
    return go.Scatter(
        x=[road["baseline_date"], road["target_date"]],
        y=[road["baseline"], road["target"]],
        mode="lines+markers",
        line={"color": OKABE_ITO[1], "dash": "dash"},
        marker={"symbol": ["circle-open", "star"], "size": [8, 14]},
        name=t("road_to_target", lang),
        customdata=labels,
        hovertemplate="%{x|%d-%m-%Y}: "
        + ("%{customdata}" if labels else "%{y:.1f}")
        + "<extra></extra>",
    )


def scale_ci(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """ci_low/ci_high on the 0–100 scale of score_100: the index is already on it; a theme,
    element or item mean (1–5) maps as (v − 1) / 4 · 100 (measures.md rule 3)."""
    f = frame.copy()
    if measure == "index":
        f["ci_low_100"], f["ci_high_100"] = f["ci_low"], f["ci_high"]
    else:
        f["ci_low_100"] = (f["ci_low"] - 1) / 4 * 100
        f["ci_high_100"] = (f["ci_high"] - 1) / 4 * 100
    for column in ("ci_low_100", "ci_high_100"):
        f[column] = f[column].astype(float).where(~f["suppressed"].astype(bool), np.nan)
    return f
