"""Partners: the member organisations (netwerkpartners) of a network, their sector and the waves
of the partner-network questionnaire in which they are listed — the list that the network map
and its figures count (measures.md, "Partner network").

Everyone reads the partners of the networks they may see; the administrator (every network) and
a network's coordinators (their own) add and change partners, one at a time or by uploading a
partner list (CSV or XLSX with the columns network, code, name, sector, waves). A register page
(dashboard/pages/register.py): rights on the server in every callback, hiding the form protects
nothing. Writes go through collectors/partners.py (validation, one transaction, audit event,
recompute marks).
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from flask import abort

from collectors import partner_upload
from collectors import partners as partner_list
from collectors.files import FileFormatError, TooManyRows
from dashboard import access
from dashboard.components import card, explanation
from dashboard.i18n import language, t
from dashboard.pages import register as register_page
from dashboard.pages import register_upload
from dashboard.pages.common import context
from dashboard.pages.register import Register, Written
from db.models import SECTORS

PATH = "/partners"
TITLE = "partners_page"
PAGE = "partners"
# Every role reads (its own networks); who writes is checked per network (register.may_write).

UPLOAD_MAX = partner_upload.UPLOAD_MAX_BYTES  # the browser's check; the server checks again
UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xlsm")
REGISTER = Register(
    page=PAGE,
    item="partner",
    fields=("code", "name", "sector", "waves"),
    writer_id="partners-writer",
)


def may_upload() -> bool:
    account = access.current_account()
    return account is not None and account.role in ("beheerder", "coordinator")


def sector_label(code: str | None, lang: str) -> str:
    return t(f"sector_{code}", lang) if code in SECTORS else str(code or "")


def relational_waves() -> list[str]:
    """The codes of the relational instrument's waves, in order."""
    c = context()
    consortium_id = c.consortium_id  # before the connection: on first use it needs its own
    with c.engine.connect() as conn:
        return sorted(partner_list.PartnerLookups.load(conn, consortium_id).waves)


def _field(label: str, component, field: str, help_text: str | None = None) -> html.Div:
    return register_page.form_field(REGISTER, label, component, field, help_text)


def _form(lang: str, waves: list[str]) -> html.Div:
    sectors = [{"label": sector_label(s, lang), "value": s} for s in SECTORS]
    fields = [
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
    ]
    return register_page.form(REGISTER, lang, fields)


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

    def writer_cards() -> list:
        cards = [card(t("partners_form_title", lang), [_form(lang, relational_waves())])]
        if may_upload():
            cards.append(card(t("partners_upload_title", lang), [_upload(lang)]))
        return cards

    return register_page.layout(REGISTER, lang, network, writer_cards)


def partners_table(frame, lang: str, writable: bool):
    """The network's partners: code, name, sector, the waves they are listed in; an edit button
    per row for those who may write."""
    headings = [
        t("partner_code", lang),
        t("partner_name", lang),
        t("partner_sector", lang),
        t("partner_waves", lang),
    ]
    rows = []
    for r in frame.itertuples(index=False):
        cells = [
            html.Td(r.code),
            html.Td(r.name),
            html.Td(sector_label(r.sector, lang)),
            html.Td(", ".join(r.waves) or "–"),
        ]
        rows.append(register_page.table_row(REGISTER, lang, r.id, cells, writable))
    return register_page.rows_table(REGISTER, lang, headings, rows, writable)


def partners_frame(c, query: dict, lang: str) -> pd.DataFrame:
    """The download: the partners of the query's network (else of every network this person may
    read), with the same words as the table."""
    codes = register_page.download_networks(c, query)
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


def _partner(partner_id) -> dict | None:
    """One partner of the consortium as list_partners gives it, or None."""
    c = context()
    frame = partner_list.list_partners(c.engine, c.consortium_id)
    try:
        found = frame[frame["id"] == int(partner_id)]
    except (TypeError, ValueError):
        return None
    return None if found.empty else found.iloc[0].to_dict()


def import_upload(contents: str, filename: str, account, lang: str):
    """Import an uploaded partner list: (what to show, whether anything changed)."""
    name = Path(filename or "partners.csv").name

    def refuse(key: str, **values):
        text = t(key, lang, **values)
        return dbc.Alert(text, color="danger", id="partners-upload-error"), False

    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        return refuse("partners_upload_type")
    encoded = (contents or "").split(",", 1)[-1]
    # Checked before decoding: the browser's max_size is no check at all for the server.
    if partner_upload.decoded_size(encoded) > UPLOAD_MAX:
        return refuse("partners_upload_too_big", mb=UPLOAD_MAX // (1024 * 1024))
    try:
        data = base64.b64decode(encoded, validate=True)
    except (ValueError, binascii.Error):
        return refuse("partners_upload_unreadable")
    c = context()
    try:
        # A coordinator's rows for another network are rejected, the rest imported.
        summary = partner_upload.import_upload(
            c.engine,
            data,
            name,
            consortium_id=c.consortium_id,
            networks=None if account.role == "beheerder" else account.networks,
            actor=account,
        )
    except partner_upload.UploadTooLarge:
        return refuse("partners_upload_too_big", mb=UPLOAD_MAX // (1024 * 1024))
    except TooManyRows as error:
        return refuse("partners_upload_too_many_rows", rows=f"{error.max_rows:,}".replace(",", "."))
    except FileFormatError as error:
        return dbc.Alert(str(error), color="danger", id="partners-upload-error"), False
    return register_upload.result(PAGE, name, summary, lang), summary.changed


def _table(network: str, lang: str, writable: bool):
    c = context()
    frame = partner_list.list_partners(c.engine, c.consortium_id, [network])
    return partners_table(frame, lang, writable)


def _load(wanted) -> tuple | None:
    """code, name, sector and waves of a partner (a partner that is gone is refused)."""
    partner = _partner(wanted)
    # The partner's own network decides, whatever the page's dropdown says.
    register_page.require_writer(partner["network"] if partner else None)
    return partner["code"], partner["name"], partner["sector"], list(partner["waves"])


def _write(network: str, editing, form: dict, account, lang: str) -> Written:
    if editing is not None:
        # Only a partner of this network: an id of another network's partner would move it.
        partner = _partner(editing)
        if partner is None or partner["network"] != network:
            abort(403, description="geen partner van dit netwerk")
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
        limits = {"code_max": partner_list.CODE_MAX, "name_max": partner_list.NAME_MAX}
        problems = [(p.field, t(f"partner_error_{p.key}", lang, **limits)) for p in error.problems]
        return register_page.refused(REGISTER, problems, lang)
    message = dbc.Alert(t("partner_saved", lang), color="success", id="partners-saved")
    return Written(message, saved)


def register_callbacks(app) -> None:
    register_page.register_callbacks(
        app, REGISTER, table=_table, empty=("", "", None, []), load=_load, write=_write
    )
    refusal = "geen rechten om partnerlijsten in te lezen"
    register_upload.register_upload_callback(app, PAGE, may_upload, refusal, import_upload)
