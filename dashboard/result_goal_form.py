"""The result-goal (ER-doel) form of the Doelenregister: code, name and the ambition it falls
under. Saving a code that exists changes that result goal (its name or ambition); every change is
audited (collectors/goals.py). Only the administrator writes: the card is only in the
administrator's layout and the callback refuses anyone else with 403."""

from __future__ import annotations

from collections.abc import Callable

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from flask import abort

from collectors import goals as register
from collectors.register_rows import RegisterInvalid
from dashboard import access
from dashboard.components import card
from dashboard.i18n import language, problem_text, t
from dashboard.pages.common import context

PREFIX = "resultgoal"


def result_goal_card(lang: str) -> dbc.Card:
    ambitions = [
        {"label": f"{a.code} {a.name}"[:80], "value": a.code} for a in context().framework.ambitions
    ]

    def field(name: str, component) -> html.Div:
        return html.Div(
            [dbc.Label(t(f"goal_{name}", lang), html_for=f"{PREFIX}-{name}"), component],
            className="mb-2",
        )

    return card(
        t("resultgoal_title", lang),
        [
            html.P(t("resultgoal_help", lang), className="small text-muted"),
            dbc.Row(
                [
                    dbc.Col(field("code", dbc.Input(id=f"{PREFIX}-code", maxLength=40)), md=3),
                    dbc.Col(
                        field("name", dbc.Input(id=f"{PREFIX}-name", maxLength=register.NAME_MAX)),
                        md=6,
                    ),
                    dbc.Col(
                        field("ambition", dcc.Dropdown(id=f"{PREFIX}-ambition", options=ambitions)),
                        md=3,
                    ),
                ]
            ),
            dbc.Button(t("resultgoal_save", lang), id=f"{PREFIX}-save"),
            html.Div(id=f"{PREFIX}-feedback", className="mt-2"),
        ],
        id=f"{PREFIX}-card",
    )


def register_result_goal_callbacks(
    app, lang_id: str, table_id: str, table: Callable[[str], object]
) -> None:
    @app.callback(
        Output(f"{PREFIX}-feedback", "children"),
        Output(table_id, "children"),
        Input(f"{PREFIX}-save", "n_clicks"),
        State(f"{PREFIX}-code", "value"),
        State(f"{PREFIX}-name", "value"),
        State(f"{PREFIX}-ambition", "value"),
        State(lang_id, "data"),
        prevent_initial_call=True,
    )
    def _save(_n, code, name, ambition, lang):
        account = access.require_account()
        if account.role != "beheerder":
            abort(403, description="alleen de beheerder wijzigt de resultaatdoelen")
        lang = language(lang)
        c = context()
        form = {"code": code, "name": name, "ambition": ambition}
        try:
            done = register.save_result_goal(c.engine, c.consortium_id, form, actor=account)
        except RegisterInvalid as error:
            lines = [
                html.Div(f"{t(f'goal_{p.field}', lang)}: {problem_text(p.key, p.message, lang)}")
                for p in error.problems
            ]
            return dbc.Alert(lines, color="danger", id=f"{PREFIX}-invalid"), table(lang)
        key = "resultgoal_unchanged" if done == "unchanged" else "resultgoal_saved"
        return dbc.Alert(t(key, lang), color="success", id=f"{PREFIX}-saved"), table(lang)
