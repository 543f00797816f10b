"""Overzicht: every network at a glance (issue 2's first page; issue 5 builds the full one)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from flask import current_app

from dashboard import queries
from dashboard.i18n import language, t

PATH = "/"
TITLE = "overview"

# Bootstrap's colours, never colour alone: the badge also says the status in words.
STATUS_COLOURS = {
    "bereikt": "success",
    "op_koers": "primary",
    "aandacht": "warning",
    "achter": "danger",
}


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
    cells = counts.set_index(["network", "wave"])
    latest = counts.dropna(subset=["latest"]).groupby("network")["latest"].max()
    head = html.Thead(
        html.Tr(
            [html.Th(t("network", lang))]
            + [html.Th(t("responses_wave", lang, wave=w)) for w in waves]
            + [html.Th(t("index_latest", lang)), html.Th(t("latest_data", lang))]
        )
    )
    rows = []
    for code, name in [*networks.itertuples(index=False), ("ALL", t("consortium", lang))]:
        row = [html.Td(html.Strong(name) if code == "ALL" else name)]
        row += [html.Td(_count(cells, code, w, lang)) for w in waves]
        row.append(html.Td(_index_cell(index, code, lang)))
        when = latest.max() if code == "ALL" and len(latest) else latest.get(code)
        row.append(html.Td(f"{when:%d-%m-%Y}" if when is not None else "–"))
        rows.append(html.Tr(row, id=f"network-{code}"))
    return dbc.Table(
        [head, html.Tbody(rows)], bordered=False, hover=True, responsive=True, id="overview-table"
    )


def _too_few(lang: str) -> html.Span:
    return html.Span(t("too_few", lang), className="text-muted fst-italic")


def _count(cells, code: str, wave: str, lang: str):
    if (code, wave) not in cells.index:
        return "0"
    cell = cells.loc[(code, wave)]
    return _too_few(lang) if cell["suppressed"] else str(int(cell["responses"]))


def _index_cell(index, code: str, lang: str):
    if index.empty or code not in index.index:
        return "–"
    row = index.loc[code]
    if row["suppressed"]:
        return _too_few(lang)
    text = f"{row['score_100']:.1f} ({row['wave']})"
    if not isinstance(row["status"], str):
        return text
    badge = dbc.Badge(
        t(f"status_{row['status']}", lang),
        color=STATUS_COLOURS[row["status"]],
        className="ms-2",
        id=f"status-{code}",
    )
    return html.Span([text, badge])
