"""`samenwerkingsmonitor run` — what `make run` starts — serves, schedules, and stops on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import psutil

from tests.conftest import SEPTET


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, seconds: float) -> str:
    """The status /health reports once it is 200 (the scheduler may still be starting)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return json.loads(r.read())["status"]
        except urllib.error.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_run_loads_demo_serves_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATA_DIR": str(tmp_path),
        "PORT": str(port),
        "FRAMEWORK_FILE": str(SEPTET),
    }
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "samenwerkingsmonitor.cli", "run"],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        ready = f"dashboard ready: http://127.0.0.1:{port}/login"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            if any(ready in line for line in lines):
                break
            time.sleep(0.3)
        assert any(ready in line for line in lines), "".join(lines)
        # Healthy: the database answers and the scheduler, the second process, keeps its tick.
        assert _wait_healthy(f"http://127.0.0.1:{port}/health", 60) == "ok", "".join(lines)
        children = psutil.Process(process.pid).children()
        assert len(children) == 2  # the dashboard and the scheduler
        assert (tmp_path / "samenwerkingsmonitor.sqlite").exists()
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        process.wait(timeout=30)
        reader.join(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    output = "".join(lines)
    assert "loading the demo data for the seven networks" in output
    assert "scheduler stopped" in output and output.rstrip().endswith("stopped")
    assert not any(
        child.is_running() and child.status() != psutil.STATUS_ZOMBIE for child in children
    )
