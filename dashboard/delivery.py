"""How the browser receives the dashboard's files: compressed and, where the address changes
with the file, cached for a year (issue 18: a steering-group member opens the dashboard from an
e-mail and should wait for figures, not for 4 MB of scripts).

Compression itself is Dash's `compress=True` (flask-compress: zstd, brotli or gzip, whatever the
browser accepts), which also shrinks every callback's JSON. Dash already gives its fingerprinted
component scripts (`/_dash-component-suites/…/x.v4_4_1m….js`) a year's cache; the files in
dashboard/assets are addressed as `/assets/x.css?m=<modified time>`, so that address changes
with the file too and may be kept as long. Pages and callbacks are never cached: they depend on
who is logged in.
"""

from __future__ import annotations

from flask import Flask, Response, request

YEAR = "public, max-age=31536000, immutable"


def configure(server: Flask) -> None:
    @server.after_request
    def _cache_fingerprinted_assets(response: Response) -> Response:
        if (
            request.path.startswith("/assets/")
            and request.args.get("m")
            and response.status_code == 200
        ):
            response.headers["Cache-Control"] = YEAR
        return response
