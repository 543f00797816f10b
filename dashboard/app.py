"""The app factory: `create_app(ctx)` builds one Dash app; tests build as many as they like."""

from __future__ import annotations

import dash
from dash import Dash, dcc, html

from dashboard.pages import overview


def create_app(ctx) -> Dash:
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder="",  # pages are registered below from their modules, not discovered
        title="Samenwerkingsmonitor",
        suppress_callback_exceptions=True,
        # Bootstrap's CSS is in dashboard/assets and scripts are served locally: no CDN, since the
        # machines it runs on (care organisations' networks, CI) may not reach one.
        serve_locally=True,
    )
    app.server.config["MONITOR_CONTEXT"] = ctx
    app.server.secret_key = ctx.settings.secret_key
    dash.register_page(overview.__name__, path="/", name="Overzicht", layout=overview.layout)
    app.layout = html.Div(
        [dcc.Location(id="url"), dash.page_container], className="container-fluid py-3"
    )

    @app.server.get("/health")
    def health():
        return {"status": "ok"}

    return app
