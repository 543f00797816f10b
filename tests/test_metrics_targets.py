"""Tests for metrics.targets (measures.md, "Targets and the road to 2028")."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics.targets import road_to_target

D2023 = dt.date(2023, 1, 1)
D2024 = dt.date(2024, 1, 1)
# 2024-01-01 -> 2028-12-31 (the default target date) is 366 + 365 + 365 + 365 + 365 = 1826 days;
# 2024-01-01 -> 2026-07-02 is 366 + 365 + 182 = 913 days = exactly half the road.
D_HALF = dt.date(2026, 7, 2)
D2027 = dt.date(2027, 6, 1)


def _series(rows: list[tuple]) -> pd.DataFrame:
    """rows: (network, measure, subject, wave, reference_date, value, suppressed)."""
    cols = ["network", "measure", "subject", "wave", "reference_date", "value", "suppressed"]
    return pd.DataFrame(rows, columns=cols)


def _targets(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def _row(out: pd.DataFrame, network: str, wave: str, subject: str = "T1") -> pd.Series:
    sel = out[(out["network"] == network) & (out["wave"] == wave) & (out["subject"] == subject)]
    assert len(sel) == 1
    return sel.iloc[0]


def test_baseline_skips_suppressed_first_wave_and_latest_is_last_unsuppressed():
    series = _series(
        [
            ("N1", "theme", "T1", "2023", D2023, np.nan, True),  # suppressed: not the baseline
            ("N1", "theme", "T1", "2024", D2024, 40.0, False),  # baseline B = 40, d0 = 2024-01-01
            ("N1", "theme", "T1", "2026", D_HALF, 57.5, False),  # latest unsuppressed wave
            ("N1", "theme", "T1", "2027", D2027, np.nan, True),  # suppressed: not latest
            ("N1", "theme", "T2", "2024", D2024, 40.0, False),  # T2 has no target: dropped
        ]
    )
    targets = _targets([{"network": None, "measure": "theme", "subject": "T1", "target": 80.0}])
    out = road_to_target(series, targets)

    assert len(out) == 4
    assert set(out["subject"]) == {"T1"}
    assert (out["baseline"] == 40.0).all()
    assert (out["baseline_date"] == pd.Timestamp("2024-01-01")).all()
    assert (out["target_date"] == pd.Timestamp("2028-12-31")).all()  # the default target date
    assert (out["direction"] == "higher").all()

    half = _row(out, "N1", "2026")
    # E = 40 + (80 - 40) * 913 / 1826 = 40 + 20 = 60
    assert half["expected"] == pytest.approx(60.0, abs=1e-12)
    # 57.5 >= 60 - 2.5 = 57.5 -> op_koers (boundary included)
    assert half["status"] == "op_koers"
    assert bool(half["is_latest"]) is True

    assert out["is_latest"].sum() == 1
    assert _row(out, "N1", "2023")["status"] is None  # suppressed row: no status
    assert _row(out, "N1", "2027")["status"] is None
    # at the baseline itself E = B = 40 and 40 >= 40 - 2.5 -> op_koers
    assert _row(out, "N1", "2024")["status"] == "op_koers"
    assert _row(out, "N1", "2024")["expected"] == pytest.approx(40.0)
    # the suppressed 2023 wave lies 365 days before d0: E = 40 + 40 * (-365) / 1826
    assert _row(out, "N1", "2023")["expected"] == pytest.approx(40.0 - 40.0 * 365 / 1826)


def test_expected_value_on_the_straight_road_with_explicit_target_date():
    series = _series(
        [
            ("N1", "index", "index", "w0", pd.Timestamp("2024-01-01"), 40.0, False),
            ("N1", "index", "index", "w1", pd.Timestamp("2024-01-05"), 50.0, False),
        ]
    )
    targets = _targets(
        [
            {
                "network": np.nan,
                "measure": "index",
                "subject": "index",
                "target": 80.0,
                "target_date": dt.date(2024, 1, 11),
            }
        ]
    )
    out = road_to_target(series, targets)
    w1 = _row(out, "N1", "w1", "index")
    # d - d0 = 4 days, dT - d0 = 10 days: E = 40 + (80 - 40) * 4 / 10 = 56
    assert w1["expected"] == pytest.approx(56.0)
    # 50 < 56 - 2.5 = 53.5, 50 >= 56 - 7.5 = 48.5 -> aandacht
    assert w1["status"] == "aandacht"


def test_target_date_equal_to_baseline_date_expects_the_target():
    series = _series([("N1", "theme", "T1", "w0", D2024, 40.0, False)])
    targets = _targets(
        [{"measure": "theme", "subject": "T1", "target": 80.0, "target_date": D2024}]
    )
    out = road_to_target(series, targets)
    # dT == d0: E = T = 80; 40 < 80 - 7.5 -> achter
    assert out["expected"].iloc[0] == 80.0
    assert out["status"].iloc[0] == "achter"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (80.0, "bereikt"),  # value == T
        (80.0 - 1e-12, "bereikt"),  # within the tolerance of T
        (95.0, "bereikt"),
        (79.9, "op_koers"),  # not reached, above E = 60
        (57.5, "op_koers"),  # exactly E - 2.5
        (57.5 - 1e-12, "op_koers"),  # E - 2.5 - 1e-12: still on track by the tolerance
        (57.4, "aandacht"),  # E - 2.6
        (52.5, "aandacht"),  # exactly E - 7.5
        (52.5 - 1e-12, "aandacht"),
        (52.4, "achter"),  # E - 7.6
        (30.0, "achter"),
    ],
)
def test_status_boundaries_higher_is_better(value: float, status: str):
    series = _series(
        [
            ("N1", "theme", "T1", "2024", D2024, 40.0, False),
            ("N1", "theme", "T1", "2026", D_HALF, value, False),
        ]
    )
    targets = _targets([{"network": None, "measure": "theme", "subject": "T1", "target": 80.0}])
    out = road_to_target(series, targets)
    latest = out[out["is_latest"]].iloc[0]
    # B = 40, T = 80, halfway: E = 60; on track from 60 - 2.5 = 57.5, attention from 52.5
    assert latest["expected"] == pytest.approx(60.0, abs=1e-12)
    assert latest["status"] == status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (2.0, "bereikt"),  # value == T
        (1.0, "bereikt"),  # below the target is better
        (2.0 + 1e-12, "bereikt"),
        (5.0, "op_koers"),  # better than E = 6, target not yet reached
        (6.5, "op_koers"),  # exactly E + 2.5% of 20 = 6 + 0.5
        (6.5 + 1e-12, "op_koers"),
        (6.6, "aandacht"),
        (7.5, "aandacht"),  # exactly E + 7.5% of 20 = 6 + 1.5
        (7.6, "achter"),
        (12.0, "achter"),
    ],
)
def test_status_lower_is_better_mirrors_every_comparison(value: float, status: str):
    # e.g. the number of isolated partners, scale 0-20, target 2, lower is better
    series = _series(
        [
            ("N1", "network", "isolates", "2024", D2024, 10.0, False),  # B = 10
            ("N1", "network", "isolates", "2026", D_HALF, value, False),
        ]
    )
    targets = _targets(
        [
            {
                "measure": "network",
                "subject": "isolates",
                "target": 2.0,
                "direction": "lower",
                "scale_min": 0.0,
                "scale_max": 20.0,
            }
        ]
    )
    out = road_to_target(series, targets)
    latest = out[out["is_latest"]].iloc[0]
    # E = 10 + (2 - 10) * 913 / 1826 = 10 - 4 = 6; range 20: 2.5% = 0.5, 7.5% = 1.5
    assert latest["expected"] == pytest.approx(6.0, abs=1e-12)
    assert latest["status"] == status


def test_network_specific_target_overrides_consortium_target():
    series = _series(
        [
            ("N1", "theme", "T1", "2024", D2024, 40.0, False),
            ("N1", "theme", "T1", "2026", D_HALF, 45.0, False),
            ("N2", "theme", "T1", "2024", D2024, 40.0, False),
            ("N2", "theme", "T1", "2026", D_HALF, 45.0, False),
            ("ALL", "theme", "T1", "2024", D2024, 40.0, False),
            ("ALL", "theme", "T1", "2026", D_HALF, 45.0, False),
            ("N1", "theme", "T3", "2024", D2024, 40.0, False),  # T3: only N2 has a target
            ("N2", "theme", "T3", "2024", D2024, 40.0, False),
        ]
    )
    targets = _targets(
        [
            {"network": None, "measure": "theme", "subject": "T1", "target": 80.0},
            {"network": "N2", "measure": "theme", "subject": "T1", "target": 50.0},
            {"network": "N2", "measure": "theme", "subject": "T3", "target": 70.0},
        ]
    )
    out = road_to_target(series, targets)
    assert len(out) == 7  # N1 x T3 has no target

    n1, n2, pool = _row(out, "N1", "2026"), _row(out, "N2", "2026"), _row(out, "ALL", "2026")
    # N1 and ALL use the consortium target: E = 40 + (80 - 40) / 2 = 60; 45 < 60 - 7.5 -> achter
    assert n1["target"] == 80.0 and n1["expected"] == pytest.approx(60.0)
    assert n1["status"] == "achter"
    assert pool["target"] == 80.0 and pool["status"] == "achter"
    # N2 has its own target: E = 40 + (50 - 40) / 2 = 45; 45 >= 45 - 2.5 -> op_koers
    assert n2["target"] == 50.0 and n2["expected"] == pytest.approx(45.0)
    assert n2["status"] == "op_koers"
    assert _row(out, "N2", "2024", "T3")["target"] == 70.0


def test_network_target_inherits_fields_it_leaves_empty_from_the_consortium():
    series = _series(
        [
            ("N1", "trust", "network", "2024", D2024, 3.0, False),
            ("N1", "trust", "network", "2026", D_HALF, 2.6, False),
        ]
    )
    targets = _targets(
        [
            {
                "network": None,
                "measure": "trust",
                "subject": "network",
                "target": 3.5,
                "direction": "lower",
                "scale_min": 1.0,
                "scale_max": 4.0,
            },
            {"network": "N1", "measure": "trust", "subject": "network", "target": 2.0},
        ]
    )
    out = road_to_target(series, targets)
    latest = out[out["is_latest"]].iloc[0]
    assert latest["target"] == 2.0
    assert latest["direction"] == "lower"
    assert (latest["scale_min"], latest["scale_max"]) == (1.0, 4.0)
    # E = 3 + (2 - 3) / 2 = 2.5; range 3: on track up to 2.5 + 0.075 = 2.575,
    # attention up to 2.5 + 0.225 = 2.725: 2.6 -> aandacht
    assert latest["expected"] == pytest.approx(2.5)
    assert latest["status"] == "aandacht"


def test_configurable_thresholds():
    series = _series(
        [
            ("N1", "theme", "T1", "2024", D2024, 40.0, False),
            ("N1", "theme", "T1", "2026", D_HALF, 55.0, False),
        ]
    )
    targets = _targets([{"measure": "theme", "subject": "T1", "target": 80.0}])
    # E = 60; default: 55 < 57.5 -> aandacht; with on_track = 5%: 55 >= 60 - 5 -> op_koers
    assert road_to_target(series, targets)["status"].iloc[1] == "aandacht"
    assert road_to_target(series, targets, on_track=5.0)["status"].iloc[1] == "op_koers"
    # attention = 4%: 55 < 60 - 4 -> achter (on_track must not exceed attention)
    out = road_to_target(series, targets, on_track=2.0, attention=4.0)
    assert out["status"].iloc[1] == "achter"
    with pytest.raises(ValueError):
        road_to_target(series, targets, on_track=8.0, attention=7.5)


def test_no_unsuppressed_value_means_no_baseline_and_no_status():
    series = _series(
        [
            ("N1", "theme", "T1", "2024", D2024, np.nan, True),
            ("N1", "theme", "T1", "2026", D_HALF, np.nan, True),
        ]
    )
    targets = _targets([{"measure": "theme", "subject": "T1", "target": 80.0}])
    out = road_to_target(series, targets)
    assert len(out) == 2
    assert out["baseline"].isna().all()
    assert out["expected"].isna().all()
    assert out["status"].tolist() == [None, None]
    assert not out["is_latest"].any()


def test_duplicate_targets_are_rejected():
    series = _series([("N1", "theme", "T1", "2024", D2024, 40.0, False)])
    targets = _targets(
        [
            {"network": None, "measure": "theme", "subject": "T1", "target": 80.0},
            {"network": np.nan, "measure": "theme", "subject": "T1", "target": 70.0},
        ]
    )
    with pytest.raises(ValueError):
        road_to_target(series, targets)


def test_empty_series_gives_empty_frame_with_all_columns():
    series = _series([])
    targets = _targets([{"measure": "theme", "subject": "T1", "target": 80.0}])
    out = road_to_target(series, targets)
    assert out.empty
    for col in ["target", "baseline", "baseline_date", "expected", "status", "is_latest"]:
        assert col in out.columns


def _reference_road(series: pd.DataFrame, targets: pd.DataFrame) -> dict:
    """Row-by-row reference implementation of the measures.md rules (loops are fine here)."""
    result = {}
    for _, r in series.iterrows():
        cand = targets[(targets["measure"] == r["measure"]) & (targets["subject"] == r["subject"])]
        own = cand[cand["network"] == r["network"]]
        cons = cand[cand["network"].isna()]
        t = own.iloc[0] if len(own) else (cons.iloc[0] if len(cons) else None)
        if t is None:
            continue
        same = series[
            (series["network"] == r["network"])
            & (series["measure"] == r["measure"])
            & (series["subject"] == r["subject"])
            & ~series["suppressed"]
        ].sort_values("reference_date")
        b, d0 = same.iloc[0]["value"], same.iloc[0]["reference_date"]
        dT = t["target_date"]
        e = b + (t["target"] - b) * (r["reference_date"] - d0).days / (dT - d0).days
        s = 1.0 if t["direction"] == "higher" else -1.0
        rng = t["scale_max"] - t["scale_min"]
        if r["suppressed"]:
            status = None
        elif s * r["value"] >= s * t["target"] - 1e-9:
            status = "bereikt"
        elif s * r["value"] >= s * e - 0.025 * rng - 1e-9:
            status = "op_koers"
        elif s * r["value"] >= s * e - 0.075 * rng - 1e-9:
            status = "aandacht"
        else:
            status = "achter"
        latest = same.iloc[-1]["wave"] == r["wave"]
        result[(r["network"], r["subject"], r["wave"])] = (b, e, status, latest)
    return result


def test_cross_check_against_row_by_row_reference_on_random_data():
    rng = np.random.default_rng(20250101)
    rows = []
    waves = [("2024", "2024-03-01"), ("2025", "2025-03-01"), ("2026", "2026-04-15")]
    for net in ["N1", "N2", "N3", "ALL"]:
        for subj in ["T1", "T2", "T3"]:
            supp = rng.random(3) < 0.3
            supp[rng.integers(0, 3)] = False  # at least one unsuppressed wave
            for (wave, date), s in zip(waves, supp, strict=True):
                value = np.nan if s else float(rng.uniform(20, 90))
                rows.append((net, "theme", subj, wave, pd.Timestamp(date), value, bool(s)))
    series = _series(rows)
    targets = pd.DataFrame(
        [
            {"network": None, "measure": "theme", "subject": "T1", "target": 75.0},
            {"network": None, "measure": "theme", "subject": "T2", "target": 30.0},
            {"network": "N2", "measure": "theme", "subject": "T2", "target": 40.0},
            {"network": "N3", "measure": "theme", "subject": "T3", "target": 85.0},
        ]
    ).assign(
        target_date=pd.Timestamp("2028-12-31"),
        direction=["higher", "lower", "lower", "higher"],
        scale_min=0.0,
        scale_max=100.0,
    )
    out = road_to_target(series, targets)
    ref = _reference_road(series, targets)
    # 3 waves each of T1 x 4 networks, T2 x 4 networks, T3 for N3 only: 12 + 12 + 3 = 27
    assert len(out) == len(ref) == 27
    for _, r in out.iterrows():
        b, e, status, latest = ref[(r["network"], r["subject"], r["wave"])]
        assert r["baseline"] == pytest.approx(b)
        assert r["expected"] == pytest.approx(e)
        assert r["status"] == status
        assert bool(r["is_latest"]) == latest
