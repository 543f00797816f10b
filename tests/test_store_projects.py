"""Project and goal figures read from the database (measures.md, "Projects and goals")."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select

from db import models as m
from db.engine import transaction
from demo.load import load_demo
from metrics.store import goal_figures, project_figures


def test_a_network_that_never_reported_counts_as_stale(ctx):
    list(load_demo(ctx.engine, ctx.framework, ctx.consortium_id))
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


def test_goal_figures(ctx):
    list(load_demo(ctx.engine, ctx.framework, ctx.consortium_id))
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
