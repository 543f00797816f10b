"""Issue 18: the browser receives scripts, styles and callback answers compressed, and keeps the
files whose address changes with their content for a year (pages and callbacks: never)."""

from __future__ import annotations

import gzip
import json
import re
import zlib

from dashboard.app import create_app
from tests.conftest import make_context
from tests.login import logged_in_client

# What Python reads without a further package: gzip, or deflate for a streamed file.
ACCEPT = "gzip, deflate"


def _decode(sent) -> tuple[bytes, bytes]:
    """(the bytes on the wire, what they decode to)."""
    wire = b"".join(sent.response) if sent.is_streamed else sent.data
    encoding = sent.headers["Content-Encoding"]
    return wire, gzip.decompress(wire) if encoding == "gzip" else zlib.decompress(wire)


def _app(sqlite_url, tmp_path):
    context = make_context(sqlite_url, tmp_path)
    return context, create_app(context)


def test_scripts_and_styles_compressed_and_cached_for_a_year(sqlite_url, tmp_path):
    context, app = _app(sqlite_url, tmp_path)
    client = logged_in_client(app, context)
    page = client.get("/", headers={"Accept-Encoding": ACCEPT})
    html = _decode(page)[1].decode()
    assert "max-age" not in page.headers.get("Cache-Control", "")  # depends on who asks
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+\.js)"', html)
    styles = re.findall(r'href="(/assets/[^"]+\.css\?m=[^"]+)"', html)
    assert scripts and styles
    for url in [scripts[0], styles[0]]:
        plain = client.get(url)
        sent = client.get(url, headers={"Accept-Encoding": ACCEPT})
        assert sent.status_code == 200, url
        wire, body = _decode(sent)
        assert body == plain.data
        assert len(wire) < len(plain.data) / 2, url
        assert "max-age=31536000" in sent.headers["Cache-Control"], url
        # A browser keeps no file whose answer sets a cookie or varies with it: the logged-in
        # reader's session cookie must not ride on the files (every visit fetched them again).
        assert "Set-Cookie" not in sent.headers, url
        assert "Cookie" not in sent.headers.get("Vary", ""), url


def test_a_revalidated_component_file_is_answered_at_once(sqlite_url, tmp_path):
    """dcc's lazily loaded parts (async-graph.js …) have no fingerprint: the browser asks each
    visit whether its copy is still good. The answer is 304 for the tag served before (in the
    encoding the browser holds), and the whole file again for any other tag."""
    context, app = _app(sqlite_url, tmp_path)
    client = logged_in_client(app, context)
    url = "/_dash-component-suites/dash/dcc/async-graph.js"
    first = client.get(url, headers={"Accept-Encoding": ACCEPT})
    assert first.status_code == 200 and "Set-Cookie" not in first.headers
    tag = first.headers["ETag"]
    again = client.get(url, headers={"Accept-Encoding": ACCEPT, "If-None-Match": tag})
    assert again.status_code == 304 and again.headers["ETag"] == tag and not again.data
    other = client.get(url, headers={"Accept-Encoding": ACCEPT, "If-None-Match": '"other:gzip"'})
    assert other.status_code == 200 and _decode(other)[1] == _decode(first)[1]


def test_a_style_without_its_fingerprint_is_not_kept(sqlite_url, tmp_path):
    _, app = _app(sqlite_url, tmp_path)
    sent = app.server.test_client().get("/assets/bootstrap.min.css")
    assert sent.status_code == 200
    assert "max-age=31536000" not in sent.headers.get("Cache-Control", "")


def test_callback_answers_travel_compressed(sqlite_url, tmp_path):
    context, app = _app(sqlite_url, tmp_path)
    client = logged_in_client(app, context)
    body = {
        "output": "navbar.children",
        "outputs": {"id": "navbar", "property": "children"},
        "inputs": [
            {"id": "url", "property": "pathname", "value": "/"},
            {"id": "view-lang", "property": "data", "value": "nl"},
        ],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"],
    }
    sent = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    assert sent.status_code == 200, sent.data[:300]
    assert sent.headers["Content-Encoding"] == "gzip"
    assert "navbar" in json.loads(gzip.decompress(sent.data))["response"]
    assert "max-age" not in sent.headers.get("Cache-Control", "")
