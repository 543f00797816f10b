"""The steering group's notes on a network's timeline (the Netwerk page): the form, its callback
and the checked write. Only the steering group and the administrator write notes."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html

from dashboard import access, queries
from dashboard.i18n import language, t
from dashboard.pages.common import context
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

NOTE_MAX = 200


def note_form(lang: str) -> html.Div:
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(t("note_date", lang), html_for="note-date"),
                            dbc.Input(id="note-date", type="date", value=clock.today().isoformat()),
                        ],
                        xs=12,
                        md=3,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(t("note_text", lang), html_for="note-text"),
                            dbc.Input(id="note-text", type="text", maxLength=NOTE_MAX),
                        ],
                        xs=12,
                        md=6,
                    ),
                    dbc.Col(
                        dbc.Button(t("note_add", lang), id="note-add", color="primary"),
                        xs=12,
                        md=3,
                        className="d-flex align-items-end",
                    ),
                ],
                className="g-2",
            ),
            html.Div(id="note-feedback", className="mt-2"),
        ]
    )


def register_note_callback(app) -> None:
    @app.callback(
        Output("note-feedback", "children"),
        Output("network-notes-version", "data"),
        Input("note-add", "n_clicks"),
        State("note-date", "value"),
        State("note-text", "value"),
        State("network-network", "value"),
        State("network-notes-version", "data"),
        State("page-lang", "data"),
        prevent_initial_call=True,
    )
    def _add_note(_clicks, noted_on, text, network, version, lang):
        message, added = add_note(context(), network, noted_on, text, language(lang))
        return message, (version or 0) + (1 if added else 0)


def add_note(ctx, network: str, noted_on: str | None, text: str | None, lang: str):
    """Check, validate and write a timeline note; returns (feedback, whether it was added)."""
    if network == ALL_NETWORKS:
        return dbc.Alert(t("note_consortium", lang), color="warning"), False
    if not access.may_write_note(network):
        return dbc.Alert(t("note_forbidden", lang), color="danger"), False
    text = (text or "").strip()
    try:
        when = date.fromisoformat(noted_on or "")
    except ValueError:
        when = None
    if when is None or not text or len(text) > NOTE_MAX:
        return dbc.Alert(t("note_invalid", lang), color="warning"), False
    queries.add_timeline_note(ctx.engine, ctx.consortium_id, network, when, text)
    with ctx.engine.begin() as conn:
        from accounts.users import audit

        audit(
            conn,
            access.current_account(),
            "add",
            "timeline_note",
            network,
            None,
            {"noted_on": when.isoformat(), "text": text},
        )
    return dbc.Alert(t("note_added", lang), color="success", id="note-added"), True
