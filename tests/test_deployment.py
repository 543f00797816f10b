"""The production files as written: docker-compose.yml parsed (services, order, health checks,
volumes, secrets), its commands run for real (gunicorn --check-config on the production app), the
Caddyfile validated and adapted by Caddy itself, and the Dockerfile's instructions checked against
what compose and the lock expect. No Docker engine runs here; deploy/smoke.py runs the services."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.settings import Settings

REPO = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "web", "scheduler")
REFERENCE = re.compile(r"\$\{(\w+)(?::([?-])([^}]*))?\}")


def interpolate(value: str, environ: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error} (enough for this file)."""

    def one(match: re.Match) -> str:
        name, kind, rest = match.groups()
        if environ.get(name):
            return environ[name]
        if kind == "?":
            raise KeyError(rest)
        return rest or ""

    return REFERENCE.sub(one, value)


def test_services_start_in_order():
    assert set(SERVICES) == {"db", "migrate", "web", "scheduler", "caddy"}
    waits = {name: s.get("depends_on", {}) for name, s in SERVICES.items()}
    assert waits["migrate"] == {"db": {"condition": "service_healthy"}}
    for name in ("web", "scheduler"):
        assert waits[name] == {"migrate": {"condition": "service_completed_successfully"}}
    assert waits["caddy"] == {"web": {"condition": "service_healthy"}}
    assert SERVICES["migrate"]["restart"] == "no"
    assert SERVICES["scheduler"]["deploy"]["replicas"] == 1
    # Only Caddy is reachable from outside; gunicorn only over the compose network.
    published = {name for name, s in SERVICES.items() if s.get("ports")}
    assert published == {"caddy"}
    assert {p.split(":")[-1] for p in SERVICES["caddy"]["ports"]} == {"80", "443", "443/udp"}


def test_db_web_and_scheduler_have_health_checks_that_match_their_commands():
    for name in ("db", "web", "scheduler"):
        assert SERVICES[name]["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name
    web = SERVICES["web"]
    bind = next(a for a in web["command"] if a.startswith("--bind="))
    port = bind.rsplit(":", 1)[1]
    assert f"http://127.0.0.1:{port}/health" in " ".join(web["healthcheck"]["test"])
    assert web["expose"] == [port]
    assert SERVICES["caddy"]["environment"]["UPSTREAM"] == f"web:{port}"
    scheduler_check = SERVICES["scheduler"]["healthcheck"]["test"]
    assert scheduler_check[1:] == ["samenwerkingsmonitor", "health", "--scheduler"]


def test_named_volumes_are_declared_and_the_data_folder_is_the_apps():
    used = {
        mount.split(":")[0]
        for s in SERVICES.values()
        for mount in s.get("volumes", [])
        if not mount.startswith((".", "/"))
    }
    assert used == set(COMPOSE["volumes"]) == {"pgdata", "appdata", "caddy_data", "caddy_config"}
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]
    for name in APP_SERVICES:
        service = SERVICES[name]
        assert f"appdata:{service['environment']['DATA_DIR']}" in service["volumes"]
    caddyfile = next(
        m for m in SERVICES["caddy"]["volumes"] if m.endswith("/etc/caddy/Caddyfile:ro")
    )
    assert (REPO / caddyfile.split(":")[0]).is_file()


def test_secrets_come_only_from_the_environment():
    for name, service in SERVICES.items():
        environment = service.get("environment", {})
        for key, value in environment.items():
            if re.search(r"SECRET|PASSWORD|TOKEN", key):
                assert REFERENCE.fullmatch(str(value)), (name, key, value)
        if "DATABASE_URL" in environment:
            assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]
    app = SERVICES["web"]["environment"]
    assert app["MONITOR_ENV"] == "production" and app["TZ"] == "Europe/Amsterdam"
    assert app["SECRET_KEY"].startswith("${SECRET_KEY:?")  # required: no default
    with pytest.raises(KeyError, match="set SECRET_KEY"):
        interpolate(app["SECRET_KEY"], {})
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True)
    assert ".env" not in tracked.stdout.split()


def test_every_compose_command_runs(tmp_path):
    """The CLI commands exist; gunicorn checks its own flags and loads the production app."""
    for name in ("migrate", "scheduler"):
        command = SERVICES[name]["command"]
        assert command[0] == "samenwerkingsmonitor"
        result = CliRunner().invoke(main, [*command[1:], "--help"])
        assert result.exit_code == 0, (command, result.output)

    environ = {"POSTGRES_PASSWORD": "x", "SECRET_KEY": "s" * 40}
    env = {k: interpolate(str(v), environ) for k, v in SERVICES["web"]["environment"].items()}
    # No `db` host here: the same production settings on a migrated SQLite file whose framework
    # the migrate step stored.
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'monitor.sqlite'}",
        "DATA_DIR": str(tmp_path / "data"),
        "FRAMEWORK_FILE": str(REPO / "config" / "framework" / "septet.yaml"),
    }
    run = {**os.environ, **env, "PYTHONPATH": str(REPO)}
    migrate = [sys.executable, "-m", "samenwerkingsmonitor.cli", "db", "upgrade"]
    subprocess.run(migrate, env=run, check=True, capture_output=True)
    command = SERVICES["web"]["command"]
    assert command[0] == "gunicorn"
    gunicorn = [sys.executable, "-m", "gunicorn", "--check-config", *command[1:]]
    checked = subprocess.run(gunicorn, env=run, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    context = Context(Settings.from_env(env), framework_read_only=True)
    assert context.consortium_id  # what the app read: the framework the migrate step stored
    context.engine.dispose()


def caddy(*args: str, env: dict[str, str], home: Path) -> subprocess.CompletedProcess:
    if shutil.which("caddy") is None:
        if os.environ.get("REQUIRE_CADDY"):
            pytest.fail("REQUIRE_CADDY is set but caddy is missing")
        pytest.skip("no Caddy: `apt-get install caddy` to validate the Caddyfile")
    # Caddy keeps its CA and state under XDG_DATA_HOME: a temporary one, not this machine's.
    run_env = {**os.environ, **env, "XDG_DATA_HOME": str(home), "XDG_CONFIG_HOME": str(home)}
    return subprocess.run(
        ["caddy", *args, "--config", str(REPO / "deploy" / "Caddyfile"), "--adapter", "caddyfile"],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("site", "tls", "issuer"),
    [("localhost", "internal", "internal"), ("monitor.example.nl", "ops@example.org", "acme")],
)
def test_caddyfile_is_valid_for_a_local_name_and_a_real_domain(tmp_path, site, tls, issuer):
    env = {k: interpolate(str(v), {}) for k, v in SERVICES["caddy"]["environment"].items()}
    env |= {"SITE_ADDRESS": site, "TLS": tls}
    validated = caddy("validate", env=env, home=tmp_path)
    assert validated.returncode == 0, validated.stderr
    assert "Valid configuration" in validated.stdout + validated.stderr
    adapted = caddy("adapt", env=env, home=tmp_path)
    config = json.loads(adapted.stdout)
    server = config["apps"]["http"]["servers"]["srv0"]
    assert server["listen"] == [":443"]
    route = server["routes"][0]
    assert route["match"] == [{"host": [site]}]
    handlers = json.dumps(route["handle"])
    assert '"dial": "web:8050"' in handlers and '"encode"' in handlers
    policy = config["apps"]["tls"]["automation"]["policies"][0]
    assert policy["subjects"] == [site]
    assert policy["issuers"][0]["module"] == issuer
    assert config["apps"]["pki"]["certificate_authorities"]["local"]["install_trust"] is False


def dockerfile() -> list[tuple[str, str]]:
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [tuple(line.split(None, 1)) for line in lines if line and not line.startswith("#")]


def test_dockerfile_installs_the_lock_and_owns_its_data_folder():
    steps = dockerfile()
    instructions = [keyword for keyword, _ in steps]
    assert steps[0] == ("FROM", "python:3.11-slim")
    env = " ".join(arg for keyword, arg in steps if keyword == "ENV")
    assert "TZ=Europe/Amsterdam" in env and "DATA_DIR=/data" in env
    runs = [arg for keyword, arg in steps if keyword == "RUN"]
    lock = next(i for i, r in enumerate(runs) if "-r requirements/runtime.txt" in r)
    assert "--require-hashes" in runs[lock] and "--no-deps" in runs[lock]
    project = next(r for r in runs if re.search(r"pip install .*\.$", r))
    assert "--no-deps" in project
    packages = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package in [p.rstrip("*") for p in packages["packages"]["find"]["include"]] + ["config"]:
        assert ("COPY", f"{package} {package}") in steps, package
    owner = next(r for r in runs if "chown" in r)
    assert "mkdir -p /data" in owner and "chown monitor:monitor /data" in owner
    assert instructions.index("USER") > steps.index(("RUN", owner))
    assert ("USER", "monitor") in steps
    command = json.loads(next(arg for keyword, arg in steps if keyword == "CMD"))
    assert command[0] == "gunicorn" and command[-1] == SERVICES["web"]["command"][-1]
