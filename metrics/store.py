"""The one thin module between the pure rules and the database (design.md).

A recompute takes the waves that have a changed network × wave partition, reads each such wave's
answers with one plain query, applies the rules of measures.md, and replaces the wave's snapshots
in one transaction. The wave, not the single partition, is the unit: the consortium pool (ALL) and
the complement rule couple the networks of a wave, so a change in one network can change what
another network may publish. Change between waves and the road to the targets are then derived
from the snapshots of the networks that moved — they need only n, mean and sd, never the answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Engine, bindparam, delete, select, update
from sqlalchemy.orm import aliased

from db import models as m
from db.bulk import insert_rows
from db.engine import transaction
from db.locks import held
from db.models import TRUST_STATEMENTS, VALUE_STATEMENTS
from samenwerkingsmonitor.clock import wall_time

SCORE_MEASURES = ("item", "theme", "vision_element", "index")
TIE_COLUMNS = ("network", "a", "b", "frequency", "by_a", "by_b")
# Figures that are a value of the whole listed network, not a mean of respondents: their change
# is a plain difference and their targets are on their own scale.
VALUE_MEASURES = ("network",)
SNAPSHOT_COLUMNS = [
    "network",
    "group",
    "measure",
    "subject",
    "n",
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "score_100",
    "pct_positive",
    "pct_negative",
    "value",
    "verdict",
    "suppressed",
    "suppressed_reason",
]


def recompute(
    engine: Engine, fw, consortium_id: int, *, everything: bool = False, wait: float = 0
) -> list[str]:
    """Recompute the waves with changed partitions (all waves with `everything`); report lines.

    One recompute of a consortium at a time, in any process (db/locks.py): two at once would
    read the same waves and both replace their snapshots. Another one running makes this wait up
    to `wait` seconds, then raise LockBusy; changes it did not see stay marked for the next."""
    with held(engine, f"recompute:{consortium_id}", wait=wait):
        return _recompute(engine, fw, consortium_id, everything=everything)


def _recompute(engine: Engine, fw, consortium_id: int, *, everything: bool) -> list[str]:
    threshold = fw.settings.suppression_threshold
    with engine.connect() as c:
        partitions = c.execute(
            select(
                m.Partition.network_id,
                m.Partition.wave_id,
                m.Partition.data_version,
                m.Partition.computed_version,
            )
            .join(m.Network)
            .where(m.Network.consortium_id == consortium_id)
        ).all()
        lookups = _lookups(c, consortium_id)
        framework_versions = set(
            c.scalars(
                select(m.MeasureSnapshot.framework_version)
                .distinct()
                .where(m.MeasureSnapshot.consortium_id == consortium_id)
            )
        )
    report = []
    if framework_versions - {fw.version}:
        # Items, targets or thresholds may have changed: figures of an older framework are stale.
        report.append(
            f"framework changed ({', '.join(sorted(framework_versions - {fw.version}))} → {fw.version}): "
            "recomputing every wave"
        )
        everything = True
    dirty = sorted({w for _, w, data, done in partitions if everything or data != done})
    if not dirty:
        return ["nothing changed since the last recompute"]
    moved_networks: set[str] = set()
    relational = set(lookups["relational_waves"])
    moved = [(n, w, data) for n, w, data, done in partitions if w in relational and data != done]
    if everything or moved:
        if everything:
            moved = [(n, w, data) for n, w, data, _ in partitions if w in relational]
        report += recompute_partner_network(engine, fw, consortium_id, moved)
        moved_networks |= {lookups["network_code"][n] for n, _, _ in moved}
    dirty = [w for w in dirty if w not in relational]
    items = fw.items_frame()
    for wave_id in dirty:
        versions = [(n, data) for n, w, data, _ in partitions if w == wave_id]
        answers, responses = read_wave(engine, wave_id, lookups)
        snapshots = wave_snapshots(
            answers, responses, items, lookups["invited"].get(wave_id, {}), threshold
        )
        write_wave(engine, consortium_id, wave_id, snapshots, versions, fw.version)
        moved_networks |= {lookups["network_code"][n] for n, _ in versions}
        report.append(
            f"wave {lookups['wave_code'][wave_id]}: {len(responses)} responses, "
            f"{len(snapshots)} figures ({int(snapshots['suppressed'].sum())} suppressed)"
        )
    derived = derive(engine, fw, consortium_id, sorted(moved_networks | {"ALL"}))
    report.append(f"change and road to target updated on {derived} figures")
    return report


def _lookups(c, consortium_id: int) -> dict:
    nets = c.execute(
        select(m.Network.id, m.Network.code).where(m.Network.consortium_id == consortium_id)
    ).all()
    groups = c.execute(
        select(m.RespondentGroup.id, m.RespondentGroup.code).where(
            m.RespondentGroup.consortium_id == consortium_id
        )
    ).all()
    items = c.execute(
        select(m.Item.id, m.Item.code)
        .join(m.Theme)
        .join(m.Instrument)
        .where(m.Instrument.consortium_id == consortium_id)
    ).all()
    waves = c.execute(
        select(m.Wave.id, m.Wave.code, m.Instrument.kind)
        .join(m.Instrument)
        .where(m.Instrument.consortium_id == consortium_id)
    ).all()
    invited: dict[int, dict[str, int]] = {}
    network_code = dict(nets)
    for wave_id, network_id, count in c.execute(
        select(m.WaveNetwork.wave_id, m.WaveNetwork.network_id, m.WaveNetwork.invited)
    ):
        if network_id in network_code and count is not None:
            invited.setdefault(wave_id, {})[network_code[network_id]] = count
    return {
        "network_code": network_code,
        "group_code": dict(groups),
        "item_code": dict(items),
        "wave_code": {w: code for w, code, _ in waves},
        "relational_waves": [w for w, _, kind in waves if kind == "relational"],
        "invited": invited,
    }


def read_wave(engine: Engine, wave_id: int, lookups: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All answers of one wave with one plain query, ids mapped to codes afterwards (cheaper)."""
    sql = (
        "SELECT r.id, r.network_id, r.group_id, a.item_id, a.value "
        "FROM answer a JOIN response r ON r.id = a.response_id WHERE r.wave_id = :wave"
    )
    with engine.connect() as c:
        # The driver's own cursor gives plain tuples: SQLAlchemy's Row objects make building the
        # DataFrame several times slower (pandas probes every row). wave_id is an int: inlined.
        cursor = c.connection.driver_connection.cursor()
        try:
            cursor.execute(sql.replace(":wave", str(int(wave_id))))
            rows = cursor.fetchall()
            cursor.execute(f"SELECT id, network_id FROM response WHERE wave_id = {int(wave_id)}")
            respondents = cursor.fetchall()
        finally:
            cursor.close()
    # Every column is an integer id or a value (NULL: 'nvt'): one float array, None → NaN, is
    # far cheaper than a DataFrame built from 200,000 tuples.
    raw = np.array(rows, dtype=float).reshape(-1, 5)
    wave = lookups["wave_code"][wave_id]
    answers = pd.DataFrame(
        {
            "response_id": raw[:, 0].astype("int64"),
            "network": _codes(raw[:, 1], lookups["network_code"]),
            "wave": wave,
            "group": _codes(raw[:, 2], lookups["group_code"]),
            "item": _codes(raw[:, 3], lookups["item_code"]),
            "value": raw[:, 4],
        }
    )
    ids = np.array(respondents, dtype="int64").reshape(-1, 2)
    responses = pd.DataFrame(
        {
            "response_id": ids[:, 0],
            "wave": wave,
            "network": _codes(ids[:, 1], lookups["network_code"]),
        }
    )
    return answers, responses


def _codes(ids: np.ndarray, lookup: dict[int, str]) -> np.ndarray:
    """Ids to their codes with one vectorised take."""
    index = pd.Index(list(lookup), dtype="int64")
    return np.asarray(list(lookup.values()), dtype=object)[index.get_indexer(ids.astype("int64"))]


def wave_snapshots(
    answers: pd.DataFrame,
    responses: pd.DataFrame,
    items: pd.DataFrame,
    invited: dict[str, int],
    threshold: int,
) -> pd.DataFrame:
    """Every figure of one wave, suppressed (measures.md rules 1–7, 9, 10 and Suppression)."""
    # Imported here, not at the top: the rules load scipy (half a second), and the readers of
    # this module (reports, the digest, the pages) never compute.
    from metrics.agreement import agreement
    from metrics.rates import response_rates
    from metrics.reliability import cronbach_alpha
    from metrics.scoring import aggregate, score_respondents
    from metrics.suppression import suppress

    scores = score_respondents(answers, items)
    parts = [suppress(aggregate(scores), threshold)]
    agree = agreement(scores)
    if len(agree):
        parts.append(suppress(agree, threshold).rename(columns={"iqr": "value"}))
    alpha = cronbach_alpha(scores, items, threshold)
    if len(alpha):
        parts.append(
            suppress(alpha.drop(columns="k"), threshold).rename(columns={"alpha": "value"})
        )
    wave = responses["wave"].iloc[0] if len(responses) else None
    invited_frame = pd.DataFrame(
        {"network": list(invited), "wave": wave, "invited": list(invited.values())}
    )
    rates = response_rates(responses, invited_frame)
    if len(rates):
        rates = rates.assign(
            group="all",
            measure="response_rate",
            subject="responses",
            n=rates["responses"],
            value=rates["rate"],
        )
        parts.append(
            suppress(
                rates[["network", "wave", "group", "measure", "subject", "n", "value"]],
                threshold,
                figure_columns=["value"],
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    for column in SNAPSHOT_COLUMNS:
        if column not in frame:
            frame[column] = np.nan
    return frame[SNAPSHOT_COLUMNS]


def write_wave(
    engine: Engine,
    consortium_id: int,
    wave_id: int,
    snapshots: pd.DataFrame,
    versions: Sequence[tuple[int, int]],
    framework_version: str,
) -> None:
    """Replace the wave's snapshots and mark its partitions computed, in one transaction.

    A partition is marked computed only at the data version read before the computation: data
    that arrived meanwhile keeps it dirty for the next run.
    """
    now = datetime.now(UTC)
    rows = snapshots.astype(object).where(snapshots.notna(), None)
    columns = ["consortium_id", "wave_id", *SNAPSHOT_COLUMNS, "framework_version", "computed_at"]
    with transaction(engine) as s:
        conn = s.connection()
        conn.execute(delete(m.MeasureSnapshot).where(m.MeasureSnapshot.wave_id == wave_id))
        insert_rows(
            conn,
            "measure_snapshot",
            columns,
            (
                (consortium_id, wave_id, *_plain(values), framework_version, now)
                for values in rows.itertuples(index=False, name=None)
            ),
        )
        if not versions:
            return
        conn.execute(
            update(m.Partition)
            .where(
                m.Partition.network_id == bindparam("n"),
                m.Partition.wave_id == wave_id,
                m.Partition.data_version == bindparam("v"),
            )
            .values(computed_version=bindparam("v")),
            [{"n": n, "v": v} for n, v in versions],
        )


def recompute_partner_network(
    engine: Engine, fw, consortium_id: int, dirty: Sequence[tuple[int, int, int]]
) -> list[str]:
    """The partner-network figures and ties (measures.md, "Partner network") of every network
    with a changed relational partition, over all its relational waves: new and lost ties chain
    from wave to wave. Networks are separate graphs (there is no ALL), so the network, not the
    wave, is the unit here. `dirty`: (network id, wave id, data version) of changed partitions.
    """
    from metrics.partner_network import partner_network_snapshots

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
    snapshot_columns = ["wave_id", *SNAPSHOT_COLUMNS]
    rows = figures[snapshot_columns].astype(object).where(figures[snapshot_columns].notna(), None)
    tie_rows = tie_rows.assign(wave_id=tie_rows["wave"].map(wave_ids))
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
        insert_rows(
            conn,
            "measure_snapshot",
            ["consortium_id", *snapshot_columns, "framework_version", "computed_at"],
            (
                (consortium_id, *_plain(values), framework_version, now)
                for values in rows.itertuples(index=False, name=None)
            ),
        )
        insert_rows(
            conn,
            "network_tie",
            ("consortium_id", "wave_id", *TIE_COLUMNS),
            (
                (consortium_id, *_plain(values))
                for values in tie_rows[["wave_id", *TIE_COLUMNS]].itertuples(index=False, name=None)
            ),
        )
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


def _plain(values: tuple) -> tuple:
    """numpy scalars to Python ones, so every DB driver accepts them."""
    return tuple(v.item() if isinstance(v, np.generic) else v for v in values)


def derive(engine: Engine, fw, consortium_id: int, networks: Sequence[str]) -> int:
    """Change between waves (rule 8) and the road to the targets, for the given networks' series.

    Reads only snapshots; writes back only the rows whose derived values differ.
    """
    from metrics.change import change_from_aggregates, change_of_values
    from metrics.targets import road_to_target

    query = (
        select(
            m.MeasureSnapshot.id,
            m.MeasureSnapshot.network,
            m.MeasureSnapshot.group,
            m.MeasureSnapshot.measure,
            m.MeasureSnapshot.subject,
            m.Wave.code,
            m.Wave.reference_date,
            m.MeasureSnapshot.n,
            m.MeasureSnapshot.mean,
            m.MeasureSnapshot.sd,
            m.MeasureSnapshot.score_100,
            m.MeasureSnapshot.value,
            m.MeasureSnapshot.suppressed,
            m.MeasureSnapshot.previous_wave,
            m.MeasureSnapshot.difference,
            m.MeasureSnapshot.p_value,
            m.MeasureSnapshot.significant,
            m.MeasureSnapshot.baseline,
            m.MeasureSnapshot.target,
            m.MeasureSnapshot.expected,
            m.MeasureSnapshot.status,
        )
        .join(m.Wave, m.Wave.id == m.MeasureSnapshot.wave_id)
        .where(
            m.MeasureSnapshot.consortium_id == consortium_id,
            m.MeasureSnapshot.measure.in_([*SCORE_MEASURES, *VALUE_MEASURES]),
            m.MeasureSnapshot.network.in_(list(networks)),
        )
    )
    derived_columns = [
        "previous_wave",
        "difference",
        "p_value",
        "significant",
        "baseline",
        "target",
        "expected",
        "status",
    ]
    with engine.connect() as c:
        rows = c.execute(query).all()
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "network",
            "group",
            "measure",
            "subject",
            "wave",
            "reference_date",
            "n",
            "mean",
            "sd",
            "score_100",
            "value",
            "suppressed",
            *[f"old_{c}" for c in derived_columns],
        ],
    )
    if frame.empty:
        return 0
    frame["reference_date"] = pd.to_datetime(frame["reference_date"])
    scores = frame["measure"].isin(SCORE_MEASURES)
    changes = pd.concat(
        [change_from_aggregates(frame[scores]), change_of_values(frame[~scores])],
        ignore_index=True,
    )
    frame = frame.merge(changes, on=["network", "wave", "group", "measure", "subject"], how="left")
    # Score targets are on the 0-100 scale; the other measures' on their own (the figure).
    on_scale = frame["score_100"].where(scores, frame["value"])
    road = road_to_target(
        frame.loc[
            frame["group"] == "all",
            ["id", "network", "measure", "subject", "wave", "reference_date", "suppressed"],
        ].assign(value=on_scale),
        fw.targets_frame(),
        on_track=fw.settings.status_thresholds.on_track,
        attention=fw.settings.status_thresholds.attention,
    )
    frame = frame.merge(
        road[["id", "baseline", "target", "expected", "status"]], on="id", how="left"
    )
    new = frame[derived_columns].astype(object).where(frame[derived_columns].notna(), None)
    old = frame[[f"old_{c}" for c in derived_columns]].astype(object)
    old = old.where(old.notna(), None).set_axis(derived_columns, axis=1)
    differs = ~(_rounded(new) == _rounded(old)).all(axis=1)
    updates = [
        {"sid": int(i), **dict(zip(derived_columns, _plain(tuple(values)), strict=True))}
        for i, values in zip(
            frame.loc[differs, "id"], new[differs].itertuples(index=False, name=None), strict=True
        )
    ]
    if updates:
        with transaction(engine) as s:
            s.connection().execute(
                update(m.MeasureSnapshot)
                .where(m.MeasureSnapshot.id == bindparam("sid"))
                .values({c: bindparam(c) for c in derived_columns}),
                updates,
            )
    return len(updates)


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Comparable derived values: floats at 12 significant digits (the database may round the
    last bits) and one marker for empty, since None == None is not equal in pandas."""
    return frame.astype(object).map(
        lambda v: "∅" if v is None else float(f"{v:.12g}") if isinstance(v, float) else v
    )


def load_snapshots(
    engine: Engine,
    consortium_id: int,
    *,
    networks: Sequence[str] | None = None,
    waves: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Snapshots joined with their wave code, optionally filtered; suppression already applied."""
    s = m.MeasureSnapshot
    query = (
        select(
            s.network,
            m.Wave.code.label("wave"),
            s.group,
            s.measure,
            s.subject,
            s.n,
            s.mean,
            s.sd,
            s.ci_low,
            s.ci_high,
            s.score_100,
            s.pct_positive,
            s.pct_negative,
            s.suppressed,
            s.suppressed_reason,
            s.value,
            s.verdict,
            s.previous_wave,
            s.difference,
            s.p_value,
            s.significant,
            s.baseline,
            s.target,
            s.expected,
            s.status,
            m.Wave.reference_date,
            s.framework_version,
            s.computed_at,
        )
        .join(m.Wave, m.Wave.id == s.wave_id)
        .where(s.consortium_id == consortium_id)
        .order_by(m.Wave.reference_date, s.network, s.group, s.measure, s.subject)
    )
    if networks:
        query = query.where(s.network.in_(list(networks)))
    if waves:
        query = query.where(m.Wave.code.in_(list(waves)))
    with engine.connect() as c:
        result = c.execute(query)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def load_ties(
    engine: Engine, consortium_id: int, *, networks: Sequence[str] | None = None
) -> pd.DataFrame:
    """The partner network's ties: network, wave, a, b, frequency (1 a few times, 2 monthly,
    3 weekly: the higher side), by_a, by_b (who reported it), oldest wave first."""
    t = m.NetworkTie
    query = (
        select(t.network, m.Wave.code.label("wave"), t.a, t.b, t.frequency, t.by_a, t.by_b)
        .join(m.Wave, m.Wave.id == t.wave_id)
        .where(t.consortium_id == consortium_id)
        .order_by(m.Wave.reference_date, t.network, t.a, t.b)
    )
    if networks:
        query = query.where(t.network.in_(list(networks)))
    with engine.connect() as c:
        result = c.execute(query)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def project_figures(
    engine: Engine, consortium_id: int, reference_date: date, stale_days: int
) -> dict[str, pd.DataFrame]:
    """Project status per project × network, the per-network summary and the coverage
    (measures.md, "Projects and goals"), as of `reference_date`. Status updates are few: they are
    read whole, and the rules are cheap enough to apply on request."""
    from metrics.projects import coverage, latest_status, network_project_summary

    with engine.connect() as c:
        updates = pd.DataFrame(
            c.execute(
                select(
                    m.Project.code,
                    m.Network.code,
                    m.StatusUpdate.status,
                    m.StatusUpdate.submitted_at,
                    m.StatusUpdate.version,
                )
                .join(m.Project, m.Project.id == m.StatusUpdate.project_id)
                .join(m.Network, m.Network.id == m.StatusUpdate.network_id)
                .where(
                    m.Project.consortium_id == consortium_id, m.StatusUpdate.state == "submitted"
                )
            ).all(),
            columns=["project", "network", "status", "submitted_at", "version"],
        )
        tags = pd.DataFrame(
            c.execute(
                select(m.Project.code, m.FrameworkElement.kind, m.FrameworkElement.code)
                .join(m.ProjectTag, m.ProjectTag.project_id == m.Project.id)
                .join(m.FrameworkElement, m.FrameworkElement.id == m.ProjectTag.element_id)
                .where(m.Project.consortium_id == consortium_id)
            ).all(),
            columns=["project", "kind", "code"],
        )
        taking_part = pd.DataFrame(
            c.execute(
                select(m.Project.code, m.Network.code)
                .join(m.ProjectNetwork, m.ProjectNetwork.project_id == m.Project.id)
                .join(m.Network, m.Network.id == m.ProjectNetwork.network_id)
                .where(m.Project.consortium_id == consortium_id)
            ).all(),
            columns=["project", "network"],
        )
        codes = pd.DataFrame(
            c.execute(
                select(m.FrameworkElement.kind, m.FrameworkElement.code)
                .where(
                    m.FrameworkElement.consortium_id == consortium_id,
                    m.FrameworkElement.kind.in_(
                        ["ambition", "speerpunt", "kernthema", "actielijn"]
                    ),
                )
                .order_by(m.FrameworkElement.kind, m.FrameworkElement.code)
            ).all(),
            columns=["kind", "code"],
        )
    updates["submitted_at"] = wall_time(updates["submitted_at"])  # local calendar days
    latest = latest_status(updates, reference_date, stale_days)
    latest = latest.astype({"project": object, "network": object})  # an empty frame is float
    # A network that takes part in a project but never reported on it: active, and stale, with
    # no status to count it under.
    silent = taking_part.astype(object).merge(
        latest[["project", "network"]], how="left", indicator=True
    )
    silent = silent[silent["_merge"] == "left_only"].drop(columns="_merge")
    if len(silent):
        latest = pd.concat(
            [latest, silent.assign(status=None, submitted_at=pd.NaT, active=True, stale=True)],
            ignore_index=True,
        ).sort_values(["network", "project"], ignore_index=True)
    return {
        "status": latest,
        "summary": network_project_summary(latest),
        "coverage": coverage(latest, tags, codes).assign(
            projects=lambda f: f["projects"].map(", ".join)
        ),
    }


def goal_figures(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """SMART-goal progress and forecast (measures.md, "SMART goal")."""
    from metrics.goals import goal_progress

    with engine.connect() as c:
        goals = pd.DataFrame(
            c.execute(
                select(
                    m.Goal.code,
                    m.Network.code,
                    m.Goal.name,
                    m.Goal.unit,
                    m.Goal.baseline_value,
                    m.Goal.baseline_date,
                    m.Goal.target_value,
                    m.Goal.deadline,
                )
                .outerjoin(m.Network, m.Network.id == m.Goal.network_id)
                .where(m.Goal.consortium_id == consortium_id)
                .order_by(m.Goal.code)
            ).all(),
            columns=[
                "goal",
                "network",
                "name",
                "unit",
                "baseline_value",
                "baseline_date",
                "target_value",
                "deadline",
            ],
        )
        values = pd.DataFrame(
            c.execute(
                select(m.Goal.code, m.GoalValue.measured_at, m.GoalValue.value)
                .join(m.Goal, m.Goal.id == m.GoalValue.goal_id)
                .where(m.Goal.consortium_id == consortium_id)
            ).all(),
            columns=["goal", "measured_at", "value"],
        )
    for frame, columns in ((goals, ["baseline_date", "deadline"]), (values, ["measured_at"])):
        for column in columns:
            frame[column] = pd.to_datetime(frame[column])
    if goals.empty:  # the rules need at least one goal to infer their column types from
        columns = [
            *goals.columns,
            "latest_value",
            "latest_date",
            "progress_pct",
            "n_points",
            "forecast",
            "achievable",
        ]
        return pd.DataFrame(columns=columns)
    return goal_progress(goals, values)
