"""Respondent scores and their aggregates (measures.md, Scores rules 1-6).

Two steps, both pure and vectorised:

1. `score_respondents` turns answers into LONG respondent-level scores (one row per respondent and
   item, theme, vision element or index): rules 1, 2, 4 and 5 at respondent level.
2. `aggregate` summarises those scores per network x wave x group and at the pooled levels
   (group "all", network "ALL", and both): rules 1, 3, 4, 5 and 6.

The pooled levels are not a second pass over the answers (design.md, "Speed by design"): one
group-by over the respondent scores gives n, mean, sum of squared deviations (M2) and the count of
positive scores per finest cell, and the pooled cells are combined exactly from those (Chan et al.'s
parallel-variance formula). Because every respondent belongs to exactly one network and one group,
that is the same as pooling the respondents themselves, never a mean of means (rule 6).

With several consortia, call these functions once per consortium: network "ALL" pools every network
in the frame it is given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from metrics.coded import (
    cells_of,
    complete,
    expand_links,
    key_codes,
    labelled,
    link_codes,
    means_when_half_answered,
)
from samenwerkingsmonitor.vocabulary import ALL_GROUPS, ALL_NETWORKS

TOL = 1e-9
"""Tolerance of every threshold comparison (measures.md, Scores): a value within TOL of a threshold
counts as exactly that threshold, so floating-point noise never flips a verdict."""

SCALE_MIN = 1
SCALE_MAX = 5
POSITIVE_SCORE = 4.0
POSITIVE_INDEX = 75.0


RESPONDENT_KEYS = ["response_id", "network", "wave", "group"]
AGGREGATE_KEYS = ["network", "wave", "group", "measure", "subject"]
SCORE_COLUMNS = [*RESPONDENT_KEYS, "measure", "subject", "score"]
NEGATIVE_SCORE = 2.0
FIGURE_COLUMNS = [
    "n",
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "score_100",
    "pct_positive",
    "pct_negative",
]


def require_columns(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    """Raise ValueError naming the frame and the columns it lacks."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {missing}")


def _half_of(k: pd.Series | int) -> pd.Series | int:
    """ceil(k / 2) in integers: the least number of items (or themes) a respondent must have."""
    return (k + 1) // 2


# Measures whose items are those linked to a code (rule 4, and by the same rule the speerpunten
# and ambitions: docs/measures.md), with the items-frame column that holds an item's codes.
LINKED_MEASURES = {
    "vision_element": "vision_elements",
    "speerpunt": "speerpunten",
    "ambition": "ambitions",
}


def _valid_answers(
    answers: pd.DataFrame, items: pd.DataFrame
) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """The answers on the framework's items with a valid value (column value as float), each
    one's position in `items`, and the respondents (RESPONDENT_KEYS, once each) of the answers on
    the framework's items; refuses what a collector must never deliver."""
    require_columns(answers, [*RESPONDENT_KEYS, "item", "value"], "answers")
    require_columns(items, ["item", "theme", "reverse", "vision_elements"], "items")
    if items["item"].duplicated().any():
        raise ValueError("items has duplicate item codes")
    # Item codes become positions in `items` once, so reverse flags and themes are array lookups.
    item_position = pd.Index(items["item"]).get_indexer(answers["item"])  # -1: not in items
    in_framework = item_position >= 0
    known = answers[in_framework]
    value = pd.to_numeric(known["value"], errors="raise").astype(float)
    valid = value.notna()
    out_of_range = valid & ((value < SCALE_MIN) | (value > SCALE_MAX))
    if out_of_range.any():
        raise ValueError(
            f"{int(out_of_range.sum())} answer value(s) outside {SCALE_MIN}-{SCALE_MAX}; "
            "missing answers must be NaN"
        )
    if known.duplicated(["response_id", "item"]).any():
        raise ValueError("answers has more than one answer of one response to one item")
    respondents = known[RESPONDENT_KEYS].drop_duplicates()
    if respondents["response_id"].duplicated().any():
        raise ValueError("a response appears under more than one network, wave or group")
    kept = known.loc[valid].assign(value=value[valid])
    return kept, item_position[in_framework][valid.to_numpy()], respondents


def score_respondents(answers: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Respondent-level scores (measures.md, Scores rules 1, 2, 4 and 5).

    `answers`: response_id, network, wave, group, item, value (NaN = missing: "not applicable",
    "don't know" and empty; missing answers may also be absent). `items`: the active framework's
    items of one instrument with item, theme, reverse (bool) and vision_elements (list of codes),
    and optionally speerpunten and ambitions (lists of codes; Framework.items_frame gives both).
    Answers on items that are not in `items` are ignored; k counts the items of `items`.

    Returns a long frame with columns response_id, network, wave, group, measure, subject, score:
    - measure "item": the answer, reverse-coded as 6 - v where the item is reverse-coded (rule 1);
    - measure "theme": mean of the respondent's valid answers on the theme's k items, only when
      at least ceil(k/2) are valid (rule 2);
    - measures "vision_element", "speerpunt" and "ambition": the same over the items linked to
      the element, speerpunt or ambition (rule 4; an item counts towards every code it links to);
    - measure "index", subject "index": the mean of the respondent's theme scores converted to
      0-100 by (s - 1) / 4 * 100, only when the respondent has a score on at least ceil(T/2) of the
      instrument's T themes (rule 5).
    Rows exist only where a score exists.

    Raises ValueError on a valid value outside 1-5 (collectors must map "not applicable" etc. to
    missing, never to 0), on two answers of one response to one item, on a response that appears
    under two networks, waves or groups, and on duplicate item codes in `items`.
    """
    answered, position, respondents = _valid_answers(answers, items)
    reverse_at = items["reverse"].fillna(False).astype(bool).to_numpy()
    v = answered["value"].to_numpy()
    score = np.where(reverse_at[position], (SCALE_MIN + SCALE_MAX) - v, v)
    # Integer codes throughout (respondent, theme, linked code): the means are bincounts.
    respondent, response_ids = pd.factorize(answered["response_id"].to_numpy())
    theme_at, themes = pd.factorize(items["theme"].to_numpy(dtype=object))
    k_per_theme = np.bincount(theme_at[theme_at >= 0], minlength=len(themes))
    has_theme = theme_at[position] >= 0
    who, theme, theme_score = means_when_half_answered(
        respondent[has_theme], theme_at[position][has_theme], score[has_theme], k_per_theme
    )
    item_code, item_labels = _item_codes(answered["item"])
    parts = [
        (respondent, "item", item_code, item_labels, score),
        (who, "theme", theme, np.asarray(themes, dtype=object), theme_score),
    ]
    for measure, column in LINKED_MEASURES.items():
        links, codes = link_codes(items, column)
        row, code = expand_links(position, links)
        k = np.bincount(np.asarray([c for linked in links for c in linked], dtype=np.int64))
        k = np.pad(k, (0, len(codes) - len(k)))
        linked_who, linked, linked_score = means_when_half_answered(
            respondent[row], code, score[row], k
        )
        parts.append((linked_who, measure, linked, codes, linked_score))
    # Rule 5: the mean theme score on 0-100 when at least half of the themes have a score.
    index_who, _, index_score = means_when_half_answered(
        who, np.zeros_like(who), theme_score, np.asarray([len(themes)])
    )
    index_100 = (index_score - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100.0
    parts.append((index_who, "index", np.zeros(len(index_who), np.int64), ["index"], index_100))
    return _long_scores(parts, np.asarray(response_ids), respondents)


def _item_codes(items: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The answers' item codes as integer codes and their labels (a categorical's own)."""
    if isinstance(items.dtype, pd.CategoricalDtype):
        return items.cat.codes.to_numpy(), np.asarray(items.cat.categories, dtype=object)
    code, labels = pd.factorize(items.to_numpy(dtype=object))
    return code, np.asarray(labels, dtype=object)


def _long_scores(parts: list[tuple], response_ids: np.ndarray, respondents: pd.DataFrame):
    """The parts (respondent codes, measure, subject codes, their labels, scores) as one long
    frame with each respondent's keys; each respondent once (checked by _valid_answers), so a
    look-up by position, not a merge. Measure and subject are categoricals of the sorted labels:
    the consumers filter and group on their codes."""
    who = np.concatenate([part[0] for part in parts]).astype(np.int64)
    at = pd.Index(respondents["response_id"]).get_indexer(response_ids)[who]
    measures = sorted({part[1] for part in parts})
    subjects = pd.Index(sorted({label for part in parts for label in part[3]}))
    measure = [np.full(len(part[0]), measures.index(part[1]), np.int64) for part in parts]
    subject = [subjects.get_indexer(part[3])[part[2]] for part in parts]
    return pd.DataFrame(
        {
            "response_id": response_ids[who],
            **{key: respondents[key].array.take(at) for key in RESPONDENT_KEYS[1:]},
            "measure": pd.Categorical.from_codes(np.concatenate(measure), measures),
            "subject": pd.Categorical.from_codes(np.concatenate(subject), subjects),
            "score": np.concatenate([np.asarray(part[4], dtype=float) for part in parts]),
        }
    )


def _finest_statistics(scores: pd.DataFrame) -> tuple[dict, list[np.ndarray], list[np.ndarray]]:
    """n, mean, M2 (sum of squared deviations, in two passes) and counts of positive and negative
    scores per finest cell; with each cell's key codes and the keys' labels (metrics/coded.py)."""
    score = scores["score"].to_numpy(dtype=float)
    codes, labels = key_codes(scores, AGGREGATE_KEYS)
    kept = complete(codes) & ~np.isnan(score)
    codes, score = [code[kept] for code in codes], score[kept]
    cell, first = cells_of(codes, [len(label) for label in labels])
    size = len(first)
    threshold = np.where(labels[3][codes[3]] == "index", POSITIVE_INDEX, POSITIVE_SCORE)
    n = np.bincount(cell, minlength=size)
    mean = np.bincount(cell, score, minlength=size) / np.maximum(n, 1)
    figures = {
        "n": n.astype(np.int64),
        "mean": mean,
        "m2": np.bincount(cell, (score - mean[cell]) ** 2, minlength=size),
        "positive": np.bincount(cell, score >= threshold - TOL, minlength=size),
        "negative": np.bincount(cell, score <= NEGATIVE_SCORE + TOL, minlength=size),
    }
    return figures, [code[first] for code in codes], labels


def _pool(
    figures: dict, codes: list[np.ndarray], labels: list[np.ndarray], **pooled: str
) -> pd.DataFrame:
    """Combine cells after relabelling `network` and/or `group` (rule 6): exact pooled n, mean, M2
    and positive count, as if the respondents had been pooled (Chan et al.)."""
    codes, labels = list(codes), list(labels)
    for key, code in pooled.items():
        at = AGGREGATE_KEYS.index(key)
        codes[at] = np.zeros_like(codes[at])
        labels[at] = np.asarray([code], dtype=object)
    cell, first = cells_of(codes, [len(label) for label in labels])
    size = len(first)
    n = np.bincount(cell, figures["n"], minlength=size)
    mean = np.bincount(cell, figures["n"] * figures["mean"], minlength=size) / n
    spread = figures["m2"] + figures["n"] * (figures["mean"] - mean[cell]) ** 2
    out = {
        "n": n,
        "mean": mean,
        "m2": np.bincount(cell, spread, minlength=size),
        "positive": np.bincount(cell, figures["positive"], minlength=size),
        "negative": np.bincount(cell, figures["negative"], minlength=size),
    }
    return labelled(AGGREGATE_KEYS, [code[first] for code in codes], labels, out)


def cell_statistics(scores: pd.DataFrame) -> pd.DataFrame:
    """Sufficient statistics of every aggregate (measures.md, Scores rules 1-6).

    Columns network, wave, group, measure, subject, n, mean, m2 (sum of squared deviations from the
    mean; variance = m2 / (n - 1)), positive and negative (numbers of respondent scores >= the
    positive threshold and <= 2), for each network x wave x group, each network x wave with group "all", network "ALL" per group and
    ("ALL", "all"). Used by `aggregate` and by the change rule, so both see the same respondents.
    """
    require_columns(scores, SCORE_COLUMNS, "scores")
    if (scores["network"] == ALL_NETWORKS).any() or (scores["group"] == ALL_GROUPS).any():
        raise ValueError(
            f'scores must not use the pooled codes network "{ALL_NETWORKS}" or group "{ALL_GROUPS}"'
        )
    figures, codes, labels = _finest_statistics(scores)
    levels = [
        labelled(AGGREGATE_KEYS, codes, labels, figures),
        _pool(figures, codes, labels, group=ALL_GROUPS),
        _pool(figures, codes, labels, network=ALL_NETWORKS),
        _pool(figures, codes, labels, network=ALL_NETWORKS, group=ALL_GROUPS),
    ]
    columns = [*AGGREGATE_KEYS, "n", "mean", "m2", "positive", "negative"]
    out = pd.concat([level[columns] for level in levels], ignore_index=True)
    for count in ("n", "positive", "negative"):
        out[count] = out[count].astype("int64")
    return out


def aggregate(scores: pd.DataFrame) -> pd.DataFrame:
    """Aggregates of respondent scores (measures.md, Scores rules 1, 3, 4, 5 and 6).

    `scores` is the output of `score_respondents`. One row per (network, wave, group, measure,
    subject) including the pooled levels: group "all" per network, network "ALL" per group, and
    ("ALL", "all"); network "ALL" pools respondents, not network means.

    Columns network, wave, group, measure, subject, n (respondents), mean, sd (ddof=1),
    ci_low/ci_high = mean -/+ t(0.975, n - 1) * sd / sqrt(n), score_100 ((mean - 1) / 4 * 100, or
    the mean itself for the index, already 0-100), pct_positive (fraction 0-1 of respondent scores
    >= 4 - TOL, for the index >= 75 - TOL), and for items only pct_negative (fraction of item
    scores <= 2 + TOL: for a reverse-coded item the share whose raw answer was 4 or 5, i.e. who
    agreed with the statement as worded). sd and the CI are NaN when n < 2.
    Not yet suppressed: pass the result through `metrics.suppression.suppress` before it leaves
    the server.
    """
    cells = cell_statistics(scores)
    n = cells["n"].to_numpy(dtype=float)
    mean = cells["mean"].to_numpy(dtype=float)
    several = n >= 2
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = np.where(several, np.sqrt(cells["m2"].to_numpy() / (n - 1)), np.nan)
        # stdtrit is what scipy.stats.t.ppf computes; scipy.stats itself costs 0.8 s to import.
        t_crit = special.stdtrit(np.where(several, n - 1, np.nan), 0.975)
        half_width = t_crit * sd / np.sqrt(n)
    is_index = (cells["measure"] == "index").to_numpy()
    score_100 = np.where(is_index, mean, (mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100.0)
    out = cells[AGGREGATE_KEYS].assign(
        n=cells["n"],
        mean=mean,
        sd=sd,
        ci_low=mean - half_width,
        ci_high=mean + half_width,
        score_100=score_100,
        pct_positive=cells["positive"].to_numpy() / n,
        # Only an item has one answer per respondent: a theme's "share <= 2" means nothing.
        pct_negative=np.where(
            (cells["measure"] == "item").to_numpy(), cells["negative"].to_numpy() / n, np.nan
        ),
    )
    return out.sort_values(AGGREGATE_KEYS, ignore_index=True)
