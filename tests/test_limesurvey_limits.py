"""Nothing hangs: a LimeSurvey that accepts the connection and never answers ends the collection
within its time limit with a failed run and one clear message; SIGTERM stops `collect` and the
scheduler while a collection waits.

Every wait here is bounded by the test itself (a thread joined with a timeout, a process waited
for with a timeout), so a collector that hangs fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select

from collectors.collect import collect
from collectors.runs import lock_holder
from db import models as m
from samenwerkingsmonitor.sources import SourcesError, load_sources
from tests.conftest import SEPTET
from tests.fixtures.exports import sources_file, use_sources_file
from tests.fixtures.limesurvey_server import FakeLimeSurvey, serve_api_source


@pytest.fixture
def silent_limesurvey(monkeypatch):
    state = FakeLimeSurvey()
    state.silent = True
    with serve_api_source(state, monkeypatch):
        yield state


@pytest.fixture
def sources(ctx, tmp_path, monkeypatch):
    return use_sources_file(tmp_path, monkeypatch, ctx.framework)


def runs_of(ctx, source: str) -> list[tuple[str, str | None]]:
    with ctx.engine.connect() as c:
        return [
            tuple(r)
            for r in c.execute(
                select(m.CollectorRun.status, m.CollectorRun.error).where(
                    m.CollectorRun.source == source
                )
            )
        ]


def test_a_server_that_never_answers_fails_the_run_within_the_time_limit(
    ctx, sources, silent_limesurvey
):
    api = sources.get("api").model_copy(
        update={"read_timeout_seconds": 1, "time_limit_seconds": 3, "retries": 10}
    )
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(result=collect(ctx, api, sources)))
    thread.daemon = True  # the old collector never returns: do not wait for it at exit
    started = time.monotonic()
    thread.start()
    thread.join(timeout=20)
    elapsed = time.monotonic() - started
    assert not thread.is_alive(), "collect hangs on a LimeSurvey that never answers"
    assert elapsed < 3 + 2, f"the collection took {elapsed:.1f} s with a limit of 3 s"

    result = box["result"]
    assert result.claimed and len(result.errors) == 1
    (message,) = result.errors
    assert "api: LimeSurvey at http://127.0.0.1:" in message
    assert "no answer within the time limit of 3 s" in message
    assert "get_session_key" in message  # what it was waiting for
    [(status, error)] = runs_of(ctx, "api")
    assert status == "failed" and "no answer within the time limit of 3 s" in error
    assert lock_holder(ctx.engine, "api")[0] is None  # the claim is released
    assert silent_limesurvey.calls[0][0] == "get_session_key"


def _env(database_url: str, tmp_path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "FRAMEWORK_FILE": str(SEPTET),
        "DATA_DIR": str(tmp_path / "data"),
        "SOURCES_FILE": str(tmp_path / "sources.yaml"),
        "SCHEDULER_TICK_SECONDS": "3600",
    }


def _wait_for_call(state: FakeLimeSurvey, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not state.calls:
        assert time.monotonic() < deadline, "the collection never reached LimeSurvey"
        time.sleep(0.1)
    time.sleep(0.3)  # now waiting for the answer


@pytest.mark.slow
def test_collect_command_stops_on_sigterm_while_waiting(
    ctx, sources, silent_limesurvey, database_url, tmp_path
):
    process = subprocess.Popen(
        [sys.executable, "-m", "samenwerkingsmonitor.cli", "collect", "api", "--no-recompute"],
        env=_env(database_url, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for_call(silent_limesurvey)
        stopped = time.monotonic()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    assert time.monotonic() - stopped < 5, output
    assert process.returncode != 0 and "stopped" in output, output
    [(status, error)] = runs_of(ctx, "api")
    assert status == "failed" and "SIGTERM" in error
    assert lock_holder(ctx.engine, "api")[0] is None


@pytest.mark.slow
def test_scheduler_stops_on_sigterm_while_a_collection_waits(
    ctx, silent_limesurvey, database_url, tmp_path, monkeypatch
):
    path = sources_file(tmp_path / "sources.yaml")
    text = path.read_text(encoding="utf-8").replace(
        "    survey_id: 571234\n", '    survey_id: 571234\n    schedule: "* * * * * *"\n'
    )
    path.write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "samenwerkingsmonitor.cli", "scheduler"],
        env=_env(database_url, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for_call(silent_limesurvey)
        stopped = time.monotonic()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert time.monotonic() - stopped < 5, output
    assert process.returncode == 0 and "scheduler stopped" in output, output
    statuses = [status for status, _ in runs_of(ctx, "api")]
    assert statuses and set(statuses) == {"failed"}, statuses
    assert lock_holder(ctx.engine, "api")[0] is None


def test_the_time_limit_must_stay_below_the_claim(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - name: t\n"
        "    kind: template\n"
        "    lock_minutes: 10\n"
        "    time_limit_seconds: 600\n",
        encoding="utf-8",
    )
    with pytest.raises(SourcesError, match=r"sources\[0\]: .*time_limit_seconds must stay below"):
        load_sources(path)
    path.write_text(path.read_text().replace("600", "590"), encoding="utf-8")
    assert load_sources(path).get("t").time_limit_seconds == 590


def test_the_grace_for_releasing_the_key_gives_the_deadline_back():
    # After a release between two attempts (an HTTP 503 after the login), the retry must run on
    # the collection's own deadline again, not on the short grace.
    from collectors.timeouts import Deadline, LimitedSession

    deadline = Deadline(60)
    session = LimitedSession(deadline, connect=1, read=1)
    with session.grace(0.5):
        assert session.deadline is not deadline and session.deadline.remaining() <= 0.5
    assert session.deadline is deadline
