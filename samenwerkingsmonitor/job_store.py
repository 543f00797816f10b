"""Two schedulers on one database (started together by mistake, or a deploy that overlaps the old
one): both start, and each tick of each job runs in one of them only.

- SharedJobStore: APScheduler's job store creates its table when the scheduler starts, after
  checking that it is missing. Two schedulers starting together on a fresh database both find it
  missing and both create it; the second CREATE TABLE failed and its process died (PostgreSQL: a
  duplicate pg_type row; SQLite: "table already exists"). The table is there by then, so the
  store starts once more when that happens.
- OncePerTickExecutor: both schedulers see a job due at the same time. Before running a tick the
  executor claims it in job_tick with one conditional UPDATE that only a later scheduled time
  passes, so exactly one scheduler runs it. The work inside jobs was already claimed where it
  matters (collections: source_lock; recomputes: work_lock; reminders: a unique row); this also
  covers every other job (the monthly digest) and keeps each run once in the logs.
"""

from __future__ import annotations

import logging
from datetime import datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import Engine, insert, inspect, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from db.locks import new_owner
from db.models import JobTick
from db.types import utcnow

log = logging.getLogger("samenwerkingsmonitor.scheduler")


class SharedJobStore(SQLAlchemyJobStore):
    def start(self, scheduler, alias) -> None:
        try:
            super().start(scheduler, alias)
        except (IntegrityError, ProgrammingError, OperationalError):
            if not inspect(self.engine).has_table(self.jobs_t.name, schema=self.jobs_t.schema):
                raise  # not the other scheduler's table: a real problem
            log.info("job table %s was just created by another scheduler", self.jobs_t.name)
            super().start(scheduler, alias)


def claim_tick(engine: Engine, job_id: str, scheduled_at: datetime, owner: str) -> bool:
    """Claim the run of `job_id` scheduled at `scheduled_at`; False when a scheduler already
    claimed it (or a later one)."""
    with engine.connect() as c:
        exists = c.scalar(select(JobTick.job_id).where(JobTick.job_id == job_id))
    if exists is None:
        try:
            with engine.begin() as c:
                c.execute(insert(JobTick).values(job_id=job_id))
        except IntegrityError:
            pass  # the other scheduler added the row just now
    with engine.begin() as c:
        changed = c.execute(
            update(JobTick)
            .where(
                JobTick.job_id == job_id,
                or_(JobTick.scheduled_at.is_(None), JobTick.scheduled_at < scheduled_at),
            )
            .values(scheduled_at=scheduled_at, owner=owner, claimed_at=utcnow())
        ).rowcount
    return changed == 1


class OncePerTickExecutor(ThreadPoolExecutor):
    def __init__(self, engine: Engine, max_workers: int = 10) -> None:
        super().__init__(max_workers)
        self._engine = engine
        self._owner = new_owner()
        self._shut = False

    def shutdown(self, wait: bool = True) -> None:
        self._shut = True
        super().shutdown(wait)

    def submit_job(self, job, run_times: list[datetime]) -> None:
        if self._shut:
            # APScheduler shuts its executors down before its loop ends, and the loop may look
            # for due jobs once more: handed to the shut pool, the tick would be an ERROR in
            # the log, and claimed so that another scheduler would not run it either. Both
            # calls hold the scheduler's job store lock, so none slips in between.
            log.info("%s at %s: not run, the scheduler is stopping", job.id, run_times[-1])
            return
        mine = [t for t in run_times if claim_tick(self._engine, job.id, t, self._owner)]
        if not mine:
            log.debug("%s at %s: run by another scheduler", job.id, run_times[-1])
            return
        super().submit_job(job, mine)
