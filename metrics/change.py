"""Change between a wave and the previous wave with data (measures.md, Scores rule 8)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from metrics.scoring import AGGREGATE_KEYS, TOL, cell_statistics, require_columns

SIGNIFICANCE = 0.05
SERIES_KEYS = ["network", "group", "measure", "subject"]


def welch_p_value(
    n1: np.ndarray,
    mean1: np.ndarray,
    var1: np.ndarray,
    n2: np.ndarray,
    mean2: np.ndarray,
    var2: np.ndarray,
) -> np.ndarray:
    """Two-sided Welch t-test p-value from each side's n, mean and variance (ddof=1).

    Vectorised; gives the same p-value as scipy.stats.ttest_ind(a, b, equal_var=False) on the raw
    scores. NaN where either side has n < 2. Where neither side varies (both variances 0) it
    follows scipy: p = 0 when the means differ, NaN when they are equal.
    """
    n1, mean1, var1, n2, mean2, var2 = (
        np.asarray(x, dtype=float) for x in (n1, mean1, var1, n2, mean2, var2)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        se1 = var1 / n1
        se2 = var2 / n2
        se = se1 + se2
        t = (mean1 - mean2) / np.sqrt(se)
        df = se**2 / (se1**2 / (n1 - 1) + se2**2 / (n2 - 1))
        # stdtr(df, -|t|) is what scipy.stats.t.sf computes, without importing scipy.stats
        # (0.8 s at every start of a recompute process).
        p = 2.0 * special.stdtr(df, -np.abs(t))
    no_spread = np.where(mean1 != mean2, 0.0, np.nan)
    return np.where((n1 >= 2) & (n2 >= 2), np.where(se > 0, p, no_spread), np.nan)


def change(aggregates: pd.DataFrame, scores: pd.DataFrame, waves: pd.DataFrame) -> pd.DataFrame:
    """Change between each wave and the previous wave with data (measures.md, Scores rule 8).

    `aggregates`: the output of `aggregate` after `suppress` (its rows say which waves have data
    and which are suppressed). `scores`: the respondent scores the aggregates came from; the
    Welch test uses their respondents (network "ALL" and group "all" by pooling respondents).
    `waves`: wave, reference_date (sortable; equal dates are ordered by wave code).

    For every (network, group, measure, subject) and every wave that has an earlier wave with a
    row of the same key, one row: network, wave, group, measure, subject, previous_wave (the
    latest earlier wave with a row), difference (later mean - earlier mean), p_value (Welch's
    t-test, as scipy.stats.ttest_ind(equal_var=False), NaN when either side has n < 2) and
    significant (nullable boolean: p < 0.05, where a p-value within TOL of 0.05 counts as 0.05
    and is therefore not significant, so noise never flips the verdict). When either side is
    suppressed, difference, p_value and significant are empty (NaN / NA). The first wave of a key
    has no row. Raises ValueError when a wave of `aggregates` has no reference date.
    """
    require_columns(aggregates, [*AGGREGATE_KEYS, "suppressed"], "aggregates")
    require_columns(waves, ["wave", "reference_date"], "waves")
    if waves["wave"].duplicated().any():
        raise ValueError("waves has more than one reference date for one wave")
    reference = pd.Series(waves["reference_date"].to_numpy(), index=waves["wave"])
    rows = aggregates[[*AGGREGATE_KEYS, "suppressed"]].copy()
    rows["reference_date"] = rows["wave"].map(reference)
    if rows["reference_date"].isna().any():
        unknown = sorted(rows.loc[rows["reference_date"].isna(), "wave"].astype(str).unique())
        raise ValueError(f"waves without a reference date: {unknown}")
    cells = cell_statistics(scores)
    with np.errstate(divide="ignore", invalid="ignore"):
        cells["sd"] = np.sqrt(cells["m2"] / (cells["n"] - 1))
    rows = rows.merge(cells[[*AGGREGATE_KEYS, "n", "mean", "sd"]], on=AGGREGATE_KEYS, how="left")
    return change_from_aggregates(rows)


def change_from_aggregates(aggregates: pd.DataFrame) -> pd.DataFrame:
    """Change between each wave and the previous wave with data, from published summaries
    (measures.md, Scores rule 8).

    Welch's test needs only each side's n, mean and sd, so the stored snapshots suffice and the
    answers of earlier waves are never read again. `aggregates`: network, wave, group, measure,
    subject, reference_date, n, mean, sd, suppressed. Same output as `change`.
    """
    require_columns(
        aggregates,
        [*AGGREGATE_KEYS, "reference_date", "n", "mean", "sd", "suppressed"],
        "aggregates",
    )
    rows = aggregates.rename(columns={"reference_date": "_date"})
    rows = rows.sort_values([*SERIES_KEYS, "_date", "wave"], ignore_index=True)
    series = rows.groupby(SERIES_KEYS, sort=False)
    rows["previous_wave"] = series["wave"].shift()
    for column in ("suppressed", "n", "mean", "sd"):
        rows[f"_previous_{column}"] = series[column].shift()
    rows = rows[rows["previous_wave"].notna()].reset_index(drop=True)

    def floats(column: str) -> np.ndarray:
        return pd.to_numeric(rows[column], errors="coerce").to_numpy(dtype=float)

    p_value = welch_p_value(
        floats("n"),
        floats("mean"),
        floats("sd") ** 2,
        floats("_previous_n"),
        floats("_previous_mean"),
        floats("_previous_sd") ** 2,
    )
    shown = ~(
        rows["suppressed"].astype(bool).to_numpy()
        | rows["_previous_suppressed"].astype(bool).to_numpy()
    )
    difference = floats("mean") - floats("_previous_mean")
    p_value = np.where(shown, p_value, np.nan)
    significant = pd.array(p_value < SIGNIFICANCE - TOL, dtype="boolean")
    significant[np.isnan(p_value)] = pd.NA

    out = rows[["network", "wave", "group", "measure", "subject", "previous_wave"]].assign(
        difference=np.where(shown, difference, np.nan),
        p_value=p_value,
        significant=significant,
    )
    return out.sort_values(AGGREGATE_KEYS, ignore_index=True)


def change_of_values(figures: pd.DataFrame) -> pd.DataFrame:
    """Change of figures that are not means of respondents (the partner network's density,
    ties, …): the difference of `value` with the series' previous wave (measures.md, "Partner
    network": "the differences of the figures above"). There is no sampling test: the figure is
    the whole listed network, not a sample.

    `figures`: network, wave, group, measure, subject, reference_date, value, suppressed. Returns
    network, wave, group, measure, subject, previous_wave, difference (empty when either side is
    suppressed or has no value).
    """
    require_columns(figures, [*AGGREGATE_KEYS, "reference_date", "value", "suppressed"], "figures")
    rows = figures.sort_values([*SERIES_KEYS, "reference_date", "wave"], ignore_index=True)
    series = rows.groupby(SERIES_KEYS, sort=False)
    rows["previous_wave"] = series["wave"].shift()
    value = pd.to_numeric(rows["value"], errors="coerce").astype(float)
    previous = pd.to_numeric(series["value"].shift(), errors="coerce").astype(float)
    hidden = rows["suppressed"].astype(bool) | series["suppressed"].shift().fillna(False).astype(
        bool
    )
    rows["difference"] = (value - previous).where(~hidden)
    rows = rows[rows["previous_wave"].notna()]
    return rows[[*AGGREGATE_KEYS, "previous_wave", "difference"]].sort_values(
        AGGREGATE_KEYS, ignore_index=True
    )
