"""Rapportage: build the yearly NPPZ report (PDF, or DOCX for the consortium's own editing) with
progress, download its XLSX annex, write the consortium's own words into it (the foreword and a
reflection per network: dashboard/pages/report_texts.py), and preview the monthly digest
(dashboard/pages/report_digest.py).

A build takes seconds (its charts are rendered by one Chromium), longer than a callback should
hold a web worker: the button starts the build as a background process (reports/build_job.py)
and an interval polls its state. The state and the finished file are files in
DATA_DIR/reports/, so a poll answered by another web worker on the same machine sees them too;
they are removed after a day. Who may use it: beheerder and rapporteur (ROLES).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.access import REPORT_WRITERS
from dashboard.i18n import language, t
from dashboard.pages.common import context
from dashboard.pages.report_digest import digest_card, register_digest_callbacks
from dashboard.pages.report_texts import cards, register_text_callbacks
from reports import build_job
from samenwerkingsmonitor import clock

PATH = "/rapportage"
TITLE = "report_page"
ROLES = REPORT_WRITERS


def _folder() -> Path:
    return build_job.folder_of(context())


def read_state(job: str | None) -> dict | None:
    return build_job.read_state(_folder(), job)


def start_build(ctx, year: int, lang: str, kind: str = "pdf") -> str:
    """Start building the report (`kind` pdf or docx) in a background process
    (reports/build_job.py); returns the job id whose state read_state gives."""
    return build_job.start(ctx, year, lang, t("report_started", lang), kind)


def _years(ctx) -> list[int]:
    from reports.content import year_waves

    _, waves = year_waves(ctx.engine, ctx.consortium_id, clock.today().year)
    years = sorted({int(d.year) for d in waves["reference_date"]} | {clock.today().year})
    return years[::-1]


def _choices(years: list[int], chosen: int, lang: str) -> dbc.Row:
    formats = [{"label": t(f"report_format_{k}", lang), "value": k} for k in build_job.KINDS]
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("report_year", lang), html_for="report-year"),
                    dcc.Dropdown(
                        id="report-year",
                        options=[{"label": str(y), "value": y} for y in years],
                        value=chosen,
                        clearable=False,
                    ),
                ],
                md=2,
            ),
            dbc.Col(
                [
                    dbc.Label(t("report_format", lang), html_for="report-format"),
                    dbc.RadioItems(id="report-format", options=formats, value="pdf"),
                ],
                md=4,
            ),
            dbc.Col(
                [
                    dbc.Button(t("report_build", lang), id="report-build", color="primary"),
                    dbc.Button(
                        t("report_annex", lang),
                        id="report-annex",
                        color="secondary",
                        outline=True,
                        className="ms-2",
                    ),
                ],
                md=6,
                className="d-flex align-items-end",
            ),
        ],
        className="mb-3",
    )


def layout(lang: str | None = None, year: str | None = None, **_query) -> html.Div:
    lang = language(lang)
    ctx = context()
    years = _years(ctx)
    chosen = int(year) if year and year.isdigit() and int(year) in years else years[0]
    return html.Div(
        [
            html.H2(t("report_page", lang), className="h4"),
            html.P(t("report_intro", lang)),
            dcc.Store(id="report-lang", data=lang),
            dcc.Store(id="report-job"),
            _choices(years, chosen, lang),
            dbc.Progress(id="report-progress", value=0, label="", style={"height": "1.5rem"}),
            html.Div(id="report-message", className="mt-2"),
            html.Div(
                dbc.Button(t("report_download", lang), id="report-download-pdf", color="success"),
                id="report-ready",
                style={"display": "none"},
                className="mt-2",
            ),
            dcc.Interval(id="report-poll", interval=500, disabled=True),
            dcc.Download(id="report-download"),
            dcc.Download(id="report-download-annex"),
            *cards(ctx, lang),
            digest_card(ctx, lang),
        ]
    )


def _start(clicks, year, lang, kind):
    if not clicks or year is None:
        raise PreventUpdate
    kind = kind if kind in build_job.KINDS else "pdf"
    return start_build(context(), int(year), language(lang), kind), False


def _poll(_n, job, lang):
    state = read_state(job)
    if state is None:
        raise PreventUpdate
    lang = language(lang)
    percent = round(100 * float(state.get("fraction", 0)))
    finished = bool(state.get("done") or state.get("failed"))
    if state.get("failed"):
        message = dbc.Alert(
            t("report_failed", lang, error=state["message"]), color="danger", id="report-error"
        )
    else:
        message = state.get("message", "")
    shown = {"display": "block"} if state.get("done") else {"display": "none"}
    return percent, f"{percent}%", message, shown, finished


def _download_report(clicks, job):
    state = read_state(job)
    if not clicks or not state or not state.get("done"):
        raise PreventUpdate
    kind = state.get("kind", "pdf")
    if kind not in build_job.KINDS:
        raise PreventUpdate
    path = _folder() / f"{job}.{kind}"
    return dcc.send_bytes(path.read_bytes(), f"nppz-rapportage-{state['year']}.{kind}")


def _download_annex(clicks, year):
    from reports.annex import write_annex

    if not clicks or year is None:
        raise PreventUpdate
    out = _folder() / f"annex-{uuid.uuid4().hex}.xlsx"
    try:
        write_annex(context(), int(year), out)
        content = out.read_bytes()
    finally:
        out.unlink(missing_ok=True)
    return dcc.send_bytes(content, f"nppz-bijlage-{int(year)}.xlsx")


def register_callbacks(app) -> None:
    app.callback(
        Output("report-job", "data"),
        Output("report-poll", "disabled"),
        Input("report-build", "n_clicks"),
        State("report-year", "value"),
        State("report-lang", "data"),
        State("report-format", "value"),
        prevent_initial_call=True,
    )(_start)
    app.callback(
        Output("report-progress", "value"),
        Output("report-progress", "label"),
        Output("report-message", "children"),
        Output("report-ready", "style"),
        Output("report-poll", "disabled", allow_duplicate=True),
        Input("report-poll", "n_intervals"),
        State("report-job", "data"),
        State("report-lang", "data"),
        prevent_initial_call=True,
    )(_poll)
    app.callback(
        Output("report-download", "data"),
        Input("report-download-pdf", "n_clicks"),
        State("report-job", "data"),
        prevent_initial_call=True,
    )(_download_report)
    app.callback(
        Output("report-download-annex", "data"),
        Input("report-annex", "n_clicks"),
        State("report-year", "value"),
        prevent_initial_call=True,
    )(_download_annex)
    register_text_callbacks(app)
    register_digest_callbacks(app)
