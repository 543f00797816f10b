"""Projects and goals: the projects, their tags, networks and status updates, result goals
and SMART goals with their measured values, timeline notes and proposed initiatives."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from db.types import UTCDateTime


class Project(Base):
    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)


class ProjectTag(Base):
    """The ambition, speerpunten, kernthema's and actielijnen a project serves."""

    __tablename__ = "project_tag"
    project_id: Mapped[int] = _fk("project.id", primary_key=True)
    element_id: Mapped[int] = _fk("framework_element.id", primary_key=True)


class ProjectNetwork(Base):
    """Which networks take part in a project (not every network runs every project)."""

    __tablename__ = "project_network"
    project_id: Mapped[int] = _fk("project.id", primary_key=True)
    network_id: Mapped[int] = _fk("network.id", primary_key=True)


class StatusUpdate(Base):
    """A coordinator's report on a project in a network. Versioned: an edit adds a version."""

    __tablename__ = "status_update"
    __table_args__ = (UniqueConstraint("project_id", "network_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _fk("project.id")
    network_id: Mapped[int] = _fk("network.id")
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), default="submitted")  # draft | submitted
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[int | None] = mapped_column(Integer)
    milestones: Mapped[list | None] = mapped_column(JSON)
    risks: Mapped[str | None] = mapped_column(Text)
    narrative: Mapped[str | None] = mapped_column(Text)
    speerpunten: Mapped[list | None] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(80), default="form")
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ResultGoal(Base):
    """An ER-doel of the Doelen-Inspanningen-Netwerk, under one ambition."""

    __tablename__ = "result_goal"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    ambition_id: Mapped[int | None] = mapped_column(ForeignKey("framework_element.id"))


class Goal(Base):
    """A SMART goal: baseline and target with a deadline, and measured values over time."""

    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(40))
    network_id: Mapped[int | None] = mapped_column(ForeignKey("network.id"))
    result_goal_id: Mapped[int | None] = mapped_column(ForeignKey("result_goal.id"))
    baseline_value: Mapped[float] = mapped_column(Float)
    baseline_date: Mapped[date] = mapped_column(Date)
    target_value: Mapped[float] = mapped_column(Float)
    deadline: Mapped[date] = mapped_column(Date)


class ProjectGoal(Base):
    __tablename__ = "project_goal"
    project_id: Mapped[int] = _fk("project.id", primary_key=True)
    goal_id: Mapped[int] = _fk("goal.id", primary_key=True)


class GoalValue(Base):
    __tablename__ = "goal_value"
    __table_args__ = (UniqueConstraint("goal_id", "measured_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = _fk("goal.id")
    measured_at: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(80), default="form")
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class TimelineNote(Base):
    """A steering group's dated note on its network's timeline (e.g. 'reorganisatie thuiszorg')."""

    __tablename__ = "timeline_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = _fk("network.id", index=True)
    noted_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class ProjectProposal(Base):
    """A new initiative proposed by a coordinator, with the afwegingskader's verdict per criterion."""

    __tablename__ = "project_proposal"
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    network_id: Mapped[int] = _fk("network.id")
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    answers: Mapped[dict] = mapped_column(JSON)
    criteria_met: Mapped[list] = mapped_column(JSON)
    criteria_unmet: Mapped[list] = mapped_column(JSON)
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime)
