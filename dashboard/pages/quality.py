"""Kwaliteit: response rates, Cronbach's alpha per theme, the hidden figures per network (small
cells and the complement rule), and data freshness per network and per source (collector runs)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html

from charts import figures
from dashboard import queries
from dashboard.components import card, download_buttons, empty_state, graph, query_store, table
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
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    rates = queries.select_snapshots(snaps, measure="response_rate")
    columns = ["network", "wave", "suppressed", "n", "value"]
    cells = {(r.network, r.wave): _rate_cell(r, lang) for r in rates[columns].itertuples()}
    return pd.DataFrame(
        {t("network", lang): name, **{w: cells.get((code, w), "–") for w in queries.waves(snaps)}}
        for code, name in network_names(ctx.framework, lang).items()
    )


def _rate_cell(rate, lang: str) -> str:
    if rate.suppressed:
        return t("too_few", lang)
    if pd.isna(rate.value):
        return f"{int(rate.n)} ({t('invited_unknown', lang)})"
    return f"{int(rate.n)} ({rate.value * 100:.0f}%)"


def alpha_frame(ctx, query: dict, lang: str) -> pd.DataFrame:
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    waves = queries.waves(snaps)
    wave = valid(query.get("wave"), waves, waves[-1] if waves else None)
    rows = queries.select_snapshots(snaps, measure="alpha", wave=wave)
    # A dict of the wave's cells: `.loc` per network × theme cost more than the page's figures.
    cells = {
        (row["network"], row["subject"]): row
        for row in records(rows, ["network", "subject", "suppressed", "value"])
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
    snaps = queries.snapshots(ctx.engine, ctx.consortium_id)
    waves = queries.waves(snaps)
    wave = valid(query.get("wave"), waves, waves[-1] if waves else None)
    rows = queries.select_snapshots(snaps, wave=wave, group=None)
    # A suppressed row always has a reason; should one lack it, count it with the plain threshold
    # rather than as shown.
    reason = rows["suppressed_reason"].where(rows["suppressed"], "shown").fillna("threshold")
    # Object arrays: iterating pandas' str columns value by value is four times slower.
    counts = Counter(zip(rows["network"].to_numpy(object), reason.to_numpy(object)))
    columns = {
        "shown": "supp_shown",
        "threshold": "supp_threshold",
        "complement": "supp_complement",
    }
    names = network_names(ctx.framework, lang)
    return pd.DataFrame(
        {
            t("network", lang): list(names.values()),
            **{
                t(label, lang): [counts.get((code, key), 0) for code in names]
                for key, label in columns.items()
            },
        }
    )


def freshness_frame(ctx, query: dict, lang: str, *, today: date | None = None) -> pd.DataFrame:
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

    return pd.DataFrame(
        {
            t("network", lang): list(names.values()),
            t("latest_response", lang): [when(responses.get(c)) for c in names],
            t("latest_update", lang): [when(updates.get(c)) for c in names],
        }
    )


def sources_frame(ctx, lang: str) -> pd.DataFrame:
    runs = queries.collector_runs(ctx.engine)
    words = {"ok": "run_ok", "failed": "run_failed", "running": "run_running"}
    return pd.DataFrame(
        {
            t("source", lang): runs["source"],
            t("last_run", lang): [_date(v) for v in runs["last_run"]],
            t("last_ok", lang): [_date(v) for v in runs["last_ok"]],
            t("run_status", lang): [
                t(words[s], lang) if s in words else str(s) for s in runs["status"]
            ],
            t("runs", lang): runs["runs"],
        }
    )


def _date(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{clock.local(value):%d-%m-%Y %H:%M}"


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
    waves = queries.waves(snaps)
    wave = valid(inputs.get("wave"), waves, waves[-1] if waves else None)
    rows = queries.select_snapshots(snaps, measure="alpha", wave=wave)
    alpha = figures.heatmap_figure(
        pd.DataFrame(
            {
                "row": rows["network"],
                "column": rows["subject"],
                "value": rows["value"],
                "suppressed": rows["suppressed"],
            }
        ),
        network_names(ctx.framework, lang),
        subject_labels(ctx.framework, "theme", lang),
        lang,
        value="value",
        zrange=(0, 1),
        number_format="{:.2f}",
    )
    sources = sources_frame(ctx, lang)
    return {
        "rates": table(rates_frame(ctx, inputs, lang), "quality-rates-table", lang),
        "alpha": alpha,
        "suppression": table(
            suppression_frame(ctx, inputs, lang), "quality-suppression-table", lang
        ),
        "freshness": table(freshness_frame(ctx, inputs, lang), "quality-freshness-table", lang),
        "sources": table(sources, "quality-sources-table", lang)
        if len(sources)
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
