"""People's accounts: argon2 password hashes, look-ups with their networks, the log-in throttle,
the audit trail of every change, and the demo accounts of the embedded default.

Roles and what they may do are in domain.md ("Who may do what"); the dashboard asks
`dashboard/access.py`, which reads the `Account` built here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from accounts import sessions, throttle
from db import models as m
from db.types import utcnow
from samenwerkingsmonitor.vocabulary import NETWORK_ROLES  # tied to networks; the rest read all

ROLES = m.ROLES

MIN_PASSWORD = 10

# The throttle's limits (accounts/throttle.py), here for the callers that know them.
THROTTLE_WINDOW = throttle.THROTTLE_WINDOW
MAX_FAILURES_PER_EMAIL = throttle.MAX_FAILURES_PER_EMAIL
MAX_FAILURES_PER_IP = throttle.MAX_FAILURES_PER_IP

_hasher = PasswordHasher()
# Verifying against this keeps a log-in for an unknown address as slow as one for a known one,
# so the answer time does not tell which addresses have accounts. Made at the first log-in, not
# at import: every command line start (`--help` too) imports this module, and a hash costs CPU.
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash("not-a-password-of-anyone")
    return _DUMMY_HASH


class AccountError(ValueError):
    """A clear reason why an account command cannot be done (unknown e-mail, bad role …)."""


@dataclass(frozen=True)
class Account:
    """The logged-in person as the dashboard needs it."""

    id: int
    email: str
    name: str
    role: str
    active: bool
    networks: tuple[str, ...] = field(default_factory=tuple)

    @property
    def reads_everything(self) -> bool:
        return self.role in ("beheerder", "rapporteur")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"het wachtwoord moet minstens {MIN_PASSWORD} tekens hebben")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def load_account(conn: Connection, user_id: int | None = None, email: str | None = None):
    """The account by id or e-mail with its network codes, or None."""
    u = m.User
    query = select(u)
    query = query.where(u.id == user_id) if user_id is not None else query
    query = query.where(u.email == normalise_email(email)) if email is not None else query
    row = conn.execute(query).first()
    if row is None:
        return None
    networks = tuple(
        conn.scalars(
            select(m.Network.code)
            .join(m.UserNetwork, m.UserNetwork.network_id == m.Network.id)
            .where(m.UserNetwork.user_id == row.id)
            .order_by(m.Network.code)
        )
    )
    return Account(row.id, row.email, row.name, row.role, bool(row.active), networks)


def audit(
    conn: Connection,
    actor: Account | None,
    action: str,
    entity: str,
    entity_id,
    before: dict | None = None,
    after: dict | None = None,
    *,
    actor_name: str | None = None,
) -> None:
    """One line of the audit trail: who, when, what, and the values before and after."""
    conn.execute(
        insert(m.AuditEvent).values(
            at=utcnow().replace(microsecond=0),
            user_id=actor.id if actor else None,
            actor=actor.email if actor else (actor_name or "system"),
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            before=before,
            after=after,
        )
    )


def _network_ids(conn: Connection, codes: list[str]) -> list[int]:
    found = dict(conn.execute(select(m.Network.code, m.Network.id)).all())
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise AccountError(f"onbekend netwerk: {', '.join(unknown)}")
    return [found[c] for c in codes]


def _snapshot(account: Account | None) -> dict | None:
    if account is None:
        return None
    return {
        "email": account.email,
        "name": account.name,
        "role": account.role,
        "active": account.active,
        "networks": list(account.networks),
    }


def add_user(
    engine: Engine,
    email: str,
    name: str,
    role: str,
    password: str,
    networks: list[str] = (),
    *,
    actor: Account | None = None,
    actor_name: str = "cli",
) -> Account:
    """Create an account; a coordinator or steering-group member needs at least one network."""
    email = normalise_email(email)
    if "@" not in email:
        raise AccountError(f"{email!r} is geen e-mailadres")
    if role not in ROLES:
        raise AccountError(f"rol {role!r} bestaat niet; kies uit {', '.join(ROLES)}")
    if role in NETWORK_ROLES and not networks:
        raise AccountError(f"een {role} hoort bij minstens één netwerk (--network)")
    check_password_rules(password)
    with engine.begin() as conn:
        if load_account(conn, email=email) is not None:
            raise AccountError(f"er is al een account voor {email}")
        ids = _network_ids(conn, list(networks))
        user_id = conn.execute(
            insert(m.User)
            .values(email=email, name=name, role=role, password_hash=hash_password(password))
            .returning(m.User.id)
        ).scalar_one()
        for network_id in ids:
            conn.execute(insert(m.UserNetwork).values(user_id=user_id, network_id=network_id))
        account = load_account(conn, user_id)
        audit(conn, actor, "create", "user", email, None, _snapshot(account), actor_name=actor_name)
    return account


def list_users(engine: Engine) -> list[Account]:
    with engine.connect() as conn:
        ids = conn.scalars(select(m.User.id).order_by(m.User.email)).all()
        return [load_account(conn, i) for i in ids]


def _existing(conn: Connection, email: str) -> Account:
    account = load_account(conn, email=email)
    if account is None:
        raise AccountError(f"geen account voor {normalise_email(email)}")
    return account


def set_role(
    engine: Engine,
    email: str,
    role: str,
    networks: list[str] | None = None,
    *,
    actor: Account | None = None,
    actor_name: str = "cli",
) -> Account:
    """Change the role (and, when given, replace the networks) of an account."""
    if role not in ROLES:
        raise AccountError(f"rol {role!r} bestaat niet; kies uit {', '.join(ROLES)}")
    with engine.begin() as conn:
        before = _existing(conn, email)
        wanted = list(before.networks) if networks is None else list(networks)
        if role in NETWORK_ROLES and not wanted:
            raise AccountError(f"een {role} hoort bij minstens één netwerk (--network)")
        ids = _network_ids(conn, wanted)
        conn.execute(update(m.User).where(m.User.id == before.id).values(role=role))
        conn.execute(delete(m.UserNetwork).where(m.UserNetwork.user_id == before.id))
        for network_id in ids:
            conn.execute(insert(m.UserNetwork).values(user_id=before.id, network_id=network_id))
        # Rights are read per request, but a new role ends the sessions too: log in afresh.
        sessions.revoke_all(conn, before.id)
        after = load_account(conn, before.id)
        audit(
            conn,
            actor,
            "set_role",
            "user",
            before.email,
            _snapshot(before),
            _snapshot(after),
            actor_name=actor_name,
        )
    return after


def set_active(
    engine: Engine, email: str, active: bool, *, actor: Account | None = None, actor_name="cli"
) -> Account:
    """Disable (or enable again) an account; a disabled account's sessions stop at once."""
    with engine.begin() as conn:
        before = _existing(conn, email)
        conn.execute(update(m.User).where(m.User.id == before.id).values(active=active))
        if not active:
            sessions.revoke_all(conn, before.id)
        after = load_account(conn, before.id)
        audit(
            conn,
            actor,
            "disable" if not active else "enable",
            "user",
            before.email,
            _snapshot(before),
            _snapshot(after),
            actor_name=actor_name,
        )
    return after


def set_password(
    engine: Engine,
    email: str,
    password: str | None = None,
    *,
    actor: Account | None = None,
    actor_name: str = "cli",
    action: str = "reset_password",
    keep_session: str | None = None,
) -> str:
    """Set a new password (a random one when none is given, returned so it can be passed on).
    Every session of the account ends, except `keep_session` (the id of the session in which
    the person changed their own password).

    The hash itself never goes into the audit trail: only that it changed."""
    password = password or secrets.token_urlsafe(12)
    check_password_rules(password)
    with engine.begin() as conn:
        before = _existing(conn, email)
        conn.execute(
            update(m.User)
            .where(m.User.id == before.id)
            .values(password_hash=hash_password(password))
        )
        sessions.revoke_all(conn, before.id, keep=keep_session)
        audit(
            conn,
            actor,
            action,
            "user",
            before.email,
            {"password": "…"},
            {"password": "changed"},
            actor_name=actor_name,
        )
    return password


def change_own_password(
    engine: Engine, account: Account, current: str, new: str, *, keep_session: str | None = None
) -> None:
    """A person changes their own password: the current one must be right. Their other sessions
    end; `keep_session` (the one they are using) stays."""
    with engine.connect() as conn:
        stored = conn.scalar(select(m.User.password_hash).where(m.User.id == account.id))
    if not _verify(stored, current):
        raise AccountError("het huidige wachtwoord klopt niet")
    set_password(
        engine,
        account.email,
        new,
        actor=account,
        action="change_password",
        keep_session=keep_session,
    )


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _dummy_hash(), password or "") and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def authenticate(engine: Engine, email: str, password: str, ip: str) -> tuple[Account | None, str]:
    """(account, "") on success, else (None, reason): "throttled" or "invalid".

    The attempt is counted against the throttle before the password is checked (a throttled one
    is refused unchecked), and no connection is held during the check: argon2 takes a while."""
    email = normalise_email(email)
    now = utcnow()
    if not throttle.reserve(engine, email, ip):
        _record_attempt(engine, email, ip, False)
        return None, "throttled"
    with engine.connect() as conn:
        stored = conn.execute(
            select(m.User.id, m.User.password_hash, m.User.active).where(m.User.email == email)
        ).first()
    ok = _verify(stored.password_hash if stored else None, password)
    ok = ok and stored is not None and bool(stored.active)
    with engine.begin() as conn:
        conn.execute(insert(m.LoginAttempt).values(at=now, email=email, ip=ip, success=ok))
        # Old attempts only cost space: drop those far outside the window now and then.
        conn.execute(delete(m.LoginAttempt).where(m.LoginAttempt.at < now - 10 * THROTTLE_WINDOW))
        if not ok:
            return None, "invalid"
        throttle.release(conn, email, ip)
        if _hasher.check_needs_rehash(stored.password_hash):
            conn.execute(
                update(m.User)
                .where(m.User.id == stored.id)
                .values(password_hash=hash_password(password))
            )
        return load_account(conn, stored.id), ""


def _record_attempt(engine: Engine, email: str, ip: str, success: bool) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(m.LoginAttempt).values(at=utcnow(), email=email, ip=ip, success=success)
        )


# The embedded default's demo accounts: one per role (domain.md), named after the test users.
DEMO_PASSWORD = "demo-wachtwoord"
DEMO_ACCOUNTS = (
    ("beheerder@example.org", "Beheerder (demo)", "beheerder", ()),
    ("alice@example.org", "Alice (coördinator Utrecht stad)", "coordinator", ("UTS",)),
    ("bob@example.org", "Bob (stuurgroep Eemland)", "stuurgroep", ("EEM",)),
    ("rapporteur@example.org", "Rapporteur (demo)", "rapporteur", ()),
)


def create_demo_accounts(engine: Engine) -> list[str]:
    """The demo accounts, when the database has no accounts at all; the lines to print."""
    with engine.connect() as conn:
        if conn.scalar(select(func.count()).select_from(m.User)):
            return []
        codes = set(conn.scalars(select(m.Network.code)))
    lines = []
    for email, name, role, networks in DEMO_ACCOUNTS:
        mine = [c for c in networks if c in codes] or ([sorted(codes)[0]] if networks else [])
        add_user(engine, email, name, role, DEMO_PASSWORD, mine, actor_name="demo")
        lines.append(f"{role:<12} {email}  ({', '.join(mine) or 'alle netwerken'})")
    return lines
