"""The names that pages, exports and reports use from the recompute's modules, in one place.

The recompute itself is in metrics/recompute.py. A recompute takes the waves that have a changed network × wave partition, reads each such wave's
answers with one plain query, applies the rules of measures.md, and replaces the wave's snapshots
in one transaction. The wave, not the single partition, is the unit: the consortium pool (ALL) and
the complement rule couple the networks of a wave, so a change in one network can change what
another network may publish. Change between waves and the road to the targets are then derived
from the snapshots of the networks that moved — they need only n, mean and sd, never the answers.

The steps live in modules of their own (recompute, answers, wave_figures, snapshots, derived,
partner_store, register_figures); the names that pages, exports and reports use are re-exported
here.
"""

from __future__ import annotations

from metrics.answers import read_wave
from metrics.recompute import recompute
from metrics.register_figures import goal_figures, project_figures
from metrics.snapshots import SNAPSHOT_COLUMNS, load_snapshots, load_ties

__all__ = [
    "SNAPSHOT_COLUMNS",
    "goal_figures",
    "load_snapshots",
    "load_ties",
    "project_figures",
    "read_wave",
    "recompute",
]
