"""Building a report or sending the digest does not boot the dashboard: reports/ and charts/
import neither Dash nor Flask nor the dashboard's pages, nor the statistics the recompute needs.
And their code stays small: no module over 500 lines, no function over 80.

The import checks run in a fresh interpreter, since this test session has imported Dash already.
"""

from __future__ import annotations

import ast
import json
import os
import resource
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
        "import json, sys, time\n"
        "started = time.process_time()\n"
        "import reports.pdf, reports.digest, reports.annex\n"
        "spent = time.process_time() - started\n"
        f"print(json.dumps({{'loaded': [m for m in {HEAVY!r} if m in sys.modules],"
        " 'seconds': spent}))"
    )
    assert seen["loaded"] == []
    # CPU time, not wall time: other processes on the machine do not count. It was 1.5 s when
    # the reports imported the dashboard's pages; about 0.6 s without them.
    assert seen["seconds"] < 1.0, seen


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


def _help_run(*flags: str) -> tuple[float, str, str]:
    """`samenwerkingsmonitor report nppz --help` in a fresh interpreter: the child's CPU time
    (user and system: the other processes on a shared machine do not count), its output and
    its error output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, *flags, "-m", "samenwerkingsmonitor.cli", "report", "nppz", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, done.stdout, done.stderr


def test_report_help_starts_within_a_second():
    """The help loads none of what building a report needs (nor the migrations), and takes
    under a second of CPU (the best of three runs, as timings go on a busy machine)."""
    _, printed, timings = _help_run("-X", "importtime")
    assert "--format [pdf|docx]" in printed
    loaded = {line.rsplit("|", 1)[-1].strip() for line in timings.splitlines() if "|" in line}
    heavy = ("dash", "flask", "scipy", "reportlab", "docx", "kaleido", "plotly", "alembic")
    assert {name for name in loaded if name.split(".")[0] in heavy} == set()
    assert not {name for name in loaded if name.startswith(("reports.", "dashboard."))}
    seconds = [_help_run()[0] for _ in range(3)]
    assert min(seconds) < 1.0, seconds


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
