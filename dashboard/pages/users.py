"""Gebruikers: the administrator's page for accounts — add, change role and networks, disable and
enable, send a reset link. The same functions as `samenwerkingsmonitor users` on the command line
(accounts/users.py, password_reset.py): the same checks and the same audit, with
the administrator as the actor. Only the beheerder opens the page; every callback checks that on
the server (dashboard/app.py), hiding nothing protects anything.
"""

from __future__ import annotations

import secrets

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from accounts.password_reset import send_reset_link
from accounts.users import ROLES as ACCOUNT_ROLES
from accounts.users import (
    AccountError,
    add_user,
    list_users,
    set_active,
    set_role,
)
from dashboard import access
from dashboard.components import card
from dashboard.i18n import language, t
from dashboard.pages.common import context

PATH = "/gebruikers"
TITLE = "users_page"
ROLES = ("beheerder",)  # who opens the page (ACCOUNT_ROLES: the roles an account can have)
ACTIONS = ("users-add", "users-set-role", "users-disable", "users-enable", "users-send-reset")


def _role_options(lang: str) -> list[dict]:
    return [{"label": t(f"role_{r}", lang), "value": r} for r in ACCOUNT_ROLES]


def _network_options() -> list[dict]:
    return [{"label": f"{n.code} {n.name}", "value": n.code} for n in context().framework.networks]


def _field(label: str, component) -> html.Div:
    return html.Div([dbc.Label(label, html_for=component.id), component], className="mb-2")


def users_table(lang: str) -> dbc.Table:
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(k, lang))
                for k in (
                    "users_email",
                    "users_name",
                    "users_role",
                    "users_networks",
                    "users_state",
                )
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Td(a.email),
                html.Td(a.name),
                html.Td(t(f"role_{a.role}", lang)),
                html.Td(", ".join(a.networks) or t("users_all_networks", lang)),
                html.Td(t("users_active" if a.active else "users_disabled", lang)),
            ],
            className="" if a.active else "text-muted",
        )
        for a in list_users(context().engine)
    ]
    return dbc.Table([head, html.Tbody(rows)], size="sm", id="users-table", responsive=True)


def _account_options() -> list[dict]:
    return [
        {"label": f"{a.email} ({a.name})", "value": a.email} for a in list_users(context().engine)
    ]


def layout(lang: str | None = None, **_) -> html.Div:
    lang = language(lang)
    add_form = [
        html.P(t("users_add_help", lang), className="small text-muted"),
        _field(t("users_email", lang), dbc.Input(id="users-new-email", type="email")),
        _field(t("users_name", lang), dbc.Input(id="users-new-name", type="text", maxLength=200)),
        _field(
            t("users_role", lang),
            dcc.Dropdown(id="users-new-role", options=_role_options(lang), value="coordinator"),
        ),
        _field(
            t("users_networks", lang),
            dcc.Dropdown(id="users-new-networks", options=_network_options(), multi=True),
        ),
        dbc.Button(t("users_add", lang), id="users-add", color="primary"),
    ]
    buttons = [
        dbc.Button(t("users_set_role", lang), id="users-set-role", color="primary"),
        dbc.Button(t("users_disable", lang), id="users-disable", color="danger", outline=True),
        dbc.Button(t("users_enable", lang), id="users-enable", color="secondary", outline=True),
        dbc.Button(t("users_send_reset", lang), id="users-send-reset", color="secondary"),
    ]
    change_form = [
        _field(
            t("users_account", lang), dcc.Dropdown(id="users-account", options=_account_options())
        ),
        _field(t("users_role", lang), dcc.Dropdown(id="users-role", options=_role_options(lang))),
        _field(
            t("users_networks", lang),
            dcc.Dropdown(id="users-networks", options=_network_options(), multi=True),
        ),
        html.Div(buttons, className="d-flex flex-wrap gap-2"),
    ]
    return html.Div(
        [
            dcc.Store(id="users-lang", data=lang),
            html.H2(t("users_page", lang), className="h4"),
            html.P(t("users_intro", lang)),
            html.Div(id="users-feedback"),
            dbc.Row(
                [
                    dbc.Col(card(t("users_add_title", lang), add_form), md=6),
                    dbc.Col(card(t("users_change_title", lang), change_form), md=6),
                ]
            ),
            card(t("users_list", lang), [html.Div(users_table(lang), id="users-table-wrap")]),
        ]
    )


def perform(action: str, values: dict, lang: str):
    """Do one action of the page as the logged-in administrator; the message to show."""
    c, account = context(), access.require_account()
    who = {"actor": account}
    email = values.get("email") or ""
    if action == "users-add":
        new_email = values.get("new_email") or ""
        password = secrets.token_urlsafe(24)  # never shown: the person chooses one by the link
        added = add_user(
            c.engine,
            new_email,
            (values.get("new_name") or "").strip() or new_email,
            values.get("new_role") or "",
            password,
            list(values.get("new_networks") or []),
            **who,
        )
        send_reset_link(c.engine, c.settings, added.email, **who)
        return t("users_added", lang, email=added.email)
    if not email:
        raise AccountError(t("users_choose_account", lang).rstrip("."))
    # The administrator cannot lock themselves out: another administrator has to do that.
    demotes = action == "users-set-role" and values.get("role") != "beheerder"
    if email == account.email and (action == "users-disable" or demotes):
        raise AccountError(t("users_not_self", lang))
    if action == "users-set-role":
        networks = list(values.get("networks") or [])
        set_role(c.engine, email, values.get("role") or "", networks, **who)
        return t("users_role_set", lang, email=email)
    if action in ("users-disable", "users-enable"):
        set_active(c.engine, email, action == "users-enable", **who)
        return t(
            "users_enabled_done" if action == "users-enable" else "users_disabled_done",
            lang,
            email=email,
        )
    send_reset_link(c.engine, c.settings, email, **who)
    return t("users_reset_sent", lang, email=email)


def register_callbacks(app) -> None:
    @app.callback(
        Output("users-feedback", "children"),
        Output("users-table-wrap", "children"),
        Output("users-account", "options"),
        *[Input(action, "n_clicks") for action in ACTIONS],
        State("users-new-email", "value"),
        State("users-new-name", "value"),
        State("users-new-role", "value"),
        State("users-new-networks", "value"),
        State("users-account", "value"),
        State("users-role", "value"),
        State("users-networks", "value"),
        State("users-lang", "data"),
        prevent_initial_call=True,
    )
    def _act(*args):
        lang = language(args[-1])
        names = ("new_email", "new_name", "new_role", "new_networks", "email", "role", "networks")
        values = dict(zip(names, args[len(ACTIONS) : -1], strict=True))
        if ctx.triggered_id not in ACTIONS:
            raise PreventUpdate
        try:
            message = dbc.Alert(
                perform(ctx.triggered_id, values, lang), color="success", id="users-done"
            )
        except AccountError as error:
            message = dbc.Alert(
                t("users_refused", lang, reason=str(error)), color="danger", id="users-error"
            )
        return message, users_table(lang), _account_options()

    @app.callback(
        Output("users-role", "value"),
        Output("users-networks", "value"),
        Input("users-account", "value"),
    )
    def _load(email):
        if not email:
            raise PreventUpdate
        found = [a for a in list_users(context().engine) if a.email == email]
        if not found:
            raise PreventUpdate
        return found[0].role, list(found[0].networks)
