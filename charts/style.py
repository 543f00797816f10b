"""The house style every chart shares: the colours, the base layout, the empty figure, the dashed
road to the target, and the confidence interval on the 0-100 scale.

Colours are Okabe–Ito (safe for the common kinds of colour blindness) and never carry meaning
alone: statuses are also written, suppressed cells carry a mark and a hover text instead of a
colour. This package imports neither Dash nor the dashboard's pages, so the reports can draw
the same charts without booting the web app.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts import template
from samenwerkingsmonitor.catalogue import t
from samenwerkingsmonitor.numbers import plotly_separators

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
# Lines told apart by more than colour (issue 16): each series also has its own marker shape.
LINE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "triangle-down", "star")
# Cividis is perceptually uniform and readable with colour-vision deficiencies.
SEQUENTIAL = "Cividis"
template.install()


def house_layout(height: int = 380, lang: str | None = None) -> dict:
    """The shared layout as a dict: white template (charts/template.py, the process default),
    the house font, a horizontal legend, Okabe–Ito; with `lang`, the language's marks in ticks
    and hovers ("62,5" in Dutch)."""
    layout = {} if lang is None else {"separators": plotly_separators(lang)}
    layout.update(
        height=height,
        margin={"l": 50, "r": 20, "t": 30, "b": 40},
        font={"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13},
        legend={"orientation": "h", "y": -0.18},
        colorway=OKABE_ITO,
    )
    return layout


def house_style(fig: go.Figure, height: int = 380, lang: str | None = None) -> go.Figure:
    """The shared layout (house_layout) on a figure already built."""
    fig.update_layout(house_layout(height, lang))
    return fig


def merged(base: dict, update: dict) -> dict:
    """`base` with `update` over it, nested dicts merged as plotly's update_layout merges them."""
    out = dict(base)
    for key, value in update.items():
        old = out.get(key)
        out[key] = (
            merged(old, value) if isinstance(value, dict) and isinstance(old, dict) else value
        )
    return out


def house_spec(
    data: list[dict],
    layout: dict | None = None,
    height: int = 380,
    lang: str | None = None,
    **over: dict,
) -> dict:
    """A figure as plain dicts: its traces, and its layout with the house layout over it and
    `over` over both. The dashboard sends it as it is (charts.template.sent): plotly validated
    and copied a figure again for every add_trace and update_layout, and validating even once
    was a third of Netwerk's callback (issue 18)."""
    return {"data": data, "layout": merged(merged(layout or {}, house_layout(height, lang)), over)}


def house_figure(*spec_args, **spec_kwargs) -> go.Figure:
    """house_spec as a plotly figure, validated once."""
    return go.Figure(house_spec(*spec_args, **spec_kwargs))


def validated(spec_builder: Callable[..., dict]) -> Callable[..., go.Figure]:
    """A builder of specs as a builder of validated plotly figures (the reports, the tests)."""
    return functools.wraps(spec_builder)(lambda *a, **kw: go.Figure(spec_builder(*a, **kw)))


def wrapped(label: str, width: int = 16) -> str:
    """A long label (already made plain) on lines of about `width` characters: plotly does not
    wrap, and a theme name on one line is cut at the edge of a phone-sized chart."""
    return "<br>".join(textwrap.wrap(label, width, break_long_words=False)) or label


def empty_spec(message: str, height: int = 200) -> dict:
    """A figure that says in words why there is nothing to draw."""
    note = {"text": message, "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper"}
    note.update(yref="paper", font={"size": 14})
    hidden = {"visible": False}
    return house_spec([], {"annotations": [note], "xaxis": hidden, "yaxis": hidden}, height)


empty_figure = validated(empty_spec)


def present(value) -> float | None:
    """The value, or None when it is missing (None or NaN)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


DAYS_A_YEAR = 365.25


def wave_year(wave: object, reference_date) -> float:
    """Where a wave stands on the time axis: the year its label names ("2026"), else the year
    of its reference date. A wave measured in November 2026 is wave 2026, not "almost 2027"."""
    text = str(wave).strip()
    if len(text) == 4 and text.isdigit():
        return float(text)
    return float(pd.Timestamp(reference_date).year)


class WaveAxis:
    """The time axis every over-the-waves chart shares: one tick per wave at its year, labelled
    with the wave's own label, and the target's tick at its year (2028), so that what the eye
    reads under a point is the wave or the target year it belongs to. Dates in between (notes)
    are placed between the waves they fall between."""

    def __init__(self, waves: pd.DataFrame, target_date=None) -> None:
        frame = waves.dropna(subset=["reference_date"]).drop_duplicates("wave")
        frame = frame.sort_values("reference_date")
        self.labels = {
            str(w): wave_year(w, d) for w, d in zip(frame["wave"], frame["reference_date"])
        }
        self._days = [pd.Timestamp(d).toordinal() for d in frame["reference_date"]]
        self._years = list(self.labels.values())
        self.target_year = None if target_date is None else float(pd.Timestamp(target_date).year)

    def at(self, when) -> float | None:
        """The axis position of a date: exact at a wave's reference date, linear between waves,
        a year per year before the first and after the last."""
        if when is None or pd.isna(when):
            return None
        day = pd.Timestamp(when).toordinal()
        if not self._days:
            return float(pd.Timestamp(when).year)
        if day <= self._days[0]:
            return self._years[0] + (day - self._days[0]) / DAYS_A_YEAR
        if day >= self._days[-1]:
            return self._years[-1] + (day - self._days[-1]) / DAYS_A_YEAR
        return float(np.interp(day, self._days, self._years))

    def of_wave(self, waves) -> list[float]:
        return [self.labels[str(w)] for w in waves]

    def xaxis(self, lang: str) -> dict:
        """Ticks at the waves (their labels) and at the target year; nothing in between."""
        ticks = dict((year, label) for label, year in self.labels.items())
        if self.target_year is not None and self.target_year not in ticks:
            ticks[self.target_year] = f"{int(self.target_year)} ({t('target', lang).lower()})"
        values = sorted(ticks)
        return {
            "type": "linear",
            "tickmode": "array",
            "tickvals": values,
            "ticktext": [ticks[v] for v in values],
            "range": [values[0] - 0.5, values[-1] + 0.5] if values else None,
            "showgrid": True,
        }

    def apply(self, fig: go.Figure, lang: str) -> None:
        fig.update_xaxes(self.xaxis(lang))


def road_trace(
    road: dict, lang: str, labels: list[str] | None = None, axis: WaveAxis | None = None
) -> go.Scatter:
    """road_spec as a trace object (for figures built trace by trace)."""
    return go.Scatter(road_spec(road, lang, labels, axis))


def road_spec(
    road: dict, lang: str, labels: list[str] | None = None, axis: WaveAxis | None = None
) -> dict:
    """The straight road from the baseline to the target (measures.md), dashed, as every chart
    draws it; `labels`: the two values as the hover shows them (default: one decimal); `axis`:
    the wave axis (baseline at its wave, the target at its year)."""
    x = [road["baseline_date"], road["target_date"]]
    if axis is not None:
        x = [axis.at(road["baseline_date"]), float(pd.Timestamp(road["target_date"]).year)]
    return {
        "type": "scatter",
        "x": x,
        "y": [road["baseline"], road["target"]],
        "mode": "lines+markers",
        "line": {"color": OKABE_ITO[1], "dash": "dash"},
        "marker": {"symbol": ["circle-open", "star"], "size": [8, 14]},
        "name": t("road_to_working_target" if road.get("provisional") else "road_to_target", lang),
        "customdata": labels,
        "hovertemplate": ("%{x:.0f}: " if axis is not None else "%{x|%d-%m-%Y}: ")
        + ("%{customdata}" if labels else "%{y:.1f}")
        + "<extra></extra>",
    }


def vline(x, line: dict) -> dict:
    """A vertical line over the whole plot height, the shape plotly's add_vline draws."""
    return {
        "line": line,
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
    }


def scale_ci(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """ci_low/ci_high on the 0–100 scale of score_100: the index is already on it; a theme,
    element or item mean (1–5) maps as (v − 1) / 4 · 100 (measures.md rule 3). Only the two new
    columns are computed: copying the whole snapshot rows was most of its time."""
    hidden = frame["suppressed"].astype(bool).to_numpy()
    scaled = {}
    for column in ("ci_low", "ci_high"):
        values = frame[column].to_numpy(dtype=float)
        if measure != "index":
            values = (values - 1) / 4 * 100
        scaled[f"{column}_100"] = np.where(hidden, np.nan, values)
    return frame.assign(**scaled)
