"""An inbox file that keeps failing goes to quarantine; a database outage is not its fault.

Every ingest of a file records its run with the file's hash, also when it fails. A failure
because the database is unavailable or refused the transaction (connection refused or lost,
serialisation failure, deadlock, a locked SQLite file: SQLAlchemy's OperationalError and
InterfaceError) leaves the file in the inbox for the next run, and its run is marked transient.
Any other failure (a bug, an input nobody foresaw) counts as an attempt of that content; after
`max_attempts` the file is moved to quarantine with the reasons of every attempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from db import models as m
from db.engine import transaction


def is_transient(error: BaseException) -> bool:
    """True when the database, not the file, is to blame: try the same file again later."""
    if isinstance(error, OperationalError | InterfaceError | PoolTimeout):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


@dataclass(frozen=True)
class Attempt:
    run_id: int
    started_at: datetime
    error: str | None


def failed_attempts(engine: Engine, source: str, digest: str) -> list[Attempt]:
    """The failed runs of this content under this source that were the file's fault."""
    r = m.CollectorRun
    with engine.connect() as c:
        rows = c.execute(
            select(r.id, r.started_at, r.error)
            .where(r.source == source, r.file_hash == digest, r.status == "failed")
            .where(r.transient.is_(False))
            .order_by(r.id)
        ).all()
    return [Attempt(*row) for row in rows]


def mark_transient(engine: Engine, source: str, digest: str) -> None:
    """Mark the latest failed run of this content as not the file's fault. When the database
    is down this fails too, and the run stays 'running' (shown interrupted): not counted either."""
    r = m.CollectorRun
    with engine.connect() as c:
        latest = c.scalar(
            select(r.id)
            .where(r.source == source, r.file_hash == digest, r.status == "failed")
            .order_by(r.id.desc())
            .limit(1)
        )
    if latest is not None:
        with transaction(engine) as s:
            s.execute(update(r).where(r.id == latest).values(transient=True))


def quarantine_reason(name: str, attempts: list[Attempt]) -> str:
    lines = [f"{name}: failed {len(attempts)} times; moved to quarantine. The attempts:"]
    lines += [f"- run {a.run_id} at {a.started_at:%Y-%m-%d %H:%M:%S}: {a.error}" for a in attempts]
    return "\n".join(lines)
