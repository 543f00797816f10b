"""Kwaliteit: response rates, Cronbach's alpha per theme, the hidden figures per network (small
cells and the complement rule), and data freshness per network and per source (collector runs)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html

from charts import figures
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
from dashboard.pages.common import context, network_names, records, subject_labels, valid
from samenwerkingsmonitor import clock

PATH = "/kwaliteit"
TITLE = "quality"
# Response rates and reliability of every network side by side: the roles that read everything.
ROLES = ("beheerder", "rapporteur")
PAGE = "quality"


def layout(lang: str | None = None, wave: str | None = None, **_):
    lang = language(lang)
    ctx = context()
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    header = [html.H2(t("quality", lang), className="h4"), html.P(t("quality_intro", lang))]
    if not queries.waves(snaps):  # no questionnaire figures yet
        return html.Div([*header, empty_state(t("no_data", lang)), *_freshness_cards(lang)])
    waves = queries.waves(snaps)
    wave = valid(wave, waves, waves[-1])
    return html.Div(
        [
            *header,
            dcc.Store(id="page-lang", data=lang),
            query_store(PAGE, {"wave": wave, "lang": lang}),
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label(t("wave", lang), html_for="quality-wave"),
                        dcc.Dropdown(
                            id="quality-wave",
                            options=[{"label": w, "value": w} for w in waves],
                            value=wave,
                            clearable=False,
                        ),
                    ],
                    xs=12,
                    md=3,
                ),
                className="mb-3",
            ),
            card(
                t("rates_title", lang),
                [download_buttons("response_rates", lang), html.Div(id="quality-rates")],
                t("rates_help", lang),
            ),
            card(
                t("alpha_title", lang),
                [download_buttons("alpha", lang), graph("quality-alpha", "cronbach-alpha")],
                t("alpha_help", lang),
            ),
            card(
                t("suppression_title", lang),
                [
                    html.P(
                        t(
                            "suppression_rule",
                            lang,
                            threshold=ctx.framework.settings.suppression_threshold,
                        )
                    ),
                    html.P(t("suppression_example", lang)),
                    download_buttons("suppression", lang),
                    html.Div(id="quality-suppression"),
                ],
                t("suppression_help", lang),
            ),
            *_freshness_cards(lang),
        ]
    )


def _freshness_cards(lang: str) -> list:
    return [
        card(
            t("freshness_title", lang),
            [
                download_buttons("freshness", lang),
                html.Div(id="quality-freshness"),
                html.Div(id="quality-sources"),
            ],
            t("freshness_help", lang),
        )
    ]


def rates_frame(ctx, query: dict, lang: str) -> pd.DataFrame:
    """Networks × waves: responses and the response rate (suppressed counts say so)."""
    columns, rows = _rates(ctx, lang)
    return pd.DataFrame(rows, columns=columns)


def _rates(ctx, lang: str) -> tuple[tuple[str, ...], tuple]:
    """The rates table's header and rows, worked out once per snapshot version and language: the
    table holds every wave, so it is the same whichever wave the page shows."""
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)

    def build() -> tuple[tuple[str, ...], tuple]:
        rates = queries.select_snapshots(snaps, measure="response_rate")
        columns = ["network", "wave", "suppressed", "n", "value"]
        cells = {(r["network"], r["wave"]): _rate_cell(r, lang) for r in records(rates, columns)}
        waves = queries.waves(snaps)
        rows = tuple(
            (name, *(cells.get((code, w), "–") for w in waves))
            for code, name in network_names(ctx.framework, lang).items()
        )
        return (t("network", lang), *waves), rows

    return queries.memo(snaps, ("quality-rates", id(ctx.framework), lang), build)


def _rate_cell(rate: dict, lang: str) -> str:
    if rate["suppressed"]:
        return t("too_few", lang)
    if pd.isna(rate["value"]):
        return f"{int(rate['n'])} ({t('invited_unknown', lang)})"
    return f"{int(rate['n'])} ({rate['value'] * 100:.0f}%)"


def _wave(snaps: pd.DataFrame, query: dict) -> str | None:
    waves = queries.waves(snaps)
    return valid(query.get("wave"), waves, waves[-1] if waves else None)


def _alpha_cells(snaps: pd.DataFrame, wave: str | None) -> pd.DataFrame:
    """The wave's alpha per network (row) × theme (column), as the heatmap reads it; selected
    once per snapshot version and wave (a select takes rows of some thirty columns)."""

    def build() -> pd.DataFrame:
        rows = queries.select_snapshots(snaps, measure="alpha", wave=wave)
        return pd.DataFrame(
            {
                "row": rows["network"],
                "column": rows["subject"],
                "value": rows["value"],
                "suppressed": rows["suppressed"],
            }
        )

    return queries.memo(snaps, ("quality-alpha", wave), build)


def alpha_frame(ctx, query: dict, lang: str) -> pd.DataFrame:
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    rows = _alpha_cells(snaps, _wave(snaps, query))
    # A dict of the wave's cells: `.loc` per network × theme cost more than the page's figures.
    cells = {
        (row["row"], row["column"]): row
        for row in records(rows, ["row", "column", "suppressed", "value"])
    }
    names = network_names(ctx.framework, lang)
    themes = subject_labels(ctx.framework, "theme", lang)
    shown = []
    for code, name in names.items():
        record = {t("network", lang): name}
        for theme, label in themes.items():
            row = cells.get((code, theme))
            if row is None:
                record[label] = "–"
                continue
            record[label] = t("too_few", lang) if row["suppressed"] else round(row["value"], 2)
        shown.append(record)
    return pd.DataFrame(shown)


def suppression_frame(ctx, query: dict, lang: str) -> pd.DataFrame:
    """Networks: how many questionnaire figures of the wave are shown, hidden under the threshold
    and hidden by the complement rule only (measures.md, Suppression). Counts of figures, not of
    respondents: they say where the rule bites, not how small a group is."""
    return pd.DataFrame(_suppression_columns(ctx, query, lang))


def _suppression_columns(ctx, query: dict, lang: str) -> dict[str, list]:
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    counts = _suppression_counts(snaps, _wave(snaps, query))
    columns = {
        "shown": "supp_shown",
        "threshold": "supp_threshold",
        "complement": "supp_complement",
    }
    names = network_names(ctx.framework, lang)
    return {
        t("network", lang): list(names.values()),
        **{
            t(label, lang): [counts.get((code, key), 0) for code in names]
            for key, label in columns.items()
        },
    }


def _suppression_counts(snaps: pd.DataFrame, wave: str | None) -> Mapping[tuple[str, str], int]:
    """(network, shown | threshold | complement) → figures of the wave, counted once per
    snapshot version and wave: the wave's rows of every group are a tenth of all snapshots."""

    def build() -> Mapping[tuple[str, str], int]:
        rows = queries.select_snapshots(snaps, wave=wave, group=None)
        # A suppressed row always has a reason; should one lack it, count it with the plain
        # threshold rather than as shown.
        reason = rows["suppressed_reason"].where(rows["suppressed"], "shown").fillna("threshold")
        # Object arrays: iterating pandas' str columns value by value is four times slower.
        counts = Counter(zip(rows["network"].to_numpy(object), reason.to_numpy(object)))
        return MappingProxyType(counts)  # kept for every reader: read-only

    return queries.memo(snaps, ("quality-suppression", wave), build)


def freshness_frame(ctx, query: dict, lang: str, *, today: date | None = None) -> pd.DataFrame:
    return pd.DataFrame(_freshness_columns(ctx, lang, today))


def _freshness_columns(ctx, lang: str, today: date | None = None) -> dict[str, list]:
    today = today or clock.today()
    responses = queries.latest_responses(ctx.engine, ctx.consortium_id)
    updates = queries.latest_status_updates(ctx.engine, ctx.consortium_id)
    names = network_names(ctx.framework, lang, consortium=False)

    def when(value) -> str:
        if value is None:
            return "–"
        value = clock.local(value)  # stored in UTC
        days = (today - value.date()).days
        return f"{value:%d-%m-%Y} ({t('days_ago', lang, days=days)})"

    return {
        t("network", lang): list(names.values()),
        t("latest_response", lang): [when(responses.get(c)) for c in names],
        t("latest_update", lang): [when(updates.get(c)) for c in names],
    }


def _sources_columns(ctx, lang: str) -> dict[str, list]:
    runs = queries.collector_runs(ctx.engine)
    words = {"ok": "run_ok", "failed": "run_failed", "running": "run_running"}
    return {
        t("source", lang): runs["source"].tolist(),
        t("last_run", lang): [_date(v) for v in runs["last_run"]],
        t("last_ok", lang): [_date(v) for v in runs["last_ok"]],
        t("run_status", lang): [
            t(words[s], lang) if s in words else str(s) for s in runs["status"]
        ],
        t("runs", lang): runs["runs"].tolist(),
    }


def _date(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{clock.local(value):%d-%m-%Y %H:%M}"


def _table(columns: dict[str, list], element_id: str, lang: str):
    """A table of named columns (lists of display values), without a DataFrame in between."""
    return table_of(list(columns), zip(*columns.values()), element_id, lang)


TABLES = {
    "response_rates": rates_frame,
    "alpha": alpha_frame,
    "suppression": suppression_frame,
    "freshness": freshness_frame,
}


def render(ctx, inputs: dict) -> dict:
    """The main callback as a plain function: (wave, lang) → outputs."""
    lang = language(inputs.get("lang"))
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    wave = _wave(snaps, inputs)
    alpha = figures.heatmap_figure(
        _alpha_cells(snaps, wave),
        network_names(ctx.framework, lang),
        subject_labels(ctx.framework, "theme", lang),
        lang,
        value="value",
        zrange=(0, 1),
        number_format="{:.2f}",
    )
    sources = _sources_columns(ctx, lang)
    # The tables' cells are kept per snapshot version (read-only); the components are built on
    # every call, so no answer shares one that Dash or a later callback could change.
    suppression = _suppression_columns(ctx, {"wave": wave}, lang)
    return {
        "rates": table_of(*_rates(ctx, lang), "quality-rates-table", lang),
        "alpha": alpha,
        "suppression": _table(suppression, "quality-suppression-table", lang),
        "freshness": _table(_freshness_columns(ctx, lang), "quality-freshness-table", lang),
        "sources": _table(sources, "quality-sources-table", lang)
        if sources[t("source", lang)]
        else empty_state(t("no_runs", lang), "quality-no-runs"),
        "query": {"wave": wave, "lang": lang},
    }


def register_callbacks(app) -> None:
    @app.callback(
        Output("quality-rates", "children"),
        Output("quality-alpha", "figure"),
        Output("quality-suppression", "children"),
        Output("quality-freshness", "children"),
        Output("quality-sources", "children"),
        Output({"type": "query", "page": PAGE}, "data"),
        Input("quality-wave", "value"),
        State("page-lang", "data"),
    )
    def _update(wave, lang):
        out = render(context(), {"wave": wave, "lang": lang})
        return (
            out["rates"],
            out["alpha"],
            out["suppression"],
            out["freshness"],
            out["sources"],
            out["query"],
        )
