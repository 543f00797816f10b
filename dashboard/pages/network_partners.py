"""Netwerk page, section "Partnernetwerk": who works with whom in the chosen network.

The network map per relational wave (a slider changes it), the sector × sector matrix of ties,
the figures over time on the road to their 2028 targets with a table of the wave's figures, an
organisation's own view, and the network's agreements. Everything reads stored rows: the ties
and figures written by the recompute, the partner lists and the agreements register; nothing is
recomputed here beyond counting what is drawn. Per-organisation trust and value come from the
already suppressed snapshots; per-tie trust and value are never shown (one rater: identifiable).

Rights: the request guard refuses any value naming a network the person may not read, and the
section's one read (`partner_queries.partner_network`) checks its network again (dashboard/rights.py).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import dash_cytoscape as cyto
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html, no_update
from dash import ctx as callback_context
from dash.exceptions import PreventUpdate

from charts.partner_network import SUBJECTS
from dashboard import downloads, partner_figures, partner_legend, partner_map, partner_queries
from dashboard.components import (
    card,
    download_buttons,
    empty_state,
    graph,
    table,
)
from dashboard.i18n import language, t
from dashboard.pages.common import context
from dashboard.partner_data import agreements_table, wave_codes
from dashboard.partner_organisation import organisation_view
from dashboard.partner_views import figures_table, map_view, ties_table, trend
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

SECTION_ID = "partners-section"
NETWORK = "network-network"  # the page's network filter (checked by the request guard)


def jump_link(lang: str) -> html.A:
    """A link at the top of the page to this section further down."""
    return html.A(t("pn_jump", lang), href=f"#{SECTION_ID}", className="small", id="partners-jump")


def section(lang: str) -> html.Section:
    """The section's layout; its callbacks fill it from the page's network filter."""
    return html.Section(
        [
            html.Hr(className="my-4"),
            html.H3(t("pn_title", lang), className="h5", id="partners-heading"),
            html.P(t("pn_intro", lang)),
            dcc.Store(id="partners-waves"),
            dcc.Download(id="partners-download"),
            html.Div(id="partners-empty"),
            _wave_row(lang),
            _map_row(lang),
            _figures_row(lang),
            _organisation_row(lang),
        ],
        id=SECTION_ID,
    )


def _wave_row(lang: str) -> dbc.Row:
    """The wave slider and the choice to highlight new ties."""
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("pn_wave", lang), html_for="partners-wave"),
                    # Padded so the first and last wave's labels are not cut off.
                    html.Div(
                        dcc.Slider(
                            id="partners-wave",
                            min=0,
                            max=0,
                            step=1,  # the index of a wave: only whole steps
                            value=0,
                            marks={},
                            included=False,
                            allow_direct_input=False,
                        ),
                        className="px-4",
                    ),
                ],
                xs=12,
                md=8,
            ),
            dbc.Col(
                dcc.Checklist(
                    id="partners-highlight",
                    options=[{"label": " " + t("pn_highlight_new", lang), "value": "new"}],
                    value=["new"],
                    className="small",
                ),
                xs=12,
                md=4,
                className="d-flex align-items-end",
            ),
        ],
        className="mb-3 g-2",
    )


def _map_row(lang: str) -> dbc.Row:
    """The network map with its legend, and the sector × sector matrix."""
    return dbc.Row(
        [
            dbc.Col(
                card(
                    t("pn_map_title", lang),
                    [
                        html.P(id="partners-summary", className="mb-1 fw-semibold"),
                        html.P(
                            t("pn_hover_help", lang),
                            id="partners-hover",
                            className="small text-muted mb-1",
                        ),
                        cyto.Cytoscape(
                            id="partners-map",
                            elements=[],
                            layout={"name": "preset", "fit": True, "padding": 10},
                            stylesheet=partner_map.map_stylesheet(),
                            style={"width": "100%", "height": "560px"},
                            minZoom=0.3,
                            maxZoom=3,
                            responsive=True,
                        ),
                        partner_legend.legend(lang),
                        download_buttons("network_partner_ties", lang, "partners-download"),
                    ],
                    t("pn_map_help", lang),
                ),
                xs=12,
                xl=8,
            ),
            dbc.Col(
                card(
                    t("pn_matrix_title", lang),
                    [graph("partners-matrix", "partner-sector-matrix")],
                    t("pn_matrix_help", lang),
                ),
                xs=12,
                xl=4,
            ),
        ]
    )


def _figures_row(lang: str) -> dbc.Row:
    """A figure over time and the table of the wave's figures."""
    return dbc.Row(
        [
            dbc.Col(
                card(
                    t("pn_trend_title", lang),
                    [
                        dbc.Label(t("pn_figure", lang), html_for="partners-subject"),
                        dcc.Dropdown(
                            id="partners-subject",
                            options=[
                                {"label": t(f"pn_fig_{s}", lang), "value": s} for s in SUBJECTS
                            ],
                            value="density",
                            clearable=False,
                        ),
                        graph("partners-trend", "partner-network-trend"),
                    ],
                    t("pn_trend_help", lang),
                ),
                xs=12,
                lg=7,
            ),
            dbc.Col(
                card(
                    t("pn_table_title", lang),
                    [
                        download_buttons("network_partner_figures", lang, "partners-download"),
                        html.Div(id="partners-figures"),
                    ],
                    t("pn_table_help", lang),
                ),
                xs=12,
                lg=5,
            ),
        ]
    )


def _organisation_row(lang: str) -> dbc.Row:
    """An organisation's own view and the network's agreements."""
    return dbc.Row(
        [
            dbc.Col(
                card(
                    t("pn_org_title", lang),
                    [
                        dcc.Dropdown(
                            id="partners-org",
                            options=[],
                            placeholder=t("pn_org_choose", lang),
                            className="mb-2",
                        ),
                        html.Div(id="partners-org-view"),
                    ],
                    t("pn_org_help", lang),
                ),
                xs=12,
                lg=7,
            ),
            dbc.Col(
                card(
                    t("pn_agreements_title", lang),
                    [html.Div(id="partners-agreements")],
                    t("pn_agreements_help", lang),
                ),
                xs=12,
                lg=5,
            ),
        ]
    )


def _partner_options(data: dict, lang: str) -> list[dict]:
    partners = data["partners"].sort_values(["name", "partner"])
    return [
        {"label": f"{r.name} ({partner_map.sector_label(r.sector, lang)})", "value": r.partner}
        for r in partners.itertuples(index=False)
    ]


def _chosen_wave(store: dict | None, index, network: str) -> str | None:
    """The slider's wave, when the store belongs to the network now chosen (else stale)."""
    if not store or store.get("network") != network:
        raise PreventUpdate  # the slider is catching up with a new network
    codes = store.get("waves") or []
    if not codes:
        return None
    position = round(index) if isinstance(index, int | float) else len(codes) - 1
    position = position if 0 <= position < len(codes) else len(codes) - 1
    return codes[position]


TABLES = {"network_partner_ties": ties_table, "network_partner_figures": figures_table}


# --- callbacks -----------------------------------------------------------------------------------


def register_callbacks(app) -> None:
    """Registered by the network page's register_callbacks, so each callback first passes the
    page's role check; each also names the page's network filter and checks it itself."""
    for register in (
        _register_section,
        _register_hover,
        _register_download,
    ):
        register(app)


def _network_outputs(network: str, lang: str) -> list:
    """For a newly chosen network: the slider (min, max, marks, value, disabled), the waves
    store, the empty state, the organisations (options, value) and the agreements."""
    store = {"network": network, "waves": []}
    if not network or network == ALL_NETWORKS:
        empty = empty_state(t("pn_choose_network", lang), "partners-choose-network")
        return [0, 0, {}, 0, True, store, empty, [], None, ""]
    c = context()
    data = partner_queries.partner_network(c.engine, c.consortium_id, network)
    codes = wave_codes(data)
    store["waves"] = codes
    agreements = agreements_table(data, lang)
    listing = (
        table(agreements, "partners-agreements-table", lang)
        if len(agreements)
        else empty_state(t("pn_no_agreements", lang), "partners-agreements-none")
    )
    if not codes:
        empty = empty_state(t("pn_no_data", lang), "partners-no-data")
        return [0, 0, {}, 0, True, store, empty, _partner_options(data, lang), None, listing]
    marks = {i: {"label": code} for i, code in enumerate(codes)}
    last = len(codes) - 1
    options = _partner_options(data, lang)
    return [0, last, marks, last, len(codes) < 2, store, "", options, None, listing]


# What each input of the section's callback redraws; a new wave or network redraws everything.
_REDRAWN_BY = {
    "partners-highlight": {"map"},
    "partners-subject": {"figures"},
    "partners-org": {"organisation"},
}
_EVERYTHING = {"map", "figures", "organisation"}


def _redrawn(triggered: list[dict]) -> set[str]:
    parts: set[str] = set()
    for trigger in triggered:
        parts |= _REDRAWN_BY.get(trigger["prop_id"].split(".")[0], _EVERYTHING)
    return parts or _EVERYTHING


def _map_outputs(network: str, wave: str | None, highlight, lang: str) -> list:
    if not network or network == ALL_NETWORKS or wave is None:
        empty = partner_figures.matrix_figure(pd.DataFrame(), lang)
        return [[], partner_map.map_stylesheet(), "", empty]
    view = map_view(context(), network, wave, lang, highlight_new="new" in (highlight or []))
    return [view["elements"], view["stylesheet"], view["summary"], view["matrix"]]


def _figures_outputs(network: str, wave: str | None, subject, lang: str) -> list:
    if not network or network == ALL_NETWORKS or subject not in SUBJECTS:
        return [partner_figures.figure_over_time(pd.DataFrame(), "density", lang), ""]
    frame = figures_table(context(), {"network": network, "wave": wave}, lang)
    listing = (
        table(frame, "partners-figures-table", lang)
        if len(frame)
        else empty_state(t("pn_no_wave_data", lang), "partners-figures-empty")
    )
    return [trend(context(), network, subject, lang), listing]


def _register_section(app) -> None:
    """One callback for the whole section (slider, map, figures, organisation): a new network
    or wave costs the browser one round trip, not a chain of them; an input that changes one
    part redraws only that part. The slider and the organisation choice are its outputs and
    its inputs (Dash does not call a callback again for its own outputs)."""

    @app.callback(
        Output("partners-wave", "min"),
        Output("partners-wave", "max"),
        Output("partners-wave", "marks"),
        Output("partners-wave", "value"),
        Output("partners-wave", "disabled"),
        Output("partners-waves", "data"),
        Output("partners-empty", "children"),
        Output("partners-org", "options"),
        Output("partners-org", "value"),
        Output("partners-agreements", "children"),
        Output("partners-map", "elements"),
        Output("partners-map", "stylesheet"),
        Output("partners-summary", "children"),
        Output("partners-matrix", "figure"),
        Output("partners-trend", "figure"),
        Output("partners-figures", "children"),
        Output("partners-org-view", "children"),
        Input(NETWORK, "value"),
        Input("partners-wave", "value"),
        Input("partners-highlight", "value"),
        Input("partners-subject", "value"),
        Input("partners-org", "value"),
        State("partners-waves", "data"),
        State("page-lang", "data"),
    )
    def _section(network, index, highlight, subject, partner, store, lang):
        lang = language(lang)
        triggered = callback_context.triggered
        chosen = [trigger["prop_id"].split(".")[0] for trigger in triggered]
        slider = [no_update] * 10
        if NETWORK in chosen or not any(chosen):  # a new network, or the page's first call
            slider = _network_outputs(network, lang)
            store, index, partner = slider[5], slider[3], None
            triggered = []  # everything is drawn again
        wave = _chosen_wave(store, index, network)
        parts = _redrawn(triggered)
        outputs = [no_update] * 7
        if "map" in parts:
            outputs[0:4] = _map_outputs(network, wave, highlight, lang)
        if "figures" in parts:
            outputs[4:6] = _figures_outputs(network, wave, subject, lang)
        if "organisation" in parts:
            outputs[6] = (
                organisation_view(context(), network, wave, partner, lang)
                if network and network != ALL_NETWORKS
                else ""
            )
        return (*slider, *outputs)


def _register_hover(app) -> None:
    @app.callback(
        Output("partners-hover", "children"),
        Input("partners-map", "mouseoverNodeData"),
        State(NETWORK, "value"),
        State("page-lang", "data"),
        prevent_initial_call=True,  # the layout carries the help text already
    )
    def _hover(node, network, lang):
        lang = language(lang)
        if not node or "label" not in node:
            return t("pn_hover_help", lang)
        return t(
            "pn_hover",
            lang,
            name=node.get("label", ""),
            sector=node.get("sector_label", ""),
            degree=node.get("degree", 0),
        )


def _register_download(app) -> None:
    # The section's downloads have their own callback, not the app's: the wave they need is the
    # section's slider, not the page's wave filter.
    @app.callback(
        Output("partners-download", "data"),
        Input({"type": "partners-download", "table": ALL, "fmt": ALL}, "n_clicks"),
        State("partners-wave", "value"),
        State("partners-waves", "data"),
        State(NETWORK, "value"),
        State("page-lang", "data"),
        prevent_initial_call=True,
    )
    def _download(clicks, index, store, network, lang):
        trigger = callback_context.triggered_id
        if not trigger or not any(clicks):
            raise PreventUpdate
        wave = _chosen_wave(store, index, network)
        if trigger["table"] not in TABLES:
            raise PreventUpdate
        # The page check ran in the callback's wrapper; the same file names and formats as
        # every table.
        query = {"network": network, "wave": wave, "lang": language(lang)}
        return downloads.send(
            context(), trigger["table"], TABLES[trigger["table"]], trigger["fmt"], query
        )
