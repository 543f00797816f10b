"""Health checks that container health checks and `/health` can share: does the database answer
at the latest migration, and is the scheduler process alive?

The scheduler is judged by its own bookkeeping in the database: APScheduler moves a job's
`next_run_time` forward every time it fires that job, even when it skips a run because the previous
one is still busy. So `recompute-changed` (every SCHEDULER_TICK_SECONDS) stays in the future while
the scheduler's loop runs, and falls behind when the process is gone or hangs.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from db.engine import current_revision, head_revision
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
