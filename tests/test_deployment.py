"""No Docker engine runs here: check that every command docker-compose runs exists."""

from __future__ import annotations

import importlib
from pathlib import Path

import yaml
from click.testing import CliRunner

from samenwerkingsmonitor.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_every_compose_command_exists():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "migrate", "web", "scheduler"} <= set(services)
    assert services["scheduler"]["deploy"]["replicas"] == 1
    commands = [s["command"] for name, s in services.items() if name != "db"]
    for command in commands:
        if command[0] == "samenwerkingsmonitor":
            result = CliRunner().invoke(main, [*command[1:], "--help"])
            assert result.exit_code == 0, (command, result.output)
        else:
            assert command[0] == "gunicorn"
            module, attribute = command[-1].split(":")
            spec = importlib.util.find_spec(module)
            assert spec is not None, module
            assert f"{attribute} =" in Path(spec.origin).read_text()


def test_dockerfile_installs_the_packages_compose_runs():
    dockerfile = (REPO / "Dockerfile").read_text()
    for package in (
        "db",
        "metrics",
        "collectors",
        "charts",
        "dashboard",
        "reports",
        "samenwerkingsmonitor",
        "config",
    ):
        assert f"COPY {package} {package}" in dockerfile
