"""The DIN's half-yearly review (domain.md, "DIN"): the beheerder records the review's date, a
decision per project — continue, adjust or stop — and a short note. Written in one transaction
with an audit event; a review is kept as recorded (a later review supersedes it, none is edited).

The decisions say what the consortium decided; they do not change a project's lifecycle by
themselves: the beheerder sets `bijgesteld` or `gestopt` in the Projectregister when it happens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, insert, select

from collectors.register_rows import Checker, RegisterInvalid, now
from db import models as m
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.accounts import Account, audit

NOTE_MAX = 2000
REVIEW_DECISIONS = m.REVIEW_DECISIONS


@dataclass(frozen=True)
class Review:
    """A recorded review: its date and note, and per project code (decision, project name)."""

    id: int
    reviewed_on: date
    note: str
    decisions: dict[str, tuple[str, str]] = field(default_factory=dict)

    def projects(self, decision: str) -> list[str]:
        return [code for code, (chosen, _) in self.decisions.items() if chosen == decision]


def _checked(engine: Engine, consortium_id: int, values: dict) -> tuple[date, str, dict]:
    """(review date, note, {project id: decision}) of the form's values, or RegisterInvalid.
    `values` holds reviewed_on, note and per decision a list of project codes."""
    checker = Checker()
    day = checker.day("reviewed_on", values.get("reviewed_on"), required=True)
    if day is not None and day > clock.today():
        checker.add("reviewed_on", "future", f"reviewed_on {day} lies in the future")
    note = checker.text("note", values.get("note"), NOTE_MAX) or ""
    with engine.connect() as conn:
        ids = dict(
            conn.execute(
                select(m.Project.code, m.Project.id).where(m.Project.consortium_id == consortium_id)
            ).all()
        )
    chosen: dict[int, str] = {}
    for decision in REVIEW_DECISIONS:
        for code in values.get(decision) or []:
            if code not in ids:
                checker.add(decision, "unknown", f"unknown project: {code}")
            elif ids[code] in chosen:
                checker.add(decision, "ambiguous", f"project with two decisions: {code}")
            else:
                chosen[ids[code]] = decision
    if not chosen and not note and not checker.problems:
        checker.add("note", "note", "a review needs a decision or a note")
    if checker.problems:
        raise RegisterInvalid(checker.problems)
    return day, note, chosen


def record_review(
    engine: Engine, consortium_id: int, values: dict, *, actor: Account | None = None
) -> int:
    """Store a review (see _checked for `values`); its id."""
    day, note, chosen = _checked(engine, consortium_id, values)
    with engine.begin() as conn:
        review_id = conn.execute(
            insert(m.DinReview)
            .values(
                consortium_id=consortium_id,
                reviewed_on=day,
                note=note or None,
                recorded_at=now(),
                recorded_by=actor.id if actor else None,
            )
            .returning(m.DinReview.id)
        ).scalar_one()
        for project_id, decision in chosen.items():
            conn.execute(
                insert(m.DinReviewDecision).values(
                    review_id=review_id, project_id=project_id, decision=decision
                )
            )
        after = {
            "reviewed_on": day.isoformat(),
            "note": note,
            **{d: sorted(c for c in values.get(d) or []) for d in REVIEW_DECISIONS},
        }
        audit(conn, actor, "create", "din_review", review_id, None, after)
    return review_id


def reviews(
    engine: Engine, consortium_id: int, limit: int | None = None, until: date | None = None
) -> list[Review]:
    """The recorded reviews (held on or before `until`), latest first (by review date, then as
    recorded)."""
    r, d, p = m.DinReview, m.DinReviewDecision, m.Project
    query = (
        select(r.id, r.reviewed_on, r.note)
        .where(r.consortium_id == consortium_id)
        .where(r.reviewed_on <= until if until else True)
        .order_by(r.reviewed_on.desc(), r.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        found = conn.execute(query).all()
        rows = conn.execute(
            select(d.review_id, p.code, d.decision, p.name)
            .join(p, p.id == d.project_id)
            .where(d.review_id.in_([row.id for row in found]))
            .order_by(p.code)
        ).all()
    decided: dict[int, dict[str, tuple[str, str]]] = {}
    for row in rows:
        decided.setdefault(row.review_id, {})[row.code] = (row.decision, row.name)
    return [Review(x.id, x.reviewed_on, x.note or "", decided.get(x.id, {})) for x in found]


def latest_review(engine: Engine, consortium_id: int, until: date | None = None) -> Review | None:
    found = reviews(engine, consortium_id, limit=1, until=until)
    return found[0] if found else None
