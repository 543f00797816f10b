"""The scheduler: jobs declared as data, stale jobs removed, a fast tick recomputes, SIGTERM stops."""

from __future__ import annotations

import logging
import sys
import threading
import time
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select

from collectors.ingest import ingest_file
from db import models as m
from samenwerkingsmonitor.scheduler import JobSpec, build_scheduler, declared_jobs
from tests.conftest import SEPTET
from tests.fixtures.scheduler_process import read_until_started, scheduler_process, stop


def _wait(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_jobs_are_synced_and_a_fast_tick_recomputes(ctx, tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    # A job left in the store by an older version must disappear at start.
    old = build_scheduler(
        ctx,
        [JobSpec("retired-job", "samenwerkingsmonitor.jobs:recompute_changed", 3600)],
        BackgroundScheduler,
    )
    old.start(paused=True)
    old.shutdown()

    path = tmp_path / "w.csv"
    path.write_text(
        "response_id,network,group,wave,submitted_at,VER1\n"
        + "".join(f"r{i},UTS,ZP,2031,2031-10-01,4\n" for i in range(6)),
        encoding="utf-8",
    )
    ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id, create_waves=True)

    jobs = [JobSpec(j.id, j.func, 1) for j in declared_jobs(ctx)]
    scheduler = build_scheduler(ctx, jobs, BackgroundScheduler)
    scheduler.start()
    try:
        assert sorted(job.id for job in scheduler.get_jobs()) == ["recompute-changed"]

        def recomputed() -> bool:
            with ctx.engine.connect() as c:
                return bool(c.scalar(select(func.count()).select_from(m.MeasureSnapshot)))

        assert _wait(recomputed), "the scheduled recompute did not run"
    finally:
        scheduler.shutdown()


def test_scheduler_process_stops_cleanly_on_sigterm(sqlite_url, tmp_path):
    with scheduler_process(sqlite_url, tmp_path) as process:
        read_until_started(process)
        time.sleep(1.5)  # let a tick run
        output = stop(process)
    assert process.returncode == 0, output
    assert "scheduler stopped" in output
    assert '"level": "ERROR"' not in output


# A job still running when the scheduler stops, and one due every second.
_slow_started = threading.Event()
_quick_runs: list[datetime] = []


def slow_job() -> None:
    _slow_started.set()
    time.sleep(2)


def quick_job() -> None:
    _quick_runs.append(datetime.now(UTC))


def _asleep_between_ticks(scheduler: BackgroundScheduler) -> bool:
    """APScheduler's loop waits for its next tick (its thread's innermost frames: Event.wait
    called from _main_loop)."""
    frame = sys._current_frames().get(scheduler._thread.ident)
    callee = None
    while frame is not None and frame.f_code.co_name != "_main_loop":
        callee, frame = frame, frame.f_back
    return callee is not None and callee.f_code.co_name == "wait"


def test_a_stop_while_a_job_runs_logs_no_error_and_claims_no_tick(ctx, caplog):
    """A stop that finds the loop asleep while a job runs: shutdown(wait=True) shuts the executor
    and waits for the slow job, and the loop wakes and looks for due jobs once more. It handed
    the quick job's next tick, claimed, to the shut pool: ERROR "cannot schedule new futures
    after shutdown", and a tick claimed that no scheduler ran."""
    _slow_started.clear()
    _quick_runs.clear()
    jobs = [
        JobSpec("slow", f"{__name__}:slow_job", 1),
        JobSpec("quick", f"{__name__}:quick_job", 1),
    ]
    scheduler = build_scheduler(ctx, jobs, BackgroundScheduler)
    scheduler.start()
    try:
        assert _slow_started.wait(20), "the slow job did not start"
        assert _wait(lambda: _asleep_between_ticks(scheduler), 5)
    finally:
        scheduler.shutdown(wait=True)  # the quick job comes due while the slow one runs
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    with ctx.engine.connect() as c:
        claimed = c.scalar(select(m.JobTick.scheduled_at).where(m.JobTick.job_id == "quick"))
    assert _quick_runs and claimed <= max(_quick_runs)  # the last tick claimed is one that ran


# What the kernel may do with a signal sent to the process: hand it to a thread other than the
# main one. Python then runs the handler only once the main thread runs again. The signal is
# sent only once the main thread sleeps in run_scheduler's wait: sent earlier (during start-up),
# the main thread would run the handler on its way there and an unbounded wait would pass too.
SIGNAL_FROM_A_THREAD = """
import signal, sys, threading, time
from samenwerkingsmonitor.cli import main

def main_thread_waits_for_a_stop():
    # run_scheduler's callee is threading's Event.wait, not scheduler.start() or anything else
    callee, frame = None, sys._current_frames()[threading.main_thread().ident]
    while frame is not None and frame.f_code.co_name != "run_scheduler":
        callee, frame = frame, frame.f_back
    return callee is not None and callee.f_code.co_name == "wait" \\
        and callee.f_code.co_filename == threading.__file__

def signal_from_this_thread():
    sys.stdin.readline()
    while not main_thread_waits_for_a_stop():
        time.sleep(0.05)
    signal.pthread_kill(threading.get_ident(), signal.SIGTERM)

threading.Thread(target=signal_from_this_thread, daemon=True).start()
main(["scheduler"])
"""


def test_a_signal_that_reaches_another_thread_still_stops_the_scheduler(sqlite_url, tmp_path):
    # An hour between ticks: a main thread that sleeps until the next job would not wake.
    command = [sys.executable, "-c", SIGNAL_FROM_A_THREAD]
    with scheduler_process(sqlite_url, tmp_path, 3600, command) as process:
        read_until_started(process)
        # no SIGTERM from here: the child's own thread signals itself
        output, _ = process.communicate("now\n", timeout=20)
    assert process.returncode == 0, output
    assert "signal 15: stopping" in output and "scheduler stopped" in output


# --- collections from the sources file --------------------------------------------------------


def _ls_env(monkeypatch, database_url, tmp_path):
    from tests.fixtures.exports import sources_file

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    path = sources_file(tmp_path / "sources.yaml")
    monkeypatch.setenv("SOURCES_FILE", str(path))
    return path


def test_sources_declare_collect_jobs_with_stable_ids(ctx, tmp_path, monkeypatch, database_url):
    from samenwerkingsmonitor.scheduler import scheduled_jobs
    from samenwerkingsmonitor.sources import load_sources

    path = _ls_env(monkeypatch, database_url, tmp_path)
    jobs = scheduled_jobs(ctx, load_sources(path, ctx.framework))
    assert [j.id for j in jobs] == [
        "recompute-changed",
        "collect:ls",
        "remind-overdue",
    ]  # only scheduled, active ones (plus the built-in reminder job)
    assert jobs[1].args == ("ls",) and jobs[1].cron == "* * * * * *"


def test_a_fast_trigger_collects_the_inbox_and_recomputes(ctx, tmp_path, monkeypatch, database_url):
    from samenwerkingsmonitor.scheduler import scheduled_jobs
    from samenwerkingsmonitor.sources import load_sources
    from tests.fixtures.exports import ls_record, write_limesurvey_csv

    path = _ls_env(monkeypatch, database_url, tmp_path)
    inbox = tmp_path / "data" / "inbox" / "ls"
    inbox.mkdir(parents=True)
    write_limesurvey_csv(inbox / "export.csv", [ls_record(i) for i in range(1, 8)])
    scheduler = build_scheduler(
        ctx, scheduled_jobs(ctx, load_sources(path, ctx.framework)), BackgroundScheduler
    )
    scheduler.start()
    try:

        def done() -> bool:
            with ctx.engine.connect() as c:
                snapshots = c.scalar(select(func.count()).select_from(m.MeasureSnapshot))
                return bool(snapshots) and not (inbox / "export.csv").exists()

        assert _wait(done), "the scheduled collection did not run"
    finally:
        scheduler.shutdown()
    with ctx.engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(m.Response)) == 7


def test_only_one_of_racing_claims_wins(ctx):
    import threading

    from collectors.runs import claim, new_owner, release

    barrier = threading.Barrier(8)
    wins = []

    def race():
        owner = new_owner()
        barrier.wait()
        if claim(ctx.engine, "ls", owner, 5):
            wins.append(owner)

    threads = [threading.Thread(target=race) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1
    assert not claim(ctx.engine, "ls", new_owner(), 5)
    release(ctx.engine, "ls", wins[0])
    assert claim(ctx.engine, "ls", new_owner(), 5)


def test_two_schedulers_never_collect_one_source_at_once(ctx, tmp_path, monkeypatch, database_url):
    """Two scheduler processes started by mistake: both fire collect:ls every second, the claim
    lets one of them run it at a time; every file is ingested exactly once, runs never overlap."""
    from samenwerkingsmonitor.scheduler import scheduled_jobs
    from samenwerkingsmonitor.sources import load_sources
    from tests.fixtures.exports import ls_record, write_limesurvey_csv

    path = _ls_env(monkeypatch, database_url, tmp_path)
    inbox = tmp_path / "data" / "inbox" / "ls"
    inbox.mkdir(parents=True)
    for n in range(6):
        write_limesurvey_csv(
            inbox / f"export-{n}.csv", [ls_record(1000 * n + i) for i in range(1, 400)]
        )
    jobs = scheduled_jobs(ctx, load_sources(path, ctx.framework))
    first = build_scheduler(ctx, jobs, BackgroundScheduler)
    second = build_scheduler(ctx, jobs, BackgroundScheduler)
    first.start()
    second.start()
    try:
        assert _wait(lambda: not list(inbox.glob("*.csv")), 60), "the inbox was not emptied"
        time.sleep(2.5)  # a few more ticks of both schedulers
    finally:
        first.shutdown()
        second.shutdown()
    with ctx.engine.connect() as c:
        runs = c.execute(
            select(
                m.CollectorRun.file_hash,
                m.CollectorRun.started_at,
                m.CollectorRun.finished_at,
                m.CollectorRun.status,
            )
            .where(m.CollectorRun.source == "ls")
            .order_by(m.CollectorRun.started_at)
        ).all()
        responses = c.scalar(select(func.count()).select_from(m.Response))
    assert responses == 6 * 399
    assert [r.status for r in runs] == ["ok"] * 6
    assert len({r.file_hash for r in runs}) == 6  # each file once
    for before, after in zip(runs, runs[1:]):
        assert before.finished_at <= after.started_at  # one run at a time, never two at once
