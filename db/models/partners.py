"""The partner organisations of the networks, the relational questionnaire's answers and
the ties drawn from them, and the agreements between partners."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from db.types import UTCDateTime


class Partner(Base):
    """A member organisation (netwerkpartner) of one network."""

    __tablename__ = "partner"
    __table_args__ = (UniqueConstraint("network_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = _fk("network.id", index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(40))


class PartnerMembership(Base):
    """The relational waves in which a partner was listed for its network (density's n)."""

    __tablename__ = "partner_membership"
    partner_id: Mapped[int] = _fk("partner.id", primary_key=True)
    wave_id: Mapped[int] = _fk("wave.id", primary_key=True)


class PartnerResponse(Base):
    """One organisation's relational questionnaire in one wave: one person speaks for it."""

    __tablename__ = "partner_response"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        UniqueConstraint("wave_id", "partner_id"),
        Index("ix_partner_response_partition", "wave_id", "network_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = _fk("wave.id")
    network_id: Mapped[int] = _fk("network.id")
    partner_id: Mapped[int] = _fk("partner.id")  # the reporting organisation
    source: Mapped[str] = mapped_column(String(80))
    external_id: Mapped[str] = mapped_column(String(120))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class PartnerReport(Base):
    """What one organisation answered about one other listed partner (frequency 0–3, see
    FREQUENCIES; topics comma-separated TOPICS; statements 1–4, NULL when not answered)."""

    __tablename__ = "partner_report"
    response_id: Mapped[int] = _fk("partner_response.id", primary_key=True)
    about_id: Mapped[int] = _fk("partner.id", primary_key=True)
    frequency: Mapped[int] = mapped_column(SmallInteger)
    topics: Mapped[str | None] = mapped_column(String(200))
    trust_openness: Mapped[int | None] = mapped_column(SmallInteger)
    trust_reliability: Mapped[int | None] = mapped_column(SmallInteger)
    trust_mission: Mapped[int | None] = mapped_column(SmallInteger)
    value_influence: Mapped[int | None] = mapped_column(SmallInteger)
    value_resources: Mapped[int | None] = mapped_column(SmallInteger)
    value_involvement: Mapped[int | None] = mapped_column(SmallInteger)


class NetworkTie(Base):
    """A tie {a, b} of one network in one relational wave, computed by the recompute (the map
    reads these; a < b). frequency is the higher of the two sides' reports."""

    __tablename__ = "network_tie"
    # The map reads one network's ties over all waves.
    __table_args__ = (Index("ix_network_tie_network", "consortium_id", "network"),)
    consortium_id: Mapped[int] = _fk("consortium.id")
    wave_id: Mapped[int] = _fk("wave.id", primary_key=True)
    network: Mapped[str] = mapped_column(String(8), primary_key=True)
    a: Mapped[str] = mapped_column(String(40), primary_key=True)
    b: Mapped[str] = mapped_column(String(40), primary_key=True)
    frequency: Mapped[int] = mapped_column(SmallInteger)
    by_a: Mapped[bool] = mapped_column(Boolean)
    by_b: Mapped[bool] = mapped_column(Boolean)


class Agreement(Base):
    """A documented transmural agreement (samenwerkingsafspraak) between partners of a network."""

    __tablename__ = "agreement"
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = _fk("network.id", index=True)
    topic: Mapped[str] = mapped_column(String(40))  # one of AGREEMENT_TOPICS
    description: Mapped[str] = mapped_column(Text)
    since: Mapped[date] = mapped_column(Date)
    next_evaluation: Mapped[date | None] = mapped_column(Date)
    updated_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class AgreementPartner(Base):
    __tablename__ = "agreement_partner"
    agreement_id: Mapped[int] = _fk("agreement.id", primary_key=True)
    partner_id: Mapped[int] = _fk("partner.id", primary_key=True)
