"""Agreement within a network: the spread of respondent theme scores (measures.md, rule 7)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.coded import cells_of, complete, key_codes, labelled
from metrics.scoring import ALL_GROUPS, ALL_NETWORKS, SCORE_COLUMNS, TOL, require_columns

AGREEMENT_MAX_IQR = 1.0


def agreement(scores: pd.DataFrame) -> pd.DataFrame:
    """Interquartile range of respondent theme scores (measures.md, Scores rule 7).

    `scores` is the output of `score_respondents`; only measure "theme" is used. One row per
    network x wave x theme, plus network "ALL" pooling the respondents of all networks, all with
    group "all". Columns network, wave, group, measure ("agreement"), subject (theme code),
    n (respondents with a theme score), iqr (75th minus 25th percentile, linear interpolation as
    pandas' default quantile) and verdict: "agreement" when iqr <= 1.0 (+ TOL), else "split".
    Not yet suppressed: pass the result through `suppress` (it empties iqr and verdict).
    """
    require_columns(scores, SCORE_COLUMNS, "scores")
    if (scores["network"] == ALL_NETWORKS).any():
        raise ValueError(f'scores must not use the pooled network code "{ALL_NETWORKS}"')
    themes = scores.loc[scores["measure"] == "theme", ["network", "wave", "subject", "score"]]
    themes = themes[themes["score"].notna()]
    both = pd.concat([themes, themes.assign(network=ALL_NETWORKS)], ignore_index=True)
    # One integer cell per network × wave × theme (metrics/coded.py): the quantiles group on it.
    codes, labels = key_codes(both, ["network", "wave", "subject"])
    kept = complete(codes)
    codes = [code[kept] for code in codes]
    cell, first = cells_of(codes, [len(label) for label in labels])
    grouped = pd.Series(both["score"].to_numpy()[kept]).groupby(cell, sort=False)
    figures = {
        "n": grouped.count().to_numpy(),
        "iqr": (grouped.quantile(0.75) - grouped.quantile(0.25)).to_numpy(),
    }
    out = labelled(["network", "wave", "subject"], [code[first] for code in codes], labels, figures)
    out["verdict"] = np.where(out["iqr"] <= AGREEMENT_MAX_IQR + TOL, "agreement", "split")
    out["group"] = ALL_GROUPS
    out["measure"] = "agreement"
    columns = ["network", "wave", "group", "measure", "subject", "n", "iqr", "verdict"]
    return out[columns].sort_values(["network", "wave", "subject"], ignore_index=True)
