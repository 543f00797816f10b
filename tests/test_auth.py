"""Accounts and rights on the server: log-in, sessions, throttle, CSRF, and every page, callback
and download for each role — allowed and refused — through the real Flask app and real database."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from accounts import users as accounts
from dashboard.app import create_app
from samenwerkingsmonitor.cli import main
from tests.conftest import make_context
from tests.login import PASSWORD, ensure_user, logged_in_client, login_client

PAGES = [
    "/",
    "/netwerk",
    "/vergelijken",
    "/projecten",
    "/partners",
    "/afspraken",
    "/kwaliteit",
    "/gegevens",
    "/status",
    "/audit",
]
# Who may open which page (domain.md "Who may do what"; docs/users.md).
OPENS = {
    "admin": set(PAGES),
    "rapporteur": {
        "/",
        "/netwerk",
        "/vergelijken",
        "/projecten",
        "/partners",
        "/afspraken",
        "/kwaliteit",
        "/gegevens",
    },
    "alice": {"/", "/netwerk", "/vergelijken", "/projecten", "/partners", "/afspraken", "/status"},
    "bob": {"/", "/netwerk", "/vergelijken", "/projecten", "/partners", "/afspraken"},
}


@pytest.fixture
def demo(ctx):
    """The context, on its copy of the demo database (its tests are marked demo_data)."""
    return ctx


@pytest.fixture
def app(ctx):
    return create_app(ctx)


def _deps(client):
    return client.get("/_dash-dependencies").json


def callback(client, first_output: str, values: dict, csrf: bool = True):
    """POST a callback as the browser would (inputs/states by id.prop; missing ones None)."""
    dep = next(d for d in _deps(client) if d["output"].lstrip(".").startswith(first_output))

    def with_values(items):
        out = []
        for item in items:
            ident = json.loads(item["id"]) if item["id"].startswith("{") else item["id"]
            key = f"{item['id']}.{item['property']}"
            out.append({"id": ident, "property": item["property"], "value": values.get(key)})
        return out

    output = dep["output"]
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outputs = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        outputs.append(
            {"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop}
        )
    payload = {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": with_values(dep["inputs"]),
        "state": with_values(dep["state"]),
        "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
    }
    headers = {} if csrf else {"X-CSRFToken": ""}
    return client.post("/_dash-update-component", json=payload, headers=headers)


def page_layout(client, path: str, search: str = ""):
    return callback(
        client,
        "_pages_content",
        {"_pages_location.pathname": path, "_pages_location.search": search},
    )


# --- without a session ---------------------------------------------------------------------------


def test_everything_needs_a_session_except_login_health_and_push(app):
    client = app.server.test_client()
    for path in PAGES:
        answer = client.get(path)
        assert answer.status_code == 302 and answer.location.startswith("/login?next=")
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/_dash-dependencies").status_code == 401
    assert client.post("/_dash-update-component", json={}).status_code in (401, 403)
    assert client.get("/login").status_code == 200
    # /health answers without a session (503 here: no scheduler runs beside this test app)
    assert client.get("/health").json["database"] == "ok"
    # the machine endpoint answers with its own token check, not a log-in redirect or CSRF
    assert client.post("/api/sources/push/status-updates", json={}).status_code in (401, 404)


def test_session_cookie_settings(ctx, tmp_path):
    app = create_app(ctx)
    client = app.server.test_client()
    ensure_user(ctx, "admin")
    login_client(client, "admin@example.org")
    cookie = client.get_cookie("monitor_session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure
    production = make_context(str(ctx.engine.url.render_as_string(hide_password=False)), tmp_path)
    object.__setattr__(production.settings, "env", "production")
    assert create_app(production).server.config["SESSION_COOKIE_SECURE"] is True


# --- log-in, throttle, password ------------------------------------------------------------------


def _post_login(client, email, password):
    client.get("/login")
    token = client.get_cookie("_csrf_token").value
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token, "next": "/"}
    )


def test_login_logout_and_wrong_password(app, ctx):
    ensure_user(ctx, "alice")
    client = app.server.test_client()
    assert _post_login(client, "alice@example.org", "wrong-password").status_code == 401
    assert _post_login(client, "ALICE@example.org ", PASSWORD).status_code == 302
    assert client.get("/").status_code == 200
    token = client.get_cookie("_csrf_token").value
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_disabled_account_cannot_log_in_and_its_session_ends(app, ctx):
    ensure_user(ctx, "charlie")  # created disabled
    client = app.server.test_client()
    assert _post_login(client, "charlie@example.org", PASSWORD).status_code == 401
    ensure_user(ctx, "bob")
    bob = login_client(app.server.test_client(), "bob@example.org")
    assert bob.get("/").status_code == 200
    accounts.set_active(ctx.engine, "bob@example.org", False)
    assert bob.get("/").status_code == 302  # logged out at once


def test_throttle_per_email_and_per_ip(app, ctx):
    ensure_user(ctx, "alice")
    client = app.server.test_client()
    for _ in range(accounts.MAX_FAILURES_PER_EMAIL):
        assert _post_login(client, "alice@example.org", "wrong-password").status_code == 401
    refused = _post_login(client, "alice@example.org", PASSWORD)
    assert refused.status_code == 429 and "Te veel mislukte pogingen" in refused.get_data(True)
    # another address from the same client is not locked yet; after the window it works again
    ensure_user(ctx, "bob")
    assert _post_login(app.server.test_client(), "bob@example.org", PASSWORD).status_code == 302
    from datetime import timedelta

    from sqlalchemy import update

    from db import models as m

    with ctx.engine.begin() as conn:
        conn.execute(
            update(m.LoginThrottle).values(
                window_start=accounts.utcnow() - accounts.THROTTLE_WINDOW - timedelta(minutes=1)
            )
        )
    assert _post_login(client, "alice@example.org", PASSWORD).status_code == 302
    # per address: many e-mails tried from one client
    other = app.server.test_client()
    for i in range(accounts.MAX_FAILURES_PER_IP):
        _post_login(other, f"nobody{i}@example.org", "wrong-password")
    assert _post_login(other, "bob@example.org", PASSWORD).status_code == 429


def test_password_change_and_admin_reset(app, ctx):
    ensure_user(ctx, "alice")
    client = login_client(app.server.test_client(), "alice@example.org")
    second = login_client(app.server.test_client(), "alice@example.org")
    token = client.get_cookie("_csrf_token").value
    wrong = client.post(
        "/account/password",
        data={"csrf_token": token, "current": "nope", "new": "x" * 12, "repeat": "x" * 12},
    )
    assert wrong.status_code == 400 and "klopt niet" in wrong.get_data(True)
    short = client.post(
        "/account/password",
        data={"csrf_token": token, "current": PASSWORD, "new": "kort", "repeat": "kort"},
    )
    assert short.status_code == 400 and "minstens 10 tekens" in short.get_data(True)
    ok = client.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current": PASSWORD,
            "new": "nieuw-wachtwoord",
            "repeat": "nieuw-wachtwoord",
        },
    )
    assert ok.status_code == 200 and "gewijzigd" in ok.get_data(True)
    assert client.get("/").status_code == 200  # this session stays
    assert second.get("/").status_code == 302  # the other session ended
    new = accounts.set_password(ctx.engine, "alice@example.org")  # the administrator's reset
    assert client.get("/").status_code == 302
    assert _post_login(app.server.test_client(), "alice@example.org", new).status_code == 302


# --- CSRF ------------------------------------------------------------------------------------------


@pytest.mark.demo_data(recomputed=True)
def test_csrf_refusal(app, ctx, demo):
    client = logged_in_client(app, ctx, "admin")
    assert page_layout(client, "/").status_code == 200
    refused = page_layout(client, "/", "")
    assert refused.status_code == 200
    no_token = callback(
        client,
        "_pages_content",
        {"_pages_location.pathname": "/"},
        csrf=False,
    )
    assert no_token.status_code == 403 and "CSRF" in no_token.get_data(True)
    wrong = client.post("/_dash-update-component", json={}, headers={"X-CSRFToken": "forged-token"})
    assert wrong.status_code == 403
    # a form post without the token: refused, and the log-in form too
    assert client.post("/logout", headers={"X-CSRFToken": ""}).status_code == 403
    anonymous = app.server.test_client()
    anonymous.get("/login")
    assert anonymous.post("/login", data={"email": "a@b.c", "password": "x"}).status_code == 403


# --- rights per role: pages, callbacks, downloads --------------------------------------------------


@pytest.mark.demo_data(recomputed=True)
def test_pages_per_role(app, ctx, demo):
    for name, allowed in OPENS.items():
        client = logged_in_client(app, ctx, name)
        for path in PAGES:
            expected = 200 if path in allowed else 403
            assert client.get(path).status_code == expected, (name, path)
            assert page_layout(client, path).status_code == expected, (name, path)


@pytest.mark.demo_data(recomputed=True)
def test_networks_per_role(app, ctx, demo):
    bob = logged_in_client(app, ctx, "bob")  # stuurgroep EEM
    alice = logged_in_client(app, ctx, "alice")  # coordinator UTS
    admin = logged_in_client(app, ctx, "admin")
    for client, mine, other in ((bob, "EEM", "UTS"), (alice, "UTS", "EEM")):
        assert client.get(f"/netwerk?network={mine}").status_code == 200
        assert client.get("/netwerk?network=ALL").status_code == 200
        assert client.get(f"/netwerk?network={other}").status_code == 403
        assert page_layout(client, "/netwerk", f"?network={other}").status_code == 403
        body = page_layout(client, "/netwerk", f"?network={mine}").get_data(True)
        options = json.loads(body)["response"]["_pages_content"]["children"]
        dropdown = _find(options, "network-network")
        assert {o["value"] for o in dropdown["options"]} == {mine, "ALL"}
        values = {
            "network-network.value": other,
            "network-measure.value": "index",
            "network-subject.value": "index",
            "network-wave.value": "2025",
        }
        assert callback(client, "network-trend", values).status_code == 403
        values["network-network.value"] = mine
        assert callback(client, "network-trend", values).status_code == 200
        compare = {"compare-networks.value": [mine, other], "compare-measure.value": "index"}
        compare["compare-subject.value"] = "index"
        assert callback(client, "compare-figure", compare).status_code == 403
        compare["compare-networks.value"] = [mine, "ALL"]
        assert callback(client, "compare-figure", compare).status_code == 200
        projects = {"projects-network.value": other}
        assert callback(client, "projects-matrix", projects).status_code == 403
    values = {"network-network.value": "UTS", "network-measure.value": "index"}
    values.update({"network-subject.value": "index", "network-wave.value": "2025"})
    assert callback(admin, "network-trend", values).status_code == 200


def _find(tree, element_id: str):
    """The props of the component with this id in a serialised layout."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == element_id:
            return props
        for value in (props.get("children"), *props.values()):
            found = _find(value, element_id)
            if found:
                return found
    if isinstance(tree, list):
        for value in tree:
            found = _find(value, element_id)
            if found:
                return found
    return None


def _download(client, table: str, query: dict, fmt: str = "csv"):
    """The app's download callback for one table with the page's query store (the browser
    turns the button's click into the request store, dashboard/view_links.py)."""
    request = {"table": table, "fmt": fmt, "at": 1}
    return client.post(
        "/_dash-update-component",
        json={
            "output": "download.data",
            "outputs": {"id": "download", "property": "data"},
            "inputs": [{"id": "download-request", "property": "data", "value": request}],
            "state": [
                [{"id": {"type": "query", "page": "x"}, "property": "data", "value": query}],
                {"id": "url", "property": "search", "value": ""},
            ],
            "changedPropIds": ["download-request.data"],
        },
    )


@pytest.mark.demo_data(recomputed=True)
def test_downloads_per_role(app, ctx, demo):
    bob = logged_in_client(app, ctx, "bob")
    rapporteur = logged_in_client(app, ctx, "rapporteur")
    query = {"network": "EEM", "measure": "theme", "subject": "VERTR", "wave": "2024"}
    assert _download(bob, "network_groups", query).status_code == 200
    assert _download(bob, "network_groups", {**query, "network": "UTS"}).status_code == 403
    assert _download(bob, "response_rates", {}).status_code == 403  # Kwaliteit: not bob's page
    assert _download(rapporteur, "network_groups", {**query, "network": "UTS"}).status_code == 200
    assert _download(rapporteur, "response_rates", {}).status_code == 200
    # the rejected rows (raw answers): beheerder and rapporteur only
    alice = logged_in_client(app, ctx, "alice")
    rejects = {"data-rejects-csv.n_clicks": 1, "data-rejects-download.id": "data-rejects-download"}
    assert callback(alice, "data-rejects-download", rejects).status_code == 403
    assert callback(rapporteur, "data-rejects-download", rejects).status_code in (200, 204)


# --- the command line ------------------------------------------------------------------------------


def test_users_cli(ctx, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", ctx.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    out = runner.invoke(
        main,
        [
            "users",
            "add",
            "dora@example.org",
            "--name",
            "Dora",
            "--role",
            "coordinator",
            "--network",
            "UTS",
        ],
    )
    assert out.exit_code == 0, out.output
    assert "initial password:" in out.output
    bad = runner.invoke(
        main, ["users", "add", "x@example.org", "--name", "X", "--role", "stuurgroep"]
    )
    assert bad.exit_code != 0 and "minstens één netwerk" in bad.output
    out = runner.invoke(
        main, ["users", "set-role", "dora@example.org", "stuurgroep", "--network", "EEM"]
    )
    assert out.exit_code == 0 and "stuurgroep (EEM)" in out.output
    out = runner.invoke(
        main, ["users", "reset-password", "dora@example.org", "--password", "een-nieuw-wachtwoord"]
    )
    assert out.exit_code == 0
    assert runner.invoke(main, ["users", "disable", "dora@example.org"]).exit_code == 0
    listing = runner.invoke(main, ["users", "list"]).output
    assert "dora@example.org\tstuurgroep\tEEM\tdisabled\tDora" in listing
    assert runner.invoke(main, ["users", "disable", "nobody@example.org"]).exit_code != 0
    with ctx.engine.connect() as conn:
        from sqlalchemy import select

        from db import models as m

        actions = conn.scalars(
            select(m.AuditEvent.action)
            .where(m.AuditEvent.entity_id == "dora@example.org")
            .order_by(m.AuditEvent.id)
        ).all()
    assert actions == ["create", "set_role", "reset_password", "disable"]


def test_demo_accounts_only_once(ctx):
    lines = accounts.create_demo_accounts(ctx.engine)
    assert len(lines) == 4 and any("alice@example.org" in line for line in lines)
    assert accounts.create_demo_accounts(ctx.engine) == []
