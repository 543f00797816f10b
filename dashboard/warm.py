"""Warm a new web process before its first reader (issue 18): read the consortium's snapshots
and registers into their per-version caches and draw one figure of every kind the pages draw,
from pandas columns as the pages do, so that plotly's lazily imported validators, its dataframe
translation (narwhals) and the JSON encoder are loaded; then draw the Overzicht once. Without
it the first request after a deploy paid about a second for them."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy.exc import SQLAlchemyError

from charts.style import house_figure
from dashboard import queries, register_queries
from dashboard.pages import overview
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.numbers import format_number

log = logging.getLogger(__name__)


def warm(context) -> None:
    """Best effort: a database that does not answer yet leaves the work to the first request
    (the maintenance page says why), and the process starts all the same."""
    try:
        _read(context)
        _draw_overview(context)
    except SQLAlchemyError as error:
        log.warning("snapshots not read at start: %s", error.__class__.__name__)
    column = pd.Series([1.0, None])
    kinds = ("bar", "scatter", "heatmap", "scatterpolar")
    figure = house_figure([{"type": kind} for kind in kinds], {}, 300, "nl")
    figure.add_trace(go.Scatter(x=column, y=column))
    figure.add_annotation(text="", showarrow=False)
    figure.update_xaxes(visible=False)
    json.dumps(figure, cls=PlotlyJSONEncoder)
    for lang in ("nl", "en"):
        format_number(1234.5, 1, lang)  # babel loads its locale data on first use


def _read(context) -> None:
    """What the Overzicht reads on its first call: snapshots, their waves, the latest
    responses, and the status updates with their latest status today and a month ago."""
    engine, consortium_id = context.engine, context.consortium_id
    queries.waves(queries.snapshots(engine, consortium_id))
    queries.latest_responses(engine, consortium_id)
    today = clock.today()
    stale_days = context.framework.settings.stale_days
    for day in (today, today - timedelta(days=31)):
        register_queries.latest_statuses(engine, consortium_id, day, stale_days)


def _draw_overview(context) -> None:
    """The Overzicht of the latest wave, drawn and encoded once and thrown away: every code path
    of the most read page has run before its first reader (outside a request: nobody's rights
    are involved, and nothing is kept but the caches above)."""
    waves = queries.waves(queries.snapshots(context.engine, context.consortium_id))
    if waves:
        answer = overview.render(context, {"wave": waves[-1], "measure": "theme", "lang": "nl"})
        json.dumps(answer, cls=PlotlyJSONEncoder)
