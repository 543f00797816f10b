"""Reset links: the administrator sends a person a link by mail with which they choose a new
password themselves (`users send-reset` on the command line, "Resetlink sturen" on the users page).

The link carries a token signed with SECRET_KEY (itsdangerous) that names the account and a
fingerprint of its current password hash. No table is needed: the token expires after
RESET_HOURS, and once the password has changed (by this link or otherwise) the fingerprint no
longer matches, so every link works once.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import Engine, select

from accounts.users import Account, AccountError, audit, load_account, set_password
from db import models as m
from samenwerkingsmonitor.mail import Mail, send_mail
from samenwerkingsmonitor.settings import Settings

RESET_HOURS = 48
RESET_PATH = "/wachtwoord-herstellen"
_SALT = "samenwerkingsmonitor.password-reset"


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def _fingerprint(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:24]


def _stored(engine: Engine, *, email: str | None = None, user_id: int | None = None):
    with engine.connect() as conn:
        account = load_account(conn, user_id=user_id, email=email)
        if account is None:
            return None, None
        stored = conn.scalar(select(m.User.password_hash).where(m.User.id == account.id))
    return account, stored


def reset_token(engine: Engine, secret: str, email: str) -> str:
    """A token for the account of `email`; AccountError for an unknown or disabled account."""
    account, stored = _stored(engine, email=email)
    if account is None:
        raise AccountError(f"geen account voor {email}")
    if not account.active:
        raise AccountError(f"het account van {account.email} is uitgeschakeld")
    return _serializer(secret).dumps({"u": account.id, "h": _fingerprint(stored)})


def account_for_token(engine: Engine, secret: str, token: str) -> Account:
    """The account a token is for; AccountError when it is forged, expired or already used."""
    try:
        data = _serializer(secret).loads(token or "", max_age=RESET_HOURS * 3600)
    except SignatureExpired:
        raise AccountError("deze link is verlopen; vraag de beheerder om een nieuwe") from None
    except BadSignature:
        raise AccountError("deze link is ongeldig") from None
    account, stored = _stored(engine, user_id=data.get("u") if isinstance(data, dict) else None)
    if account is None or not account.active or data.get("h") != _fingerprint(stored):
        raise AccountError("deze link is al gebruikt of niet meer geldig") from None
    return account


def reset_with_token(engine: Engine, secret: str, token: str, password: str) -> Account:
    """Set the password a valid link's owner chose; every session of the account ends."""
    account = account_for_token(engine, secret, token)
    set_password(engine, account.email, password, actor=account, action="reset_by_link")
    return account


def send_reset_link(
    engine: Engine,
    settings: Settings,
    email: str,
    *,
    actor: Account | None = None,
    actor_name: str = "cli",
) -> str:
    """Mail the account a reset link (audited as "send_reset_link"); returns the address."""
    token = reset_token(engine, settings.secret_key, email)
    account, _ = _stored(engine, email=email)
    link = f"{settings.public_url or ''}{RESET_PATH}?{urlencode({'token': token})}"
    text = (
        f"Beste {account.name},\n\n"
        f"Met deze link kiest u een nieuw wachtwoord voor de Samenwerkingsmonitor "
        f"(geldig {RESET_HOURS} uur, één keer te gebruiken):\n\n{link}\n\n"
        f"With this link you choose a new password for the Samenwerkingsmonitor "
        f"(valid {RESET_HOURS} hours, once).\n"
    )
    send_mail(settings, Mail([account.email], "Samenwerkingsmonitor: nieuw wachtwoord", text))
    with engine.begin() as conn:
        audit(
            conn,
            actor,
            "send_reset_link",
            "user",
            account.email,
            None,
            {"valid_hours": RESET_HOURS},
            actor_name=actor_name,
        )
    return account.email
