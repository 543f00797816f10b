"""Rapportage: build the yearly NPPZ report (PDF) with progress, and download its XLSX annex.

The PDF takes seconds (its charts are rendered by one Chromium), longer than a callback should
hold a web worker: the button starts the build as a background process (reports/build_job.py)
and an interval polls its state. The state and the finished PDF are files in DATA_DIR/reports/,
so a poll answered by another web worker on the same machine sees them too; they are removed
after a day. Who may use it: beheerder and rapporteur (ROLES).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.i18n import TEXTS, language, t
from dashboard.pages.common import context
from reports import build_job
from samenwerkingsmonitor import clock

PATH = "/rapportage"
TITLE = "report_page"
ROLES = ("beheerder", "rapporteur")  # domain.md: the rapporteur makes exports and reports

TEXTS.update(
    {
        "report_page": {"nl": "Rapportage", "en": "Reporting"},
        "report_intro": {
            "nl": "De jaarrapportage voor het NPPZ: een PDF met een samenvatting van het "
            "consortium, een hoofdstuk per netwerk en de verantwoording van de meting, met als "
            "bijlage alle cijfers van het jaar (XLSX). Alle cijfers komen uit de export "
            "'measures'; uitkomsten van te weinig respondenten staan er niet in.",
            "en": "The yearly report for NPPZ: a PDF with a consortium summary, a chapter per "
            "network and how it was measured, with every figure of the year as an annex (XLSX). "
            "Every figure comes from the 'measures' export; outcomes of too few respondents are "
            "left out.",
        },
        "report_year": {"nl": "Jaar", "en": "Year"},
        "report_build": {"nl": "Rapport maken (PDF)", "en": "Build the report (PDF)"},
        "report_annex": {"nl": "Bijlage downloaden (XLSX)", "en": "Download the annex (XLSX)"},
        "report_download": {"nl": "PDF downloaden", "en": "Download the PDF"},
        "report_started": {"nl": "Bezig met starten", "en": "Starting"},
        "report_foreword": {"nl": "Voorwoord", "en": "Foreword"},
        "report_foreword_help": {
            "nl": "Het voorwoord van het consortium staat op het voorblad van het rapport. Het "
            "wordt bewaard voor de volgende rapporten; maak het veld leeg om het te verwijderen.",
            "en": "The consortium's foreword is printed on the report's cover. It is kept for "
            "the next reports; empty the field to remove it.",
        },
        "report_foreword_save": {"nl": "Voorwoord bewaren", "en": "Save the foreword"},
        "report_foreword_saved": {"nl": "Voorwoord bewaard.", "en": "Foreword saved."},
        "report_foreword_removed": {"nl": "Voorwoord verwijderd.", "en": "Foreword removed."},
        "report_foreword_too_long": {
            "nl": "Het voorwoord is te lang: {error}.",
            "en": "The foreword is too long: {error}.",
        },
        "report_failed": {
            "nl": "Het rapport kon niet gemaakt worden: {error}",
            "en": "The report could not be built: {error}",
        },
    }
)


def _folder() -> Path:
    return build_job.folder_of(context())


def read_state(job: str | None) -> dict | None:
    return build_job.read_state(_folder(), job)


def start_build(ctx, year: int, lang: str) -> str:
    """Start building the report in a background process (reports/build_job.py); returns the
    job id whose state read_state gives."""
    return build_job.start(ctx, year, lang, t("report_started", lang))


def _years(ctx) -> list[int]:
    from reports.content import year_waves

    _, waves = year_waves(ctx.engine, ctx.consortium_id, clock.today().year)
    years = sorted({int(d.year) for d in waves["reference_date"]} | {clock.today().year})
    return years[::-1]


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
            dbc.Row(
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
            ),
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
            _foreword_card(ctx, lang),
        ]
    )


def _foreword_card(ctx, lang: str) -> dbc.Card:
    from reports.foreword import MAX_LENGTH, load_foreword

    return dbc.Card(
        dbc.CardBody(
            [
                html.Label(t("report_foreword", lang), htmlFor="report-foreword", className="h5"),
                html.P(t("report_foreword_help", lang), className="text-muted"),
                dbc.Textarea(
                    id="report-foreword",
                    value=load_foreword(ctx.engine, ctx.consortium_id),
                    maxLength=MAX_LENGTH,
                    rows=6,
                ),
                dbc.Button(
                    t("report_foreword_save", lang),
                    id="report-foreword-save",
                    color="secondary",
                    className="mt-2",
                ),
                html.Div(id="report-foreword-message", className="mt-2"),
            ]
        ),
        className="mt-4",
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("report-job", "data"),
        Output("report-poll", "disabled"),
        Input("report-build", "n_clicks"),
        State("report-year", "value"),
        State("report-lang", "data"),
        prevent_initial_call=True,
    )
    def _start(clicks, year, lang):
        if not clicks or year is None:
            raise PreventUpdate
        return start_build(context(), int(year), language(lang)), False

    @app.callback(
        Output("report-progress", "value"),
        Output("report-progress", "label"),
        Output("report-message", "children"),
        Output("report-ready", "style"),
        Output("report-poll", "disabled", allow_duplicate=True),
        Input("report-poll", "n_intervals"),
        State("report-job", "data"),
        State("report-lang", "data"),
        prevent_initial_call=True,
    )
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

    @app.callback(
        Output("report-foreword-message", "children"),
        Input("report-foreword-save", "n_clicks"),
        State("report-foreword", "value"),
        State("report-lang", "data"),
        prevent_initial_call=True,
    )
    def _save_foreword(clicks, text, lang):
        from dashboard.access import current_account
        from reports.foreword import ForewordTooLong, save_foreword

        if not clicks:
            raise PreventUpdate
        lang, ctx = language(lang), context()
        try:
            saved = save_foreword(ctx.engine, ctx.consortium_id, text or "", current_account())
        except ForewordTooLong as error:
            message = t("report_foreword_too_long", lang, error=str(error))
            return dbc.Alert(message, color="danger")
        key = "report_foreword_saved" if saved else "report_foreword_removed"
        return dbc.Alert(t(key, lang), color="success")

    @app.callback(
        Output("report-download", "data"),
        Input("report-download-pdf", "n_clicks"),
        State("report-job", "data"),
        prevent_initial_call=True,
    )
    def _download_pdf(clicks, job):
        state = read_state(job)
        if not clicks or not state or not state.get("done"):
            raise PreventUpdate
        path = _folder() / f"{job}.pdf"
        return dcc.send_bytes(path.read_bytes(), f"nppz-rapportage-{state['year']}.pdf")

    @app.callback(
        Output("report-download-annex", "data"),
        Input("report-annex", "n_clicks"),
        State("report-year", "value"),
        prevent_initial_call=True,
    )
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
