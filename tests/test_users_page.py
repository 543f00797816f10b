"""The Gebruikers page and reset links, through the Flask test client as the browser posts its
callbacks, with mail to a real SMTP server on loopback: the administrator adds, changes, disables
and enables accounts and sends reset links with the CLI's checks and audit; nobody else may."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import unquote

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from sqlalchemy import select

from accounts.users import list_users
from dashboard.app import create_app
from db import models as m
from samenwerkingsmonitor.cli import main
from tests.login import PASSWORD, ensure_user, logged_in_client, login_client
from tests.test_agreements import post
from tests.test_mail import Inbox, free_port

STATES = {
    "users-new-email.value": None,
    "users-new-name.value": None,
    "users-new-role.value": None,
    "users-new-networks.value": None,
    "users-account.value": None,
    "users-role.value": None,
    "users-networks.value": None,
    "users-lang.data": "nl",
}


@pytest.fixture
def mailed(ctx):
    """The context mailing to an SMTP server on loopback; yields its inbox."""
    inbox, port = Inbox(), free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    ctx.settings = dataclasses.replace(
        ctx.settings,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_starttls=False,
        public_url="https://monitor.septet.test",
    )
    yield inbox
    server.stop()


def act(client, action: str, **values):
    filled = {**STATES, f"{action}.n_clicks": 1}
    filled.update({f"users-{k.replace('_', '-')}.value": v for k, v in values.items()})
    return post(client, "users-feedback", filled, f"{action}.n_clicks")


def said(answer) -> str:
    """The message the page shows after an action."""
    assert answer.status_code == 200, answer.status_code
    return answer.json["response"]["users-feedback"]["children"]["props"]["children"]


def accounts(ctx) -> dict:
    return {a.email: a for a in list_users(ctx.engine)}


def link_of(message) -> str:
    text = message.get_payload(decode=True).decode()
    return unquote(re.search(r"https://monitor\.septet\.test(/\S+)", text).group(1))


def test_the_administrator_manages_accounts_with_the_clis_checks(ctx, mailed):
    app = create_app(ctx)
    admin = logged_in_client(app, ctx, "admin")
    answer = said(
        act(
            admin,
            "users-add",
            new_email="Dirk@Example.org",
            new_name="Dirk",
            new_role="coordinator",
            new_networks=["EEM"],
        )
    )
    assert "dirk@example.org toegevoegd" in answer
    dirk = accounts(ctx)["dirk@example.org"]
    assert (dirk.role, dirk.networks, dirk.active) == ("coordinator", ("EEM",), True)
    (message,) = mailed.messages
    assert message["To"] == "dirk@example.org" and "/wachtwoord-herstellen?token=" in link_of(
        message
    )

    # the CLI's checks, in Dutch, and nothing stored
    refused = act(admin, "users-add", new_email="eva@example.org", new_role="stuurgroep")
    assert "een stuurgroep hoort bij minstens één netwerk" in said(refused)
    again = act(admin, "users-add", new_email="dirk@example.org", new_role="rapporteur")
    assert "er is al een account voor dirk@example.org" in said(again)
    assert "eva@example.org" not in accounts(ctx)

    answer = act(
        admin,
        "users-set-role",
        account="dirk@example.org",
        role="stuurgroep",
        networks=["EEM", "UTS"],
    )
    assert "rol en netwerken opgeslagen" in said(answer)
    assert accounts(ctx)["dirk@example.org"].networks == ("EEM", "UTS")
    act(admin, "users-disable", account="dirk@example.org")
    assert not accounts(ctx)["dirk@example.org"].active
    # a disabled account gets no reset link
    assert "uitgeschakeld" in said(act(admin, "users-send-reset", account="dirk@example.org"))
    act(admin, "users-enable", account="dirk@example.org")
    assert accounts(ctx)["dirk@example.org"].active
    # no locking oneself out
    own = said(act(admin, "users-disable", account="admin@example.org"))
    assert "eigen account" in own and accounts(ctx)["admin@example.org"].active

    with ctx.engine.connect() as conn:
        trail = conn.execute(
            select(m.AuditEvent.actor, m.AuditEvent.action)
            .where(m.AuditEvent.entity_id == "dirk@example.org")
            .order_by(m.AuditEvent.id)
        ).all()
    assert [tuple(r) for r in trail] == [
        ("admin@example.org", "create"),
        ("admin@example.org", "send_reset_link"),
        ("admin@example.org", "set_role"),
        ("admin@example.org", "disable"),
        ("admin@example.org", "enable"),
    ]


def test_a_reset_link_sets_a_password_once(ctx, mailed):
    app = create_app(ctx)
    admin = logged_in_client(app, ctx, "admin")
    alice = logged_in_client(app, ctx, "alice")
    assert "Resetlink verstuurd" in said(
        act(admin, "users-send-reset", account="alice@example.org")
    )
    link = link_of(mailed.messages[-1])

    anonymous = app.server.test_client()
    form = anonymous.get(link)
    assert form.status_code == 200 and "Voor alice@example.org." in form.get_data(True)
    token = anonymous.get_cookie("_csrf_token").value
    values = {"token": link.split("token=", 1)[1], "csrf_token": token}
    short = anonymous.post(
        "/wachtwoord-herstellen", data={**values, "new": "kort", "repeat": "kort"}
    )
    assert short.status_code == 400 and "minstens 10 tekens" in short.get_data(True)
    new = "een-nieuw-wachtwoord"
    done = anonymous.post("/wachtwoord-herstellen", data={**values, "new": new, "repeat": new})
    assert done.status_code == 200 and "Uw wachtwoord is opgeslagen" in done.get_data(True)
    # alice's old session ended; the new password logs in, the old does not; the link is spent
    assert alice.get("/projecten").status_code == 302
    login_client(app.server.test_client(), "alice@example.org", new)
    with pytest.raises(AssertionError):
        login_client(app.server.test_client(), "alice@example.org", PASSWORD)
    again = anonymous.post("/wachtwoord-herstellen", data={**values, "new": new, "repeat": new})
    assert again.status_code == 400 and "al gebruikt" in again.get_data(True)
    forged = anonymous.get("/wachtwoord-herstellen?token=abc")
    assert "deze link is ongeldig" in forged.get_data(True)


def test_only_the_administrator_opens_the_users_page(ctx):
    app = create_app(ctx)
    ensure_user(ctx, "admin")
    for name in ("alice", "bob", "rapporteur"):
        client = logged_in_client(app, ctx, name)
        assert client.get("/gebruikers").status_code == 403
        answer = act(client, "users-add", new_email="x@example.org", new_role="rapporteur")
        assert answer.status_code == 403
        assert act(client, "users-disable", account="admin@example.org").status_code == 403
    assert "x@example.org" not in accounts(ctx)
    assert accounts(ctx)["admin@example.org"].active
    admin = logged_in_client(app, ctx, "admin")
    assert admin.get("/gebruikers").status_code == 200


def test_the_cli_sends_a_reset_link(ctx, mailed, monkeypatch):
    ensure_user(ctx, "alice")
    settings = ctx.settings
    for name, value in {
        "DATABASE_URL": settings.database_url,
        "DATA_DIR": str(settings.data_dir),
        "FRAMEWORK_FILE": str(settings.framework_file),
        "SMTP_HOST": settings.smtp_host,
        "SMTP_PORT": str(settings.smtp_port),
        "SMTP_STARTTLS": "false",
        "PUBLIC_URL": settings.public_url,
    }.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["users", "send-reset", "Alice@example.org"])
    assert result.exit_code == 0, result.output
    assert "alice@example.org: reset link sent" in result.output
    assert "/wachtwoord-herstellen?token=" in link_of(mailed.messages[-1])
    unknown = CliRunner().invoke(main, ["users", "send-reset", "nobody@example.org"])
    assert unknown.exit_code == 1 and "geen account voor nobody@example.org" in unknown.output
