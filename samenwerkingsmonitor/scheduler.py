"""The scheduler process (design.md): APScheduler 3, jobs declared as data with stable ids.

Web workers never start a scheduler. At start-up the jobs in the job store are made to match the
declared ones: the built-in recompute-changed, and one `collect:<source>` per active source of the
sources file that has a schedule. Missing ones are added, changed ones replaced, and ones no
longer declared removed. Two scheduler processes started by mistake both start, and each tick of
a job runs in one of them (job_store.py); a collection also claims its source in the database
(collectors/runs.py) and a recompute its consortium (db/locks.py).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from dataclasses import dataclass

from apscheduler.events import EVENT_SCHEDULER_START
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from collectors.timeouts import request_stop
from samenwerkingsmonitor import clock, reminders
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.job_store import OncePerTickExecutor, SharedJobStore
from samenwerkingsmonitor.logs import configure_logging
from samenwerkingsmonitor.sources import (
    SourcesFile,
    default_sources_path,
    load_sources,
    trigger_for,
)

log = logging.getLogger("samenwerkingsmonitor.scheduler")


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: str  # "module:function", so the job store keeps a reference and not a pickled object
    seconds: int = 0  # an interval, unless cron is given
    cron: str | None = None  # a schedule of the sources file (5 fields, or 6 with seconds first)
    args: tuple[str, ...] = ()


def declared_jobs(ctx: Context) -> list[JobSpec]:
    return [
        JobSpec(
            "recompute-changed",
            "samenwerkingsmonitor.jobs:recompute_changed",
            ctx.settings.scheduler_tick_seconds,
        )
    ]


def scheduled_jobs(ctx: Context, sources: SourcesFile) -> list[JobSpec]:
    """The built-in jobs plus a collection job per active, scheduled source."""
    return (
        declared_jobs(ctx)
        + [
            JobSpec(
                f"collect:{source.name}",
                "samenwerkingsmonitor.jobs:collect_source",
                cron=source.schedule,
                args=(source.name,),
            )
            for source in sources.sources
            if source.schedule and source.active()
        ]
        + [
            # Edits far behind the cursor, late completions and deleted responses: the whole
            # survey read again (collectors/limesurvey_sync.py), nightly unless configured.
            JobSpec(
                f"full-sync:{source.name}",
                "samenwerkingsmonitor.jobs:full_sync_source",
                cron=source.full_sync,
                args=(source.name,),
            )
            for source in sources.sources
            if source.kind == "limesurvey_api"
            and source.schedule
            and source.full_sync
            and source.active()
        ]
        + digest_jobs(ctx)
        + [
            JobSpec(
                reminders.JOB_ID,
                "samenwerkingsmonitor.reminders:remind_overdue_job",
                cron=reminders.JOB_CRON,
            )
        ]
    )


def digest_jobs(ctx: Context) -> list[JobSpec]:
    """The monthly steering-group digest (id digest-monthly) on the day of config/digest.yaml,
    when that file names at least one recipient. A bad file stops start-up (file, line, field)."""
    from reports.digest_config import default_digest_path, load_digest_config

    path = default_digest_path()
    if not path.exists():
        return []
    config = load_digest_config(path, ctx.framework)
    if not any(config.networks.values()):
        return []
    return [JobSpec("digest-monthly", "reports.digest:send_monthly_digests", cron=config.cron)]


def build_scheduler(ctx: Context, jobs: list[JobSpec], scheduler_class=BlockingScheduler):
    """A scheduler whose job store will hold exactly `jobs` once it starts (redash's pattern)."""
    scheduler = scheduler_class(
        # Two schedulers on one database both start, and run each tick once (job_store.py).
        jobstores={"default": SharedJobStore(engine=ctx.engine)},
        executors={"default": OncePerTickExecutor(ctx.engine)},
        # coalesce: after downtime run a missed job once, not once per missed tick;
        # max_instances=1: a slow run is never overlapped by the next tick of the same job;
        # misfire_grace_time: a run up to 5 minutes late (a busy machine, a restart) still runs,
        # one later than that waits for its next time instead of firing at a surprising moment.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        timezone=clock.zone(),  # TIME_ZONE, not the process's TZ (trigger_for's crons too)
    )
    for job in jobs:
        scheduler.add_job(
            job.func,
            trigger_for(job.cron) if job.cron else IntervalTrigger(seconds=job.seconds),
            args=list(job.args),
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
                with contextlib.suppress(JobLookupError):  # another scheduler removed it first
                    job.remove()

    scheduler.add_listener(remove_undeclared, EVENT_SCHEDULER_START)
    return scheduler


def run_scheduler(ctx: Context) -> None:
    """Run the jobs until SIGTERM or SIGINT; a running collection stops at its next safe point,
    the jobs running are waited for, and "scheduler stopped" is the last line."""
    configure_logging(ctx.settings.log_level)
    sources = load_sources(default_sources_path(), ctx.framework)
    jobs = scheduled_jobs(ctx, sources)
    scheduler = build_scheduler(ctx, jobs, BackgroundScheduler)
    stopping = threading.Event()

    def stop(signum, _frame) -> None:
        # Only note it: the shutdown runs in the main loop below, not inside a handler that
        # interrupted whatever the main thread was doing. Ctrl-C reaches the whole process
        # group and `run` then sends SIGTERM too: the second signal changes nothing.
        if not stopping.is_set():
            log.info(
                "signal %s: stopping; a running collection stops at its next safe point", signum
            )
        stopping.set()
        # Collections watch this: they record their run, release their claim and return, so
        # shutdown(wait=True) below does not wait for a slow or silent server.
        request_stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("scheduler starting with jobs: %s", ", ".join(j.id for j in jobs))
    if not stopping.is_set():
        scheduler.start()
    # Python runs a signal's handler in the main thread only, once that thread runs again; the
    # kernel may hand the signal to a job thread, and a main thread asleep until the next job
    # is due (BlockingScheduler's loop: a minute, or days for a nightly job) then never saw it
    # and `run` killed the scheduler mid-shutdown. Waking every half second bounds the delay.
    while not stopping.wait(0.5):
        pass
    with contextlib.suppress(SchedulerNotRunningError):
        scheduler.shutdown(wait=True)
    log.info("scheduler stopped")
