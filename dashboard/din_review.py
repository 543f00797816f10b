"""The DIN's half-yearly review in the dashboard: the beheerder's card on Projectregister (date,
a decision per project, a note) and the latest review on Projecten for every reader — only the
decisions on projects they may read (the projects their networks take part in).

Rights on the server: recording is the administrator's (the callback refuses anyone else with
403, and the card is only in the administrator's layout). Writes go through
collectors/din_reviews.py (checks, one transaction, an audit event).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from flask import abort

from collectors import din_reviews
from collectors.register_rows import RegisterInvalid
from dashboard import access, queries
from dashboard.components import card
from dashboard.i18n import language, problem_text, t
from dashboard.pages.common import context
from reports import din_records

FIELDS = ("reviewed_on", "note", *din_reviews.REVIEW_DECISIONS)
COLOURS = {"continue": "success", "adjust": "warning", "stop": "danger"}


def review_card(lang: str) -> dbc.Card:
    """The administrator's form (only in the administrator's layout)."""
    c = context()
    codes = queries.projects(c.engine, c.consortium_id)
    choices = [
        {"label": f"{r.project} {r.name}"[:80], "value": r.project} for r in codes.itertuples()
    ]

    def decision(name: str) -> dbc.Col:
        return dbc.Col(
            [
                dbc.Label(t(f"din_review_{name}", lang), html_for=f"din-review-{name}"),
                dcc.Dropdown(id=f"din-review-{name}", options=choices, multi=True),
            ],
            md=4,
        )

    return card(
        t("din_review_title", lang),
        [
            html.P(t("din_review_help", lang), className="small text-muted"),
            dbc.Label(t("din_review_date", lang), html_for="din-review-reviewed_on"),
            dbc.Input(id="din-review-reviewed_on", placeholder="dd-mm-jjjj", className="mb-2"),
            dbc.Row([decision(name) for name in din_reviews.REVIEW_DECISIONS], className="mb-2"),
            dbc.Label(t("din_review_note", lang), html_for="din-review-note"),
            dbc.Textarea(id="din-review-note", rows=3, maxLength=din_reviews.NOTE_MAX),
            dbc.Button(t("din_review_save", lang), id="din-review-save", className="mt-2"),
            html.Div(id="din-review-feedback", className="mt-2"),
        ],
        id="din-review-card",
    )


def latest_block(lang: str) -> html.Div:
    """The latest review as this reader may see it: its date and note, and the decisions on the
    projects of the networks they read."""
    c = context()
    review = din_records.latest_review(c.engine, c.consortium_id)
    if review is None:
        return html.Div(
            html.P(t("din_review_none", lang), className="text-muted small"), id="din-review-latest"
        )
    readable = set(queries.projects(c.engine, c.consortium_id)["project"])
    badges = [
        dbc.Badge(
            f"{t(f'din_review_{decision}', lang)}: {code}",
            color=COLOURS[decision],
            className="me-1 mb-1 din-decision",
            title=name,
        )
        for code, (decision, name) in review.decisions.items()
        if code in readable
    ]
    return html.Div(
        [
            html.Strong(t("din_review_latest", lang, date=f"{review.reviewed_on:%d-%m-%Y}")),
            html.Div(badges, className="my-1"),
            html.P(review.note, className="small mb-2") if review.note else None,
        ],
        id="din-review-latest",
        className="mb-2",
    )


def _label(name: str, lang: str) -> str:
    return t("din_review_date" if name == "reviewed_on" else f"din_review_{name}", lang)


def register_review_callbacks(app, lang_id: str) -> None:
    @app.callback(
        Output("din-review-feedback", "children"),
        Input("din-review-save", "n_clicks"),
        *[State(f"din-review-{name}", "value") for name in FIELDS],
        State(lang_id, "data"),
        prevent_initial_call=True,
    )
    def _record(_n, *args):
        account = access.require_account()
        if account.role != "beheerder":
            abort(403, description="alleen de beheerder legt een DIN-review vast")
        lang = language(args[-1])
        values = dict(zip(FIELDS, args[:-1], strict=True))
        c = context()
        try:
            din_reviews.record_review(c.engine, c.consortium_id, values, actor=account)
        except RegisterInvalid as error:
            lines = [
                html.Div(f"{_label(p.field, lang)}: {problem_text(p.key, p.message, lang)}")
                for p in error.problems
            ]
            return dbc.Alert(
                [t("din_review_invalid", lang), *lines], color="danger", id="din-review-invalid"
            )
        return dbc.Alert(t("din_review_saved", lang), color="success", id="din-review-saved")
