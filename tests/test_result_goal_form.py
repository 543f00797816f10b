"""The Doelenregister's result-goal (ER) form and the goal's history: the administrator adds and
changes result goals on the page (audited; others get 403), and every change of a SMART goal
keeps a version of its whole entry, as a project's does."""

from __future__ import annotations

from sqlalchemy import select

from collectors import goals as register
from dashboard.app import create_app
from db import models as m
from tests.login import logged_in_client
from tests.test_agreements import post

SAVE = "resultgoal-save.n_clicks"


def _save(client, **values):
    filled = {SAVE: 1, "goalregister-lang.data": "nl"}
    filled.update({f"resultgoal-{k}.value": v for k, v in values.items()})
    return post(client, "resultgoal-feedback", filled, SAVE)


def test_the_administrator_keeps_the_result_goals_on_the_page(ctx):
    app = create_app(ctx)
    for name in ("alice", "bob", "rapporteur"):
        client = logged_in_client(app, ctx, name)
        assert _save(client, code="ER1", name="X", ambition="A1").status_code == 403
    assert register.list_result_goals(ctx.engine, ctx.consortium_id).empty

    admin = logged_in_client(app, ctx, "admin")
    answer = _save(admin, code="ER1", name="Palliatieve zorg is geïntegreerd", ambition="A1")
    assert "Resultaatdoel opgeslagen." in answer.get_data(True)
    assert "ER1" in answer.get_data(True)  # the table shown again
    changed = _save(admin, code="ER1", name="Palliatieve zorg is geïntegreerd", ambition="A2")
    assert "Resultaatdoel opgeslagen." in changed.get_data(True)
    same = _save(admin, code="ER1", name="Palliatieve zorg is geïntegreerd", ambition="A2")
    assert "Niets gewijzigd." in same.get_data(True)
    bad = _save(admin, code="ER 2", name="", ambition="A9").json["response"]
    text = str(bad["resultgoal-feedback"])
    assert "Een code bestaat uit letters" in text and "Vul dit veld in." in text
    frame = register.list_result_goals(ctx.engine, ctx.consortium_id)
    assert frame.to_dict("records") == [
        {"code": "ER1", "name": "Palliatieve zorg is geïntegreerd", "ambition": "A2"}
    ]
    with ctx.engine.connect() as conn:
        trail = conn.execute(
            select(m.AuditEvent.actor, m.AuditEvent.action).where(
                m.AuditEvent.entity == "result_goal"
            )
        ).all()
    assert [tuple(r) for r in trail] == [
        ("admin@example.org", "create"),
        ("admin@example.org", "update"),
    ]


def test_every_change_of_a_goal_keeps_a_version(ctx):
    form = {
        "code": "PATZ20",
        "name": "Aantal PaTz-groepen van 10 naar 20",
        "unit": "groepen",
        "baseline_value": "10",
        "baseline_date": "01-01-2024",
        "target_value": "20",
        "target_date": "2026-01-01",
    }
    goal_id = register.save_goal(ctx.engine, ctx.consortium_id, form)
    register.save_goal(ctx.engine, ctx.consortium_id, form, goal_id=goal_id)  # unchanged
    later = {**form, "target_value": "25", "target_date": "2027-01-01"}
    register.save_goal(ctx.engine, ctx.consortium_id, later, goal_id=goal_id)
    versions = register.goal_versions(ctx.engine, goal_id)
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["values"]["target_value"] == 20.0
    assert versions[1]["values"]["target_value"] == 25.0
    assert versions[1]["values"]["target_date"] == "2027-01-01"
    assert versions[1]["changed_at"] is not None
