"""After log-in the browser goes to `next` only when it is a path on this site: never to another
host (an open redirect) and never a header the server cannot write (a 500)."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from tests.login import PASSWORD, ensure_user

# Each of these must end on "/" (the browser would otherwise leave the site, or the server fail).
UNSAFE = [
    "//evil.example",
    "/%09/evil.example",  # a tab: browsers drop it and read //evil.example
    "/\t/evil.example",
    "/%0a/evil.example",
    "/\n/evil.example",
    "/x\r\nSet-Cookie: a=b",
    "/%0d%0aSet-Cookie:%20a=b",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "/%252F%252Fevil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " /netwerk",
    "/net werk",
    "/\x00",
    "",
]
SAFE = ["/", "/netwerk", "/netwerk?network=UTS&lang=en", "/status?project=A027"]


@pytest.fixture
def app(ctx):
    ensure_user(ctx, "alice")
    return create_app(ctx)


def _login(client, next_url: str):
    form = client.get("/login", query_string={"next": next_url})
    token = client.get_cookie("_csrf_token").value
    answer = client.post(
        "/login",
        data={
            "email": "alice@example.org",
            "password": PASSWORD,
            "csrf_token": token,
            "next": next_url,
        },
    )
    return form, answer


@pytest.mark.parametrize("next_url", UNSAFE)
def test_unsafe_next_goes_home(app, next_url):
    form, answer = _login(app.server.test_client(), next_url)
    assert form.status_code == 200
    assert 'name="next" value="/"' in form.get_data(as_text=True)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:200]
    assert answer.headers["Location"] == "/"


@pytest.mark.parametrize("next_url", SAFE)
def test_local_next_is_kept(app, next_url):
    _, answer = _login(app.server.test_client(), next_url)
    assert answer.status_code == 302 and answer.headers["Location"] == next_url


def test_raw_query_with_tab_and_newline(app):
    """The query string as a browser or a crafted link sends it, undecoded."""
    client = app.server.test_client()
    for raw in ("next=/%09/evil.example", "next=/%0a/evil.example", "next=%2F%2Fevil.example"):
        page = client.get("/login?" + raw)
        assert page.status_code == 200 and 'name="next" value="/"' in page.get_data(True)
