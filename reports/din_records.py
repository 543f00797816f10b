"""The DIN's half-yearly reviews as the report and the pages read them (collectors/din_reviews.py
records them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, select

from db import models as m


@dataclass(frozen=True)
class Review:
    """A recorded review: its date and note, and per project code (decision, project name)."""

    id: int
    reviewed_on: date
    note: str
    decisions: dict[str, tuple[str, str]] = field(default_factory=dict)

    def projects(self, decision: str) -> list[str]:
        return [code for code, (chosen, _) in self.decisions.items() if chosen == decision]


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
