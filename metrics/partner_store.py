"""The partner network's figures and ties in the database (measures.md, "Partner network"): read
the reports of the networks that moved, compute, replace their snapshots and ties."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Engine, bindparam, delete, select, update
from sqlalchemy.orm import aliased

from db import models as m
from db.bulk import insert_rows, plain_rows
from db.engine import transaction
from db.models import TRUST_STATEMENTS, VALUE_STATEMENTS
from metrics.partner_network import partner_network_snapshots
from metrics.snapshots import SNAPSHOT_COLUMNS

TIE_COLUMNS = ("network", "a", "b", "frequency", "by_a", "by_b")


def recompute_partner_network(
    engine: Engine, fw, consortium_id: int, dirty: Sequence[tuple[int, int, int]]
) -> list[str]:
    """The partner-network figures and ties (measures.md, "Partner network") of every network
    with a changed relational partition, over all its relational waves: new and lost ties chain
    from wave to wave. Networks are separate graphs (there is no ALL), so the network, not the
    wave, is the unit here. `dirty`: (network id, wave id, data version) of changed partitions.
    """
    network_ids = sorted({n for n, _, _ in dirty})
    data = read_partner_network(engine, consortium_id, network_ids)
    order = data["waves"]["wave"].tolist()
    figures, tie_rows = partner_network_snapshots(
        data["partners"],
        data["respondents"],
        data["reports"],
        fw.settings.suppression_threshold,
        order,
    )
    wave_ids = dict(zip(data["waves"]["wave"], data["waves"]["id"], strict=True))
    write_partner_network(
        engine, consortium_id, network_ids, wave_ids, figures, tie_rows, dirty, fw.version
    )
    report = []
    counts = tie_rows.groupby(["network", "wave"]).size()
    for network in sorted(data["codes"]):
        listed = set(data["partners"].loc[data["partners"]["network"] == network, "wave"])
        per_wave = ", ".join(f"{w} {counts.get((network, w), 0)}" for w in order if w in listed)
        mine = figures[figures["network"] == network]
        report.append(
            f"partner network {network}: ties {per_wave or '(no partners listed)'}; "
            f"{len(mine)} figures ({int(mine['suppressed'].sum())} suppressed)"
        )
    return report


def write_partner_network(
    engine: Engine,
    consortium_id: int,
    network_ids: Sequence[int],
    wave_ids: dict[str, int],
    figures: pd.DataFrame,
    tie_rows: pd.DataFrame,
    versions: Sequence[tuple[int, int, int]],
    framework_version: str,
) -> None:
    """Replace these networks' partner-network snapshots and ties in every relational wave and
    mark their partitions computed (at the data version read before), in one transaction."""
    now = datetime.now(UTC)
    figures = figures.assign(wave_id=figures["wave"].map(wave_ids))
    for column in SNAPSHOT_COLUMNS:
        if column not in figures:
            figures[column] = np.nan
    snapshot_columns = ["consortium_id", "wave_id", *SNAPSHOT_COLUMNS, "framework_version"]
    rows = plain_rows(
        figures.assign(
            consortium_id=consortium_id, framework_version=framework_version, computed_at=now
        )[[*snapshot_columns, "computed_at"]]
    )
    tie_columns = ["consortium_id", "wave_id", *TIE_COLUMNS]
    ties = plain_rows(
        tie_rows.assign(consortium_id=consortium_id, wave_id=tie_rows["wave"].map(wave_ids))[
            tie_columns
        ]
    )
    with transaction(engine) as s:
        conn = s.connection()
        networks = list(
            conn.scalars(select(m.Network.code).where(m.Network.id.in_(list(network_ids))))
        )
        relational = list(wave_ids.values()) or [-1]
        conn.execute(
            delete(m.MeasureSnapshot).where(
                m.MeasureSnapshot.wave_id.in_(relational), m.MeasureSnapshot.network.in_(networks)
            )
        )
        conn.execute(
            delete(m.NetworkTie).where(
                m.NetworkTie.wave_id.in_(relational), m.NetworkTie.network.in_(networks)
            )
        )
        insert_rows(conn, "measure_snapshot", [*snapshot_columns, "computed_at"], rows)
        insert_rows(conn, "network_tie", tie_columns, ties)
        if versions:
            conn.execute(
                update(m.Partition)
                .where(
                    m.Partition.network_id == bindparam("n"),
                    m.Partition.wave_id == bindparam("w"),
                    m.Partition.data_version == bindparam("v"),
                )
                .values(computed_version=bindparam("v")),
                [{"n": n, "w": w, "v": v} for n, w, v in versions],
            )


def read_partner_network(engine: Engine, consortium_id: int, network_ids: Sequence[int]) -> dict:
    """The relational waves (oldest first), and for these networks their codes, who was listed,
    who answered and every report, in those waves.

    Small next to the questionnaire (partners² per network and wave), so plain ORM queries do.
    A report's trust (value) is the mean of the trust (value) statements it answered.
    """
    about = aliased(m.Partner)
    ids = list(network_ids)
    relational = (m.Instrument.consortium_id == consortium_id) & (m.Instrument.kind == "relational")
    waves = (
        select(m.Wave.id, m.Wave.code.label("wave"), m.Wave.reference_date)
        .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
        .where(relational)
        .order_by(m.Wave.reference_date, m.Wave.code)
    )
    listed = (
        select(
            m.Network.code.label("network"),
            m.Wave.code.label("wave"),
            m.Partner.code.label("partner"),
            m.Partner.sector,
        )
        .select_from(m.PartnerMembership)
        .join(m.Partner, m.Partner.id == m.PartnerMembership.partner_id)
        .join(m.Network, m.Network.id == m.Partner.network_id)
        .join(m.Wave, m.Wave.id == m.PartnerMembership.wave_id)
        .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
        .where(relational, m.Partner.network_id.in_(ids))
    )
    answered = (
        select(
            m.Network.code.label("network"),
            m.Wave.code.label("wave"),
            m.Partner.code.label("partner"),
        )
        .select_from(m.PartnerResponse)
        .join(m.Partner, m.Partner.id == m.PartnerResponse.partner_id)
        .join(m.Network, m.Network.id == m.PartnerResponse.network_id)
        .join(m.Wave, m.Wave.id == m.PartnerResponse.wave_id)
        .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
        .where(relational, m.PartnerResponse.network_id.in_(ids))
    )
    r = m.PartnerReport
    reported = (
        select(
            m.Network.code.label("network"),
            m.Wave.code.label("wave"),
            m.Partner.code.label("reporter"),
            about.code.label("about"),
            r.frequency,
            *[getattr(r, name) for name in (*TRUST_STATEMENTS, *VALUE_STATEMENTS)],
        )
        .select_from(r)
        .join(m.PartnerResponse, m.PartnerResponse.id == r.response_id)
        .join(m.Partner, m.Partner.id == m.PartnerResponse.partner_id)
        .join(about, about.id == r.about_id)
        .join(m.Network, m.Network.id == m.PartnerResponse.network_id)
        .join(m.Wave, m.Wave.id == m.PartnerResponse.wave_id)
        .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
        .where(relational, m.PartnerResponse.network_id.in_(ids))
    )
    with engine.connect() as c:
        frames = {
            name: pd.DataFrame((result := c.execute(query)).all(), columns=list(result.keys()))
            for name, query in (
                ("waves", waves),
                ("partners", listed),
                ("respondents", answered),
                ("reports", reported),
            )
        }
    reports = frames["reports"]
    for figure, statements in (("trust", TRUST_STATEMENTS), ("value", VALUE_STATEMENTS)):
        reports[figure] = reports[list(statements)].astype(float).mean(axis=1, skipna=True)
    frames["reports"] = reports.drop(columns=[*TRUST_STATEMENTS, *VALUE_STATEMENTS])
    with engine.connect() as c:
        frames["codes"] = list(c.scalars(select(m.Network.code).where(m.Network.id.in_(ids))))
    return frames
