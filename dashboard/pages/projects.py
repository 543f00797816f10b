"""Projecten: status per project × network (stale flagged), a project's history, coverage of
ambitions, speerpunten, kernthema's and actielijnen with the gaps, SMART goals with progress and
forecast, and the Doelen-Inspanningen-Netwerk as a diagram."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html

from charts.projects import din_figure, goal_figure, project_history_figure
from dashboard import din_review, queries, register_queries
from dashboard.components import (
    card,
    download_buttons,
    empty_state,
    explanation,
    graph,
    query_store,
)
from dashboard.i18n import language, t
from dashboard.pages.common import (
    context,
    network_names,
    options,
    readable_network_names,
    valid,
)
from metrics.goals import din_gaps, goal_outcome
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

PATH = "/projecten"
TITLE = "projects"
PAGE = "projects"
STALE_MARK = "*"
BADGES = {
    "op_koers": "primary",
    "aandacht": "warning",
    "vastgelopen": "danger",
    "afgerond": "success",
}
KINDS = ("ambition", "speerpunt", "kernthema", "actielijn")


def layout(lang: str | None = None, network: str | None = None, project: str | None = None, **_):
    lang = language(lang)
    ctx = context()
    fw = ctx.framework
    header = [html.H2(t("projects", lang), className="h4"), html.P(t("projects_intro", lang))]
    names = readable_network_names(fw, lang, consortium=False)
    # A reader of one network opens on it; the list holds the projects that network runs.
    network = valid(network, list(names), next(iter(names)) if len(names) == 1 else "")
    projects = queries.projects(ctx.engine, ctx.consortium_id, network or None)
    if projects.empty:
        return html.Div([*header, empty_state(t("no_projects", lang))])
    project = valid(project, list(projects["project"]), projects["project"].iloc[0])
    return html.Div(
        [
            *header,
            dcc.Store(id="page-lang", data=lang),
            query_store(PAGE, {"network": network, "project": project, "lang": lang}),
            _filters(names, network, projects, project, lang),
            *_cards(lang),
        ]
    )


def _cards(lang: str) -> list:
    """The page's cards: the status matrix, a project's history, coverage, goals and the DIN."""
    return [
        card(
            t("status_matrix_title", lang),
            [download_buttons("project_status", lang), html.Div(id="projects-matrix")],
            t("status_matrix_help", lang),
        ),
        dbc.Row(
            [
                dbc.Col(
                    card(
                        t("history_title", lang),
                        [graph("projects-history", "project-history")],
                        t("history_help", lang),
                    ),
                    xs=12,
                    lg=6,
                ),
                dbc.Col(
                    card(
                        t("coverage_title", lang),
                        [download_buttons("coverage", lang), html.Div(id="projects-coverage")],
                        t("coverage_help", lang),
                    ),
                    xs=12,
                    lg=6,
                ),
            ]
        ),
        card(
            t("goals_title", lang),
            [download_buttons("goals", lang), html.Div(id="projects-goals")],
            t("goals_help", lang),
        ),
        card(
            t("din_title", lang),
            [
                din_review.latest_block(lang),
                html.Div(id="projects-din-gaps"),
                graph("projects-din", "doelen-inspanningen-netwerk"),
            ],
            t("din_help", lang),
        ),
    ]


def _filters(names: dict, network: str, projects, project: str, lang: str):
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("network", lang), html_for="projects-network"),
                    dcc.Dropdown(
                        id="projects-network",
                        options=[{"label": t("all_networks", lang), "value": ""}] + options(names),
                        value=network,
                        clearable=False,
                    ),
                ],
                xs=12,
                md=4,
            ),
            dbc.Col(
                [
                    dbc.Label(t("project", lang), html_for="projects-project"),
                    dcc.Dropdown(
                        id="projects-project",
                        options=project_options(projects),
                        value=project,
                        clearable=False,
                    ),
                ],
                xs=12,
                md=8,
            ),
        ],
        className="mb-3 g-2",
    )


def project_options(projects: pd.DataFrame) -> list[dict]:
    return [{"label": f"{p} — {n}", "value": p} for p, n in projects.itertuples(index=False)]


def _networks(ctx, query: dict) -> list[str]:
    codes = list(readable_network_names(ctx.framework, "nl", consortium=False))
    return [query["network"]] if query.get("network") in codes else codes


def status_frame(ctx, query: dict, lang: str, *, today: date | None = None) -> pd.DataFrame:
    """Projects × networks: the latest status in words, flagged when stale, empty when not taking part."""
    figures_ = register_queries.project_figures_of(
        ctx.engine, ctx.consortium_id, today or clock.today(), ctx.framework.settings.stale_days
    )
    latest = figures_["status"]
    names = network_names(ctx.framework, lang, consortium=False)
    networks = _networks(ctx, query)
    projects = queries.projects(ctx.engine, ctx.consortium_id)
    cells = latest.set_index(["project", "network"])
    records = []
    for code, name in projects.itertuples(index=False):
        record = {t("project", lang): f"{code} — {name}"}
        for network in networks:
            if (code, network) in cells.index:
                row = cells.loc[(code, network)]
                if not isinstance(row["status"], str):
                    # Taking part without any update yet (e.g. a project just registered).
                    record[names[network]] = t("project_no_update", lang)
                    continue
                text = t(f"project_{row['status']}", lang)
                record[names[network]] = f"{text} ({t('stale', lang)})" if row["stale"] else text
            else:
                record[names[network]] = ""
        if any(record[names[n]] for n in networks):  # only projects the network(s) run
            records.append(record)
    return pd.DataFrame(records)


def coverage_frame(ctx, query: dict, lang: str, *, today: date | None = None) -> pd.DataFrame:
    """Framework codes × networks: covered (by which projects) or a gap."""
    fw = ctx.framework
    cover = register_queries.project_figures_of(
        ctx.engine, ctx.consortium_id, today or clock.today(), fw.settings.stale_days
    )["coverage"]
    names = network_names(fw, lang, consortium=False)
    networks = _networks(ctx, query)
    labels = {}
    for kind, entries in (
        ("ambition", fw.ambitions),
        ("speerpunt", fw.speerpunten),
        ("kernthema", fw.kernthemas),
        ("actielijn", fw.actielijnen),
    ):
        for e in entries:
            labels[(kind, e.code)] = e.name_en if lang == "en" and e.name_en else e.name
    cells = cover.set_index(["network", "kind", "code"])
    codes = cover[["kind", "code"]].drop_duplicates()
    records = []
    for kind, code in codes.itertuples(index=False):
        record = {
            t("kind", lang): t(f"kind_{kind}", lang),
            t("subject", lang): f"{code} {labels.get((kind, code), '')}".strip(),
        }
        for network in networks:
            key = (network, kind, code)
            if key not in cells.index:
                record[names[network]] = ""
                continue
            row = cells.loc[key]
            record[names[network]] = (
                f"{t('covered', lang)} ({row['projects']})" if row["covered"] else t("gap", lang)
            )
        records.append(record)
    return pd.DataFrame(records)


def readable_goals(ctx) -> pd.DataFrame:
    """SMART goals of the consortium as a whole and of the networks this person may read."""
    goals = register_queries.goal_figures_of(ctx.engine, ctx.consortium_id)
    mine = set(readable_network_names(ctx.framework, "nl"))
    # A goal without a network is the consortium's: pandas 3 reads its network as NaN (truthy,
    # so `not n` hid it from everyone), hence isna().
    consortium_wide = goals["network"].isna() | (goals["network"] == "")
    return goals.loc[consortium_wide | goals["network"].isin(mine)]


def outcome_text(outcome, deadline, lang: str) -> str | None:
    """A goal's outcome in words: niet gehaald with its target date, gehaald, or None."""
    if outcome == "missed":
        return t("goal_missed", lang, date=pd.Timestamp(deadline).strftime("%d-%m-%Y"))
    return t("goal_reached", lang) if outcome == "reached" else None


def goal_status(goal: dict, lang: str) -> str:
    """The status of a goal: its outcome once reached or past its target date, else the
    forecast's verdict."""
    done = outcome_text(goal.get("outcome"), goal["deadline"], lang)
    if done:
        return done
    achievable = goal["achievable"]
    if achievable is None:
        return t("unknown", lang)
    return t("achievable" if achievable else "not_achievable", lang)


def goals_with_outcome(ctx, today: date | None = None) -> pd.DataFrame:
    goals = readable_goals(ctx).copy()
    goals["outcome"] = goal_outcome(goals, today or clock.today()) if len(goals) else []
    return goals


def goals_frame(ctx, query: dict, lang: str, *, today: date | None = None) -> pd.DataFrame:
    goals = goals_with_outcome(ctx, today)
    names = network_names(ctx.framework, lang)
    return pd.DataFrame(
        {
            t("goal", lang): goals["name"],
            t("network", lang): [
                names.get(n, names[ALL_NETWORKS]) if n else names[ALL_NETWORKS]
                for n in goals["network"]
            ],
            t("baseline", lang): goals["baseline_value"],
            t("latest_value", lang): goals["latest_value"],
            # "target" is "Doel" in Dutch, as is "goal": the name column would be overwritten.
            t("goal_target_value", lang): goals["target_value"],
            t("deadline", lang): goals["deadline"].dt.strftime("%d-%m-%Y"),
            t("progress", lang): goals["progress_pct"].round(0),
            t("forecast", lang): goals["forecast"].round(1),
            t("status", lang): [goal_status(g, lang) for g in goals.to_dict("records")],
        }
    )


TABLES = {"project_status": status_frame, "coverage": coverage_frame, "goals": goals_frame}


def din_graph(ctx, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Nodes and edges of the Doelen-Inspanningen-Netwerk, with its gaps (metrics.goals)."""
    din = queries.din_tables(ctx.engine, ctx.consortium_id)
    gaps = din_gaps(din["projects"], din["links"], din["goals"])
    nodes, edges = [], []
    for p in din["projects"].itertuples():
        gap = p.project in gaps["projects_without_goals"]
        nodes.append({"id": f"p:{p.project}", "layer": 0, "label": p.project, "gap": gap})
    for g in din["goals"].itertuples():
        gap = g.goal in gaps["goals_without_projects"]
        nodes.append({"id": f"g:{g.goal}", "layer": 1, "label": g.goal, "gap": gap})
        if isinstance(g.result_goal, str):
            edges.append({"source": f"g:{g.goal}", "target": f"r:{g.result_goal}"})
    for r in din["result_goals"].itertuples():
        nodes.append({"id": f"r:{r.result_goal}", "layer": 2, "label": r.result_goal, "gap": False})
        if isinstance(r.ambition, str):
            edges.append({"source": f"r:{r.result_goal}", "target": f"a:{r.ambition}"})
    for a in din["ambitions"].itertuples():
        name = a.name_en if lang == "en" and isinstance(a.name_en, str) else a.name
        nodes.append(
            {
                "id": f"a:{a.ambition}",
                "layer": 3,
                "label": f"{a.ambition} {name}"[:40],
                "gap": False,
            }
        )
        edges.append({"source": f"a:{a.ambition}", "target": "vision"})
    nodes.append({"id": "vision", "layer": 4, "label": t("din_vision", lang), "gap": False})
    for link in din["links"].itertuples():
        edges.append({"source": f"p:{link.project}", "target": f"g:{link.goal}"})
    return pd.DataFrame(nodes), pd.DataFrame(edges, columns=["source", "target"]), gaps


def render(ctx, inputs: dict, *, today: date | None = None) -> dict:
    """The main callback as a plain function: (network, project, lang) → outputs."""
    lang = language(inputs.get("lang"))
    fw = ctx.framework
    query = {"network": inputs.get("network") or "", "project": inputs.get("project")}
    matrix = status_frame(ctx, query, lang, today=today)
    matrix_table = _status_table(matrix, lang)
    updates = queries.status_updates(ctx.engine, ctx.consortium_id)
    mine = updates.loc[updates["project"] == query["project"]]
    mine = mine.loc[mine["network"].isin(_networks(ctx, query))]
    history = project_history_figure(
        mine[["network", "submitted_at", "status"]], network_names(fw, lang), lang
    )
    coverage = _coverage_table(coverage_frame(ctx, query, lang, today=today), lang)
    goals = goals_with_outcome(ctx, today)
    values = queries.goal_values(ctx.engine, ctx.consortium_id)
    goal_cards = []
    for goal in goals.to_dict("records"):
        progress = goal["progress_pct"]
        verdict = goal_status(goal, lang)
        goal_cards.append(
            dbc.Col(
                html.Div(
                    [
                        html.Strong(goal["name"]),
                        dbc.Progress(
                            value=0 if pd.isna(progress) else max(0, min(100, progress)),
                            label="–" if pd.isna(progress) else f"{progress:.0f}%",
                            className="my-1",
                        ),
                        explanation(
                            outcome_text(goal["outcome"], goal["deadline"], lang)
                            or f"{t('forecast', lang)}: {verdict}",
                            id=f"goal-status-{goal['goal']}",
                        ),
                        graph(
                            f"goal-{goal['goal']}",
                            f"goal-{goal['goal']}",
                            figure=goal_figure(
                                goal, values.loc[values["goal"] == goal["goal"]], lang
                            ),
                        ),
                    ],
                    id=f"goal-card-{goal['goal']}",
                ),
                xs=12,
                md=6,
            )
        )
    nodes, edges, gaps = din_graph(ctx, lang)
    gap_lines = []
    if gaps["goals_without_projects"]:
        gap_lines.append(
            dbc.Badge(
                t("din_gaps_goals", lang, codes=", ".join(gaps["goals_without_projects"])),
                color="danger",
                className="me-2",
            )
        )
    if gaps["projects_without_goals"]:
        gap_lines.append(
            dbc.Badge(
                t("din_gaps_projects", lang, codes=", ".join(gaps["projects_without_goals"])),
                color="danger",
                className="text-wrap text-start",
            )
        )
    return {
        "matrix": matrix_table,
        "history": history,
        "coverage": coverage,
        "goals": dbc.Row(goal_cards)
        if goal_cards
        else empty_state(t("no_din", lang), "goals-empty"),
        "din": din_figure(nodes, edges, lang),
        "din_gaps": html.Div(gap_lines, id="din-gap-list", className="mb-2"),
        "query": {**query, "lang": lang},
    }


def _coverage_table(frame: pd.DataFrame, lang: str) -> dbc.Table:
    """Covered cells as a green word (the projects on hover), gaps as a red one."""
    head = html.Thead(html.Tr([html.Th(c) for c in frame.columns]))
    rows = []
    for values in frame.itertuples(index=False):
        cells = [html.Td(values[0]), html.Td(values[1])]
        for value in values[2:]:
            if value.startswith(t("covered", lang)):
                projects = value[len(t("covered", lang)) :].strip(" ()")
                cells.append(
                    html.Td(dbc.Badge(t("covered", lang), color="success", title=projects))
                )
            elif value == t("gap", lang):
                cells.append(html.Td(dbc.Badge(t("gap", lang), color="danger", className="gap")))
            else:
                cells.append(html.Td(value))
        rows.append(html.Tr(cells))
    return dbc.Table(
        [head, html.Tbody(rows)], id="coverage-table", hover=True, responsive=True, size="sm"
    )


def _status_table(frame: pd.DataFrame, lang: str) -> dbc.Table:
    head = html.Thead(html.Tr([html.Th(c) for c in frame.columns]))
    statuses = {t(f"project_{s}", lang): s for s in BADGES}
    rows = []
    for values in frame.itertuples(index=False):
        cells = [html.Td(values[0])]
        for value in values[1:]:
            stale_words = f"({t('stale', lang)})"
            word = value.replace(stale_words, "").strip()
            if not word:
                cells.append(html.Td(""))
                continue
            badge = dbc.Badge(word, color=BADGES.get(statuses.get(word), "secondary"))
            stale = (
                dbc.Badge(
                    t("stale", lang),
                    color="light",
                    text_color="dark",
                    className="ms-1 border stale",
                )
                if stale_words in value
                else None
            )
            cells.append(html.Td([badge, stale] if stale else badge))
        rows.append(html.Tr(cells))
    return dbc.Table(
        [head, html.Tbody(rows)], id="projects-status", hover=True, responsive=True, size="sm"
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("projects-project", "options"),
        Output("projects-project", "value"),
        Input("projects-network", "value"),
        State("projects-project", "value"),
        prevent_initial_call=True,
    )
    def _projects(network, project):
        c = context()
        projects = queries.projects(c.engine, c.consortium_id, network or None)
        codes = list(projects["project"])
        return project_options(projects), valid(project, codes, codes[0] if codes else None)

    @app.callback(
        Output("projects-matrix", "children"),
        Output("projects-history", "figure"),
        Output("projects-coverage", "children"),
        Output("projects-goals", "children"),
        Output("projects-din", "figure"),
        Output("projects-din-gaps", "children"),
        Output({"type": "query", "page": PAGE}, "data"),
        Input("projects-network", "value"),
        Input("projects-project", "value"),
        State("page-lang", "data"),
    )
    def _update(network, project, lang):
        out = render(context(), {"network": network, "project": project, "lang": lang})
        return (
            out["matrix"],
            out["history"],
            out["coverage"],
            out["goals"],
            out["din"],
            out["din_gaps"],
            out["query"],
        )
