"""Figures of the project and goal registers, computed on request (measures.md, "Projects and
goals"): the inputs are few, so they are read whole and never stored as snapshots. The read of
the submitted status updates is here once for the figures, the register pages and the report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, select

from db import models as m
from samenwerkingsmonitor.clock import wall_time

# The columns a reader of status updates may ask for, by the names the frames carry.
UPDATE_FIELDS = {
    "project": m.Project.code,
    "project_name": m.Project.name,
    "network": m.Network.code,
    "version": m.StatusUpdate.version,
    "status": m.StatusUpdate.status,
    "progress": m.StatusUpdate.progress,
    "narrative": m.StatusUpdate.narrative,
    "milestones": m.StatusUpdate.milestones,
    "risks": m.StatusUpdate.risks,
    "submitted_at": m.StatusUpdate.submitted_at,
}


def submitted_updates(
    conn: Connection,
    consortium_id: int,
    columns: Sequence[str],
    until: datetime | None = None,
) -> pd.DataFrame:
    """The consortium's submitted status updates (drafts are no one's figures yet), submitted up
    to `until` if given, oldest first and of one project × network the newest version last;
    `columns` named as in UPDATE_FIELDS. submitted_at as stored: the callers choose local or UTC.
    No rights applied: the dashboard narrows the frame in dashboard.queries."""
    su = m.StatusUpdate
    query = (
        select(*(UPDATE_FIELDS[c] for c in columns))
        .join(m.Project, m.Project.id == su.project_id)
        .join(m.Network, m.Network.id == su.network_id)
        .where(m.Project.consortium_id == consortium_id, su.state == "submitted")
        .order_by(su.submitted_at, su.version)
    )
    if until is not None:
        query = query.where(su.submitted_at <= until)
    return pd.DataFrame(conn.execute(query).all(), columns=list(columns))


def project_figures(
    engine: Engine, consortium_id: int, reference_date: date, stale_days: int
) -> dict[str, pd.DataFrame]:
    """Project status per project × network, the per-network summary and the coverage
    (measures.md, "Projects and goals"), as of `reference_date`. Status updates are few: they are
    read whole, and the rules are cheap enough to apply on request."""
    from metrics.projects import coverage, latest_status, network_project_summary

    with engine.connect() as c:
        updates = submitted_updates(
            c, consortium_id, ["project", "network", "status", "submitted_at", "version"]
        )
        tags = pd.DataFrame(
            c.execute(
                select(m.Project.code, m.FrameworkElement.kind, m.FrameworkElement.code)
                .join(m.ProjectTag, m.ProjectTag.project_id == m.Project.id)
                .join(m.FrameworkElement, m.FrameworkElement.id == m.ProjectTag.element_id)
                .where(m.Project.consortium_id == consortium_id)
            ).all(),
            columns=["project", "kind", "code"],
        )
        taking_part = pd.DataFrame(
            c.execute(
                select(m.Project.code, m.Network.code)
                .join(m.ProjectNetwork, m.ProjectNetwork.project_id == m.Project.id)
                .join(m.Network, m.Network.id == m.ProjectNetwork.network_id)
                .where(m.Project.consortium_id == consortium_id)
            ).all(),
            columns=["project", "network"],
        )
        codes = pd.DataFrame(
            c.execute(
                select(m.FrameworkElement.kind, m.FrameworkElement.code)
                .where(
                    m.FrameworkElement.consortium_id == consortium_id,
                    m.FrameworkElement.kind.in_(
                        ["ambition", "speerpunt", "kernthema", "actielijn"]
                    ),
                )
                .order_by(m.FrameworkElement.kind, m.FrameworkElement.code)
            ).all(),
            columns=["kind", "code"],
        )
    updates["submitted_at"] = wall_time(updates["submitted_at"])  # local calendar days
    latest = latest_status(updates, reference_date, stale_days)
    latest = latest.astype({"project": object, "network": object})  # an empty frame is float
    # A network that takes part in a project but never reported on it: active, and stale, with
    # no status to count it under.
    silent = taking_part.astype(object).merge(
        latest[["project", "network"]], how="left", indicator=True
    )
    silent = silent[silent["_merge"] == "left_only"].drop(columns="_merge")
    if len(silent):
        latest = pd.concat(
            [latest, silent.assign(status=None, submitted_at=pd.NaT, active=True, stale=True)],
            ignore_index=True,
        ).sort_values(["network", "project"], ignore_index=True)
    return {
        "status": latest,
        "summary": network_project_summary(latest),
        "coverage": coverage(latest, tags, codes).assign(
            projects=lambda f: f["projects"].map(", ".join)
        ),
    }


def goal_figures(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """SMART-goal progress and forecast (measures.md, "SMART goal")."""
    from metrics.goals import goal_progress

    with engine.connect() as c:
        goals = pd.DataFrame(
            c.execute(
                select(
                    m.Goal.code,
                    m.Network.code,
                    m.Goal.name,
                    m.Goal.unit,
                    m.Goal.baseline_value,
                    m.Goal.baseline_date,
                    m.Goal.target_value,
                    m.Goal.deadline,
                )
                .outerjoin(m.Network, m.Network.id == m.Goal.network_id)
                .where(m.Goal.consortium_id == consortium_id)
                .order_by(m.Goal.code)
            ).all(),
            columns=[
                "goal",
                "network",
                "name",
                "unit",
                "baseline_value",
                "baseline_date",
                "target_value",
                "deadline",
            ],
        )
        values = pd.DataFrame(
            c.execute(
                select(m.Goal.code, m.GoalValue.measured_at, m.GoalValue.value)
                .join(m.Goal, m.Goal.id == m.GoalValue.goal_id)
                .where(m.Goal.consortium_id == consortium_id)
            ).all(),
            columns=["goal", "measured_at", "value"],
        )
    for frame, columns in ((goals, ["baseline_date", "deadline"]), (values, ["measured_at"])):
        for column in columns:
            frame[column] = pd.to_datetime(frame[column])
    if goals.empty:  # the rules need at least one goal to infer their column types from
        columns = [
            *goals.columns,
            "latest_value",
            "latest_date",
            "progress_pct",
            "n_points",
            "forecast",
            "achievable",
        ]
        return pd.DataFrame(columns=columns)
    return goal_progress(goals, values)
