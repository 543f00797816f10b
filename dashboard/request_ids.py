"""A request id for every web request: in each log line of the request (samenwerkingsmonitor/
logs.py), in the `X-Request-ID` response header and in gunicorn's access record, so one complaint
("reference …" on the maintenance page) leads to its lines in the logs.

Behind a trusted proxy (TRUSTED_PROXIES > 0; Caddy sets the header, deploy/Caddyfile) the proxy's
id is kept, so its log and ours share it; otherwise, or when the header is not a plain token, a
new one is made: a client cannot choose the id its requests are logged under.
"""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, request

HEADER = "X-Request-ID"
# Caddy's UUIDs, nginx's hex ids and the like; nothing that could break a log line or a header.
_TOKEN = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def configure(server: Flask, trusted_proxies: int) -> None:
    """Register before the log-in guard: refused and redirected requests get an id too."""

    def assign() -> None:
        given = request.headers.get(HEADER, "") if trusted_proxies else ""
        g.request_id = given if _TOKEN.fullmatch(given) else uuid.uuid4().hex

    def answer(response: Response) -> Response:
        if "request_id" in g:
            response.headers[HEADER] = g.request_id
        return response

    server.before_request_funcs.setdefault(None, []).insert(0, assign)
    server.after_request(answer)
