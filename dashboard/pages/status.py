"""Status doorgeven: a coordinator reports per project of their network — status, progress,
milestones, risks, a short narrative and the speerpunten it touched — keeps drafts, submits new
versions, enters goal values, and proposes new initiatives against the afwegingskader.

Rights on the server: only coordinators (their own networks) and the administrator open this page
(ROLES, checked for every callback by the app); each write checks access.may_write_status for the
network it names, and the request guard refuses a network outside the person's networks.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import abort

from dashboard import access, statusforms
from dashboard.components import card, empty_state, form_field, query_store
from dashboard.i18n import language, t
from dashboard.pages.common import context, localised_name, readable_network_names, valid
from dashboard.proposals import (
    criterion_text,
    decisions_card,
    proposal_verdict,
    register_decisions_callback,
)
from samenwerkingsmonitor import clock

PATH = "/status"
TITLE = "status_form"
PAGE = "status"
ROLES = ("coordinator", "beheerder")
# A table scrolls inside its card on a phone rather than making the whole page scroll sideways.
SCROLLS = {"size": "sm", "responsive": True}

# The project statuses a coordinator chooses from, worded by the catalogue's project_<code>.
STATUSES = ("op_koers", "aandacht", "vastgelopen", "afgerond")
FIELDS = ("status", "progress", "reached", "planned", "risks", "narrative", "speerpunten")
FIELD_IDS = {field: f"status-{field}" for field in FIELDS}


def _writable(fw, lang: str) -> dict[str, str]:
    names = readable_network_names(fw, lang, consortium=False)
    return {code: name for code, name in names.items() if access.may_write_status(code)}


def _field(lang: str, field: str, component, help_text: bool = False) -> html.Div:
    label = t(f"status_field_{field}", lang)
    help_words = t(f"status_field_{field}_help", lang) if help_text else None
    return form_field(label, component, f"{FIELD_IDS[field]}-error", help_words)


def _form(fw, lang: str) -> html.Div:
    speerpunten = [
        {"label": f"{s.code} {localised_name(s, lang)}", "value": s.code} for s in fw.speerpunten
    ]
    statuses = [{"label": status_text(code, lang), "value": code} for code in STATUSES]
    return html.Div(
        [
            _field(
                lang, "status", dbc.RadioItems(id="status-status", options=statuses, inline=True)
            ),
            _field(
                lang,
                "progress",
                dbc.Input(id="status-progress", type="text", inputmode="numeric"),
                help_text=True,
            ),
            _field(lang, "reached", dbc.Textarea(id="status-reached", rows=3), help_text=True),
            _field(lang, "planned", dbc.Textarea(id="status-planned", rows=3), help_text=True),
            _field(lang, "risks", dbc.Textarea(id="status-risks", rows=2)),
            _field(
                lang,
                "narrative",
                dbc.Textarea(id="status-narrative", rows=4, maxLength=statusforms.NARRATIVE_MAX),
                help_text=True,
            ),
            _field(
                lang, "speerpunten", dbc.Checklist(id="status-speerpunten", options=speerpunten)
            ),
            html.Div(id="status-loaded", className="text-muted small mb-2"),
            dbc.Button(
                t("status_save_draft", lang),
                id="status-save-draft",
                color="secondary",
                className="me-2",
            ),
            dbc.Button(t("status_submit", lang), id="status-submit", color="primary"),
            html.Div(id="status-feedback", className="mt-3"),
        ]
    )


def _goal_form(lang: str) -> html.Div:
    def column(label: str, field: str, component, width: int) -> dbc.Col:
        error = (
            []
            if field == "goal"
            else [html.Div(id=f"goal-{field}-error", className="text-danger small")]
        )
        return dbc.Col(
            [dbc.Label(t(label, lang), html_for=f"goal-{field}"), component, *error], md=width
        )

    date_input = dbc.Input(id="goal-date", type="text", placeholder=t("status_date_format", lang))
    return html.Div(
        [
            dbc.Row(
                [
                    column("status_goal", "goal", dcc.Dropdown(id="goal-goal"), 6),
                    column("status_goal_date", "date", date_input, 3),
                    column(
                        "status_goal_value",
                        "value",
                        dbc.Input(id="goal-value", type="text", inputmode="decimal"),
                        3,
                    ),
                ],
                className="mb-2",
            ),
            html.Div(id="goal-goal-error", className="text-danger small"),
            dbc.Button(t("status_goal_save", lang), id="goal-save", color="primary", size="sm"),
            html.Div(id="goal-feedback", className="mt-2"),
        ]
    )


def _proposal_form(fw, lang: str) -> html.Div:
    def choices(entries):
        return [{"label": f"{e.code} {localised_name(e, lang)}", "value": e.code} for e in entries]

    def label(field: str, **extra) -> dbc.Label:
        return dbc.Label(t(f"proposal_{field}", lang), html_for=f"proposal-{field}", **extra)

    criteria = [
        {"label": criterion_text(c, lang), "value": c} for c in ("energie", "iza", "haalbaar")
    ]
    return html.Div(
        [
            label("name"),
            dbc.Input(id="proposal-name", type="text", maxLength=200),
            html.Div(id="proposal-name-error", className="text-danger small mb-2"),
            label("description"),
            dbc.Textarea(id="proposal-description", rows=2, className="mb-2"),
            label("partners"),
            dbc.Input(id="proposal-partners", type="number", min=0, step=1, className="mb-2"),
            dbc.Checklist(id="proposal-checks", options=criteria, className="mb-2"),
            label("ambition"),
            dcc.Dropdown(id="proposal-ambition", options=choices(fw.ambitions), className="mb-2"),
            label("kernthemas"),
            dcc.Dropdown(id="proposal-kernthemas", options=choices(fw.kernthemas), multi=True),
            label("actielijnen", className="mt-2"),
            dcc.Dropdown(id="proposal-actielijnen", options=choices(fw.actielijnen), multi=True),
            label("speerpunten", className="mt-2"),
            dcc.Dropdown(id="proposal-speerpunten", options=choices(fw.speerpunten), multi=True),
            dbc.Button(
                t("proposal_submit", lang), id="proposal-submit", color="primary", className="mt-3"
            ),
            html.Div(id="proposal-result", className="mt-3"),
        ]
    )


def _choosers(names: dict[str, str], network: str, lang: str) -> dbc.Row:
    network_choice = dcc.Dropdown(
        id="status-network",
        options=[{"label": v, "value": k} for k, v in names.items()],
        value=network,
        clearable=False,
    )
    return dbc.Row(
        [
            dbc.Col(
                [dbc.Label(t("status_network", lang), html_for="status-network"), network_choice],
                md=4,
            ),
            dbc.Col(
                [
                    dbc.Label(t("status_project", lang), html_for="status-project"),
                    dcc.Dropdown(id="status-project", clearable=False),
                ],
                md=8,
            ),
        ],
        className="mb-3",
    )


def layout(lang: str | None = None, network: str | None = None, project: str | None = None, **_):
    lang = language(lang)
    fw = context().framework
    header = [html.H2(t("status_form", lang), className="h4"), html.P(t("status_form_intro", lang))]
    names = _writable(fw, lang)
    if not names:
        return html.Div([*header, empty_state(t("agreements_no_network", lang))])
    network = valid(network, list(names), next(iter(names)))
    history = card(t("status_history_title", lang), [html.Div(id="status-history")])
    return html.Div(
        [
            *header,
            query_store(PAGE, {"network": network, "project": project, "lang": lang}),
            dcc.Store(id="status-lang", data=lang),
            dcc.Store(id="status-saved", data=0),
            dcc.Store(id="status-wanted-project", data=project),
            _choosers(names, network, lang),
            card(t("status_projects_title", lang), [html.Div(id="status-projects")]),
            dbc.Row(
                [
                    dbc.Col(card(t("status_update_title", lang), [_form(fw, lang)]), lg=7),
                    # The history table scrolls inside its card rather than the page sideways.
                    dbc.Col(html.Div(history, className="table-responsive"), lg=5),
                ]
            ),
            card(t("status_goals_title", lang), [_goal_form(lang)]),
            card(t("status_proposal_title", lang), [_proposal_form(fw, lang)]),
            decisions_card(lang),
        ]
    )


def status_text(code: str | None, lang: str) -> str:
    """A project status as words ('vastgelopen' -> 'stuck')."""
    return t(f"project_{code}", lang) if code in STATUSES else (code or "")


def _when(value, lang: str) -> str:
    return value.strftime("%d-%m-%Y") if value else t("status_never", lang)


def projects_table(rows: list[dict], lang: str) -> dbc.Table:
    body = [
        html.Tr(
            [
                html.Td(f"{r['project']} {r['name']}"),
                html.Td(_when(r["last"], lang)),
                html.Td(
                    dbc.Badge(t("status_due", lang), color="warning")
                    if r["due"]
                    else t("status_up_to_date", lang)
                ),
            ],
            id=f"status-row-{r['project']}",
        )
        for r in rows
    ]
    heads = [t("status_project", lang), t("status_last_update", lang), ""]
    head = html.Thead(html.Tr([html.Th(h) for h in heads]))
    return dbc.Table([head, html.Tbody(body)], **SCROLLS, hover=True, id="status-projects-table")


def history_table(rows: list[dict], lang: str):
    if not rows:
        return html.P(
            t("status_no_versions", lang), className="text-muted", id="status-history-empty"
        )
    heads = ("version", "date", "field_status", "progress", "by", "field_narrative")
    head = html.Thead(html.Tr([html.Th(t(f"status_{h}", lang)) for h in heads]))
    body = [
        html.Tr(
            [
                html.Td(r["version"]),
                html.Td(r["submitted_at"].strftime("%d-%m-%Y %H:%M")),
                html.Td(status_text(r["status"], lang)),
                html.Td("–" if r["progress"] is None else f"{r['progress']}%"),
                html.Td(r["who"]),
                # Long narratives wrap in their cell instead of widening the table.
                html.Td(r["narrative"] or "", style={"whiteSpace": "pre-wrap"}),
            ]
        )
        for r in rows
    ]
    return dbc.Table([head, html.Tbody(body)], **SCROLLS, id="status-history-table")


def _require_writer(network: str):
    account = access.require_account()
    if not access.may_write_status(network):
        abort(403, description=f"geen schrijfrechten voor netwerk {network}")
    return account


def register_callbacks(app) -> None:
    register_decisions_callback(app)  # the network's proposals and their decisions
    _register_project_callbacks(app)
    _register_form_callbacks(app)
    _register_goal_callbacks(app)
    _register_proposal_callbacks(app)


def _register_project_callbacks(app) -> None:
    """The network's projects (table and chooser), the page's query, and a project's history."""

    @app.callback(
        Output("status-projects", "children"),
        Output("status-project", "options"),
        Output("status-project", "value"),
        Input("status-network", "value"),
        Input("status-saved", "data"),
        State("status-wanted-project", "data"),
        State("status-project", "value"),
        State("status-lang", "data"),
    )
    def _projects(network, _saved, wanted, current, lang):
        _require_writer(network)
        c = context()
        rows = statusforms.network_projects(c.engine, c.consortium_id, network, clock.today())
        options = [{"label": f"{r['project']} {r['name']}", "value": r["project"]} for r in rows]
        codes = [r["project"] for r in rows]
        chosen = current if current in codes else (wanted if wanted in codes else None)
        if chosen is None and codes:
            chosen = next((r["project"] for r in rows if r["due"]), codes[0])
        # Setting the same project again would reload the form over what is being typed.
        table = projects_table(rows, language(lang))
        return table, options, no_update if chosen == current else chosen

    @app.callback(
        Output({"type": "query", "page": PAGE}, "data"),
        Input("status-network", "value"),
        Input("status-project", "value"),
        State({"type": "query", "page": PAGE}, "data"),
    )
    def _query(network, project, query):
        return {**(query or {}), "network": network, "project": project}

    @app.callback(
        Output("status-history", "children"),
        Input("status-project", "value"),
        Input("status-saved", "data"),
        State("status-network", "value"),
        State("status-lang", "data"),
    )
    def _history(project, _saved, network, lang):
        _require_writer(network)
        lang = language(lang)
        if not project:
            return history_table([], lang)
        c = context()
        rows = statusforms.history(c.engine, c.consortium_id, project, network)
        return history_table(rows, lang)


def _save_message(result, final: bool, errors: list[str], lang: str) -> dbc.Alert:
    if final and result.version:
        text = t("status_submitted", lang, version=result.version)
        return dbc.Alert(text, color="success", id="status-submitted")
    if final or "network" in result.errors:  # a draft for another network is not kept
        refused = result.errors.get("form") or result.errors.get("network")
        text = refused or t("status_not_submitted", lang)
        return dbc.Alert(text, color="danger", id="status-invalid")
    remarks = t("status_draft_remarks", lang) if any(errors) else ""
    text = t("status_draft_saved", lang) + remarks
    return dbc.Alert(text, color="info", id="status-draft-saved")


def _register_form_callbacks(app) -> None:
    """The update form: filled from a draft or the latest version; saved as draft or submitted."""

    @app.callback(
        *[Output(i, "value") for i in FIELD_IDS.values()],
        Output("status-loaded", "children"),
        Input("status-project", "value"),
        State("status-network", "value"),
        State("status-lang", "data"),
    )
    def _load(project, network, lang):
        account = _require_writer(network)
        if not project:
            raise PreventUpdate
        c = context()
        values, origin = statusforms.load_form(c.engine, c.consortium_id, project, network, account)
        note = t(f"status_origin_{origin if origin in ('draft', 'latest') else 'none'}", lang)
        return (
            values.get("status"),
            None if values.get("progress") is None else str(values["progress"]),
            statusforms.milestones_text(values.get("reached") or []),
            statusforms.milestones_text(values.get("planned") or []),
            values.get("risks") or "",
            values.get("narrative") or "",
            values.get("speerpunten") or [],
            html.Span(note, id=f"status-origin-{origin or 'none'}"),
        )

    @app.callback(
        Output("status-feedback", "children"),
        *[Output(f"{i}-error", "children") for i in FIELD_IDS.values()],
        Output("status-saved", "data"),
        Input("status-save-draft", "n_clicks"),
        Input("status-submit", "n_clicks"),
        State("status-network", "value"),
        State("status-project", "value"),
        *[State(i, "value") for i in FIELD_IDS.values()],
        State("status-saved", "data"),
        State("status-lang", "data"),
        prevent_initial_call=True,
    )
    def _save(_draft, _submit, network, project, *rest):
        *values, saved, lang = rest
        lang = language(lang)
        account = _require_writer(network)
        if not project:
            raise PreventUpdate
        form = dict(zip(FIELD_IDS, values, strict=True))
        c = context()
        final = ctx.triggered_id == "status-submit"
        write = statusforms.submit if final else statusforms.save_draft
        result = write(c, project, network, form, account, lang)
        errors = [result.errors.get(f, "") for f in FIELD_IDS]
        return _save_message(result, final, errors, lang), *errors, (saved or 0) + 1


def _register_goal_callbacks(app) -> None:
    """The network's goals to choose from, and entering a measured value."""

    @app.callback(
        Output("goal-goal", "options"),
        Input("status-network", "value"),
    )
    def _goals(network):
        _require_writer(network)
        c = context()
        return [
            {"label": f"{g['goal']} {g['name']}", "value": g["goal"]}
            for g in statusforms.network_goals(c.engine, c.consortium_id, network)
        ]

    @app.callback(
        Output("goal-feedback", "children"),
        Output("goal-goal-error", "children"),
        Output("goal-date-error", "children"),
        Output("goal-value-error", "children"),
        Input("goal-save", "n_clicks"),
        State("status-network", "value"),
        State("goal-goal", "value"),
        State("goal-date", "value"),
        State("goal-value", "value"),
        State("status-lang", "data"),
        prevent_initial_call=True,
    )
    def _goal_value(_n, network, goal, measured_at, value, lang):
        account = _require_writer(network)
        lang = language(lang)
        form = {"goal": goal, "measured_at": measured_at, "value": value}
        errors = statusforms.enter_goal_value(context(), network, form, account, lang)
        saved = t("status_goal_saved", lang)
        feedback = "" if errors else dbc.Alert(saved, color="success", id="goal-saved")
        fields = ("goal", "measured_at", "value")
        return feedback, *(errors.get(f, "") for f in fields)


def _register_proposal_callbacks(app) -> None:
    """A new initiative assessed against the afwegingskader and stored as a proposal."""

    @app.callback(
        Output("proposal-result", "children"),
        Output("proposal-name-error", "children"),
        Input("proposal-submit", "n_clicks"),
        State("status-network", "value"),
        State("proposal-name", "value"),
        State("proposal-description", "value"),
        State("proposal-partners", "value"),
        State("proposal-checks", "value"),
        State("proposal-ambition", "value"),
        State("proposal-kernthemas", "value"),
        State("proposal-actielijnen", "value"),
        State("proposal-speerpunten", "value"),
        State("status-lang", "data"),
        prevent_initial_call=True,
    )
    def _propose(_n, network, name, description, partners, checks, ambition, *rest):
        kern, lijn, speer, lang = rest
        account = _require_writer(network)
        lang = language(lang)
        answers = {
            "name": name,
            "description": description,
            "partners": partners,
            "checks": checks or [],
            "ambition": ambition,
            "kernthemas": kern or [],
            "actielijnen": lijn or [],
            "speerpunten": speer or [],
        }
        met, unmet, errors = statusforms.propose_project(context(), network, answers, account, lang)
        if errors:
            return "", " ".join(errors.values())
        return proposal_verdict(met, unmet, lang), ""
