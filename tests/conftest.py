"""Fixtures: databases (SQLite always, PostgreSQL when TEST_DATABASE_URL is set), contexts, browser.

CI sets REQUIRE_BROWSER and REQUIRE_POSTGRES: there a browser or PostgreSQL test that would be
skipped fails instead, so a green run has run them all.

Each test gets an empty, migrated database: a copy of a migrated SQLite file, or on PostgreSQL a
database of its own for the session whose tables are emptied after every test — so two runs never
see each other's rows. A test that asks for `ctx` gets a copy of one with the Septet framework
stored, and a test marked `demo_data` one with the demo loaded (and recomputed, with
`recomputed=True`): each template is built once per session (and xdist worker) and copied per
test, a file copy or `CREATE DATABASE … TEMPLATE`, since loading the demo takes seconds (more on
PostgreSQL) and a copy a tenth of one.
"""

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
from reports.images import CHROMIUM_FLAGS
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEPTET = REPO / "config" / "framework" / "septet.yaml"
# The offline Chromium flags (design.md) are the report renderer's; tests add a window size.
CHROME_FLAGS = [*CHROMIUM_FLAGS, "--window-size=1400,1000"]


def pytest_setup_options():
    """Chromium options for dash.testing (its hook)."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    return options


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "demo_data(recomputed=False): the test's database is a copy of one with the demo loaded",
    )
    # CI sets REQUIRE_POSTGRES: there a PostgreSQL pass that would skip is a failure instead.
    if os.environ.get("REQUIRE_POSTGRES") and not os.environ.get("TEST_DATABASE_URL"):
        raise pytest.UsageError("REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not")


def pytest_collection_modifyitems(config, items):
    # dash.testing serves every app on port 8050: with pytest-xdist (`make test` runs two
    # workers) the browser tests all go to one worker, one after another (--dist loadgroup).
    for item in items:
        if "browser" in item.keywords or "dash_duo" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("browser"))
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError("REQUIRE_BROWSER is set but chromium/chromedriver are missing")
    skip = pytest.mark.skip(
        reason="no Chromium: `apt-get install chromium chromium-driver` to run browser tests"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def test_data_clock(monkeypatch):
    """The tests' responses are dated 2031 and 2032, after every wave of the framework; the
    window of plausible submitted dates (collectors/fits.py) is measured from a clock set after
    them. The tests of that window set it back to the real one."""
    import collectors.fits

    monkeypatch.setattr(collectors.fits, "now", TEST_DATA_NOW)


def TEST_DATA_NOW() -> datetime:
    return datetime(2040, 1, 1)


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    """argon2id with small parameters in the tests' own process. The product's (argon2's
    recommended: 64 MiB, 3 passes) cost 0.2 s of CPU per hash and per log-in, hundreds of times
    a run, and no test is about that cost; what they prove (a wrong password is refused, the
    cookie and the table hold no hash …) holds for any parameters. test_throttle and
    test_concurrent_submit set their own; commands run as subprocesses keep the product's."""
    from argon2 import PasswordHasher

    import accounts.users

    monkeypatch.setattr(
        accounts.users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield None
        return
    name = f"monitor_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
                _create_database(self.postgres_url, database, before)
                url, self.built[key] = _with_database(self.postgres_url, database), database
                if not before:
                    upgrade(engine := make_engine(url))
                    engine.dispose()
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
        _create_database(self.postgres_url, database, template)
        return _with_database(self.postgres_url, database)

    def drop_all(self) -> None:
        for (kind, _stage), database in self.built.items():
            if kind == "postgresql":
                _drop_database(self.postgres_url, database)


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


def _with_database(url: str, database: str) -> str:
    return make_url(url).set(database=database).render_as_string(hide_password=False)


def _create_database(url: str, database: str, template: str | None = None) -> None:
    copied = f' TEMPLATE "{template}"' if template else ""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{database}"{copied}'))
    admin.dispose()


def _drop_database(url: str, database: str) -> None:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def templates(tmp_path_factory, sqlite_template, postgres_url):
    built = Templates(tmp_path_factory.mktemp("templates"), sqlite_template, postgres_url)
    yield built
    built.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path, sqlite_template, postgres_url):
    """The URL of a migrated database of each kind: the test's own copy of a template when it
    asks for `ctx` or is marked `demo_data` (stage_of), else an empty one."""
    if request.param == "postgresql" and postgres_url is None:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but there is no PostgreSQL database")
        pytest.skip("PostgreSQL pass: set TEST_DATABASE_URL (CI does)")
    if stage := stage_of(request):
        url = request.getfixturevalue("templates").copy(request.param, stage, tmp_path)
        yield url
        if request.param == "postgresql":
            _drop_database(postgres_url, make_url(url).database)
        return
    if request.param == "sqlite":
        path = tmp_path / "monitor.sqlite"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    yield postgres_url
    engine = make_engine(postgres_url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as c:
        c.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        c.execute(text("DROP TABLE IF EXISTS apscheduler_jobs"))
    engine.dispose()


@pytest.fixture
def sqlite_url(request, tmp_path, sqlite_template) -> str:
    """SQLite only: for tests that need no second database kind (e.g. the browser tests); a
    copy of the demo database for a test marked `demo_data`."""
    if request.node.get_closest_marker("demo_data"):
        return request.getfixturevalue("templates").copy("sqlite", stage_of(request), tmp_path)
    path = tmp_path / "monitor.sqlite"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def make_context(url: str, tmp_path: Path, framework: Path = SEPTET) -> Context:
    settings = Settings.from_env(
        {"DATABASE_URL": url, "DATA_DIR": str(tmp_path / "data"), "FRAMEWORK_FILE": str(framework)}
    )
    return Context(settings)


@pytest.fixture
def ctx(database_url, tmp_path) -> Context:
    """A context on an empty migrated database of each kind, with the Septet framework stored."""
    context = make_context(database_url, tmp_path)
    _ = context.consortium_id
    yield context
    context.engine.dispose()


def click(dash_duo, selector: str, tries: int = 5) -> None:
    """Click an element that a callback may re-render between find and click (the navbar
    follows the URL), wherever it is on the page (the window is smaller than the page)."""
    from selenium.common.exceptions import StaleElementReferenceException

    for attempt in range(tries):
        try:
            element = dash_duo.wait_for_element(selector, timeout=10)
            dash_duo.driver.execute_script(
                "arguments[0].scrollIntoView({block: 'center'});", element
            )
            dash_duo.driver.execute_script("arguments[0].click();", element)
            return
        except StaleElementReferenceException:
            if attempt == tries - 1:
                raise
