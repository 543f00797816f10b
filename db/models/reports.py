"""What the reports keep: the texts the consortium writes into its NPPZ report."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from db.types import UTCDateTime


class ReportText(Base):
    """One version of a text the consortium writes into its NPPZ report on the Rapportage page:
    the foreword (no network) or its reflection on a network. A save adds a version (who, when);
    the latest (highest id) is in force, and an empty one removes the text."""

    __tablename__ = "report_text"
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id", index=True)
    network_id: Mapped[int | None] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
