"""The goals register (issue 14): result goals under an ambition and SMART goals consortium-wide
or per network — who sees them, when one is missed, and how they are checked and stored."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, insert, select

from collectors import goals as register
from collectors.goal_files import import_goal_files
from dashboard.app import create_app
from dashboard.pages.projects import readable_goals
from db import models as m
from tests.login import as_user
from tests.test_cli import cli  # noqa: F401 (the fixture)


def _goal(ctx, code: str, network: str | None, **values) -> int:
    with ctx.engine.begin() as conn:
        network_id = conn.scalar(select(m.Network.id).where(m.Network.code == network))
        row = {
            "consortium_id": ctx.consortium_id,
            "code": code,
            "name": f"Doel {code}",
            "network_id": network_id,
            "baseline_value": 10,
            "baseline_date": date(2024, 1, 1),
            "target_value": 20,
            "deadline": date(2027, 1, 1),
            **values,
        }
        return conn.execute(insert(m.Goal).values(**row).returning(m.Goal.id)).scalar_one()


def test_a_consortium_wide_goal_is_seen_by_everyone_who_reads_the_consortium(ctx):
    """Regression: readable_goals hid goals without a network from everyone (pandas 3 reads the
    missing network as NaN, and `not NaN` is False)."""
    _goal(ctx, "PATZ20", None)
    _goal(ctx, "OVERDRACHT", "UTS")
    _goal(ctx, "HOSPICE", "EEM")
    app = create_app(ctx)
    expected = {
        "admin": ["HOSPICE", "OVERDRACHT", "PATZ20"],
        "rapporteur": ["HOSPICE", "OVERDRACHT", "PATZ20"],
        "alice": ["OVERDRACHT", "PATZ20"],  # coordinator of UTS
        "bob": ["HOSPICE", "PATZ20"],  # steering group of EEM
    }
    for name, codes in expected.items():
        with as_user(app, ctx, name):
            assert sorted(readable_goals(ctx)["goal"]) == codes, name


# --- the register: checks, files both ways ---------------------------------------------------------

RESULT_GOALS = (
    'code,name,ambition\nER1,Palliatieve zorg is geïntegreerd,A1\nER2,"Overdracht, regie",A2\n'
)
GOALS = (
    "code,name,unit,network,result_goal,baseline_value,baseline_date,target_value,target_date,"
    "projects,meetpunten\n"
    "PATZ20,Aantal PaTz-groepen van 10 naar 20,groepen,,ER1,10,01-01-2024,20,2026-01-01,PATZ,"
    "DESK;V7\n"
    'OVERDRACHT,"=Warme overdracht bij 80% van de ontslagen",%,UTS,ER2,"35,5",2024-06-01,80,'
    "2027-06-30,A027;PATZ,OVERDR;V4\n"
)


@pytest.fixture
def projects(ctx):
    from collectors.projects import save_project

    for code in ("PATZ", "A027"):
        save_project(ctx.engine, ctx.consortium_id, {"code": code, "name": f"Project {code}"})
    return ctx


def _files(tmp_path, goals: str = GOALS, results: str = RESULT_GOALS):
    (tmp_path / "doelen.csv").write_text(goals, encoding="utf-8")
    (tmp_path / "er.csv").write_text(results, encoding="utf-8")
    return tmp_path / "doelen.csv", tmp_path / "er.csv"


def _goals(ctx) -> list[dict]:
    frame = register.list_goals(ctx.engine, ctx.consortium_id)
    return frame[list(register.GOAL_FIELDS)].to_dict("records")


def test_goals_import_with_result_goals_and_read_again_changes_nothing(projects, tmp_path):
    ctx = projects
    goals, results = _files(tmp_path)
    summary = import_goal_files(ctx.engine, goals, results, consortium_id=ctx.consortium_id)
    assert (summary.rows_new, summary.rows_rejected) == (4, 0), summary.rejects
    stored = {g["code"]: g for g in _goals(ctx)}
    assert stored["PATZ20"] == {
        "code": "PATZ20",
        "name": "Aantal PaTz-groepen van 10 naar 20",
        "unit": "groepen",
        "network": None,
        "result_goal": "ER1",
        "baseline_value": 10.0,
        "baseline_date": "2024-01-01",
        "target_value": 20.0,
        "target_date": "2026-01-01",
        "projects": ["PATZ"],
        "meetpunten": ["DESK", "V7"],
    }
    assert stored["OVERDRACHT"]["baseline_value"] == 35.5  # a decimal comma
    assert stored["OVERDRACHT"]["name"].startswith("=Warme")
    with ctx.engine.connect() as conn:
        measures = set(conn.execute(select(m.GoalMeasure.measure, m.GoalMeasure.subject)).all())
    assert ("theme", "DESK") in measures and ("vision_element", "V4") in measures
    again = import_goal_files(ctx.engine, goals, results, consortium_id=ctx.consortium_id)
    assert (again.rows_new, again.rows_updated, again.rows_unchanged) == (0, 0, 4)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_goals_export_reads_back_into_an_empty_register(
    projects,
    tmp_path,
    cli,  # noqa: F811
    suffix,
):
    ctx = projects
    goals, results = _files(tmp_path)
    import_goal_files(ctx.engine, goals, results, consortium_id=ctx.consortium_id)
    before, before_results = _goals(ctx), register.list_result_goals(ctx.engine, ctx.consortium_id)
    out = tmp_path / f"export.{suffix}"
    written = cli("goals", "export", "--out", str(out)).output
    assert "wrote 2 goals and 2 result goals" in written
    if suffix == "xlsx":
        assert load_workbook(out).sheetnames == ["goals", "result_goals"]
        args = [str(out)]
    else:
        second = tmp_path / "export-result-goals.csv"
        assert second.read_text(encoding="utf-8").startswith("code,name,ambition")
        # user text stays text in the file
        assert ",'=Warme overdracht" in out.read_text(encoding="utf-8")
        args = [str(out), "--result-goals", str(second)]
    with ctx.engine.begin() as conn:
        conn.execute(delete(m.Goal))
        conn.execute(delete(m.ResultGoal))
    assert "4 new, 0 updated, 0 unchanged, 0 rejected" in cli("goals", "import", *args).output
    assert _goals(ctx) == before
    assert register.list_result_goals(ctx.engine, ctx.consortium_id).equals(before_results)
    assert "0 new, 0 updated, 4 unchanged" in cli("goals", "import", *args).output


def test_bad_goal_rows_are_rejected_with_their_reason(projects, tmp_path):
    ctx = projects
    bad = (
        "code,name,network,result_goal,baseline_value,baseline_date,target_value,target_date,"
        "projects,meetpunten\n"
        "GOED,Goed doel,EEM,ER9,1,2024-01-01,2,2025-01-01,,\n"
        "NUL,Geen nulmeting,,,,2024-01-01,2,2025-01-01,,\n"
        "OMGEKEERD,Doeldatum voor nulmeting,,,1,2025-01-01,2,2024-01-01,,\n"
        "ONBEKEND,Onbekend,XXX,,1,2024-01-01,2,2025-01-01,NOPE,V99\n"
    )
    goals, results = _files(tmp_path, goals=bad, results="code,name,ambition\nER9,Negen,A9\n")
    summary = import_goal_files(ctx.engine, goals, results, consortium_id=ctx.consortium_id)
    # ER9's ambition is unknown: so is ER9, and the goal naming it is rejected too
    assert (summary.rows_new, summary.rows_rejected) == (0, 5)
    reasons = {r.split(":")[0]: r for r in summary.rejects}
    assert "unknown ambition: A9" in reasons["er.csv row 2, column ambition"]
    assert "unknown result goal: ER9" in reasons["doelen.csv row 2, column result_goal"]
    assert "baseline_value is empty" in reasons["doelen.csv row 3, column baseline_value"]
    assert "not after the baseline" in reasons["doelen.csv row 4, column target_date"]
    onbekend = reasons["doelen.csv row 5, column network"]
    assert "unknown network: XXX" in onbekend and "unknown project(s): NOPE" in onbekend
    assert "unknown theme or vision element(s): V99" in onbekend
    assert _goals(ctx) == []


# --- niet gehaald ------------------------------------------------------------------------------------


def test_a_goal_past_its_target_date_shows_as_not_reached_with_the_date(ctx):
    from dashboard.pages.projects import goals_frame, render

    missed = _goal(ctx, "MISSED", None, deadline=date(2025, 12, 31))
    reached = _goal(ctx, "REACHED", None, deadline=date(2025, 12, 31))
    _goal(ctx, "RUNNING", "UTS", deadline=date(2027, 1, 1))
    with ctx.engine.begin() as conn:
        conn.execute(
            insert(m.GoalValue),
            [
                {"goal_id": missed, "measured_at": date(2025, 12, 1), "value": 17},
                {"goal_id": reached, "measured_at": date(2025, 12, 1), "value": 21},
            ],
        )
    today = date(2026, 3, 1)
    app = create_app(ctx)
    with as_user(app, ctx, "alice"):
        frame = goals_frame(ctx, {}, "nl", today=today)
        status = dict(zip(frame["Doel"], frame["Status"]))
        assert status["Doel MISSED"] == "niet gehaald (doeldatum 31-12-2025)"
        assert status["Doel REACHED"] == "gehaald"
        assert status["Doel RUNNING"] in ("haalbaar", "niet haalbaar", "onbekend")
        english = goals_frame(ctx, {}, "en", today=today)
        assert "not reached (target date 31-12-2025)" in list(english["Status"])
        cards = render(ctx, {"network": "UTS", "project": None, "lang": "nl"}, today=today)
        text = json.dumps(cards["goals"].to_plotly_json(), default=str)
        assert "niet gehaald (doeldatum 31-12-2025)" in text


# --- the Doelenregister page's rights ----------------------------------------------------------------


def _goal_form(**changes) -> dict:
    values = {
        "goalregister-save.n_clicks": 1,
        "goalregister-network.value": "ALL",
        "goalregister-lang.data": "nl",
        "goalregister-reload.data": {"n": 0, "id": None},
        "goalregister-code.value": "PATZ20",
        "goalregister-name.value": "Aantal PaTz-groepen van 10 naar 20",
        "goalregister-goal_network.value": "",
        "goalregister-baseline_value.value": "10",
        "goalregister-baseline_date.value": "01-01-2024",
        "goalregister-target_value.value": "20",
        "goalregister-target_date.value": "01-01-2026",
        "goalregister-meetpunten.value": ["V7"],
    }
    return {**values, **changes}


def test_only_the_administrator_writes_goals_and_readers_see_the_consortium_goals(ctx):
    from tests.login import logged_in_client
    from tests.test_agreements import post

    save = "goalregister-save.n_clicks"
    _goal(ctx, "HOSPICE", "EEM")
    app = create_app(ctx)
    admin, alice, bob = (logged_in_client(app, ctx, n) for n in ("admin", "alice", "bob"))
    for client in (alice, bob):
        assert post(client, "goalregister-feedback", _goal_form(), save).status_code == 403
    answer = post(admin, "goalregister-feedback", _goal_form(), save)
    assert "Doel opgeslagen." in answer.get_data(True)
    wrong = _goal_form(**{"goalregister-code.value": "X", "goalregister-goal_network.value": "Q"})
    body = json.loads(post(admin, "goalregister-feedback", wrong, save).get_data(True))
    assert body["response"]["goalregister-goal_network-error"]["children"] == "Onbekend: Q"
    assert sorted(register.list_goals(ctx.engine, ctx.consortium_id)["code"]) == [
        "HOSPICE",
        "PATZ20",
    ]

    def table(client, network):
        values = {
            "goalregister-network.value": network,
            "goalregister-reload.data": {"n": 0, "id": None},
            "goalregister-lang.data": "nl",
        }
        return post(client, "goalregister-table-wrap", values, "goalregister-network.value")

    mine = table(alice, "ALL").get_data(True)
    assert "PATZ20" in mine and "HOSPICE" not in mine and "goalentry-edit" not in mine
    assert table(alice, "EEM").status_code == 403
    assert "HOSPICE" in table(bob, "ALL").get_data(True)

    # uploads: the administrator's alone; a CSV with an ambition column is a result-goal list
    def upload(client, text):
        values = {
            "goalregister-upload.contents": "data:text/csv;base64,"
            + base64.b64encode(text.encode()).decode(),
            "goalregister-upload.filename": "er.csv",
            "goalregister-lang.data": "nl",
        }
        return post(client, "goalregister-upload-result", values, "goalregister-upload.contents")

    assert upload(alice, RESULT_GOALS).status_code == 403
    assert "er.csv: 2 nieuw" in upload(admin, RESULT_GOALS).get_data(True)
    assert list(register.list_result_goals(ctx.engine, ctx.consortium_id)["code"]) == [
        "ER1",
        "ER2",
    ]


def test_goal_outcome_rule():
    """reached when the latest value reaches the target (a decreasing goal: at or below it),
    missed when the target date has passed without that, else still under way."""
    import pandas as pd

    from metrics.goals import goal_outcome

    progress = pd.DataFrame(
        {
            "baseline_value": [10, 10, 50, 50, 10],
            "target_value": [20, 20, 30, 30, 20],
            "latest_value": [20.0, 19.0, 29.0, 31.0, float("nan")],
            "deadline": pd.to_datetime(["2025-01-01"] * 4 + ["2027-01-01"]),
        }
    )
    assert list(goal_outcome(progress, date(2026, 1, 1))) == [
        "reached",
        "missed",
        "reached",
        "missed",
        None,
    ]


def test_an_id_from_a_request_is_one_of_this_consortiums_goals_or_none(ctx):
    goal_id = _goal(ctx, "G1", None)
    assert register.goal_id_of(ctx.engine, ctx.consortium_id, str(goal_id)) == goal_id
    assert register.goal_id_of(ctx.engine, ctx.consortium_id + 1, goal_id) is None
    for wanted in (None, "", "G1", "1 or 1=1", goal_id + 1):
        assert register.goal_id_of(ctx.engine, ctx.consortium_id, wanted) is None
