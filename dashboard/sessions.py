"""The Flask side of log-in sessions: what goes into the signed cookie and when.

The cookie (Flask's signed session, `monitor_session`) holds two random values: `sid`, the id of
a row in web_session (accounts/sessions.py), and `csrf`, the CSRF token. Nothing
about the person or their password is in it; `dashboard.access.current_account` turns `sid` into
an account on every request.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, session

from accounts import sessions
from accounts.users import Account


def lifetime() -> timedelta:
    return timedelta(hours=current_app.config["MONITOR_CONTEXT"].settings.session_hours)


def begin(account: Account) -> None:
    """Log `account` in: a new server-side session, and a fresh cookie (a session id or CSRF token
    planted before log-in is worthless afterwards)."""
    engine = current_app.config["MONITOR_CONTEXT"].engine
    with engine.begin() as conn:
        token = sessions.start(conn, account.id, lifetime())
    session.clear()
    session.permanent = True
    session["sid"] = token
    g.account = account


def end() -> None:
    """Log out: the server-side session is revoked, so a copy of the cookie no longer works."""
    token = session.get("sid")
    if token:
        engine = current_app.config["MONITOR_CONTEXT"].engine
        with engine.begin() as conn:
            sessions.revoke(conn, token)
    session.clear()
    g.pop("account", None)


def current_token() -> str | None:
    """The id of this request's session (to keep it when the person changes their password)."""
    return session.get("sid")
