"""Warm a new web process before its first reader (issue 18): read the consortium's snapshots
into the per-version cache and draw one figure of every kind the pages draw, so that plotly's
lazily imported validators and the JSON encoder are loaded. Without it the first request after
a deploy paid about a second for both."""

from __future__ import annotations

import json
import logging

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy.exc import SQLAlchemyError

from charts.style import house_style
from dashboard import queries
from samenwerkingsmonitor.numbers import format_number

log = logging.getLogger(__name__)


def warm(context) -> None:
    """Best effort: a database that does not answer yet leaves the work to the first request
    (the maintenance page says why), and the process starts all the same."""
    try:
        queries.snapshots(context.engine, context.consortium_id)
        queries.latest_responses(context.engine, context.consortium_id)
    except SQLAlchemyError as error:
        log.warning("snapshots not read at start: %s", error.__class__.__name__)
    kinds = [go.Bar(), go.Scatter(), go.Heatmap(), go.Scatterpolar()]
    figure = house_style(go.Figure(kinds), 300, "nl")
    figure.add_annotation(text="", showarrow=False)
    figure.update_xaxes(visible=False)
    json.dumps(figure, cls=PlotlyJSONEncoder)
    for lang in ("nl", "en"):
        format_number(1234.5, 1, lang)  # babel loads its locale data on first use
