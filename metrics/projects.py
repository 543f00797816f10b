"""Project status and coverage (measures.md, "Projects and goals": Project status, Coverage).

Pure module: pandas/numpy only. Status codes are stored as codes; their labels are the UI's job.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from samenwerkingsmonitor.vocabulary import UPDATE_STATUSES

# The statuses by the role they play in the figures (the vocabulary lists them once, in order).
ON_TRACK, ATTENTION, STUCK, DONE = UPDATE_STATUSES

STALE_DAYS = 62
FRAME_KINDS: tuple[str, ...] = ("ambition", "speerpunt", "kernthema", "actielijn")

_LATEST_COLUMNS = ["project", "network", "status", "submitted_at", "active", "stale"]


def latest_status(
    updates: pd.DataFrame, reference_date: dt.date, stale_days: int = STALE_DAYS
) -> pd.DataFrame:
    """The latest status update per project x network as of a reference date.

    Implements measures.md, "Projects and goals", Project status: only updates submitted on or
    before the reference date (up to the end of that day) count; the latest per project x
    network wins (same submitted_at: the higher ``version`` if that column exists, then the later
    row).  A project is ``active`` until its latest status is "afgerond"; an active project is
    ``stale`` when its last update is more than ``stale_days`` (62) days before the reference
    date, counted in calendar days (submitted_at's date).  Returns columns project, network,
    status, submitted_at, active, stale, sorted by network and project.
    """
    missing = [c for c in ["project", "network", "status", "submitted_at"] if c not in updates]
    if missing:
        raise ValueError(f"updates lacks columns {missing}")
    bad = ~updates["status"].isin(UPDATE_STATUSES)
    if bad.any():
        raise ValueError(
            f"unknown project status(es): {sorted(map(str, set(updates['status'][bad])))}"
        )

    ref = pd.Timestamp(reference_date).normalize()
    if ref.tzinfo is not None:
        ref = ref.tz_localize(None)
    u = updates.reset_index(drop=True)
    submitted = pd.to_datetime(u["submitted_at"])
    # compare in the timestamps' own time zone
    submitted_local = submitted.dt.tz_localize(None) if submitted.dt.tz is not None else submitted
    u = u.assign(submitted_at=submitted, _local=submitted_local, _pos=np.arange(len(u)))
    u = u.loc[u["_local"] < ref + pd.Timedelta(days=1)]

    order = ["_local"] + (["version"] if "version" in u.columns else []) + ["_pos"]
    u = u.sort_values(order, kind="stable", na_position="first")
    u = u.drop_duplicates(["project", "network"], keep="last")

    days_since = (ref - u["_local"].dt.normalize()).dt.days
    active = u["status"] != DONE
    out = u.assign(active=active.astype(bool), stale=(active & (days_since > stale_days)))
    out["stale"] = out["stale"].astype(bool)
    out = out.sort_values(["network", "project"], kind="stable").reset_index(drop=True)
    return out[_LATEST_COLUMNS]


def network_project_summary(latest: pd.DataFrame) -> pd.DataFrame:
    """Per-network counts of the latest project statuses.

    Implements measures.md, "Projects and goals", Project status: per network the number of
    projects per latest status (columns op_koers, aandacht, vastgelopen, afgerond, always
    present), ``stale`` = the number of stale projects among them (a stale project still counts
    under its last status), ``active`` = projects not "afgerond", and ``share_on_track`` =
    op_koers / active as a fraction (NaN when no project is active).  ``latest`` is the output of
    :func:`latest_status`.
    """
    cols = ["network", *UPDATE_STATUSES, "stale", "active", "share_on_track"]
    if latest.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="int64") for c in cols})
        empty["network"] = empty["network"].astype(object)
        empty["share_on_track"] = empty["share_on_track"].astype(float)
        return empty
    counts = (
        latest.groupby(["network", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(UPDATE_STATUSES), fill_value=0)
        .astype("int64")
    )
    per_net = (
        latest.groupby("network")
        .agg(stale=("stale", "sum"), active=("active", "sum"))
        .astype("int64")
    )
    out = counts.join(per_net)
    active = out["active"].astype(float)
    out["share_on_track"] = (out[ON_TRACK] / active.where(active > 0)).astype(float)
    out = out.rename_axis(columns=None).reset_index()
    return out[cols]


def coverage(
    latest: pd.DataFrame, project_tags: pd.DataFrame, frame_codes: pd.DataFrame
) -> pd.DataFrame:
    """Which framework codes the active projects of each network serve.

    Implements measures.md, "Projects and goals", Coverage: per network x kind x code of the
    framework (ambitions, speerpunten, kernthema's, actielijnen), ``covered`` is True when at
    least one active project (latest status not "afgerond") in that network is tagged with the
    code, and ``projects`` is the sorted list of those active projects.  Every framework code is
    listed for every network in ``latest`` (the gaps are shown, not hidden); tags with a code
    that is not in ``frame_codes`` are ignored.  Rows are ordered by network, then as in
    ``frame_codes``.
    """
    cols = ["network", "kind", "code", "covered", "projects"]
    networks = pd.DataFrame(
        {"network": pd.Series(sorted(latest["network"].drop_duplicates()), dtype=object)}
    )
    codes = frame_codes[["kind", "code"]].drop_duplicates().reset_index(drop=True)
    codes = codes.assign(_order=np.arange(len(codes)))
    grid = networks.merge(codes, how="cross")

    active = latest.loc[latest["active"].astype(bool), ["project", "network"]]
    served = active.merge(project_tags[["project", "kind", "code"]], on="project", how="inner")
    served = served.drop_duplicates(["network", "kind", "code", "project"])
    lists = (
        served.sort_values("project")
        .groupby(["network", "kind", "code"], sort=False)["project"]
        .agg(list)
        .rename("projects")
        .reset_index()
    )
    out = grid.merge(lists, on=["network", "kind", "code"], how="left")
    out["projects"] = out["projects"].map(lambda p: p if isinstance(p, list) else [])
    out["covered"] = out["projects"].map(len).gt(0).astype(bool)
    out = out.sort_values(["network", "_order"], kind="stable").reset_index(drop=True)
    return out[cols]
