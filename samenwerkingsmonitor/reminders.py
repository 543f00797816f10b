"""Reminder e-mails to coordinators whose status updates are overdue, at most once per period.

A project × network is overdue when its latest submitted status update is older than
OVERDUE_DAYS (or there is none). Each active coordinator with overdue projects in their networks
gets one mail per period (a month); the record in reminder_sent is written in the same
transaction as the mail is sent, so a failed send is tried again the next day and two scheduler
processes cannot both send (the unique (user, period) constraint).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from db import models as m
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.mail import Mail, send_mail

log = logging.getLogger("samenwerkingsmonitor.reminders")

OVERDUE_DAYS = 31
JOB_ID = "remind-overdue"
JOB_CRON = "0 8 * * *"  # daily at 08:00; the period record keeps it to one mail a month


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def overdue_projects(conn, consortium_id: int, today: date) -> dict[str, list[tuple[str, str]]]:
    """Network code → [(project code, project name)] whose latest update is overdue."""
    su = m.StatusUpdate
    latest = (
        select(su.project_id, su.network_id, func.max(su.submitted_at).label("last"))
        .where(su.state == "submitted")
        .group_by(su.project_id, su.network_id)
        .subquery()
    )
    rows = conn.execute(
        select(m.Network.code, m.Project.code, m.Project.name, latest.c.last)
        .select_from(m.ProjectNetwork)
        .join(m.Project, m.Project.id == m.ProjectNetwork.project_id)
        .join(m.Network, m.Network.id == m.ProjectNetwork.network_id)
        .outerjoin(
            latest,
            (latest.c.project_id == m.ProjectNetwork.project_id)
            & (latest.c.network_id == m.ProjectNetwork.network_id),
        )
        .where(m.Project.consortium_id == consortium_id)
        .order_by(m.Network.code, m.Project.code)
    ).all()
    # Local midnight, OVERDUE_DAYS before today, as a stored (UTC) moment.
    limit = clock.to_utc(
        datetime.combine(today - timedelta(days=OVERDUE_DAYS), datetime.min.time())
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for network, code, name, last in rows:
        if last is None or last < limit:
            found.setdefault(network, []).append((code, name))
    return found


def _mail(settings, name: str, email: str, overdue: dict[str, list]) -> Mail:
    lines = [
        f"Beste {name},",
        "",
        "Voor deze projecten is de maandelijkse statusupdate nog niet doorgegeven:",
        "",
    ]
    for network, projects in overdue.items():
        lines += [f"  {network}: {code} {title}" for code, title in projects]
    lines += [
        "",
        f"Geef de stand door via {settings.public_url.rstrip('/')}/status (Status doorgeven).",
        "",
        "U krijgt deze herinnering ten hoogste één keer per maand.",
        "",
        "Samenwerkingsmonitor",
    ]
    return Mail(to=[email], subject="Herinnering: statusupdate projecten", text="\n".join(lines))


def remind_overdue(ctx, today: date | None = None, send=send_mail) -> list[str]:
    """Send this period's reminders; returns the addresses mailed."""
    today = today or clock.today()
    period = period_of(today)
    consortium_id = ctx.consortium_id  # before the connection: on first use it needs its own
    with ctx.engine.connect() as conn:
        overdue = overdue_projects(conn, consortium_id, today)
        coordinators = conn.execute(
            select(m.User.id, m.User.email, m.User.name, m.Network.code)
            .join(m.UserNetwork, m.UserNetwork.user_id == m.User.id)
            .join(m.Network, m.Network.id == m.UserNetwork.network_id)
            .where(m.User.role == "coordinator", m.User.active.is_(True))
            .order_by(m.User.id)
        ).all()
        already = set(
            conn.scalars(select(m.ReminderSent.user_id).where(m.ReminderSent.period == period))
        )
    people: dict[int, dict] = {}
    for user_id, email, name, network in coordinators:
        if network in overdue and user_id not in already:
            person = people.setdefault(user_id, {"email": email, "name": name, "overdue": {}})
            person["overdue"][network] = overdue[network]
    mailed = []
    for user_id, person in people.items():
        projects = [f"{n}/{c}" for n, items in person["overdue"].items() for c, _ in items]
        try:
            with ctx.engine.begin() as conn:
                conn.execute(
                    insert(m.ReminderSent).values(
                        user_id=user_id, period=period, sent_at=clock.now_utc(), projects=projects
                    )
                )
                # Sent inside the transaction: if sending fails nothing is recorded.
                send(
                    ctx.settings,
                    _mail(ctx.settings, person["name"], person["email"], person["overdue"]),
                )
        except IntegrityError:
            continue  # another process sent this period's reminder a moment ago
        except OSError as error:
            log.error("reminder to %s not sent: %s", person["email"], error)
            continue
        log.info("reminder sent to %s for %s", person["email"], ", ".join(projects))
        mailed.append(person["email"])
    return mailed


def remind_overdue_job() -> None:
    """The scheduled job (id remind-overdue): builds its own Context like the other jobs."""
    from samenwerkingsmonitor.context import Context

    ctx = Context.from_env()
    try:
        remind_overdue(ctx)
    finally:
        ctx.engine.dispose()
