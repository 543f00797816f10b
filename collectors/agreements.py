"""The agreements register (samenwerkingsafspraken): documented transmural agreements between two
or more partners of one network — what about, since when, when they are evaluated next.

The dashboard's form is one more source (design.md): it writes through here, so the rules live in
one place. Validation answers per field with an error *key* (an i18n key of dashboard/i18n.py), so
the page says it in Dutch or English; the module itself knows nothing of Dash. Every write is one
transaction and leaves an audit event with the values before and after, like the status forms.

Who may write which network (domain.md, "Who may do what") is the caller's check: the dashboard
checks the session's role and networks on the server before it calls these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from accounts.users import audit, load_account
from db import models as m
from samenwerkingsmonitor import clock

DESCRIPTION_MAX = 1000
MIN_PARTNERS = 2
COLUMNS = [
    "id",
    "network",
    "topic",
    "description",
    "since",
    "next_evaluation",
    "partners",
    "partner_names",
    "updated_by",
    "updated_at",
]


class AgreementError(ValueError):
    """The agreement was not stored; `errors` maps each field to an i18n error key."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {key}" for field, key in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class _Valid:
    network_id: int
    topic: str
    description: str
    since: date
    next_evaluation: date | None
    partner_ids: list[int]
    partner_codes: list[str]


def parse_date(value) -> date | None:
    """A date from a date, an ISO text (yyyy-mm-dd, as date pickers send) or dd-mm-jjjj; None for
    empty; ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date")


def _network_id(conn: Connection, consortium_id: int, network: str | None) -> int | None:
    if not network:
        return None
    return conn.scalar(
        select(m.Network.id).where(
            m.Network.consortium_id == consortium_id, m.Network.code == network
        )
    )


def network_partners(engine: Engine, consortium_id: int, network: str) -> dict[str, str]:
    """Partner code → name of one network, by name: the choices of an agreement's partners."""
    with engine.connect() as conn:
        return _partners(conn, consortium_id, network)


def _partners(conn: Connection, consortium_id: int, network: str) -> dict[str, str]:
    rows = conn.execute(
        select(m.Partner.code, m.Partner.name)
        .join(m.Network, m.Network.id == m.Partner.network_id)
        .where(m.Network.consortium_id == consortium_id, m.Network.code == network)
        .order_by(m.Partner.name, m.Partner.code)
    ).all()
    return dict(rows)


def _validate(
    conn: Connection,
    consortium_id: int,
    *,
    network: str,
    topic,
    description,
    since,
    next_evaluation,
    partners,
    today: date,
) -> _Valid:
    errors: dict[str, str] = {}
    network_id = _network_id(conn, consortium_id, network)
    if network_id is None:
        errors["network"] = "agreement_error_network"
    if topic not in m.AGREEMENT_TOPICS:
        errors["topic"] = "agreement_error_topic"
    text = (description or "").strip() if isinstance(description, str | None) else ""
    if not text:
        errors["description"] = "agreement_error_description_empty"
    elif len(text) > DESCRIPTION_MAX:
        errors["description"] = "agreement_error_description_long"
    try:
        start = parse_date(since)
    except ValueError:
        start = None
        errors["since"] = "agreement_error_date_invalid"
    if start is None and "since" not in errors:
        errors["since"] = "agreement_error_since_empty"
    elif start is not None and start > today:
        errors["since"] = "agreement_error_since_future"
    try:
        evaluation = parse_date(next_evaluation)
    except ValueError:
        evaluation = None
        errors["next_evaluation"] = "agreement_error_date_invalid"
    if evaluation is not None and start is not None and evaluation <= start:
        errors["next_evaluation"] = "agreement_error_evaluation_before_since"
    codes = sorted({str(p).strip() for p in partners or [] if str(p).strip()})
    ids: list[int] = []
    if network_id is not None:
        known = dict(
            conn.execute(
                select(m.Partner.code, m.Partner.id).where(m.Partner.network_id == network_id)
            ).all()
        )
        if any(code not in known for code in codes):
            errors["partners"] = "agreement_error_partners_network"
        ids = [known[c] for c in codes if c in known]
    if "partners" not in errors and len(codes) < MIN_PARTNERS:
        errors["partners"] = "agreement_error_partners_few"
    if errors:
        raise AgreementError(errors)
    return _Valid(network_id, topic, text, start, evaluation, ids, codes)


def _snapshot(conn: Connection, agreement_id: int) -> dict | None:
    """The stored agreement as the audit trail keeps it (codes, ISO dates)."""
    a = m.Agreement
    agreement = conn.execute(
        select(a.topic, a.description, a.since, a.next_evaluation, m.Network.code.label("network"))
        .join(m.Network, m.Network.id == a.network_id)
        .where(a.id == agreement_id)
    ).first()
    if agreement is None:
        return None
    partners = conn.scalars(
        select(m.Partner.code)
        .join(m.AgreementPartner, m.AgreementPartner.partner_id == m.Partner.id)
        .where(m.AgreementPartner.agreement_id == agreement_id)
        .order_by(m.Partner.code)
    ).all()
    return {
        "network": agreement.network,
        "topic": agreement.topic,
        "description": agreement.description,
        "since": agreement.since.isoformat(),
        "next_evaluation": (
            agreement.next_evaluation.isoformat() if agreement.next_evaluation else None
        ),
        "partners": list(partners),
    }


def _existing(conn: Connection, consortium_id: int, agreement_id, network: str) -> int:
    """The id of an agreement of this network in this consortium, else AgreementError: an edit
    or removal can never reach another network's agreement by its number."""
    try:
        wanted = int(agreement_id)
    except (TypeError, ValueError):
        raise AgreementError({"agreement": "agreement_error_unknown"}) from None
    found = conn.scalar(
        select(m.Agreement.id)
        .join(m.Network, m.Network.id == m.Agreement.network_id)
        .where(
            m.Agreement.id == wanted,
            m.Network.consortium_id == consortium_id,
            m.Network.code == network,
        )
    )
    if found is None:
        raise AgreementError({"agreement": "agreement_error_unknown"})
    return found


def save_agreement(
    engine: Engine,
    consortium_id: int,
    *,
    network: str,
    topic: str,
    description: str,
    since: date | str | None,
    next_evaluation: date | str | None,
    partners: list[str],
    user_id: int | None,
    agreement_id: int | None = None,
    today: date | None = None,
) -> int:
    """Add an agreement (agreement_id None) or replace one of this network; its id.

    Raises AgreementError with field → error key when anything is invalid; nothing is stored then.
    """
    today = today or clock.today()
    with engine.begin() as conn:
        valid = _validate(
            conn,
            consortium_id,
            network=network,
            topic=topic,
            description=description,
            since=since,
            next_evaluation=next_evaluation,
            partners=partners,
            today=today,
        )
        values = {
            "network_id": valid.network_id,
            "topic": valid.topic,
            "description": valid.description,
            "since": valid.since,
            "next_evaluation": valid.next_evaluation,
            "updated_by": user_id,
            "updated_at": clock.now_utc().replace(microsecond=0),
        }
        before = None
        if agreement_id is None:
            agreement_id = conn.execute(
                insert(m.Agreement).values(**values).returning(m.Agreement.id)
            ).scalar_one()
        else:
            agreement_id = _existing(conn, consortium_id, agreement_id, network)
            before = _snapshot(conn, agreement_id)
            conn.execute(update(m.Agreement).where(m.Agreement.id == agreement_id).values(**values))
            conn.execute(
                delete(m.AgreementPartner).where(m.AgreementPartner.agreement_id == agreement_id)
            )
        conn.execute(
            insert(m.AgreementPartner),
            [{"agreement_id": agreement_id, "partner_id": p} for p in valid.partner_ids],
        )
        audit(
            conn,
            _actor(conn, user_id),
            "create" if before is None else "update",
            "agreement",
            agreement_id,
            before,
            _snapshot(conn, agreement_id),
        )
    return agreement_id


def delete_agreement(
    engine: Engine, consortium_id: int, agreement_id: int, *, network: str, user_id: int | None
) -> None:
    """Remove an agreement of this network (AgreementError when it is not one of its own)."""
    with engine.begin() as conn:
        agreement_id = _existing(conn, consortium_id, agreement_id, network)
        before = _snapshot(conn, agreement_id)
        conn.execute(
            delete(m.AgreementPartner).where(m.AgreementPartner.agreement_id == agreement_id)
        )
        conn.execute(delete(m.Agreement).where(m.Agreement.id == agreement_id))
        audit(conn, _actor(conn, user_id), "delete", "agreement", agreement_id, before, None)


def _actor(conn: Connection, user_id: int | None):
    return load_account(conn, user_id) if user_id is not None else None


def agreement_network(engine: Engine, consortium_id: int, agreement_id) -> str | None:
    """The network code of an agreement of this consortium, or None."""
    try:
        wanted = int(agreement_id)
    except (TypeError, ValueError):
        return None
    with engine.connect() as conn:
        return conn.scalar(
            select(m.Network.code)
            .join(m.Agreement, m.Agreement.network_id == m.Network.id)
            .where(m.Agreement.id == wanted, m.Network.consortium_id == consortium_id)
        )


def list_agreements(
    engine: Engine, consortium_id: int, networks: list[str] | None = None
) -> pd.DataFrame:
    """The agreements of the consortium (or of these networks), by network, since and id: one row
    each with its partners' codes and names as lists (in code order) and who changed it last."""
    a = m.Agreement
    query = (
        select(
            a.id,
            m.Network.code.label("network"),
            a.topic,
            a.description,
            a.since,
            a.next_evaluation,
            m.User.name.label("updated_by"),
            a.updated_at,
        )
        .join(m.Network, m.Network.id == a.network_id)
        .outerjoin(m.User, m.User.id == a.updated_by)
        .where(m.Network.consortium_id == consortium_id)
        .order_by(m.Network.code, a.since, a.id)
    )
    if networks is not None:
        query = query.where(m.Network.code.in_(list(networks)))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        links = conn.execute(
            select(m.AgreementPartner.agreement_id, m.Partner.code, m.Partner.name)
            .join(m.Partner, m.Partner.id == m.AgreementPartner.partner_id)
            .where(m.AgreementPartner.agreement_id.in_([r.id for r in rows]))
            .order_by(m.Partner.code)
        ).all()
    codes: dict[int, list[str]] = {}
    names: dict[int, list[str]] = {}
    for agreement_id, code, name in links:
        codes.setdefault(agreement_id, []).append(code)
        names.setdefault(agreement_id, []).append(name)
    frame = pd.DataFrame(
        [
            {
                "id": r.id,
                "network": r.network,
                "topic": r.topic,
                "description": r.description,
                "since": r.since,
                "next_evaluation": r.next_evaluation,
                "partners": codes.get(r.id, []),
                "partner_names": names.get(r.id, []),
                "updated_by": r.updated_by,
                "updated_at": r.updated_at,
            }
            for r in rows
        ],
        columns=COLUMNS,
    )
    return frame


def overdue(next_evaluation: date | None, today: date) -> bool:
    """An agreement whose planned evaluation date has passed (and so is due for evaluation)."""
    return next_evaluation is not None and not pd.isna(next_evaluation) and next_evaluation < today
