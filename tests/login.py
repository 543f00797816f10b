"""Log in for tests: named accounts per role, a logged-in Flask test client (with the CSRF header
Dash's renderer would send), a logged-in Chromium, and a request context as someone."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from accounts import sessions
from accounts.users import add_user, load_account

PASSWORD = "test-wachtwoord-1"
# The named test users (issue 6): alice coordinates Utrecht stad, bob sits in Eemland's steering
# group, charlie has no rights (disabled), plus an administrator and a reporter.
USERS = {
    "admin": ("admin@example.org", "Ada Admin", "beheerder", ()),
    "alice": ("alice@example.org", "Alice", "coordinator", ("UTS",)),
    "bob": ("bob@example.org", "Bob", "stuurgroep", ("EEM",)),
    "charlie": ("charlie@example.org", "Charlie", "rapporteur", ()),
    "rapporteur": ("rapporteur@example.org", "Rapporteur", "rapporteur", ()),
}


def ensure_user(ctx, name: str) -> str:
    """The e-mail of a named test user, created on first use (charlie is created disabled)."""
    email, full_name, role, networks = USERS[name]
    with ctx.engine.connect() as conn:
        if load_account(conn, email=email) is not None:
            return email
    add_user(ctx.engine, email, full_name, role, PASSWORD, list(networks))
    if name == "charlie":
        from accounts.users import set_active

        set_active(ctx.engine, email, False)
    return email


def login_client(client, email: str, password: str = PASSWORD):
    """Log the Flask test client in; afterwards every request carries the CSRF header."""
    client.get("/login")
    token = client.get_cookie("_csrf_token").value
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token, "next": "/"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    client.environ_base["HTTP_X_CSRFTOKEN"] = client.get_cookie("_csrf_token").value
    return client


def logged_in_client(app, ctx, name: str = "admin"):
    return login_client(app.server.test_client(), ensure_user(ctx, name))


def browser_login(dash_duo, ctx, name: str = "admin") -> None:
    """Log in through the real log-in form in Chromium."""
    email = ensure_user(ctx, name)
    dash_duo.driver.get(dash_duo.server.url + "/login")
    dash_duo.wait_for_element("#email", timeout=10).send_keys(email)
    dash_duo.find_element("#password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#current-user", timeout=15)


def start_logged_in(dash_duo, app, ctx, name: str = "admin") -> None:
    """dash_duo.start_server, logged in as `name` (a page without a session redirects to the
    log-in form, which has no Dash entry point to wait for)."""
    dash_duo.start_server(app, navigate=False)
    browser_login(dash_duo, ctx, name)
    dash_duo.server_url = dash_duo.server.url  # opens "/" and waits for Dash


@contextmanager
def as_user(app, ctx, name: str, path: str = "/"):
    """A request context in which `name` is logged in (for calling page functions directly)."""
    from flask import session

    email = ensure_user(ctx, name)
    with ctx.engine.connect() as conn:
        account = load_account(conn, email=email)
    with ctx.engine.begin() as conn:
        token = sessions.start(conn, account.id, timedelta(hours=1))
    with app.server.test_request_context(path):
        session["sid"] = token
        yield account
