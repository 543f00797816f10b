"""`samenwerkingsmonitor health [--scheduler]`: what the compose health checks run."""

from __future__ import annotations

import time

from apscheduler.schedulers.background import BackgroundScheduler
from click.testing import CliRunner
from sqlalchemy import text

from db.engine import downgrade, upgrade
from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.health import scheduler_problem
from samenwerkingsmonitor.scheduler import build_scheduler, declared_jobs
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


def test_health_endpoint_answers_503_when_the_database_is_down(ctx, tmp_path):
    from dashboard.app import create_app

    up = create_app(ctx).server.test_client().get("/health")
    assert (up.status_code, up.json) == (200, {"status": "ok"})
    gone = make_context("postgresql+psycopg://nobody@127.0.0.1:9/none", tmp_path)
    down = create_app(gone).server.test_client().get("/health")
    assert down.status_code == 503
    assert down.json["status"] == "unavailable"
    assert "the database does not answer" in down.json["database"]
