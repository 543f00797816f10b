"""`db backup FILE` and `db restore FILE` on SQLite (online backup API) and PostgreSQL
(pg_dump/pg_restore): what was backed up comes back, later changes go, a wrong file changes nothing."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from accounts.users import add_user
from db import models as m
from samenwerkingsmonitor.cli import main

PASSWORD = "backup-wachtwoord-1"


@pytest.fixture
def db_cli(ctx, monkeypatch):
    if ctx.engine.dialect.name == "postgresql" and not shutil.which("pg_dump"):
        pytest.fail("pg_dump/pg_restore are needed: apt-get install postgresql-client")
    monkeypatch.setenv("DATABASE_URL", ctx.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("FRAMEWORK_FILE", str(ctx.settings.framework_file))

    def invoke(*args: str, ok: bool = True):
        result = CliRunner().invoke(main, ["db", *args], catch_exceptions=False)
        assert (result.exit_code == 0) == ok, result.output
        return result.output

    return invoke


def _state(ctx) -> tuple[list[str], list[str]]:
    with ctx.engine.connect() as c:
        emails = c.execute(select(m.User.email).order_by(m.User.email)).scalars()
        networks = c.execute(select(m.Network.code).order_by(m.Network.code)).scalars()
        return list(emails), list(networks)


def test_restore_brings_back_what_was_backed_up(ctx, db_cli, tmp_path):
    add_user(ctx.engine, "alice@example.org", "Alice", "coordinator", PASSWORD, ["UTS"])
    backed_up = _state(ctx)
    file = tmp_path / "backups" / "monitor.backup"
    assert f"to {file}" in db_cli("backup", str(file))
    magic = b"SQLite format 3" if ctx.engine.dialect.name == "sqlite" else b"PGDMP"
    assert file.read_bytes().startswith(magic)
    assert [p.name for p in file.parent.iterdir()] == ["monitor.backup"]  # no partial file left

    add_user(ctx.engine, "bob@example.org", "Bob", "stuurgroep", PASSWORD, ["EEM"])
    with ctx.engine.begin() as c:
        c.execute(m.User.__table__.delete().where(m.User.email == "alice@example.org"))
    assert _state(ctx) != backed_up

    output = db_cli("restore", "--yes", str(file))
    assert f"restored {file}" in output and "database at revision" in output
    assert "db upgrade" not in output  # the backup was made at the latest revision
    assert _state(ctx) == backed_up


def test_restore_refuses_a_file_that_is_no_backup_and_changes_nothing(ctx, db_cli, tmp_path):
    add_user(ctx.engine, "alice@example.org", "Alice", "coordinator", PASSWORD, ["UTS"])
    before = _state(ctx)
    junk = tmp_path / "export.csv"
    junk.write_text("response_id,network\nr1,UTS\n")
    output = db_cli("restore", "--yes", str(junk), ok=False)
    assert "is not a" in output and "backup" in output
    assert _state(ctx) == before


def test_restore_asks_before_replacing_everything(ctx, db_cli, tmp_path):
    file = tmp_path / "monitor.backup"
    db_cli("backup", str(file))
    result = CliRunner().invoke(main, ["db", "restore", str(file)], input="n\n")
    assert result.exit_code == 1 and "Replace everything in" in result.output


def test_the_password_goes_in_the_environment_not_on_the_command_line(monkeypatch):
    # Other users of the machine can read a program's command line (ps); PGPASSWORD is private.
    import subprocess

    from sqlalchemy.engine import make_url

    from samenwerkingsmonitor import backup

    seen = {}

    def run(command, env, **_):
        seen.update(command=command, env=env)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(backup.shutil, "which", lambda _: "/usr/bin/pg_dump")
    monkeypatch.setattr(backup.subprocess, "run", run)
    backup._pg("pg_dump", make_url("postgresql+psycopg://monitor:geheim@db:5432/monitor"))
    assert "geheim" not in " ".join(seen["command"])
    assert "--dbname=postgresql://monitor@db:5432/monitor" in seen["command"]
    assert seen["env"]["PGPASSWORD"] == "geheim"
