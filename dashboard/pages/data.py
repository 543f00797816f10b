"""Gegevens: per source its last and next run, counts and errors, data freshness per network, and
the rejected rows with their reasons (downloadable as CSV or XLSX).

Everything here is read per request from collector_run, rejected_row, the scheduler's job store
and response dates, so a run shows up at the next page load without restarting anything.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate
from flask import current_app

from collectors import runs
from dashboard.components import send_table
from dashboard.i18n import language, t
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.sources import default_sources_path, load_sources, next_run

PATH = "/gegevens"
TITLE = "data"
# The rejected rows hold raw answers: only the roles that read everything (domain.md).
ROLES = ("beheerder", "rapporteur")
REJECTS_SHOWN = 100

STATUS_COLOURS = {"ok": "success", "failed": "danger", "running": "info", "interrupted": "warning"}


def _when(value) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{clock.local(pd.Timestamp(value)):%d-%m-%Y %H:%M}"  # stored in UTC


def sources_frame(ctx) -> pd.DataFrame:
    """One row per source of the sources file, plus any source that only has runs."""
    try:
        configured = load_sources(default_sources_path(), ctx.framework).sources
    except Exception:  # a broken sources file must not take the page down; runs still show
        configured = ()
    last = runs.last_runs(ctx.engine)
    scheduled = runs.scheduled_next_runs(ctx.engine)
    rows = []
    names = [s.name for s in configured] + [
        n for n in last.index if n not in {s.name for s in configured}
    ]
    by_name = {s.name: s for s in configured}
    for name in names:
        source = by_name.get(name)
        run = last.loc[name] if name in last.index else None
        if source is None or not source.active():
            upcoming = "inactive" if source is not None else None
        elif not source.schedule:
            upcoming = "manual"
        else:
            upcoming = scheduled.get(f"collect:{name}") or next_run(source.schedule)
        rows.append(
            {
                "source": name,
                "kind": source.kind if source else "",
                "last_run": None if run is None else run["started_at"],
                "status": None if run is None else run["status"],
                "next_run": upcoming,
                "rows_in": None if run is None else int(run["rows_in"]),
                "rows_new": None if run is None else int(run["rows_new"]),
                "rows_updated": None if run is None else int(run["rows_updated"]),
                "rows_rejected": None if run is None else int(run["rows_rejected"]),
                "error": None if run is None else run["error"],
            }
        )
    return pd.DataFrame(rows)


def _sources_table(frame: pd.DataFrame, lang: str) -> dbc.Table:
    heads = [
        "data_source",
        "data_kind",
        "data_last_run",
        "data_status",
        "data_next_run",
        "data_in",
        "data_new",
        "data_updated",
        "data_rejected",
        "data_error",
    ]
    body = []
    for r in frame.itertuples():
        if r.next_run in ("inactive", "manual"):
            upcoming = t(f"data_{r.next_run}", lang)
        else:
            upcoming = _when(r.next_run)
        status = (
            dbc.Badge(t(f"data_status_{r.status}", lang), color=STATUS_COLOURS[r.status])
            if isinstance(r.status, str) and r.status in STATUS_COLOURS
            else t("data_never", lang)
        )
        counts = [
            "–" if v is None or pd.isna(v) else str(int(v))
            for v in (r.rows_in, r.rows_new, r.rows_updated, r.rows_rejected)
        ]
        error = r.error if isinstance(r.error, str) else ""
        body.append(
            html.Tr(
                [
                    html.Td(r.source),
                    html.Td(r.kind),
                    html.Td(_when(r.last_run)),
                    html.Td(status),
                    html.Td(upcoming),
                    *[html.Td(c) for c in counts],
                    html.Td(error[:300], className="small text-break"),
                ],
                id=f"source-{r.source}",
            )
        )
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t(h, lang)) for h in heads])), html.Tbody(body)],
        hover=True,
        responsive=True,
        size="sm",
        id="data-sources",
    )


def _freshness_table(frame: pd.DataFrame, lang: str):
    if frame.empty:
        return html.P(t("data_never", lang), id="data-freshness")
    head = html.Thead(
        html.Tr(
            [
                html.Th(t("data_network", lang)),
                html.Th(t("data_source", lang)),
                html.Th(t("data_latest_submitted", lang)),
                html.Th(t("data_latest_ingested", lang)),
            ]
        )
    )
    body = [
        html.Tr(
            [
                html.Td(r.network),
                html.Td(r.source),
                html.Td(_when(r.latest_submitted)),
                html.Td(_when(r.latest_ingested)),
            ],
            id=f"fresh-{r.network}-{r.source}",
        )
        for r in frame.itertuples()
    ]
    return dbc.Table([head, html.Tbody(body)], size="sm", responsive=True, id="data-freshness")


def _rejects_table(frame: pd.DataFrame, lang: str):
    if frame.empty:
        return html.P(t("data_no_rejects", lang), id="data-rejects")
    heads = ["data_run", "data_source", "data_file", "data_row", "data_column", "data_reason"]
    body = [
        html.Tr(
            [
                html.Td(str(r.run_id)),
                html.Td(r.source),
                html.Td(r.file_name or ""),
                html.Td("" if pd.isna(r.row_number) else str(int(r.row_number))),
                html.Td(r.column or ""),
                html.Td(r.reason, className="small text-break"),
            ]
        )
        for r in frame.itertuples()
    ]
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(t(h, lang)) for h in heads])), html.Tbody(body)],
        size="sm",
        responsive=True,
        id="data-rejects",
    )


def layout(lang: str | None = None, **_query) -> html.Div:
    lang = language(lang)
    ctx = current_app.config["MONITOR_CONTEXT"]
    sources = sources_frame(ctx)
    fresh = runs.freshness(ctx.engine, ctx.consortium_id)
    rejects = runs.rejected_rows(ctx.engine, limit=REJECTS_SHOWN)
    return html.Div(
        [
            html.H2(t("data", lang), className="h4", id="data-title"),
            html.P(t("data_intro", lang)),
            html.H3(t("data_sources", lang), className="h5 mt-3"),
            _sources_table(sources, lang),
            html.H3(t("data_freshness", lang), className="h5 mt-3"),
            _freshness_table(fresh, lang),
            html.H3(t("data_rejects", lang), className="h5 mt-3"),
            html.P(t("data_rejects_help", lang, n=REJECTS_SHOWN), className="text-muted small"),
            html.Div(
                [
                    dbc.Button(
                        "CSV",
                        id="data-rejects-csv",
                        size="sm",
                        outline=True,
                        color="secondary",
                        className="me-1",
                    ),
                    dbc.Button(
                        "XLSX", id="data-rejects-xlsx", size="sm", outline=True, color="secondary"
                    ),
                ],
                className="mb-2",
            ),
            dcc.Download(id="data-rejects-download"),
            _rejects_table(rejects, lang),
        ]
    )


def rejects_download(ctx, fmt: str) -> dict:
    """All rejected rows as a dcc.Download payload (raw input as JSON text)."""
    import json

    frame = runs.rejected_rows(ctx.engine)
    frame["raw"] = [json.dumps(r, ensure_ascii=False) if r else "" for r in frame["raw"]]
    stamp = clock.now_local().strftime("%Y%m%d-%H%M")
    return send_table(frame, fmt, f"afgekeurde-regels-{stamp}")


def register_callbacks(app) -> None:
    @app.callback(
        Output("data-rejects-download", "data"),
        Input("data-rejects-csv", "n_clicks"),
        Input("data-rejects-xlsx", "n_clicks"),
        State("data-rejects-download", "id"),
        prevent_initial_call=True,
    )
    def _download(csv_clicks, xlsx_clicks, _id):
        from dash import ctx as callback

        if not callback.triggered_id:
            raise PreventUpdate
        fmt = "xlsx" if callback.triggered_id == "data-rejects-xlsx" else "csv"
        return rejects_download(app.server.config["MONITOR_CONTEXT"], fmt)
