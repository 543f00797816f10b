"""The stored records the documents show beside the measure snapshots: the latest status update
of each project in each network (its narrative, milestones and risks), the projects' tags, the
agreements register, the proposals, and whether demo data is loaded.

These are what coordinators entered, read as stored; nothing is computed here but the latest
row per project and network (the rule of metrics.projects) and counts.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd
from sqlalchemy import Engine, func, or_, select

from db import models as m
from db.models.registers import AWAITING_DECISIONS
from metrics.register_figures import submitted_updates
from samenwerkingsmonitor import clock

UPDATE_COLUMNS = [
    "project",
    "network",
    "version",
    "status",
    "progress",
    "narrative",
    "milestones",
    "risks",
    "submitted_at",
]


def latest_updates(engine: Engine, consortium_id: int, reference: date) -> pd.DataFrame:
    """Per project × network the latest submitted status update up to the end of `reference`
    (latest time, then highest version, as metrics.projects.latest_status)."""
    until = clock.to_utc(datetime.combine(reference, time.max))  # the end of that local day
    with engine.connect() as c:
        frame = submitted_updates(c, consortium_id, UPDATE_COLUMNS, until)
    if frame.empty:
        return frame
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    frame = frame.sort_values(["project", "network", "submitted_at", "version"])
    return frame.drop_duplicates(["project", "network"], keep="last").reset_index(drop=True)


def milestone_lines(milestones) -> list[tuple[str, str | None, str]]:
    """(kind, ISO date or None, text) of a stored milestones list: the form stores
    {kind, date, text} objects, the survey endpoints plain texts."""
    lines = []
    for entry in milestones or []:
        if isinstance(entry, dict):
            lines.append((entry.get("kind") or "", entry.get("date"), str(entry.get("text", ""))))
        elif str(entry).strip():
            lines.append(("", None, str(entry).strip()))
    return lines


def project_tags(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """Which framework codes each project is tagged with: project, kind, code."""
    query = (
        select(m.Project.code, m.FrameworkElement.kind, m.FrameworkElement.code)
        .join(m.ProjectTag, m.ProjectTag.project_id == m.Project.id)
        .join(m.FrameworkElement, m.FrameworkElement.id == m.ProjectTag.element_id)
        .where(m.Project.consortium_id == consortium_id)
        .order_by(m.Project.code, m.FrameworkElement.kind, m.FrameworkElement.code)
    )
    with engine.connect() as c:
        return pd.DataFrame(c.execute(query).all(), columns=["project", "kind", "code"])


def goal_ambitions(engine: Engine, consortium_id: int) -> dict[str, str]:
    """SMART goal code → the ambition of its result goal (the Doelen-Inspanningen-Netwerk)."""
    query = (
        select(m.Goal.code, m.FrameworkElement.code)
        .join(m.ResultGoal, m.ResultGoal.id == m.Goal.result_goal_id)
        .join(m.FrameworkElement, m.FrameworkElement.id == m.ResultGoal.ambition_id)
        .where(m.Goal.consortium_id == consortium_id)
    )
    with engine.connect() as c:
        return dict(c.execute(query).all())


def agreements(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """The agreements register without its texts: id, network, topic, since, next_evaluation."""
    query = (
        select(
            m.Agreement.id,
            m.Network.code,
            m.Agreement.topic,
            m.Agreement.since,
            m.Agreement.next_evaluation,
        )
        .join(m.Network, m.Network.id == m.Agreement.network_id)
        .where(m.Network.consortium_id == consortium_id)
        .order_by(m.Network.code, m.Agreement.id)
    )
    with engine.connect() as c:
        frame = pd.DataFrame(
            c.execute(query).all(),
            columns=["id", "network", "topic", "since", "next_evaluation"],
        )
    for column in ("since", "next_evaluation"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def open_proposals(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """Proposals for new projects that await the beheerder's decision: id, network, name,
    proposed_at. A proposal waits while it has no decision or its latest decision (the row of
    proposal_decision with the highest id) asks for more information."""
    p, d = m.ProjectProposal, m.ProposalDecision
    latest = (
        select(d.proposal_id, func.max(d.id).label("decision_id"))
        .group_by(d.proposal_id)
        .subquery()
    )
    query = (
        select(p.id, m.Network.code, p.name, p.proposed_at)
        .join(m.Network, m.Network.id == p.network_id)
        .outerjoin(latest, latest.c.proposal_id == p.id)
        .outerjoin(d, d.id == latest.c.decision_id)
        .where(
            p.consortium_id == consortium_id,
            or_(d.id.is_(None), d.decision.in_(AWAITING_DECISIONS)),
        )
        .order_by(p.proposed_at, p.id)
    )
    with engine.connect() as c:
        return pd.DataFrame(
            c.execute(query).all(), columns=["id", "network", "name", "proposed_at"]
        )


def demo_data_loaded(engine: Engine) -> bool:
    """Whether the demo data set is in the database (its collector runs and status updates
    carry the source "demo…"): a report made on it must not pass for real figures."""
    with engine.connect() as c:
        runs = c.scalar(
            select(func.count())
            .select_from(m.CollectorRun)
            .where(m.CollectorRun.source.like("demo%"))
        )
        updates = c.scalar(
            select(func.count())
            .select_from(m.StatusUpdate)
            .where(or_(m.StatusUpdate.source == "demo", m.StatusUpdate.source.like("demo-%")))
        )
    return bool(runs or updates)
