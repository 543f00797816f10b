"""Overzicht: every network at a glance (issue 2's first page; issue 5 builds the full one)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from flask import current_app

from dashboard import queries
from dashboard.i18n import language, t


def layout(lang: str | None = None, **_query) -> html.Div:
    lang = language(lang)
    ctx = current_app.config["MONITOR_CONTEXT"]
    networks = queries.networks(ctx.engine, ctx.consortium_id)
    counts = queries.responses_per_wave(ctx.engine, ctx.consortium_id)
    index = queries.latest_index(ctx.engine, ctx.consortium_id)
    other = "en" if lang == "nl" else "nl"
    header = html.Div(
        [
            html.H1(t("app_title", lang), className="h3"),
            html.A(
                t("language", lang),
                href=f"/?lang={other}",
                id="language-switch",
                className="ms-auto",
            ),
        ],
        className="d-flex align-items-center mb-2",
    )
    if counts.empty:
        body = dbc.Alert(t("no_data", lang), color="info", id="empty-state")
    else:
        body = overview_table(networks, counts, index, lang)
    return html.Div(
        [
            header,
            html.H2(t("overview", lang), className="h4"),
            html.P(t("overview_intro", lang)),
            body,
            html.P(t("index_help", lang), className="text-muted small"),
        ]
    )


def overview_table(networks, counts, index, lang: str) -> dbc.Table:
    waves = counts.sort_values("reference_date")["wave"].drop_duplicates().tolist()
    per_wave = counts.pivot_table(
        index="network", columns="wave", values="responses", aggfunc="sum"
    )
    latest = counts.groupby("network")["latest"].max()
    head = html.Thead(
        html.Tr(
            [html.Th(t("network", lang))]
            + [html.Th(t("responses_wave", lang, wave=w)) for w in waves]
            + [html.Th(t("index_latest", lang)), html.Th(t("latest_data", lang))]
        )
    )
    rows = []
    for code, name in networks.itertuples(index=False):
        cells = [html.Td(name)]
        cells += [html.Td(_count(per_wave, code, w)) for w in waves]
        cells.append(html.Td(_index_cell(index, code, lang)))
        cells.append(html.Td(f"{latest[code]:%d-%m-%Y}" if code in latest else "–"))
        rows.append(html.Tr(cells, id=f"network-{code}"))
    totals = [html.Td(html.Strong(t("consortium", lang)))]
    totals += [html.Td(int(per_wave[w].sum())) for w in waves]
    totals += [html.Td(_index_cell(index, "ALL", lang)), html.Td(f"{latest.max():%d-%m-%Y}")]
    rows.append(html.Tr(totals, id="network-ALL"))
    return dbc.Table(
        [head, html.Tbody(rows)], bordered=False, hover=True, responsive=True, id="overview-table"
    )


def _count(per_wave, code: str, wave: str) -> str:
    if code not in per_wave.index or wave not in per_wave.columns:
        return "0"
    value = per_wave.at[code, wave]
    return "0" if value != value else str(int(value))


def _index_cell(index, code: str, lang: str):
    if index.empty or code not in index.index:
        return "–"
    row = index.loc[code]
    if row["suppressed"]:
        return html.Span(t("too_few", lang), className="text-muted fst-italic")
    return f"{row['score_100']:.1f} ({row['wave']})"
