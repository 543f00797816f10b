"""The registers the Projecten page reads are cached per register version (issue 18): a page
reads them again only when a register changed, and a change shows on the next call — a form's
submission, an import's value changed in place, a project's network added — on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from collectors.status import store_goal_values
from dashboard import queries, register_queries, statusforms
from dashboard.i18n import t
from dashboard.pages import projects
from db import models as m
from samenwerkingsmonitor import clock
from tests.test_status_form import GOOD, _alice, _uts_project


def _uts_cell(ctx, project: str) -> str:
    frame = projects.status_frame(ctx, {"network": "UTS"}, "nl", today=clock.today())
    return frame.set_index("Project").filter(like=project, axis=0)["Utrecht stad"].iloc[0]


@pytest.mark.demo_data
def test_a_submitted_status_shows_at_once(ctx):
    project = _uts_project(ctx)
    version = register_queries.register_version(ctx.engine)
    first = register_queries._status_updates(ctx.engine, ctx.consortium_id, version)
    before = _uts_cell(ctx, project)
    # Unchanged registers: the frames read are the cached ones.
    assert register_queries.register_version(ctx.engine) == version
    assert register_queries._status_updates(ctx.engine, ctx.consortium_id, version) is first
    status = "op_koers" if before.startswith(t("project_vastgelopen", "nl")) else "vastgelopen"
    result = statusforms.submit(ctx, project, "UTS", {**GOOD, "status": status}, _alice(ctx))
    assert result.version is not None
    assert register_queries.register_version(ctx.engine) != version
    assert _uts_cell(ctx, project) == t(f"project_{status}", "nl")
    latest = queries.status_updates(ctx.engine, ctx.consortium_id)
    assert latest["version"].max() >= result.version


@pytest.mark.demo_data
def test_a_goal_value_changed_in_place_and_a_new_network_show_at_once(ctx):
    goals = projects.goals_with_outcome(ctx)
    goal = goals.iloc[0]["goal"]
    values = queries.goal_values(ctx.engine, ctx.consortium_id)
    latest = values.loc[values["goal"] == goal].iloc[-1]
    with ctx.engine.begin() as conn:
        goal_id = conn.execute(select(m.Goal.id).where(m.Goal.code == goal)).scalar_one()
        changed = {"goal_id": goal_id, "measured_at": latest["measured_at"].date()}
        assert store_goal_values(conn, [{**changed, "value": latest["value"] + 7}], "test")[1] == 1
    values = queries.goal_values(ctx.engine, ctx.consortium_id)
    assert values.loc[values["goal"] == goal, "value"].iloc[-1] == latest["value"] + 7
    again = projects.goals_with_outcome(ctx).set_index("goal")
    assert again.loc[goal, "latest_value"] == latest["value"] + 7
    # A network joins a project it did not take part in: the project is listed for it.
    frame, pairs = register_queries.projects_taking_part(ctx.engine, ctx.consortium_id)
    project = next(
        p for p in frame["project"] if p not in set(pairs.loc[pairs["network"] == "ZOU", "project"])
    )
    with ctx.engine.begin() as conn:
        project_id = conn.execute(
            select(m.Project.id).where(m.Project.code == project)
        ).scalar_one()
        network_id = conn.execute(select(m.Network.id).where(m.Network.code == "ZOU")).scalar_one()
        conn.execute(insert(m.ProjectNetwork).values(project_id=project_id, network_id=network_id))
    assert project in set(queries.projects(ctx.engine, ctx.consortium_id, "ZOU")["project"])
