"""The `samenwerkingsmonitor` command as an operator uses it."""

from __future__ import annotations

import json

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from samenwerkingsmonitor.cli import main
from tests.conftest import SEPTET


@pytest.fixture
def cli(database_url, tmp_path, monkeypatch):
    """Invoke the CLI with DATABASE_URL pointing at an empty migrated database of each kind."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True):
        result = runner.invoke(main, list(args), catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


def all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def test_every_subcommand_has_help():
    runner = CliRunner()
    commands = list(all_commands(main))
    assert ("db", "upgrade") in commands and ("export", "measures") in commands
    for path in commands:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output


def test_framework_export_json(cli):
    data = json.loads(cli("framework", "export", "--format", "json").output)
    assert [n["code"] for n in data["networks"]] == [
        "UTS",
        "ZOU",
        "EEM",
        "UTW",
        "LEK",
        "NWV",
        "RIV",
    ]
    assert {"code", "name"} <= set(data["groups"][0])
    assert {"code", "theme", "reverse", "vision_elements", "text"} <= set(data["items"][0])
    assert len(data["vision_elements"]) == 11 and len(data["themes"]) >= 10


def test_bad_framework_stops_with_file_and_line(cli, tmp_path, monkeypatch):
    broken = tmp_path / "broken.yaml"
    broken.write_text(SEPTET.read_text().replace("code: VER1", "code: VIS1", 1), encoding="utf-8")
    monkeypatch.setenv("FRAMEWORK_FILE", str(broken))
    result = cli("framework", "export", ok=False)
    assert result.exit_code == 1
    assert "broken.yaml:" in result.output and "VIS1" in result.output


def test_unmigrated_database_is_refused_with_advice(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    result = CliRunner().invoke(main, ["recompute"])
    assert result.exit_code == 1 and "samenwerkingsmonitor db upgrade" in result.output


def test_bad_setting_names_the_variable(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1 and "PORT" in result.output


def test_demo_recompute_and_exports(cli, tmp_path):
    assert "new" in cli("demo").output
    recomputed = cli("recompute").output
    assert "wave 2024" in recomputed and "done in" in recomputed
    assert "nothing changed" in cli("recompute").output

    out = tmp_path / "uts.csv"
    cli("export", "measures", "--network", "UTS", "--wave", "2025", "--out", str(out))
    frame = pd.read_csv(out, dtype={"wave": str})
    assert set(frame["network"]) == {"UTS"} and set(frame["wave"]) == {"2025"}
    assert {
        "theme",
        "item",
        "vision_element",
        "index",
        "agreement",
        "alpha",
        "response_rate",
    } <= set(frame["measure"])
    # suppressed rows carry no figure at all
    hidden = frame[frame["suppressed"]]
    assert (
        len(hidden) and hidden[["n", "mean", "sd", "score_100", "pct_positive"]].isna().all().all()
    )

    xlsx = tmp_path / "all.xlsx"
    cli("export", "measures", "--format", "xlsx", "--out", str(xlsx))
    assert len(pd.read_excel(xlsx)) > len(frame)

    summary = tmp_path / "projects.csv"
    cli("export", "projects", "--table", "summary", "--date", "2026-11-23", "--out", str(summary))
    projects = pd.read_csv(summary)
    assert len(projects) == 7 and projects["stale"].sum() > 0
    goals = tmp_path / "goals.csv"
    cli("export", "goals", "--out", str(goals))
    assert set(pd.read_csv(goals)["goal"]) == {"PATZ20", "SIGNAAL20", "OVERDRACHT", "WEGWIJZER"}


def test_ingest_prints_rejects(cli, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text(
        "response_id,network,group,wave,submitted_at,VER1\nr1,UTS,ZP,2031,2031-10-01,4\nr2,XXX,ZP,2031,2031-10-01,9\n",
        encoding="utf-8",
    )
    result = cli("ingest", str(path), "--create-waves")  # 2031: a wave the framework lacks
    assert "2 rows — 1 new, 0 updated, 0 unchanged, 1 rejected" in result.output
    assert "one.csv row 3: unknown network 'XXX'; VER1 value '9'" in result.output
    assert "already ingested" in cli("ingest", str(path), "--create-waves").output
