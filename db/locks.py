"""Named locks in the database (table work_lock), the same on SQLite and PostgreSQL, across
processes and machines: the web app, the scheduler and a CLI command see one lock.

A lock is claimed with one conditional UPDATE (go on only if it changed one row: free, or its lease
ran out), so of two processes racing for it exactly one wins. The holder renews the lease from a
background thread while it works; a holder that was killed stops renewing, and the lock is free
again within one lease. PostgreSQL's advisory locks would free it at once, but SQLite has none,
and one mechanism for both kinds keeps the embedded default tested by the same tests.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import Engine, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

# The table clause, not the ORM class nor db.models: a command that finds nothing to do needs
# neither the ORM nor the 57 tables (db/tables.py, issue 18).
from db.tables import work_lock
from db.types import utcnow

log = logging.getLogger("db.locks")

# Long enough that a busy database or a slow renewal never loses a live lock; short enough that
# the work of a killed process is taken up again within a minute.
LEASE = timedelta(seconds=60)


class LockBusy(RuntimeError):
    """Someone else holds the lock; the message says who and since when."""

    def __init__(self, name: str, owner: str | None, since: datetime | None) -> None:
        self.name, self.owner, self.since = name, owner, since
        when = f" since {since:%Y-%m-%d %H:%M:%S} UTC" if since else ""
        super().__init__(f"{name} is held by {owner or 'another process'}{when}")


def new_owner() -> str:
    """host:pid:random — which process holds a lock, unique per claim."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def try_claim(engine: Engine, name: str, owner: str, lease: timedelta = LEASE) -> bool:
    """Claim `name` for `owner` for one lease; False when another holder's lease still runs."""
    with engine.connect() as c:
        exists = c.scalar(select(work_lock.c.name).where(work_lock.c.name == name))
    if exists is None:
        try:
            with engine.begin() as c:
                c.execute(insert(work_lock).values(name=name))
        except IntegrityError:
            pass  # another process added the row just now
    now = utcnow()
    with engine.begin() as c:
        changed = c.execute(
            update(work_lock)
            .where(
                work_lock.c.name == name,
                or_(work_lock.c.locked_until.is_(None), work_lock.c.locked_until < now),
            )
            .values(owner=owner, locked_until=now + lease, claimed_at=now)
        ).rowcount
    return changed == 1


def renew(engine: Engine, name: str, owner: str, lease: timedelta = LEASE) -> bool:
    """Extend `owner`'s lease; False when the lock is no longer its own."""
    with engine.begin() as c:
        changed = c.execute(
            update(work_lock)
            .where(work_lock.c.name == name, work_lock.c.owner == owner)
            .values(locked_until=utcnow() + lease)
        ).rowcount
    return changed == 1


def release(engine: Engine, name: str, owner: str) -> None:
    with engine.begin() as c:
        c.execute(
            update(work_lock)
            .where(work_lock.c.name == name, work_lock.c.owner == owner)
            .values(owner=None, locked_until=None)
        )


def holder(engine: Engine, name: str) -> tuple[str | None, datetime | None]:
    """Who holds `name` and since when (None, None when it is free)."""
    with engine.connect() as c:
        row = c.execute(
            select(work_lock.c.owner, work_lock.c.claimed_at, work_lock.c.locked_until).where(
                work_lock.c.name == name
            )
        ).first()
    if row is None or row.locked_until is None or row.locked_until < utcnow():
        return None, None
    return row.owner, row.claimed_at


@contextmanager
def held(
    engine: Engine, name: str, *, wait: float = 0.0, lease: timedelta = LEASE
) -> Iterator[str]:
    """Hold the lock `name` for the `with` block (yields the owner); wait up to `wait` seconds
    for another holder, then raise LockBusy."""
    owner = new_owner()
    deadline = time.monotonic() + wait
    while not try_claim(engine, name, owner, lease):
        left = deadline - time.monotonic()
        if left <= 0:
            raise LockBusy(name, *holder(engine, name))
        time.sleep(min(1.0, left))
    stop = threading.Event()
    keeper = threading.Thread(
        target=_keep, args=(engine, name, owner, lease, stop), name=f"lock {name}", daemon=True
    )
    keeper.start()
    try:
        yield owner
    finally:
        stop.set()
        keeper.join()
        release(engine, name, owner)


def _keep(engine: Engine, name: str, owner: str, lease: timedelta, stop: threading.Event) -> None:
    """Renew the lease three times per lease while the work goes on."""
    while not stop.wait(lease.total_seconds() / 3):
        try:
            if not renew(engine, name, owner, lease):
                log.error("lock %s was lost by %s (its lease ran out)", name, owner)
                return
        except SQLAlchemyError as error:  # the database blinked: the next renewal tries again
            log.warning("renewing lock %s failed: %s", name, error)
