"""Fixtures: databases (SQLite always, PostgreSQL when TEST_DATABASE_URL is set), contexts, browser.

CI sets REQUIRE_BROWSER and REQUIRE_POSTGRES: there a browser or PostgreSQL test that would be
skipped fails instead, so a green run has run them all.

Each test gets an empty, migrated database: a copy of a migrated SQLite file, or on PostgreSQL a
database of its own for the session whose tables are emptied after every test — so two runs never
see each other's rows. A test with `ctx` gets a copy of one with the Septet stored, a test marked
`demo_data` one with the demo loaded: templates built once (tests/databases.py).
"""

from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy.engine import make_url

from reports.images import CHROMIUM_FLAGS
from samenwerkingsmonitor.context import Context
from tests.databases import (  # REPO, SEPTET and make_context: the tests import them from here
    REPO,  # noqa: F401
    SEPTET,  # noqa: F401
    TEST_DATA_NOW,
    drop_database,
    empty_tables,
    make_context,
    stage_of,
)

# The session's databases and templates (sqlite_template, postgres_url, templates).
pytest_plugins = ["tests.databases"]

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


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    """argon2id with small parameters: the product's cost 0.2 s CPU per hash and per log-in,
    hundreds of times a run, and no test is about that cost (subprocesses keep the product's)."""
    from argon2 import PasswordHasher

    import accounts.users

    monkeypatch.setattr(
        accounts.users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


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
            drop_database(postgres_url, make_url(url).database)
        return
    if request.param == "sqlite":
        path = tmp_path / "monitor.sqlite"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    yield postgres_url
    empty_tables(postgres_url)


@pytest.fixture
def sqlite_url(request, tmp_path, sqlite_template) -> str:
    """SQLite only: for tests that need no second database kind (e.g. the browser tests); a
    copy of the demo database for a test marked `demo_data`."""
    if request.node.get_closest_marker("demo_data"):
        return request.getfixturevalue("templates").copy("sqlite", stage_of(request), tmp_path)
    path = tmp_path / "monitor.sqlite"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


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
