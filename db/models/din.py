"""The half-yearly review of the Doelen-Inspanningen-Netwerk (DIN): on a review date the
beheerder records, per project, whether it continues, is adjusted or stops, with a short note.
The latest review (by date, then id) is what the Projecten page and the NPPZ report show."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from samenwerkingsmonitor.vocabulary import REVIEW_DECISIONS  # noqa: F401 (doorgaan, bijstellen, stoppen)


class DinReview(Base):
    """One review of the DIN: its date and the note of what was decided and why."""

    __tablename__ = "din_review"
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id", index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class DinReviewDecision(Base):
    """The decision of one review on one project (one of REVIEW_DECISIONS)."""

    __tablename__ = "din_review_decision"
    review_id: Mapped[int] = _fk("din_review.id", primary_key=True)
    project_id: Mapped[int] = _fk("project.id", primary_key=True)
    decision: Mapped[str] = mapped_column(String(10))
