"""Afspraken: the agreements register (samenwerkingsafspraken) of a network — documented
transmural agreements between two or more of its partners, what about, since when and when they
are evaluated next, with a marker where that evaluation date has passed.

Everyone reads the agreements of the networks they may see; the network's coordinators and the
administrator add, change and remove them (domain.md, "Who may do what"). Rights on the server:
every callback checks that the network it names is readable, and every write that it is
writable — hiding the form protects nothing, each callback is its own HTTP request. Writes go
through collectors/agreements.py (validation, one transaction, audit event).
"""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import abort

from collectors import agreements as register
from dashboard import access
from dashboard.components import card, download_buttons, empty_state, explanation, query_store
from dashboard.i18n import language, t
from dashboard.pages.common import context, readable_network_names, valid
from db.models import AGREEMENT_TOPICS

PATH = "/afspraken"
TITLE = "agreements_page"
PAGE = "agreements"
# Every role reads (its own networks); who writes is checked per network below.

FIELDS = ("topic", "partners", "description", "since", "next_evaluation")
HIDDEN = {"display": "none"}


def may_write(network: str | None) -> bool:
    """May the logged-in person add, change or remove this network's agreements? The network's
    coordinator and the administrator: the same rule as for status updates (domain.md)."""
    return bool(network) and access.may_write_status(network)


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


def topic_label(code: str, lang: str) -> str:
    key = f"agreement_topic_{code}"
    return t(key, lang) if code in AGREEMENT_TOPICS else code


def _date_text(value) -> str:
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return ""
    return value.strftime("%d-%m-%Y")


def _field(label: str, component, field: str, help_text: str | None = None) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=component.id, className="fw-semibold"),
            component,
            html.Div(help_text, className="form-text") if help_text else None,
            html.Div(id=f"agreements-{field}-error", className="text-danger small field-error"),
        ],
        className="mb-3",
    )


def _form(lang: str) -> html.Div:
    topics = [{"label": topic_label(c, lang), "value": c} for c in AGREEMENT_TOPICS]
    return html.Div(
        [
            html.P(id="agreements-form-mode", className="fw-semibold"),
            _field(
                t("agreement_topic", lang),
                dcc.Dropdown(id="agreements-topic", options=topics),
                "topic",
            ),
            _field(
                t("agreement_partners", lang),
                dcc.Dropdown(id="agreements-partners", multi=True),
                "partners",
                t("agreement_partners_help", lang),
            ),
            _field(
                t("agreement_description", lang),
                dbc.Textarea(
                    id="agreements-description", rows=3, maxLength=register.DESCRIPTION_MAX
                ),
                "description",
                t("agreement_description_help", lang, max=register.DESCRIPTION_MAX),
            ),
            dbc.Row(
                [
                    dbc.Col(
                        _field(
                            t("agreement_since", lang),
                            dbc.Input(id="agreements-since", type="text", placeholder="dd-mm-jjjj"),
                            "since",
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        _field(
                            t("agreement_next_evaluation", lang),
                            dbc.Input(
                                id="agreements-next_evaluation",
                                type="text",
                                placeholder="dd-mm-jjjj",
                            ),
                            "next_evaluation",
                            t("agreement_next_evaluation_help", lang),
                        ),
                        md=6,
                    ),
                ]
            ),
            dbc.Button(t("agreement_save", lang), id="agreements-save", color="primary"),
            dbc.Button(
                t("agreement_new", lang),
                id="agreements-new",
                color="secondary",
                outline=True,
                className="ms-2",
            ),
            html.Span(
                dcc.ConfirmDialogProvider(
                    dbc.Button(t("agreement_delete", lang), color="danger", outline=True),
                    id="agreements-delete",
                    message=t("agreement_delete_confirm", lang),
                ),
                id="agreements-delete-wrap",
                className="ms-2",
                style=HIDDEN,
            ),
            html.Div(id="agreements-feedback", className="mt-3"),
        ]
    )


def layout(lang: str | None = None, network: str | None = None, **_):
    lang = language(lang)
    fw = context().framework
    header = [
        html.H2(t("agreements_page", lang), className="h4"),
        html.P(t("agreements_intro", lang)),
    ]
    names = readable_network_names(fw, lang, consortium=False)
    if not names:
        return html.Div([*header, empty_state(t("agreements_no_network", lang))])
    network = valid(network, list(names), next(iter(names)))
    return html.Div(
        [
            *header,
            query_store(PAGE, {"network": network, "lang": lang}),
            dcc.Store(id="agreements-lang", data=lang),
            dcc.Store(id="agreements-editing", data=None),
            # What the last successful save or removal asks the page to show again:
            # {"n": counter, "id": the agreement to load into the form, or None for an empty form}.
            dcc.Store(id="agreements-reload", data={"n": 0, "id": None}),
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label(t("network", lang), html_for="agreements-network"),
                        dcc.Dropdown(
                            id="agreements-network",
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
                            t("agreements_table_title", lang),
                            [
                                download_buttons("agreements", lang),
                                html.Div(id="agreements-table-wrap"),
                            ],
                            t("agreements_table_help", lang),
                        ),
                        lg=7,
                    ),
                    dbc.Col(
                        html.Div(
                            card(t("agreements_form_title", lang), [_form(lang)]),
                            id="agreements-form-card",
                            style=HIDDEN,
                        ),
                        lg=5,
                    ),
                ]
            ),
            html.Div(id="agreements-readonly"),
        ]
    )


def agreements_table(frame: pd.DataFrame, lang: str, writable: bool, today: date):
    """The network's agreements: topic, partners, description, dates (an overdue evaluation
    marked), last change; an edit button per row for those who may write."""
    if frame.empty:
        return html.P(t("agreements_none", lang), className="text-muted", id="agreements-empty")
    headings = [
        t("agreement_topic", lang),
        t("agreement_partners", lang),
        t("agreement_description", lang),
        t("agreement_since", lang),
        t("agreement_next_evaluation", lang),
        t("agreement_updated", lang),
    ]
    head = html.Thead(html.Tr([html.Th(h) for h in headings] + ([html.Th("")] if writable else [])))
    rows = []
    for r in frame.itertuples(index=False):
        evaluation = [_date_text(r.next_evaluation) or "–"]
        if register.overdue(r.next_evaluation, today):
            evaluation += [
                " ",
                dbc.Badge(
                    t("agreement_overdue", lang), color="danger", className="agreement-overdue"
                ),
            ]
        cells = [
            html.Td(topic_label(r.topic, lang)),
            html.Td(", ".join(r.partner_names)),
            html.Td(r.description, style={"whiteSpace": "pre-wrap"}),
            html.Td(_date_text(r.since)),
            html.Td(evaluation),
            html.Td(
                f"{pd.Timestamp(r.updated_at).strftime('%d-%m-%Y')}"
                + (f" · {r.updated_by}" if r.updated_by else ""),
                className="small text-muted",
            ),
        ]
        if writable:
            cells.append(
                html.Td(
                    dbc.Button(
                        t("agreement_edit", lang),
                        id={"type": "agreement-edit", "id": int(r.id)},
                        size="sm",
                        color="secondary",
                        outline=True,
                    )
                )
            )
        rows.append(html.Tr(cells, id=f"agreement-row-{int(r.id)}"))
    return dbc.Table(
        [head, html.Tbody(rows)], size="sm", hover=True, responsive=True, id="agreements-table"
    )


def agreements_frame(c, query: dict, lang: str) -> pd.DataFrame:
    """The download: the agreements of the query's network (else of every network this person
    may read), with the same words as the table."""
    codes = (
        [query["network"]]
        if query.get("network")
        else access.visible([n.code for n in c.framework.networks])
    )
    frame = register.list_agreements(c.engine, c.consortium_id, codes)
    today = date.today()
    return pd.DataFrame(
        {
            t("network", lang): frame["network"],
            t("agreement_topic", lang): [topic_label(x, lang) for x in frame["topic"]],
            t("agreement_partners", lang): ["; ".join(x) for x in frame["partner_names"]],
            t("agreement_description", lang): frame["description"],
            t("agreement_since", lang): [_date_text(x) for x in frame["since"]],
            t("agreement_next_evaluation", lang): [_date_text(x) for x in frame["next_evaluation"]],
            t("agreement_overdue", lang): [
                register.overdue(x, today) for x in frame["next_evaluation"]
            ],
            t("agreement_updated", lang): [
                pd.Timestamp(x).strftime("%d-%m-%Y") for x in frame["updated_at"]
            ],
        }
    )


TABLES = {"agreements": agreements_frame}


def _empty_form(lang: str) -> tuple:
    """topic, partners, description, since, next evaluation, editing id, delete button style,
    form heading."""
    return None, [], "", "", "", None, HIDDEN, t("agreement_mode_new", lang)


def register_callbacks(app) -> None:
    @app.callback(
        Output("agreements-table-wrap", "children"),
        Output("agreements-partners", "options"),
        Output("agreements-form-card", "style"),
        Output("agreements-readonly", "children"),
        Input("agreements-network", "value"),
        Input("agreements-reload", "data"),
        State("agreements-lang", "data"),
    )
    def _show(network, _reload, lang):
        _require_reader(network)
        lang = language(lang)
        c = context()
        writable = may_write(network)
        frame = register.list_agreements(c.engine, c.consortium_id, [network])
        table = agreements_table(frame, lang, writable, date.today())
        if not writable:
            note = explanation(t("agreements_read_only", lang), id="agreements-read-only")
            return table, [], HIDDEN, note
        partners = register.network_partners(c.engine, c.consortium_id, network)
        options = [{"label": f"{name} ({code})", "value": code} for code, name in partners.items()]
        return table, options, {}, ""

    @app.callback(
        Output({"type": "query", "page": PAGE}, "data"),
        Input("agreements-network", "value"),
        State({"type": "query", "page": PAGE}, "data"),
    )
    def _query(network, query):
        _require_reader(network)
        return {**(query or {}), "network": network}

    @app.callback(
        Output("agreements-topic", "value"),
        Output("agreements-partners", "value"),
        Output("agreements-description", "value"),
        Output("agreements-since", "value"),
        Output("agreements-next_evaluation", "value"),
        Output("agreements-editing", "data"),
        Output("agreements-delete-wrap", "style"),
        Output("agreements-form-mode", "children"),
        Input({"type": "agreement-edit", "id": ALL}, "n_clicks"),
        Input("agreements-new", "n_clicks"),
        Input("agreements-network", "value"),
        Input("agreements-reload", "data"),
        State("agreements-lang", "data"),
    )
    def _load(_edits, _new, network, reload, lang):
        lang = language(lang)
        trigger = ctx.triggered_id
        if isinstance(trigger, dict):
            # A re-rendered table brings new edit buttons without a click: only a click loads.
            if not ctx.triggered or not ctx.triggered[0]["value"]:
                raise PreventUpdate
            wanted = trigger.get("id")
        elif trigger == "agreements-reload":
            wanted = (reload or {}).get("id")
        else:
            wanted = None
        _require_reader(network)
        if wanted is None:
            return _empty_form(lang)
        c = context()
        # The agreement's own network decides, whatever the page's dropdown says.
        _require_writer(register.agreement_network(c.engine, c.consortium_id, wanted))
        frame = register.list_agreements(c.engine, c.consortium_id)
        found = frame[frame["id"] == int(wanted)]
        if found.empty:
            return _empty_form(lang)
        row = found.iloc[0]
        return (
            row["topic"],
            list(row["partners"]),
            row["description"],
            _date_text(row["since"]),
            _date_text(row["next_evaluation"]),
            int(row["id"]),
            {},
            t("agreement_mode_edit", lang),
        )

    @app.callback(
        Output("agreements-feedback", "children"),
        *[Output(f"agreements-{f}-error", "children") for f in FIELDS],
        Output("agreements-reload", "data"),
        Input("agreements-save", "n_clicks"),
        Input("agreements-delete", "submit_n_clicks"),
        State("agreements-network", "value"),
        State("agreements-editing", "data"),
        *[State(f"agreements-{f}", "value") for f in FIELDS],
        State("agreements-reload", "data"),
        State("agreements-lang", "data"),
        prevent_initial_call=True,
    )
    def _save(_save, _delete, network, editing, *rest):
        *values, reload, lang = rest
        lang = language(lang)
        account = _require_writer(network)
        c = context()
        form = dict(zip(FIELDS, values, strict=True))
        counter = (reload or {}).get("n", 0) + 1
        try:
            if ctx.triggered_id == "agreements-delete":
                if editing is None:
                    raise PreventUpdate
                register.delete_agreement(
                    c.engine, c.consortium_id, editing, network=network, user_id=account.id
                )
                message = dbc.Alert(
                    t("agreement_deleted", lang), color="success", id="agreements-deleted"
                )
                return message, *[""] * len(FIELDS), {"n": counter, "id": None}
            saved = register.save_agreement(
                c.engine,
                c.consortium_id,
                network=network,
                **form,
                user_id=account.id,
                agreement_id=editing,
            )
        except register.AgreementError as error:
            limit = register.DESCRIPTION_MAX
            errors = [
                t(error.errors[f], lang, max=limit) if f in error.errors else "" for f in FIELDS
            ]
            general = t(error.errors.get("agreement", "agreement_invalid"), lang)
            message = dbc.Alert(general, color="danger", id="agreements-invalid")
            return message, *errors, no_update
        message = dbc.Alert(t("agreement_saved", lang), color="success", id="agreements-saved")
        return message, *[""] * len(FIELDS), {"n": counter, "id": saved}
