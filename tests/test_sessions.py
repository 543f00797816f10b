"""Server-side sessions: log-out ends a session for every copy of its cookie; a password change or
reset, disabling an account and a new role end every session of that person; idle and absolute
expiry; the cookie holds nothing but random ids — on both databases, through the real Flask app."""

from __future__ import annotations

import hashlib
from datetime import UTC, timedelta

import pytest
from click.testing import CliRunner
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select, update

from accounts import sessions
from accounts import users as accounts
from dashboard.app import create_app
from db import models as m
from samenwerkingsmonitor.cli import main
from tests.login import PASSWORD, ensure_user, login_client

COOKIE = "monitor_session"


@pytest.fixture
def app(ctx):
    for name in ("alice", "admin"):
        ensure_user(ctx, name)
    return create_app(ctx)


def _copy(app, client):
    """A second browser holding a copy of `client`'s session cookie."""
    other = app.server.test_client()
    other.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return other


def _cookie_data(app, client) -> dict:
    serializer = SecureCookieSessionInterface().get_signing_serializer(app.server)
    return serializer.loads(client.get_cookie(COOKIE).value)


def _rows(ctx) -> list:
    with ctx.engine.connect() as conn:
        return conn.execute(select(m.WebSession).order_by(m.WebSession.id)).all()


def _alice(app):
    return login_client(app.server.test_client(), "alice@example.org")


def test_log_out_ends_the_session_for_a_copied_cookie(app, ctx):
    client = _alice(app)
    copy = _copy(app, client)
    assert copy.get("/").status_code == 200  # a copy works while the session lives …
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302
    assert copy.get("/").status_code == 302  # … and not after log-out
    assert copy.post("/_dash-update-component", json={}).status_code in (401, 403)
    (row,) = _rows(ctx)
    assert row.revoked_at is not None and row.revoked_at.tzinfo is not None


def test_cookie_holds_only_random_ids_and_table_only_hashes(app, ctx):
    client = _alice(app)
    data = _cookie_data(app, client)
    assert set(data) - {"_permanent"} == {"sid", "csrf"}
    with ctx.engine.connect() as conn:
        password_hash = conn.scalar(
            select(m.User.password_hash).where(m.User.email == "alice@example.org")
        )
    raw = client.get_cookie(COOKIE).value
    for piece in (password_hash[-16:], password_hash[-8:], password_hash.split("$")[-1][:12]):
        assert piece not in raw and piece not in str(data)
    (row,) = _rows(ctx)
    assert row.token_hash == hashlib.sha256(data["sid"].encode()).hexdigest()
    assert data["sid"] not in str(tuple(row))
    assert row.created_at.tzinfo == UTC and row.expires_at - row.created_at == timedelta(hours=8)


def test_own_password_change_keeps_this_session_and_ends_the_others(app, ctx):
    client, second = _alice(app), _alice(app)
    copy_of_second = _copy(app, second)
    answer = client.post(
        "/account/password",
        data={"current": PASSWORD, "new": "nieuw-wachtwoord", "repeat": "nieuw-wachtwoord"},
    )
    assert answer.status_code == 200 and "gewijzigd" in answer.get_data(True)
    assert client.get("/").status_code == 200
    assert second.get("/").status_code == 302
    assert copy_of_second.get("/").status_code == 302


@pytest.mark.parametrize(
    "change",
    [
        lambda engine: accounts.set_password(engine, "alice@example.org"),
        lambda engine: accounts.set_active(engine, "alice@example.org", False),
        lambda engine: accounts.set_role(engine, "alice@example.org", "stuurgroep"),
        lambda engine: accounts.set_role(engine, "alice@example.org", "coordinator", ["EEM"]),
    ],
    ids=["reset-password", "disable", "role", "networks"],
)
def test_administrator_changes_end_every_session(app, ctx, change):
    clients = [_alice(app), _alice(app)]
    admin = login_client(app.server.test_client(), "admin@example.org")
    change(ctx.engine)
    assert all(c.get("/").status_code == 302 for c in clients)
    assert admin.get("/").status_code == 200  # someone else's sessions are left alone
    with ctx.engine.connect() as conn:
        alice = accounts.load_account(conn, email="alice@example.org")
        assert sessions.live_sessions(conn, alice.id) == 0


def test_cli_reset_password_and_disable_end_sessions(app, ctx, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", ctx.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    for command in (["reset-password", "alice@example.org"], ["disable", "alice@example.org"]):
        client = _alice(app) if command[0] == "reset-password" else None
        if client is None:
            accounts.set_password(ctx.engine, "alice@example.org", PASSWORD)
            client = _alice(app)
        assert client.get("/").status_code == 200
        out = CliRunner().invoke(main, ["users", *command])
        assert out.exit_code == 0, out.output
        assert client.get("/").status_code == 302, command


def test_idle_and_absolute_expiry(app, ctx):
    idle = _alice(app)
    old = _alice(app)
    assert idle.get("/").status_code == 200 and old.get("/").status_code == 200
    idle_id, old_id = (r.id for r in _rows(ctx))
    now = sessions.utcnow()
    minutes = ctx.settings.session_idle_minutes
    with ctx.engine.begin() as conn:
        conn.execute(
            update(m.WebSession)
            .where(m.WebSession.id == idle_id)
            .values(last_seen_at=now - timedelta(minutes=minutes + 1))
        )
        conn.execute(
            update(m.WebSession)
            .where(m.WebSession.id == old_id)
            .values(expires_at=now - timedelta(seconds=1))
        )
    assert idle.get("/").status_code == 302
    assert old.get("/").status_code == 302


def test_activity_keeps_a_session_alive(app, ctx):
    client = _alice(app)
    (row,) = _rows(ctx)
    stale = row.last_seen_at - timedelta(minutes=ctx.settings.session_idle_minutes - 1)
    with ctx.engine.begin() as conn:
        conn.execute(update(m.WebSession).values(last_seen_at=stale))
    assert client.get("/").status_code == 200
    (row,) = _rows(ctx)
    assert row.last_seen_at > stale + timedelta(minutes=1)  # touched: the idle clock restarts
