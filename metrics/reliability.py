"""Internal consistency of the themes: Cronbach's alpha (measures.md, Scores rule 9)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.scoring import ALL_GROUPS, ALL_NETWORKS, SCORE_COLUMNS, TOL, require_columns
from metrics.suppression import MIN_THRESHOLD

CELL = ["network", "wave", "theme"]


def cronbach_alpha(scores: pd.DataFrame, items: pd.DataFrame, threshold: int = 5) -> pd.DataFrame:
    """Cronbach's alpha per theme per network x wave and for "ALL" (measures.md, Scores rule 9).

    `scores`: the output of `score_respondents`; only measure "item" (already reverse-coded) is
    used. `items`: item, theme (k = the theme's items in the active framework). Listwise: only
    respondents with a score on every one of the theme's k items count.
    alpha = k / (k - 1) * (1 - sum of item variances / variance of the respondents' sums), all
    variances with ddof=1, computed only when the listwise n >= `threshold` and k >= 2 (and the
    sums vary at all); otherwise alpha is NaN.

    One row per network x wave present in the item scores (and "ALL" x wave) x theme of `items`,
    group "all": network, wave, group, measure ("alpha"), subject (theme), n (listwise, may be 0),
    k, alpha. Pass the result through `suppress` before it leaves the server.
    """
    require_columns(scores, SCORE_COLUMNS, "scores")
    require_columns(items, ["item", "theme"], "items")
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"threshold must be at least {MIN_THRESHOLD}, got {threshold}")
    if (scores["network"] == ALL_NETWORKS).any():
        raise ValueError(f'scores must not use the pooled network code "{ALL_NETWORKS}"')
    theme_of = pd.Series(items["theme"].to_numpy(), index=items["item"])
    k_per_theme = items.groupby("theme").size()

    answered = scores.loc[
        (scores["measure"] == "item") & scores["score"].notna(),
        ["response_id", "network", "wave", "subject", "score"],
    ]
    answered = answered.assign(theme=answered["subject"].map(theme_of)).dropna(subset=["theme"])
    answered_items = answered.groupby(["response_id", "theme"], sort=False)["subject"].transform(
        "size"
    )
    complete = answered[answered_items == answered["theme"].map(k_per_theme)]
    both = pd.concat([complete, complete.assign(network=ALL_NETWORKS)], ignore_index=True)

    item_variance = both.groupby([*CELL, "subject"])["score"].var().groupby(CELL).sum()
    sums = both.groupby([*CELL, "response_id"])["score"].sum().groupby(CELL)
    cells = pd.DataFrame(
        {"n": sums.size(), "item_variance": item_variance, "total_variance": sums.var()}
    ).reset_index()

    present = answered[["network", "wave"]].drop_duplicates()
    present = pd.concat(
        [present, present[["wave"]].drop_duplicates().assign(network=ALL_NETWORKS)],
        ignore_index=True,
    )
    grid = present.merge(k_per_theme.rename("k").rename_axis("theme").reset_index(), how="cross")
    out = grid.merge(cells, on=CELL, how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    k = out["k"].to_numpy(dtype=float)
    total = out["total_variance"].to_numpy(dtype=float)
    computable = (out["n"].to_numpy() >= threshold) & (k >= 2) & (total > TOL)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = k / (k - 1) * (1 - out["item_variance"].to_numpy(dtype=float) / total)
    out["alpha"] = np.where(computable, alpha, np.nan)
    out["group"] = ALL_GROUPS
    out["measure"] = "alpha"
    out = out.rename(columns={"theme": "subject"})
    columns = ["network", "wave", "group", "measure", "subject", "n", "k", "alpha"]
    return out[columns].sort_values(["network", "wave", "subject"], ignore_index=True)
