"""Collection: the collectors' runs, rejected rows, cursors and records of the sources, and
the locks and ticks of the scheduler."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from db.types import UTCDateTime


class CollectorRun(Base):
    """One run of a collector: what came in and what became of it."""

    __tablename__ = "collector_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(80), index=True)
    file_name: Mapped[str | None] = mapped_column(String(500))
    file_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(12), default="running")  # running | ok | failed
    rows_in: Mapped[int] = mapped_column(Integer, default=0)
    rows_new: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    # Incomplete survey responses (no submit date): skipped, not rejected, and counted here.
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # host:pid of the process that ran it: a 'running' run whose process is gone was interrupted.
    owner: Mapped[str | None] = mapped_column(String(200))
    # Failed because the database was unavailable, not because of the file: not counted as one of
    # the file's attempts before it goes to quarantine (collectors/poison.py).
    transient: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class RejectedRow(Base):
    """Input that failed validation, kept with its raw content and the reason (never dropped)."""

    __tablename__ = "rejected_row"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _fk("collector_run.id", index=True)
    source: Mapped[str] = mapped_column(String(80))
    file_name: Mapped[str | None] = mapped_column(String(500))
    row_number: Mapped[int | None] = mapped_column(Integer)
    column: Mapped[str | None] = mapped_column(String(200))
    value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[dict | None] = mapped_column(JSON)


class SourceCursor(Base):
    """How far an incremental source (LimeSurvey RemoteControl) has been read."""

    __tablename__ = "source_cursor"
    source: Mapped[str] = mapped_column(String(80), primary_key=True)
    last_response_id: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SourceRecord(Base):
    """What an incremental source (LimeSurvey RemoteControl) last brought of each response: its
    last-action stamp and a hash of its content, and what became of it. A response read again
    unchanged is not written or rejected again; one that changed behind the cursor is; one that
    vanished from the survey is kept in our data and marked here."""

    __tablename__ = "source_record"
    source: Mapped[str] = mapped_column(String(80), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    datestamp: Mapped[str | None] = mapped_column(String(40))  # LimeSurvey's, as it sends it
    record_hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(12))  # stored | rejected | incomplete
    run_id: Mapped[int | None] = mapped_column(Integer)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SourceLock(Base):
    """One row per source: a collection is claimed by a conditional UPDATE on locked_until, so two
    scheduler processes never collect the same source at the same time."""

    __tablename__ = "source_lock"
    source: Mapped[str] = mapped_column(String(80), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WorkLock(Base):
    """One row per named piece of work that must not run twice at once (`recompute:<consortium
    id>`): claimed by a conditional UPDATE on locked_until, kept alive by its holder renewing the
    lease, so a holder that died frees it within one lease (db/locks.py)."""

    __tablename__ = "work_lock"
    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class JobTick(Base):
    """The latest scheduled time of each job that a scheduler claimed (conditional UPDATE: only a
    later time wins), so of two schedulers on one database only one runs each tick
    (samenwerkingsmonitor/job_store.py)."""

    __tablename__ = "job_tick"
    job_id: Mapped[str] = mapped_column(String(191), primary_key=True)
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    owner: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
