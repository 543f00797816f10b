"""The app factory: `create_app(ctx)` builds one Dash app; tests build as many as they like.

Deep links: every page's layout takes the URL's query (network, wave, measure, subject, lang …)
and restores the view from it; a page keeps its filters in a store ({"type": "query", "page": …})
and the browser writes them back into the URL (without reloading), so the address bar always holds
a link to what is on screen. That writing, and the menu's links that follow it, happen in the
browser (dashboard/view_links.py): they move values the browser already has, and a changed filter
must not cost a round trip to redraw the menu (issue 18).
"""

from __future__ import annotations

import functools

import dash
from dash import ALL, Dash, Input, Output, State, dcc, html
from dash.exceptions import DependencyException, PreventUpdate
from flask import session

from dashboard import (
    access,
    auth,
    delivery,
    downloads,
    maintenance,
    request_ids,
    reset_routes,
    view_links,
    warm,
)
from dashboard.components import navbar, parse_query
from dashboard.demo_mark import register_demo_mark
from dashboard.i18n import language, t
from dashboard.localise import localise
from dashboard.pages import PAGES


def create_app(context, *, warm_up: bool = False) -> Dash:
    """One Dash app on `context`; `warm_up` (served apps): read what pages need at start."""
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder="",  # pages are registered below from their modules, not discovered
        title="Samenwerkingsmonitor",
        suppress_callback_exceptions=True,
        # Bootstrap's CSS is in dashboard/assets and scripts are served locally: no CDN, since the
        # machines it runs on (care organisations' networks, CI) may not reach one.
        serve_locally=True,
        compress=True,  # flask-compress: scripts and callback JSON travel compressed
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.server.config["MONITOR_CONTEXT"] = context
    app.server.secret_key = context.settings.secret_key
    # The request guard finds a path's page here rather than importing the pages (no circle).
    app.server.config["MONITOR_PAGES"] = PAGES
    request_ids.configure(app.server, context.settings.trusted_proxies)
    auth.configure(app.server, context.settings)
    app.server.register_blueprint(reset_routes.reset)  # the page a reset link opens
    delivery.configure(app.server)
    maintenance.configure(app.server)  # 503 and a maintenance page while the database is down
    for page in PAGES:
        dash.register_page(
            page.__name__, path=page.PATH, name=t(page.TITLE, "nl"), layout=_guarded_layout(page)
        )
        if hasattr(page, "register_callbacks"):
            page.register_callbacks(_PageCallbacks(app, page))
    app.layout = html.Div(
        [
            # refresh=False: writing the filters into the URL must not reload the page.
            dcc.Location(id="url", refresh=False),
            # The view's language, set in the browser from the URL: the menu and the demo banner
            # follow it, not every change of the filters in the URL.
            dcc.Store(id="view-lang"),
            dcc.Store(id="download-request"),  # the download button clicked (view_links.py)
            html.Div(id="navbar"),
            html.Div(id="demo-mark", className="container-fluid"),  # while demo data is loaded
            html.Main(dash.page_container, className="container-fluid pb-4"),
            dcc.Download(id="download"),
        ]
    )
    register_app_callbacks(app)
    register_demo_mark(app)
    # The guard validates callback bodies against the callbacks this app has (dashboard/rights.py).
    app.server.config["DASH_CALLBACKS"] = app.callback_map

    @app.server.errorhandler(DependencyException)
    def _no_such_asset(_error):
        # Dash answers a request for a script of an unknown package with a server error.
        return {"error": "niet gevonden"}, 404

    @app.server.get("/health")
    def health():
        # For the proxy's and the container's health checks and monitoring: 503 when the database
        # is unusable or the scheduler stopped, with the scheduler's last heartbeat.
        from samenwerkingsmonitor.health import health_report

        status, body = health_report(context.engine, context.settings.scheduler_tick_seconds)
        return body, status

    app.server.register_blueprint(
        __import__("collectors.http_endpoint", fromlist=["x"]).status_push
    )
    if warm_up:
        warm.warm(context)

    return app


def _guarded_layout(page):
    """The page's layout, refused (403) when the role may not open it; a URL naming another
    network never gets here (the request guard refuses it, dashboard/rights.py)."""

    def layout(**query):
        access.require_page(page)
        return localise(page.layout(**query), language(query.get("lang")))

    return layout


class _PageCallbacks:
    """`app.callback` for one page's callbacks: each first checks, on the server, that the
    session's role may open that page (a callback can be called without opening the page)."""

    def __init__(self, app: Dash, page) -> None:
        self._app, self._page = app, page

    def callback(self, *args, **kwargs):
        register = self._app.callback(*args, **kwargs)
        page = self._page

        def decorator(func):
            @functools.wraps(func)
            def checked(*a, **kw):
                access.require_page(page)
                return func(*a, **kw)

            return register(checked)

        return decorator

    def __getattr__(self, name):
        return getattr(self._app, name)


def tables() -> dict:
    """Every downloadable table of every page: name → function(ctx, query, lang) → DataFrame."""
    found = {}
    for page in PAGES:
        found.update(getattr(page, "TABLES", {}))
    return found


def table_page(table: str):
    return next((page for page in PAGES if table in getattr(page, "TABLES", {})), None)


def register_app_callbacks(app: Dash) -> None:
    view_links.register(app)

    @app.callback(
        Output("navbar", "children"),
        Input("url", "pathname"),
        Input("view-lang", "data"),
        State("url", "search"),
    )
    def _navbar(pathname, _lang, search):
        # The search is read, not followed: the links' view follows it in the browser.
        pages = [page for page in PAGES if access.may_open(page)]
        return navbar(pages, pathname or "/", search, access.current_account(), session.get("csrf"))

    # The folding menu opens and closes in the browser: no server round trip for a click.
    app.clientside_callback(
        "function(clicks, open) { return clicks ? !open : false; }",
        Output("navbar-collapse", "is_open"),
        Input("navbar-toggler", "n_clicks"),
        State("navbar-collapse", "is_open"),
    )

    @app.callback(
        Output("download", "data"),
        Input("download-request", "data"),
        State({"type": "query", "page": ALL}, "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def _download(request, queries, search):
        if not isinstance(request, dict):
            raise PreventUpdate
        query = {**parse_query(search), **(queries[0] if queries and queries[0] else {})}
        return download(
            app.server.config["MONITOR_CONTEXT"],
            str(request.get("table")),
            str(request.get("fmt")),
            query,
        )


def download(context, table: str, fmt: str, query: dict) -> dict:
    """One table of any page as CSV or XLSX (dashboard/downloads.py), for a role that may open
    the table's page; the networks the query names passed the request guard."""
    builders = tables()
    if table not in builders:
        raise PreventUpdate
    access.require_page(table_page(table))
    return downloads.send(context, table, builders[table], fmt, query)
