"""Production start-up: secrets from the environment only, the framework stored by the migrate step
(`db upgrade`) and only read by the web workers, which stop with the reason when it is missing."""

from __future__ import annotations

import importlib
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from db import models as m
from db.engine import make_engine
from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.context import FrameworkNotStored
from samenwerkingsmonitor.settings import DEVELOPMENT_KEY, Settings, SettingsError
from tests.conftest import SEPTET

GOOD_KEY = "k" * 40


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "SECRET_KEY: required when MONITOR_ENV=production"),
        (DEVELOPMENT_KEY, "SECRET_KEY: the built-in development key is refused in production"),
        ("short-secret", "SECRET_KEY: 12 characters is too short for production"),
    ],
)
def test_production_refuses_missing_development_and_short_keys(key, message):
    environ = {"MONITOR_ENV": "production", **({"SECRET_KEY": key} if key else {})}
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(environ)


def test_production_takes_a_long_key_and_embedded_keeps_its_default():
    assert Settings.from_env({"MONITOR_ENV": "production", "SECRET_KEY": GOOD_KEY}).secret_key == (
        GOOD_KEY
    )
    assert Settings.from_env({}).secret_key == DEVELOPMENT_KEY


@pytest.fixture
def production_env(database_url, tmp_path, monkeypatch):
    for name, value in {
        "DATABASE_URL": database_url,
        "DATA_DIR": str(tmp_path / "data"),
        "FRAMEWORK_FILE": str(SEPTET),
        "MONITOR_ENV": "production",
        "SECRET_KEY": GOOD_KEY,
    }.items():
        monkeypatch.setenv(name, value)
    # dashboard.wsgi builds the app when imported: import it afresh in each test, and forget it after.
    monkeypatch.delitem(sys.modules, "dashboard.wsgi", raising=False)
    yield database_url
    sys.modules.pop("dashboard.wsgi", None)


def _consortia(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as c:
        count = c.execute(select(func.count()).select_from(m.Consortium)).scalar_one()
    engine.dispose()
    return count


def test_web_workers_refuse_a_database_without_the_framework_and_write_nothing(production_env):
    with pytest.raises(FrameworkNotStored, match="run `samenwerkingsmonitor db upgrade`"):
        importlib.import_module("dashboard.wsgi")
    assert _consortia(production_env) == 0


def test_db_upgrade_stores_the_framework_and_the_web_workers_read_it(production_env):
    result = CliRunner().invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "framework septet version" in result.output and "stored" in result.output
    assert _consortia(production_env) == 1
    wsgi = importlib.import_module("dashboard.wsgi")
    assert wsgi.context.framework_read_only is True
    client = wsgi.server.test_client()
    assert client.get("/login").status_code == 200
    # Running the migrate step again changes nothing.
    assert CliRunner().invoke(main, ["db", "upgrade"]).exit_code == 0
    assert _consortia(production_env) == 1
