"""How long the command line takes before it does anything (issue 18), for bench/benchmark.py.

Each figure is the median wall time of a few fresh interpreters running this checkout's
`samenwerkingsmonitor` entry point (`samenwerkingsmonitor.cli:main`, as the installed script does),
so interpreter start-up and every import count, as they do for an operator. The processes' CPU
time is printed beside it: on a shared machine the wall time grows with the load, the CPU time
much less.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENTRY_POINT = "from samenwerkingsmonitor.cli import main; main()"

TARGET_HELP = 0.5  # seconds: `samenwerkingsmonitor --help`
TARGET_EMPTY_RECOMPUTE = 1.0  # seconds: `samenwerkingsmonitor recompute` with nothing to do


def command_seconds(
    *args: str, env: dict[str, str] | None = None, runs: int = 5
) -> tuple[float, float]:
    """Median wall and CPU time of `samenwerkingsmonitor ARGS` in a fresh process (it must
    succeed)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    # As a user's command runs: Python keeps the compiled modules (a shell or sandbox may switch
    # that off), and the untimed first run writes them, as the first call after an install does.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-c", ENTRY_POINT, *args], capture_output=True, env=environment, cwd=REPO
    )
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", ENTRY_POINT, *args],
            capture_output=True,
            text=True,
            env=environment,
            cwd=REPO,
        )
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"samenwerkingsmonitor {' '.join(args)} failed:\n{done.stderr}")
    return statistics.median(times), statistics.median(cpu)


def measure(database_url: str, framework_file: Path, data_dir: Path) -> tuple[tuple, tuple]:
    """(wall s, CPU s) of `--help`, and of `recompute` on a migrated database with its framework
    stored and no answers."""
    env = {
        "DATABASE_URL": database_url,
        "FRAMEWORK_FILE": str(framework_file),
        "DATA_DIR": str(data_dir),
    }
    return command_seconds("--help", env=env), command_seconds("recompute", env=env)
