"""Logs of the web app and the scheduler: one JSON object per line on stderr, so a log collector
(docker compose logs, journald, Loki …) reads them without guessing at a text format.

Each line has `time` (UTC, ISO 8601), `level`, `logger` and `message`; inside a web request also
`request_id` (dashboard/request_ids.py); `exception` holds the traceback's text when there is one;
fields given with `extra=` (gunicorn's access records) are added as they are. The standard library
does the work: this is only a Formatter.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

# A LogRecord's own attributes: everything else on a record came from `extra=` and is logged.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


def _request_id() -> str | None:
    """The id of the web request this record was logged in, if any."""
    try:
        from flask import g, has_request_context
    except ImportError:  # pragma: no cover - Flask is a dependency; the scheduler may not load it
        return None
    return g.get("request_id") if has_request_context() else None


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: newlines inside a message or a traceback are escaped."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or _request_id()
        if request_id:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str) -> None:
    """Every logger of this process writes JSON lines to stderr from `level` (LOG_LEVEL) up.
    Calling it again replaces the handler instead of adding a second one."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic says which dialect it uses each time a job reads the schema's revision (every tick).
    logging.getLogger("alembic.runtime.migration").setLevel(
        logging.DEBUG if level == "DEBUG" else logging.WARNING
    )
