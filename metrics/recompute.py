"""The recompute: which waves changed, and the steps that bring their figures up to date.

A recompute takes the waves that have a changed network × wave partition, reads each such wave's
answers with one plain query, applies the rules of measures.md, and replaces the wave's snapshots
in one transaction (metrics/store.py says why the wave is the unit). This module imports only
table clauses at the top (db/tables.py): the command line's `recompute` that finds nothing to do
must not pay for pandas, scipy and networkx, nor for the ORM and its 57 tables (issue 18).
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from db import tables as t
from db.locks import held, holder
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

NOTHING_CHANGED = "nothing changed since the last recompute"


def _lock(consortium_id: int) -> str:
    """The name of the lock one recompute of the consortium holds (db/locks.py)."""
    return f"recompute:{consortium_id}"


def recompute(
    engine: Engine, fw, consortium_id: int, *, everything: bool = False, wait: float = 0
) -> list[str]:
    """Recompute the waves with changed partitions (all waves with `everything`); report lines.

    One recompute of a consortium at a time, in any process (db/locks.py): two at once would
    read the same waves and both replace their snapshots. Another one running makes this wait up
    to `wait` seconds, then raise LockBusy; changes it did not see stay marked for the next."""
    with held(engine, _lock(consortium_id), wait=wait):
        return _recompute(engine, fw, consortium_id, everything=everything)


def nothing_to_do(engine: Engine, consortium_id: int, framework_version: str) -> bool:
    """Whether a recompute would find nothing to do: none is running, every partition is
    computed, every snapshot is of this framework version. Only reads, so the command line can
    answer it before loading the framework's rules; any doubt and the recompute runs."""
    if holder(engine, _lock(consortium_id))[0] is not None:
        return False  # the recompute itself waits for it, or says it is busy
    return not _stale(*_partitions(engine, consortium_id), framework_version)


def _stale(partitions: list, framework_versions: set[str], version: str, everything=False) -> list:
    """The partitions whose data moved past the version their figures were computed from; all
    when asked, or when a snapshot is of another framework (its items or targets may differ)."""
    if everything or framework_versions - {version}:
        return list(partitions)
    return [p for p in partitions if p.data_version != p.computed_version]


def _partitions(engine: Engine, consortium_id: int) -> tuple[list, set[str]]:
    """The consortium's network × wave partitions with their versions, and the framework
    versions its snapshots were computed with."""
    # Table clauses, not the models, until there is work: "nothing changed" needs neither the
    # ORM nor the other tables (issue 18).
    partition, network, snapshot = t.partition.c, t.network.c, t.measure_snapshot.c
    with engine.connect() as c:
        partitions = c.execute(
            select(
                partition.network_id,
                partition.wave_id,
                partition.data_version,
                partition.computed_version,
            )
            .join_from(t.partition, t.network, partition.network_id == network.id)
            .where(network.consortium_id == consortium_id)
        ).all()
        framework_versions = set(
            c.scalars(
                select(snapshot.framework_version)
                .distinct()
                .where(snapshot.consortium_id == consortium_id)
            )
        )
    return partitions, framework_versions


def _recompute(engine: Engine, fw, consortium_id: int, *, everything: bool) -> list[str]:
    partitions, framework_versions = _partitions(engine, consortium_id)
    report = []
    if older := ", ".join(sorted(framework_versions - {fw.version})):
        report.append(f"framework changed ({older} → {fw.version}): recomputing every wave")
    stale = _stale(partitions, framework_versions, fw.version, everything)
    if not stale:
        return [NOTHING_CHANGED]
    # Imported here, not at the top and not before the check above: the rules load scipy and
    # networkx, the readers of this module (reports, the digest, the pages) never compute, and a
    # recompute that finds nothing to do answers in well under a second.
    from metrics.answers import lookups as read_lookups
    from metrics.answers import read_wave
    from metrics.derived import derive
    from metrics.partner_store import recompute_partner_network
    from metrics.snapshots import write_waves
    from metrics.wave_figures import wave_snapshots

    threshold = fw.settings.suppression_threshold
    with engine.connect() as c:
        lookups = read_lookups(c, consortium_id)
    moved_networks: set[str] = set()
    relational = set(lookups["relational_waves"])
    moved = [(n, w, data) for n, w, data, _ in stale if w in relational]
    if moved:  # no relational partition moved: nothing of the partner network to recompute
        report += recompute_partner_network(engine, fw, consortium_id, moved)
        moved_networks |= {lookups["network_code"][n] for n, _, _ in moved}
    dirty = sorted({w for _, w, _, _ in stale} - relational)
    items = fw.items_frame()
    fresh, versions_of = {}, {}
    for wave_id in dirty:
        versions_of[wave_id] = [(n, data) for n, w, data, _ in partitions if w == wave_id]
        answers, responses = read_wave(engine, wave_id, lookups)
        snapshots = wave_snapshots(
            answers, responses, items, lookups["invited"].get(wave_id, {}), threshold
        )
        fresh[wave_id] = snapshots
        moved_networks |= {lookups["network_code"][n] for n, _ in versions_of[wave_id]}
        report.append(
            f"wave {lookups['wave_code'][wave_id]}: {len(responses)} responses, "
            f"{len(snapshots)} figures ({int(snapshots['suppressed'].sum())} suppressed)"
        )
    # Change and road to target of the fresh waves are computed before they are written, so
    # each row is written once, whole; the other waves' rows are updated where they moved.
    waves = {w: (code, lookups["wave_date"].get(w)) for w, code in lookups["wave_code"].items()}
    networks = sorted(moved_networks | {ALL_NETWORKS})
    fresh, derived = derive(engine, fw, consortium_id, networks, fresh, waves)
    write_waves(
        engine,
        consortium_id,
        [(w, frame, versions_of[w]) for w, frame in fresh.items()],
        fw.version,
    )
    report.append(f"change and road to target updated on {derived} figures")
    return report
