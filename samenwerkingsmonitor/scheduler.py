"""The scheduler process (design.md): APScheduler 3, jobs declared as data with stable ids.

Web workers never start a scheduler. At start-up the jobs in the job store are made to match
JOBS: missing ones are added, changed ones replaced, and ones no longer declared removed.
"""

from __future__ import annotations

import logging
import signal
from dataclasses import dataclass

from apscheduler.events import EVENT_SCHEDULER_START
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from samenwerkingsmonitor.context import Context

log = logging.getLogger("samenwerkingsmonitor.scheduler")


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: str  # "module:function", so the job store keeps a reference and not a pickled object
    seconds: int


def declared_jobs(ctx: Context) -> list[JobSpec]:
    return [
        JobSpec(
            "recompute-changed",
            "samenwerkingsmonitor.jobs:recompute_changed",
            ctx.settings.scheduler_tick_seconds,
        )
    ]


def build_scheduler(ctx: Context, jobs: list[JobSpec], scheduler_class=BlockingScheduler):
    """A scheduler whose job store will hold exactly `jobs` once it starts (redash's pattern)."""
    scheduler = scheduler_class(
        jobstores={"default": SQLAlchemyJobStore(engine=ctx.engine)},
        # coalesce: after downtime run a missed job once, not once per missed tick;
        # max_instances=1: a slow run is never overlapped by the next tick of the same job.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
    )
    for job in jobs:
        scheduler.add_job(
            job.func,
            IntervalTrigger(seconds=job.seconds),
            id=job.id,
            name=job.id,
            replace_existing=True,
        )
    wanted = {job.id for job in jobs}

    def remove_undeclared(_event) -> None:
        # Runs inside start(), after the stored jobs are loaded and before any job fires.
        for job in scheduler.get_jobs():
            if job.id not in wanted:
                log.info("removing job %s: no longer declared", job.id)
                job.remove()

    scheduler.add_listener(remove_undeclared, EVENT_SCHEDULER_START)
    return scheduler


def run_scheduler(ctx: Context) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s scheduler %(levelname)s %(message)s"
    )
    jobs = declared_jobs(ctx)
    scheduler = build_scheduler(ctx, jobs)

    def stop(signum, _frame) -> None:
        # Ctrl-C reaches the whole process group and `run` then sends SIGTERM too: stop once.
        if scheduler.running:
            log.info("signal %s: stopping after the running job", signum)
            scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("scheduler starting with jobs: %s", ", ".join(j.id for j in jobs))
    scheduler.start()
    log.info("scheduler stopped")
