"""What a request may bring: its size, and how deeply its JSON may nest.

- A body larger than MAX_REQUEST_MB (default 8 MB) is refused with 413 before any of it is read:
  Flask's MAX_CONTENT_LENGTH, checked against the Content-Length header here, in front of the
  request guard (which would otherwise read a form for its CSRF token). A body without that header
  is cut off at the same size while it is read.
- JSON nested too deeply for Python's parser (a RecursionError) is a parse error like any other,
  so the push endpoint and Dash's callbacks answer 400, never 500.

Per-field limits (texts, rows of a partner list) are the collectors' (collectors/limits.py).
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import RequestEntityTooLarge

MB = 1024 * 1024


class _JSONProvider(DefaultJSONProvider):
    """Flask's JSON, with too-deep nesting reported as invalid JSON (a ValueError)."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def configure(server: Flask, settings) -> None:
    """The size cap and the JSON parser on the Flask server (before the request guard)."""
    server.config["MAX_CONTENT_LENGTH"] = settings.max_request_mb * MB
    server.json = _JSONProvider(server)
    server.before_request(_refuse_large)
    server.register_error_handler(RequestEntityTooLarge, _too_large)


def _refuse_large():
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()
    return None


def _too_large(_error) -> Response:
    mb = (request.max_content_length or 0) // MB
    message = f"Het verzoek is te groot: ten hoogste {mb} MB (request too large: at most {mb} MB)"
    if request.path.startswith(("/_", "/api/")) or request.is_json:
        response = jsonify({"error": message})
    else:
        response = Response(f"<!doctype html><p>{message}</p>", mimetype="text/html")
    response.status_code = 413
    return response
