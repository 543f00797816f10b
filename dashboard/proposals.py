"""Proposed initiatives in the dashboard (issue 14): the afwegingskader's verdict per criterion,
the beheerder's review list on the Projectregister page (accept, reject with a reason, or ask for
more) and the proposer's own list with the decision and reason on Status doorgeven.

Rights on the server: the review list and the decision are the administrator's (each callback
refuses anyone else with 403, and the card is only in the administrator's layout); the proposer's
list shows one network's proposals to whoever may report for that network.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update
from flask import abort

from collectors import proposals
from collectors.register_rows import RegisterInvalid
from dashboard import access, statusforms
from dashboard.components import card, explanation
from dashboard.i18n import language, problem_text, t
from dashboard.pages.common import context
from db.models.registers import DECISIONS


def proposal_verdict(met: list[str], unmet: list[str], lang: str) -> html.Div:
    """Which criteria of the afwegingskader the proposal meets and which not (shown right after
    a coordinator proposes it)."""
    total = len(statusforms.CRITERIA)
    some = t("proposal_saved_some", lang, met=len(met), total=total)
    verdict = html.P(some if unmet else t("proposal_saved_all", lang), className="fw-semibold")
    return html.Div([verdict, criteria_list(met, unmet, lang, "proposal-criteria")])


def criterion_text(code: str, lang: str) -> str:
    return t(f"criterion_{code}", lang)


def criteria_list(met: list[str], unmet: list[str], lang: str, element_id: str = "") -> html.Ul:
    items = [html.Li(f"✓ {criterion_text(c, lang)}", className="text-success") for c in met or []]
    items += [html.Li(f"✗ {criterion_text(c, lang)}", className="text-danger") for c in unmet or []]
    return html.Ul(items, id=element_id) if element_id else html.Ul(items, className="small")


def decision_text(decision: str | None, lang: str) -> str:
    return t(f"proposal_decision_{decision or 'none'}", lang)


def _when(value) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _require_administrator():
    account = access.require_account()
    if account.role != "beheerder":
        abort(403, description="alleen de beheerder beoordeelt voorstellen")
    return account


# --- the beheerder's review list ----------------------------------------------------------------


def review_card(lang: str) -> dbc.Card:
    """The review list and the decision form (put in the administrator's layout only)."""
    decisions = [{"label": decision_text(d, lang), "value": d} for d in DECISIONS]
    return card(
        t("proposal_review_title", lang),
        [
            html.Div(id="proposal-review-list"),
            dbc.Label(t("proposal_choice", lang), html_for="proposal-review-choice"),
            dbc.Select(id="proposal-review-choice", className="mb-2"),
            dbc.Label(t("proposal_decision", lang), html_for="proposal-review-decision"),
            dbc.RadioItems(id="proposal-review-decision", options=decisions, inline=True),
            dbc.Label(t("proposal_code", lang), html_for="proposal-review-code", className="mt-2"),
            dbc.Input(id="proposal-review-code", type="text", maxLength=40),
            dbc.Label(
                t("proposal_reason", lang), html_for="proposal-review-reason", className="mt-2"
            ),
            dbc.Textarea(id="proposal-review-reason", rows=2, maxLength=proposals.REASON_MAX),
            dbc.Button(
                t("proposal_decide", lang),
                id="proposal-review-submit",
                color="primary",
                className="mt-2",
            ),
            html.Div(id="proposal-review-feedback", className="mt-2"),
        ],
        t("proposal_review_help", lang),
        id="proposal-review",
    )


def review_list(lang: str) -> tuple[html.Div, list[dict]]:
    """The open proposals with their verdicts, and the choices of the decision form."""
    c = context()
    frame = proposals.open_proposals(c.engine, c.consortium_id)
    if frame.empty:
        none = html.P(t("proposal_review_none", lang), className="text-muted", id="review-none")
        return none, []
    items = []
    for p in frame.itertuples(index=False):
        by = t(
            "proposal_by",
            lang,
            network=p.network,
            who=p.proposed_by or "–",
            date=_when(p.proposed_at),
        )
        asked = (
            [html.P(f"{decision_text(p.decision, lang)}: {p.reason}", className="small")]
            if p.decision
            else []
        )
        items.append(
            html.Li(
                [
                    html.Strong(p.name),
                    html.Div(by, className="small text-muted"),
                    html.P(p.description or "", className="small mb-1"),
                    *asked,
                    criteria_list(p.criteria_met, p.criteria_unmet, lang),
                ],
                id=f"proposal-{p.id}",
                className="list-group-item",
            )
        )
    choices = [{"label": f"{p.name} ({p.network})", "value": str(p.id)} for p in frame.itertuples()]
    return html.Ul(items, className="list-group mb-3", id="proposal-review-items"), choices


def register_review_callbacks(app, reload_id: str) -> None:
    """The review list (shown again after each decision) and the decision; an accepted
    proposal bumps the register's reload store so its table shows the new project."""

    @app.callback(
        Output("proposal-review-list", "children"),
        Output("proposal-review-choice", "options"),
        Input("proposal-review-feedback", "children"),
        State("projectregister-lang", "data"),
    )
    def _list(_feedback, lang):
        _require_administrator()
        return review_list(language(lang))

    @app.callback(
        Output("proposal-review-feedback", "children"),
        Output(reload_id, "data", allow_duplicate=True),
        Input("proposal-review-submit", "n_clicks"),
        State("proposal-review-choice", "value"),
        State("proposal-review-decision", "value"),
        State("proposal-review-code", "value"),
        State("proposal-review-reason", "value"),
        State(reload_id, "data"),
        State("projectregister-lang", "data"),
        prevent_initial_call=True,
    )
    def _decide(_n, proposal_id, decision, code, reason, reload, lang):
        account = _require_administrator()
        lang = language(lang)
        c = context()
        try:
            project_id = proposals.decide(
                c.engine,
                c.consortium_id,
                proposal_id,
                decision=decision,
                reason=reason,
                code=code,
                actor=account,
            )
        except RegisterInvalid as error:
            texts = [problem_text(p.key, p.message, lang) for p in error.problems]
            alert = dbc.Alert(
                [html.Div(x) for x in texts], color="danger", id="proposal-review-invalid"
            )
            return alert, no_update
        done = dbc.Alert(t("proposal_decided", lang), color="success", id="proposal-review-done")
        if project_id is None:
            return done, no_update
        return done, {"n": (reload or {}).get("n", 0) + 1, "id": project_id}


# --- the proposer's list ------------------------------------------------------------------------


def decisions_card(lang: str) -> dbc.Card:
    """The network's proposals with their decisions (on Status doorgeven)."""
    return card(t("proposal_mine_title", lang), [html.Div(id="proposal-decisions")])


def decisions_list(network: str, lang: str = "nl") -> html.P | dbc.Table:
    c = context()
    frame = proposals.list_proposals(c.engine, c.consortium_id, [network])
    if frame.empty:
        return explanation(t("proposal_mine_none", lang))
    rows = []
    for p in frame.itertuples(index=False):
        outcome = decision_text(p.decision, lang)
        if p.project:
            outcome += f" ({t('proposal_became', lang, code=p.project)})"
        rows.append(
            html.Tr(
                [
                    html.Td(p.name),
                    html.Td(_when(p.proposed_at)),
                    html.Td(outcome, className=f"decision-{p.decision or 'none'}"),
                    html.Td(p.reason or "", style={"whiteSpace": "pre-wrap"}),
                ],
                id=f"proposal-row-{p.id}",
            )
        )
    heads = ("name", "date", "decision", "reason")
    head = html.Thead(html.Tr([html.Th(t(f"proposal_head_{x}", lang)) for x in heads]))
    return dbc.Table([head, html.Tbody(rows)], size="sm", id="proposal-decisions-table")


def register_decisions_callback(app) -> None:
    @app.callback(
        Output("proposal-decisions", "children"),
        Input("status-network", "value"),
        Input("proposal-result", "children"),
        State("status-lang", "data"),
    )
    def _decisions(network, _proposed, lang):
        access.require_account()
        if not access.may_write_status(network):
            abort(403, description=f"geen voorstellen van netwerk {network}")
        return decisions_list(network, language(lang))
