"""Log-in sessions kept on the server (table web_session).

The browser's cookie carries a random id and nothing else about the person; the table keeps only
the id's SHA-256 hash. A session ends when it is revoked (log-out; a password change or reset,
disabling the account or a new role or networks end all of that person's sessions), when it has
been idle too long, or at its absolute expiry — whichever comes first. Every check reads the table,
so an ended session stops working on the very next request, in every web worker.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import Connection, delete, func, insert, select, update

from db import models as m
from db.types import utcnow

# last_seen_at is written at most this often per session: a write per request would make every
# page and callback a database write.
TOUCH_EVERY = timedelta(minutes=1)
# Ended sessions are kept this long (for who-was-logged-in questions), then removed.
KEEP_ENDED = timedelta(days=7)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(conn: Connection, user_id: int, lifetime: timedelta) -> str:
    """A new session for this account; returns the random id for the cookie (never stored)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    conn.execute(
        insert(m.WebSession).values(
            token_hash=token_hash(token),
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
        )
    )
    # Now and then is enough to keep the table small: at each log-in.
    conn.execute(delete(m.WebSession).where(m.WebSession.expires_at < now - KEEP_ENDED))
    return token


def resolve(conn: Connection, token: str | None, idle: timedelta) -> int | None:
    """The account id of a live session (not revoked, not expired, not idle too long), or None.
    Marks the session as seen (at most once per TOUCH_EVERY)."""
    if not token:
        return None
    s = m.WebSession
    now = utcnow()
    row = conn.execute(
        select(s.id, s.user_id, s.last_seen_at).where(
            s.token_hash == token_hash(token),
            s.revoked_at.is_(None),
            s.expires_at > now,
            s.last_seen_at > now - idle,
        )
    ).first()
    if row is None:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        conn.execute(update(s).where(s.id == row.id).values(last_seen_at=now))
    return row.user_id


def revoke(conn: Connection, token: str | None) -> None:
    """End one session (log-out)."""
    if token:
        s = m.WebSession
        conn.execute(
            update(s)
            .where(s.token_hash == token_hash(token), s.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def revoke_all(conn: Connection, user_id: int, *, keep: str | None = None) -> int:
    """End every live session of an account, except the one with id `keep` (the person changing
    their own password stays logged in there); returns how many ended."""
    s = m.WebSession
    query = update(s).where(s.user_id == user_id, s.revoked_at.is_(None))
    if keep:
        query = query.where(s.token_hash != token_hash(keep))
    return conn.execute(query.values(revoked_at=utcnow())).rowcount


def live_sessions(conn: Connection, user_id: int) -> int:
    """How many unrevoked, unexpired sessions an account has."""
    s = m.WebSession
    return conn.scalar(
        select(func.count()).where(
            s.user_id == user_id, s.revoked_at.is_(None), s.expires_at > utcnow()
        )
    )
