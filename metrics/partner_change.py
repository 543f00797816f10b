"""The partner network between waves and between sectors (measures.md, "Partner network",
Change): each network's previous wave, ties new, lost and kept, and the sector matrix."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.partner_inputs import KEYS, is_listed, listed_partners
from metrics.scoring import require_columns
from samenwerkingsmonitor.vocabulary import SECTORS

WAVE_PAIR_COLUMNS = [*KEYS, "previous_wave"]
CHANGE_COLUMNS = [*WAVE_PAIR_COLUMNS, "new_ties", "lost_ties"]
CHANGED_TIE_COLUMNS = [*WAVE_PAIR_COLUMNS, "a", "b", "change"]
MATRIX_COLUMNS = [*KEYS, "sector_a", "sector_b", "ties", "pairs"]


def previous_waves(partners: pd.DataFrame, wave_order: Sequence[str]) -> pd.DataFrame:
    """Each network's previous wave with data (measures.md, rule 8 and Partner network, Change).

    A network has data in a wave when partners are listed for it. `wave_order` lists the wave
    codes oldest first (e.g. by reference date). Returns network, wave, previous_wave (None for
    the network's first wave), sorted by network and wave order. Raises ValueError when a listed
    wave is missing from `wave_order`.
    """
    listed = listed_partners(partners)
    position = {wave: i for i, wave in enumerate(wave_order)}
    scopes = listed[KEYS].drop_duplicates()
    unknown = sorted(set(scopes["wave"]) - set(position), key=str)
    if unknown:
        raise ValueError(f"wave(s) {unknown} are not in wave_order")
    scopes = scopes.assign(_position=scopes["wave"].map(position))
    scopes = scopes.sort_values(["network", "_position"], ignore_index=True)
    previous = scopes.groupby("network", sort=False)["wave"].shift(1)
    scopes["previous_wave"] = previous.astype(object).where(previous.notna(), None)
    return scopes[WAVE_PAIR_COLUMNS]


def _pairs(waves: pd.DataFrame) -> pd.DataFrame:
    require_columns(waves, WAVE_PAIR_COLUMNS, "waves")
    pairs = waves[WAVE_PAIR_COLUMNS].reset_index(drop=True)
    if pairs.duplicated(KEYS).any():
        raise ValueError("waves has more than one row for one network x wave")
    return pairs


def changed_ties(ties: pd.DataFrame, waves: pd.DataFrame) -> pd.DataFrame:
    """The ties of two consecutive waves side by side, for drawing (Partner network, Change).

    `ties`: the output of `ties` for (at least) both waves of every pair; `waves`: network,
    wave, previous_wave (as `previous_waves` returns). For each row with a previous wave: one row
    per tie in either wave, with change "new" (in wave, not in previous_wave), "lost" (in
    previous_wave, not in wave) or "kept" (in both). Columns network, wave, previous_wave, a, b,
    change; sorted by network, wave, a, b. A network's first wave has no rows.
    """
    require_columns(ties, [*KEYS, "a", "b"], "ties")
    pairs = _pairs(waves)
    pairs = pairs[pairs["previous_wave"].notna()]
    edges = ties[[*KEYS, "a", "b"]].drop_duplicates()
    current = pairs.merge(edges, on=KEYS)
    earlier = pairs.merge(
        edges.rename(columns={"wave": "previous_wave"}), on=["network", "previous_wave"]
    )
    both = current.merge(earlier, on=[*WAVE_PAIR_COLUMNS, "a", "b"], how="outer", indicator=True)
    both["change"] = both["_merge"].map({"left_only": "new", "right_only": "lost", "both": "kept"})
    both["change"] = both["change"].astype(object)
    return both[CHANGED_TIE_COLUMNS].sort_values([*KEYS, "a", "b"], ignore_index=True)


def tie_changes(ties: pd.DataFrame, waves: pd.DataFrame) -> pd.DataFrame:
    """New and lost ties per network x wave against its previous wave (Partner network, Change).

    `ties` and `waves` as for `changed_ties`. One row per row of `waves`: network, wave,
    previous_wave, new_ties (ties in wave, not in previous_wave), lost_ties (ties in
    previous_wave, not in wave); the counts are nullable integers, empty (NA) on a network's first
    wave (no previous wave: no change to count). Sorted by network, wave.
    """
    pairs = _pairs(waves)
    changes = changed_ties(ties, pairs)
    counts = (
        changes.groupby([*WAVE_PAIR_COLUMNS, "change"]).size().unstack("change", fill_value=0)
        if len(changes)
        else pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=WAVE_PAIR_COLUMNS))
    )
    counts = counts.reindex(columns=["new", "lost"], fill_value=0).reset_index()
    out = pairs.merge(counts, on=WAVE_PAIR_COLUMNS, how="left")
    has_previous = out["previous_wave"].notna()
    for column, change in (("new_ties", "new"), ("lost_ties", "lost")):
        # a pair without any tie in either wave has no changed_ties rows: 0 changes, not unknown.
        out[column] = out[change].fillna(0).astype("Int64").where(has_previous, pd.NA)
    return out[CHANGE_COLUMNS].sort_values(KEYS, ignore_index=True)


# --- sector matrix ----------------------------------------------------------------------------


def sector_matrix(partners: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    """Ties between sectors per network x wave, for the dashboard's sector matrix.

    For every ordered pair of sectors that both have listed partners in the network x wave
    (zeros included): ties = number of ties with one end in sector_a and the other in sector_b
    (symmetric: (x, y) and (y, x) carry the same count; a same-sector tie counts once on the
    diagonal); pairs = number of pairs of listed partners between the two sectors (k_x * k_y, or
    k_x(k_x - 1)/2 on the diagonal), so ties / pairs is the cell's density. Summing the cells
    with sector_a < sector_b (in `SECTORS` order) gives the cross-sector ties of
    `network_figures`. Columns network, wave, sector_a, sector_b, ties, pairs; sorted by
    network, wave and `SECTORS` order. Ties whose ends are not listed are ignored.
    """
    listed = listed_partners(partners)
    require_columns(ties, [*KEYS, "a", "b"], "ties")
    sector = listed.set_index([*KEYS, "partner"])["sector"]
    edges = ties[[*KEYS, "a", "b"]].drop_duplicates()
    edges = edges[is_listed(listed, edges, "a") & is_listed(listed, edges, "b")]
    ends = pd.DataFrame(
        {
            "network": edges["network"].to_numpy(),
            "wave": edges["wave"].to_numpy(),
            "sector_a": sector.reindex(pd.MultiIndex.from_frame(edges[[*KEYS, "a"]])).to_numpy(),
            "sector_b": sector.reindex(pd.MultiIndex.from_frame(edges[[*KEYS, "b"]])).to_numpy(),
        }
    )
    # Both orientations of a cross-sector tie, one of a same-sector tie: a symmetric matrix.
    flipped = ends.rename(columns={"sector_a": "sector_b", "sector_b": "sector_a"})
    flipped = flipped[flipped["sector_a"] != flipped["sector_b"]]
    counts = (
        pd.concat([ends, flipped], ignore_index=True)
        .groupby([*KEYS, "sector_a", "sector_b"])
        .size()
        .rename("ties")
        .reset_index()
    )

    sizes = listed.groupby([*KEYS, "sector"]).size().rename("k").reset_index()
    grid = sizes.merge(sizes, on=KEYS, suffixes=("_a", "_b"))
    same = grid["sector_a"] == grid["sector_b"]
    grid["pairs"] = np.where(
        same, grid["k_a"] * (grid["k_a"] - 1) // 2, grid["k_a"] * grid["k_b"]
    ).astype("int64")
    out = grid.merge(counts, on=[*KEYS, "sector_a", "sector_b"], how="left")
    out["ties"] = out["ties"].fillna(0).astype("int64")
    order = {name: i for i, name in enumerate(SECTORS)}
    out = out.assign(_a=out["sector_a"].map(order), _b=out["sector_b"].map(order))
    out = out.sort_values([*KEYS, "_a", "_b"], ignore_index=True)
    return out[MATRIX_COLUMNS]
