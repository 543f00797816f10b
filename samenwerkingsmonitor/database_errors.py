"""A database that cannot be used, said in one line: what the CLI prints, the web app logs and
`/health` reports, instead of the driver's traceback of a hundred lines.

The line names the database URL without its password, and the reason in plain words when it is a
common one (the server refuses connections, the database does not exist, a wrong password …).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import InterfaceError, OperationalError

# What a database that does not answer (or refuses us) raises through SQLAlchemy.
UNAVAILABLE = (OperationalError, InterfaceError)

# The driver's words → ours. Checked in order; the first that matches names the reason.
_REASONS = [
    (r"connection refused", "connection refused"),
    (r"password authentication failed", "password authentication failed"),
    (r'role "[^"]+" does not exist', "no such user"),
    (r"no pg_hba\.conf entry", "the server does not accept this client (pg_hba.conf)"),
    (
        r"failed to resolve host|name or service not known|could not translate host name",
        "unknown host name",
    ),
    (r"timeout expired|timed out", "no answer in time"),
    (
        r"server closed the connection|terminating connection|connection .*(lost|closed)",
        "the connection was lost",
    ),
    (
        r"the database system is (starting up|shutting down|in recovery mode)",
        "the server is starting or stopping",
    ),
]
_MISSING_DATABASE = re.compile(r'database "([^"]+)" does not exist')


def shown_url(url: str | URL) -> str:
    """The URL as it may be printed and logged: without its password."""
    # URL.set() leaves a field alone when given None; the named tuple's _replace clears it.
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def driver_message(error: BaseException) -> str:
    """The first line of the driver's own message, without psycopg's 'connection failed:
    connection to server at …, port … failed:' preamble (the URL says where)."""
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    line = text[0] if text else type(error).__name__
    line = re.sub(r"^connection failed:\s*", "", line)
    line = re.sub(r'^connection to server at "[^"]*"(?: \([^)]*\))?, port \d+ failed:\s*', "", line)
    return re.sub(r"^FATAL:\s*", "", line).strip()


def describe(error: BaseException, url: str | URL | None = None) -> str:
    """One line saying why the database cannot be used; it names `url` (password left out) when
    given, so operators see which database, while public answers (`/health`) leave it out."""
    where = f"the database at {shown_url(url)}" if url is not None else "the database"
    detail = driver_message(error)
    missing = _MISSING_DATABASE.search(detail)
    if missing:
        return (
            f"{where} does not exist: create it (createdb {missing.group(1)}), "
            "then run `samenwerkingsmonitor db upgrade`"
        )
    parsed = make_url(url) if url is not None else None
    if parsed is not None and parsed.get_backend_name() == "sqlite" and parsed.database:
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            return f"{where} cannot be opened: the folder {folder} does not exist"
        if "unable to open database file" in detail:
            return f"{where} cannot be opened: check the file's and the folder's permissions"
    for pattern, reason in _REASONS:
        if re.search(pattern, detail, re.IGNORECASE):
            return f"{where} does not answer: {reason}"
    return f"{where} failed: {detail}"
