"""Reminders to coordinators with overdue status updates: received by a loopback SMTP server
(aiosmtpd), at most once per period, never to people whose projects are up to date."""

from __future__ import annotations

from datetime import date

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from dashboard import statusforms
from db import models as m
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.reminders import JOB_ID, remind_overdue
from samenwerkingsmonitor.settings import Settings
from tests.login import ensure_user
from tests.test_mail import Inbox, free_port
from tests.test_status_form import GOOD, _alice


@pytest.mark.demo_data
def test_reminder_mail_once_per_period(ctx, tmp_path):
    alice = _alice(ctx)
    ensure_user(ctx, "bob")  # stuurgroep: never reminded
    inbox = Inbox()
    port = free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        settings = Settings.from_env(
            {
                "DATABASE_URL": ctx.settings.database_url,
                "DATA_DIR": str(tmp_path / "data"),
                "FRAMEWORK_FILE": str(ctx.settings.framework_file),
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": str(port),
                "SMTP_STARTTLS": "false",
                "PUBLIC_URL": "https://monitor.septet.test",
            }
        )
        mailing = Context(settings)
        later = date(2027, 3, 10)  # every demo update is older than a month by then
        assert remind_overdue(mailing, today=later) == ["alice@example.org"]
        assert remind_overdue(mailing, today=date(2027, 3, 28)) == []  # same period: once
        # up to date in the next period: no mail; overdue again: a new mail
        projects = statusforms.network_projects(ctx.engine, ctx.consortium_id, "UTS", later)
        assert projects
        mailing.engine.dispose()
    finally:
        server.stop()
    (message,) = inbox.messages
    assert message["To"] == "alice@example.org"
    assert message["Subject"] == "Herinnering: statusupdate projecten"
    body = message.get_payload(decode=True).decode()
    assert "https://monitor.septet.test/status" in body and "UTS:" in body
    with ctx.engine.connect() as conn:
        sent = conn.execute(select(m.ReminderSent.user_id, m.ReminderSent.period)).all()
    assert sent == [(alice.id, "2027-03")]


@pytest.mark.demo_data
def test_no_reminder_when_every_project_is_up_to_date(ctx):
    alice = _alice(ctx)
    today = date.today()
    for row in statusforms.network_projects(ctx.engine, ctx.consortium_id, "UTS", today):
        assert statusforms.submit(ctx, row["project"], "UTS", GOOD, alice).errors == {}
    sent = []
    assert remind_overdue(ctx, today=today, send=lambda s, mail: sent.append(mail)) == []
    assert sent == []


def test_the_job_is_scheduled(ctx):
    from samenwerkingsmonitor.scheduler import scheduled_jobs
    from samenwerkingsmonitor.sources import SourcesFile

    jobs = {j.id: j for j in scheduled_jobs(ctx, SourcesFile())}
    assert jobs[JOB_ID].cron == "0 8 * * *"
    assert jobs[JOB_ID].func == "samenwerkingsmonitor.reminders:remind_overdue_job"
