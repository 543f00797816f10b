"""A collector run's record: committed as running first (a crash leaves a trace), closed with its
counts, rejects and warnings in the transaction of what it wrote, or marked failed with its error.
What the CLI and the Gegevens page read of runs: collectors/runs.py."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, insert, select, update

from collectors.batch import Reject
from collectors.fits import printable
from db import models as m
from db.engine import transaction
from samenwerkingsmonitor.clock import now_utc

COLUMN_LENGTH = m.RejectedRow.__table__.c.column.type.length


@dataclass
class RunSummary:
    run_id: int
    source: str
    file_name: str | None
    rows_in: int = 0
    rows_new: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0  # e.g. survey responses not completed yet: not rejected, counted
    skipped: bool = False
    other_changes: bool = False  # e.g. an invited count moved: the recompute must run
    warnings: list[str] = field(default_factory=list)
    rejects: list[str] = field(default_factory=list)  # the reasons, in file order

    @property
    def changed(self) -> bool:
        return bool(self.rows_new or self.rows_updated or self.other_changes)


def process_name() -> str:
    """host:pid, recorded with a run: a 'running' run whose process is gone was interrupted."""
    return f"{socket.gethostname()}:{os.getpid()}"


def ingested_before(engine: Engine, source: str, digest: str) -> int | None:
    """The run that ingested this content under this source successfully, if any."""
    with engine.connect() as c:
        return c.scalar(
            select(m.CollectorRun.id).where(
                m.CollectorRun.source == source,
                m.CollectorRun.file_hash == digest,
                m.CollectorRun.status == "ok",
            )
        )


def start_run(engine: Engine, source: str, file_name: str | None, digest: str | None) -> int:
    with transaction(engine) as s:
        run = m.CollectorRun(
            source=source,
            file_name=file_name,
            file_hash=digest,
            started_at=now_utc(),
            status="running",
            owner=process_name(),
        )
        s.add(run)
        s.flush()
        return run.id


def finish_run(engine: Engine, run_id: int, *, status: str, error: str | None = None) -> None:
    with transaction(engine) as s:
        s.execute(
            update(m.CollectorRun)
            .where(m.CollectorRun.id == run_id)
            .values(status=status, error=error, finished_at=now_utc())
        )


@contextlib.contextmanager
def recorded_run(
    engine: Engine, source: str, file_name: str | None, digest: str | None
) -> Iterator[int]:
    """A run's bookkeeping around its body: recorded as running first (a crash leaves a trace),
    marked failed with the error when the body raises. The body closes it (close_run) in the
    transaction that writes its batch, with its counts, rejects and warnings."""
    run_id = start_run(engine, source, file_name, digest)
    try:
        yield run_id
    except Exception as error:
        finish_run(engine, run_id, status="failed", error=f"{type(error).__name__}: {error}")
        raise


def keep_rejects(
    conn: Connection, run_id: int, source: str, file_name: str | None, rejects: list[Reject]
) -> None:
    """Rejected input kept with its raw content and the reason (never dropped)."""
    if rejects:
        conn.execute(
            insert(m.RejectedRow),
            [
                {
                    "run_id": run_id,
                    "source": source,
                    "file_name": file_name,
                    "row_number": r.row_number,
                    # A tool's heading (a question text) can be longer than the column.
                    "column": printable(r.column)[:COLUMN_LENGTH] if r.column else r.column,
                    "value": printable(r.value),
                    "reason": printable(r.reason),
                    "raw": printable(json.loads(json.dumps(r.raw, default=str))) if r.raw else None,
                }
                for r in rejects
            ],
        )


def close_run(conn: Connection, run_id: int, summary: RunSummary, status: str = "ok") -> None:
    """Record a run's counts and warnings, in the transaction of what it wrote."""
    conn.execute(
        update(m.CollectorRun)
        .where(m.CollectorRun.id == run_id)
        .values(
            status=status,
            finished_at=now_utc(),
            rows_in=summary.rows_in,
            rows_new=summary.rows_new,
            rows_updated=summary.rows_updated,
            rows_unchanged=summary.rows_unchanged,
            rows_rejected=summary.rows_rejected,
            rows_skipped=summary.rows_skipped,
            error="\n".join(summary.warnings) or None,
        )
    )
