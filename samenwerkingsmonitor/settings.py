"""Deployment settings from environment variables, validated once at start.

Each setting is declared once in SETTINGS (name, default, meaning); the same table drives validation,
`samenwerkingsmonitor --help` and docs/configuration.md, so they cannot drift apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "var"

# name -> (default, meaning)
SETTINGS: dict[str, tuple[str | None, str]] = {
    "DATABASE_URL": (None, "SQLAlchemy URL; default: the embedded SQLite file in DATA_DIR"),
    "DATA_DIR": (str(DEFAULT_DATA_DIR), "folder for the embedded database and the file inboxes"),
    "FRAMEWORK_FILE": (None, "measurement framework YAML; default config/framework/septet.yaml"),
    "SOURCES_FILE": (None, "collector sources YAML; default config/sources.yaml"),
    "SECRET_KEY": (None, "session signing key; required when MONITOR_ENV=production"),
    "MONITOR_ENV": ("embedded", "embedded (one machine, demo data) or production"),
    "HOST": ("127.0.0.1", "address the dashboard listens on"),
    "PORT": ("8050", "port the dashboard listens on"),
    "SCHEDULER_TICK_SECONDS": ("60", "how often the scheduler recomputes changed data"),
    "SMTP_HOST": (None, "mail server; unset: mails are written to the log (embedded default)"),
    "SMTP_PORT": ("587", "mail server port"),
    "SMTP_USER": (None, "mail server login (optional)"),
    "SMTP_PASSWORD": (None, "mail server password (optional)"),
    "SMTP_STARTTLS": ("true", "use STARTTLS (true/false)"),
    "MAIL_FROM": ("samenwerkingsmonitor@localhost", "sender of reminders and digests"),
    "DIGEST_FILE": (None, "steering-group digest recipients YAML; default config/digest.yaml"),
    "CHROMIUM_PATH": (None, "Chromium for the report's charts; default: chromium on the PATH"),
    "PUBLIC_URL": ("http://127.0.0.1:8050", "the dashboard's address, for links in e-mails"),
    "SESSION_HOURS": ("8", "a log-in session ends this many hours after log-in (1-72)"),
    "SESSION_IDLE_MINUTES": ("60", "a session unused this many minutes ends (5-1440)"),
    "TRUSTED_PROXIES": ("0", "reverse proxies in front of the dashboard (X-Forwarded-For hops)"),
    "MAX_REQUEST_MB": ("8", "largest request body in MB; larger ones get 413 unread (1-100)"),
    "TIME_ZONE": ("Europe/Amsterdam", "zone of shown and scheduled times; stored times are UTC"),
}
# Operations: how much the web app and the scheduler log (JSON lines, samenwerkingsmonitor/logs.py).
SETTINGS["LOG_LEVEL"] = (
    "INFO",
    "log level of the web app and the scheduler: DEBUG, INFO, WARNING or ERROR",
)


class SettingsError(ValueError):
    """A setting has a bad value; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    framework_file: Path | None
    secret_key: str
    env: str
    host: str
    port: int
    scheduler_tick_seconds: int
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    mail_from: str = "samenwerkingsmonitor@localhost"
    public_url: str = "http://127.0.0.1:8050"
    session_hours: int = 8
    session_idle_minutes: int = 60
    trusted_proxies: int = 0
    max_request_mb: int = 8
    log_level: str = "INFO"
    time_zone: str = "Europe/Amsterdam"

    @property
    def embedded(self) -> bool:
        return self.env == "embedded"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or SETTINGS[name][0]

        def integer(name: str, low: int, high: int) -> int:
            raw = get(name)
            try:
                value = int(raw or "")
            except ValueError:
                raise SettingsError(f"{name}: expected a whole number, got {raw!r}") from None
            if not low <= value <= high:
                raise SettingsError(f"{name}: expected {low}..{high}, got {value}")
            return value

        def boolean(name: str) -> bool:
            raw = (get(name) or "").lower()
            if raw not in ("true", "false", "1", "0", "yes", "no"):
                raise SettingsError(f"{name}: expected true or false, got {raw!r}")
            return raw in ("true", "1", "yes")

        mode = get("MONITOR_ENV") or "embedded"
        if mode not in ("embedded", "production"):
            raise SettingsError(f"MONITOR_ENV: expected 'embedded' or 'production', got {mode!r}")
        data_dir = Path(get("DATA_DIR") or DEFAULT_DATA_DIR)
        url = get("DATABASE_URL") or f"sqlite:///{data_dir / 'samenwerkingsmonitor.sqlite'}"
        if "://" not in url:
            raise SettingsError(f"DATABASE_URL: not a database URL: {url!r}")
        check_database_url(url)
        secret = get("SECRET_KEY")
        if not secret:
            if mode == "production":
                raise SettingsError("SECRET_KEY: required when MONITOR_ENV=production")
            secret = DEVELOPMENT_KEY
        check_production_secret(mode, secret)
        framework = get("FRAMEWORK_FILE")
        return cls(
            database_url=url,
            data_dir=data_dir,
            framework_file=Path(framework) if framework else None,
            secret_key=secret,
            env=mode,
            host=get("HOST") or "127.0.0.1",
            port=integer("PORT", 1, 65535),
            scheduler_tick_seconds=integer("SCHEDULER_TICK_SECONDS", 1, 86400),
            smtp_host=get("SMTP_HOST"),
            smtp_port=integer("SMTP_PORT", 1, 65535),
            smtp_user=get("SMTP_USER"),
            smtp_password=get("SMTP_PASSWORD"),
            smtp_starttls=boolean("SMTP_STARTTLS"),
            mail_from=get("MAIL_FROM") or "samenwerkingsmonitor@localhost",
            public_url=(get("PUBLIC_URL") or "").rstrip("/"),
            session_hours=integer("SESSION_HOURS", 1, 72),
            session_idle_minutes=integer("SESSION_IDLE_MINUTES", 5, 1440),
            trusted_proxies=integer("TRUSTED_PROXIES", 0, 5),
            max_request_mb=integer("MAX_REQUEST_MB", 1, 100),
            log_level=parse_log_level(get("LOG_LEVEL") or "INFO"),
            time_zone=check_time_zone(get("TIME_ZONE") or "Europe/Amsterdam"),
        )


# --- Production secrets (deployment) ---------------------------------------------------------
# The development key is in this public source file, so a production install that set it (say,
# copied from a how-to) would sign sessions anyone can forge; a short key can be guessed offline.
DEVELOPMENT_KEY = "embedded-development-key-not-for-production"
MIN_PRODUCTION_KEY_LENGTH = 32


def check_production_secret(mode: str, secret: str) -> None:
    """Refuse the built-in development key, and keys too short to resist guessing, in production."""
    if mode != "production":
        return
    hint = "make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
    if secret == DEVELOPMENT_KEY:
        raise SettingsError(
            f"SECRET_KEY: the built-in development key is refused in production; {hint}"
        )
    if len(secret) < MIN_PRODUCTION_KEY_LENGTH:
        raise SettingsError(
            f"SECRET_KEY: {len(secret)} characters is too short for production "
            f"(at least {MIN_PRODUCTION_KEY_LENGTH}); {hint}"
        )


# --- Operations: log level, and the kinds of database this program runs on ---------------------
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def parse_log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL: expected one of {', '.join(LOG_LEVELS)}, got {raw!r}")
    return level


# Checked at start, so another kind fails with one line naming the variable, not with a driver
# that is not installed (psycopg2, MySQLdb …) deep inside the first query.
SUPPORTED_DATABASES = {("sqlite", "pysqlite"), ("postgresql", "psycopg")}


def check_database_url(url: str) -> None:
    """Refuse a DATABASE_URL of a kind other than SQLite or PostgreSQL through psycopg 3."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError("DATABASE_URL: not a database URL SQLAlchemy can read") from None
    shown = parsed._replace(password=None).render_as_string(hide_password=False)
    try:
        kind = (parsed.get_backend_name(), parsed.get_driver_name())
    except NoSuchModuleError:
        kind = (parsed.drivername, "")
    if kind not in SUPPORTED_DATABASES:
        raise SettingsError(
            f"DATABASE_URL: unsupported database {parsed.drivername!r} ({shown}): "
            "use sqlite:///<file> or postgresql+psycopg://<user>@<host>/<database>"
        )


# --- Time zone (issue 13) --------------------------------------------------------------------
# samenwerkingsmonitor/clock.py reads TIME_ZONE itself (collectors and forms have no Settings);
# checking it here makes a typo stop every command at start, not the first reminder at 08:00.


def check_time_zone(name: str) -> str:
    """The name of a known IANA zone, or SettingsError."""
    from samenwerkingsmonitor.clock import parse_zone

    try:
        parse_zone(name)
    except ValueError as error:
        raise SettingsError(f"TIME_ZONE: {error}") from None
    return name
