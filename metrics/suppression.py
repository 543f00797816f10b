"""Small-cell suppression (measures.md, Suppression).

Applied where snapshots are written (design.md, "Security by design"), so nothing downstream can
leak a small cell by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.coded import cells_of, key_codes
from metrics.scoring import AGGREGATE_KEYS, ALL_GROUPS, ALL_NETWORKS, require_columns

MIN_THRESHOLD = 3
DEFAULT_FIGURES = (
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "score_100",
    "pct_positive",
    "pct_negative",
)
OPTIONAL_FIGURES = ("iqr", "alpha", "verdict")


@dataclass(frozen=True)
class _Level:
    """One level of the complement rule, laid out once: n never changes while the rule runs, only
    which rows are suppressed, so each pass is a few array operations and no sort or merge."""

    rows: np.ndarray  # frame positions of the parts, ordered by scope, n, part code
    scope: np.ndarray  # scope id of each entry of `rows`
    total: np.ndarray  # per scope id: frame position of the scope's total row, -1 when absent


def _level(
    frame: pd.DataFrame,
    codes: list[np.ndarray],
    labels: list[np.ndarray],
    part: str,
    total_code: str,
) -> _Level:
    """Parts are the rows whose `part` column is not `total_code`; a scope is one value of the
    other key columns (e.g. part="group": one network x wave x measure x subject). `codes` and
    `labels`: the AGGREGATE_KEYS' codes (key_codes with empty_is_key), made once per frame."""
    at = AGGREGATE_KEYS.index(part)
    others = [i for i in range(len(AGGREGATE_KEYS)) if i != at]
    # Integer codes, not a string group-by: only which rows share a scope matters, not its number.
    scope = cells_of([codes[i] for i in others], [len(labels[i]) for i in others])[0]
    is_total = (labels[at] == total_code)[codes[at]]
    total = np.full(scope.max() + 1 if len(scope) else 0, -1, dtype=np.int64)
    total[scope[is_total]] = np.flatnonzero(is_total)
    # Unknown n is suppressed by the threshold, so never a candidate: any fill value will do.
    n = frame["n"].to_numpy(dtype=float, na_value=np.inf)
    # Ties go to the first code in sort order of the codes as text: each label's rank.
    rank = pd.factorize(np.asarray([str(label) for label in labels[at]], dtype=object), sort=True)[
        0
    ]
    code = rank[codes[at]]
    parts = np.flatnonzero(~is_total)
    rows = parts[np.lexsort((code[parts], n[parts], scope[parts]))]
    return _Level(rows=rows, scope=scope[rows], total=total)


def _complement(level: _Level, suppressed: np.ndarray) -> np.ndarray:
    """One application of the complement rule at one level: where exactly one part of a scope is
    suppressed and the scope's total row is published, mark the published part with the smallest
    n (ties: first code in sort order). Scopes of one level share no row, so they are independent.
    Returns the newly marked rows."""
    hidden = suppressed[level.rows]
    count = np.bincount(level.scope, weights=hidden, minlength=level.total.size)
    has_total = level.total >= 0  # no total row: nothing to protect
    published = has_total & ~suppressed[np.where(has_total, level.total, 0)]
    open_scope = (count == 1) & published
    candidate = ~hidden & open_scope[level.scope]
    # Within a scope the rows are ordered by n, then code: the first candidate is the one to mark.
    _, first = np.unique(level.scope[candidate], return_index=True)
    marked = np.zeros(suppressed.size, dtype=bool)
    marked[level.rows[candidate][first]] = True
    return marked


def _fixed_point(
    frame: pd.DataFrame, codes: list[np.ndarray], labels: list[np.ndarray], suppressed: np.ndarray
) -> np.ndarray:
    """Both complement levels, network then consortium, repeated until a round marks nothing.

    A cell marked at the consortium level can leave its network with exactly one suppressed
    group, and the reverse (measures.md, Suppression): one round is not enough. Each round marks
    at least one more cell or stops, so the loop ends."""
    levels = (
        _level(frame, codes, labels, part="group", total_code=ALL_GROUPS),
        _level(frame, codes, labels, part="network", total_code=ALL_NETWORKS),
    )
    suppressed = suppressed.copy()
    changed = True
    while changed:
        changed = False
        for level in levels:
            marked = _complement(level, suppressed)
            suppressed |= marked
            changed |= bool(marked.any())
    return suppressed


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
       network (!= "ALL") is suppressed, counting every suppression so far, and the "ALL" row is
       published, the published network with the smallest n is also suppressed (ties: first
       network code);
    4. steps 2 and 3 are repeated, in that order, until a round marks no new row (a fixed point).
       Then no published margin ("all" of a network, "ALL" of a group, including the "ALL" row
       and the "all" column) minus its published cells reveals a suppressed cell.
    Rows suppressed in steps 2-4 only get reason "complement". The result depends on the keys and
    n alone, not on the row order.

    `figure_columns` defaults to mean, sd, ci_low, ci_high, score_100, pct_positive, pct_negative
    plus those of
    iqr, alpha and verdict that are present; columns of the default that are absent are skipped,
    columns named explicitly must exist. Raises ValueError when `threshold` < 3 or when two rows
    share the same keys.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer):
        raise ValueError(f"threshold must be an integer, got {threshold!r}")
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"threshold must be at least {MIN_THRESHOLD}, got {threshold}")
    require_columns(aggregates, [*AGGREGATE_KEYS, "n"], "aggregates")
    codes, labels = key_codes(aggregates, AGGREGATE_KEYS, empty_is_key=True)
    # Fewer distinct key combinations than rows: two rows share their keys.
    if len(cells_of(codes, [len(label) for label in labels])[1]) < len(aggregates):
        raise ValueError("aggregates has more than one row for one set of keys")
    if figure_columns is None:
        columns = [c for c in (*DEFAULT_FIGURES, *OPTIONAL_FIGURES) if c in aggregates.columns]
    else:
        require_columns(aggregates, list(figure_columns), "aggregates")
        columns = list(figure_columns)

    out = aggregates.copy()
    out["n"] = out["n"].astype("Int64")
    by_threshold = ~(out["n"] >= threshold).fillna(False).to_numpy(dtype=bool)
    suppressed = _fixed_point(out, codes, labels, by_threshold)

    out["suppressed"] = suppressed
    out["suppressed_reason"] = pd.Series(
        np.where(by_threshold, "threshold", np.where(suppressed, "complement", None)),
        index=out.index,
        dtype=object,
    )
    out.loc[suppressed, "n"] = pd.NA
    for column in columns:
        if out[column].dtype == np.float64:
            values = out[column].to_numpy(copy=True)  # one array write, not a .loc per column
            values[suppressed] = np.nan
            out[column] = values
        elif pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(
            out[column]
        ):
            out.loc[suppressed, column] = np.nan
        else:
            out[column] = out[column].astype(object)
            out.loc[suppressed, column] = None
    return out
