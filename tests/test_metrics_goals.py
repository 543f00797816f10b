"""Tests for metrics.goals (measures.md, "Projects and goals": SMART goal; domain.md: DIN)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from metrics.goals import din_gaps, goal_progress

D0 = dt.date(2024, 1, 1)
DEADLINE = dt.date(2026, 1, 1)  # 2024-01-01 -> 2026-01-01 = 366 + 365 = 731 days


def _goals() -> pd.DataFrame:
    rows = [
        # goal, network, baseline_value, baseline_date, target_value, deadline
        ("G1", None, 10.0, D0, 20.0, DEADLINE),  # e.g. PaTz groups from 10 to 20
        ("G2", "N1", 10.0, D0, 20.0, DEADLINE),
        ("G3", None, 10.0, D0, 20.0, DEADLINE),  # no measured values
        ("G4", "N2", 40.0, D0, 30.0, DEADLINE),  # lower is better: from 40 to 30
        ("G5", None, 5.0, D0, 5.0, DEADLINE),  # target == baseline
    ]
    cols = ["goal", "network", "baseline_value", "baseline_date", "target_value", "deadline"]
    return pd.DataFrame(rows, columns=cols)


def _values() -> pd.DataFrame:
    rows = [
        ("G1", dt.date(2025, 1, 1), 15.0),  # day 366
        ("G2", dt.date(2025, 1, 1), 16.0),  # day 366
        ("G4", dt.date(2024, 7, 1), 37.0),  # day 31 + 29 + 31 + 30 + 31 + 30 = 182
        ("G4", dt.date(2024, 12, 30), 35.0),  # day 364
        ("G5", dt.date(2025, 1, 1), 6.0),
        ("G9", dt.date(2025, 1, 1), 99.0),  # unknown goal: ignored
        ("G1", dt.date(2024, 6, 1), np.nan),  # empty value: ignored
    ]
    return pd.DataFrame(rows, columns=["goal", "measured_at", "value"])


def _by_goal() -> dict[str, pd.Series]:
    out = goal_progress(_goals(), _values())
    assert out["goal"].tolist() == ["G1", "G2", "G3", "G4", "G5"]
    return {r["goal"]: r for _, r in out.iterrows()}


def test_goal_with_one_measured_point_has_progress_and_forecast():
    g1 = _by_goal()["G1"]
    assert g1["latest_value"] == 15.0
    assert g1["latest_date"] == pd.Timestamp("2025-01-01")
    # (15 - 10) / (20 - 10) * 100 = 50
    assert g1["progress_pct"] == pytest.approx(50.0)
    assert g1["n_points"] == 2  # baseline + 1 measured
    # line through (0, 10) and (366, 15): at day 731 -> 10 + 5 * 731 / 366 = 19.98634
    assert g1["forecast"] == pytest.approx(10 + 5 * 731 / 366)
    assert g1["forecast"] == pytest.approx(19.98634, abs=1e-5)
    assert g1["achievable"] is False  # 19.986 < 20


def test_goal_on_course_is_achievable():
    g2 = _by_goal()["G2"]
    # (16 - 10) / 10 * 100 = 60; forecast 10 + 6 * 731 / 366 = 21.98361 >= 20
    assert g2["progress_pct"] == pytest.approx(60.0)
    assert g2["forecast"] == pytest.approx(21.98361, abs=1e-5)
    assert g2["achievable"] is True


def test_goal_without_measured_points_has_no_progress_and_no_forecast():
    g3 = _by_goal()["G3"]
    assert math.isnan(g3["latest_value"])
    assert pd.isna(g3["latest_date"])
    assert math.isnan(g3["progress_pct"])
    assert g3["n_points"] == 1  # the baseline only
    assert math.isnan(g3["forecast"])  # fewer than 2 points
    assert g3["achievable"] is None


def test_no_goal_has_a_measured_value_yet():
    # As the database returns them before anyone entered a value: no rows, untyped columns.
    empty = pd.DataFrame({"goal": [], "measured_at": [], "value": []}, dtype=object)
    out = goal_progress(_goals(), empty)
    assert out["latest_value"].isna().all() and out["latest_date"].isna().all()
    assert out["progress_pct"].isna().all()


def test_decreasing_goal_lower_is_better():
    g4 = _by_goal()["G4"]
    assert g4["latest_value"] == 35.0
    # (35 - 40) / (30 - 40) * 100 = 50
    assert g4["progress_pct"] == pytest.approx(50.0)
    assert g4["n_points"] == 3
    # points (0, 40), (182, 37), (364, 35): x mean 182, y mean 112/3;
    # Sxx = 2 * 182^2 = 66248, Sxy = -182 * (40 - 112/3) + 182 * (35 - 112/3) = 182 * -5 = -910;
    # slope = -910 / 66248 = -5/364 per day; at day 731: 112/3 - 5/364 * (731 - 182) = 29.79212
    assert g4["forecast"] == pytest.approx(112 / 3 - 5 / 364 * 549)
    assert g4["forecast"] == pytest.approx(29.79212, abs=1e-5)
    assert g4["achievable"] is True  # 29.79 <= 30: lower is better


def test_decreasing_goal_not_reaching_target():
    goals = _goals().iloc[[3]]
    values = pd.DataFrame(
        [("G4", dt.date(2025, 1, 1), 38.0)], columns=["goal", "measured_at", "value"]
    )
    g4 = goal_progress(goals, values).iloc[0]
    # line through (0, 40) and (366, 38): at day 731 -> 40 - 2 * 731 / 366 = 36.00546 > 30
    assert g4["forecast"] == pytest.approx(40 - 2 * 731 / 366)
    assert g4["progress_pct"] == pytest.approx((38 - 40) / (30 - 40) * 100)  # 20
    assert g4["achievable"] is False


def test_target_equal_to_baseline_has_no_progress():
    g5 = _by_goal()["G5"]
    assert math.isnan(g5["progress_pct"])
    assert g5["latest_value"] == 6.0
    # forecast rises above 5: reaches a target of 5 (target >= baseline)
    assert g5["achievable"] is True


def test_forecast_exactly_at_target_is_achievable_by_tolerance():
    goals = pd.DataFrame(
        [("G", None, 10.0, D0, 20.0, dt.date(2024, 1, 21))],
        columns=["goal", "network", "baseline_value", "baseline_date", "target_value", "deadline"],
    )
    values = pd.DataFrame(
        [("G", dt.date(2024, 1, 11), 15.0)], columns=["goal", "measured_at", "value"]
    )
    g = goal_progress(goals, values).iloc[0]
    # (0, 10), (10, 15): at day 20 -> 20 = target
    assert g["forecast"] == pytest.approx(20.0)
    assert g["achievable"] is True


def test_latest_value_is_the_latest_date_not_the_last_row():
    values = pd.DataFrame(
        [("G1", dt.date(2025, 6, 1), 18.0), ("G1", dt.date(2025, 1, 1), 15.0)],
        columns=["goal", "measured_at", "value"],
    )
    g1 = goal_progress(_goals().iloc[[0]], values).iloc[0]
    assert g1["latest_value"] == 18.0
    assert g1["progress_pct"] == pytest.approx(80.0)  # (18 - 10) / 10 * 100
    assert g1["n_points"] == 3


def test_forecast_cross_check_with_scipy_linregress_on_random_data():
    rng = np.random.default_rng(7)
    days = np.sort(rng.choice(np.arange(1, 900), size=8, replace=False))
    vals = 10 + 0.01 * days + rng.normal(0, 0.5, size=8)
    base = pd.Timestamp("2024-01-01")
    goals = pd.DataFrame(
        [("G", None, 10.0, base, 20.0, pd.Timestamp("2028-12-31"))],
        columns=["goal", "network", "baseline_value", "baseline_date", "target_value", "deadline"],
    )
    values = pd.DataFrame(
        {"goal": "G", "measured_at": base + pd.to_timedelta(days, unit="D"), "value": vals}
    )
    g = goal_progress(goals, values).iloc[0]
    x = np.concatenate([[0], days]).astype(float)
    y = np.concatenate([[10.0], vals])
    fit = stats.linregress(x, y)
    deadline_day = (pd.Timestamp("2028-12-31") - base).days
    assert g["forecast"] == pytest.approx(fit.intercept + fit.slope * deadline_day, rel=1e-9)
    assert g["n_points"] == 9


def test_din_gaps():
    projects = pd.DataFrame({"project": ["P3", "P1", "P2", "P4"]})
    goals = pd.DataFrame({"goal": ["G3", "G1", "G2"]})
    links = pd.DataFrame(
        [
            ("P1", "G1"),
            ("P2", "G1"),
            ("P3", "G9"),  # unknown goal: the link does not count
            ("P9", "G2"),  # unknown project: the link does not count
        ],
        columns=["project", "goal"],
    )
    assert din_gaps(projects, links, goals) == {
        "goals_without_projects": ["G2", "G3"],
        "projects_without_goals": ["P3", "P4"],
    }
