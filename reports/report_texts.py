"""The texts the consortium writes into its NPPZ report on the Rapportage page: the foreword
(printed on the cover) and its reflection per network (printed in that network's chapter).

Every save is kept as a version in report_text, with who saved it and when, so the steering
group can see how a text came about and take an earlier wording back; the latest version is the
text in force and an empty one removes it. A save that changes nothing adds no version. Every
change also goes into the audit trail. The report prints them as text (reports/layout.p escapes
them): markup a person types stays what they typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, func, insert, select

from db import models as m
from samenwerkingsmonitor import clock

MAX_LENGTH = 3000  # about half a page: under the cover's title, or in a network's chapter


class TextTooLong(ValueError):
    """A text longer than MAX_LENGTH characters."""


class UnknownNetwork(ValueError):
    """A network code that is not one of the consortium's networks."""


@dataclass(frozen=True)
class TextVersion:
    version: int
    text: str
    saved_by: str | None  # the account's name; None once the account is gone
    saved_at: datetime


def _network_id(conn: Connection, consortium_id: int, network: str | None) -> int | None:
    if network is None:
        return None
    found = conn.scalar(
        select(m.Network.id).where(
            m.Network.consortium_id == consortium_id, m.Network.code == network
        )
    )
    if found is None:
        raise UnknownNetwork(f"no network {network!r} in this consortium")
    return found


def _own(consortium_id: int, network_id: int | None):
    t = m.ReportText
    about = t.network_id.is_(None) if network_id is None else t.network_id == network_id
    return (t.consortium_id == consortium_id) & about


def versions(engine: Engine, consortium_id: int, network: str | None = None) -> list[TextVersion]:
    """Every version of the foreword (network None) or of a network's reflection, newest first."""
    t = m.ReportText
    with engine.connect() as c:
        own = _own(consortium_id, _network_id(c, consortium_id, network))
        rows = c.execute(
            select(t.version, t.text, m.User.name, t.saved_at)
            .outerjoin(m.User, m.User.id == t.saved_by)
            .where(own)
            .order_by(t.id.desc())
        ).all()
    return [TextVersion(*row) for row in rows]


def current_text(engine: Engine, consortium_id: int, network: str | None = None) -> str:
    """The text in force ("" when there is none or it was removed)."""
    t = m.ReportText
    with engine.connect() as c:
        own = _own(consortium_id, _network_id(c, consortium_id, network))
        text = c.scalar(select(t.text).where(own).order_by(t.id.desc()).limit(1))
    return text or ""


def reflections(engine: Engine, consortium_id: int) -> dict[str, str]:
    """The reflection in force per network code (networks without one are left out)."""
    t = m.ReportText
    latest = (
        select(func.max(t.id))
        .where(t.consortium_id == consortium_id, t.network_id.is_not(None))
        .group_by(t.network_id)
    )
    with engine.connect() as c:
        rows = c.execute(
            select(m.Network.code, t.text)
            .join(m.Network, m.Network.id == t.network_id)
            .where(t.id.in_(latest))
        ).all()
    return {code: text for code, text in rows if text}


def save_text(
    engine: Engine, consortium_id: int, text: str, actor=None, network: str | None = None
) -> TextVersion | None:
    """Store `text` as the new version of the foreword (network None) or of the network's
    reflection; returns that version, or None when the text is the one in force already.
    Raises TextTooLong and UnknownNetwork."""
    # Imported here: the accounts module brings the password hashing, which building a report
    # (the other users of this module) never needs.
    from accounts.users import audit

    text = (text or "").strip()
    if len(text) > MAX_LENGTH:
        raise TextTooLong(f"at most {MAX_LENGTH} characters (got {len(text)})")
    t = m.ReportText
    with engine.begin() as c:
        network_id = _network_id(c, consortium_id, network)
        own = _own(consortium_id, network_id)
        latest = c.execute(select(t.version, t.text).where(own).order_by(t.id.desc()).limit(1))
        before = latest.first()
        if (before.text if before else "") == text:
            return None
        saved = TextVersion(
            version=(before.version if before else 0) + 1,
            text=text,
            saved_by=getattr(actor, "name", None),
            saved_at=clock.now_utc().replace(microsecond=0),
        )
        c.execute(
            insert(t).values(
                consortium_id=consortium_id,
                network_id=network_id,
                version=saved.version,
                text=text,
                saved_by=getattr(actor, "id", None),
                saved_at=saved.saved_at,
            )
        )
        entity, entity_id = (
            ("report_foreword", consortium_id)
            if network is None
            else ("report_reflection", network)
        )
        was = (before.text or None) if before else None
        audit(c, actor, "update", entity, entity_id, {"text": was}, {"text": text or None})
    return saved
