"""Small-cell suppression (measures.md, Suppression).

Applied where snapshots are written (design.md, "Security by design"), so nothing downstream can
leak a small cell by accident.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.scoring import AGGREGATE_KEYS, ALL_GROUPS, ALL_NETWORKS, require_columns

MIN_THRESHOLD = 3
DEFAULT_FIGURES = ("mean", "sd", "ci_low", "ci_high", "score_100", "pct_positive")
OPTIONAL_FIGURES = ("iqr", "alpha", "verdict")


def _complement(
    frame: pd.DataFrame, suppressed: np.ndarray, part: str, total_code: str
) -> np.ndarray:
    """One application of the complement rule at one level.

    Parts are the rows whose `part` column is not `total_code`; a scope is one value of the other
    key columns (e.g. part="group": one network x wave x measure x subject). Where exactly one
    part of a scope is suppressed and the scope's total row is published, the published part with
    the smallest n (ties: first code in sort order) is marked. Returns the newly marked rows.
    """
    scope = [key for key in AGGREGATE_KEYS if key != part]
    rows = frame[[*AGGREGATE_KEYS, "n"]].assign(_sup=suppressed, _row=np.arange(len(frame)))
    is_total = (rows[part] == total_code).to_numpy()
    parts = rows[~is_total]
    totals = rows.loc[is_total, [*scope, "_sup"]].rename(columns={"_sup": "_total_sup"})

    parts = parts.assign(_n_sup=parts.groupby(scope, sort=False)["_sup"].transform("sum"))
    parts = parts.merge(totals, on=scope, how="left")
    total_published = parts["_total_sup"].eq(False)  # no total row: nothing to protect
    candidates = parts[(parts["_n_sup"] == 1) & total_published & ~parts["_sup"]]
    chosen = candidates.sort_values([*scope, "n", part]).drop_duplicates(scope)

    marked = np.zeros(len(frame), dtype=bool)
    marked[chosen["_row"].to_numpy()] = True
    return marked


def suppress(
    aggregates: pd.DataFrame,
    threshold: int = 5,
    *,
    figure_columns: list[str] | tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Suppress small cells (measures.md, Suppression: threshold and complement rule).

    `aggregates` has one row per network, wave, group, measure, subject (as `aggregate`,
    `agreement` or `cronbach_alpha` return), with n = respondents. Returns a copy with columns
    `suppressed` (bool) and `suppressed_reason` (None, "threshold" or "complement"); on suppressed
    rows n (nullable Int64) and every figure column are emptied (NaN, or None/NA for non-numeric
    columns such as an agreement verdict).

    Order, all per wave x measure x subject:
    1. threshold: a row with n < `threshold` (or unknown n) is suppressed;
    2. complement within a network (each network, including "ALL"): if exactly one respondent
       group (group != "all") is suppressed and the network's "all" row is published, the
       published group with the smallest n is also suppressed (ties: first group code in
       alphabetical order);
    3. complement within the consortium, for each group value including "all": if exactly one
       network (!= "ALL") is suppressed, counting suppressions of steps 1 and 2, and the "ALL"
       row is published, the published network with the smallest n is also suppressed (ties:
       first network code).
    Each complement level is applied once, as measures.md says; a suppression of step 3 does not
    re-run step 2.

    `figure_columns` defaults to mean, sd, ci_low, ci_high, score_100, pct_positive plus those of
    iqr, alpha and verdict that are present; columns of the default that are absent are skipped,
    columns named explicitly must exist. Raises ValueError when `threshold` < 3 or when two rows
    share the same keys.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer):
        raise ValueError(f"threshold must be an integer, got {threshold!r}")
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"threshold must be at least {MIN_THRESHOLD}, got {threshold}")
    require_columns(aggregates, [*AGGREGATE_KEYS, "n"], "aggregates")
    if aggregates.duplicated(AGGREGATE_KEYS).any():
        raise ValueError("aggregates has more than one row for one set of keys")
    if figure_columns is None:
        columns = [c for c in (*DEFAULT_FIGURES, *OPTIONAL_FIGURES) if c in aggregates.columns]
    else:
        require_columns(aggregates, list(figure_columns), "aggregates")
        columns = list(figure_columns)

    out = aggregates.copy()
    out["n"] = out["n"].astype("Int64")
    by_threshold = ~(out["n"] >= threshold).fillna(False).to_numpy(dtype=bool)
    suppressed = by_threshold.copy()
    within_network = _complement(out, suppressed, part="group", total_code=ALL_GROUPS)
    suppressed |= within_network
    within_consortium = _complement(out, suppressed, part="network", total_code=ALL_NETWORKS)
    suppressed |= within_consortium

    out["suppressed"] = suppressed
    out["suppressed_reason"] = pd.Series(
        np.where(by_threshold, "threshold", np.where(suppressed, "complement", None)),
        index=out.index,
        dtype=object,
    )
    out.loc[suppressed, "n"] = pd.NA
    for column in columns:
        if pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(
            out[column]
        ):
            out.loc[suppressed, column] = np.nan
        else:
            out[column] = out[column].astype(object)
            out.loc[suppressed, column] = None
    return out
