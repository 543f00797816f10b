"""The "Demogegevens" mark on every page: while the demo data set is in the database
(reports.records.demo_data_loaded) a banner above each page says the figures are not real, as the
report's cover and the digest do."""

from __future__ import annotations

import threading
from collections import OrderedDict

import dash_bootstrap_components as dbc
from dash import Input, Output, html
from sqlalchemy import Engine

from dashboard import queries
from dashboard.i18n import language, t
from reports.records import demo_data_loaded


def demo_banner(engine: Engine, lang: str, consortium_id: int | None = None):
    """The banner, or nothing when no demo data is loaded. With a consortium, a "loaded" is
    remembered per version of its snapshots (the figures the banner speaks of)."""
    if not _demo_loaded(engine, consortium_id):
        return None
    return dbc.Alert(
        [html.Strong(t("demo_mark", lang)), " — ", t("demo_mark_note", lang)],
        color="warning",
        className="py-1 mb-2 small",
        id="demo-mark-banner",
    )


# Versions known to hold demo data (a few: a restore or recompute gives a new one). "Not loaded"
# is never remembered: `samenwerkingsmonitor demo` must show the banner before the next recompute.
_LOADED_AT: OrderedDict[tuple, None] = OrderedDict()
_LOADED_LOCK = threading.Lock()
_REMEMBERED = 8


def _demo_loaded(engine: Engine, consortium_id: int | None) -> bool:
    version = queries.snapshot_version(engine, consortium_id) if consortium_id else None
    if not version or not version[0]:  # no figures yet: nothing to tell one database by
        return demo_data_loaded(engine)
    key = (engine.url.render_as_string(), consortium_id, version)
    with _LOADED_LOCK:
        if key in _LOADED_AT:
            return True
    if not demo_data_loaded(engine):  # two counts over the runs and the status updates
        return False
    with _LOADED_LOCK:
        _LOADED_AT[key] = None
        while len(_LOADED_AT) > _REMEMBERED:
            _LOADED_AT.popitem(last=False)
    return True


def register_demo_mark(app) -> None:
    # Follows the view's language (set in the browser from the URL, dashboard/view_links.py),
    # so a changed filter or another page does not ask again.
    @app.callback(Output("demo-mark", "children"), Input("view-lang", "data"))
    def _mark(lang):
        context = app.server.config["MONITOR_CONTEXT"]
        return demo_banner(context.engine, language(lang), context.consortium_id)
