"""Test databases: a context on a URL, and template databases that tests copy (tests/conftest.py
gives each test its own copy; docs/configuration.md, "Tests")."""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.engine import make_engine, upgrade
from db.models import Base
from demo.load import load_demo
from metrics.store import recompute
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEPTET = REPO / "config" / "framework" / "septet.yaml"


def TEST_DATA_NOW() -> datetime:
    return datetime(2040, 1, 1)


def make_context(url: str, tmp_path: Path, framework: Path = SEPTET) -> Context:
    settings = Settings.from_env(
        {"DATABASE_URL": url, "DATA_DIR": str(tmp_path / "data"), "FRAMEWORK_FILE": str(framework)}
    )
    return Context(settings)


# What a template database holds, each stage a copy of the one before with more in it: the
# Septet framework stored (what `ctx` does first), then the demo loaded, then recomputed.
STAGES = ("septet", "demo", "recomputed")


class Templates:
    """Migrated databases one stage further (STAGES), built on first use in this session (each
    xdist worker has its own), for tests to copy: a file copy on SQLite, `CREATE DATABASE …
    TEMPLATE` on PostgreSQL (a tenth of a second, where loading the demo takes seconds)."""

    def __init__(self, directory: Path, sqlite_template: Path, postgres_url: str | None) -> None:
        self.directory = directory
        self.sqlite_template = sqlite_template
        self.postgres_url = postgres_url
        self.built: dict[tuple[str, str], str] = {}
        self.copies = itertools.count()

    def template(self, kind: str, stage: str) -> str:
        """The SQLite file's path, or the PostgreSQL template database's name."""
        key = (kind, stage)
        if key not in self.built:
            index = STAGES.index(stage)
            before = self.template(kind, STAGES[index - 1]) if index else None
            if kind == "sqlite":
                path = self.directory / f"{stage}.sqlite"
                shutil.copy(before or self.sqlite_template, path)
                url, self.built[key] = f"sqlite:///{path}", str(path)
            else:
                database = f"{make_url(self.postgres_url).database}_{stage}"
                create_database(self.postgres_url, database, before)
                url, self.built[key] = with_database(self.postgres_url, database), database
                if not before:
                    migrate(url)
            _fill(make_context(url, self.directory), stage)
        return self.built[key]

    def copy(self, kind: str, stage: str, tmp_path: Path) -> str:
        """The URL of a fresh copy of the template, the test's own."""
        template = self.template(kind, stage)
        if kind == "sqlite":
            path = tmp_path / "monitor.sqlite"
            shutil.copy(template, path)
            return f"sqlite:///{path}"
        database = f"{template}_{next(self.copies)}"
        create_database(self.postgres_url, database, template)
        return with_database(self.postgres_url, database)

    def drop_all(self) -> None:
        for (kind, _stage), database in self.built.items():
            if kind == "postgresql":
                drop_database(self.postgres_url, database)


def _fill(context: Context, stage: str) -> None:
    """Bring a copy of the stage before to `stage`, as a test would: the demo's answers judged by
    the test data's clock (test_data_clock)."""
    import collectors.fits

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(collectors.fits, "now", TEST_DATA_NOW)
        if stage == "septet":
            _ = context.consortium_id
        elif stage == "demo":
            list(load_demo(context.engine, context.framework, context.consortium_id))
        else:
            recompute(context.engine, context.framework, context.consortium_id, everything=True)
    context.engine.dispose()


def stage_of(request) -> str | None:
    """The template a test's database copies: the demo's for a test marked `demo_data`, the
    Septet's for one that asks for `ctx` (which would store it first anyway), else none."""
    if demo := request.node.get_closest_marker("demo_data"):
        return "recomputed" if demo.kwargs.get("recomputed") else "demo"
    return "septet" if "ctx" in request.fixturenames else None


def with_database(url: str, database: str) -> str:
    return make_url(url).set(database=database).render_as_string(hide_password=False)


def create_database(url: str, database: str, template: str | None = None) -> None:
    copied = f' TEMPLATE "{template}"' if template else ""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{database}"{copied}'))
    admin.dispose()


def drop_database(url: str, database: str) -> None:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    admin.dispose()


def migrate(url: str) -> str:
    upgrade(engine := make_engine(url))
    engine.dispose()
    return url


def empty_tables(url: str) -> None:
    """Empty every table (a database that the tests without a template share)."""
    engine = make_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as c:
        c.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        c.execute(text("DROP TABLE IF EXISTS apscheduler_jobs"))
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield None
        return
    name = f"monitor_test_{uuid.uuid4().hex[:10]}"
    create_database(base, name)
    yield migrate(with_database(base, name))
    drop_database(base, name)


@pytest.fixture(scope="session")
def templates(tmp_path_factory, sqlite_template, postgres_url):
    built = Templates(tmp_path_factory.mktemp("templates"), sqlite_template, postgres_url)
    yield built
    built.drop_all()
