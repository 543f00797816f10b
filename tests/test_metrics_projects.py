"""Tests for metrics.projects (measures.md, "Projects and goals": Project status, Coverage)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from metrics.projects import coverage, latest_status, network_project_summary

REF = dt.date(2025, 3, 31)


def _updates() -> pd.DataFrame:
    rows = [
        # project, network, status, submitted_at, version
        ("P1", "N1", "op_koers", "2025-01-10 09:00", 1),
        ("P1", "N1", "aandacht", "2025-03-01 09:00", 2),  # latest P1/N1
        # 2025-01-28 -> 2025-03-31: 3 (rest of Jan) + 28 (Feb) + 31 (Mar) = 62 days: not stale
        ("P2", "N1", "op_koers", "2025-01-28 10:00", 1),
        # 2025-01-27 -> 2025-03-31: 63 days: stale, still counted as vastgelopen
        ("P3", "N1", "vastgelopen", "2025-01-27 23:59", 1),
        # done long ago: not active, so never stale
        ("P4", "N1", "afgerond", "2024-06-01 12:00", 3),
        # the last second of the reference date counts; the next day does not
        ("P5", "N1", "op_koers", "2025-03-31 23:59:59", 1),
        ("P5", "N1", "vastgelopen", "2025-04-01 00:00:00", 2),
        # 2025-02-01 -> 2025-03-31: 58 days
        ("P1", "N2", "op_koers", "2025-02-01 08:00", 1),
        # same submitted_at: the higher version wins although it comes first
        ("P6", "N2", "afgerond", "2025-03-15 12:00", 2),
        ("P6", "N2", "aandacht", "2025-03-15 12:00", 1),
        ("P7", "N3", "afgerond", "2025-01-01 12:00", 1),
    ]
    df = pd.DataFrame(rows, columns=["project", "network", "status", "submitted_at", "version"])
    df["submitted_at"] = pd.to_datetime(df["submitted_at"], format="ISO8601")
    return df


def _by_key(latest: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    return {(r["project"], r["network"]): r for _, r in latest.iterrows()}


def test_latest_status_per_project_and_network():
    latest = latest_status(_updates(), REF)
    rows = _by_key(latest)
    assert list(latest.columns) == [
        "project",
        "network",
        "status",
        "submitted_at",
        "active",
        "stale",
    ]
    assert len(latest) == 8
    assert rows[("P1", "N1")]["status"] == "aandacht"
    assert rows[("P5", "N1")]["status"] == "op_koers"  # the 2025-04-01 update is after REF
    assert rows[("P5", "N1")]["submitted_at"] == pd.Timestamp("2025-03-31 23:59:59")
    assert rows[("P6", "N2")]["status"] == "afgerond"  # version 2 beats version 1
    assert rows[("P1", "N2")]["status"] == "op_koers"


def test_stale_at_62_versus_63_days_and_done_projects():
    rows = _by_key(latest_status(_updates(), REF))
    # 62 days: not "more than 62 days"
    assert bool(rows[("P2", "N1")]["stale"]) is False
    assert bool(rows[("P2", "N1")]["active"]) is True
    # 63 days: stale
    assert bool(rows[("P3", "N1")]["stale"]) is True
    assert rows[("P3", "N1")]["status"] == "vastgelopen"
    # afgerond: not active and not stale, however old
    assert bool(rows[("P4", "N1")]["active"]) is False
    assert bool(rows[("P4", "N1")]["stale"]) is False
    # with a 63-day limit, 63 days is no longer stale
    rows63 = _by_key(latest_status(_updates(), REF, stale_days=63))
    assert bool(rows63[("P3", "N1")]["stale"]) is False


def test_same_timestamp_without_version_the_later_row_wins():
    upd = _updates().drop(columns="version")
    rows = _by_key(latest_status(upd, REF))
    # P6/N2: both at 2025-03-15 12:00, "aandacht" is the later row
    assert rows[("P6", "N2")]["status"] == "aandacht"
    assert bool(rows[("P6", "N2")]["active"]) is True


def test_earlier_reference_date_sees_earlier_updates():
    rows = _by_key(latest_status(_updates(), dt.date(2025, 2, 15)))
    assert rows[("P1", "N1")]["status"] == "op_koers"  # the 2025-03-01 update is later
    assert ("P5", "N1") not in rows  # no update yet
    # 2025-01-10 -> 2025-02-15 = 21 + 15 = 36 days: not stale
    assert bool(rows[("P1", "N1")]["stale"]) is False


def test_unknown_status_is_rejected():
    upd = _updates()
    upd.loc[0, "status"] = "on track"
    with pytest.raises(ValueError):
        latest_status(upd, REF)


def test_network_summary_counts_stale_and_share_on_track():
    summary = network_project_summary(latest_status(_updates(), REF)).set_index("network")
    assert list(summary.columns) == [
        "op_koers",
        "aandacht",
        "vastgelopen",
        "afgerond",
        "stale",
        "active",
        "share_on_track",
    ]
    # N1: P1 aandacht, P2 op_koers, P3 vastgelopen (stale), P4 afgerond, P5 op_koers
    n1 = summary.loc["N1"]
    assert (n1["op_koers"], n1["aandacht"], n1["vastgelopen"], n1["afgerond"]) == (2, 1, 1, 1)
    assert n1["stale"] == 1  # P3, still counted under vastgelopen above
    assert n1["active"] == 4
    assert n1["share_on_track"] == pytest.approx(2 / 4)
    # N2: P1 op_koers, P6 afgerond -> 1 of 1 active on track
    n2 = summary.loc["N2"]
    assert (n2["op_koers"], n2["aandacht"], n2["vastgelopen"], n2["afgerond"]) == (1, 0, 0, 1)
    assert n2["active"] == 1 and n2["stale"] == 0
    assert n2["share_on_track"] == pytest.approx(1.0)
    # N3: only a finished project -> no active projects, share undefined
    n3 = summary.loc["N3"]
    assert n3["afgerond"] == 1 and n3["active"] == 0
    assert math.isnan(n3["share_on_track"])
    assert summary["vastgelopen"].dtype.kind == "i"


def test_network_summary_of_nothing_is_empty_with_columns():
    empty = latest_status(_updates(), dt.date(2020, 1, 1))
    assert empty.empty
    summary = network_project_summary(empty)
    assert summary.empty
    assert "share_on_track" in summary.columns and "vastgelopen" in summary.columns


def test_coverage_shows_gaps_for_every_network_with_projects():
    latest = latest_status(_updates(), REF)
    tags = pd.DataFrame(
        [
            ("P1", "ambition", "A1"),
            ("P1", "kernthema", "K1"),
            ("P2", "ambition", "A1"),
            ("P3", "ambition", "A2"),  # P3 is stale but active: still covers A2
            ("P4", "ambition", "A3"),  # P4 is afgerond: does not cover A3
            ("P6", "ambition", "A3"),
            ("P7", "kernthema", "K2"),
            ("P1", "ambition", "A9"),  # not a framework code: ignored
        ],
        columns=["project", "kind", "code"],
    )
    frame = pd.DataFrame(
        [
            ("ambition", "A1"),
            ("ambition", "A2"),
            ("ambition", "A3"),
            ("kernthema", "K1"),
            ("kernthema", "K2"),
        ],
        columns=["kind", "code"],
    )
    cov = coverage(latest, tags, frame)
    assert list(cov.columns) == ["network", "kind", "code", "covered", "projects"]
    # 3 networks with projects x 5 framework codes
    assert len(cov) == 15
    got = {
        (r["network"], r["code"]): (bool(r["covered"]), r["projects"]) for _, r in cov.iterrows()
    }
    # N1 active: P1, P2, P3, P5
    assert got[("N1", "A1")] == (True, ["P1", "P2"])
    assert got[("N1", "A2")] == (True, ["P3"])
    assert got[("N1", "A3")] == (False, [])
    assert got[("N1", "K1")] == (True, ["P1"])
    assert got[("N1", "K2")] == (False, [])
    # N2 active: P1 only (P6 afgerond)
    assert got[("N2", "A1")] == (True, ["P1"])
    assert got[("N2", "A3")] == (False, [])
    assert got[("N2", "K1")] == (True, ["P1"])
    # N3: only a finished project -> every code a gap
    assert [got[("N3", c)] for c in ["A1", "A2", "A3", "K1", "K2"]] == [(False, [])] * 5
    assert int(cov["covered"].sum()) == 3 + 2  # N1: A1, A2, K1; N2: A1, K1
    # rows ordered by network, then as the framework lists its codes
    assert cov["code"].tolist()[:5] == ["A1", "A2", "A3", "K1", "K2"]
