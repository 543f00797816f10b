"""The Rapportage page's preview of the monthly steering-group digest: choose a network and see
the mail as it would be sent now (its HTML part, in a sandboxed frame that runs no script, and
its plain-text part), without sending it or recording anything (reports/digest.py
preview_digest). The digest's language is the one of config/digest.yaml."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard import access
from dashboard.i18n import language, t
from dashboard.pages.common import context


def digest_card(ctx, lang: str) -> dbc.Card:
    networks = [{"label": n.name, "value": n.code} for n in ctx.framework.networks]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(t("report_digest", lang), className="h5"),
                html.P(t("report_digest_help", lang), className="text-muted"),
                dbc.Label(t("report_reflection_network", lang), html_for="report-digest-network"),
                dbc.Select(
                    id="report-digest-network",
                    options=networks,
                    value=networks[0]["value"] if networks else None,
                    className="mb-2",
                ),
                dbc.Button(
                    t("report_digest_show", lang), id="report-digest-show", color="secondary"
                ),
                html.Div(id="report-digest-preview", className="mt-3"),
            ]
        ),
        className="mt-4",
    )


def preview(network: str, lang: str) -> list:
    """The digest's subject, HTML part (sandboxed) and text part, as they would be sent now."""
    from reports.digest import preview_digest
    from reports.digest_config import DigestConfig, DigestConfigError, load_digest_config

    ctx = context()
    try:
        config = load_digest_config(framework=ctx.framework)
    except DigestConfigError:  # the preview needs only the language: Dutch then
        config = DigestConfig()
    mail = preview_digest(ctx, network, config)
    return [
        html.H4(mail.subject, className="h6", id="report-digest-subject"),
        html.Iframe(
            srcDoc=mail.html,
            sandbox="",  # no script, no form, no navigation of the page
            style={"width": "100%", "height": "32rem", "border": "1px solid #ccc"},
            title=t("report_digest", lang),
        ),
        html.Details(
            [
                html.Summary(t("report_digest_text", lang)),
                html.Pre(mail.text, style={"whiteSpace": "pre-wrap"}),
            ],
            className="mt-2",
        ),
    ]


def register_digest_callbacks(app) -> None:
    @app.callback(
        Output("report-digest-preview", "children"),
        Input("report-digest-show", "n_clicks"),
        State("report-digest-network", "value"),
        State("report-lang", "data"),
        prevent_initial_call=True,
    )
    def _preview(clicks, network, lang):
        codes = {n.code for n in context().framework.networks}
        if not clicks or network not in codes or not access.may_read_network(network):
            raise PreventUpdate
        return preview(network, language(lang))
