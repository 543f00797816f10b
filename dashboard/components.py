"""Shared layout pieces: the navbar, explanations, empty states, graphs and table downloads."""

from __future__ import annotations

import math
from urllib.parse import parse_qsl, urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import language, t
from samenwerkingsmonitor.inert import write_csv, write_xlsx
from samenwerkingsmonitor.numbers import format_number, format_share

# The URL's query keys that make a view (deep links); anything else in a URL is ignored.
QUERY_KEYS = ("network", "networks", "wave", "measure", "subject", "project", "lang")


def parse_query(search: str | None) -> dict[str, str]:
    """'?network=UTS&lang=en' → {'network': 'UTS', 'lang': 'en'} (known keys only)."""
    pairs = parse_qsl((search or "").lstrip("?"), keep_blank_values=False)
    return {k: v for k, v in pairs if k in QUERY_KEYS}


def make_search(query: dict) -> str:
    """The URL's query string for a view: known keys with a value, in a stable order."""
    pairs = [(k, query[k]) for k in QUERY_KEYS if query.get(k) not in (None, "", [])]
    return "?" + urlencode(pairs) if pairs else ""


def query_store(page: str, query: dict) -> dcc.Store:
    """Where a page keeps the filters of its view; the app writes them into the URL."""
    return dcc.Store(id={"type": "query", "page": page}, data=query)


def navbar(
    pages, pathname: str, search: str | None, account=None, csrf: str | None = None
) -> dbc.Navbar:
    """The menu with the pages this person may open, the language switch, and who is logged in
    with log-out; links keep the view's language and network, the switch keeps the whole view."""
    query = parse_query(search)
    lang = language(query.get("lang"))
    keep = {k: query[k] for k in ("lang", "network") if k in query}
    other = "en" if lang == "nl" else "nl"
    links = [
        dbc.NavItem(
            dbc.NavLink(
                t(page.TITLE, lang),
                href=page.PATH + make_search(keep),
                active=pathname == page.PATH,
                id=f"nav-{page.TITLE}",
            )
        )
        for page in pages
    ]
    switch = dcc.Link(
        t("language", lang),
        href=(pathname or "/") + make_search({**query, "lang": other}),
        id="language-switch",
        className="btn btn-outline-light btn-sm ms-lg-3",
        title=t("language_tooltip", lang),
    )
    # Below Bootstrap's lg breakpoint the menu folds behind a toggler (a phone must not lose a
    # third of its screen to it); dashboard/app.py opens and closes it in the browser.
    menu = dbc.Collapse(
        [
            dbc.Nav(links, navbar=True, className="me-auto flex-wrap"),
            html.Div(
                [switch, *([user_menu(account, csrf, lang)] if account is not None else [])],
                className="d-flex flex-wrap align-items-center gap-2 py-2 py-lg-0",
            ),
        ],
        id="navbar-collapse",
        is_open=False,
        navbar=True,
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(t("app_title", lang), href="/" + make_search({"lang": lang})),
                dbc.NavbarToggler(
                    # The toggler has no text of its own: a screen reader reads the hidden one.
                    [
                        html.Span(className="navbar-toggler-icon"),
                        html.Span(t("menu_toggle", lang), className="visually-hidden"),
                    ],
                    id="navbar-toggler",
                    n_clicks=0,
                ),
                menu,
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="lg",
        className="mb-3",
    )


def user_menu(account, csrf: str | None, lang: str) -> html.Div:
    """Who is logged in, a link to change the password, and log-out (a POST with the CSRF
    token: logging someone out is a state change too)."""
    return html.Div(
        [
            html.Span(
                f"{account.name} · {t('role_' + account.role, lang)}",
                id="current-user",
                className="text-light small me-2",
            ),
            html.A(
                t("change_password", lang),
                href="/account/password" + ("?lang=en" if lang == "en" else ""),
                className="btn btn-link btn-sm text-light",
            ),
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf_token", value=csrf or "", id="logout-csrf"),
                    html.Button(
                        t("log_out", lang),
                        type="submit",
                        id="logout",
                        className="btn btn-outline-light btn-sm",
                    ),
                ],
                method="POST",
                action="/logout",
                className="d-inline",
            ),
        ],
        className="ms-lg-3 d-flex align-items-center",
    )


def explanation(text: str, **kwargs) -> html.P:
    """A short plain-language explanation next to a figure."""
    return html.P(text, className="text-muted small mb-2 explanation", **kwargs)


def too_few(lang: str) -> html.Span:
    return html.Span(t("too_few", lang), className="text-muted fst-italic too-few")


def empty_state(message: str, element_id: str = "empty-state") -> dbc.Alert:
    return dbc.Alert(message, color="info", id=element_id, className="empty-state")


def graph(element_id: str, filename: str, **kwargs) -> dcc.Graph:
    """A chart whose modebar downloads a PNG under a telling file name."""
    return dcc.Graph(
        id=element_id,
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
            "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        },
        **kwargs,
    )


def card(title: str, body: list, explain: str | None = None, **kwargs) -> dbc.Card:
    children = [html.H3(title, className="h6 card-title")]
    if explain:
        children.append(explanation(explain))
    return dbc.Card(dbc.CardBody(children + body), className="mb-3 shadow-sm", **kwargs)


def download_buttons(table: str, lang: str, kind: str = "download") -> html.Div:
    """CSV and XLSX buttons for one table; the app's one download callback serves them (a
    section with its own download callback gives its own `kind` of button id)."""
    return html.Div(
        [
            dbc.Button(
                fmt.upper(),
                id={"type": kind, "table": table, "fmt": fmt},
                size="sm",
                color="secondary",
                outline=True,
                className="me-1" if fmt == "csv" else None,
                title=t(f"download_{fmt}", lang),
            )
            for fmt in ("csv", "xlsx")
        ],
        className="mb-2 download-buttons",
    )


def send_table(frame: pd.DataFrame, fmt: str, filename: str, lang: str = "nl") -> dict:
    """A table for dcc.Download as CSV or XLSX, written by the one writer of user text into
    files (samenwerkingsmonitor.inert). A Dutch CSV is for Dutch Excel (";" and a UTF-8 BOM:
    its cells already carry decimal commas); an English one is plain comma-separated UTF-8."""
    if fmt == "xlsx":
        return dcc.send_bytes(lambda out: write_xlsx(frame, out), f"{filename}.xlsx")
    dutch = language(lang) == "nl"
    return dcc.send_string(
        lambda out: write_csv(frame, out, sep=";" if dutch else ",", bom=dutch), f"{filename}.csv"
    )


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def fmt_number(value, digits: int = 1, lang: str = "nl") -> str:
    """A figure as the page shows it, in the language's way ("3,30" / "3.30"); "–" without one."""
    return "–" if is_missing(value) else format_number(value, digits, lang)


def fmt_percent(fraction, lang: str = "nl", digits: int = 0) -> str:
    """A fraction 0–1 as "35%"; "–" without one."""
    return "–" if is_missing(fraction) else format_share(fraction, lang, digits)


def table(frame: pd.DataFrame, element_id: str, lang: str, row_ids: list[str] | None = None):
    """A plain responsive table of display values; cells equal to the suppression phrase are
    shown as the muted marker."""
    rows = frame.itertuples(index=False, name=None)
    return table_of(list(frame.columns), rows, element_id, lang, row_ids)


def table_of(
    columns: list, rows, element_id: str, lang: str, row_ids: list[str] | None = None
) -> dbc.Table:
    """`table` from a header and rows (tuples) of display values: a page that has its cells at
    hand need not build a DataFrame only to have it taken apart again cell by cell."""
    marker = t("too_few", lang)
    # One muted marker for every suppressed cell: it is serialised where it stands, and building
    # a component per cell cost more than the page's figures.
    muted = too_few(lang)
    head = html.Thead(html.Tr([html.Th(c) for c in columns]))
    body = []
    for position, values in enumerate(rows):
        cells = [html.Td(muted if v == marker else ("–" if is_missing(v) else v)) for v in values]
        extra = {"id": row_ids[position]} if row_ids else {}
        body.append(html.Tr(cells, **extra))
    return dbc.Table(
        [head, html.Tbody(body)],
        id=element_id,
        bordered=False,
        hover=True,
        responsive=True,
        size="sm",
        className="align-middle",
    )


def form_field(label: str, component, error_id: str, help_text: str | None = None) -> html.Div:
    """One labelled input of a form, with its help text and the place where its error appears."""
    return html.Div(
        [
            dbc.Label(label, html_for=component.id, className="fw-semibold"),
            component,
            html.Div(help_text, className="form-text") if help_text else None,
            html.Div(id=error_id, className="text-danger small field-error"),
        ],
        className="mb-3",
    )
