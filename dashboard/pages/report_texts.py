"""The Rapportage page's cards where the consortium writes its own words into the report: the
foreword (on the cover) and a reflection per network (closing that network's chapter). Every
save is a version (reports/report_texts.py); each card lists the earlier versions with who
saved them and when, and their text, so an earlier wording can be taken back.

Who may write is decided by dashboard/access.may_write_report_text from the values the request
carries (the network), on top of the page's own roles."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard import access
from dashboard.i18n import language, t
from dashboard.pages.common import context
from reports.report_texts import (
    MAX_LENGTH,
    TextTooLong,
    UnknownNetwork,
    current_text,
    save_text,
    versions,
)
from samenwerkingsmonitor import clock


def history(ctx, network: str | None, lang: str) -> html.Details | None:
    """The stored versions, newest first, each with who saved it, when, and its text."""
    found = versions(ctx.engine, ctx.consortium_id, network)
    if not found:
        return None
    items = []
    for v in found:
        label = t(
            "report_version",
            lang,
            version=v.version,
            at=clock.local(v.saved_at).strftime("%d-%m-%Y %H:%M"),
            who=v.saved_by or t("report_version_nobody", lang),
        )
        shown = v.text or t("report_version_removed", lang)
        items.append(
            html.Li([html.Strong(label), html.Div(shown, style={"whiteSpace": "pre-wrap"})])
        )
    return html.Details(
        [html.Summary(t("report_versions", lang)), html.Ul(items)], className="mt-2"
    )


def _card(
    lang: str, title: str, help_: str, fields: list, prefix: str, value: str, past
) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                # The heading is the text field's label, so a screen reader names the field.
                html.Label(t(title, lang), htmlFor=prefix, className="h5 d-block"),
                html.P(t(help_, lang), className="text-muted"),
                *fields,
                dbc.Textarea(id=prefix, value=value, maxLength=MAX_LENGTH, rows=6),
                dbc.Button(
                    t(f"{title}_save", lang),
                    id=f"{prefix}-save",
                    color="secondary",
                    className="mt-2",
                ),
                html.Div(id=f"{prefix}-message", className="mt-2"),
                html.Div(past, id=f"{prefix}-history"),
            ]
        ),
        className="mt-4",
    )


def cards(ctx, lang: str) -> list:
    """The foreword's card and the reflections' card (first network chosen)."""
    foreword = _card(
        lang,
        "report_foreword",
        "report_foreword_help",
        [],
        "report-foreword",
        current_text(ctx.engine, ctx.consortium_id),
        history(ctx, None, lang),
    )
    networks = [n.code for n in ctx.framework.networks]
    names = {n.code: n.name for n in ctx.framework.networks}
    chosen = networks[0] if networks else None
    choice = [
        dbc.Label(t("report_reflection_network", lang), html_for="report-reflection-network"),
        dbc.Select(
            id="report-reflection-network",
            options=[{"label": names[c], "value": c} for c in networks],
            value=chosen,
            className="mb-2",
        ),
    ]
    reflection = _card(
        lang,
        "report_reflection",
        "report_reflection_help",
        choice,
        "report-reflection",
        current_text(ctx.engine, ctx.consortium_id, chosen) if chosen else "",
        history(ctx, chosen, lang) if chosen else None,
    )
    return [foreword, reflection]


def save(network: str | None, text: str | None, lang: str, saved_key: str):
    """Store the text as a new version; the message to show and the history after it."""
    ctx = context()
    account = access.current_account()
    if not access.may_write_report_text(network, account):
        return dbc.Alert(t("report_text_refused", lang), color="danger"), history(
            ctx, network, lang
        )
    try:
        saved = save_text(ctx.engine, ctx.consortium_id, text or "", account, network)
    except TextTooLong as error:
        message = t("report_foreword_too_long", lang, error=str(error))
        return dbc.Alert(message, color="danger"), history(ctx, network, lang)
    except UnknownNetwork:
        return dbc.Alert(t("report_text_refused", lang), color="danger"), None
    if saved is None:
        message = dbc.Alert(t("report_text_unchanged", lang), color="info")
    else:
        key = saved_key if saved.text else saved_key.replace("_saved", "_removed")
        message = dbc.Alert(t(key, lang, version=saved.version), color="success")
    return message, history(ctx, network, lang)


def register_text_callbacks(app) -> None:
    @app.callback(
        Output("report-foreword-message", "children"),
        Output("report-foreword-history", "children"),
        Input("report-foreword-save", "n_clicks"),
        State("report-foreword", "value"),
        State("report-lang", "data"),
        prevent_initial_call=True,
    )
    def _save_foreword(clicks, text, lang):
        if not clicks:
            raise PreventUpdate
        return save(None, text, language(lang), "report_foreword_saved")

    @app.callback(
        Output("report-reflection-message", "children"),
        Output("report-reflection-history", "children"),
        Input("report-reflection-save", "n_clicks"),
        State("report-reflection-network", "value"),
        State("report-reflection", "value"),
        State("report-lang", "data"),
        prevent_initial_call=True,
    )
    def _save_reflection(clicks, network, text, lang):
        if not clicks or not network:
            raise PreventUpdate
        return save(str(network), text, language(lang), "report_reflection_saved")

    @app.callback(
        Output("report-reflection", "value"),
        Output("report-reflection-history", "children", allow_duplicate=True),
        Output("report-reflection-message", "children", allow_duplicate=True),
        Input("report-reflection-network", "value"),
        State("report-lang", "data"),
        prevent_initial_call=True,
    )
    def _show_reflection(network, lang):
        lang, ctx = language(lang), context()
        if not network or not access.may_write_report_text(str(network)):
            raise PreventUpdate
        try:
            text = current_text(ctx.engine, ctx.consortium_id, str(network))
        except UnknownNetwork:
            raise PreventUpdate from None
        return text, history(ctx, str(network), lang), None
