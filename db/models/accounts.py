"""People: accounts and their networks, the audit trail, the log-in throttle, sessions and
the reminders sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from db.types import UTCDateTime


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class UserNetwork(Base):
    """The networks a coordinator or steering-group member belongs to."""

    __tablename__ = "user_network"
    user_id: Mapped[int] = _fk("user_account.id", primary_key=True)
    network_id: Mapped[int] = _fk("network.id", primary_key=True)


class AuditEvent(Base):
    """Who changed what, when, with the values before and after."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


class LoginAttempt(Base):
    """One log-in attempt, kept a few hours as a record (the throttle counts in login_throttle)."""

    __tablename__ = "login_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    email: Mapped[str] = mapped_column(String(200), index=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    success: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginThrottle(Base):
    """Failed log-ins per e-mail address ("email:…") or client address ("ip:…") in the window
    that began at window_start: one row per key, reserved by a single conditional upsert so that
    concurrent attempts cannot all pass the limit (accounts/throttle.py)."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer)


class WebSession(Base):
    """A log-in session on the server. The browser's cookie holds only a random id; this row holds
    its SHA-256 hash (a copy of the table opens no session). Log-out, a password change, disabling
    the account or a new role end it by setting revoked_at (accounts/sessions.py)."""

    __tablename__ = "web_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = _fk("user_account.id", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReminderSent(Base):
    """A reminder e-mail sent to a coordinator for one period: at most one per person per period."""

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("user_id", "period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _fk("user_account.id")
    period: Mapped[str] = mapped_column(String(10))  # e.g. 2026-11 (monthly)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    projects: Mapped[list | None] = mapped_column(JSON)
