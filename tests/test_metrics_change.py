"""measures.md, Scores rule 8: change between waves (difference and Welch's t-test)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import metrics.change as change_module
from metrics.change import change, welch_p_value
from metrics.scoring import aggregate
from metrics.suppression import suppress

WAVES = pd.DataFrame(
    {
        # codes deliberately not in date order: "spring" 2024 comes before "autumn" 2024.
        "wave": ["2023", "spring", "autumn"],
        "reference_date": pd.to_datetime(["2023-06-01", "2024-03-01", "2024-10-01"]),
    }
)


def theme_scores(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    """rows: (network, wave, group, theme score of one respondent), theme A."""
    frame = pd.DataFrame(rows, columns=["network", "wave", "group", "score"])
    return frame.assign(response_id=np.arange(len(frame)), measure="theme", subject="A")[
        ["response_id", "network", "wave", "group", "measure", "subject", "score"]
    ]


def run(scores: pd.DataFrame, threshold: int = 3) -> pd.DataFrame:
    return change(suppress(aggregate(scores), threshold=threshold), scores, WAVES)


def one(result: pd.DataFrame, network: str, group: str, wave: str) -> pd.Series:
    match = result[
        (result["network"] == network) & (result["group"] == group) & (result["wave"] == wave)
    ]
    assert len(match) == 1
    return match.iloc[0]


def test_change_hand_computed() -> None:
    # N1 prof: 2023 {2, 3, 4} (mean 3, var 1); spring {3, 4, 5, 4} (mean 4, var 2/3).
    scores = theme_scores(
        [("N1", "2023", "prof", v) for v in [2, 3, 4]]
        + [("N1", "spring", "prof", v) for v in [3, 4, 5, 4]]
    )
    r = one(run(scores), "N1", "prof", "spring")
    assert r["previous_wave"] == "2023"
    assert r["difference"] == pytest.approx(1.0)  # 4 - 3
    # Welch: se² = 1/3 + (2/3)/4 = 0.5; t = 1 / sqrt(0.5) = 1.414214;
    # df = 0.5² / ((1/3)²/2 + (1/6)²/3) = 0.25 / 0.0648148 = 3.857143; two-sided p = 0.232703.
    assert r["p_value"] == pytest.approx(0.2327025785, rel=1e-8)
    assert not pd.isna(r["significant"]) and not r["significant"]
    # the first wave has no row
    assert (run(scores)["wave"] != "2023").all()


def test_significant_difference() -> None:
    # {1, 1, 2, 2} -> {4, 5, 5, 4}: t = 7.348469, df = 6, p = 0.000325 -> significant.
    scores = theme_scores(
        [("N1", "2023", "prof", v) for v in [1, 1, 2, 2]]
        + [("N1", "spring", "prof", v) for v in [4, 5, 5, 4]]
    )
    r = one(run(scores), "N1", "prof", "spring")
    assert r["difference"] == pytest.approx(3.0)
    assert r["p_value"] == pytest.approx(0.0003249746793, rel=1e-8)
    assert bool(r["significant"]) is True


def test_previous_wave_is_the_latest_earlier_wave_with_data() -> None:
    # N1 has 2023 and autumn (no spring): autumn compares with 2023.
    # N2 has spring and autumn: autumn compares with spring (earlier by date, not by code).
    scores = theme_scores(
        [("N1", "2023", "prof", v) for v in [2, 3, 4]]
        + [("N1", "autumn", "prof", v) for v in [3, 4, 5]]
        + [("N2", "spring", "prof", v) for v in [1, 2, 3]]
        + [("N2", "autumn", "prof", v) for v in [2, 3, 4]]
    )
    result = run(scores)
    assert one(result, "N1", "prof", "autumn")["previous_wave"] == "2023"
    assert one(result, "N2", "prof", "autumn")["previous_wave"] == "spring"
    # ALL/prof: 2023 only N1, spring only N2, autumn both: autumn -> spring, spring -> 2023.
    assert one(result, "ALL", "prof", "autumn")["previous_wave"] == "spring"
    assert one(result, "ALL", "prof", "spring")["previous_wave"] == "2023"


def test_suppressed_side_is_not_shown() -> None:
    # Threshold 3. 2023: N1 has 2 respondents (suppressed); the consortium complement rule then
    # also suppresses the smallest published network of group prof: N3 (3) rather than N2 (4).
    scores = theme_scores(
        [("N1", "2023", "prof", v) for v in [2, 3]]
        + [("N1", "spring", "prof", v) for v in [3, 4, 5]]
        + [("N2", "2023", "prof", v) for v in [1, 2, 3, 2]]
        + [("N2", "spring", "prof", v) for v in [2, 4, 5]]
        + [("N3", "2023", "prof", v) for v in [1, 2, 3]]
        + [("N3", "spring", "prof", v) for v in [2, 4, 5]]
    )
    result = run(scores, threshold=3)
    for network in ["N1", "N3"]:
        hidden = one(result, network, "prof", "spring")
        assert hidden["previous_wave"] == "2023"
        assert math.isnan(hidden["difference"]) and math.isnan(hidden["p_value"])
        assert pd.isna(hidden["significant"])
    shown = one(result, "N2", "prof", "spring")
    # (2 + 4 + 5) / 3 - (1 + 2 + 3 + 2) / 4 = 11/3 - 2 = 1.666667
    assert shown["difference"] == pytest.approx(11 / 3 - 2)
    assert shown["p_value"] == pytest.approx(
        stats.ttest_ind([2, 4, 5], [1, 2, 3, 2], equal_var=False).pvalue, rel=1e-10
    )


def test_significance_boundary_uses_tolerance(monkeypatch: pytest.MonkeyPatch) -> None:
    # A p-value within 1e-9 of 0.05 counts as 0.05, which is not < 0.05.
    scores = theme_scores(
        [("N1", "2023", "prof", v) for v in [1, 2, 3]]
        + [("N1", "spring", "prof", v) for v in [2, 3, 4]]
    )
    for p, expected in [(0.05, False), (0.05 - 1e-12, False), (0.0499, True), (0.051, False)]:

        def fixed(*args: np.ndarray, p: float = p) -> np.ndarray:
            return np.full(len(np.asarray(args[0])), p)

        monkeypatch.setattr(change_module, "welch_p_value", fixed)
        r = one(run(scores), "N1", "prof", "spring")
        assert bool(r["significant"]) is expected, p


def test_n_below_2_gives_no_p_value() -> None:
    p = welch_p_value([1, 3], [2.0, 2.0], [np.nan, 1.0], [4, 1], [3.0, 4.0], [1.0, np.nan])
    assert np.isnan(p).all()


def test_no_spread_follows_scipy() -> None:
    # {3,3,3} vs {4,4,4}: scipy gives p = 0; {3,3,3} vs {3,3,3}: NaN.
    p = welch_p_value([3, 3], [3.0, 3.0], [0.0, 0.0], [3, 3], [4.0, 3.0], [0.0, 0.0])
    assert p[0] == 0.0
    assert np.isnan(p[1])


def test_missing_reference_date_and_unsuppressed_input_are_refused() -> None:
    scores = theme_scores([("N1", "2030", "prof", v) for v in [1, 2, 3]])
    with pytest.raises(ValueError, match="reference date"):
        run(scores)
    with pytest.raises(ValueError, match="suppressed"):
        change(aggregate(scores), scores, WAVES)


def test_welch_matches_scipy_on_random_data() -> None:
    rng = np.random.default_rng(42)
    n = 600
    scores = pd.DataFrame(
        {
            "response_id": np.arange(n),
            "network": rng.choice(["N1", "N2", "N3"], n),
            "wave": rng.choice(["2023", "spring", "autumn"], n),
            "group": rng.choice(["prof", "mgr"], n),
            "measure": "theme",
            "subject": rng.choice(["A", "B"], n),
            "score": rng.integers(3, 16, n) / 3,
        }
    )
    result = run(scores, threshold=5)
    order = {"2023": "", "spring": "2023", "autumn": "spring"}
    assert len(result) == 4 * 3 * 2 * 2  # (3 networks + ALL) x (2 groups + all) x 2 themes x 2

    def sample(network: str, group: str, wave: str, subject: str) -> np.ndarray:
        mask = (scores["wave"] == wave) & (scores["subject"] == subject)
        if network != "ALL":
            mask &= scores["network"] == network
        if group != "all":
            mask &= scores["group"] == group
        return scores.loc[mask, "score"].to_numpy()

    for r in result.itertuples(index=False):
        assert r.previous_wave == order[r.wave]
        later = sample(r.network, r.group, r.wave, r.subject)
        earlier = sample(r.network, r.group, r.previous_wave, r.subject)
        expected = stats.ttest_ind(later, earlier, equal_var=False)
        assert r.difference == pytest.approx(later.mean() - earlier.mean(), abs=1e-12)
        assert r.p_value == pytest.approx(expected.pvalue, rel=1e-9)
        assert bool(r.significant) == (expected.pvalue < 0.05)
