"""Afspraken: the agreements register (samenwerkingsafspraken) of a network — documented
transmural agreements between two or more of its partners, what about, since when and when they
are evaluated next, with a marker where that evaluation date has passed.

Everyone reads the agreements of the networks they may see; the network's coordinators and the
administrator add, change and remove them (domain.md, "Who may do what"). A register page
(dashboard/pages/register.py): rights on the server in every callback. Writes go through
collectors/agreements.py (validation, one transaction, audit event).
"""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ctx, dcc, html
from dash.exceptions import PreventUpdate

from collectors import agreements as register
from dashboard.components import card
from dashboard.i18n import language, t
from dashboard.pages import register as register_page
from dashboard.pages.common import context
from dashboard.pages.register import HIDDEN, Register, Written
from db.models import AGREEMENT_TOPICS
from samenwerkingsmonitor import clock

PATH = "/afspraken"
TITLE = "agreements_page"
PAGE = "agreements"
# Every role reads (its own networks); who writes is checked per network (register.may_write).


def topic_label(code: str, lang: str) -> str:
    key = f"agreement_topic_{code}"
    return t(key, lang) if code in AGREEMENT_TOPICS else code


def _date_text(value) -> str:
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return ""
    return value.strftime("%d-%m-%Y")


def _partner_options(network: str) -> list[dict]:
    """The partners a writer may name in this network's agreements."""
    c = context()
    partners = register.network_partners(c.engine, c.consortium_id, network)
    return [{"label": f"{name} ({code})", "value": code} for code, name in partners.items()]


REGISTER = Register(
    page=PAGE,
    item="agreement",
    fields=("topic", "partners", "description", "since", "next_evaluation"),
    writer_id="agreements-form-card",
    removable=True,
    form_options={"agreements-partners": _partner_options},
)


def _field(label: str, component, field: str, help_text: str | None = None) -> html.Div:
    return register_page.form_field(REGISTER, label, component, field, help_text)


def _form(lang: str) -> html.Div:
    topics = [{"label": topic_label(c, lang), "value": c} for c in AGREEMENT_TOPICS]
    fields = [
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
            dbc.Textarea(id="agreements-description", rows=3, maxLength=register.DESCRIPTION_MAX),
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
    ]
    delete = html.Span(
        dcc.ConfirmDialogProvider(
            dbc.Button(t("agreement_delete", lang), color="danger", outline=True),
            id="agreements-delete",
            message=t("agreement_delete_confirm", lang),
        ),
        id="agreements-delete-wrap",
        className="ms-2",
        style=HIDDEN,
    )
    return register_page.form(REGISTER, lang, fields, [delete])


def layout(lang: str | None = None, network: str | None = None, **_):
    lang = language(lang)
    return register_page.layout(
        REGISTER,
        lang,
        network,
        lambda: card(t("agreements_form_title", lang), [_form(lang)]),
    )


def agreements_table(frame: pd.DataFrame, lang: str, writable: bool, today: date):
    """The network's agreements: topic, partners, description, dates (an overdue evaluation
    marked), last change; an edit button per row for those who may write."""
    headings = [
        t("agreement_topic", lang),
        t("agreement_partners", lang),
        t("agreement_description", lang),
        t("agreement_since", lang),
        t("agreement_next_evaluation", lang),
        t("agreement_updated", lang),
    ]
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
                f"{clock.local(r.updated_at).strftime('%d-%m-%Y')}"
                + (f" · {r.updated_by}" if r.updated_by else ""),
                className="small text-muted",
            ),
        ]
        rows.append(register_page.table_row(REGISTER, lang, r.id, cells, writable))
    return register_page.rows_table(REGISTER, lang, headings, rows, writable)


def agreements_frame(c, query: dict, lang: str) -> pd.DataFrame:
    """The download: the agreements of the query's network (else of every network this person
    may read), with the same words as the table."""
    codes = register_page.download_networks(c, query)
    frame = register.list_agreements(c.engine, c.consortium_id, codes)
    today = clock.today()
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
                clock.local(x).strftime("%d-%m-%Y") for x in frame["updated_at"]
            ],
        }
    )


TABLES = {"agreements": agreements_frame}


def _table(network: str, lang: str, writable: bool):
    c = context()
    frame = register.list_agreements(c.engine, c.consortium_id, [network])
    return agreements_table(frame, lang, writable, clock.today())


def _load(wanted) -> tuple | None:
    """topic, partners, description, since and next evaluation of an agreement, or None."""
    c = context()
    # The agreement's own network decides, whatever the page's dropdown says.
    register_page.require_writer(register.agreement_network(c.engine, c.consortium_id, wanted))
    frame = register.list_agreements(c.engine, c.consortium_id)
    found = frame[frame["id"] == int(wanted)]
    if found.empty:
        return None
    row = found.iloc[0]
    return (
        row["topic"],
        list(row["partners"]),
        row["description"],
        _date_text(row["since"]),
        _date_text(row["next_evaluation"]),
    )


def _write(network: str, editing, form: dict, account, lang: str) -> Written:
    """Save the form, or remove the agreement in it when the delete button was confirmed."""
    c = context()
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
            return Written(message, None)
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
        errors = {
            f: t(error.errors[f], lang, max=limit) for f in REGISTER.fields if f in error.errors
        }
        general = t(error.errors.get("agreement", "agreement_invalid"), lang)
        message = dbc.Alert(general, color="danger", id="agreements-invalid")
        return Written(message, errors=errors)
    message = dbc.Alert(t("agreement_saved", lang), color="success", id="agreements-saved")
    return Written(message, saved)


def register_callbacks(app) -> None:
    register_page.register_callbacks(
        app,
        REGISTER,
        table=_table,
        empty=(None, [], "", "", ""),
        load=_load,
        write=_write,
    )
