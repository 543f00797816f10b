"""measures.md, Scores rule 7: agreement (interquartile range of respondent theme scores)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from metrics.agreement import agreement


def theme_scores(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    """rows: (network, theme, respondent theme score), wave 2025, one respondent per row."""
    frame = pd.DataFrame(rows, columns=["network", "subject", "score"])
    return frame.assign(
        response_id=np.arange(len(frame)), wave="2025", group="prof", measure="theme"
    )[["response_id", "network", "wave", "group", "measure", "subject", "score"]]


def by_network(result: pd.DataFrame, subject: str = "A") -> dict[str, tuple]:
    part = result[result["subject"] == subject]
    return {r.network: (r.n, r.iqr, r.verdict) for r in part.itertuples(index=False)}


def test_agreement_hand_computed() -> None:
    scores = theme_scores(
        [("N1", "A", v) for v in [2, 3, 3.5, 5]] + [("N2", "A", v) for v in [3, 4]]
    )
    # non-theme rows are ignored
    scores = pd.concat([scores, scores.assign(measure="item")], ignore_index=True)
    result = agreement(scores)
    assert set(result["group"]) == {"all"}
    assert set(result["measure"]) == {"agreement"}
    got = by_network(result)
    # N1 {2, 3, 3.5, 5}: positions (n-1)q = 0.75 and 2.25:
    #   q25 = 2 + 0.75 * (3 - 2) = 2.75; q75 = 3.5 + 0.25 * (5 - 3.5) = 3.875; IQR 1.125 -> split.
    assert got["N1"][0] == 4
    assert got["N1"][1] == pytest.approx(1.125)
    assert got["N1"][2] == "split"
    # N2 {3, 4}: q25 = 3.25, q75 = 3.75 -> 0.5 -> agreement.
    assert got["N2"][1:] == (pytest.approx(0.5), "agreement")
    # ALL pools respondents {2, 3, 3, 3.5, 4, 5}: positions 1.25 and 3.75:
    #   q25 = 3 + 0.25 * 0 = 3; q75 = 3.5 + 0.75 * (4 - 3.5) = 3.875; IQR 0.875 -> agreement.
    assert got["ALL"][0] == 6
    assert got["ALL"][1:] == (pytest.approx(0.875), "agreement")


def test_agreement_boundary_uses_tolerance() -> None:
    # {2, 4}: q25 = 2.5, q75 = 3.5 -> IQR exactly 1.0 -> agreement.
    # {2, 4 + 1e-9}: IQR = 1 + 5e-10 (within 1e-9) -> agreement.
    # {2, 4.000002}: IQR = 1.000001 -> split.
    scores = theme_scores(
        [("N1", "A", 2.0), ("N1", "A", 4.0)]
        + [("N2", "A", 2.0), ("N2", "A", 4.0 + 1e-9)]
        + [("N3", "A", 2.0), ("N3", "A", 4.000002)]
    )
    got = by_network(agreement(scores))
    assert got["N1"][2] == "agreement"
    assert got["N2"][2] == "agreement"
    assert got["N3"][2] == "split"


def test_agreement_matches_scipy_iqr_on_random_data() -> None:
    rng = np.random.default_rng(7)
    networks = rng.choice(["N1", "N2", "N3"], 300)
    themes = rng.choice(["A", "B"], 300)
    values = rng.integers(2, 16, 300) / 3  # means of 3 items: multiples of 1/3 in [2/3, 5]
    scores = theme_scores(list(zip(networks, themes, values, strict=True)))
    result = agreement(scores)
    assert len(result) == (3 + 1) * 2
    for r in result.itertuples(index=False):
        mask = scores["subject"] == r.subject
        if r.network != "ALL":
            mask &= scores["network"] == r.network
        x = scores.loc[mask, "score"].to_numpy()
        assert r.n == len(x)
        assert r.iqr == pytest.approx(stats.iqr(x), abs=1e-12)
        assert r.verdict == ("agreement" if stats.iqr(x) <= 1.0 + 1e-9 else "split")
