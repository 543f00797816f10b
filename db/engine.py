"""Engines, sessions and migrations for a database URL."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event

# Alembic is imported by the functions that migrate: every command line start (`--help`
# included) imports this module, and alembic alone took a third of that start. The ORM likewise
# by the functions that open a session: a command that finds nothing to do needs none (issue 18).
if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default; env.py keeps it
# A script's own id and its parent's, as the template writes them (`None` for the first; a tuple,
# a merge, does not match, and Alembic reads the scripts instead).
_REVISION = re.compile(r"""^revision(?:: str)? = ["'](?P<id>[^"']+)["']$""", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"""^down_revision(?:: [^=]+)? = (?:["'](?P<id>[^"']+)["']|None)$""", re.MULTILINE
)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite enforces foreign keys. Nothing is created on disk here: a
    command that only reads must not make the folder of a mistyped path (upgrade does)."""
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            # WAL lets the dashboard read while the scheduler writes; busy_timeout waits for a lock
            # instead of failing at once when both processes write.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed as a whole, or rolled back as a whole."""
    with session_factory(engine).begin() as session:
        yield session


def _alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or migrate the schema to `revision` (a new SQLite file's folder too)."""
    from alembic import command

    create_sqlite_folder(engine)
    with engine.begin() as connection:
        config = _alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def create_sqlite_folder(engine: Engine) -> None:
    """The folder of a SQLite file, for the commands that create the database."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.begin() as connection:
        config = _alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The database's migration (None before the first): what Alembic's
    `MigrationContext.get_current_revision` answers, read with one query. Every command checks
    it, and importing Alembic for it cost a tenth of each command's start (issue 18)."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        found = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    if len(found) > 1:  # Alembic refuses this too: only a branched history leaves two rows
        raise RuntimeError(f"the table {VERSION_TABLE} names {len(found)} revisions, not one")
    return found[0][0] if found else None


@functools.cache
def head_revision() -> str:
    """The latest migration of this code; read once a process. The scripts are read as text
    (`revision = "…"`, `down_revision = "…"`): Alembic's own reading imports and runs every
    script. Anything else than one plain chain is left to Alembic, which then says what is
    wrong."""
    revisions: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            return _alembic_head()
        revisions[revision["id"]] = down["id"]
    heads = set(revisions) - set(revisions.values())
    if len(heads) != 1:
        return _alembic_head()
    return heads.pop()


def _alembic_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""
