"""Logs as one JSON object per line (time in UTC, level, logger, message, request id, exception
text) from the web app, gunicorn and the scheduler; LOG_LEVEL validated at start; a request id per
web request, taken from a trusted proxy's X-Request-ID or made, and returned in the response."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
import yaml
from click.testing import CliRunner

from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.logs import JsonFormatter
from samenwerkingsmonitor.settings import Settings, SettingsError
from tests.conftest import REPO, SEPTET
from tests.fixtures.scheduler_process import read_until_started, scheduler_process, stop
from tests.test_database_down import closed_port


def _record(logger: logging.Logger, *args, **kwargs) -> dict:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    try:
        logger.error(*args, **kwargs)
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, lines
    return json.loads(lines[0])


def test_a_record_is_one_json_line_with_utc_time_and_the_exception():
    try:
        raise ValueError("kapot\nop twee regels")
    except ValueError:
        entry = _record(logging.getLogger("tests.logs"), "job %s failed", "x", exc_info=True)
    assert entry["level"] == "ERROR" and entry["logger"] == "tests.logs"
    assert entry["message"] == "job x failed"
    assert entry["time"].endswith("Z")
    logged = datetime.fromisoformat(entry["time"].replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - logged) < timedelta(seconds=5)
    assert "Traceback" in entry["exception"] and "ValueError: kapot" in entry["exception"]
    assert "request_id" not in entry  # outside a web request


def test_log_level_is_validated_at_start(monkeypatch, tmp_path):
    assert Settings.from_env({}).log_level == "INFO"
    assert Settings.from_env({"LOG_LEVEL": "debug"}).log_level == "DEBUG"
    with pytest.raises(
        SettingsError, match="LOG_LEVEL: expected one of DEBUG, INFO, WARNING, ERROR"
    ):
        Settings.from_env({"LOG_LEVEL": "loud"})
    monkeypatch.setenv("LOG_LEVEL", "loud")
    result = CliRunner().invoke(main, ["health"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: LOG_LEVEL: expected one of DEBUG, INFO, WARNING, ERROR, got 'loud'"
    ]


# --- web requests --------------------------------------------------------------------------------


def _client(tmp_path, url: str, trusted_proxies: int = 0):
    from dashboard.app import create_app

    context = Context(
        Settings.from_env(
            {
                "DATABASE_URL": url,
                "DATA_DIR": str(tmp_path / "data"),
                "FRAMEWORK_FILE": str(SEPTET),
                "TRUSTED_PROXIES": str(trusted_proxies),
            }
        )
    )
    return create_app(context).server.test_client()


def test_every_response_carries_a_request_id(sqlite_url, tmp_path):
    client = _client(tmp_path, sqlite_url)
    first, second = client.get("/login"), client.get("/login")
    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    # Refused and redirected requests too: the id is made before the log-in guard runs.
    assert re.fullmatch(r"[0-9a-f]{32}", client.get("/").headers["X-Request-ID"])


def test_a_trusted_proxys_request_id_is_kept_a_clients_is_not(sqlite_url, tmp_path):
    sent = {"X-Request-ID": "caddy-3f2a-11ef"}
    behind_proxy = _client(tmp_path, sqlite_url, trusted_proxies=1)
    assert behind_proxy.get("/login", headers=sent).headers["X-Request-ID"] == "caddy-3f2a-11ef"
    odd = behind_proxy.get("/login", headers={"X-Request-ID": "a b\tc" + "x" * 200})
    assert re.fullmatch(r"[0-9a-f]{32}", odd.headers["X-Request-ID"])
    direct = _client(tmp_path, sqlite_url, trusted_proxies=0)
    assert direct.get("/login", headers=sent).headers["X-Request-ID"] != "caddy-3f2a-11ef"


def test_log_lines_of_a_request_carry_its_id(tmp_path):
    client = _client(tmp_path, f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test")
    with client.session_transaction() as session:
        session["sid"] = "a-session-id"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    try:
        response = client.get("/vergelijken")
    finally:
        logging.getLogger().removeHandler(handler)
    assert response.status_code == 503
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    [entry] = [e for e in entries if e["logger"] == "dashboard.maintenance"]
    assert entry["request_id"] == response.headers["X-Request-ID"]
    assert "does not answer: connection refused" in entry["message"]
    assert response.headers["X-Request-ID"] in response.get_data(as_text=True)  # the reference


# --- gunicorn and the scheduler ------------------------------------------------------------------


def test_gunicorn_access_log_is_json_with_the_request_id(capsys):
    from gunicorn.config import Config

    from dashboard.gunicorn_logging import JsonLogger

    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    assert (
        "--logger-class=dashboard.gunicorn_logging.JsonLogger"
        in compose["services"]["web"]["command"]
    )
    config = Config()
    config.set("accesslog", "-")
    logger = JsonLogger(config)
    logger.info("Booting worker with pid: %s", 42)
    logger.access(
        SimpleNamespace(
            status="503 SERVICE UNAVAILABLE", headers=[("X-Request-ID", "r-1")], sent=9
        ),
        SimpleNamespace(headers=[("X-Forwarded-For", "203.0.113.7"), ("User-Agent", "curl")]),
        {
            "REQUEST_METHOD": "GET",
            "RAW_URI": "/health?x=1",
            "PATH_INFO": "/health",
            "QUERY_STRING": "x=1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "10.0.0.2",
        },
        timedelta(milliseconds=12),
    )
    out, err = capsys.readouterr()
    [booting] = [json.loads(line) for line in err.splitlines()]
    assert booting["message"] == "Booting worker with pid: 42"
    assert booting["logger"] == "gunicorn.error"
    [access] = [json.loads(line) for line in out.splitlines()]
    assert access["logger"] == "gunicorn.access"
    assert access["message"] == "GET /health?x=1 503"
    assert access["request_id"] == "r-1"
    assert access["status"] == 503 and access["duration_ms"] == 12 and access["bytes"] == 9
    assert access["forwarded_for"] == "203.0.113.7" and access["remote"] == "10.0.0.2"


def test_the_scheduler_logs_json_lines(sqlite_url, tmp_path):
    with scheduler_process(sqlite_url, tmp_path) as process:
        started = read_until_started(process)
        time.sleep(2.5)  # a few ticks
        output = started + stop(process, timeout=30)
    entries = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    messages = [e["message"] for e in entries]
    assert any(m.startswith("scheduler starting with jobs:") for m in messages)
    assert any(m.startswith('Running job "recompute-changed') for m in messages)
    assert messages[-1] == "scheduler stopped"
