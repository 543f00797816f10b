"""The partner network of one network as stored, for the network page's section: partners,
who was listed in which relational wave, the ties the recompute wrote, and the agreements
register. Cached per version (the snapshots' and the latest edit's or import's), bounded."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from sqlalchemy import Engine, func, select

from dashboard import access
from dashboard.queries import snapshot_version
from db import models as m
from metrics.store import load_ties


def partner_network(engine: Engine, consortium_id: int, network: str) -> dict[str, pd.DataFrame]:
    """One network's stored partner network (see `_partner_network`), cached per version: the
    map's callbacks read it on every wave change. Treat the frames as read-only."""
    access.require_network(network)
    version = _partner_network_version(engine, consortium_id)
    return _partner_network(engine, consortium_id, network, version)


def _partner_network_version(engine: Engine, consortium_id: int) -> tuple:
    """What moves when a stored partner network may have changed: the ties come with a
    recompute (the snapshot version), and every change of partners, lists and agreements is
    either audited (an edit in the dashboard) or a collector run (an import)."""
    with engine.connect() as c:
        edits = c.execute(
            select(
                select(func.max(m.AuditEvent.id)).scalar_subquery(),
                select(func.max(m.CollectorRun.id)).scalar_subquery(),
            )
        ).one()
    return (snapshot_version(engine, consortium_id), *edits)


@lru_cache(maxsize=32)
def _partner_network(
    engine: Engine, consortium_id: int, network: str, version: tuple
) -> dict[str, pd.DataFrame]:
    """One network's partner network as stored: its partners, who was listed in which relational
    wave, the ties per wave (written by the recompute), and the agreements register.

    - ``waves``: wave, reference_date — the relational waves in which the network has listed
      partners or ties, oldest first;
    - ``partners``: partner (code), name, sector — every partner of the network, in any wave;
    - ``memberships``: partner, wave;
    - ``ties``: wave, a, b, frequency (1–3), by_a, by_b;
    - ``agreements``: id, topic, description, since, next_evaluation;
    - ``agreement_partners``: agreement_id, partner.
    No per-report answers are read: trust and value come from the snapshots only.
    """
    relational = (
        select(m.Wave.id, m.Wave.code, m.Wave.reference_date)
        .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
        .where(m.Instrument.consortium_id == consortium_id, m.Instrument.kind == "relational")
    )
    in_network = (m.Network.consortium_id == consortium_id) & (m.Network.code == network)
    with engine.connect() as c:
        waves_ = pd.DataFrame(c.execute(relational).all(), columns=["id", "wave", "reference_date"])
        registers = _partner_registers(c, in_network)
    ties = load_ties(engine, consortium_id, networks=[network]).drop(columns="network")
    ties["frequency"] = ties["frequency"].astype(int)
    ties[["by_a", "by_b"]] = ties[["by_a", "by_b"]].astype(bool)
    used = set(registers["memberships"]["wave"]) | set(ties["wave"])
    waves_ = waves_.loc[waves_["wave"].isin(used)].copy()
    waves_["reference_date"] = pd.to_datetime(waves_["reference_date"])
    waves_ = waves_.sort_values(["reference_date", "wave"], na_position="last")
    return {
        "waves": waves_[["wave", "reference_date"]].reset_index(drop=True),
        "ties": ties,
        **registers,
    }


def _partner_registers(c, in_network) -> dict[str, pd.DataFrame]:
    """The network's partners, who was listed in which wave, and its agreements register."""
    partners_ = pd.DataFrame(
        c.execute(
            select(m.Partner.code, m.Partner.name, m.Partner.sector)
            .join(m.Network, m.Network.id == m.Partner.network_id)
            .where(in_network)
            .order_by(m.Partner.name, m.Partner.code)
        ).all(),
        columns=["partner", "name", "sector"],
    )
    memberships = pd.DataFrame(
        c.execute(
            select(m.Partner.code, m.Wave.code)
            .join(m.Network, m.Network.id == m.Partner.network_id)
            .join(m.PartnerMembership, m.PartnerMembership.partner_id == m.Partner.id)
            .join(m.Wave, m.Wave.id == m.PartnerMembership.wave_id)
            .where(in_network)
        ).all(),
        columns=["partner", "wave"],
    )
    agreements = pd.DataFrame(
        c.execute(
            select(
                m.Agreement.id,
                m.Agreement.topic,
                m.Agreement.description,
                m.Agreement.since,
                m.Agreement.next_evaluation,
            )
            .join(m.Network, m.Network.id == m.Agreement.network_id)
            .where(in_network)
            .order_by(m.Agreement.since, m.Agreement.id)
        ).all(),
        columns=["id", "topic", "description", "since", "next_evaluation"],
    )
    agreement_partners = pd.DataFrame(
        c.execute(
            select(m.AgreementPartner.agreement_id, m.Partner.code)
            .join(m.Partner, m.Partner.id == m.AgreementPartner.partner_id)
            .join(m.Network, m.Network.id == m.Partner.network_id)
            .where(in_network)
            .order_by(m.AgreementPartner.agreement_id, m.Partner.code)
        ).all(),
        columns=["agreement_id", "partner"],
    )
    return {
        "partners": partners_,
        "memberships": memberships,
        "agreements": agreements,
        "agreement_partners": agreement_partners,
    }
