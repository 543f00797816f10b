"""Vergelijken: two or more networks side by side on any measure."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from charts import figures
from charts.style import scale_ci
from dashboard import queries
from dashboard.components import (
    card,
    download_buttons,
    empty_state,
    graph,
    query_store,
    table_of,
)
from dashboard.i18n import language, t
from dashboard.pages.common import (
    MEASURES,
    context,
    measure_options,
    network_names,
    options,
    readable_network_names,
    records,
    score_cell,
    subject_labels,
    valid,
)
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

PATH = "/vergelijken"
TITLE = "compare"
PAGE = "compare"


def resolve(fw, query: dict) -> dict:
    codes = list(readable_network_names(fw, "nl"))
    asked = [c for c in str(query.get("networks") or "").split(",") if c in codes]
    measure = valid(query.get("measure"), MEASURES, "index")
    subjects = list(subject_labels(fw, measure, "nl"))
    return {
        "networks": asked or [c for c in codes if c != ALL_NETWORKS][:2] + [ALL_NETWORKS],
        "measure": measure,
        "subject": valid(query.get("subject"), subjects, subjects[0] if subjects else None),
    }


def layout(lang: str | None = None, **query):
    lang = language(lang)
    ctx = context()
    fw = ctx.framework
    header = [html.H2(t("compare", lang), className="h4"), html.P(t("compare_intro", lang))]
    if queries.snapshots(ctx.engine, ctx.consortium_id).empty:
        return html.Div([*header, empty_state(t("no_data", lang))])
    view = resolve(fw, query)
    filters = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("networks", lang), html_for="compare-networks"),
                    dcc.Dropdown(
                        id="compare-networks",
                        options=options(readable_network_names(fw, lang)),
                        value=view["networks"],
                        multi=True,
                    ),
                ],
                xs=12,
                md=5,
            ),
            dbc.Col(
                [
                    dbc.Label(t("measure", lang), html_for="compare-measure"),
                    dcc.Dropdown(
                        id="compare-measure",
                        options=measure_options(lang),
                        value=view["measure"],
                        clearable=False,
                    ),
                ],
                xs=12,
                sm=6,
                md=3,
            ),
            dbc.Col(
                [
                    dbc.Label(t("subject", lang), html_for="compare-subject"),
                    dcc.Dropdown(
                        id="compare-subject",
                        options=options(subject_labels(fw, view["measure"], lang)),
                        value=view["subject"],
                        clearable=False,
                    ),
                ],
                xs=12,
                sm=6,
                md=4,
            ),
        ],
        className="mb-3 g-2",
    )
    return html.Div(
        [
            *header,
            dcc.Store(id="page-lang", data=lang),
            query_store(PAGE, {**_query(view), "lang": lang}),
            filters,
            html.Div(id="compare-message"),
            card(
                t("compare_title", lang),
                [graph("compare-figure", "compare-networks")],
                t("compare_help", lang),
            ),
            card(
                t("compare_table", lang),
                [download_buttons("compare", lang), html.Div(id="compare-table")],
            ),
        ]
    )


def _query(view: dict) -> dict:
    return {**view, "networks": ",".join(view["networks"])}


def compare_frame(ctx, query: dict, lang: str) -> pd.DataFrame:
    """Networks × waves of one measure, as display values (suppressed cells say so)."""
    view = resolve(ctx.framework, query)
    columns, lines = _cells(ctx, view, _rows(ctx, view), lang)
    return pd.DataFrame([dict(zip(columns, line)) for line in lines])


def _rows(ctx, view: dict) -> pd.DataFrame:
    """The snapshot rows of the view: its measure and subject for its networks (each network
    checked against the request's rights by the read)."""
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    return queries.select_snapshots(
        snaps, measure=view["measure"], subject=view["subject"], network=view["networks"]
    )


def _cells(ctx, view: dict, rows: pd.DataFrame, lang: str) -> tuple[list[str], list[tuple]]:
    """The table's header and its rows (networks × waves) of display values."""
    names = network_names(ctx.framework, lang)
    columns = ["network", "wave", "suppressed", "score_100"]
    cells = {(row["network"], row["wave"]): row for row in records(rows, columns)}
    waves = queries.waves(queries.snapshots(ctx.engine, ctx.consortium_id))
    lines = [
        (
            names[code],
            *(
                score_cell(cells[code, wave], lang) if (code, wave) in cells else "–"
                for wave in waves
            ),
        )
        for code in view["networks"]
    ]
    return [t("network", lang), *waves], lines


TABLES = {"compare": compare_frame}


def render(ctx, inputs: dict) -> dict:
    """The main callback as a plain function: (networks, measure, subject, lang) → outputs."""
    lang = language(inputs.get("lang"))
    fw = ctx.framework
    view = resolve(fw, {**inputs, "networks": ",".join(inputs.get("networks") or [])})
    rows = _rows(ctx, view)  # once for the figure and the table
    names = {c: n for c, n in network_names(fw, lang).items() if c in view["networks"]}
    figure = figures.compare_figure(scale_ci(rows, view["measure"]), names, lang)
    message = (
        dbc.Alert(t("choose_two", lang), color="info", id="compare-choose")
        if len(inputs.get("networks") or []) < 2
        else None
    )
    return {
        "figure": figure,
        "table": table_of(
            *_cells(ctx, view, rows, lang),
            "compare-values",
            lang,
            row_ids=[f"compare-{c}" for c in view["networks"]],
        ),
        "message": message,
        "query": {**_query(view), "lang": lang},
    }


def register_callbacks(app) -> None:
    @app.callback(
        Output("compare-subject", "options"),
        Output("compare-subject", "value"),
        Input("compare-measure", "value"),
        State("compare-subject", "value"),
        State("page-lang", "data"),
    )
    def _subjects(measure, subject, lang):
        labels = subject_labels(context().framework, measure, language(lang))
        return options(labels), subject if subject in labels else next(iter(labels), None)

    @app.callback(
        Output("compare-figure", "figure"),
        Output("compare-table", "children"),
        Output("compare-message", "children"),
        Output({"type": "query", "page": PAGE}, "data"),
        Input("compare-networks", "value"),
        Input("compare-subject", "value"),
        State("compare-measure", "value"),
        State("page-lang", "data"),
    )
    def _update(networks, subject, measure, lang):
        if subject not in subject_labels(context().framework, measure, "nl"):
            raise PreventUpdate  # the subject list is catching up with a new measure
        out = render(
            context(),
            {"networks": networks, "measure": measure, "subject": subject, "lang": lang},
        )
        return out["figure"], out["table"], out["message"], out["query"]
