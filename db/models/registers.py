"""Tables of the registers the consortium keeps itself (issue 14): the project register's own
columns and history, the meetpunten a SMART goal is expected to move, and the decisions on
proposed initiatives.

The project, goal and result-goal rows themselves are the tables of db/models/projects.py; these
tables add to them, so a project made before the register existed (or by the demo loader) still is
one.

Timestamps here are timezone-aware UTC (DateTime(timezone=True)): a change is recorded once,
wherever the server runs.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk

# A project that has status updates is never deleted: it ends as `gestopt` (stopped early) or
# `afgerond` (finished). The value lists are the vocabulary's, re-exported for the registers.
from samenwerkingsmonitor.vocabulary import (  # noqa: F401
    AWAITING_DECISIONS,
    DECISIONS,
    ENDED,
    LIFECYCLES,
    MEETPUNT_MEASURES,
)


def _user() -> Mapped[int | None]:
    return mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))


class ProjectRecord(Base):
    """The register's columns of a project: who owns it and when it runs (one row per project;
    none for a project made before the register)."""

    __tablename__ = "project_record"
    project_id: Mapped[int] = _fk("project.id", primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200))  # an organisation or a person
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)  # the planned end
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[int | None] = _user()


class ProjectLifecycle(Base):
    """One change of a project's lifecycle, with the date it took effect and why. The current
    lifecycle is the latest row (by id); a project without rows counts as `actief`."""

    __tablename__ = "project_lifecycle"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _fk("project.id", index=True)
    lifecycle: Mapped[str] = mapped_column(String(12))  # one of LIFECYCLES
    changed_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[int | None] = _user()


class ProjectVersion(Base):
    """The whole register entry of a project after each change (codes, ISO dates): its history,
    next to the audit trail's before and after."""

    __tablename__ = "project_version"
    __table_args__ = (UniqueConstraint("project_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _fk("project.id")
    version: Mapped[int] = mapped_column(Integer)
    values: Mapped[dict] = mapped_column(JSON)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[int | None] = _user()


class GoalVersion(Base):
    """The whole register entry of a SMART goal after each change (codes, ISO dates): its
    history, as project_version is a project's."""

    __tablename__ = "goal_version"
    __table_args__ = (UniqueConstraint("goal_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = _fk("goal.id")
    version: Mapped[int] = mapped_column(Integer)
    values: Mapped[dict] = mapped_column(JSON)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[int | None] = _user()


class GoalMeasure(Base):
    """A meetpunt a SMART goal is expected to move: measure `theme` or `vision_element` and the
    theme's or element's code (as in measure_snapshot)."""

    __tablename__ = "goal_measure"
    goal_id: Mapped[int] = _fk("goal.id", primary_key=True)
    measure: Mapped[str] = mapped_column(String(20), primary_key=True)
    subject: Mapped[str] = mapped_column(String(40), primary_key=True)


class ProposalDecision(Base):
    """The beheerder's decision on a proposed initiative; the latest row counts. An accepted
    proposal names the project it became."""

    __tablename__ = "proposal_decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = _fk("project_proposal.id", index=True)
    decision: Mapped[str] = mapped_column(String(12))  # one of DECISIONS
    reason: Mapped[str | None] = mapped_column(Text)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[int | None] = _user()
