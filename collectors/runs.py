"""Runs, rejects and locks: what the CLI (`runs`, `rejects`) and the Gegevens page read, and the
claim that keeps two scheduler processes from collecting one source at the same time.

A run whose process was killed stays 'running' in collector_run (its batch never committed, so it
wrote nothing). It is shown as 'interrupted' when its process is gone (same host, pid not alive)
or it started longer ago than the timeout, and marked so in the database by the next collection
of its source.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from db import models as m
from db.engine import transaction
from samenwerkingsmonitor.clock import now_utc
from samenwerkingsmonitor.inert import write_csv, write_xlsx

RUN_COLUMNS = [
    "id",
    "source",
    "file_name",
    "started_at",
    "finished_at",
    "status",
    "rows_in",
    "rows_new",
    "rows_updated",
    "rows_unchanged",
    "rows_rejected",
    "rows_skipped",
    "error",
]
REJECT_COLUMNS = ["run_id", "source", "file_name", "row_number", "column", "value", "reason", "raw"]


def process_gone(owner: str | None) -> bool:
    """True when `owner` (host:pid[:…]) is a process of this host that no longer exists."""
    if not owner:
        return False
    host, _, rest = owner.partition(":")
    pid = rest.split(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def effective_status(
    status: str, started_at: datetime, owner: str | None, timeout: timedelta
) -> str:
    if status == "running" and (process_gone(owner) or started_at < now_utc() - timeout):
        return "interrupted"
    return status


def recent_runs(
    engine: Engine, source: str | None = None, limit: int = 20, timeout_minutes: int = 60
) -> pd.DataFrame:
    """The latest runs, newest first, with 'running' runs of gone processes as 'interrupted'."""
    r = m.CollectorRun
    query = select(*(getattr(r, c) for c in RUN_COLUMNS), r.owner).order_by(r.id.desc())
    if source:
        query = query.where(r.source == source)
    with engine.connect() as c:
        rows = c.execute(query.limit(limit)).all()
    frame = _none_for_missing(pd.DataFrame(rows, columns=[*RUN_COLUMNS, "owner"]))
    timeout = timedelta(minutes=timeout_minutes)
    frame["status"] = [
        effective_status(s, t, o, timeout)
        for s, t, o in zip(frame["status"], frame["started_at"], frame["owner"])
    ]
    return frame.drop(columns="owner")


def _none_for_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns with None, not NaN, where the database has NULL: pandas 3 reads a column of
    strings and NULLs as a string column whose missing value is NaN, a float that is truthy
    (`runs` printed a running run beside a failed one through `NaN.splitlines()`)."""
    for column in ("file_name", "error", "owner"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def mark_interrupted(engine: Engine, source: str, timeout_minutes: int = 60) -> int:
    """Record the runs of `source` that were interrupted as such; how many."""
    r = m.CollectorRun
    with engine.connect() as c:
        running = c.execute(
            select(r.id, r.started_at, r.owner).where(r.source == source, r.status == "running")
        ).all()
    timeout = timedelta(minutes=timeout_minutes)
    gone = [i for i, t, o in running if effective_status("running", t, o, timeout) != "running"]
    if gone:
        with transaction(engine) as s:
            s.execute(
                update(r)
                .where(r.id.in_(gone), r.status == "running")
                .values(status="interrupted", error="the process ended before the run finished")
            )
    return len(gone)


def rejected_rows(
    engine: Engine, source: str | None = None, run_id: int | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Rejected rows with their reasons and raw input, newest run first."""
    rr = m.RejectedRow
    query = select(*(getattr(rr, c) for c in REJECT_COLUMNS), m.CollectorRun.started_at).join(
        m.CollectorRun, m.CollectorRun.id == rr.run_id
    )
    if source:
        query = query.where(rr.source == source)
    if run_id:
        query = query.where(rr.run_id == run_id)
    query = query.order_by(rr.run_id.desc(), rr.id)
    if limit:
        query = query.limit(limit)
    with engine.connect() as c:
        return pd.DataFrame(c.execute(query).all(), columns=[*REJECT_COLUMNS, "run_started_at"])


def last_runs(engine: Engine) -> pd.DataFrame:
    """Per source its latest run and latest error (the Gegevens page)."""
    r = m.CollectorRun
    latest = select(r.source, func.max(r.id).label("id")).group_by(r.source).subquery()
    with engine.connect() as c:
        rows = c.execute(
            select(*(getattr(r, col) for col in RUN_COLUMNS), r.owner).join(
                latest, latest.c.id == r.id
            )
        ).all()
    frame = _none_for_missing(pd.DataFrame(rows, columns=[*RUN_COLUMNS, "owner"]))
    frame["status"] = [
        effective_status(s, t, o, timedelta(minutes=60))
        for s, t, o in zip(frame["status"], frame["started_at"], frame["owner"])
    ]
    return frame.drop(columns="owner").set_index("source")


def freshness(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """Latest submitted_at and number of responses per network and source."""
    query = (
        select(
            m.Network.code,
            m.Response.source,
            func.max(m.Response.submitted_at),
            func.max(m.Response.ingested_at),
        )
        .join(m.Response, m.Response.network_id == m.Network.id)
        .where(m.Network.consortium_id == consortium_id)
        .group_by(m.Network.code, m.Response.source)
        .order_by(m.Network.code, m.Response.source)
    )
    with engine.connect() as c:
        return pd.DataFrame(
            c.execute(query).all(),
            columns=["network", "source", "latest_submitted", "latest_ingested"],
        )


def scheduled_next_runs(engine: Engine) -> dict[str, datetime]:
    """next_run_time of the jobs in APScheduler's job store, by job id (empty without a store)."""
    from sqlalchemy import inspect, text

    if "apscheduler_jobs" not in inspect(engine).get_table_names():
        return {}
    with engine.connect() as c:
        rows = c.execute(text("SELECT id, next_run_time FROM apscheduler_jobs")).all()
    return {job_id: datetime.fromtimestamp(ts, UTC) for job_id, ts in rows if ts is not None}


# --- the claim ------------------------------------------------------------------------------------


def new_owner() -> str:
    """host:pid:random — unique per claim, so two schedulers in one process differ too."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claim(engine: Engine, source: str, owner: str, minutes: int = 60) -> bool:
    """Claim `source` for `owner` until now + minutes; False when someone else holds it.

    The claim is one conditional UPDATE (go on only if it changed one row), so of two processes
    racing for it exactly one wins, on SQLite and PostgreSQL alike. A lock whose holder died on
    this host is taken over at once; elsewhere it expires with locked_until.
    """
    lock = m.SourceLock
    try:
        with transaction(engine) as s:
            s.execute(insert(lock).values(source=source, owner=None, locked_until=None))
    except IntegrityError:
        pass  # the row exists already (or another process just added it)
    now = now_utc()
    with engine.connect() as c:
        holder = c.scalar(select(lock.owner).where(lock.source == source))
    free = or_(lock.locked_until.is_(None), lock.locked_until < now)
    if holder and process_gone(holder):
        free = or_(free, lock.owner == holder)
    with transaction(engine) as s:
        changed = s.execute(
            update(lock)
            .where(lock.source == source, free)
            .values(owner=owner, locked_until=now + timedelta(minutes=minutes), claimed_at=now)
        ).rowcount
    return changed == 1


def release(engine: Engine, source: str, owner: str) -> None:
    lock = m.SourceLock
    with transaction(engine) as s:
        s.execute(
            update(lock)
            .where(lock.source == source, lock.owner == owner)
            .values(locked_until=None, owner=None)
        )


def lock_holder(engine: Engine, source: str) -> tuple[str | None, datetime | None]:
    lock = m.SourceLock
    with engine.connect() as c:
        row = c.execute(select(lock.owner, lock.locked_until).where(lock.source == source)).first()
    return (row.owner, row.locked_until) if row else (None, None)


def write_rejects(frame: pd.DataFrame, out: Path) -> None:
    """Rejected rows as CSV (UTF-8 with BOM, so Excel opens it right) or XLSX; raw as JSON text."""
    table = frame.copy()
    table["raw"] = [json.dumps(r, ensure_ascii=False) if r else "" for r in table["raw"]]
    if out.suffix.lower() == ".xlsx":
        write_xlsx(table, out, sheet="rejects")
    else:
        write_csv(table, out, encoding="utf-8-sig")
