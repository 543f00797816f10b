"""Doelenregister: the result goals (ER-doelen) under the ambitions and the SMART goals of the
consortium or of one network (issue 14) — unit, baseline and target with their dates, the
projects working on them, the meetpunten they should move, and whether a goal whose target date
has passed was reached (niet gehaald, with the date).

Everyone reads the goals they may see: the consortium's own goals (no network) and those of
their networks. Only the administrator writes: the SMART-goal form and the upload (goals and
result goals). A register page (dashboard/pages/register.py) with the administrator as writer;
writes go through collectors/goals.py (checks, one transaction, an audit event).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from collectors import goal_files
from collectors import goals as register
from collectors.files import read_table
from collectors.projects import list_projects
from collectors.register_rows import RegisterInvalid
from dashboard import access
from dashboard.components import card, download_buttons
from dashboard.i18n import language, problem_text, t
from dashboard.pages import register as register_page
from dashboard.pages import register_upload
from dashboard.pages.common import context
from dashboard.pages.project_register import is_administrator
from dashboard.pages.projects import outcome_text
from dashboard.pages.register import Register, Written
from dashboard.result_goal_form import register_result_goal_callbacks, result_goal_card
from metrics.goals import goal_outcome
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

PATH = "/doelenregister"
TITLE = "goalregister_page"
PAGE = "goalregister"
# The form's fields: GOAL_FIELDS, but the goal's network is "goal_network" — "{page}-network" is
# the page's own network choice.
FIELDS = tuple("goal_network" if f == "network" else f for f in register.GOAL_FIELDS)


def _result_goal_options(_network: str) -> list[dict]:
    c = context()
    results = register.list_result_goals(c.engine, c.consortium_id)
    return [{"label": f"{r.code} {r.name}"[:80], "value": r.code} for r in results.itertuples()]


def _project_options(_network: str) -> list[dict]:
    c = context()
    projects = list_projects(c.engine, c.consortium_id)
    return [{"label": f"{r.code} — {r.name}"[:80], "value": r.code} for r in projects.itertuples()]


REGISTER = Register(
    page=PAGE,
    item="goalentry",
    fields=FIELDS,
    writer_id="goalregister-writer",
    writer=is_administrator,
    consortium=True,
    # Filled for the writer only (register.py): every project's name is not every reader's.
    form_options={
        f"{PAGE}-result_goal": _result_goal_options,
        f"{PAGE}-projects": _project_options,
    },
)
EMPTY = ("", "", "", "", None, "", "", "", "", [], [])


def _day(value) -> str:
    return date.fromisoformat(value).strftime("%d-%m-%Y") if value else ""


def _number(value) -> str:
    return "" if value is None or value != value else f"{value:g}"


def _field(name: str, component, lang: str, help_key: str | None = None) -> html.Div:
    label = t(f"goal_{name.removeprefix('goal_')}", lang)
    return register_page.form_field(
        REGISTER, label, component, name, help_key and t(help_key, lang)
    )


def _choices(lang: str) -> dict[str, list[dict]]:
    """The options of the form's dropdowns from the framework; result goals and projects come
    with the table, for the writer only (REGISTER.form_options)."""
    fw = context().framework
    return {
        "goal_network": [{"label": t("consortium", lang), "value": ""}]
        + [{"label": n.name, "value": n.code} for n in fw.networks],
        "result_goal": [],
        "projects": [],
        "meetpunten": [
            {"label": f"{th.code} {th.name}", "value": th.code} for th in fw.all_themes()
        ]
        + [{"label": f"{v.code} {v.name}"[:80], "value": v.code} for v in fw.vision_elements],
    }


def _form(lang: str) -> html.Div:
    choices = _choices(lang)

    def text(name: str, md: int, **kw) -> dbc.Col:
        return dbc.Col(_field(name, dbc.Input(id=f"{PAGE}-{name}", type="text", **kw), lang), md=md)

    def pick(name: str, md: int = 12, help_key: str | None = None, **kw) -> dbc.Col:
        dropdown = dcc.Dropdown(id=f"{PAGE}-{name}", options=choices[name], **kw)
        return dbc.Col(_field(name, dropdown, lang, help_key), md=md)

    fields = [
        dbc.Row([text("code", 4, maxLength=40), text("unit", 8, maxLength=register.UNIT_MAX)]),
        _field("name", dbc.Textarea(id=f"{PAGE}-name", rows=2), lang),
        dbc.Row([pick("goal_network", 6), pick("result_goal", 6)]),
        dbc.Row([text("baseline_value", 6), text("baseline_date", 6, placeholder="dd-mm-jjjj")]),
        dbc.Row([text("target_value", 6), text("target_date", 6, placeholder="dd-mm-jjjj")]),
        dbc.Row([pick("projects", multi=True)]),
        dbc.Row([pick("meetpunten", help_key="goal_meetpunten_help", multi=True)]),
    ]
    return register_page.form(REGISTER, lang, fields)


def layout(lang: str | None = None, network: str | None = None, **_) -> html.Div:
    lang = language(lang)

    def writer_cards() -> list:
        return [
            card(t("goalregister_form_title", lang), [_form(lang)]),
            result_goal_card(lang),
            card(
                t("projectregister_upload_title", lang),
                [register_upload.upload_zone(PAGE, t("goalregister_upload_help", lang), lang)],
            ),
        ]

    page = register_page.layout(REGISTER, lang, network or ALL_NETWORKS, writer_cards)
    results = card(
        t("goalregister_result_goals", lang),
        [
            download_buttons(RESULT_TABLE, lang),
            html.Div(result_goals_table(lang), id=f"{PAGE}-result-goals-wrap"),
        ],
    )
    return html.Div([page, results])


RESULT_TABLE = f"{PAGE}_result_goals"


def result_goals_table(lang: str) -> html.P | dbc.Table:
    """The result goals with their ambition (the consortium's: everyone reads them)."""
    c = context()
    frame = register.list_result_goals(c.engine, c.consortium_id)
    if frame.empty:
        return html.P("–", className="text-muted")
    head = html.Thead(
        html.Tr([html.Th(t(f"goal_{k}", lang)) for k in ("code", "name", "ambition")])
    )
    body = [html.Tr([html.Td(v or "") for v in row]) for row in frame.itertuples(index=False)]
    return dbc.Table([head, html.Tbody(body)], size="sm", id=f"{PAGE}-result-goals")


def readable_goals(c, network: str | None) -> pd.DataFrame:
    """The register's goals this person may read: `network`'s own, or for the consortium (ALL)
    the consortium-wide goals and those of every network they read."""
    frame = register.list_goals(c.engine, c.consortium_id)
    if network and network != ALL_NETWORKS:
        access.require_network(network)
        return frame.loc[frame["network"] == network]
    allowed = access.allowed_networks()
    keep = [n is None or allowed is None or n in allowed for n in frame["network"]]
    return frame.loc[keep]


def _status(frame: pd.DataFrame, lang: str, today: date) -> list[str]:
    """Per goal: niet gehaald (with the date), gehaald, or under way (measured values as on
    Projecten: the latest one)."""
    if frame.empty:
        return []
    c = context()
    from metrics.store import goal_figures

    figures = goal_figures(c.engine, c.consortium_id).set_index("goal")
    progress = figures.reindex(list(frame["code"])).reset_index()
    outcome = goal_outcome(progress, today)
    return [
        outcome_text(o, d, lang) or t("goal_under_way", lang)
        for o, d in zip(outcome, progress["deadline"])
    ]


def goals_table(
    frame: pd.DataFrame, lang: str, writable: bool, today: date | None = None
) -> html.P | dbc.Table:
    headings = [
        t(f"goal_{k}", lang)
        for k in ("code", "name", "network", "result_goal", "baseline_value", "target_value")
    ] + [t("goal_meetpunten", lang), t("goal_status", lang)]
    rows = []
    statuses = _status(frame, lang, today or clock.today())
    for r, status in zip(frame.itertuples(index=False), statuses):
        unit = f" {r.unit}" if r.unit else ""
        cells = [
            html.Td(r.code),
            html.Td(r.name),
            html.Td(r.network or t("consortium", lang)),
            html.Td(r.result_goal or "–"),
            html.Td(f"{_number(r.baseline_value)}{unit} ({_day(r.baseline_date)})"),
            html.Td(f"{_number(r.target_value)}{unit} ({_day(r.target_date)})"),
            html.Td(", ".join(r.meetpunten) or "–"),
            html.Td(status, className="goal-outcome"),
        ]
        rows.append(register_page.table_row(REGISTER, lang, r.id, cells, writable))
    return register_page.rows_table(REGISTER, lang, headings, rows, writable)


def goals_download(c, query: dict, lang: str) -> pd.DataFrame:
    codes = list(readable_goals(c, query.get("network") or ALL_NETWORKS)["code"])
    return goal_files.goals_frame(c.engine, c.consortium_id, codes)


def result_goals_download(c, query: dict, lang: str) -> pd.DataFrame:
    return goal_files.result_goals_frame(c.engine, c.consortium_id)


TABLES = {PAGE: goals_download, RESULT_TABLE: result_goals_download}


def _table(network: str, lang: str, writable: bool):
    return goals_table(readable_goals(context(), network), lang, writable)


def _load(wanted) -> tuple | None:
    register_page.require_writer(None, REGISTER)
    c = context()
    frame = register.list_goals(c.engine, c.consortium_id)
    found = frame.loc[frame["id"] == register.goal_id_of(c.engine, c.consortium_id, wanted)]
    if found.empty:
        return None
    r = found.iloc[0]
    return (
        r["code"],
        r["name"],
        r["unit"] or "",
        r["network"] or "",
        r["result_goal"],
        _number(r["baseline_value"]),
        _day(r["baseline_date"]),
        _number(r["target_value"]),
        _day(r["target_date"]),
        list(r["projects"]),
        list(r["meetpunten"]),
    )


def _write(network: str, editing, form: dict, account, lang: str) -> Written:
    c = context()
    entered = {("network" if k == "goal_network" else k): v for k, v in form.items()}
    try:
        saved = register.save_goal(
            c.engine, c.consortium_id, entered, goal_id=editing, actor=account
        )
    except RegisterInvalid as error:
        texts = [problem_text(p.key, p.message, lang) for p in error.problems]
        fields = ["goal_network" if p.field == "network" else p.field for p in error.problems]
        return register_page.refused(REGISTER, zip(fields, texts), lang)
    message = dbc.Alert(t("goalentry_saved", lang), color="success", id=f"{PAGE}-saved")
    return Written(message, saved)


def _import(path: Path, account):
    """An uploaded CSV whose header names `ambition` is a result-goal list; anything else a
    goals file (an XLSX workbook may hold both sheets)."""
    c = context()
    if path.suffix.lower() == ".csv" and "ambition" in [h.lower() for h in read_table(path)[0]]:
        goals, results = None, path
    else:
        goals, results = path, None
    return goal_files.import_goal_files(
        c.engine, goals, results, consortium_id=c.consortium_id, actor=account
    )


def register_callbacks(app) -> None:
    register_page.register_callbacks(
        app, REGISTER, table=_table, empty=EMPTY, load=_load, write=_write
    )
    register_result_goal_callbacks(
        app, f"{PAGE}-lang", f"{PAGE}-result-goals-wrap", result_goals_table
    )

    def upload(contents, filename, account, lang):
        return register_upload.import_upload(
            PAGE, contents, filename, lang, lambda path: _import(path, account)
        )

    refusal = "alleen de beheerder leest het doelenregister in"
    register_upload.register_upload_callback(app, PAGE, is_administrator, refusal, upload)
