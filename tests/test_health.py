"""`samenwerkingsmonitor health [--scheduler]`: what the compose health checks run."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from click.testing import CliRunner
from sqlalchemy import text

from db.engine import downgrade, upgrade
from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.health import scheduler_problem
from samenwerkingsmonitor.scheduler import JobSpec, build_scheduler, declared_jobs
from tests.conftest import SEPTET, make_context


def _health(monkeypatch, url: str, *args: str):
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    return CliRunner().invoke(main, ["health", *args])


def test_database_answers_at_the_latest_migration(ctx, monkeypatch):
    url = ctx.engine.url.render_as_string(hide_password=False)
    result = _health(monkeypatch, url)
    assert result.exit_code == 0 and "ok: database" in result.output
    downgrade(ctx.engine, "0003")
    try:
        result = _health(monkeypatch, url)
        assert result.exit_code == 1 and "at revision 0003" in result.output
    finally:
        upgrade(ctx.engine)  # the PostgreSQL database is shared by the session's tests


def test_a_database_that_does_not_answer(monkeypatch):
    result = _health(monkeypatch, "postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert result.exit_code == 1
    assert (
        "the database at postgresql+psycopg://nobody@127.0.0.1:9/none does not answer"
        in result.output
    )


def test_scheduler_alive_while_running_and_dead_when_its_jobs_fall_behind(ctx, monkeypatch):
    url = ctx.engine.url.render_as_string(hide_password=False)
    result = _health(monkeypatch, url, "--scheduler")
    assert result.exit_code == 1 and "no scheduler has started" in result.output

    scheduler = build_scheduler(ctx, declared_jobs(ctx), BackgroundScheduler)
    scheduler.start()
    try:
        result = _health(monkeypatch, url, "--scheduler")
        assert result.exit_code == 0 and "ok: database and scheduler" in result.output
    finally:
        scheduler.shutdown()
    # A scheduler killed long ago leaves its next run in the past.
    tick = ctx.settings.scheduler_tick_seconds
    with ctx.engine.begin() as c:
        c.execute(text("UPDATE apscheduler_jobs SET next_run_time = :t"), {"t": time.time() - 600})
    problem = scheduler_problem(ctx.engine, tick)
    assert problem is not None and "overdue: it is not running" in problem
    assert scheduler_problem(ctx.engine, tick, now=time.time() - 600 + tick) is None


def test_health_endpoint_reports_the_database_and_the_schedulers_heartbeat(ctx, tmp_path):
    from dashboard.app import create_app

    client = create_app(ctx).server.test_client()
    alone = client.get("/health")  # the database answers, but no scheduler ever ran
    assert alone.status_code == 503
    assert alone.json["status"] == "unavailable" and alone.json["database"] == "ok"
    assert alone.json["scheduler"].startswith("no scheduler has started")
    assert alone.json["scheduler_heartbeat"] is None

    jobs = [JobSpec(job.id, job.func, 1) for job in declared_jobs(ctx)]  # a tick every second
    scheduler = build_scheduler(ctx, jobs, BackgroundScheduler)
    scheduler.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            up = client.get("/health")
            if up.status_code == 200 and up.json["scheduler_heartbeat"]:
                break
            time.sleep(0.3)
    finally:
        scheduler.shutdown()
    assert up.status_code == 200, up.json
    assert (up.json["status"], up.json["database"], up.json["scheduler"]) == ("ok", "ok", "ok")
    beat = datetime.fromisoformat(up.json["scheduler_heartbeat"].replace("Z", "+00:00"))
    assert timedelta(0) <= datetime.now(UTC) - beat < timedelta(seconds=20)

    with ctx.engine.begin() as c:  # the scheduler died long ago
        c.execute(text("UPDATE apscheduler_jobs SET next_run_time = :t"), {"t": time.time() - 600})
    dead = client.get("/health")
    assert dead.status_code == 503 and dead.json["database"] == "ok"
    assert "overdue: it is not running" in dead.json["scheduler"]
    assert dead.json["scheduler_heartbeat"] == up.json["scheduler_heartbeat"]


def test_health_endpoint_answers_503_when_the_database_is_down(tmp_path):
    from dashboard.app import create_app

    gone = make_context("postgresql+psycopg://nobody@127.0.0.1:9/none", tmp_path)
    down = create_app(gone).server.test_client().get("/health")
    assert down.status_code == 503
    assert down.json["status"] == "unavailable"
    # Public: the reason, never the database's address.
    assert down.json["database"] == "the database does not answer: connection refused"
    assert down.json["scheduler"] == "unknown: the database does not answer"
