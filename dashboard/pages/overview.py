"""Overzicht: every network at a glance — the index and its status on the road to 2028, a
network × theme heatmap, and what changed since the last wave and since last month."""

from __future__ import annotations

from datetime import date, timedelta

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html

from charts import figures
from charts.style import empty_figure
from dashboard import queries
from dashboard.components import (
    card,
    download_buttons,
    empty_state,
    explanation,
    fmt_number,
    graph,
    query_store,
    too_few,
)
from dashboard.i18n import language, t
from dashboard.pages.common import context, network_names, records, subject_labels, valid
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.numbers import format_points
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

PATH = "/"
TITLE = "overview"
PAGE = "overview"
HEATMAP_MEASURES = ("theme", "vision_element", "ambition", "speerpunt")
MAX_CHANGES = 8  # the largest significant changes; a steering group reads this in two minutes

# Bootstrap's colours, never colour alone: the badge also says the status in words.
STATUS_COLOURS = {
    "bereikt": "success",
    "op_koers": "primary",
    "aandacht": "warning",
    "achter": "danger",
}


def layout(lang: str | None = None, wave: str | None = None, measure: str | None = None, **_):
    lang = language(lang)
    ctx = context()
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    header = [html.H2(t("overview", lang), className="h4"), html.P(t("overview_intro", lang))]
    if not queries.waves(snaps):  # no questionnaire figures yet
        return html.Div([*header, empty_state(t("no_data", lang))])
    waves = queries.waves(snaps)
    wave = valid(wave, waves, waves[-1])
    measure = valid(measure, HEATMAP_MEASURES, "theme")
    # The first view comes with the layout: one round trip on opening instead of two, graphs drawn
    # once instead of empty first (issue 18). The callback answers a changed filter.
    view = render(ctx, {"wave": wave, "measure": measure, "lang": lang})
    return html.Div(
        [
            *header,
            dcc.Store(id="page-lang", data=lang),
            query_store(PAGE, view["query"]),
            _filters(waves, wave, measure, lang),
            *_cards(lang, view),
        ]
    )


def _cards(lang: str, view: dict) -> list:
    """The overview's cards (networks at a glance, what changed, road, heatmap) showing `view`."""
    road = graph("overview-road", "index-road-2028", figure=view["road"])
    heatmap = graph("overview-heatmap", "network-theme-heatmap", figure=view["heatmap"])
    return [
        dbc.Row(
            [
                dbc.Col(
                    card(
                        t("networks_at_a_glance", lang),
                        [
                            download_buttons("overview", lang),
                            dcc.Loading(html.Div(view["body"], id="overview-body")),
                            explanation(t("index_help", lang)),
                        ],
                    ),
                    xs=12,
                    xl=7,
                ),
                dbc.Col(
                    card(
                        t("what_changed", lang),
                        [html.Div(view["changes"], id="overview-changes")],
                        t("what_changed_help", lang),
                    ),
                    xs=12,
                    xl=5,
                ),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    card(
                        t("road_title", lang),
                        [road],
                        t("road_help", lang),
                    ),
                    xs=12,
                    lg=5,
                ),
                dbc.Col(
                    card(
                        t("heatmap_title", lang),
                        [heatmap],
                        t("heatmap_help", lang),
                    ),
                    xs=12,
                    lg=7,
                ),
            ]
        ),
    ]


def _filters(waves: list[str], wave: str, measure: str, lang: str):
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("wave", lang), html_for="overview-wave"),
                    dcc.Dropdown(
                        id="overview-wave",
                        options=[{"label": w, "value": w} for w in waves],
                        value=wave,
                        clearable=False,
                    ),
                ],
                xs=12,
                md=3,
            ),
            dbc.Col(
                [
                    dbc.Label(t("heatmap_measure", lang), html_for="overview-measure"),
                    dbc.RadioItems(
                        id="overview-measure",
                        options=[
                            {"label": t(f"measure_{m}", lang), "value": m} for m in HEATMAP_MEASURES
                        ],
                        value=measure,
                        inline=True,
                    ),
                ],
                xs=12,
                md=6,
            ),
        ],
        className="mb-3 g-2",
    )


def render(ctx, inputs: dict) -> dict:
    """The page's main callback as a plain function: filters in, every output out."""
    lang = language(inputs.get("lang"))
    wave, measure = inputs["wave"], inputs["measure"]
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    names = network_names(ctx.framework, lang)
    # No wave chosen (None is "any wave" to select_snapshots) is a wave without figures.
    if wave is None or not queries.wave_has_snapshots(snaps, wave):
        message = t("empty_wave", lang)
        return {
            "body": empty_state(message),
            "heatmap": empty_figure(message),
            "road": empty_figure(message),
            "changes": html.P(message),
            "query": {"wave": wave, "measure": measure, "lang": lang},
        }
    body = overview_table(ctx, snaps, wave, lang)
    labels = subject_labels(ctx.framework, measure, lang)
    cells = queries.select_snapshots(snaps, measure=measure, wave=wave)
    heat = cells[["network", "subject", "score_100", "suppressed"]].rename(
        columns={"network": "row", "subject": "column"}
    )
    heatmap = figures.heatmap_figure(heat, names, labels, lang)
    index = queries.select_snapshots(snaps, measure="index", subject="index", wave=wave)
    road = figures.index_road_figure(
        index[["network", "score_100", "expected", "target", "status", "suppressed"]], names, lang
    )
    return {
        "body": body,
        "heatmap": heatmap,
        "road": road,
        "changes": changes(ctx, snaps, wave, lang, today=clock.today()),
        "query": {"wave": wave, "measure": measure, "lang": lang},
    }


def register_callbacks(app) -> None:
    @app.callback(
        Output("overview-body", "children"),
        Output("overview-heatmap", "figure"),
        Output("overview-road", "figure"),
        Output("overview-changes", "children"),
        Output({"type": "query", "page": PAGE}, "data"),
        Input("overview-wave", "value"),
        Input("overview-measure", "value"),
        State("page-lang", "data"),
        prevent_initial_call=True,  # the layout brings the first view
    )
    def _update(wave, measure, lang):
        out = render(context(), {"wave": wave, "measure": measure, "lang": lang})
        return out["body"], out["heatmap"], out["road"], out["changes"], out["query"]


def overview_frame(ctx, query: dict, lang: str) -> pd.DataFrame:
    """The overview table as display values (suppressed cells say so), for display and download."""
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    if not queries.waves(snaps):  # no questionnaire figures yet
        return pd.DataFrame()
    waves = queries.waves(snaps)
    wave = valid(query.get("wave"), waves, waves[-1])
    names = network_names(ctx.framework, lang)
    rates = queries.select_snapshots(snaps, measure="response_rate")
    cells = rates[["network", "wave", "suppressed", "n"]].itertuples()
    counts = {(r.network, r.wave): t("too_few", lang) if r.suppressed else int(r.n) for r in cells}
    index = queries.select_snapshots(snaps, measure="index", subject="index", wave=wave)
    wanted = ["network", "suppressed", "score_100", "status", "previous_wave", "difference"]
    index = {cell["network"]: cell for cell in records(index, [*wanted, "significant"])}
    latest = queries.latest_responses(ctx.engine, ctx.consortium_id)
    rows = []
    for code, name in names.items():
        row = {t("network", lang): name}
        for w in waves:
            row[t("responses_wave", lang, wave=w)] = counts.get((code, w), 0)
        if code in index:
            cell = index[code]
            shown = not cell["suppressed"]
            row[t("index_wave", lang, wave=wave)] = (
                fmt_number(cell["score_100"], 1, lang) if shown else t("too_few", lang)
            )
            row[t("status", lang)] = (
                t(f"status_{cell['status']}", lang)
                if shown and isinstance(cell["status"], str)
                else ""
            )
            row[t("change_previous", lang)] = (
                _change_text(cell, lang) if shown else t("too_few", lang)
            )
        else:
            row[t("index_wave", lang, wave=wave)] = "–"
            row[t("status", lang)] = ""
            row[t("change_previous", lang)] = ""
        when = max(latest.values()) if code == ALL_NETWORKS and latest else latest.get(code)
        row[t("latest_data", lang)] = f"{clock.local(when):%d-%m-%Y}" if when is not None else "–"
        rows.append(row)
    return pd.DataFrame(rows)


TABLES = {"overview": overview_frame}


def overview_table(ctx, snaps: pd.DataFrame, wave: str, lang: str) -> dbc.Table:
    frame = overview_frame(ctx, {"wave": wave}, lang)
    codes = list(network_names(ctx.framework, lang))
    marker = t("too_few", lang)
    status_column = t("status", lang)
    statuses = queries.select_snapshots(snaps, measure="index", subject="index", wave=wave)
    status_of = dict(zip(statuses["network"], statuses["status"]))
    head = html.Thead(html.Tr([html.Th(c) for c in frame.columns]))
    rows = []
    for code, values in zip(codes, records(frame, list(frame.columns))):
        cells = []
        for column, value in values.items():
            if value == marker:
                cells.append(html.Td(too_few(lang)))
            elif column == status_column and value:
                status = status_of.get(code)
                cells.append(
                    html.Td(
                        dbc.Badge(
                            value,
                            color=STATUS_COLOURS.get(status, "secondary"),
                            id=f"status-{code}",
                        )
                    )
                )
            elif column == frame.columns[0] and code == ALL_NETWORKS:
                cells.append(html.Td(html.Strong(value)))
            else:
                cells.append(html.Td(str(value)))
        rows.append(html.Tr(cells, id=f"network-{code}"))
    return dbc.Table(
        [head, html.Tbody(rows)], bordered=False, hover=True, responsive=True, id="overview-table"
    )


def _change_text(cell, lang: str) -> str:
    """The index's change in signed points with words: "+4,7 punten t.o.v. 2025"."""
    if not isinstance(cell["previous_wave"], str) or pd.isna(cell["difference"]):
        return "–"
    since = t("since", lang, wave=cell["previous_wave"])
    marked = f" ({t('significant', lang)})" if cell["significant"] else ""
    return f"{format_points(cell['difference'], lang)} {since}{marked}"


def changes(ctx, snaps: pd.DataFrame, wave: str, lang: str, *, today: date) -> html.Div:
    """Since the last wave: significant changes; since last month: new data, projects that got
    stuck or went quiet."""
    names = network_names(ctx.framework, lang)
    labels = {
        **subject_labels(ctx.framework, "theme", lang),
        **subject_labels(ctx.framework, "index", lang),
    }
    moved = queries.select_snapshots(snaps, measure=["index", "theme"], wave=wave)
    moved = moved.loc[
        (moved["significant"] == True)  # noqa: E712 (a nullable column)
        & ~moved["suppressed"]
    ]
    # Themes change on the 1–5 scale; shown in points on 0–100 like the index (× 25).
    moved = moved.assign(
        points=moved["difference"] * moved["measure"].map({"index": 1.0}).fillna(25.0)
    )
    moved = moved.reindex(moved["points"].abs().sort_values(ascending=False).index)
    hidden = max(0, len(moved) - MAX_CHANGES)
    moved = moved.head(MAX_CHANGES)
    wave_items = [
        html.Li(
            [
                html.Strong(names.get(r["network"], r["network"])),
                f" — {labels.get(r['subject'], r['subject'])}: ",
                html.Span(
                    format_points(r["points"], lang),
                    className="text-success" if r["points"] > 0 else "text-danger",
                ),
                f" {t('since', lang, wave=r['previous_wave'])}",
            ]
        )
        for r in records(moved, ["network", "subject", "points", "previous_wave"])
    ]
    if hidden:
        wave_items.append(html.Li(t("more_changes", lang, count=hidden), className="text-muted"))
    month_ago = today - timedelta(days=31)
    latest = queries.latest_responses(ctx.engine, ctx.consortium_id)
    new_data = [
        names.get(c, c)
        for c, when in latest.items()
        if when and clock.local(when).date() >= month_ago
    ]
    updates = queries.status_updates(ctx.engine, ctx.consortium_id)
    month_items = []
    if new_data:
        month_items.append(html.Li(t("new_data_in", lang, networks=", ".join(sorted(new_data)))))
    if not updates.empty:
        engine, consortium_id = ctx.engine, ctx.consortium_id
        key, stale = ["project", "network"], ctx.framework.settings.stale_days
        now = queries.latest_statuses(engine, consortium_id, today, stale).set_index(key)
        before = queries.latest_statuses(engine, consortium_id, month_ago, stale).set_index(key)
        project_names = dict(zip(updates["project"], updates["project_name"]))
        for (project, network), row in now.iterrows():
            earlier = before.loc[(project, network)] if (project, network) in before.index else None
            label = f"{project_names.get(project, project)} ({names.get(network, network)})"
            if row["status"] == "vastgelopen" and (
                earlier is None or earlier["status"] != "vastgelopen"
            ):
                month_items.append(
                    html.Li([dbc.Badge(t("turned_red", lang), color="danger"), " ", label])
                )
            if row["stale"] and (earlier is None or not earlier["stale"]):
                month_items.append(
                    html.Li([dbc.Badge(t("turned_stale", lang), color="warning"), " ", label])
                )
    return html.Div(
        [
            html.H4(t("since_last_wave", lang), className="h6 mt-2"),
            html.Ul(wave_items, id="changes-wave")
            if wave_items
            else html.P(t("no_significant_change", lang), className="text-muted"),
            html.H4(t("since_last_month", lang), className="h6 mt-3"),
            html.Ul(month_items, id="changes-month")
            if month_items
            else html.P(t("nothing_new_month", lang), className="text-muted"),
        ]
    )
