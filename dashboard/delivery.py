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


SUITES = "/_dash-component-suites/"


def configure(server: Flask) -> None:
    # The ETags of the component files Dash serves without a fingerprint (dcc's lazy parts such
    # as async-graph.js, revalidated each visit). Dash answers a revalidation only after reading,
    # hashing and compressing the whole file again; the installed files cannot change while this
    # process runs, so an ETag it served once still names the same bytes.
    served: dict[str, set[str]] = {}

    @server.before_request
    def _unchanged_component_file() -> Response | None:
        if request.method == "GET" and request.path.startswith(SUITES):
            etag = request.headers.get("If-None-Match", "")
            # flask-compress names the encoding after the file's tag ("<hash>:gzip"); the hash
            # is the file's, so the browser's copy in that encoding is still good.
            if etag and '"' + etag.strip('"').split(":")[0] + '"' in served.get(request.path, ()):
                response = Response(status=304)
                response.headers["ETag"] = etag
                response.vary.add("Accept-Encoding")
                return response
        return None

    @server.after_request
    def _cache_fingerprinted_assets(response: Response) -> Response:
        if (
            request.path.startswith("/assets/")
            and request.args.get("m")
            and response.status_code == 200
        ):
            response.headers["Cache-Control"] = YEAR
        elif request.path.startswith(SUITES) and response.status_code == 200:
            etag = response.headers.get("ETag")
            if etag:
                served.setdefault(request.path, set()).add(etag)
        return response
