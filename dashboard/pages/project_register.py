"""Projectregister: the consortium's projects as the beheerder keeps them (issue 14) — code, name,
owner, period, the networks taking part, the framework elements it serves and its lifecycle with
the date and reason of each change; the register file to download, and to upload again.

Everyone reads the projects of the networks they may read (the consortium choice: all of those);
only the administrator writes — the form, removal (of a project without status updates) and the
upload. A register page (dashboard/pages/register.py) with the administrator as its writer: the
rights are checked on the server in every callback, hiding the form protects nothing. Writes go
through collectors/projects.py (checks, one transaction, a version and an audit event).
"""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from collectors import project_files
from collectors import projects as register
from collectors.register_rows import RegisterInvalid
from dashboard import access, din_review, proposals
from dashboard.components import card
from dashboard.i18n import language, problem_text, t
from dashboard.pages import register as register_page
from dashboard.pages import register_upload
from dashboard.pages.common import context
from dashboard.pages.register import HIDDEN, Register, Written
from db.models.registers import LIFECYCLES
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

PATH = "/projectregister"
TITLE = "projectregister_page"
PAGE = "projectregister"
# Every role reads (the projects of its networks); the administrator alone writes.
BADGES = {
    "voorstel": "info",
    "actief": "primary",
    "bijgesteld": "warning",
    "gestopt": "danger",
    "afgerond": "success",
}
EMPTY = ("", "", "", "", "", "", [], [], "actief", "", "")


def is_administrator(_network: str | None = None) -> bool:
    account = access.current_account()
    return account is not None and account.role == "beheerder"


REGISTER = Register(
    page=PAGE,
    item="projectentry",
    fields=register.FIELDS,
    writer_id="projectregister-writer",
    removable=True,
    writer=is_administrator,
    consortium=True,
)


def _day(value) -> str:
    """An ISO date of the register as the form and table show it (dd-mm-jjjj)."""
    return date.fromisoformat(value).strftime("%d-%m-%Y") if value else ""


def lifecycle_label(code: str, lang: str) -> str:
    return t(f"lifecycle_{code}", lang) if code in LIFECYCLES else str(code)


def _field(label: str, component, name: str, help_text: str | None = None) -> html.Div:
    return register_page.form_field(REGISTER, label, component, name, help_text)


def _form(lang: str) -> html.Div:
    fw = context().framework
    elements = [
        {"label": f"{e.code} {e.name}"[:80], "value": e.code}
        for entries in (fw.ambitions, fw.speerpunten, fw.kernthemas, fw.actielijnen)
        for e in entries
    ] + [{"label": f"{e.code} {e.name}"[:80], "value": e.code} for e in fw.vision_elements]
    lifecycles = [{"label": lifecycle_label(c, lang), "value": c} for c in LIFECYCLES]

    def text(name: str, help_key: str | None = None, **kw) -> html.Div:
        component = dbc.Input(id=f"{PAGE}-{name}", type="text", **kw)
        return _field(t(f"project_{name}", lang), component, name, help_key and t(help_key, lang))

    fields = [
        dbc.Row(
            [
                dbc.Col(text("code", maxLength=40), md=4),
                dbc.Col(text("name", maxLength=register.NAME_MAX), md=8),
            ]
        ),
        _field(
            t("project_description", lang),
            dbc.Textarea(id=f"{PAGE}-description", rows=3, maxLength=register.DESCRIPTION_MAX),
            "description",
        ),
        text("owner", "project_owner_help", maxLength=register.OWNER_MAX),
        dbc.Row(
            [
                dbc.Col(text("start", placeholder="dd-mm-jjjj"), md=6),
                dbc.Col(text("end", placeholder="dd-mm-jjjj"), md=6),
            ]
        ),
        _field(
            t("project_networks", lang),
            dcc.Dropdown(
                id=f"{PAGE}-networks",
                options=[{"label": n.name, "value": n.code} for n in fw.networks],
                multi=True,
            ),
            "networks",
        ),
        _field(
            t("project_tags", lang),
            dcc.Dropdown(id=f"{PAGE}-tags", options=elements, multi=True),
            "tags",
        ),
        _field(
            t("project_lifecycle", lang),
            dcc.Dropdown(id=f"{PAGE}-lifecycle", options=lifecycles, clearable=False),
            "lifecycle",
        ),
        text("lifecycle_date", "project_lifecycle_date_help", placeholder="dd-mm-jjjj"),
        _field(
            t("project_lifecycle_reason", lang),
            dbc.Textarea(id=f"{PAGE}-lifecycle_reason", rows=2, maxLength=register.REASON_MAX),
            "lifecycle_reason",
            t("project_lifecycle_reason_help", lang),
        ),
    ]
    delete = html.Span(
        dcc.ConfirmDialogProvider(
            dbc.Button(t("agreement_delete", lang), color="danger", outline=True),
            id=f"{PAGE}-delete",
            message=t("projectentry_delete_confirm", lang),
        ),
        id=f"{PAGE}-delete-wrap",
        className="ms-2",
        style=HIDDEN,
    )
    return register_page.form(REGISTER, lang, fields, [delete])


def layout(lang: str | None = None, network: str | None = None, **_) -> html.Div:
    lang = language(lang)

    def writer_cards() -> list:
        # The review list and the DIN review only in the administrator's layout: hidden cards
        # still travel.
        review = (
            [proposals.review_card(lang), din_review.review_card(lang)]
            if is_administrator()
            else []
        )
        return [
            *review,
            card(t("projectregister_form_title", lang), [_form(lang)]),
            card(
                t("projectregister_history_title", lang),
                [html.Div(id=f"{PAGE}-history")],
            ),
            card(
                t("projectregister_upload_title", lang),
                [register_upload.upload_zone(PAGE, t("projectregister_upload_help", lang), lang)],
            ),
        ]

    return register_page.layout(REGISTER, lang, network or ALL_NETWORKS, writer_cards)


def readable_projects(c, network: str | None) -> pd.DataFrame:
    """The register rows this person may read: the projects `network` takes part in, or for the
    consortium (ALL) those of any network they read (everything for who reads everything)."""
    frame = register.list_projects(c.engine, c.consortium_id)
    if network and network != ALL_NETWORKS:
        access.require_network(network)
        return frame.loc[[network in n for n in frame["networks"]]]
    allowed = access.allowed_networks()
    if allowed is None:
        return frame
    return frame.loc[[bool(set(n) & allowed) for n in frame["networks"]]]


def projects_table(frame: pd.DataFrame, lang: str, writable: bool) -> html.P | dbc.Table:
    headings = [
        t("project_code", lang),
        t("project_name", lang),
        t("project_owner", lang),
        t("project_period", lang),
        t("project_networks", lang),
        t("project_lifecycle", lang),
    ]
    rows = []
    for r in frame.itertuples(index=False):
        since = t("project_since", lang, date=_day(r.lifecycle_date)) if r.lifecycle_date else ""
        lifecycle = [
            dbc.Badge(
                lifecycle_label(r.lifecycle, lang),
                color=BADGES.get(r.lifecycle, "secondary"),
                className=f"lifecycle lifecycle-{r.lifecycle}",
                title=r.lifecycle_reason or "",
            ),
            html.Span(f" {since}", className="small text-muted"),
        ]
        cells = [
            html.Td(r.code),
            html.Td(r.name),
            html.Td(r.owner or ""),
            html.Td(f"{_day(r.start) or '…'} – {_day(r.end) or '…'}"),
            html.Td(", ".join(r.networks) or "–"),
            html.Td(lifecycle),
        ]
        rows.append(register_page.table_row(REGISTER, lang, r.id, cells, writable))
    return register_page.rows_table(REGISTER, lang, headings, rows, writable)


def register_download(c, query: dict, lang: str) -> pd.DataFrame:
    """The download: the register file (the columns `projects import` reads) of the projects this
    person may read for the query's network."""
    codes = list(readable_projects(c, query.get("network") or ALL_NETWORKS)["code"])
    return project_files.register_frame(c.engine, c.consortium_id, codes)


TABLES = {PAGE: register_download}


def _table(network: str, lang: str, writable: bool):
    return projects_table(readable_projects(context(), network), lang, writable)


def _load(wanted) -> tuple | None:
    register_page.require_writer(None, REGISTER)
    c = context()
    frame = register.list_projects(c.engine, c.consortium_id)
    found = frame.loc[frame["id"] == register.project_id_of(c.engine, c.consortium_id, wanted)]
    if found.empty:
        return None
    r = found.iloc[0]
    # The date and reason fields are for a new change: empty, the current ones in the history.
    return (
        r["code"],
        r["name"],
        r["description"] or "",
        r["owner"] or "",
        _day(r["start"]),
        _day(r["end"]),
        list(r["networks"]),
        list(r["tags"]),
        r["lifecycle"],
        "",
        "",
    )


def _write(network: str, editing, form: dict, account, lang: str) -> Written:
    """Save the form, or remove the project in it when the delete button was confirmed."""
    c = context()
    try:
        if ctx.triggered_id == f"{PAGE}-delete":
            if editing is None:
                raise PreventUpdate
            register.delete_project(c.engine, c.consortium_id, int(editing), actor=account)
            return Written(dbc.Alert(t("projectentry_deleted", lang), color="success"), None)
        saved = register.save_project(
            c.engine, c.consortium_id, form, project_id=editing, actor=account
        )
    except RegisterInvalid as error:
        problems = [(p.field, problem_text(p.key, p.message, lang)) for p in error.problems]
        return register_page.refused(REGISTER, problems, lang)
    message = dbc.Alert(t("projectentry_saved", lang), color="success", id=f"{PAGE}-saved")
    return Written(message, saved)


def history_list(project_id, lang: str) -> html.Ol | html.P | str:
    """The lifecycle changes of the project in the form, oldest first."""
    c = context()
    wanted = register.project_id_of(c.engine, c.consortium_id, project_id)
    if wanted is None:
        return ""
    history = register.lifecycle_history(c.engine, c.consortium_id, wanted)
    if history.empty:
        return html.P(t("project_history_none", lang), className="text-muted small")
    return html.Ol(
        [
            html.Li(
                f"{r.changed_on:%d-%m-%Y}: {lifecycle_label(r.lifecycle, lang)}"
                + (f" — {r.reason}" if r.reason else "")
                + (f" ({r.recorded_by})" if r.recorded_by else "")
            )
            for r in history.itertuples()
        ],
        id=f"{PAGE}-history-list",
        className="small",
    )


def register_callbacks(app) -> None:
    register_page.register_callbacks(
        app, REGISTER, table=_table, empty=EMPTY, load=_load, write=_write
    )
    proposals.register_review_callbacks(app, f"{PAGE}-reload")
    din_review.register_review_callbacks(app, f"{PAGE}-lang")

    @app.callback(
        Output(f"{PAGE}-history", "children"),
        Input(f"{PAGE}-editing", "data"),
        State(f"{PAGE}-lang", "data"),
    )
    def _history(editing, lang):
        if editing is None:  # an empty form (also what every reader's page starts with)
            return ""
        register_page.require_writer(None, REGISTER)
        return history_list(editing, language(lang))

    def upload(contents, filename, account, lang):
        c = context()

        def read(path):
            return project_files.import_project_file(
                c.engine, path, consortium_id=c.consortium_id, actor=account
            )

        return register_upload.import_upload(PAGE, contents, filename, lang, read)

    refusal = "alleen de beheerder leest het projectregister in"
    register_upload.register_upload_callback(app, PAGE, is_administrator, refusal, upload)
