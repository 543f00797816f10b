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
from dashboard.i18n import TEXTS, language, t
from dashboard.pages.common import context, readable_network_names, valid
from dashboard.proposals import decisions_card, proposal_verdict, register_decisions_callback
from samenwerkingsmonitor import clock

PATH = "/status"
TITLE = "status_form"
PAGE = "status"
ROLES = ("coordinator", "beheerder")
# A table scrolls inside its card on a phone rather than making the whole page scroll sideways.
SCROLLS = {"size": "sm", "responsive": True}

TEXTS.update(
    {
        "status_form": {"nl": "Status doorgeven", "en": "Report status"},
        "status_form_intro": {
            "nl": "Kies een project van uw netwerk en geef de stand door. Een concept blijft "
            "bewaard tot u het indient; indienen maakt een nieuwe versie, de eerdere blijven "
            "zichtbaar in de geschiedenis. Elke maand wordt per project een update gevraagd.",
            "en": "Choose a project of your network and report its state. A draft is kept until "
            "you submit it; submitting adds a new version, earlier ones stay in the history. An "
            "update per project is asked for every month.",
        },
    }
)

STATUS_LABELS = {
    "op_koers": "Op koers",
    "aandacht": "Aandacht",
    "vastgelopen": "Vastgelopen",
    "afgerond": "Afgerond",
}
FIELD_IDS = {
    "status": "status-status",
    "progress": "status-progress",
    "reached": "status-reached",
    "planned": "status-planned",
    "risks": "status-risks",
    "narrative": "status-narrative",
    "speerpunten": "status-speerpunten",
}


def _writable(fw, lang: str) -> dict[str, str]:
    names = readable_network_names(fw, lang, consortium=False)
    return {code: name for code, name in names.items() if access.may_write_status(code)}


def _field(label: str, component, field: str, help_text: str | None = None) -> html.Div:
    return form_field(label, component, f"{FIELD_IDS[field]}-error", help_text)


def _form(fw) -> html.Div:
    speerpunten = [{"label": f"{s.code} {s.name}", "value": s.code} for s in fw.speerpunten]
    return html.Div(
        [
            _field(
                "Status",
                dbc.RadioItems(
                    id="status-status",
                    options=[{"label": v, "value": k} for k, v in STATUS_LABELS.items()],
                    inline=True,
                ),
                "status",
            ),
            _field(
                "Voortgang (%)",
                dbc.Input(id="status-progress", type="text", inputmode="numeric"),
                "progress",
                "Een heel getal van 0 tot en met 100.",
            ),
            _field(
                "Bereikte mijlpalen",
                dbc.Textarea(id="status-reached", rows=3),
                "reached",
                "Eén per regel: datum en omschrijving, bijvoorbeeld '01-03-2026 Startbijeenkomst'.",
            ),
            _field(
                "Geplande mijlpalen",
                dbc.Textarea(id="status-planned", rows=3),
                "planned",
                "Eén per regel: datum en omschrijving.",
            ),
            _field("Risico's", dbc.Textarea(id="status-risks", rows=2), "risks"),
            _field(
                "Toelichting",
                dbc.Textarea(id="status-narrative", rows=4, maxLength=statusforms.NARRATIVE_MAX),
                "narrative",
                "Kort: wat is er deze periode gebeurd? (verplicht bij indienen)",
            ),
            _field(
                "Speerpunten waar het project aan werkte",
                dbc.Checklist(id="status-speerpunten", options=speerpunten),
                "speerpunten",
            ),
            html.Div(id="status-loaded", className="text-muted small mb-2"),
            dbc.Button(
                "Concept opslaan", id="status-save-draft", color="secondary", className="me-2"
            ),
            dbc.Button("Indienen", id="status-submit", color="primary"),
            html.Div(id="status-feedback", className="mt-3"),
        ]
    )


def _goal_form() -> html.Div:
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [dbc.Label("Doel", html_for="goal-goal"), dcc.Dropdown(id="goal-goal")],
                        md=6,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Datum", html_for="goal-date"),
                            dbc.Input(id="goal-date", type="text", placeholder="dd-mm-jjjj"),
                            html.Div(id="goal-date-error", className="text-danger small"),
                        ],
                        md=3,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Waarde", html_for="goal-value"),
                            dbc.Input(id="goal-value", type="text", inputmode="decimal"),
                            html.Div(id="goal-value-error", className="text-danger small"),
                        ],
                        md=3,
                    ),
                ],
                className="mb-2",
            ),
            html.Div(id="goal-goal-error", className="text-danger small"),
            dbc.Button("Waarde opslaan", id="goal-save", color="primary", size="sm"),
            html.Div(id="goal-feedback", className="mt-2"),
        ]
    )


def _proposal_form(fw) -> html.Div:
    def choices(entries):
        return [{"label": f"{e.code} {e.name}", "value": e.code} for e in entries]

    return html.Div(
        [
            dbc.Label("Naam van het initiatief", html_for="proposal-name"),
            dbc.Input(id="proposal-name", type="text", maxLength=200),
            html.Div(id="proposal-name-error", className="text-danger small mb-2"),
            dbc.Label("Korte omschrijving", html_for="proposal-description"),
            dbc.Textarea(id="proposal-description", rows=2, className="mb-2"),
            dbc.Label("Aantal partners uit het netwerk dat meedoet", html_for="proposal-partners"),
            dbc.Input(id="proposal-partners", type="number", min=0, step=1, className="mb-2"),
            dbc.Checklist(
                id="proposal-checks",
                options=[
                    {"label": statusforms.CRITERIA[c], "value": c}
                    for c in ("energie", "iza", "haalbaar")
                ],
                className="mb-2",
            ),
            dbc.Label("Ambitie (precies één)", html_for="proposal-ambition"),
            dcc.Dropdown(id="proposal-ambition", options=choices(fw.ambitions), className="mb-2"),
            dbc.Label("Kernthema's", html_for="proposal-kernthemas"),
            dcc.Dropdown(id="proposal-kernthemas", options=choices(fw.kernthemas), multi=True),
            dbc.Label("Actielijnen", html_for="proposal-actielijnen", className="mt-2"),
            dcc.Dropdown(id="proposal-actielijnen", options=choices(fw.actielijnen), multi=True),
            dbc.Label("Speerpunten", html_for="proposal-speerpunten", className="mt-2"),
            dcc.Dropdown(id="proposal-speerpunten", options=choices(fw.speerpunten), multi=True),
            dbc.Button(
                "Toetsen en voorstellen", id="proposal-submit", color="primary", className="mt-3"
            ),
            html.Div(id="proposal-result", className="mt-3"),
        ]
    )


def layout(lang: str | None = None, network: str | None = None, project: str | None = None, **_):
    lang = language(lang)
    fw = context().framework
    header = [html.H2(t("status_form", lang), className="h4"), html.P(t("status_form_intro", lang))]
    names = _writable(fw, lang)
    if not names:
        return html.Div([*header, empty_state("U bent aan geen netwerk gekoppeld.")])
    network = valid(network, list(names), next(iter(names)))
    return html.Div(
        [
            *header,
            query_store(PAGE, {"network": network, "project": project, "lang": lang}),
            dcc.Store(id="status-saved", data=0),
            dcc.Store(id="status-wanted-project", data=project),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Netwerk", html_for="status-network"),
                            dcc.Dropdown(
                                id="status-network",
                                options=[{"label": v, "value": k} for k, v in names.items()],
                                value=network,
                                clearable=False,
                            ),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Project", html_for="status-project"),
                            dcc.Dropdown(id="status-project", clearable=False),
                        ],
                        md=8,
                    ),
                ],
                className="mb-3",
            ),
            card("Projecten van het netwerk", [html.Div(id="status-projects")]),
            dbc.Row(
                [
                    dbc.Col(card("Update", [_form(fw)]), lg=7),
                    dbc.Col(card("Geschiedenis", [html.Div(id="status-history")]), lg=5),
                ]
            ),
            card("Doelwaarden invoeren", [_goal_form()]),
            card("Nieuw initiatief voorstellen (afwegingskader)", [_proposal_form(fw)]),
            decisions_card(),
        ]
    )


def _when(value) -> str:
    return value.strftime("%d-%m-%Y") if value else "nog nooit"


def projects_table(rows: list[dict]) -> dbc.Table:
    body = [
        html.Tr(
            [
                html.Td(f"{r['project']} {r['name']}"),
                html.Td(_when(r["last"])),
                html.Td(
                    dbc.Badge("Update gevraagd", color="warning") if r["due"] else "bijgewerkt"
                ),
            ],
            id=f"status-row-{r['project']}",
        )
        for r in rows
    ]
    head = html.Thead(html.Tr([html.Th("Project"), html.Th("Laatste update"), html.Th("")]))
    return dbc.Table([head, html.Tbody(body)], **SCROLLS, hover=True, id="status-projects-table")


def history_table(rows: list[dict]):
    if not rows:
        return html.P(
            "Nog geen ingediende versies.", className="text-muted", id="status-history-empty"
        )
    columns = ("Versie", "Datum", "Status", "Voortgang", "Door", "Toelichting")
    head = html.Thead(html.Tr([html.Th(h) for h in columns]))
    body = [
        html.Tr(
            [
                html.Td(r["version"]),
                html.Td(r["submitted_at"].strftime("%d-%m-%Y %H:%M")),
                html.Td(STATUS_LABELS.get(r["status"], r["status"])),
                html.Td("–" if r["progress"] is None else f"{r['progress']}%"),
                html.Td(r["who"]),
                html.Td(r["narrative"] or ""),
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

    @app.callback(
        Output("status-projects", "children"),
        Output("status-project", "options"),
        Output("status-project", "value"),
        Input("status-network", "value"),
        Input("status-saved", "data"),
        State("status-wanted-project", "data"),
        State("status-project", "value"),
    )
    def _projects(network, _saved, wanted, current):
        _require_writer(network)
        c = context()
        rows = statusforms.network_projects(c.engine, c.consortium_id, network, clock.today())
        options = [{"label": f"{r['project']} {r['name']}", "value": r["project"]} for r in rows]
        codes = [r["project"] for r in rows]
        chosen = current if current in codes else (wanted if wanted in codes else None)
        if chosen is None and codes:
            chosen = next((r["project"] for r in rows if r["due"]), codes[0])
        # Setting the same project again would reload the form over what is being typed.
        return projects_table(rows), options, no_update if chosen == current else chosen

    @app.callback(
        Output({"type": "query", "page": PAGE}, "data"),
        Input("status-network", "value"),
        Input("status-project", "value"),
        State({"type": "query", "page": PAGE}, "data"),
    )
    def _query(network, project, query):
        return {**(query or {}), "network": network, "project": project}

    @app.callback(
        *[Output(i, "value") for i in FIELD_IDS.values()],
        Output("status-loaded", "children"),
        Input("status-project", "value"),
        State("status-network", "value"),
    )
    def _load(project, network):
        account = _require_writer(network)
        if not project:
            raise PreventUpdate
        c = context()
        values, origin = statusforms.load_form(c.engine, c.consortium_id, project, network, account)
        note = {
            "draft": "Uw concept is teruggezet; het is nog niet ingediend.",
            "latest": "Ingevuld met de laatst ingediende versie.",
        }.get(origin, "Nog geen update voor dit project.")
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
        Output("status-history", "children"),
        Input("status-project", "value"),
        Input("status-saved", "data"),
        State("status-network", "value"),
    )
    def _history(project, _saved, network):
        _require_writer(network)
        if not project:
            return history_table([])
        c = context()
        return history_table(statusforms.history(c.engine, c.consortium_id, project, network))

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
        prevent_initial_call=True,
    )
    def _save(_draft, _submit, network, project, *rest):
        *values, saved = rest
        account = _require_writer(network)
        if not project:
            raise PreventUpdate
        form = dict(zip(FIELD_IDS, values, strict=True))
        c = context()
        final = ctx.triggered_id == "status-submit"
        if final:
            result = statusforms.submit(c, project, network, form, account)
        else:
            result = statusforms.save_draft(c, project, network, form, account)
        errors = [result.errors.get(f, "") for f in FIELD_IDS]
        if final and result.version:
            message = dbc.Alert(
                f"Ingediend als versie {result.version}.", color="success", id="status-submitted"
            )
        elif final or "network" in result.errors:  # a draft for another network is not kept
            refused = result.errors.get("form") or result.errors.get("network")
            message = dbc.Alert(
                refused or "Niet ingediend: verbeter de gemarkeerde velden.",
                color="danger",
                id="status-invalid",
            )
        else:
            message = dbc.Alert(
                "Concept opgeslagen."
                + (" Let op de opmerkingen bij de velden." if any(errors) else ""),
                color="info",
                id="status-draft-saved",
            )
        return message, *errors, (saved or 0) + 1

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
        prevent_initial_call=True,
    )
    def _goal_value(_n, network, goal, measured_at, value):
        account = _require_writer(network)
        form = {"goal": goal, "measured_at": measured_at, "value": value}
        errors = statusforms.enter_goal_value(context(), network, form, account)
        feedback = (
            dbc.Alert("Doelwaarde opgeslagen.", color="success", id="goal-saved")
            if not errors
            else ""
        )
        return (
            feedback,
            errors.get("goal", ""),
            errors.get("measured_at", ""),
            errors.get("value", ""),
        )

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
        prevent_initial_call=True,
    )
    def _propose(_n, network, name, description, partners, checks, ambition, kern, lijn, speer):
        account = _require_writer(network)
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
        met, unmet, errors = statusforms.propose_project(context(), network, answers, account)
        if errors:
            return "", " ".join(errors.values())
        return proposal_verdict(met, unmet), ""
