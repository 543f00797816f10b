"""The scheduler: jobs declared as data, stale jobs removed, a fast tick recomputes, SIGTERM stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select

from collectors.ingest import ingest_file
from db import models as m
from samenwerkingsmonitor.scheduler import JobSpec, build_scheduler, declared_jobs
from tests.conftest import SEPTET


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
    ingest_file(ctx.engine, path, consortium_id=ctx.consortium_id)

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
    env = {
        **os.environ,
        "DATABASE_URL": sqlite_url,
        "FRAMEWORK_FILE": str(SEPTET),
        "DATA_DIR": str(tmp_path),
        "SCHEDULER_TICK_SECONDS": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "samenwerkingsmonitor.cli", "scheduler"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines: list[str] = []
        while not any("scheduler starting" in line for line in lines):
            line = process.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        time.sleep(1.5)  # let a tick run
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert "scheduler stopped" in output
