"""The answer while the database does not answer: 503 with a maintenance page (Dutch first,
English below), or JSON for Dash's own requests, never a bare 500 with a traceback in the log per
request. The log gets one line naming the database (without its password) and the reason.

The page says nothing about the server; `/health` tells operators what is wrong.
"""

from __future__ import annotations

import logging
from html import escape

from flask import Flask, Response, current_app, g, jsonify, request

from samenwerkingsmonitor.database_errors import UNAVAILABLE, describe

log = logging.getLogger("dashboard.maintenance")

# A database restart takes seconds to a minute: browsers and proxies may try again after this.
RETRY_SECONDS = 30
MESSAGE_NL = "De database is tijdelijk niet bereikbaar. Probeer het over een paar minuten opnieuw."
MESSAGE_EN = "The database is temporarily unavailable. Please try again in a few minutes."


def configure(server: Flask) -> None:
    for error in UNAVAILABLE:
        server.register_error_handler(error, unavailable)


def unavailable(error: Exception) -> Response:
    context = current_app.config["MONITOR_CONTEXT"]
    log.error("%s %s: %s", request.method, request.path, describe(error, context.engine.url))
    reference = g.get("request_id", "")
    if request.path.startswith("/_") or request.is_json:
        response = jsonify(
            {
                "status": "unavailable",
                "error": MESSAGE_NL,
                "error_en": MESSAGE_EN,
                "reference": reference,
            }
        )
    else:
        response = Response(_page(reference), mimetype="text/html")
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(reference: str) -> str:
    note = f'<p class="text-muted small mt-4">Referentie / reference: {escape(reference)}</p>'
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tijdelijk niet beschikbaar · Samenwerkingsmonitor</title>
<link rel="stylesheet" href="/assets/bootstrap.min.css"></head>
<body class="bg-light"><main class="container py-5" style="max-width: 36rem">
<h1 class="h4 mb-4">Samenwerkingsmonitor</h1>
<h2 class="h5">Tijdelijk niet beschikbaar</h2>
<p>{MESSAGE_NL} Blijft het zo, neem dan contact op met de beheerder van de monitor.</p>
<div lang="en" class="mt-4 pt-3 border-top text-secondary">
<h2 class="h5">Temporarily unavailable</h2>
<p>{MESSAGE_EN} If it persists, please contact the monitor's administrator.</p>
</div>{note if reference else ""}</main></body></html>"""
