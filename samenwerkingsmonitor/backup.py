"""`db backup FILE` and `db restore FILE`: the whole database in one file, and back.

SQLite: SQLite's online backup API, so the copy is consistent while the dashboard and the scheduler
keep working. PostgreSQL: `pg_dump` in its custom format and `pg_restore` in one transaction, so a
failed restore leaves the database as it was. A backup is written to a temporary name and renamed
when complete: a crash never leaves half a backup under the real name.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """Backing up or restoring failed; the message says why and what to do."""


def backup(engine: Engine, path: Path) -> str:
    """Write the database of `engine` to `path`; returns a one-line summary."""
    partial = path.with_name(f".{path.name}.partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if engine.dialect.name == "sqlite":
            _copy(_sqlite_file(engine.url), partial)
        elif engine.dialect.name == "postgresql":
            _answers(engine)
            _pg("pg_dump", engine.url, "--format=custom", f"--file={partial}")
        else:
            raise BackupError(f"no backup for {engine.dialect.name} databases")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return f"backed up {engine.url.render_as_string()} to {path} ({path.stat().st_size:,} bytes)"


def restore(engine: Engine, path: Path) -> str:
    """Replace the database of `engine` by the backup in `path`; returns a one-line summary."""
    head = path.read_bytes()[:16]
    if engine.dialect.name == "sqlite":
        if head != SQLITE_MAGIC:
            raise BackupError(f"{path} is not a SQLite backup (made by db backup on SQLite)")
        engine.dispose()  # pooled connections would keep reading pages of the old file
        _sqlite_file(engine.url).parent.mkdir(parents=True, exist_ok=True)
        _copy(path, _sqlite_file(engine.url))
    elif engine.dialect.name == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise BackupError(f"{path} is not a PostgreSQL backup (pg_dump's custom format)")
        _answers(engine)
        engine.dispose()
        _pg(
            "pg_restore",
            engine.url,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(path),
        )
    else:
        raise BackupError(f"no restore for {engine.dialect.name} databases")
    return f"restored {path} into {engine.url.render_as_string()}"


def _answers(engine: Engine) -> None:
    """Connect once first: a server that does not answer then raises SQLAlchemy's error, which
    the CLI turns into one line, rather than pg_dump's several lines of libpq's."""
    with engine.connect():
        pass


def _sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(url.database)


def _copy(source_file: Path, target_file: Path) -> None:
    """SQLite's online backup: page by page under SQLite's own locks, so writers only wait."""
    source = sqlite3.connect(source_file, timeout=30)
    target = sqlite3.connect(target_file, timeout=30)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _pg(program: str, url: URL, *args: str) -> None:
    """Run pg_dump or pg_restore against `url`; the password goes in the environment, not in
    the command line that other users of the machine can see."""
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} not found: install the PostgreSQL client programs "
            "(the server's major version or newer, e.g. apt-get install postgresql-client)"
        )
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    # libpq takes a connection URI as the database name; it has no "+psycopg" driver part.
    # (URL.set ignores password=None; the named tuple's _replace clears it.)
    target = (
        url.set(drivername="postgresql")
        ._replace(password=None)
        .render_as_string(hide_password=False)
    )
    done = subprocess.run(
        [program, f"--dbname={target}", *args], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")
