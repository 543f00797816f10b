"""From stored relational reports to partner-network snapshots and ties (measures.md, "Partner
network"), on SQLite and PostgreSQL, checked by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from collectors.ingest import bump_partitions
from db import models as m
from db.engine import transaction
from metrics.export import write_measures
from metrics.store import load_snapshots, recompute
from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.vocabulary import SECTORS

# Five partners of UTS; UTS-T1 joins in the second wave.
PARTNERS = {
    "HA1": "huisarts",
    "HA2": "huisarts",
    "TZ1": "thuiszorg",
    "ZH1": "ziekenhuis",
    "HOS1": "hospice",
}
WAVE_1, WAVE_2 = "2024-netwerk", "2025-netwerk"


def seed(ctx, listed: dict[str, list[str]], reports: dict[str, dict[tuple[str, str], int]]):
    """listed: wave → partner codes; reports: wave → (reporter, about) → frequency (trust and
    value statements all 3 for a report, so a report's trust is 3.0)."""
    with transaction(ctx.engine) as s:
        network = s.scalar(select(m.Network).where(m.Network.code == "UTS"))
        waves = {w.code: w for w in s.scalars(select(m.Wave))}
        partners = {}
        for code, sector in PARTNERS.items():
            partners[code] = m.Partner(
                network_id=network.id, code=code, name=f"Organisatie {code}", sector=sector
            )
            s.add(partners[code])
        s.flush()
        for wave, codes in listed.items():
            for code in codes:
                s.add(m.PartnerMembership(partner_id=partners[code].id, wave_id=waves[wave].id))
        for wave, pairs in reports.items():
            responses = {}
            for reporter, _about in pairs:
                if reporter not in responses:
                    responses[reporter] = m.PartnerResponse(
                        wave_id=waves[wave].id,
                        network_id=network.id,
                        partner_id=partners[reporter].id,
                        source="test",
                        external_id=f"{wave}-{reporter}",
                        submitted_at=datetime(2025, 1, 1, tzinfo=UTC),
                        content_hash="x",
                    )
                    s.add(responses[reporter])
            s.flush()
            for (reporter, about), frequency in pairs.items():
                ratings = dict.fromkeys(
                    (*m.TRUST_STATEMENTS, *m.VALUE_STATEMENTS), 3 if frequency else None
                )
                s.add(
                    m.PartnerReport(
                        response_id=responses[reporter].id,
                        about_id=partners[about].id,
                        frequency=frequency,
                        **ratings,
                    )
                )
        bump_partitions(s.connection(), [(network.id, waves[w].id) for w in listed])


def figures(ctx, wave: str) -> dict[str, float | None]:
    snaps = load_snapshots(ctx.engine, ctx.consortium_id, networks=["UTS"], waves=[wave])
    network = snaps[snaps["measure"] == "network"]
    return dict(zip(network["subject"], network["value"], strict=True))


def test_sector_codes_agree() -> None:
    """The sector list lives in db (the column's values) and metrics (which imports no db); the
    collectors' labels and the map's colours follow it."""
    from collectors.partners import SECTOR_LABELS
    from dashboard.partner_map import SECTOR_COLOURS

    assert SECTORS == m.SECTORS == tuple(SECTOR_LABELS) == tuple(SECTOR_COLOURS)


def test_partner_network_figures_ties_change_and_target(ctx, tmp_path) -> None:
    seed(
        ctx,
        listed={WAVE_1: ["HA1", "HA2", "TZ1", "ZH1"], WAVE_2: list(PARTNERS)},
        reports={
            # wave 1: HA1 and TZ1 answer. Ties: HA1-TZ1 (both), HA1-ZH1 (HA1 only).
            # HA2 is an isolate and never answered.
            WAVE_1: {
                ("HA1", "TZ1"): 2,
                ("HA1", "ZH1"): 1,
                ("HA1", "HA2"): 0,
                ("TZ1", "HA1"): 3,
                ("TZ1", "ZH1"): 0,
            },
            # wave 2: HA1 answers only. Ties: HA1-TZ1, HA1-HOS1, HA1-HA2; HA1-ZH1 is lost.
            WAVE_2: {("HA1", "TZ1"): 1, ("HA1", "HOS1"): 2, ("HA1", "HA2"): 1, ("HA1", "ZH1"): 0},
        },
    )
    lines = recompute(ctx.engine, ctx.framework, ctx.consortium_id)
    assert any("UTS: ties 2024-netwerk 2, 2025-netwerk 3;" in line for line in lines), lines

    first = figures(ctx, WAVE_1)
    # n = 4 listed, 2 ties: density 2 / (4·3/2) = 1/3
    assert first["partners"] == 4 and first["ties"] == 2 and first["respondents"] == 2
    assert first["density"] == pytest.approx(2 / 6)
    # degrees HA1 2, TZ1 1, ZH1 1, HA2 0: Σ(2 − d) = 0 + 1 + 1 + 2 = 4 over (3·2) = 2/3
    assert first["centralization"] == pytest.approx(4 / 6)
    # both ends returned only for HA1-TZ1, reported by both: reciprocity 1/1
    assert first["reciprocity"] == pytest.approx(1.0)
    # both ties cross sectors: share 2/2; cross pairs = 6 − 1 (HA1-HA2) = 5: density 2/5
    assert first["cross_sector_share"] == pytest.approx(1.0)
    assert first["cross_sector_density"] == pytest.approx(2 / 5)
    assert first["isolates"] == 1
    assert pd_isnan(first["new_ties"]) and pd_isnan(first["lost_ties"])  # first wave
    # 3 reports from 2 raters: under the threshold of 5, trust is not published
    snaps = load_snapshots(ctx.engine, ctx.consortium_id, networks=["UTS"], waves=[WAVE_1])
    trust = snaps[(snaps["measure"] == "network") & (snaps["subject"] == "trust")].iloc[0]
    assert trust["suppressed"] and pd_isnan(trust["value"]) and pd_isnan(trust["n"])
    assert not snaps[snaps["measure"] == "partner_trust"]["mean"].notna().any()

    second = figures(ctx, WAVE_2)
    # n = 5, 3 ties: density 3/10; new HA1-HOS1, HA1-HA2; lost HA1-ZH1
    assert second["density"] == pytest.approx(0.3)
    assert (second["new_ties"], second["lost_ties"]) == (2, 1)
    # degrees HA1 3, others 1, 1, 1, 0: Σ(3 − d) = 0+2+2+2+3 = 9 over (4·3) = 3/4
    assert second["centralization"] == pytest.approx(0.75)

    with ctx.engine.connect() as c:
        tie_rows = c.execute(
            select(m.NetworkTie.a, m.NetworkTie.b, m.NetworkTie.frequency, m.NetworkTie.by_a)
            .join(m.Wave, m.Wave.id == m.NetworkTie.wave_id)
            .where(m.Wave.code == WAVE_1)
            .order_by(m.NetworkTie.a, m.NetworkTie.b)
        ).all()
    # frequency is the higher side (TZ1 said weekly); ZH1 never answered
    assert [tuple(r) for r in tie_rows] == [("HA1", "TZ1", 3, True), ("HA1", "ZH1", 1, True)]

    # change: density 0.3 − 1/3; road to the target 0.35 on [0, 1] from baseline 1/3
    snaps = load_snapshots(ctx.engine, ctx.consortium_id, networks=["UTS"], waves=[WAVE_2])
    density = snaps[(snaps["measure"] == "network") & (snaps["subject"] == "density")].iloc[0]
    assert density["previous_wave"] == WAVE_1
    assert density["difference"] == pytest.approx(0.3 - 2 / 6)
    assert density["baseline"] == pytest.approx(2 / 6) and density["target"] == 0.35
    assert density["status"] in {"aandacht", "achter"}  # it fell while it should rise

    # the measures export carries them as measure "network" with the figure's name as subject
    out = tmp_path / "measures.csv"
    write_measures(load_snapshots(ctx.engine, ctx.consortium_id), out, "csv")
    exported = pd.read_csv(out, dtype=str, keep_default_na=False)
    row = exported[
        (exported["measure"] == "network")
        & (exported["subject"] == "density")
        & (exported["wave"] == WAVE_2)
    ].iloc[0]
    assert (row["network"], row["group"], float(row["value"])) == ("UTS", "all", 0.3)
    hidden = exported[(exported["measure"] == "network") & (exported["subject"] == "trust")]
    assert (hidden["suppressed"] == "true").all() and (
        hidden[["n", "mean", "value"]] == ""
    ).all().all()

    # the ties the map draws are an export too
    out = tmp_path / "ties.csv"
    settings = ctx.settings
    env = {
        "DATABASE_URL": settings.database_url,
        "DATA_DIR": str(settings.data_dir),
        "FRAMEWORK_FILE": str(settings.framework_file),
    }
    args = ["export", "ties", "--out", str(out), "--network", "UTS"]
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0 and "wrote 5 rows" in result.output, result.output
    exported = pd.read_csv(out, dtype=str)
    assert exported[["wave", "a", "b", "frequency", "by_a", "by_b"]].values.tolist()[:2] == [
        [WAVE_1, "HA1", "TZ1", "3", "true", "true"],
        [WAVE_1, "HA1", "ZH1", "1", "true", "false"],
    ]

    # nothing changed: nothing recomputed; a new listing makes the network's waves move again
    assert recompute(ctx.engine, ctx.framework, ctx.consortium_id) == [
        "nothing changed since the last recompute"
    ]


def pd_isnan(value) -> bool:
    return value is None or value != value
