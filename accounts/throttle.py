"""The log-in throttle: at most so many failed attempts per e-mail address and per client address
within a window, counted atomically on SQLite and PostgreSQL.

An attempt first *reserves* a place under both limits — one conditional upsert per key on the
key's counter row (table login_throttle), which either takes a place or changes nothing — and
only then is the password checked. Counting before checking is what makes it hold under
concurrency: 25 simultaneous guesses cannot all read "4 failures so far" and go on, because each
upsert sees the row as the previous one left it (PostgreSQL locks the row and re-checks the
condition; SQLite writes one statement at a time). A right password gives its place back.

The window is fixed per key: it starts with the first failure and, once it has passed, the next
attempt starts a new one.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection, Engine, case, delete, update
from sqlalchemy.dialects import postgresql, sqlite

from db import models as m
from db.types import utcnow

THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_IP = 20
# Counter rows of windows long gone are removed now and then (they hold nothing of use).
KEEP_ROWS = timedelta(days=1)


def keys(email: str, ip: str) -> list[tuple[str, int]]:
    """The counter keys of an attempt with their limits."""
    return [(f"email:{email}", MAX_FAILURES_PER_EMAIL), (f"ip:{ip}", MAX_FAILURES_PER_IP)]


def _take(conn: Connection, key: str, limit: int) -> bool:
    """Count one attempt against `key` when it is under its limit (or its window has passed):
    one statement, so no other attempt can come between the check and the count."""
    t = m.LoginThrottle.__table__
    now = utcnow()
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(t).values(key=key, window_start=now, failures=1)
    passed = t.c.window_start <= now - THROTTLE_WINDOW
    stmt = stmt.on_conflict_do_update(
        index_elements=[t.c.key],
        set_={
            "failures": case((passed, 1), else_=t.c.failures + 1),
            "window_start": case((passed, stmt.excluded.window_start), else_=t.c.window_start),
        },
        where=passed | (t.c.failures < limit),
    ).returning(t.c.failures)
    return conn.execute(stmt).first() is not None


def reserve(engine: Engine, email: str, ip: str) -> bool:
    """Take a place under both limits for one attempt, or none (False: throttled). Committed at
    once, before the password is checked, so concurrent attempts see it."""
    with engine.connect() as conn, conn.begin() as transaction:
        for key, limit in keys(email, ip):
            if not _take(conn, key, limit):
                transaction.rollback()  # the other key's place is not taken either
                return False
    return True


def release(conn: Connection, email: str, ip: str) -> None:
    """Give the places back: the attempt succeeded, so it is no failure."""
    t = m.LoginThrottle
    for key, _ in keys(email, ip):
        conn.execute(update(t).where(t.key == key, t.failures > 0).values(failures=t.failures - 1))
    conn.execute(delete(t).where(t.window_start < utcnow() - KEEP_ROWS))
