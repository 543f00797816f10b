"""Response rates per network x wave (measures.md, Scores rule 10)."""

from __future__ import annotations

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

    counts = (
        responses.drop_duplicates("response_id")
        .groupby(["network", "wave"])
        .size()
        .rename("responses")
        .reset_index()
    )
    invited_counts = invited[["network", "wave", "invited"]].assign(
        invited=pd.to_numeric(invited["invited"], errors="raise").astype(float)
    )
    per_network = counts.merge(invited_counts, on=["network", "wave"], how="outer")
    per_network["responses"] = per_network["responses"].fillna(0).astype("int64")

    unknown_with_responses = per_network["invited"].isna() & (per_network["responses"] > 0)
    pooled = per_network.assign(_unknown=unknown_with_responses).groupby("wave")
    consortium = pd.DataFrame(
        {
            "responses": pooled["responses"].sum(),
            "invited": pooled["invited"].sum(min_count=1),
            "_unknown": pooled["_unknown"].any(),
        }
    ).reset_index()
    consortium.loc[consortium["_unknown"], "invited"] = np.nan
    consortium["network"] = ALL_NETWORKS

    columns = ["network", "wave", "responses", "invited"]
    out = pd.concat([per_network[columns], consortium[columns]], ignore_index=True)
    invited_known = out["invited"].notna() & (out["invited"] > 0)
    out["rate"] = np.where(
        invited_known, out["responses"] / out["invited"].where(invited_known), np.nan
    )
    return out.sort_values(["network", "wave"], ignore_index=True)
