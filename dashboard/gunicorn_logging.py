"""gunicorn's own logs as JSON lines, like the app's: `gunicorn --logger-class=
dashboard.gunicorn_logging.JsonLogger` (docker-compose.yml, Dockerfile).

gunicorn keeps its handlers (error log on stderr, access log where --access-logfile says); only
their format changes. An access record carries the fields one by one (method, path, status,
duration …) and the request id the app put in its response, instead of one Apache-style string.
"""

from __future__ import annotations

import os

from gunicorn import glogging

from samenwerkingsmonitor.logs import JsonFormatter
from samenwerkingsmonitor.settings import SettingsError, parse_log_level


class JsonLogger(glogging.Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())
        try:
            # LOG_LEVEL, when set, rules gunicorn's messages too (--log-level otherwise).
            if os.environ.get("LOG_LEVEL", "").strip():
                self.error_log.setLevel(parse_log_level(os.environ["LOG_LEVEL"]))
        except SettingsError:
            pass  # the app refuses the value itself when it loads, naming the variable

    def access(self, resp, req, environ, request_time) -> None:
        if self.cfg.accesslog is None:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        status = atoms["s"]
        self.access_log.info(
            "%s %s %s",
            atoms["m"],
            environ.get("RAW_URI", atoms["U"]),
            status,
            extra={
                "request_id": atoms.get("{x-request-id}o"),
                "method": atoms["m"],
                "path": atoms["U"],
                "query": atoms["q"] or None,
                "status": int(status) if str(status).isdigit() else status,
                "bytes": atoms["B"],
                "duration_ms": atoms["M"],
                "remote": atoms["h"],
                "forwarded_for": atoms.get("{x-forwarded-for}i"),
                "user_agent": atoms.get("{user-agent}i"),
            },
        )
