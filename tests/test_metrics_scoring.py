"""measures.md, Scores rules 1-6: respondent scores and their aggregates."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from metrics.scoring import TOL, aggregate, score_respondents

NAN = float("nan")

# Theme A: a1, a2, a3 (a3 reverse-coded); theme B: b1..b4; theme C: c1. T = 3 themes.
# Vision elements: V1 = {a1, a2}, V2 = {a2, b1}.
ITEMS = pd.DataFrame(
    {
        "item": ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "c1"],
        "theme": ["A", "A", "A", "B", "B", "B", "B", "C"],
        "reverse": [False, False, True, False, False, False, False, False],
        "vision_elements": [["V1"], ["V1", "V2"], [], ["V2"], [], None, [], []],
    }
)


def answers_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["response_id", "network", "wave", "group", "item", "value"])


def example_answers() -> pd.DataFrame:
    def respondent(rid: int, values: dict[str, float]) -> list[tuple]:
        return [(rid, "N1", "2025", "prof", item, v) for item, v in values.items()]

    return answers_frame(
        # r1: a3 = 2 is reverse-coded to 6 - 2 = 4; b2 "nvt" (NaN); b3 and c1 absent/NaN.
        respondent(1, {"a1": 5, "a2": 4, "a3": 2, "b1": 3, "b2": NAN, "b3": 4, "c1": NAN})
        # r2: only 1 of the 3 A items; all 4 B items; c1.
        + respondent(2, {"a1": 2, "b1": 1, "b2": 2, "b3": 3, "b4": 4, "c1": 5})
        # r3: 2 of 3 A items (a3 = 5 -> 1); an answer on an unknown item "zz" is ignored.
        + respondent(3, {"a1": 4, "a3": 5, "zz": 1})
    )


def as_dict(scores: pd.DataFrame) -> dict[tuple, float]:
    return {(r.response_id, r.measure, r.subject): r.score for r in scores.itertuples(index=False)}


def test_respondent_scores_hand_computed() -> None:
    got = as_dict(score_respondents(example_answers(), ITEMS))
    expected = {
        # rule 1: item scores, reverse-coded a3.
        (1, "item", "a1"): 5.0,
        (1, "item", "a2"): 4.0,
        (1, "item", "a3"): 4.0,  # 6 - 2
        (1, "item", "b1"): 3.0,
        (1, "item", "b3"): 4.0,
        # rule 2: A = (5 + 4 + 4) / 3; B: 2 of 4 valid >= ceil(4/2) = 2 -> (3 + 4) / 2 = 3.5;
        # C: 0 of 1 -> no score.
        (1, "theme", "A"): 13 / 3,
        (1, "theme", "B"): 3.5,
        # rule 4: V1 = (a1 5 + a2 4) / 2 = 4.5; V2 = (a2 4 + b1 3) / 2 = 3.5.
        (1, "vision_element", "V1"): 4.5,
        (1, "vision_element", "V2"): 3.5,
        # rule 5: 2 of 3 themes >= ceil(3/2) = 2; mean (13/3 + 3.5) / 2 = 3.916667
        # -> (3.916667 - 1) / 4 * 100 = 72.916667.
        (1, "index", "index"): ((13 / 3 + 3.5) / 2 - 1) / 4 * 100,
        (2, "item", "a1"): 2.0,
        (2, "item", "b1"): 1.0,
        (2, "item", "b2"): 2.0,
        (2, "item", "b3"): 3.0,
        (2, "item", "b4"): 4.0,
        (2, "item", "c1"): 5.0,
        # A: 1 of 3 < ceil(3/2) = 2 -> no score. B = (1 + 2 + 3 + 4) / 4 = 2.5. C = 5.
        (2, "theme", "B"): 2.5,
        (2, "theme", "C"): 5.0,
        # V1: 1 of 2 items >= ceil(2/2) = 1 -> 2; V2: b1 only -> 1.
        (2, "vision_element", "V1"): 2.0,
        (2, "vision_element", "V2"): 1.0,
        # index over B and C (missing theme A): (2.5 + 5) / 2 = 3.75 -> 68.75.
        (2, "index", "index"): 68.75,
        (3, "item", "a1"): 4.0,
        (3, "item", "a3"): 1.0,  # 6 - 5
        # A: 2 of 3 -> (4 + 1) / 2 = 2.5; only 1 of 3 themes -> no index.
        (3, "theme", "A"): 2.5,
        (3, "vision_element", "V1"): 4.0,
    }
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-12), key


def test_respondent_scores_carry_network_wave_group() -> None:
    scores = score_respondents(example_answers(), ITEMS)
    assert list(scores.columns) == [
        "response_id",
        "network",
        "wave",
        "group",
        "measure",
        "subject",
        "score",
    ]
    assert set(scores["network"]) == {"N1"}
    assert set(scores["group"]) == {"prof"}
    assert set(scores["measure"]) == {"item", "theme", "vision_element", "index"}


def test_half_of_theme_thresholds() -> None:
    # Theme B has k = 4: ceil(4/2) = 2 answers suffice, 1 does not.
    answers = answers_frame(
        [
            (1, "N1", "w", "g", "b1", 2),
            (1, "N1", "w", "g", "b2", 3),
            (2, "N1", "w", "g", "b4", 5),
        ]
    )
    scores = score_respondents(answers, ITEMS)
    themes = scores[scores["measure"] == "theme"]
    assert themes[["response_id", "subject", "score"]].values.tolist() == [[1, "B", 2.5]]


def test_out_of_range_and_duplicates_are_refused() -> None:
    with pytest.raises(ValueError, match="outside 1-5"):
        score_respondents(answers_frame([(1, "N1", "w", "g", "a1", 0)]), ITEMS)
    duplicate = answers_frame([(1, "N1", "w", "g", "a1", 3), (1, "N1", "w", "g", "a1", 4)])
    with pytest.raises(ValueError, match="more than one answer"):
        score_respondents(duplicate, ITEMS)
    two_networks = answers_frame([(1, "N1", "w", "g", "a1", 3), (1, "N2", "w", "g", "a2", 4)])
    with pytest.raises(ValueError, match="more than one network"):
        score_respondents(two_networks, ITEMS)


def scores_frame(rows: list[tuple]) -> pd.DataFrame:
    """rows: (response_id, network, group, measure, subject, score), all in wave 2025."""
    frame = pd.DataFrame(
        rows, columns=["response_id", "network", "group", "measure", "subject", "score"]
    )
    frame.insert(2, "wave", "2025")
    return frame


def row(aggregates: pd.DataFrame, network: str, group: str, measure: str, subject: str):
    match = aggregates[
        (aggregates["network"] == network)
        & (aggregates["group"] == group)
        & (aggregates["measure"] == measure)
        & (aggregates["subject"] == subject)
    ]
    assert len(match) == 1
    return match.iloc[0]


def test_aggregate_mean_sd_ci_hand_computed() -> None:
    # Theme scores 2, 3, 4, 5: mean 3.5; sd = sqrt((1.5² + 0.5² + 0.5² + 1.5²) / 3) = sqrt(5/3)
    # = 1.290994; t(0.975, 3) = 3.182446; half width = 3.182446 * 1.290994 / 2 = 2.054260.
    scores = scores_frame([(i, "N1", "prof", "theme", "A", v) for i, v in enumerate([2, 3, 4, 5])])
    agg = aggregate(scores)
    r = row(agg, "N1", "prof", "theme", "A")
    assert r["n"] == 4
    assert r["mean"] == pytest.approx(3.5)
    assert r["sd"] == pytest.approx(1.2909944487)
    assert r["ci_low"] == pytest.approx(3.5 - 2.0542602568)
    assert r["ci_high"] == pytest.approx(3.5 + 2.0542602568)
    assert r["score_100"] == pytest.approx(62.5)  # (3.5 - 1) / 4 * 100
    assert r["pct_positive"] == pytest.approx(0.5)  # 4 and 5 of 4 respondents


def test_aggregate_n_1_has_no_sd_and_no_ci() -> None:
    agg = aggregate(scores_frame([(1, "N1", "prof", "theme", "A", 4.5)]))
    r = row(agg, "N1", "prof", "theme", "A")
    assert r["n"] == 1
    assert r["mean"] == 4.5
    assert math.isnan(r["sd"]) and math.isnan(r["ci_low"]) and math.isnan(r["ci_high"])
    assert r["score_100"] == pytest.approx(87.5)
    assert r["pct_positive"] == 1.0


def test_pct_positive_tolerance() -> None:
    # 4.0 counts; 3.9999999999 is within 1e-9 of 4 and counts; 3.999999 and 3 do not: 2 / 4.
    items = [4.0, 4.0 - 1e-10, 4.0 - 1e-6, 3.0]
    # index: 75 and 74.9999999999 count, 74.9 and 80 -> 75, 74.9999999999, 80 = 3 of 4.
    index = [75.0, 75.0 - 1e-10, 74.9, 80.0]
    scores = scores_frame(
        [(i, "N1", "prof", "item", "x", v) for i, v in enumerate(items)]
        + [(i, "N1", "prof", "index", "index", v) for i, v in enumerate(index)]
    )
    agg = aggregate(scores)
    assert row(agg, "N1", "prof", "item", "x")["pct_positive"] == 0.5
    index_row = row(agg, "N1", "prof", "index", "index")
    assert index_row["pct_positive"] == 0.75
    # index: score_100 is the mean itself, (75 + 74.9999999999 + 74.9 + 80) / 4 = 76.225.
    assert index_row["score_100"] == pytest.approx(76.225)
    assert TOL > 1e-10


def test_pooled_levels_pool_respondents_not_means() -> None:
    # N1: prof {2, 4}, mgr {5}; N2: prof {3}.
    scores = scores_frame(
        [
            (1, "N1", "prof", "theme", "A", 2.0),
            (2, "N1", "prof", "theme", "A", 4.0),
            (3, "N1", "mgr", "theme", "A", 5.0),
            (4, "N2", "prof", "theme", "A", 3.0),
        ]
    )
    agg = aggregate(scores)
    assert len(agg) == 3 + 2 + 2 + 1  # finest cells + N1/all, N2/all + ALL/prof, ALL/mgr + ALL/all
    n1_all = row(agg, "N1", "all", "theme", "A")
    assert (n1_all["n"], n1_all["mean"]) == (3, pytest.approx(11 / 3))  # (2 + 4 + 5) / 3
    all_prof = row(agg, "ALL", "prof", "theme", "A")
    assert (all_prof["n"], all_prof["mean"]) == (3, pytest.approx(3.0))  # (2 + 4 + 3) / 3
    # sd of {2, 4, 3} = 1
    assert all_prof["sd"] == pytest.approx(1.0)
    # ALL/all: (2 + 4 + 5 + 3) / 4 = 3.5, not the mean of network means (11/3 + 3) / 2 = 3.333.
    everyone = row(agg, "ALL", "all", "theme", "A")
    assert everyone["n"] == 4
    assert everyone["mean"] == pytest.approx(3.5)
    assert everyone["sd"] == pytest.approx(math.sqrt(5 / 3))
    assert everyone["pct_positive"] == pytest.approx(0.5)  # 4 and 5


def test_aggregate_refuses_pooled_codes_in_input() -> None:
    with pytest.raises(ValueError, match="pooled codes"):
        aggregate(scores_frame([(1, "ALL", "prof", "theme", "A", 2.0)]))


def random_answers(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    items = pd.DataFrame(
        {
            "item": [f"q{j}" for j in range(10)],
            "theme": ["A"] * 3 + ["B"] * 4 + ["C"] * 2 + ["D"],
            "reverse": rng.random(10) < 0.3,
            "vision_elements": [["V1"], ["V2"], [], ["V1", "V3"], [], ["V3"], [], ["V2"], [], []],
        }
    )
    n = 400
    respondents = pd.DataFrame(
        {
            "response_id": np.arange(n),
            "network": rng.choice(["N1", "N2", "N3"], n),
            "wave": "2025",
            "group": rng.choice(["mgr", "prof", "coord"], n, p=[0.3, 0.6, 0.1]),
        }
    )
    answers = respondents.merge(items[["item"]], how="cross")
    values = rng.integers(1, 6, len(answers)).astype(float)
    values[rng.random(len(answers)) < 0.25] = np.nan  # "nvt" / don't know
    answers["value"] = values
    return answers, items


def reference_theme_scores(answers: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Straightforward per-respondent loop, independent of the vectorised implementation."""
    reverse = dict(zip(items["item"], items["reverse"], strict=True))
    themes = items.groupby("theme")["item"].apply(list).to_dict()
    out = []
    for rid, one in answers.groupby("response_id"):
        value = dict(zip(one["item"], one["value"], strict=True))
        first = one.iloc[0]
        for theme, theme_items in themes.items():
            valid = [
                6 - value[i] if reverse[i] else value[i]
                for i in theme_items
                if not np.isnan(value[i])
            ]
            if len(valid) >= math.ceil(len(theme_items) / 2):
                out.append((rid, first["network"], first["group"], theme, float(np.mean(valid))))
    return pd.DataFrame(out, columns=["response_id", "network", "group", "subject", "score"])


def test_theme_means_and_cis_match_scipy_on_random_data() -> None:
    answers, items = random_answers(seed=20250601)
    agg = aggregate(score_respondents(answers, items))
    reference = reference_theme_scores(answers, items)
    levels = {
        "finest": reference,
        "network": reference.assign(group="all"),
        "group": reference.assign(network="ALL"),
        "all": reference.assign(network="ALL", group="all"),
    }
    checked = 0
    for frame in levels.values():
        for (network, group, subject), sample in frame.groupby(["network", "group", "subject"]):
            x = sample["score"].to_numpy()
            r = row(agg, network, group, "theme", subject)
            assert r["n"] == len(x)
            assert r["mean"] == pytest.approx(x.mean(), rel=1e-12)
            assert r["sd"] == pytest.approx(x.std(ddof=1), rel=1e-10)
            low, high = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
            assert r["ci_low"] == pytest.approx(low, rel=1e-10)
            assert r["ci_high"] == pytest.approx(high, rel=1e-10)
            assert r["pct_positive"] == pytest.approx(np.mean(x >= 4 - 1e-9))
            checked += 1
    # 3 networks x 3 groups + 3 networks + 3 groups + 1, times 4 themes
    assert checked == (9 + 3 + 3 + 1) * 4
