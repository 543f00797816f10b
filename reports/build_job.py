"""Report builds started from the dashboard, as a background job in a process of their own.

A build takes seconds and starts a Chromium (reports/images.py): in a thread of a web worker it
would hold that worker's memory and CPU, die with it when the worker is recycled, and leave the
browser as the worker's child. So the Rapportage page starts `python -m reports.build_job`, a
separate process in its own session, and polls its state.

The state and the finished PDF are files in DATA_DIR/reports/ (`<job>.json`, `<job>.pdf`,
`<job>.log`), so a poll answered by any web worker on the machine sees them. Files older than
KEEP_HOURS are removed whenever a build starts and when one ends: a report is downloaded
minutes after it is built, and nobody else needs the copy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import traceback
import uuid
from pathlib import Path

JOB_ID = re.compile(r"^[0-9a-f]{32}$")
KEEP_HOURS = 24
SUFFIXES = (".json", ".pdf", ".log", ".tmp")


def folder_of(ctx) -> Path:
    folder = Path(ctx.settings.data_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_state(folder: Path, job: str, **state) -> None:
    """The job's state, written whole (temporary file, then renamed: a poll never reads half)."""
    temporary = folder / f"{job}.tmp"
    temporary.write_text(json.dumps(state), encoding="utf-8")
    temporary.replace(folder / f"{job}.json")


def read_state(folder: Path, job: str | None) -> dict | None:
    if not job or not JOB_ID.match(job):
        return None
    path = folder / f"{job}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def clean_up(folder: Path, *, hours: float = KEEP_HOURS, now: float | None = None) -> list[str]:
    """Remove the build files older than `hours`; returns their names."""
    limit = (now or time.time()) - hours * 3600
    removed = []
    for path in folder.iterdir():
        if path.suffix in SUFFIXES and path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def start(ctx, year: int, lang: str, message: str) -> str:
    """Start a build of the report for `year` in a background process; returns its job id."""
    folder = folder_of(ctx)
    clean_up(folder)
    job = uuid.uuid4().hex
    write_state(folder, job, fraction=0.0, message=message, year=year)
    settings = ctx.settings
    env = {**os.environ, "DATABASE_URL": settings.database_url, "DATA_DIR": str(settings.data_dir)}
    if settings.framework_file:
        env["FRAMEWORK_FILE"] = str(settings.framework_file)
    with open(folder / f"{job}.log", "wb") as log:
        subprocess.Popen(
            [sys.executable, "-m", "reports.build_job", job, str(year), lang],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # not the web worker's child: a worker restart leaves it be
            close_fds=True,
        )
    return job


def run(job: str, year: int, lang: str) -> int:
    """The background process: build the report, writing progress and the outcome."""
    from reports.pdf import build_report
    from reports.wording import t
    from samenwerkingsmonitor.context import Context

    ctx = Context.from_env()
    folder = folder_of(ctx)
    pid = os.getpid()

    def progress(fraction: float, message: str) -> None:
        write_state(folder, job, fraction=fraction, message=message, year=year, pid=pid)

    try:
        result = build_report(ctx, year, folder / f"{job}.pdf", lang=lang, progress=progress)
        seconds = round(result.seconds, 1)
        done = t("build_done", lang, pages=result.pages, seconds=f"{result.seconds:.1f}")
        write_state(
            folder,
            job,
            fraction=1.0,
            done=True,
            year=year,
            pages=result.pages,
            seconds=seconds,
            message=done,
            pid=pid,
        )
        return 0
    except Exception as error:  # shown on the page; the traceback goes to the job's log
        traceback.print_exc()
        write_state(folder, job, fraction=1.0, failed=True, year=year, message=str(error), pid=pid)
        return 1
    finally:
        clean_up(folder)
        ctx.engine.dispose()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
