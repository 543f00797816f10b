"""What the reports keep: the consortium's foreword to its yearly NPPZ report."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from db.types import UTCDateTime


class ReportForeword(Base):
    """The consortium's foreword to its yearly NPPZ report, entered on the Rapportage page."""

    __tablename__ = "report_foreword"
    consortium_id: Mapped[int] = _fk("consortium.id", primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
