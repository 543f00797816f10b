"""The "Demogegevens" mark on every page: while the demo data set is in the database
(reports.records.demo_data_loaded) a banner above each page says the figures are not real, as the
report's cover and the digest do."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, html

from dashboard.components import parse_query
from dashboard.i18n import language, t
from reports.records import demo_data_loaded


def demo_banner(engine, lang: str):
    """The banner, or nothing when no demo data is loaded."""
    if not demo_data_loaded(engine):
        return None
    return dbc.Alert(
        [html.Strong(t("demo_mark", lang)), " — ", t("demo_mark_note", lang)],
        color="warning",
        className="py-1 mb-2 small",
        id="demo-mark-banner",
    )


def register_demo_mark(app) -> None:
    @app.callback(Output("demo-mark", "children"), Input("url", "search"))
    def _mark(search):
        lang = language(parse_query(search).get("lang"))
        return demo_banner(app.server.config["MONITOR_CONTEXT"].engine, lang)
