"""Report builds started from the dashboard, as a background job in a process of their own.

A build takes seconds and starts a Chromium (reports/images.py): in a thread of a web worker it
would hold that worker's memory and CPU, die with it when the worker is recycled, and leave the
browser as the worker's child. So the Rapportage page starts `python -m reports.build_job`, a
separate process in its own session, and polls its state.

The state and the finished report are files in DATA_DIR/reports/ (`<job>.json`, `<job>.pdf`
or `<job>.docx`, `<job>.log`), so a poll answered by any web worker on the machine sees them.
Files older than KEEP_HOURS are removed whenever a build starts and when one ends: a report is
downloaded minutes after it is built, and nobody else needs the copy.
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
KINDS = ("pdf", "docx")  # the report's files: to send, or to edit (reports/docx_file.py)
SUFFIXES = (".json", ".log", ".tmp", *(f".{kind}" for kind in KINDS))


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


def start(ctx, year: int, lang: str, message: str, kind: str = "pdf") -> str:
    """Start a build of the report for `year` (a file of `kind`: KINDS) in a background
    process; returns its job id."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of report file {kind!r}")
    folder = folder_of(ctx)
    clean_up(folder)
    job = uuid.uuid4().hex
    write_state(folder, job, fraction=0.0, message=message, year=year, kind=kind)
    settings = ctx.settings
    env = {**os.environ, "DATABASE_URL": settings.database_url, "DATA_DIR": str(settings.data_dir)}
    if settings.framework_file:
        env["FRAMEWORK_FILE"] = str(settings.framework_file)
    with open(folder / f"{job}.log", "wb") as log:
        subprocess.Popen(
            [sys.executable, "-m", "reports.build_job", job, str(year), lang, kind],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # not the web worker's child: a worker restart leaves it be
            close_fds=True,
        )
    return job


def run(job: str, year: int, lang: str, kind: str = "pdf") -> int:
    """The background process: build the report, writing progress and the outcome."""
    from reports.pdf import build_report
    from reports.wording import t
    from samenwerkingsmonitor.context import Context

    ctx = Context.from_env()
    folder = folder_of(ctx)
    pid = os.getpid()

    def progress(fraction: float, message: str) -> None:
        write_state(folder, job, fraction=fraction, message=message, year=year, kind=kind, pid=pid)

    try:
        out = folder / f"{job}.{kind}"
        result = build_report(ctx, year, out, lang=lang, progress=progress, kind=kind)
        seconds = round(result.seconds, 1)
        key = "build_done" if kind == "pdf" else "build_done_docx"
        done = t(key, lang, pages=result.pages, seconds=f"{result.seconds:.1f}")
        write_state(
            folder,
            job,
            fraction=1.0,
            done=True,
            year=year,
            kind=kind,
            pages=result.pages,
            seconds=seconds,
            message=done,
            pid=pid,
        )
        return 0
    except Exception as error:  # shown on the page; the traceback goes to the job's log
        traceback.print_exc()
        failed = {"failed": True, "year": year, "kind": kind, "message": str(error), "pid": pid}
        write_state(folder, job, fraction=1.0, **failed)
        return 1
    finally:
        clean_up(folder)
        ctx.engine.dispose()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], int(sys.argv[2]), sys.argv[3], *sys.argv[4:5]))
