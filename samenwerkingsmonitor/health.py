"""Health checks that container health checks and `/health` share: does the database answer at
the latest migration, and is the scheduler process alive (and when did it last run its tick)?

The scheduler is judged by its own bookkeeping in the database: APScheduler moves a job's
`next_run_time` forward every time it fires that job, even when it skips a run because the previous
one is still busy. So `recompute-changed` (every SCHEDULER_TICK_SECONDS) stays in the future while
the scheduler's loop runs, and falls behind when the process is gone or hangs.
"""

from __future__ import annotations

import time
from datetime import datetime

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import SQLAlchemyError

from db.engine import current_revision, head_revision
from db.models import JobTick
from samenwerkingsmonitor.database_errors import describe

HEARTBEAT_JOB = "recompute-changed"
# A tick may fire a little late on a busy machine; beyond this the scheduler is taken for dead.
SCHEDULER_SLACK_SECONDS = 60


def database_problem(engine: Engine, show_url: bool = False) -> str | None:
    """None when the database answers and is at the latest migration, else what is wrong (naming
    the database's URL, without password, with `show_url`: not for public answers)."""
    try:
        revision = current_revision(engine)
    except SQLAlchemyError as error:
        return describe(error, engine.url if show_url else None)
    if revision != head_revision():
        return f"the database is at revision {revision}, not {head_revision()}: run db upgrade"
    return None


def scheduler_problem(engine: Engine, tick_seconds: int, now: float | None = None) -> str | None:
    """None when the scheduler's heartbeat job is due in the future (or only just overdue)."""
    try:
        with engine.connect() as connection:
            next_run = connection.execute(
                text("SELECT next_run_time FROM apscheduler_jobs WHERE id = :id"),
                {"id": HEARTBEAT_JOB},
            ).scalar_one_or_none()
    except SQLAlchemyError:
        return "no scheduler has started on this database (no apscheduler_jobs table)"
    if next_run is None:
        return f"the scheduler has no {HEARTBEAT_JOB} job: it has not started"
    overdue = (time.time() if now is None else now) - float(next_run)
    if overdue > tick_seconds + SCHEDULER_SLACK_SECONDS:
        return f"the scheduler's {HEARTBEAT_JOB} job is {overdue:.0f} s overdue: it is not running"
    return None


def last_heartbeat(engine: Engine) -> datetime | None:
    """When a scheduler last ran a tick of the heartbeat job (job_tick), or None: never."""
    try:
        with engine.connect() as connection:
            return connection.scalar(
                select(JobTick.claimed_at).where(JobTick.job_id == HEARTBEAT_JOB)
            )
    except SQLAlchemyError:
        return None


def health_report(engine: Engine, tick_seconds: int) -> tuple[int, dict]:
    """`/health`'s status code and body: 200 only when both the database and the scheduler are
    fine. Public: reasons without the database's address."""
    database = database_problem(engine)
    if database is not None:
        unknown = "unknown: the database does not answer"
        return 503, {"status": "unavailable", "database": database, "scheduler": unknown}
    scheduler = scheduler_problem(engine, tick_seconds)
    beat = last_heartbeat(engine)
    return 200 if scheduler is None else 503, {
        "status": "ok" if scheduler is None else "unavailable",
        "database": "ok",
        "scheduler": scheduler or "ok",
        "scheduler_heartbeat": beat.isoformat(timespec="seconds").replace("+00:00", "Z")
        if beat
        else None,
    }
