"""measures.md, Scores rule 9: Cronbach's alpha per theme, listwise."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.reliability import cronbach_alpha
from metrics.scoring import score_respondents

ITEMS = pd.DataFrame(
    {
        "item": ["a1", "a2", "a3", "c1"],
        "theme": ["A", "A", "A", "C"],
        "reverse": [False, False, True, False],
        "vision_elements": [[], [], [], []],
    }
)

# Item scores after reverse-coding, one row per respondent (a1, a2, a3):
HAND = [[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5], [5, 3, 4]]


def answers(network: str, rows: list[list[float]], first_id: int = 0) -> pd.DataFrame:
    records = []
    for offset, (a1, a2, a3) in enumerate(rows):
        rid = first_id + offset
        # a3 is reverse-coded: the raw answer 6 - x is scored as x.
        for item, value in [("a1", a1), ("a2", a2), ("a3", 6 - a3), ("c1", 3)]:
            records.append((rid, network, "2025", "prof", item, value))
    return pd.DataFrame(
        records, columns=["response_id", "network", "wave", "group", "item", "value"]
    )


def reference_alpha(matrix: np.ndarray) -> float:
    """Independent formula: alpha = k / (k - 1) * (1 - trace(C) / sum(C)), C = covariance."""
    c = np.cov(matrix, rowvar=False, ddof=1)
    k = matrix.shape[1]
    return k / (k - 1) * (1 - np.trace(c) / c.sum())


def one(result: pd.DataFrame, network: str, subject: str) -> pd.Series:
    match = result[(result["network"] == network) & (result["subject"] == subject)]
    assert len(match) == 1
    return match.iloc[0]


def test_alpha_hand_computed_with_listwise_deletion() -> None:
    # Item variances: a1 {1..5} 2.5; a2 {2,2,4,4,3} mean 3, squares 1+1+1+1+0 = 4 -> 1.0;
    # a3 {2,3,3,5,4} mean 3.4, squares 1.96+0.16+0.16+2.56+0.36 = 5.2 -> 1.3. Sum 4.8.
    # Sums 5, 7, 10, 13, 12: mean 9.4, squares 19.36+5.76+0.36+12.96+6.76 = 45.2 -> 11.3.
    # alpha = 3/2 * (1 - 4.8 / 11.3) = 0.862832.
    frame = answers("N1", HAND)
    # respondent 99 answered 2 of the 3 items (a2 "nvt"): left out of the listwise n.
    partial = answers("N1", [[5, 5, 5]], first_id=99)
    partial.loc[partial["item"] == "a2", "value"] = np.nan
    scores = score_respondents(pd.concat([frame, partial], ignore_index=True), ITEMS)
    result = cronbach_alpha(scores, ITEMS, threshold=5)
    r = one(result, "N1", "A")
    assert (r["group"], r["measure"], r["n"], r["k"]) == ("all", "alpha", 5, 3)
    assert r["alpha"] == pytest.approx(0.8628318584)
    assert r["alpha"] == pytest.approx(reference_alpha(np.array(HAND, dtype=float)))
    # theme C has k = 1: no alpha.
    c = one(result, "N1", "C")
    assert (c["n"], c["k"]) == (6, 1)
    assert math.isnan(c["alpha"])


def test_alpha_needs_threshold_respondents() -> None:
    # 4 listwise respondents: not computed at threshold 5, computed at 4; below 3 is refused.
    scores = score_respondents(answers("N1", HAND[:4]), ITEMS)
    r = one(cronbach_alpha(scores, ITEMS, threshold=5), "N1", "A")
    assert r["n"] == 4
    assert math.isnan(r["alpha"])
    computed = one(cronbach_alpha(scores, ITEMS, threshold=4), "N1", "A")
    assert computed["alpha"] == pytest.approx(reference_alpha(np.array(HAND[:4], dtype=float)))
    with pytest.raises(ValueError, match="at least 3"):
        cronbach_alpha(scores, ITEMS, threshold=2)


def test_alpha_pooled_over_networks() -> None:
    # N1: HAND (5 respondents), N2: 3 respondents (below threshold 5 alone); ALL pools all 8.
    n2 = [[2, 3, 3], [4, 5, 4], [1, 1, 2]]
    frame = pd.concat([answers("N1", HAND), answers("N2", n2, first_id=50)], ignore_index=True)
    result = cronbach_alpha(score_respondents(frame, ITEMS), ITEMS)
    assert math.isnan(one(result, "N2", "A")["alpha"])
    pooled = one(result, "ALL", "A")
    assert pooled["n"] == 8
    assert pooled["alpha"] == pytest.approx(reference_alpha(np.array(HAND + n2, dtype=float)))


def test_alpha_matches_covariance_formula_on_random_data() -> None:
    rng = np.random.default_rng(2028)
    items = pd.DataFrame(
        {
            "item": [f"q{j}" for j in range(7)],
            "theme": ["A"] * 4 + ["B"] * 3,
            "reverse": [False, True, False, False, False, False, True],
            "vision_elements": [[]] * 7,
        }
    )
    n = 300
    latent = rng.normal(size=(n, 1))
    raw = np.clip(np.rint(3 + latent + rng.normal(scale=1.0, size=(n, 7))), 1, 5)
    raw[:, [1, 6]] = 6 - raw[:, [1, 6]]  # reverse-coded items are asked the other way round
    raw[rng.random(raw.shape) < 0.1] = np.nan
    networks = rng.choice(["N1", "N2"], n)
    frame = pd.DataFrame(raw, columns=items["item"])
    frame["response_id"] = np.arange(n)
    frame["network"] = networks
    long = frame.melt(["response_id", "network"], var_name="item", value_name="value")
    long["wave"] = "2025"
    long["group"] = "prof"
    result = cronbach_alpha(score_respondents(long, items), items)
    assert len(result) == 3 * 2
    scored = np.where(np.isin(np.arange(7), [1, 6]), 6 - raw, raw)
    for r in result.itertuples(index=False):
        columns = [j for j in range(7) if items["theme"][j] == r.subject]
        rows = networks == r.network if r.network != "ALL" else np.ones(n, dtype=bool)
        matrix = scored[rows][:, columns]
        matrix = matrix[~np.isnan(matrix).any(axis=1)]
        assert r.n == len(matrix)
        assert r.alpha == pytest.approx(reference_alpha(matrix), rel=1e-10)
        assert r.alpha > 0.3  # the latent factor makes the items hang together
