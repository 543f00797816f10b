"""Nothing lost: an ingest process killed part-way, several times, then run to completion."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from collectors.runs import recent_runs
from db import models as m
from tests.conftest import SEPTET

ROWS = 12000
ITEMS = ["VIS1", "VIS2", "VIS3", "VIS4", "AMB1", "AMB2", "AMB3", "VER1", "VER2", "VER3"]


@pytest.mark.slow
def test_killed_ingests_leave_no_half_batch(ctx, tmp_path, database_url):
    path = tmp_path / "big.csv"
    rng = random.Random(4)
    with path.open("w", encoding="utf-8") as f:
        f.write("response_id,network,group,wave,submitted_at," + ",".join(ITEMS) + "\n")
        for i in range(ROWS):
            values = ",".join(str(rng.randint(1, 5)) for _ in ITEMS)
            # A date in the past: the ingest runs as its own process, on the real clock.
            f.write(f"r{i},UTS,ZP,2031,2024-10-01 09:00,{values}\n")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "FRAMEWORK_FILE": str(SEPTET),
        "DATA_DIR": str(tmp_path / "data"),
        "SOURCES_FILE": str(tmp_path / "none.yaml"),
    }
    command = [
        sys.executable,
        "-m",
        "samenwerkingsmonitor.cli",
        "ingest",
        str(path),
        "--create-waves",
    ]

    def counts() -> tuple[int, int]:
        with ctx.engine.connect() as c:
            return (
                c.scalar(select(func.count()).select_from(m.Response)),
                c.scalar(select(func.count()).select_from(m.Answer)),
            )

    # How long a whole ingest takes here, to kill at moments spread over it.
    started = time.monotonic()
    probe = subprocess.run(
        [*command[:-1], "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert probe.returncode == 0
    startup = time.monotonic() - started
    kills = 0
    for attempt in range(5):
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(startup + rng.uniform(0.0, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        responses, answers = counts()
        if responses:  # the batch committed before the kill: then all of it
            assert (responses, answers) == (ROWS, ROWS * len(ITEMS)), attempt
            break
        assert answers == 0  # no half batch
    assert kills >= 1, "every ingest finished before it could be killed; make the file bigger"

    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert counts() == (ROWS, ROWS * len(ITEMS))
    with ctx.engine.connect() as c:
        ids = c.scalars(select(m.Response.external_id)).all()
        statuses = c.scalars(select(m.CollectorRun.status)).all()
    assert len(ids) == len(set(ids)) == ROWS  # each response exactly once
    assert statuses.count("ok") == 1
    # killed runs stay 'running' in the table; their processes are gone, so they show interrupted
    runs = recent_runs(ctx.engine, limit=50)
    assert set(runs["status"]) <= {"ok", "interrupted"}
    assert (runs["status"] == "interrupted").sum() == statuses.count("running")
