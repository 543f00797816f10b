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
    # The item codes hashed once; an item's theme is then a look-up among the few items seen.
    item, seen = pd.factorize(answered["subject"])  # a categorical's codes: no hashing
    seen = np.asarray(seen, dtype=object)
    theme_of_item = theme_of.reindex(seen).to_numpy(dtype=object)
    has_theme = pd.notna(theme_of_item)[item] if len(item) else np.zeros(0, dtype=bool)
    answered, item = answered[has_theme], item[has_theme]
    cells = _listwise_statistics(answered, item, theme_of_item, k_per_theme)

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


def _listwise_statistics(
    answered: pd.DataFrame, item: np.ndarray, theme_of_item: np.ndarray, k_per_theme: pd.Series
) -> pd.DataFrame:
    """Per network × wave × theme (and "ALL" × wave × theme), over the respondents who answered
    every item of the theme (`item`: each row's item code; `theme_of_item`: each code's theme):
    n, the sum of the item variances and the variance of the sums.

    Sums and sums of squares over integer codes (np.bincount): the pooled "ALL" level is the exact
    sum of its networks' statistics, with no second pass and no string group-by.
    """
    columns = ["network", "wave", "theme", "n", "item_variance", "total_variance"]
    if answered.empty:
        return pd.DataFrame(columns=columns)
    response, _ = pd.factorize(answered["response_id"])
    theme_code, themes = pd.factorize(theme_of_item)
    theme = theme_code[item]
    network, networks = pd.factorize(answered["network"])
    wave, waves = pd.factorize(answered["wave"])
    score = answered["score"].to_numpy(dtype=float)
    n_themes, n_items, n_waves = len(themes), len(theme_of_item), len(waves)

    # listwise: keep a respondent's answers on a theme only when all k items are answered
    pair = response * n_themes + theme
    answered_items = np.bincount(pair)[pair]
    complete = answered_items == k_per_theme.reindex(themes).to_numpy()[theme]
    pair, theme, item, score = pair[complete], theme[complete], item[complete], score[complete]
    # cells: every network × wave, then one "ALL" per wave after them
    cell = network[complete] * n_waves + wave[complete]
    n_cells = len(networks) * n_waves
    pooled = n_cells + wave[complete]
    size = n_cells + n_waves

    def variance(key: np.ndarray, values: np.ndarray, length: int) -> tuple[np.ndarray, ...]:
        n = np.bincount(key, minlength=length).astype(float)
        total = np.bincount(key, values, minlength=length)
        squares = np.bincount(key, values * values, minlength=length)
        with np.errstate(divide="ignore", invalid="ignore"):
            return n, (squares - total * total / n) / (n - 1)

    item_variance = np.zeros(size * n_themes)
    for level in (cell, pooled):
        _, var = variance(
            (level * n_themes + theme) * n_items + item, score, size * n_themes * n_items
        )
        item_variance += np.nansum(var.reshape(size * n_themes, n_items), axis=1)
    # each respondent's sum per theme, then its variance per cell × theme
    sums = np.bincount(pair, score)
    first = np.unique(pair, return_index=True)[1]
    respondent_cell, respondent_pooled = cell[first], pooled[first]
    respondent_theme, respondent_sum = theme[first], sums[pair[first]]
    n = np.zeros(size * n_themes)
    total_variance = np.zeros(size * n_themes)
    for level in (respondent_cell, respondent_pooled):
        level_n, var = variance(
            level * n_themes + respondent_theme, respondent_sum, size * n_themes
        )
        present = level_n > 0
        n[present] = level_n[present]
        total_variance[present] = var[present]

    labels_network = np.concatenate(
        [
            np.repeat(np.asarray(networks, dtype=object), n_waves),
            np.full(n_waves, ALL_NETWORKS, dtype=object),
        ]
    )
    labels_wave = np.concatenate(
        [np.tile(np.asarray(waves, dtype=object), len(networks)), np.asarray(waves, dtype=object)]
    )
    out = pd.DataFrame(
        {
            "network": np.repeat(labels_network, n_themes),
            "wave": np.repeat(labels_wave, n_themes),
            "theme": np.tile(np.asarray(themes, dtype=object), size),
            "n": n,
            "item_variance": item_variance,
            "total_variance": total_variance,
        }
    )
    return out[out["n"] > 0].reset_index(drop=True)
