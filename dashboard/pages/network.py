"""Netwerk: one network over the waves — a measure with its CI band, the road to 2028 and the
status; themes as a radar with the consortium; agreement per theme; respondent groups; response;
the items behind a theme on click; dated notes on the timeline."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from charts import figures
from charts.road import road
from charts.style import scale_ci
from charts.template import sent
from dashboard import access, queries
from dashboard.components import (
    card,
    download_buttons,
    empty_state,
    fmt_number,
    fmt_percent,
    graph,
    query_store,
    table,
)
from dashboard.i18n import language, t
from dashboard.pages import network_notes, network_partners
from dashboard.pages.common import (
    context,
    count_cell,
    group_names,
    measure_options,
    network_names,
    network_view,
    options,
    readable_network_names,
    records,
    score_cell,
    subject_labels,
)
from dashboard.pages.network_items import items_table
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

PATH = "/netwerk"
TITLE = "network_page"
PAGE = "network"


def _filters(fw, waves: list[str], view: dict, lang: str) -> dbc.Row:
    def column(label: str, component, md: int = 3) -> dbc.Col:
        return dbc.Col([dbc.Label(label, html_for=component.id), component], xs=12, sm=6, md=md)

    return dbc.Row(
        [
            column(
                t("network", lang),
                dcc.Dropdown(
                    id="network-network",
                    options=options(readable_network_names(fw, lang)),
                    value=view["network"],
                    clearable=False,
                ),
            ),
            column(
                t("measure", lang),
                dcc.Dropdown(
                    id="network-measure",
                    options=measure_options(lang),
                    value=view["measure"],
                    clearable=False,
                ),
                md=2,
            ),
            column(
                t("subject", lang),
                dcc.Dropdown(
                    id="network-subject",
                    options=options(subject_labels(fw, view["measure"], lang)),
                    value=view["subject"],
                    clearable=False,
                ),
                md=5,
            ),
            column(
                t("wave", lang),
                dcc.Dropdown(
                    id="network-wave",
                    options=[{"label": w, "value": w} for w in waves],
                    value=view["wave"],
                    clearable=False,
                ),
                md=2,
            ),
        ],
        className="mb-3 g-2",
    )


def layout(lang: str | None = None, **query):
    lang = language(lang)
    ctx = context()
    fw = ctx.framework
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    header = [html.H2(t("network_page", lang), className="h4"), html.P(t("network_intro", lang))]
    if snaps.empty:
        return html.Div([*header, empty_state(t("no_data", lang))])
    header.append(network_partners.jump_link(lang))
    waves = queries.waves(snaps)
    view = network_view(fw, waves, query)
    return html.Div(
        [
            *header,
            dcc.Store(id="page-lang", data=lang),
            dcc.Store(id="network-notes-version", data=0),
            query_store(PAGE, {**view, "lang": lang}),
            _filters(fw, waves, view, lang),
            *_figure_cards(lang),
            # Only the steering group (and the administrator) writes notes: others see no form.
            *(
                [
                    card(
                        t("notes_title", lang),
                        [network_notes.note_form(lang)],
                        t("notes_help", lang),
                    )
                ]
                if access.writes_notes()
                else []
            ),
            network_partners.section(lang),
        ]
    )


def _figure_cards(lang: str) -> list:
    """The page's figures: trend and radar, agreement and statements, groups and response."""
    return [
        dbc.Row(
            [
                dbc.Col(
                    card(
                        t("trend_title", lang),
                        [
                            html.Div(id="network-status", className="mb-2"),
                            graph("network-trend", "network-trend"),
                        ],
                        t("trend_help", lang),
                    ),
                    xs=12,
                    lg=7,
                ),
                dbc.Col(
                    card(
                        t("radar_title", lang),
                        [graph("network-radar", "network-radar")],
                        t("radar_help", lang),
                    ),
                    xs=12,
                    lg=5,
                ),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    card(
                        t("agreement_title", lang),
                        [graph("network-agreement", "network-agreement")],
                        t("agreement_help", lang),
                    ),
                    xs=12,
                    lg=6,
                ),
                dbc.Col(
                    card(
                        t("items_title", lang),
                        [
                            download_buttons("network_items", lang),
                            html.Div(id="network-items"),
                        ],
                        t("items_help", lang),
                    ),
                    xs=12,
                    lg=6,
                ),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    card(
                        t("groups_title", lang),
                        [
                            download_buttons("network_groups", lang),
                            html.Div(id="network-groups"),
                        ],
                        t("groups_help", lang),
                    ),
                    xs=12,
                    lg=6,
                ),
                dbc.Col(
                    card(
                        t("rate_title", lang),
                        [graph("network-rate", "network-response")],
                        t("rate_help", lang),
                    ),
                    xs=12,
                    lg=6,
                ),
            ]
        ),
    ]


def series(snaps: pd.DataFrame, measure: str, subject: str, network: str) -> pd.DataFrame:
    rows = queries.select_snapshots(snaps, measure=measure, subject=subject, network=network)
    return scale_ci(rows, measure)


def render(ctx, inputs: dict) -> dict:
    """The main callback as a plain function: (network, measure, subject, wave, lang) → outputs."""
    lang = language(inputs.get("lang"))
    fw = ctx.framework
    network, measure, subject, wave = (inputs[k] for k in ("network", "measure", "subject", "wave"))
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    names = network_names(fw, lang)
    labels = subject_labels(fw, measure, lang)
    rows = series(snaps, measure, subject, network)
    notes = (
        queries.timeline_notes(ctx.engine, ctx.consortium_id, network)
        if network != ALL_NETWORKS
        else None
    )
    consortium = series(snaps, measure, subject, ALL_NETWORKS) if network != ALL_NETWORKS else None
    trend = figures.trend_spec(
        rows,
        lang,
        road=road(fw, rows, measure, subject, network),
        consortium=consortium,
        notes=notes,
        title=f"{names.get(network, network)} · {labels.get(subject, subject)}",
    )
    shown = rows.loc[~rows["suppressed"]].sort_values("reference_date")
    status = html.Span()
    if len(shown) and isinstance(shown["status"].iloc[-1], str):
        code = shown["status"].iloc[-1]
        status = dbc.Badge(
            t("status_now", lang, status=t(f"status_{code}", lang)),
            color={"bereikt": "success", "op_koers": "primary", "aandacht": "warning"}.get(
                code, "danger"
            ),
            id="network-status-badge",
        )
    themes = subject_labels(fw, "theme", lang)
    theme_rows = queries.select_snapshots(snaps, measure="theme", network=network)
    consortium_themes = queries.select_snapshots(
        snaps, measure="theme", network=ALL_NETWORKS, wave=wave
    )
    radar = figures.radar_spec(
        theme_rows[["wave", "subject", "score_100", "suppressed"]],
        consortium_themes[["wave", "subject", "score_100", "suppressed"]],
        themes,
        lang,
        network_name=names.get(network, network),
    )
    agree = queries.select_snapshots(snaps, measure="agreement", network=network, wave=wave)
    agreement = figures.agreement_spec(
        agree[["subject", "value", "verdict", "suppressed"]], themes, lang
    )
    rates = queries.select_snapshots(snaps, measure="response_rate", network=network)
    rate = figures.rate_spec(rates[["wave", "n", "value", "suppressed"]], lang)
    groups_frame = groups_table(ctx, {**inputs}, lang)
    groups = (
        table(
            groups_frame, "network-groups-table", lang, row_ids=_group_ids(groups_frame, fw, lang)
        )
        if len(groups_frame)
        else empty_state(t("empty_wave", lang), "network-groups-empty")
    )
    # The figures go out as plotly.js reads them, unvalidated (charts.template.sent).
    return {
        "trend": sent(trend),
        "status": status,
        "radar": sent(radar),
        "agreement": sent(agreement),
        "groups": groups,
        "rate": sent(rate),
        "query": {
            "network": network,
            "measure": measure,
            "subject": subject,
            "wave": wave,
            "lang": lang,
        },
    }


def _group_ids(frame: pd.DataFrame, fw, lang: str) -> list[str]:
    codes = {name: code for code, name in group_names(fw, lang).items()}
    return [f"group-{codes.get(name, name)}" for name in frame.iloc[:, 0]]


def groups_table(ctx, query: dict, lang: str) -> pd.DataFrame:
    """The measure per respondent group at the chosen wave (suppressed groups say so)."""
    fw = ctx.framework
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    view = network_view(fw, queries.waves(snaps), query)
    rows = queries.select_snapshots(
        snaps,
        measure=view["measure"],
        subject=view["subject"],
        network=view["network"],
        wave=view["wave"],
        group=None,
    )
    rows = scale_ci(rows, view["measure"])
    names = group_names(fw, lang)
    order = {code: i for i, code in enumerate(names)}
    rows = rows.assign(_order=rows["group"].map(order)).sort_values("_order")
    cells = records(rows, [*("group", "suppressed", "n", "score_100"), *GROUP_FIGURES])
    return pd.DataFrame(
        {
            t("group", lang): [names.get(r["group"], r["group"]) for r in cells],
            t("n", lang): [count_cell(r, lang) for r in cells],
            t("score_axis", lang): [score_cell(r, lang) for r in cells],
            t("ci", lang): [_ci(r, lang) for r in cells],
            t("pct_positive", lang): [
                t("too_few", lang) if r["suppressed"] else fmt_percent(r["pct_positive"], lang)
                for r in cells
            ],
        }
    )


GROUP_FIGURES = ("ci_low_100", "ci_high_100", "pct_positive")


def _ci(row, lang: str) -> str:
    if row["suppressed"]:
        return t("too_few", lang)
    if pd.isna(row["ci_low_100"]):
        return "–"
    return f"{fmt_number(row['ci_low_100'], 1, lang)} – {fmt_number(row['ci_high_100'], 1, lang)}"


TABLES = {
    "network_groups": groups_table,
    "network_items": items_table,
    **network_partners.TABLES,
}


def register_callbacks(app) -> None:
    @app.callback(
        Output("network-subject", "options"),
        Output("network-subject", "value"),
        Input("network-measure", "value"),
        State("network-subject", "value"),
        State("page-lang", "data"),
    )
    def _subjects(measure, subject, lang):
        labels = subject_labels(context().framework, measure, language(lang))
        value = subject if subject in labels else next(iter(labels), None)
        return options(labels), value

    @app.callback(
        Output("network-trend", "figure"),
        Output("network-status", "children"),
        Output("network-radar", "figure"),
        Output("network-agreement", "figure"),
        Output("network-groups", "children"),
        Output("network-rate", "figure"),
        Output({"type": "query", "page": PAGE}, "data"),
        Input("network-network", "value"),
        Input("network-subject", "value"),
        Input("network-wave", "value"),
        Input("network-notes-version", "data"),
        State("network-measure", "value"),
        State("page-lang", "data"),
    )
    def _update(network, subject, wave, _notes, measure, lang):
        labels = subject_labels(context().framework, measure, "nl")
        if subject not in labels:
            raise PreventUpdate  # the subject list is catching up with a new measure
        out = render(
            context(),
            {
                "network": network,
                "measure": measure,
                "subject": subject,
                "wave": wave,
                "lang": lang,
            },
        )
        return (
            out["trend"],
            out["status"],
            out["radar"],
            out["agreement"],
            out["groups"],
            out["rate"],
            out["query"],
        )

    _register_statement_and_note_callbacks(app)
    network_partners.register_callbacks(app)


def _register_statement_and_note_callbacks(app) -> None:
    """The statements table follows the clicked theme; a note refreshes the trend."""
    network_notes.register_note_callback(app)

    # The filters themselves, not the page's query store that the main callback writes: the
    # statements are drawn beside the figures rather than one round trip after them.
    @app.callback(
        Output("network-items", "children"),
        Input("network-agreement", "clickData"),
        Input("network-network", "value"),
        Input("network-subject", "value"),
        Input("network-wave", "value"),
        State("network-measure", "value"),
        State("page-lang", "data"),
    )
    def _items(click, network, subject, wave, measure, lang):
        if subject not in subject_labels(context().framework, measure, "nl"):
            raise PreventUpdate  # as the main callback: the subject list is catching up
        lang = language(lang)
        theme = None
        if click and click.get("points"):
            theme = click["points"][0].get("customdata")
        query = {"network": network, "measure": measure, "subject": subject, "wave": wave}
        frame = items_table(context(), {**query, "theme": theme}, lang)
        if frame.empty:
            return empty_state(t("empty_wave", lang), "network-items-empty")
        return table(frame, "network-items-table", lang)
