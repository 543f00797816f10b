"""A database that cannot be used: every CLI command says so in one line that names the URL
(never its password) and exits non-zero; the dashboard shows a maintenance page with 503 (JSON for
Dash's own requests), never a bare 500 or a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid

import click
import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from samenwerkingsmonitor.cli import main
from tests.conftest import REPO, SEPTET, make_context

# Commands that never open the database (the framework and sources files only).
NO_DATABASE = {"framework export", "framework check", "sources check"}


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Every command that uses the database, with the arguments it needs ({tmp}: the test's folder).
COMMANDS: dict[str, list[str]] = {
    "demo": ["demo"],
    "recompute": ["recompute"],
    "export measures": ["export", "measures", "--out", "{tmp}/out.csv"],
    "export projects": ["export", "projects", "--out", "{tmp}/out.csv"],
    "export goals": ["export", "goals", "--out", "{tmp}/out.csv"],
    "export ties": ["export", "ties", "--out", "{tmp}/out.csv"],
    "serve": ["serve"],
    "scheduler": ["scheduler"],
    "run": ["run"],
    "report nppz": ["report", "nppz", "--year", "2031", "--out", "{tmp}/r.pdf"],
    "digest": ["digest", "--network", "UTS", "--dry-run"],
    "users add": ["users", "add", "a@example.org", "--name", "A", "--role", "beheerder"],
    "users list": ["users", "list"],
    "users set-role": ["users", "set-role", "a@example.org", "stuurgroep"],
    "users disable": ["users", "disable", "a@example.org"],
    "users enable": ["users", "enable", "a@example.org"],
    "users reset-password": ["users", "reset-password", "a@example.org"],
    "users send-reset": ["users", "send-reset", "a@example.org"],
    "partners import": ["partners", "import", "{tmp}/input.csv"],
    "partners list": ["partners", "list"],
    "ingest": ["ingest", "{tmp}/input.csv"],
    "collect": ["collect"],
    "runs": ["runs"],
    "rejects": ["rejects"],
    "db upgrade": ["db", "upgrade"],
    "db downgrade": ["db", "downgrade", "base"],
    "db backup": ["db", "backup", "{tmp}/b.dump"],
    "db restore": ["db", "restore", "--yes", "{tmp}/backup.dump"],
    "health": ["health"],
    "projects import": ["projects", "import", "{tmp}/input.csv"],
    "projects export": ["projects", "export", "--out", "{tmp}/out.csv"],
    "goals import": ["goals", "import", "{tmp}/input.csv"],
    "goals export": ["goals", "export", "--out", "{tmp}/out.csv"],
}


def arguments(name: str, tmp_path) -> list[str]:
    """The command's arguments, with the input files it reads written into tmp_path."""
    (tmp_path / "input.csv").write_text(
        "response_id,network,group,wave,submitted_at,VER1\nr1,UTS,ZP,2031,2031-10-01,4\n"
    )
    (tmp_path / "backup.dump").write_bytes(b"PGDMP" + bytes(32))
    return [arg.replace("{tmp}", str(tmp_path)) for arg in COMMANDS[name]]


def leaf_commands(group: click.Group, prefix: str = "") -> set[str]:
    found = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found |= leaf_commands(command, f"{prefix}{name} ")
        else:
            found.add(f"{prefix}{name}")
    return found


def _env(monkeypatch, tmp_path, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SOURCES_FILE", raising=False)


def test_every_command_is_covered():
    # Walked from the CLI itself: a new command that uses the database cannot be forgotten here.
    assert leaf_commands(main) == set(COMMANDS) | NO_DATABASE


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_says_in_one_line_that_the_database_does_not_answer(
    name, tmp_path, monkeypatch
):
    url = f"postgresql+psycopg://postgres:geheim@127.0.0.1:{closed_port()}/test"
    _env(monkeypatch, tmp_path, url)
    result = CliRunner().invoke(main, arguments(name, tmp_path))
    shown = url.replace(":geheim", "")
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.output.strip().splitlines() == [
        f"Error: the database at {shown} does not answer: connection refused"
    ]


def test_the_terminal_gets_one_line_not_a_traceback(tmp_path):
    url = f"postgresql+psycopg://postgres:geheim@127.0.0.1:{closed_port()}/test"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FRAMEWORK_FILE": str(SEPTET),
        "DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-m", "samenwerkingsmonitor.cli", "recompute"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"Error: the database at {url.replace(':geheim', '')} does not answer: connection refused"
    ]


def test_a_missing_postgresql_database_is_one_line(tmp_path, monkeypatch):
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("needs a PostgreSQL server: set TEST_DATABASE_URL")
    name = f"monitor_missing_{uuid.uuid4().hex[:8]}"
    url = make_url(base).set(database=name)
    _env(monkeypatch, tmp_path, url.render_as_string(hide_password=False))
    result = CliRunner().invoke(main, ["recompute"])
    shown = url.set(password=None).render_as_string(hide_password=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: the database at {shown} does not exist: create it (createdb {name}), "
        "then run `samenwerkingsmonitor db upgrade`"
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "mysql://monitor:geheim@127.0.0.1/monitor",
            "Error: DATABASE_URL: unsupported database 'mysql' (mysql://monitor@127.0.0.1/monitor): "
            "use sqlite:///<file> or postgresql+psycopg://<user>@<host>/<database>",
        ),
        (
            "nosuchdb://monitor:geheim@127.0.0.1/monitor",
            "Error: DATABASE_URL: unsupported database 'nosuchdb' (nosuchdb://monitor@127.0.0.1/monitor): "
            "use sqlite:///<file> or postgresql+psycopg://<user>@<host>/<database>",
        ),
    ],
)
def test_an_unsupported_url_is_one_line(url, message, tmp_path, monkeypatch):
    _env(monkeypatch, tmp_path, url)
    result = CliRunner().invoke(main, ["recompute"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [message]


def test_a_sqlite_file_in_a_missing_folder_says_so(tmp_path, monkeypatch):
    folder = tmp_path / "no" / "such"
    _env(monkeypatch, tmp_path, f"sqlite:///{folder / 'monitor.sqlite'}")
    result = CliRunner().invoke(main, ["recompute"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: the database at sqlite:///{folder / 'monitor.sqlite'} cannot be opened: "
        f"the folder {folder} does not exist"
    ]
    assert not folder.exists()  # a command that only reads creates nothing
    # Creating the database is what `db upgrade` (and `run`) are for: they make the folder.
    created = CliRunner().invoke(main, ["db", "upgrade"])
    assert created.exit_code == 0, created.output
    assert (folder / "monitor.sqlite").exists()


# --- the dashboard -------------------------------------------------------------------------------


@pytest.fixture
def down_client(tmp_path):
    """The dashboard's test client, its engine pointed at a closed loopback port, with a
    session cookie (so every request looks its session up in the database)."""
    from dashboard.app import create_app

    context = make_context(
        f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test", tmp_path
    )
    client = create_app(context).server.test_client()
    with client.session_transaction() as session:
        session["sid"] = "a-session-id"
        session["csrf"] = "token"
    return client


def test_a_page_shows_the_maintenance_page_in_dutch_then_english(down_client):
    response = down_client.get("/vergelijken")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    dutch, english = page.index("Tijdelijk niet beschikbaar"), page.index("Temporarily unavailable")
    assert dutch < english
    assert "127.0.0.1" not in page and "Traceback" not in page  # nothing about the server


def test_dash_requests_get_json(down_client):
    response = down_client.post(
        "/_dash-update-component", json={"output": "x.children"}, headers={"X-CSRFToken": "token"}
    )
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert "database" in response.json["error"] and "database" in response.json["error_en"]
    assert down_client.get("/_dash-layout").status_code == 503


def test_the_log_in_form_posted_while_the_database_is_down(down_client):
    response = down_client.post(
        "/login", data={"email": "a@example.org", "password": "x", "csrf_token": "token"}
    )
    assert response.status_code == 503
    assert "Tijdelijk niet beschikbaar" in response.get_data(as_text=True)
