"""Response rates per network x wave (measures.md, Scores rule 10)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from metrics.scoring import ALL_NETWORKS, require_columns


def response_rates(responses: pd.DataFrame, invited: pd.DataFrame) -> pd.DataFrame:
    """Responses divided by invited per network x wave (measures.md, Scores rule 10).

    `responses`: response_id, network, wave (one row per response; a response_id counts once).
    `invited`: network, wave, invited (NaN = unknown), from the wave's configuration or the source.
    Rows exist for every network x wave that has responses or an invited count (a known invited
    count without responses gives 0 responses and rate 0). Columns network, wave, responses,
    invited, rate; rate is NaN when invited is unknown or 0, and is not capped at 1 (a rate above 1
    is a data-quality signal). Network "ALL" per wave: the sum of responses; invited is the sum of
    the known invited counts only when every network with responses has its invited count known,
    else NaN. With several consortia, call once per consortium.
    """
    require_columns(responses, ["response_id", "network", "wave"], "responses")
    require_columns(invited, ["network", "wave", "invited"], "invited")
    if invited.duplicated(["network", "wave"]).any():
        raise ValueError("invited has more than one count for one network x wave")
    if (responses["network"] == ALL_NETWORKS).any() or (invited["network"] == ALL_NETWORKS).any():
        raise ValueError(f'inputs must not use the pooled network code "{ALL_NETWORKS}"')

    # A few dozen network × wave cells: plain dictionaries, not group-bys and an outer merge
    # (a fixed cost of every wave's recompute, issue 18).
    unique = responses.drop_duplicates("response_id")
    known = unique["network"].notna() & unique["wave"].notna()
    counts = Counter(
        zip(unique["network"][known].tolist(), unique["wave"][known].tolist(), strict=True)
    )
    invited_of = dict(
        zip(
            zip(invited["network"].tolist(), invited["wave"].tolist(), strict=True),
            pd.to_numeric(invited["invited"], errors="raise").astype(float).tolist(),
            strict=True,
        )
    )
    keys = sorted(
        set(counts) | {key for key in invited_of if pd.notna(key[0]) and pd.notna(key[1])}
    )
    rows = [(n, w, counts.get((n, w), 0), invited_of.get((n, w), np.nan)) for n, w in keys]
    for wave in sorted({w for _, w, _, _ in rows}):
        mine = [(count, inv) for _, w, count, inv in rows if w == wave]
        known_invited = [inv for _, inv in mine if not np.isnan(inv)]
        unknown = any(np.isnan(inv) and count > 0 for count, inv in mine)
        total = np.nan if unknown or not known_invited else float(np.sum(known_invited))
        rows.append((ALL_NETWORKS, wave, sum(count for count, _ in mine), total))
    out = pd.DataFrame(rows, columns=["network", "wave", "responses", "invited"])
    out["responses"] = out["responses"].astype("int64")
    out["invited"] = out["invited"].astype(float)
    invited_known = out["invited"].notna() & (out["invited"] > 0)
    out["rate"] = np.where(
        invited_known, out["responses"] / out["invited"].where(invited_known), np.nan
    )
    return out.sort_values(["network", "wave"], ignore_index=True)
