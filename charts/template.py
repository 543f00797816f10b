"""The house template, every figure's default in this process (issue 18): plotly sets it on a new
figure without validating it again; `template=` in update_layout checked it for every figure."""

from __future__ import annotations

import functools
import json

import plotly.graph_objects as go
import plotly.io as pio
from plotly.utils import PlotlyJSONEncoder

TRACE_TYPES = ("bar", "heatmap", "scatter", "scatterpolar")  # what charts draw (dashboard/plotlyjs)


def _house_template() -> go.layout.Template:
    """plotly_white with only the trace types the charts draw: every figure carries its template
    to the browser, and plotly_white's defaults for 24 trace types are half of its 7 KB."""
    white = pio.templates["plotly_white"]
    return go.layout.Template(layout=white.layout, data={k: white.data[k] for k in TRACE_TYPES})


def install() -> None:
    if "septet" not in pio.templates:
        pio.templates["septet"] = _house_template()
    pio.templates.default = "septet"


@functools.cache
def _house_json() -> str:
    return json.dumps(pio.templates["septet"].to_plotly_json(), cls=PlotlyJSONEncoder)


def sent(spec: dict) -> dict:
    """A figure spec (charts.style.house_spec) as the browser gets it, unvalidated: with the house
    template, which a plotly Figure takes from the process default (tests/test_network_figures.py checks
    that plotly, validating it, makes the very figure the builder's validated twin makes). Each
    answer gets its own copy of the template: no two answers share a part (as Kwaliteit's)."""
    template = json.loads(_house_json())
    return {"data": spec["data"], "layout": {**spec["layout"], "template": template}}
