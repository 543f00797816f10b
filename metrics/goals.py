"""SMART goals and the Doelen-Inspanningen-Netwerk (measures.md, "Projects and goals": SMART goal;
domain.md, "What is measured": DIN).

Pure module: pandas/numpy only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.scoring import TOL  # the single definition (metrics contract)

_ADDED = [
    "latest_value",
    "latest_date",
    "progress_pct",
    "n_points",
    "forecast",
    "achievable",
]


def _ordinal(dates: pd.Series) -> pd.Series:
    """Dates as (fractional) day numbers for the least-squares fit."""
    return (pd.to_datetime(dates).astype("datetime64[ns]") - pd.Timestamp(0)) / pd.Timedelta(days=1)


def goal_progress(goals: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Progress and forecast per SMART goal.

    Implements measures.md, "Projects and goals", SMART goal:

    - latest_value / latest_date: the measured value with the latest ``measured_at`` (same date:
      the later row); NaN/NaT without measured values;
    - progress_pct = (latest - baseline) / (target - baseline) * 100; NaN without measured values,
      without a baseline, or when target == baseline (within TOL);
    - n_points = the baseline point (when its value and date are set) + the measured points;
    - forecast: the least-squares line (numpy.polyfit, degree 1, dates as days) through the
      baseline and the measured (date, value) points, evaluated at the deadline; NaN with fewer
      than 2 points in all, fewer than 2 distinct dates, or no deadline;
    - achievable ("haalbaar"): the forecast reaches the target, i.e. forecast >= target - TOL
      when target >= baseline, else forecast <= target + TOL (a decreasing goal); None without
      a forecast.

    ``goals`` has columns goal, network, baseline_value, baseline_date, target_value, deadline;
    ``values`` has goal, measured_at, value (rows with an empty value, or for unknown goals, are
    ignored).  Returns the goal columns plus latest_value, latest_date, progress_pct, n_points,
    forecast, achievable; one row per goal, in the order of ``goals``.
    """
    if goals["goal"].duplicated().any():
        raise ValueError("goals has duplicate goal codes")
    g = _typed_goals(goals)
    v = _measured_values(values, g)
    latest = (
        v.sort_values(["measured_at", "_pos"], kind="stable")
        .drop_duplicates("goal", keep="last")
        .set_index("goal")
    )
    # reindex, not map: mapping through an empty Series casts it to float (pandas 3), which a
    # date column cannot take when no goal has a measured value yet.
    g["latest_value"] = latest["value"].reindex(g["goal"]).to_numpy(dtype=float)
    g["latest_date"] = latest["measured_at"].reindex(g["goal"]).to_numpy(dtype="datetime64[ns]")

    baseline, target = g["baseline_value"], g["target_value"]
    span = (target - baseline).where((target - baseline).abs() > TOL)
    g["progress_pct"] = ((g["latest_value"] - baseline) / span * 100.0).astype(float)

    pts = _points(g, v)
    g["n_points"] = g["goal"].map(pts.groupby("goal").size()).fillna(0).astype("int64")
    forecast = _forecast(g, pts)
    g["forecast"] = forecast

    increasing = (target >= baseline).to_numpy()
    f, t = forecast.to_numpy(), target.to_numpy()
    reaches = np.where(increasing, f >= t - TOL, f <= t + TOL)
    achievable = pd.Series(reaches, index=g.index, dtype=object)
    known = forecast.notna() & target.notna() & baseline.notna()
    g["achievable"] = achievable.where(known, None)

    cols = [c for c in g.columns if c not in _ADDED] + _ADDED
    return g[cols]


def _typed_goals(goals: pd.DataFrame) -> pd.DataFrame:
    g = goals.reset_index(drop=True).copy()
    if "network" not in g.columns:
        g["network"] = None
    g["baseline_value"] = pd.to_numeric(g["baseline_value"]).astype(float)
    g["target_value"] = pd.to_numeric(g["target_value"]).astype(float)
    g["baseline_date"] = pd.to_datetime(g["baseline_date"]).astype("datetime64[ns]")
    g["deadline"] = pd.to_datetime(g["deadline"]).astype("datetime64[ns]")
    return g


def _measured_values(values: pd.DataFrame, g: pd.DataFrame) -> pd.DataFrame:
    """The measured values of known goals, with their input position (ties on a date)."""
    v = values.reset_index(drop=True)
    v = v.assign(
        value=pd.to_numeric(v["value"]).astype(float),
        measured_at=pd.to_datetime(v["measured_at"]).astype("datetime64[ns]"),
        _pos=np.arange(len(v)),
    )
    return v.loc[v["value"].notna() & v["measured_at"].notna() & v["goal"].isin(g["goal"])]


def _points(g: pd.DataFrame, v: pd.DataFrame) -> pd.DataFrame:
    """All points per goal: the baseline (when set) plus the measured values; x in days."""
    baseline = g["baseline_value"]
    has_base = baseline.notna() & g["baseline_date"].notna()
    base_pts = pd.DataFrame(
        {
            "goal": g.loc[has_base, "goal"],
            "x": _ordinal(g.loc[has_base, "baseline_date"]),
            "y": baseline[has_base],
        }
    )
    measured = pd.DataFrame({"goal": v["goal"], "x": _ordinal(v["measured_at"]), "y": v["value"]})
    return pd.concat([base_pts, measured], ignore_index=True)


def _forecast(g: pd.DataFrame, pts: pd.DataFrame) -> pd.Series:
    """The least-squares line through each goal's points, at its deadline (NaN when unknown)."""
    deadline_x = _ordinal(g["deadline"])
    forecast = pd.Series(np.nan, index=g.index, dtype=float)
    row_of = pd.Series(g.index, index=g["goal"])
    for goal, grp in pts.groupby("goal", sort=False):  # a loop over a handful of goals
        if len(grp) < 2 or grp["x"].nunique() < 2:
            continue
        row = row_of[goal]
        if pd.isna(deadline_x[row]):
            continue
        x0 = grp["x"].min()  # centre the day numbers for a well-conditioned fit
        slope, intercept = np.polyfit(grp["x"] - x0, grp["y"], deg=1)
        forecast[row] = intercept + slope * (deadline_x[row] - x0)
    return forecast


def _codes(frame: pd.DataFrame, name: str) -> pd.Series:
    """The code column of a projects/goals table: ``name`` if present, else ``code``."""
    col = name if name in frame.columns else "code"
    return frame[col].dropna().astype(str)


def din_gaps(
    projects: pd.DataFrame, project_goals: pd.DataFrame, goals: pd.DataFrame
) -> dict[str, list[str]]:
    """Gaps in the Doelen-Inspanningen-Netwerk.

    Implements domain.md, "What is measured" (DIN): the dashboard shows which goals nothing works
    on and which projects serve no goal.  ``projects`` has a ``project`` column (or ``code``),
    ``goals`` a ``goal`` column (or ``code``), ``project_goals`` the links (project, goal); a link
    counts only when both its project and its goal exist.  Returns {"goals_without_projects":
    [...], "projects_without_goals": [...]}, each a sorted list of codes.
    """
    project_codes = set(_codes(projects, "project"))
    goal_codes = set(_codes(goals, "goal"))
    links = project_goals[["project", "goal"]].dropna().astype(str)
    links = links.loc[links["project"].isin(project_codes) & links["goal"].isin(goal_codes)]
    return {
        "goals_without_projects": sorted(goal_codes - set(links["goal"])),
        "projects_without_goals": sorted(project_codes - set(links["project"])),
    }


def goal_outcome(progress: pd.DataFrame, today) -> pd.Series:
    """Per goal (rows of goal_progress): "reached" when its latest measured value reaches the
    target (>= target - TOL, or <= target + TOL for a decreasing goal), "missed" when its
    target date (deadline) lies before `today` without that, else None (still under way).

    Implements issue 14: a goal past its target date without reaching it shows as niet gehaald.
    """
    latest = pd.to_numeric(progress["latest_value"]).astype(float)
    baseline = pd.to_numeric(progress["baseline_value"]).astype(float)
    target = pd.to_numeric(progress["target_value"]).astype(float)
    increasing = target >= baseline
    reached = latest.notna() & np.where(increasing, latest >= target - TOL, latest <= target + TOL)
    past = pd.to_datetime(progress["deadline"]) < pd.Timestamp(today)
    outcome = np.where(reached, "reached", np.where(past, "missed", None))
    return pd.Series(outcome, index=progress.index, dtype=object)
