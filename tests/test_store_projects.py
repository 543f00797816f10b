"""Project and goal figures read from the database (measures.md, "Projects and goals")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from db import models as m
from db.engine import transaction
from metrics.register_figures import submitted_updates
from metrics.store import goal_figures, project_figures


@pytest.mark.demo_data
def test_a_network_that_never_reported_counts_as_stale(ctx):
    before = project_figures(ctx.engine, ctx.consortium_id, date(2026, 11, 23), 62)
    with transaction(ctx.engine) as s:
        a027 = s.scalar(select(m.Project.id).where(m.Project.code == "A027"))
        uts = s.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        s.execute(
            delete(m.StatusUpdate).where(
                m.StatusUpdate.project_id == a027, m.StatusUpdate.network_id == uts
            )
        )
    after = project_figures(ctx.engine, ctx.consortium_id, date(2026, 11, 23), 62)
    row = after["status"].query("project == 'A027' and network == 'UTS'").iloc[0]
    assert row["stale"] and row["active"] and row["status"] is None
    was = before["summary"].set_index("network").loc["UTS"]
    now = after["summary"].set_index("network").loc["UTS"]
    assert now["active"] == was["active"]  # still taking part
    assert now["stale"] == was["stale"] + 1 - int(
        before["status"].query("project == 'A027' and network == 'UTS'")["stale"].iloc[0]
    )


@pytest.mark.demo_data
def test_goal_figures(ctx):
    goals = goal_figures(ctx.engine, ctx.consortium_id).set_index("goal")
    # PATZ20: baseline 10 (2024-01-01), target 20, latest 17 → (17 − 10) / (20 − 10) = 70 %
    assert goals.loc["PATZ20", "progress_pct"] == 70.0
    assert goals.loc["PATZ20", "n_points"] == 5
    # WEGWIJZER has no measured value: no progress and no forecast (1 point only)
    assert goals.loc["WEGWIJZER", "n_points"] == 1 and goals["forecast"].isna()["WEGWIJZER"]


def test_figures_of_a_consortium_without_projects_or_goals(ctx):
    figures = project_figures(ctx.engine, ctx.consortium_id, date(2026, 11, 23), 62)
    assert figures["status"].empty and figures["summary"].empty
    assert goal_figures(ctx.engine, ctx.consortium_id).empty


def test_submitted_updates_leave_drafts_out_and_stop_at_until(ctx):
    # The one read of status updates that the pages, the figures and the report share.
    moment = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
    with transaction(ctx.engine) as s:
        project = m.Project(consortium_id=ctx.consortium_id, code="A027", name="A027")
        s.add(project)
        s.flush()
        uts = s.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        for version, state, at in [(2, "submitted", moment), (1, "submitted", moment)] + [
            (3, "draft", moment - timedelta(days=1)),
            (4, "submitted", moment + timedelta(days=1)),
        ]:
            s.add(
                m.StatusUpdate(
                    project_id=project.id,
                    network_id=uts,
                    version=version,
                    state=state,
                    status="op_koers",
                    source="form",
                    submitted_at=at,
                )
            )
    with ctx.engine.connect() as c:
        every = submitted_updates(c, ctx.consortium_id, ["project", "version", "submitted_at"])
        until = submitted_updates(c, ctx.consortium_id, ["project", "version"], until=moment)
    assert list(every.columns) == ["project", "version", "submitted_at"]
    # oldest first; at one moment the newer version last; the draft is no one's figure
    assert every["version"].tolist() == [1, 2, 4] and set(every["project"]) == {"A027"}
    assert until["version"].tolist() == [1, 2]
