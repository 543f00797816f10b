"""Two schedulers started at the same moment on a fresh database (a mistake, or a deploy that
overlaps): both start and keep running, and every tick of every job runs in one of them only."""

from __future__ import annotations

import json
import re
import signal
import threading
import time
from collections import Counter
from contextlib import ExitStack

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import inspect, text

from collectors.ingest import ingest_file
from samenwerkingsmonitor.scheduler import build_scheduler, declared_jobs
from tests.conftest import make_context
from tests.fixtures.scheduler_process import read_until_started, scheduler_process
from tests.test_recompute import WAVE_2031, template

RUNNING_JOB = re.compile(r'^Running job "(\S+) \(.*\)" \(scheduled at ([^)]+)\)$')


def _drop_job_table(engine) -> None:
    with engine.begin() as c:
        c.execute(text("DROP TABLE IF EXISTS apscheduler_jobs"))


def test_two_schedulers_create_the_job_table_at_the_same_moment(database_url, tmp_path):
    # Each attempt: a database without the job table, and two schedulers (each with its own
    # engine, as two processes have) creating it through a barrier. Without care one of the two
    # CREATE TABLEs fails (PostgreSQL: a duplicate pg_type row; SQLite: "already exists").
    contexts = [make_context(database_url, tmp_path / str(i)) for i in range(2)]
    failures: list[str] = []
    try:
        for _ in range(12):
            _drop_job_table(contexts[0].engine)
            for context in contexts:
                with context.engine.connect():
                    pass  # connections ready, so both reach CREATE TABLE as close as can be
            barrier = threading.Barrier(2)

            def start(context, barrier: threading.Barrier) -> None:
                scheduler = build_scheduler(context, declared_jobs(context), BackgroundScheduler)
                barrier.wait()
                try:
                    scheduler.start(paused=True)
                except Exception as error:  # what killed the second scheduler process
                    failures.append(f"{type(error).__name__}: {error}".splitlines()[0])
                else:
                    scheduler.shutdown(wait=False)

            threads = [threading.Thread(target=start, args=(c, barrier)) for c in contexts]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert failures == []
        assert inspect(contexts[0].engine).has_table("apscheduler_jobs")
    finally:
        for context in contexts:
            context.engine.dispose()


def _job_runs(output: str) -> list[tuple[str, str]]:
    runs = []
    for line in output.splitlines():
        match = RUNNING_JOB.match(json.loads(line)["message"]) if line.startswith("{") else None
        if match:
            runs.append(match.groups())
    return runs


def test_two_scheduler_processes_both_run_and_each_tick_runs_once(database_url, tmp_path):
    context = make_context(database_url, tmp_path)
    ingest_file(
        context.engine,
        template(tmp_path / "w1.csv", WAVE_2031),
        consortium_id=context.consortium_id,
        create_waves=True,
    )
    _drop_job_table(context.engine)  # a fresh database: no scheduler has ever run on it
    context.engine.dispose()
    with ExitStack() as stack:
        # both started at once, before either has created the job table
        processes = [
            stack.enter_context(scheduler_process(database_url, tmp_path / "data"))
            for _ in range(2)
        ]
        # from their start, not a fixed sleep: under load a start alone can take 10 s
        started = [read_until_started(p) for p in processes]
        time.sleep(5)  # several ticks
        alive = [p.poll() is None for p in processes]
        for process in processes:
            process.send_signal(signal.SIGTERM)
        outputs = [s + p.communicate(timeout=30)[0] for s, p in zip(started, processes)]
    assert alive == [True, True], "\n".join(o[-3000:] for o in outputs)
    runs = [run for output in outputs for run in _job_runs(output)]
    twice = [run for run, n in Counter(runs).items() if n > 1]
    assert twice == [], "ticks that ran in both schedulers"
    assert sum(job == "recompute-changed" for job, _ in runs) >= 3  # the ticks did run
    recomputed = [o.count('"recompute: wave 2031:') for o in outputs]
    assert sum(recomputed) == 1, recomputed  # the work itself: once
