"""Uploading a register file on a register page (Projectregister, Doelenregister): the drop zone,
the uploaded bytes as a file under the user's own file name (so the run, the rejects and the
messages name it), and what the import did, with every rejected row and its reason.

Who may upload is the page's check (may_upload), made by the upload callback before anything
else runs. The Partners page reads its uploads its own way (the size checked before decoding, a
coordinator's rows of other networks rejected) and shares the callback and the result shown.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from collections.abc import Callable
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import abort

from collectors.files import FileFormatError
from collectors.run_record import RunSummary
from collectors.runs import rejected_rows
from dashboard import access
from dashboard.components import explanation
from dashboard.i18n import language, t
from dashboard.pages.common import context

UPLOAD_MAX = 5 * 1024 * 1024  # a register is a few hundred rows; refuse anything huge
SUFFIXES = (".csv", ".xlsx", ".xlsm")
REJECT_HEADINGS = ("register_reject_row", "register_reject_column", "register_reject_reason")


def upload_zone(page: str, help_text: str, lang: str) -> html.Div:
    """The drop zone `{page}-upload` and the place for its result `{page}-upload-result`."""
    return html.Div(
        [
            explanation(help_text),
            dcc.Upload(
                html.Div(t("register_upload_drop", lang)),
                id=f"{page}-upload",
                accept=",".join(SUFFIXES),
                max_size=UPLOAD_MAX,
                className="border border-2 rounded p-3 text-center text-muted",
                style={"borderStyle": "dashed", "cursor": "pointer"},
            ),
            html.Div(id=f"{page}-upload-result", className="mt-3"),
        ]
    )


def import_upload(
    page: str, contents: str, filename: str | None, lang: str, read: Callable[[Path], RunSummary]
) -> tuple:
    """Import an uploaded file with `read(path)`: (what to show, whether anything changed)."""
    name = Path(filename or f"{page}.csv").name
    if Path(name).suffix.lower() not in SUFFIXES:
        return _error(page, t("register_upload_type", lang)), False
    try:
        data = base64.b64decode((contents or "").split(",", 1)[1], validate=True)
    except (IndexError, ValueError, binascii.Error):
        return _error(page, t("register_upload_unreadable", lang)), False
    with tempfile.TemporaryDirectory(prefix=f"{page}-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            summary = read(path)
        except FileFormatError as error:
            return _error(page, str(error)), False
    return result(page, name, summary, lang), summary.changed


def _error(page: str, message: str) -> dbc.Alert:
    return dbc.Alert(message, color="danger", id=f"{page}-upload-error")


def result(page: str, name: str, summary: RunSummary, lang: str) -> html.Div:
    """The counts of an import, its warnings and a table of its rejected rows."""
    counts = t(
        "partners_upload_summary",
        lang,
        file=name,
        new=summary.rows_new,
        updated=summary.rows_updated,
        unchanged=summary.rows_unchanged,
        rejected=summary.rows_rejected,
    )
    parts = [
        dbc.Alert(
            counts,
            color="warning" if summary.rows_rejected else "success",
            id=f"{page}-upload-summary",
        )
    ]
    if summary.warnings:
        parts.append(html.Ul([html.Li(w) for w in summary.warnings], className="small"))
    rejects = rejected_rows(context().engine, run_id=summary.run_id)
    if not rejects.empty:
        head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in REJECT_HEADINGS]))
        body = [
            html.Tr([html.Td(str(n)), html.Td(c or ""), html.Td(r)])
            for n, c, r in zip(rejects["row_number"], rejects["column"], rejects["reason"])
        ]
        parts.append(
            dbc.Table([head, html.Tbody(body)], size="sm", id=f"{page}-rejects", responsive=True)
        )
    return html.Div(parts)


def register_upload_callback(
    app, page: str, may_upload: Callable[[], bool], refusal: str, upload: Callable[..., tuple]
) -> None:
    """The callback of the drop zone `{page}-upload`: refused (403, `refusal`) unless
    may_upload(); upload(contents, filename, account, lang) → (what to show, whether anything
    changed); a change makes the page show its rows again with an empty form."""

    @app.callback(
        Output(f"{page}-upload-result", "children"),
        Output(f"{page}-reload", "data", allow_duplicate=True),
        Input(f"{page}-upload", "contents"),
        State(f"{page}-upload", "filename"),
        State(f"{page}-reload", "data"),
        State(f"{page}-lang", "data"),
        prevent_initial_call=True,
    )
    def _upload(contents, filename, reload, lang):
        account = access.require_account()
        if not may_upload():
            abort(403, description=refusal)
        if not contents:
            raise PreventUpdate
        shown, changed = upload(contents, filename, account, language(lang))
        if not changed:
            return shown, no_update
        return shown, {"n": (reload or {}).get("n", 0) + 1, "id": None}
