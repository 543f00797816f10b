"""The app factory: `create_app(ctx)` builds one Dash app; tests build as many as they like."""

from __future__ import annotations

import dash
from dash import Dash, dcc, html

from dashboard.i18n import t
from dashboard.pages import PAGES


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
    for page in PAGES:
        dash.register_page(
            page.__name__, path=page.PATH, name=t(page.TITLE, "nl"), layout=page.layout
        )
        if hasattr(page, "register_callbacks"):
            page.register_callbacks(app)
    app.layout = html.Div(
        [dcc.Location(id="url"), dash.page_container], className="container-fluid py-3"
    )

    @app.server.get("/health")
    def health():
        return {"status": "ok"}

    return app
