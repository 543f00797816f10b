"""Partners: the member organisations (netwerkpartners) of a network, their sector and the waves
of the partner-network questionnaire in which they are listed — the list that the network map
and its figures count (measures.md, "Partner network").

Everyone reads the partners of the networks they may see; the administrator (every network) and
a network's coordinators (their own) add and change partners, one at a time or by uploading a
partner list (CSV or XLSX with the columns network, code, name, sector, waves). Rights on the
server in every callback: hiding the form protects nothing. Writes go through
collectors/partners.py (validation, one transaction, audit event, recompute marks).
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import abort

from collectors import partners as partner_list
from collectors.files import FileFormatError
from collectors.runs import rejected_rows
from dashboard import access
from dashboard.components import card, download_buttons, empty_state, explanation, query_store
from dashboard.i18n import language, t
from dashboard.pages.common import context, readable_network_names, valid
from db.models import SECTORS

PATH = "/partners"
TITLE = "partners_page"
PAGE = "partners"
# Every role reads (its own networks); who writes is checked per network below.

FIELDS = ("code", "name", "sector", "waves")
HIDDEN = {"display": "none"}
UPLOAD_MAX = 5 * 1024 * 1024  # a partner list is a few hundred rows; refuse anything huge
UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xlsm")


def may_write(network: str | None) -> bool:
    """May the logged-in person change this network's partner list? Its coordinators and the
    administrator (domain.md: "partner lists of own network(s)"), as for status updates."""
    return bool(network) and access.may_write_status(network)


def may_upload() -> bool:
    account = access.current_account()
    return account is not None and account.role in ("beheerder", "coordinator")


def _require_reader(network: str | None) -> None:
    access.require_account()
    if not network:
        raise PreventUpdate
    access.require_network(network)


def _require_writer(network: str | None):
    account = access.require_account()
    if not may_write(network):
        abort(403, description=f"geen schrijfrechten voor netwerk {network}")
    return account


def sector_label(code: str | None, lang: str) -> str:
    return t(f"sector_{code}", lang) if code in SECTORS else str(code or "")


def relational_waves() -> list[str]:
    """The codes of the relational instrument's waves, in order."""
    c = context()
    with c.engine.connect() as conn:
        return sorted(partner_list.PartnerLookups.load(conn, c.consortium_id).waves)


def _field(label: str, component, field: str, help_text: str | None = None) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=component.id, className="fw-semibold"),
            component,
            html.Div(help_text, className="form-text") if help_text else None,
            html.Div(id=f"partners-{field}-error", className="text-danger small field-error"),
        ],
        className="mb-3",
    )


def _form(lang: str, waves: list[str]) -> html.Div:
    sectors = [{"label": sector_label(s, lang), "value": s} for s in SECTORS]
    return html.Div(
        [
            html.P(id="partners-form-mode", className="fw-semibold"),
            _field(
                t("partner_code", lang),
                dbc.Input(id="partners-code", type="text", maxLength=partner_list.CODE_MAX),
                "code",
                t("partner_code_help", lang),
            ),
            _field(
                t("partner_name", lang),
                dbc.Input(id="partners-name", type="text", maxLength=partner_list.NAME_MAX),
                "name",
            ),
            _field(
                t("partner_sector", lang),
                dcc.Dropdown(id="partners-sector", options=sectors),
                "sector",
            ),
            _field(
                t("partner_waves", lang),
                dbc.Checklist(
                    id="partners-waves",
                    options=[{"label": w, "value": w} for w in waves],
                    inline=True,
                ),
                "waves",
                t("partner_waves_help", lang),
            ),
            dbc.Button(t("partner_save", lang), id="partners-save", color="primary"),
            dbc.Button(
                t("partner_new", lang),
                id="partners-new",
                color="secondary",
                outline=True,
                className="ms-2",
            ),
            html.Div(id="partners-feedback", className="mt-3"),
        ]
    )


def _upload(lang: str) -> html.Div:
    return html.Div(
        [
            explanation(t("partners_upload_help", lang)),
            dcc.Upload(
                html.Div(t("partners_upload_drop", lang)),
                id="partners-upload",
                accept=",".join(UPLOAD_SUFFIXES),
                max_size=UPLOAD_MAX,
                className="border border-2 rounded p-3 text-center text-muted",
                style={"borderStyle": "dashed", "cursor": "pointer"},
            ),
            html.Div(id="partners-upload-result", className="mt-3"),
        ]
    )


def layout(lang: str | None = None, network: str | None = None, **_):
    lang = language(lang)
    fw = context().framework
    header = [
        html.H2(t("partners_page", lang), className="h4"),
        html.P(t("partners_intro", lang)),
    ]
    names = readable_network_names(fw, lang, consortium=False)
    if not names:
        return html.Div([*header, empty_state(t("agreements_no_network", lang))])
    network = valid(network, list(names), next(iter(names)))
    writer_cards = [
        card(t("partners_form_title", lang), [_form(lang, relational_waves())]),
    ]
    if may_upload():
        writer_cards.append(card(t("partners_upload_title", lang), [_upload(lang)]))
    return html.Div(
        [
            *header,
            query_store(PAGE, {"network": network, "lang": lang}),
            dcc.Store(id="partners-lang", data=lang),
            dcc.Store(id="partners-editing", data=None),
            # What the last successful save or import asks the page to show again:
            # {"n": counter, "id": the partner to load into the form, or None for an empty form}.
            dcc.Store(id="partners-reload", data={"n": 0, "id": None}),
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label(t("network", lang), html_for="partners-network"),
                        dcc.Dropdown(
                            id="partners-network",
                            options=[{"label": v, "value": k} for k, v in names.items()],
                            value=network,
                            clearable=False,
                        ),
                    ],
                    md=4,
                ),
                className="mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        card(
                            t("partners_table_title", lang),
                            [
                                download_buttons("partners", lang),
                                html.Div(id="partners-table-wrap"),
                            ],
                            t("partners_table_help", lang),
                        ),
                        lg=7,
                    ),
                    dbc.Col(html.Div(writer_cards, id="partners-writer", style=HIDDEN), lg=5),
                ]
            ),
            html.Div(id="partners-readonly"),
        ]
    )


def partners_table(frame, lang: str, writable: bool):
    """The network's partners: code, name, sector, the waves they are listed in; an edit button
    per row for those who may write."""
    if frame.empty:
        return html.P(t("partners_none", lang), className="text-muted", id="partners-empty")
    headings = [
        t("partner_code", lang),
        t("partner_name", lang),
        t("partner_sector", lang),
        t("partner_waves", lang),
    ]
    head = html.Thead(html.Tr([html.Th(h) for h in headings] + ([html.Th("")] if writable else [])))
    rows = []
    for r in frame.itertuples(index=False):
        cells = [
            html.Td(r.code),
            html.Td(r.name),
            html.Td(sector_label(r.sector, lang)),
            html.Td(", ".join(r.waves) or "–"),
        ]
        if writable:
            cells.append(
                html.Td(
                    dbc.Button(
                        t("agreement_edit", lang),
                        id={"type": "partner-edit", "id": int(r.id)},
                        size="sm",
                        color="secondary",
                        outline=True,
                    )
                )
            )
        rows.append(html.Tr(cells, id=f"partner-row-{int(r.id)}"))
    return dbc.Table(
        [head, html.Tbody(rows)], size="sm", hover=True, responsive=True, id="partners-table"
    )


def partners_frame(c, query: dict, lang: str) -> pd.DataFrame:
    """The download: the partners of the query's network (else of every network this person may
    read), with the same words as the table."""
    codes = (
        [query["network"]]
        if query.get("network")
        else access.visible([n.code for n in c.framework.networks])
    )
    frame = partner_list.list_partners(c.engine, c.consortium_id, codes)
    return pd.DataFrame(
        {
            t("network", lang): frame["network"],
            t("partner_code", lang): frame["code"],
            t("partner_name", lang): frame["name"],
            t("partner_sector", lang): [sector_label(x, lang) for x in frame["sector"]],
            t("partner_waves", lang): ["; ".join(x) for x in frame["waves"]],
        }
    )


TABLES = {"partners": partners_frame}


def _empty_form(lang: str) -> tuple:
    """code, name, sector, waves, editing id, form heading."""
    return "", "", None, [], None, t("partner_mode_new", lang)


def _partner(partner_id) -> dict | None:
    """One partner of the consortium as list_partners gives it, or None."""
    c = context()
    frame = partner_list.list_partners(c.engine, c.consortium_id)
    try:
        found = frame[frame["id"] == int(partner_id)]
    except (TypeError, ValueError):
        return None
    return None if found.empty else found.iloc[0].to_dict()


def _rejects_table(rows: list[tuple], lang: str):
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(k, lang))
                for k in ("partners_reject_row", "partners_reject_column", "partners_reject_reason")
            ]
        )
    )
    body = [html.Tr([html.Td(str(n)), html.Td(c or ""), html.Td(r)]) for n, c, r in rows]
    return dbc.Table([head, html.Tbody(body)], size="sm", id="partners-rejects", responsive=True)


def import_upload(contents: str, filename: str, account, lang: str):
    """Import an uploaded partner list: (what to show, whether anything changed)."""
    name = Path(filename or "partners.csv").name
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        return dbc.Alert(
            t("partners_upload_type", lang), color="danger", id="partners-upload-error"
        ), False
    try:
        data = base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, ValueError, binascii.Error):
        return dbc.Alert(
            t("partners_upload_unreadable", lang), color="danger", id="partners-upload-error"
        ), False
    c = context()
    with tempfile.TemporaryDirectory(prefix="partners-upload-") as folder:
        # The uploaded name, so that the run, the rejects and the messages name the user's file.
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            # A coordinator's rows for another network are rejected, the rest imported.
            mine = None if account.role == "beheerder" else account.networks
            summary = partner_list.import_partner_file(
                c.engine, path, consortium_id=c.consortium_id, networks=mine, actor=account
            )
        except FileFormatError as error:
            return dbc.Alert(str(error), color="danger", id="partners-upload-error"), False
    rejects = rejected_rows(c.engine, run_id=summary.run_id)
    parts = [
        dbc.Alert(
            t(
                "partners_upload_summary",
                lang,
                file=name,
                new=summary.rows_new,
                updated=summary.rows_updated,
                unchanged=summary.rows_unchanged,
                rejected=summary.rows_rejected,
            ),
            color="warning" if summary.rows_rejected else "success",
            id="partners-upload-summary",
        )
    ]
    if summary.warnings:
        parts.append(html.Ul([html.Li(w) for w in summary.warnings], className="small"))
    if not rejects.empty:
        parts.append(
            _rejects_table(
                list(zip(rejects["row_number"], rejects["column"], rejects["reason"], strict=True)),
                lang,
            )
        )
    return html.Div(parts), summary.changed


def register_callbacks(app) -> None:
    @app.callback(
        Output("partners-table-wrap", "children"),
        Output("partners-writer", "style"),
        Output("partners-readonly", "children"),
        Input("partners-network", "value"),
        Input("partners-reload", "data"),
        State("partners-lang", "data"),
    )
    def _show(network, _reload, lang):
        _require_reader(network)
        lang = language(lang)
        c = context()
        writable = may_write(network)
        frame = partner_list.list_partners(c.engine, c.consortium_id, [network])
        table = partners_table(frame, lang, writable)
        if not writable:
            note = explanation(t("partners_read_only", lang), id="partners-read-only")
            return table, HIDDEN, note
        return table, {}, ""

    @app.callback(
        Output({"type": "query", "page": PAGE}, "data"),
        Input("partners-network", "value"),
        State({"type": "query", "page": PAGE}, "data"),
    )
    def _query(network, query):
        _require_reader(network)
        return {**(query or {}), "network": network}

    @app.callback(
        Output("partners-code", "value"),
        Output("partners-name", "value"),
        Output("partners-sector", "value"),
        Output("partners-waves", "value"),
        Output("partners-editing", "data"),
        Output("partners-form-mode", "children"),
        Input({"type": "partner-edit", "id": ALL}, "n_clicks"),
        Input("partners-new", "n_clicks"),
        Input("partners-network", "value"),
        Input("partners-reload", "data"),
        State("partners-lang", "data"),
    )
    def _load(_edits, _new, network, reload, lang):
        lang = language(lang)
        trigger = ctx.triggered_id
        if isinstance(trigger, dict):
            # A re-rendered table brings new edit buttons without a click: only a click loads.
            if not ctx.triggered or not ctx.triggered[0]["value"]:
                raise PreventUpdate
            wanted = trigger.get("id")
        elif trigger == "partners-reload":
            wanted = (reload or {}).get("id")
        else:
            wanted = None
        _require_reader(network)
        if wanted is None:
            return _empty_form(lang)
        partner = _partner(wanted)
        # The partner's own network decides, whatever the page's dropdown says.
        _require_writer(partner["network"] if partner else None)
        return (
            partner["code"],
            partner["name"],
            partner["sector"],
            list(partner["waves"]),
            int(partner["id"]),
            t("partner_mode_edit", lang),
        )

    @app.callback(
        Output("partners-feedback", "children"),
        *[Output(f"partners-{f}-error", "children") for f in FIELDS],
        Output("partners-reload", "data"),
        Input("partners-save", "n_clicks"),
        State("partners-network", "value"),
        State("partners-editing", "data"),
        *[State(f"partners-{f}", "value") for f in FIELDS],
        State("partners-reload", "data"),
        State("partners-lang", "data"),
        prevent_initial_call=True,
    )
    def _save(_n, network, editing, *rest):
        *values, reload, lang = rest
        lang = language(lang)
        account = _require_writer(network)
        if editing is not None:
            # Only a partner of this network: an id of another network's partner would move it.
            partner = _partner(editing)
            if partner is None or partner["network"] != network:
                abort(403, description="geen partner van dit netwerk")
        form = dict(zip(FIELDS, values, strict=True))
        c = context()
        try:
            saved = partner_list.save_partner(
                c.engine,
                c.consortium_id,
                network=network,
                code=form["code"],
                name=form["name"],
                sector=form["sector"],
                waves=form["waves"] or [],
                partner_id=editing,
                actor=account,
            )
        except partner_list.PartnerInvalid as error:
            errors = {}
            for problem in error.problems:
                text = t(
                    f"partner_error_{problem.key}",
                    lang,
                    code_max=partner_list.CODE_MAX,
                    name_max=partner_list.NAME_MAX,
                )
                errors.setdefault(problem.field, text)
            general = [errors[f] for f in errors if f not in FIELDS]
            message = dbc.Alert(
                [t("partner_invalid", lang), *[html.Div(g) for g in general]],
                color="danger",
                id="partners-invalid",
            )
            return message, *[errors.get(f, "") for f in FIELDS], no_update
        counter = (reload or {}).get("n", 0) + 1
        message = dbc.Alert(t("partner_saved", lang), color="success", id="partners-saved")
        return message, *[""] * len(FIELDS), {"n": counter, "id": saved}

    @app.callback(
        Output("partners-upload-result", "children"),
        Output("partners-reload", "data", allow_duplicate=True),
        Input("partners-upload", "contents"),
        State("partners-upload", "filename"),
        State("partners-reload", "data"),
        State("partners-lang", "data"),
        prevent_initial_call=True,
    )
    def _upload(contents, filename, reload, lang):
        account = access.require_account()
        if not may_upload():
            abort(403, description="geen rechten om partnerlijsten in te lezen")
        if not contents:
            raise PreventUpdate
        shown, changed = import_upload(contents, filename, account, language(lang))
        if not changed:
            return shown, no_update
        return shown, {"n": (reload or {}).get("n", 0) + 1, "id": None}
