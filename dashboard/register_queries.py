"""The registers as the pages read them — projects and who takes part, submitted status updates,
goals and their values, the Doelen-Inspanningen-Netwerk — and the figures derived from them,
cached per register version (issue 18).

The Projecten page used to read every register and recompute the project figures
(metrics.register_figures) on every call, twice. Now one query fingerprints the register tables
(`register_version`) and what was read or derived for that fingerprint is kept, a few versions
at most. Every frame here is the whole consortium's and must be treated as read-only: who may
read which network is decided by the callers in dashboard.queries, on every call.
"""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache

import pandas as pd
from flask import g, has_request_context
from sqlalchemy import Engine, func, select

from db import models as m
from metrics.projects import latest_status
from metrics.register_figures import submitted_updates
from metrics.store import goal_figures, project_figures
from samenwerkingsmonitor.clock import wall_time

VERSIONS_KEPT = 8  # per kind of frame: the current version and a few a slow request may hold


def _fingerprint(model, *columns) -> list:
    """Rows, and sums that move when a row is replaced or a value changes in place."""
    return [
        select(func.count()).select_from(model).scalar_subquery(),
        *(select(func.coalesce(func.sum(c), 0)).scalar_subquery() for c in columns),
    ]


def register_version(engine: Engine) -> tuple:
    """What changes when a register changes: per table its row count and sums of its ids (a
    replaced row gets a new id), status updates' states and goal values' values (changed in
    place), and the latest audit event and collector run (every edit in the dashboard and every
    import leaves one). One query, asked once per request (a callback reads several registers),
    so a change shows on the next call."""
    memo = g.setdefault("register_versions", {}) if has_request_context() else {}
    if engine not in memo:
        with engine.connect() as c:
            memo[engine] = tuple(c.execute(_version_query()).one())
    return memo[engine]


@cache
def _version_query():
    """Built once: composing its two dozen subqueries cost more than running them."""
    su, gv = m.StatusUpdate, m.GoalValue
    submitted = select(func.count()).where(su.state == "submitted").scalar_subquery()
    return select(
        *_fingerprint(m.Project, m.Project.id),
        *_fingerprint(m.ProjectNetwork, m.ProjectNetwork.project_id, m.ProjectNetwork.network_id),
        *_fingerprint(m.ProjectTag, m.ProjectTag.project_id, m.ProjectTag.element_id),
        *_fingerprint(su, su.id, su.version),
        submitted,
        *_fingerprint(m.Goal, m.Goal.id),
        *_fingerprint(gv, gv.id, gv.value),
        *_fingerprint(m.ResultGoal, m.ResultGoal.id),
        *_fingerprint(m.ProjectGoal, m.ProjectGoal.project_id, m.ProjectGoal.goal_id),
        *_fingerprint(m.FrameworkElement, m.FrameworkElement.id),
        *_fingerprint(m.Network, m.Network.id),
        select(func.max(m.AuditEvent.id)).scalar_subquery(),
        select(func.max(m.CollectorRun.id)).scalar_subquery(),
    )


def _read_only(frame: pd.DataFrame) -> pd.DataFrame:
    """A cached frame for one caller: a shallow copy (copy-on-write keeps the cache intact
    whatever the caller assigns)."""
    return frame.copy(deep=False)


def status_updates(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """Every submitted status update of the consortium, newest version last (no rights applied)."""
    return _read_only(_status_updates(engine, consortium_id, register_version(engine)))


@lru_cache(maxsize=VERSIONS_KEPT)
def _status_updates(engine: Engine, consortium_id: int, version: tuple) -> pd.DataFrame:
    columns = [
        *("project", "project_name", "network", "version"),
        *("status", "progress", "narrative", "submitted_at"),
    ]
    with engine.connect() as c:
        frame = submitted_updates(c, consortium_id, columns)
    frame["submitted_at"] = wall_time(frame["submitted_at"])  # local: dates are local days
    return frame


def latest_statuses(engine: Engine, consortium_id: int, day: date, stale_days: int) -> pd.DataFrame:
    """metrics.projects.latest_status of every submitted update as of `day` (per project ×
    network, so narrowing it to some networks afterwards equals computing it on theirs)."""
    version = register_version(engine)
    return _read_only(_latest_statuses(engine, consortium_id, version, day, stale_days))


@lru_cache(maxsize=VERSIONS_KEPT)
def _latest_statuses(
    engine: Engine, consortium_id: int, version: tuple, day: date, stale_days: int
) -> pd.DataFrame:
    return latest_status(_status_updates(engine, consortium_id, version), day, stale_days)


def projects_taking_part(engine: Engine, consortium_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The projects (project, name) by code, and which network takes part in which (project,
    network)."""
    frame, pairs = _projects_taking_part(engine, consortium_id, register_version(engine))
    return _read_only(frame), _read_only(pairs)


@lru_cache(maxsize=VERSIONS_KEPT)
def _projects_taking_part(engine: Engine, consortium_id: int, version: tuple) -> tuple:
    taking_part = (
        select(m.Project.code, m.Network.code)
        .join(m.ProjectNetwork, m.ProjectNetwork.project_id == m.Project.id)
        .join(m.Network, m.Network.id == m.ProjectNetwork.network_id)
        .where(m.Project.consortium_id == consortium_id)
    )
    query = (
        select(m.Project.code, m.Project.name)
        .where(m.Project.consortium_id == consortium_id)
        .order_by(m.Project.code)
    )
    with engine.connect() as c:
        frame = pd.DataFrame(c.execute(query).all(), columns=["project", "name"])
        pairs = pd.DataFrame(c.execute(taking_part).all(), columns=["project", "network"])
    return frame, pairs


def project_figures_of(
    engine: Engine, consortium_id: int, day: date, stale_days: int
) -> dict[str, pd.DataFrame]:
    """metrics' project figures (status, summary, coverage) as of `day`, per register version."""
    figures = _project_figures(engine, consortium_id, register_version(engine), day, stale_days)
    return {name: _read_only(frame) for name, frame in figures.items()}


@lru_cache(maxsize=VERSIONS_KEPT)
def _project_figures(
    engine: Engine, consortium_id: int, version: tuple, day: date, stale_days: int
) -> dict[str, pd.DataFrame]:
    return project_figures(engine, consortium_id, day, stale_days)


def goal_figures_of(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """metrics' SMART-goal progress and forecast, per register version."""
    return _read_only(_goal_figures(engine, consortium_id, register_version(engine)))


@lru_cache(maxsize=VERSIONS_KEPT)
def _goal_figures(engine: Engine, consortium_id: int, version: tuple) -> pd.DataFrame:
    return goal_figures(engine, consortium_id)


def goal_values(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """Every measured value of the consortium's goals (goal, measured_at, value), oldest first."""
    return _read_only(_goal_values(engine, consortium_id, register_version(engine)))


@lru_cache(maxsize=VERSIONS_KEPT)
def _goal_values(engine: Engine, consortium_id: int, version: tuple) -> pd.DataFrame:
    query = (
        select(m.Goal.code, m.GoalValue.measured_at, m.GoalValue.value)
        .join(m.Goal, m.Goal.id == m.GoalValue.goal_id)
        .where(m.Goal.consortium_id == consortium_id)
        .order_by(m.GoalValue.measured_at)
    )
    with engine.connect() as c:
        frame = pd.DataFrame(c.execute(query).all(), columns=["goal", "measured_at", "value"])
    frame["measured_at"] = pd.to_datetime(frame["measured_at"])
    return frame


def din_tables(engine: Engine, consortium_id: int) -> dict[str, pd.DataFrame]:
    """The Doelen-Inspanningen-Netwerk: projects, SMART goals, result goals, ambitions, links."""
    tables = _din_tables(engine, consortium_id, register_version(engine))
    return {name: _read_only(frame) for name, frame in tables.items()}


@lru_cache(maxsize=VERSIONS_KEPT)
def _din_tables(engine: Engine, consortium_id: int, version: tuple) -> dict[str, pd.DataFrame]:
    with engine.connect() as c:

        def frame(query, columns: list[str]) -> pd.DataFrame:
            return pd.DataFrame(c.execute(query).all(), columns=columns)

        projects_ = frame(
            select(m.Project.id, m.Project.code, m.Project.name).where(
                m.Project.consortium_id == consortium_id
            ),
            ["id", "project", "name"],
        )
        goals = frame(
            select(m.Goal.id, m.Goal.code, m.Goal.name, m.ResultGoal.code)
            .outerjoin(m.ResultGoal, m.ResultGoal.id == m.Goal.result_goal_id)
            .where(m.Goal.consortium_id == consortium_id),
            ["id", "goal", "name", "result_goal"],
        )
        links = frame(
            select(m.Project.code, m.Goal.code)
            .join(m.ProjectGoal, m.ProjectGoal.project_id == m.Project.id)
            .join(m.Goal, m.Goal.id == m.ProjectGoal.goal_id)
            .where(m.Project.consortium_id == consortium_id),
            ["project", "goal"],
        )
        result_goals = frame(
            select(m.ResultGoal.code, m.ResultGoal.name, m.FrameworkElement.code)
            .outerjoin(m.FrameworkElement, m.FrameworkElement.id == m.ResultGoal.ambition_id)
            .where(m.ResultGoal.consortium_id == consortium_id),
            ["result_goal", "name", "ambition"],
        )
        ambitions = frame(
            select(m.FrameworkElement.code, m.FrameworkElement.name, m.FrameworkElement.name_en)
            .where(
                m.FrameworkElement.consortium_id == consortium_id,
                m.FrameworkElement.kind == "ambition",
            )
            .order_by(m.FrameworkElement.code),
            ["ambition", "name", "name_en"],
        )
    return {
        "projects": projects_,
        "goals": goals,
        "links": links,
        "result_goals": result_goals,
        "ambitions": ambitions,
    }
