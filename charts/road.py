"""The straight road to the 2028 target of one series, as the charts draw it."""

from __future__ import annotations

import pandas as pd

from samenwerkingsmonitor.framework import DEFAULT_TARGET_DATE
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS


def road(fw, rows: pd.DataFrame, measure: str, subject: str, network: str) -> dict | None:
    """The straight road of measures.md: baseline at the first unsuppressed wave, to the target
    (of the network, else of the consortium; at its date, else 2028-12-31). None without one.

    ``rows``: one series' snapshot rows with reference_date, baseline, target, suppressed.
    """
    shown = rows.loc[~rows["suppressed"].astype(bool)].sort_values("reference_date")
    with_target = shown.dropna(subset=["baseline", "target"])
    if with_target.empty:
        return None
    target = fw.target_for(measure, subject, None if network == ALL_NETWORKS else network)
    latest = with_target.iloc[-1]
    return {
        "baseline": latest["baseline"],
        "baseline_date": shown["reference_date"].iloc[0],
        "target": latest["target"],
        "target_date": pd.Timestamp(
            (target.target_date if target and target.target_date else None) or DEFAULT_TARGET_DATE
        ),
        # A werkdoel (provisional: true in the framework): the road says so.
        "provisional": bool(target and target.provisional),
    }
