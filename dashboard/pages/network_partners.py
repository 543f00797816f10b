"""Netwerk page, section "Partnernetwerk": who works with whom in the chosen network.

The network map per relational wave (a slider changes it), the sector × sector matrix of ties,
the figures over time on the road to their 2028 targets with a table of the wave's figures, an
organisation's own view, and the network's agreements. Everything reads stored rows: the ties
and figures written by the recompute, the partner lists and the agreements register; nothing is
recomputed here beyond counting what is drawn. Per-organisation trust and value come from the
already suppressed snapshots; per-tie trust and value are never shown (one rater: identifiable).

Rights: the request guard refuses any value naming a network the person may not read, and the
section's one read (`queries.partner_network`) checks its network again (dashboard/rights.py).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import dash_cytoscape as cyto
import pandas as pd
import plotly.graph_objects as go
from dash import ALL, Input, Output, State, dcc, html
from dash import ctx as callback_context
from dash.exceptions import PreventUpdate

from charts.partner_network import SUBJECTS, format_change, format_value
from charts.road import road
from dashboard import downloads, partner_map, queries
from dashboard.components import (
    card,
    download_buttons,
    empty_state,
    graph,
    is_missing,
    table,
)
from dashboard.i18n import TEXTS, language, t
from dashboard.pages.common import context
from samenwerkingsmonitor.numbers import format_number

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
            dbc.Row(
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
            ),
            dbc.Row(
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
                                legend(lang),
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
            ),
            dbc.Row(
                [
                    dbc.Col(
                        card(
                            t("pn_trend_title", lang),
                            [
                                dbc.Label(t("pn_figure", lang), html_for="partners-subject"),
                                dcc.Dropdown(
                                    id="partners-subject",
                                    options=[
                                        {"label": t(f"pn_fig_{s}", lang), "value": s}
                                        for s in SUBJECTS
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
                                download_buttons(
                                    "network_partner_figures", lang, "partners-download"
                                ),
                                html.Div(id="partners-figures"),
                            ],
                            t("pn_table_help", lang),
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
            ),
        ],
        id=SECTION_ID,
    )


def legend(lang: str) -> html.Div:
    """What the colours, shapes, lines and borders of the map mean, in words."""

    def swatch(sector: str) -> html.Span:
        return html.Span(
            [
                html.Img(
                    src=partner_map.legend_symbol(sector),
                    alt="",  # the sector's name follows in words
                    width=14,
                    height=14,
                    className="me-1 align-baseline",
                ),
                partner_map.sector_label(sector, lang),
            ],
            className="me-3 text-nowrap",
        )

    def line(style: str, width: float, colour: str, text: str) -> html.Span:
        return html.Span(
            [
                html.Span(
                    style={
                        "display": "inline-block",
                        "width": "2.2em",
                        "borderTop": f"{max(width, 1.5)}px {style} {colour}",
                        "verticalAlign": "middle",
                    },
                    className="me-1",
                ),
                text,
            ],
            className="me-3 text-nowrap",
        )

    sectors = [swatch(sector) for sector in partner_map.SECTOR_COLOURS]
    ties = [
        line(
            partner_map.FREQUENCY_STYLES[f],
            partner_map.FREQUENCY_WIDTHS[f],
            "#888888",
            t(f"pn_freq_{f}", lang),
        )
        for f in partner_map.FREQUENCIES
    ]
    marks = [
        line("solid", 3, partner_map.AGREEMENT_COLOUR, t("pn_legend_agreement", lang)),
        line("solid", 3, partner_map.NEW_COLOUR, t("pn_legend_new", lang)),
        html.Span("→ " + t("pn_legend_one_sided", lang), className="me-3 text-nowrap"),
        html.Span(
            [
                html.Span(
                    style={
                        "display": "inline-block",
                        "width": "0.9em",
                        "height": "0.9em",
                        "borderRadius": "50%",
                        "border": "2px dashed #000000",
                        "verticalAlign": "middle",
                    },
                    className="me-1",
                ),
                t("pn_legend_isolate", lang),
            ],
            className="me-3 text-nowrap",
        ),
    ]
    return html.Div(
        [
            html.Div([html.Strong(t("pn_legend_sectors", lang) + ": "), *sectors]),
            html.Div([html.Strong(t("pn_legend_ties", lang) + ": "), *ties, *marks]),
        ],
        className="small mt-2 mb-2 d-flex flex-column gap-1",
        id="partners-legend",
    )


# --- data ----------------------------------------------------------------------------------------


def _wave_codes(data: dict) -> list[str]:
    return data["waves"]["wave"].tolist()


def resolve_wave(data: dict, wave: str | None) -> str | None:
    """The asked relational wave when the network has it, else its latest one (None: none)."""
    codes = _wave_codes(data)
    return wave if wave in codes else (codes[-1] if codes else None)


def _previous(data: dict, wave: str) -> str | None:
    codes = _wave_codes(data)
    position = codes.index(wave)
    return codes[position - 1] if position > 0 else None


def _reference_date(data: dict, wave: str):
    rows = data["waves"].loc[data["waves"]["wave"] == wave, "reference_date"]
    return rows.iloc[0] if len(rows) else None


def _wave_ties(data: dict, wave: str | None) -> pd.DataFrame:
    return data["ties"].loc[data["ties"]["wave"] == wave]


def listed(data: dict, wave: str) -> pd.DataFrame:
    """The partners on the wave's list (partner, name, sector); the ends of the wave's ties
    too, so that no tie is left without its organisations when a list is incomplete."""
    ties = _wave_ties(data, wave)
    members = set(data["memberships"].loc[data["memberships"]["wave"] == wave, "partner"])
    codes = members | set(ties["a"]) | set(ties["b"])
    partners = data["partners"]
    return partners.loc[partners["partner"].isin(codes)].reset_index(drop=True)


def _names(data: dict) -> dict[str, str]:
    return dict(zip(data["partners"]["partner"], data["partners"]["name"]))


def _sectors(data: dict) -> dict[str, str]:
    return dict(zip(data["partners"]["partner"], data["partners"]["sector"]))


def _positions(data: dict) -> dict[str, tuple[float, float]]:
    """Positions over the union of every wave's partners and ties: nodes stay put."""
    ties = data["ties"]
    codes = set(data["memberships"]["partner"]) | set(ties["a"]) | set(ties["b"])
    codes &= set(data["partners"]["partner"])
    return partner_map.layout_positions(codes, zip(ties["a"], ties["b"]))


def _agreements_in_force(data: dict, wave: str) -> set[tuple[str, str]]:
    return partner_map.agreement_pairs(
        data["agreements"], data["agreement_partners"], _reference_date(data, wave)
    )


def _topic(code: str, lang: str) -> str:
    # The agreements page owns the topic labels; a code without one is shown readable.
    entry = TEXTS.get(f"agreement_topic_{code}")
    return entry[lang] if entry else str(code).replace("_", " ")


def _date(value) -> str:
    return "–" if is_missing(value) or pd.isna(value) else f"{pd.Timestamp(value):%d-%m-%Y}"


def map_view(ctx, network: str, wave: str | None, lang: str, *, highlight_new: bool) -> dict:
    """The map's elements and stylesheet, its summary line and the sector matrix for one wave."""
    data = queries.partner_network(ctx.engine, ctx.consortium_id, network)
    wave = resolve_wave(data, wave)
    if wave is None:
        return {
            "elements": [],
            "stylesheet": partner_map.map_stylesheet(highlight_new=highlight_new),
            "summary": "",
            "matrix": partner_map.matrix_figure(pd.DataFrame(), lang),
        }
    partners = listed(data, wave)
    ties = _wave_ties(data, wave)
    previous = _previous(data, wave)
    now = partner_map.tie_pairs(ties)
    before = partner_map.tie_pairs(_wave_ties(data, previous)) if previous else set()
    new = now - before if previous else set()
    elements = partner_map.map_elements(
        partners,
        ties,
        _positions(data),
        lang,
        agreements=_agreements_in_force(data, wave),
        new=new,
    )
    # The counts are the stored figures (the same as the table's), not recounted here.
    figures = _snapshot_rows(ctx, network, "network")
    figures = figures.loc[figures["wave"] == wave].set_index("subject")["value"]

    def count(subject: str) -> int | str:
        value = figures.get(subject)
        return "–" if value is None or pd.isna(value) else int(value)

    summary = t(
        "pn_summary",
        lang,
        wave=wave,
        partners=count("partners"),
        ties=count("ties"),
        isolates=count("isolates"),
    )
    if previous:
        summary += t(
            "pn_summary_change",
            lang,
            previous=previous,
            new=count("new_ties"),
            lost=count("lost_ties"),
        )
    return {
        "elements": elements,
        "stylesheet": partner_map.map_stylesheet(highlight_new=highlight_new),
        "summary": summary,
        "matrix": partner_map.matrix_figure(partner_map.sector_matrix(partners, ties), lang),
    }


def _snapshot_rows(ctx, network: str, measure: str, subject: str | None = None) -> pd.DataFrame:
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    if snaps.empty:
        return snaps
    return queries.select_snapshots(snaps, measure=measure, subject=subject, network=network)


def trend(ctx, network: str, subject: str, lang: str) -> go.Figure:
    """The figure over time of one subject of measure "network", with its road to 2028."""
    rows = _snapshot_rows(ctx, network, "network", subject)
    if rows.empty:
        return partner_map.figure_over_time(rows, subject, lang)
    return partner_map.figure_over_time(
        rows[["wave", "reference_date", "value", "suppressed"]],
        subject,
        lang,
        road=road(ctx.framework, rows, "network", subject, network),
        title=t(f"pn_fig_{subject}", lang),
    )


def figures_table(ctx, query: dict, lang: str) -> pd.DataFrame:
    """The figures of one relational wave (the network's latest by default) with their change
    since the previous wave, the 2028 target and the status; a suppressed trust or value says
    'too few respondents', never a number."""
    network = query.get("network")
    columns = [t("pn_figure", lang), t("pn_value", lang), t("pn_change", lang)]
    columns += [t("target", lang), t("status", lang)]
    if not network or network == "ALL":
        return pd.DataFrame(columns=columns)
    rows = _snapshot_rows(ctx, network, "network")
    if rows.empty:
        return pd.DataFrame(columns=columns)
    data_waves = queries.waves(rows, partner_network=True)
    wave = query.get("wave") if query.get("wave") in data_waves else data_waves[-1]
    rows = rows.loc[rows["wave"] == wave].set_index("subject")
    records = []
    for subject in SUBJECTS:
        if subject not in rows.index:
            continue
        row = rows.loc[subject]
        suppressed = bool(row["suppressed"])
        status = row["status"]
        records.append(
            [
                t(f"pn_fig_{subject}", lang),
                t("too_few", lang)
                if suppressed
                else format_value(subject, row["value"], decimal_comma=lang == "nl"),
                t("too_few", lang)
                if suppressed
                else format_change(subject, row["difference"], lang, decimal_comma=lang == "nl"),
                format_value(subject, row["target"], decimal_comma=lang == "nl"),
                t(f"status_{status}", lang) if isinstance(status, str) and not suppressed else "–",
            ]
        )
    return pd.DataFrame(records, columns=columns)


def _reported_by(by_a: bool, by_b: bool, a_name: str, b_name: str, lang: str) -> str:
    if by_a and by_b:
        return t("pn_both", lang)
    return a_name if by_a else b_name


def ties_table(ctx, query: dict, lang: str) -> pd.DataFrame:
    """Every tie of the network in one relational wave (the latest by default): the two
    organisations with their sectors, how often they work together, who reported it and whether
    an agreement covers it. No trust or value per tie."""
    columns = [
        t("pn_organisation_a", lang),
        t("pn_sector_a", lang),
        t("pn_organisation_b", lang),
        t("pn_sector_b", lang),
        t("pn_frequency", lang),
        t("pn_reported_by", lang),
        t("pn_has_agreement", lang),
    ]
    network = query.get("network")
    if not network or network == "ALL":
        return pd.DataFrame(columns=columns)
    data = queries.partner_network(ctx.engine, ctx.consortium_id, network)
    wave = resolve_wave(data, query.get("wave"))
    if wave is None:
        return pd.DataFrame(columns=columns)
    names, sectors = _names(data), _sectors(data)
    covered = _agreements_in_force(data, wave)
    records = []
    for tie in _wave_ties(data, wave).itertuples(index=False):
        a, b = names.get(tie.a, tie.a), names.get(tie.b, tie.b)
        records.append(
            [
                a,
                partner_map.sector_label(sectors.get(tie.a), lang),
                b,
                partner_map.sector_label(sectors.get(tie.b), lang),
                t(f"pn_freq_{tie.frequency}", lang),
                _reported_by(tie.by_a, tie.by_b, a, b, lang),
                t("pn_yes" if partner_map.pair(tie.a, tie.b) in covered else "pn_no", lang),
            ]
        )
    return pd.DataFrame(records, columns=columns)


def agreements_table(data: dict, lang: str, partner: str | None = None) -> pd.DataFrame:
    """The network's agreements (or those one partner takes part in): topic, partners, since,
    next evaluation, description."""
    names = _names(data)
    members = data["agreement_partners"]
    records = []
    for agreement in data["agreements"].itertuples(index=False):
        codes = members.loc[members["agreement_id"] == agreement.id, "partner"].tolist()
        if partner is not None and partner not in codes:
            continue
        records.append(
            {
                t("pn_topic", lang): _topic(agreement.topic, lang),
                t("pn_partners", lang): ", ".join(sorted(names.get(c, c) for c in codes)),
                t("pn_since", lang): _date(agreement.since),
                t("pn_next_evaluation", lang): _date(agreement.next_evaluation),
                t("pn_description", lang): agreement.description,
            }
        )
    return pd.DataFrame(records)


def received(ctx, network: str, wave: str, partner: str, kind: str, lang: str) -> html.Span:
    """One organisation's received trust or value: the mean with its number of raters, or 'too
    few raters' when the snapshot is suppressed — never a figure of a suppressed row."""
    rows = _snapshot_rows(ctx, network, f"partner_{kind}", partner)
    rows = rows.loc[rows["wave"] == wave] if len(rows) else rows
    if rows.empty:
        return html.Span(t("pn_no_ratings", lang), className="text-muted")
    row = rows.iloc[0]
    if bool(row["suppressed"]):
        return html.Span(t("pn_too_few_raters", lang), className="text-muted fst-italic too-few")
    mean = row["mean"] if not is_missing(row["mean"]) else row["value"]
    if is_missing(mean):
        return html.Span(t("pn_no_ratings", lang), className="text-muted")
    raters = "" if is_missing(row["n"]) else f" ({t('pn_raters', lang, n=int(row['n']))})"
    return html.Span(f"{format_number(float(mean), 2, lang)}{raters}")


def organisation_view(
    ctx, network: str, wave: str | None, partner: str | None, lang: str
) -> html.Div | html.P:
    """An organisation's own view in one wave: received trust and value, its ties (partner,
    sector, frequency, reported by whom, agreement), the partners it has no tie with and the
    agreements it takes part in."""
    if not partner:
        return html.P(t("pn_org_choose", lang), className="text-muted")
    data = queries.partner_network(ctx.engine, ctx.consortium_id, network)
    names, sectors = _names(data), _sectors(data)
    wave = resolve_wave(data, wave)
    if partner not in names or wave is None:
        return html.P(t("pn_org_choose", lang), className="text-muted")
    name = names[partner]
    on_list = listed(data, wave)
    if partner not in set(on_list["partner"]):
        body = [
            html.P(t("pn_org_not_listed", lang, name=name, wave=wave), id="partners-org-absent")
        ]
    else:
        covered = _agreements_in_force(data, wave)
        ties = _wave_ties(data, wave)
        ties = ties.loc[(ties["a"] == partner) | (ties["b"] == partner)]
        records = []
        for tie in ties.itertuples(index=False):
            other = tie.b if tie.a == partner else tie.a
            by_self, by_other = (tie.by_a, tie.by_b) if tie.a == partner else (tie.by_b, tie.by_a)
            records.append(
                {
                    t("pn_partner", lang): names.get(other, other),
                    t("pn_sector", lang): partner_map.sector_label(sectors.get(other), lang),
                    t("pn_frequency", lang): t(f"pn_freq_{tie.frequency}", lang),
                    t("pn_reported_by", lang): _reported_by(
                        by_self, by_other, name, names.get(other, other), lang
                    ),
                    t("pn_has_agreement", lang): t(
                        "pn_yes" if partner_map.pair(tie.a, tie.b) in covered else "pn_no", lang
                    ),
                }
            )
        tied = {tie.b if tie.a == partner else tie.a for tie in ties.itertuples(index=False)}
        untied = on_list.loc[~on_list["partner"].isin(tied | {partner})].sort_values("name")
        frame = pd.DataFrame(records)
        if len(frame):
            frame = frame.sort_values(t("pn_partner", lang))
        body = [
            html.H4(t("pn_org_ties", lang, wave=wave), className="h6 mt-3"),
            table(frame, "partners-org-ties", lang)
            if len(frame)
            else html.P(t("pn_org_no_ties", lang), id="partners-org-ties-none"),
            html.H4(t("pn_org_no_tie_with", lang), className="h6 mt-3"),
            html.P(
                ", ".join(
                    f"{r.name} ({partner_map.sector_label(r.sector, lang)})"
                    for r in untied.itertuples(index=False)
                )
                if len(untied)
                else t("pn_org_all_tied", lang),
                id="partners-org-untied",
            ),
        ]
    agreements = agreements_table(data, lang, partner)
    return html.Div(
        [
            html.H4(name, className="h6"),
            html.Div(
                [
                    html.Strong(t("pn_received", lang) + ": "),
                    html.Span(t("pn_received_trust", lang) + " "),
                    html.Span(
                        received(ctx, network, wave, partner, "trust", lang),
                        id="partners-received-trust",
                    ),
                    html.Span(" · " + t("pn_received_value", lang) + " "),
                    html.Span(
                        received(ctx, network, wave, partner, "value", lang),
                        id="partners-received-value",
                    ),
                ],
                className="mb-2",
            ),
            *body,
            html.H4(t("pn_org_agreements", lang), className="h6 mt-3"),
            table(agreements, "partners-org-agreements", lang)
            if len(agreements)
            else html.P(t("pn_org_no_agreements", lang)),
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
        Input(NETWORK, "value"),
        State("page-lang", "data"),
    )
    def _network(network, lang):
        lang = language(lang)
        store = {"network": network, "waves": []}
        if not network or network == "ALL":
            empty = empty_state(t("pn_choose_network", lang), "partners-choose-network")
            return 0, 0, {}, 0, True, store, empty, [], None, ""
        c = context()
        data = queries.partner_network(c.engine, c.consortium_id, network)
        codes = _wave_codes(data)
        store["waves"] = codes
        agreements = agreements_table(data, lang)
        listing = (
            table(agreements, "partners-agreements-table", lang)
            if len(agreements)
            else empty_state(t("pn_no_agreements", lang), "partners-agreements-none")
        )
        if not codes:
            empty = empty_state(t("pn_no_data", lang), "partners-no-data")
            return 0, 0, {}, 0, True, store, empty, _partner_options(data, lang), None, listing
        marks = {i: {"label": code} for i, code in enumerate(codes)}
        last = len(codes) - 1
        options = _partner_options(data, lang)
        return 0, last, marks, last, len(codes) < 2, store, "", options, None, listing

    @app.callback(
        Output("partners-map", "elements"),
        Output("partners-map", "stylesheet"),
        Output("partners-summary", "children"),
        Output("partners-matrix", "figure"),
        Input("partners-wave", "value"),
        Input("partners-highlight", "value"),
        Input("partners-waves", "data"),
        State(NETWORK, "value"),
        State("page-lang", "data"),
    )
    def _map(index, highlight, store, network, lang):
        lang = language(lang)
        wave = _chosen_wave(store, index, network)
        if not network or network == "ALL" or wave is None:
            empty = partner_map.matrix_figure(pd.DataFrame(), lang)
            return [], partner_map.map_stylesheet(), "", empty
        view = map_view(context(), network, wave, lang, highlight_new="new" in (highlight or []))
        return view["elements"], view["stylesheet"], view["summary"], view["matrix"]

    @app.callback(
        Output("partners-trend", "figure"),
        Output("partners-figures", "children"),
        Input("partners-subject", "value"),
        Input("partners-wave", "value"),
        Input("partners-waves", "data"),
        State(NETWORK, "value"),
        State("page-lang", "data"),
    )
    def _figures(subject, index, store, network, lang):
        lang = language(lang)
        wave = _chosen_wave(store, index, network)
        if not network or network == "ALL" or subject not in SUBJECTS:
            return partner_map.figure_over_time(pd.DataFrame(), "density", lang), ""
        frame = figures_table(context(), {"network": network, "wave": wave}, lang)
        listing = (
            table(frame, "partners-figures-table", lang)
            if len(frame)
            else empty_state(t("pn_no_wave_data", lang), "partners-figures-empty")
        )
        return trend(context(), network, subject, lang), listing

    @app.callback(
        Output("partners-org-view", "children"),
        Input("partners-org", "value"),
        Input("partners-wave", "value"),
        Input("partners-waves", "data"),
        State(NETWORK, "value"),
        State("page-lang", "data"),
    )
    def _organisation(partner, index, store, network, lang):
        lang = language(lang)
        wave = _chosen_wave(store, index, network)
        if not network or network == "ALL":
            return ""
        return organisation_view(context(), network, wave, partner, lang)

    @app.callback(
        Output("partners-hover", "children"),
        Input("partners-map", "mouseoverNodeData"),
        State(NETWORK, "value"),
        State("page-lang", "data"),
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
