"""Building a report or sending the digest does not boot the dashboard: reports/ and charts/
import neither Dash nor Flask nor the dashboard's pages, nor the statistics the recompute needs.
And their code stays small: no module over 500 lines, no function over 80.

The import checks run in a fresh interpreter, since this test session has imported Dash already.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

from tests.conftest import REPO

HEAVY = ("dash", "flask", "dashboard.pages", "dashboard.app", "scipy", "networkx")


def _fresh(code: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_reports_import_without_dash():
    seen = _fresh(
        "import json, sys\n"
        "import reports.pdf, reports.digest, reports.annex\n"
        f"print(json.dumps({{'loaded': [m for m in {HEAVY!r} if m in sys.modules]}}))"
    )
    # What it costs in seconds is measured by the benchmark (`make bench`), not here: a
    # timed test fails on a busy machine without anything being wrong.
    assert seen["loaded"] == []


def test_importtime_lists_no_dash_module_for_reports():
    """The issue's own check: `python -X importtime` shows every module an import loads."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import reports, reports.pdf, reports.digest"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    loaded = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "reports.pdf" in loaded and "reports.digest" in loaded
    heavy = {name for name in loaded if name.split(".")[0] in {"dash", "flask", "scipy"}}
    assert heavy | {name for name in loaded if name.startswith("dashboard.pages")} == set()


def _help_run(*flags: str) -> tuple[str, str]:
    """`samenwerkingsmonitor report nppz --help` in a fresh interpreter: its output and its error
    output."""
    done = subprocess.run(
        [sys.executable, *flags, "-m", "samenwerkingsmonitor.cli", "report", "nppz", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    return done.stdout, done.stderr


def test_report_help_loads_nothing_of_a_report():
    """The help loads none of what building a report needs (nor the migrations); how long it
    takes is the benchmark's to measure (`make bench`), not a timed test's."""
    printed, timings = _help_run("-X", "importtime")
    assert "--format [pdf|docx]" in printed
    loaded = {line.rsplit("|", 1)[-1].strip() for line in timings.splitlines() if "|" in line}
    heavy = ("dash", "flask", "scipy", "reportlab", "docx", "kaleido", "plotly", "alembic")
    assert {name for name in loaded if name.split(".")[0] in heavy} == set()
    assert not {name for name in loaded if name.startswith(("reports.", "dashboard."))}


def test_charts_import_without_dash():
    seen = _fresh(
        "import json, sys\n"
        "import charts.figures, charts.projects, charts.road, charts.partner_network\n"
        f"print(json.dumps({{'loaded': [m for m in {HEAVY!r} if m in sys.modules]}}))"
    )
    assert seen["loaded"] == []


def test_modules_and_functions_stay_small():
    too_long = []
    for folder in ("reports", "charts"):
        for path in sorted((REPO / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            name = path.relative_to(REPO).as_posix()
            if len(source.splitlines()) > 500:
                too_long.append(name)
            for node in ast.walk(ast.parse(source)):
                function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                if function and node.end_lineno - node.lineno + 1 > 80:
                    too_long.append(f"{name}:{node.name}")
    assert too_long == []
