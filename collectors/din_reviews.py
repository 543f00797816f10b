"""The DIN's half-yearly review (domain.md, "DIN"): the beheerder records the review's date, a
decision per project — continue, adjust or stop — and a short note. Written in one transaction
with an audit event; a review is kept as recorded (a later review supersedes it, none is edited).

The decisions say what the consortium decided; they do not change a project's lifecycle by
themselves: the beheerder sets `bijgesteld` or `gestopt` in the Projectregister when it happens.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, insert, select

from accounts.users import Account, audit
from collectors.register_rows import Checker, RegisterInvalid, now
from db import models as m
from samenwerkingsmonitor import clock

NOTE_MAX = 2000
REVIEW_DECISIONS = m.REVIEW_DECISIONS


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
