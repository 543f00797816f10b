"""Questionnaire data: waves, responses and answers, and the measures computed from them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from db.types import UTCDateTime


class Wave(Base):
    __tablename__ = "wave"
    __table_args__ = (UniqueConstraint("instrument_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = _fk("instrument.id")
    code: Mapped[str] = mapped_column(String(20))
    reference_date: Mapped[date | None] = mapped_column(Date)
    # False: the date follows the latest submitted_at until the framework fixes it (measures.md).
    reference_date_fixed: Mapped[bool] = mapped_column(Boolean, default=False)


class WaveNetwork(Base):
    """Invited count per network and wave (for the response rate)."""

    __tablename__ = "wave_network"
    wave_id: Mapped[int] = _fk("wave.id", primary_key=True)
    network_id: Mapped[int] = _fk("network.id", primary_key=True)
    invited: Mapped[int | None] = mapped_column(Integer)


class Response(Base):
    """One respondent's questionnaire. (source, external_id) makes re-ingest idempotent."""

    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_response_partition", "wave_id", "network_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = _fk("wave.id")
    network_id: Mapped[int] = _fk("network.id")
    group_id: Mapped[int] = _fk("respondent_group.id")
    source: Mapped[str] = mapped_column(String(80))
    external_id: Mapped[str] = mapped_column(String(120))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class Answer(Base):
    """value NULL means 'niet van toepassing' / 'weet niet': missing, never 0 or 3."""

    __tablename__ = "answer"
    response_id: Mapped[int] = _fk("response.id", primary_key=True)
    item_id: Mapped[int] = _fk("item.id", primary_key=True)
    value: Mapped[int | None] = mapped_column(SmallInteger)


class Partition(Base):
    """Change counter per network × wave: recompute handles partitions where data moved on."""

    __tablename__ = "partition"
    network_id: Mapped[int] = _fk("network.id", primary_key=True)
    wave_id: Mapped[int] = _fk("wave.id", primary_key=True)
    data_version: Mapped[int] = mapped_column(Integer, default=1)
    computed_version: Mapped[int] = mapped_column(Integer, default=0)


class MeasureSnapshot(Base):
    """One computed, already suppressed aggregate (measures.md). Pages read only these."""

    __tablename__ = "measure_snapshot"
    __table_args__ = (
        UniqueConstraint("wave_id", "network", "group", "measure", "subject"),
        Index("ix_measure_snapshot_lookup", "consortium_id", "measure", "subject"),
        # The dashboard's snapshot version (latest computed_at, count) from the index alone.
        Index("ix_measure_snapshot_version", "consortium_id", "computed_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    wave_id: Mapped[int] = _fk("wave.id")
    network: Mapped[str] = mapped_column(String(8))  # network code, or ALL
    group: Mapped[str] = mapped_column(String(20))  # group code, or all
    measure: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(40))
    n: Mapped[int | None] = mapped_column(Integer)
    mean: Mapped[float | None] = mapped_column(Float)
    sd: Mapped[float | None] = mapped_column(Float)
    ci_low: Mapped[float | None] = mapped_column(Float)
    ci_high: Mapped[float | None] = mapped_column(Float)
    score_100: Mapped[float | None] = mapped_column(Float)
    pct_positive: Mapped[float | None] = mapped_column(Float)
    # Items only: the share of item scores <= 2, for a reverse-coded item the share who agreed
    # with the statement as worded (its raw answer 4 or 5).
    pct_negative: Mapped[float | None] = mapped_column(Float)
    # The figure of measures that are not a mean: IQR, alpha, response rate.
    value: Mapped[float | None] = mapped_column(Float)
    verdict: Mapped[str | None] = mapped_column(String(20))
    previous_wave: Mapped[str | None] = mapped_column(String(20))
    difference: Mapped[float | None] = mapped_column(Float)
    p_value: Mapped[float | None] = mapped_column(Float)
    significant: Mapped[bool | None] = mapped_column(Boolean)
    # The road to the target (measures.md, "Targets and the road to 2028"), as of this wave.
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    expected: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(12))
    suppressed: Mapped[bool] = mapped_column(Boolean, default=False)
    suppressed_reason: Mapped[str | None] = mapped_column(String(20))
    framework_version: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
