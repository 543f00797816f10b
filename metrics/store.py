"""The recompute: which waves changed, and the steps that bring their figures up to date.

A recompute takes the waves that have a changed network × wave partition, reads each such wave's
answers with one plain query, applies the rules of measures.md, and replaces the wave's snapshots
in one transaction. The wave, not the single partition, is the unit: the consortium pool (ALL) and
the complement rule couple the networks of a wave, so a change in one network can change what
another network may publish. Change between waves and the road to the targets are then derived
from the snapshots of the networks that moved — they need only n, mean and sd, never the answers.

The steps live in modules of their own (answers, wave_figures, snapshots, derived, partner_store,
register_figures); the names that pages, exports and reports use are re-exported here.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from db import models as m
from db.locks import held
from metrics.answers import lookups as _lookups
from metrics.answers import read_wave
from metrics.register_figures import goal_figures, project_figures
from metrics.snapshots import SNAPSHOT_COLUMNS, load_snapshots, load_ties, write_wave

__all__ = [
    "SNAPSHOT_COLUMNS",
    "goal_figures",
    "load_snapshots",
    "load_ties",
    "project_figures",
    "read_wave",
    "recompute",
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
    # Imported here, not at the top: the rules load scipy and networkx, and the readers of this
    # module (reports, the digest, the pages) never compute.
    from metrics.derived import derive
    from metrics.partner_store import recompute_partner_network
    from metrics.wave_figures import wave_snapshots

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
