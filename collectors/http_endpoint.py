"""The push endpoint: tools POST project status updates as JSON with their source's token.

    POST /api/sources/<source>/status-updates
    Authorization: Bearer <the value of the source's token_env variable>
    Content-Type: application/json

    {"project": "A027", "network": "UTS", "status": "op_koers", "progress": 40,
     "submitted_at": "2026-11-02 09:46", "narrative": "...", "risks": "...",
     "milestones": ["..."], "speerpunten": ["S3"]}        (or a list of such objects)

201 with the counts when stored (each update a new version; one identical to the latest version
adds nothing), 400 with field-level errors (nothing stored), 401 without or with a wrong token,
404 for a name that is no push source, 413 for a body above MAX_REQUEST_MB. Each update is checked
field by field for its type, length and nesting (collectors/push_schema.py), at most
limits.PUSH_MAX updates per request. Machine clients use this token instead of a session, so
this blueprint is exempt from CSRF (design.md, "Security by design").
"""

from __future__ import annotations

import hmac
import os

from flask import Blueprint, current_app, jsonify, request

from collectors import limits
from samenwerkingsmonitor.sources import default_sources_path, load_sources

status_push = Blueprint("status_push", __name__)
# Marked for a CSRF protection added later: it must leave this blueprint alone.
status_push.csrf_exempt = True  # type: ignore[attr-defined]


def _bad_body(message: str):
    return jsonify({"errors": [{"index": None, "field": None, "message": message}]}), 400


def _unauthorized(message: str):
    response = jsonify({"error": message})
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="samenwerkingsmonitor"'
    return response


@status_push.post("/api/sources/<source>/status-updates")
def receive(source: str):
    from collectors.status import push_status_updates

    ctx = current_app.config["MONITOR_CONTEXT"]
    configured = load_sources(default_sources_path(), ctx.framework).get(source)
    if configured is None or configured.kind != "push" or not configured.active():
        return jsonify({"error": f"no push source {source!r}"}), 404
    expected = os.environ.get(configured.token_env or "", "")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if not expected:
        # No token configured: refuse everyone rather than accept anyone.
        return _unauthorized(f"the source has no token: set {configured.token_env}")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), expected.encode()
    ):
        return _unauthorized("missing or wrong token")
    body = request.get_json(silent=True)
    if body is None:
        return _bad_body("the body is not JSON (or nested too deeply)")
    records = body if isinstance(body, list) else [body]
    if not records:
        return _bad_body("no updates")
    if len(records) > limits.PUSH_MAX:
        return _bad_body(f"at most {limits.PUSH_MAX} updates per request")
    summary, errors = push_status_updates(
        ctx.engine, records, source=source, consortium_id=ctx.consortium_id
    )
    if errors:
        return jsonify({"errors": errors, "run": summary.run_id}), 400
    return jsonify(
        {"stored": summary.rows_new, "unchanged": summary.rows_unchanged, "run": summary.run_id}
    ), 201
