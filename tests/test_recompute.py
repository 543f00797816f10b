"""From a template file to the measures export, checked by hand (measures.md, Scores and Suppression)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats
from sqlalchemy import func, select, update

from collectors.ingest import ingest_file
from db import models as m
from metrics.export import CONTRACT, write_measures
from metrics.store import load_snapshots, recompute
from samenwerkingsmonitor.framework import load_framework
from samenwerkingsmonitor.vocabulary import SCORE_MEASURES
from tests.test_metrics_suppression import EXAMPLE, EXAMPLE_FIXED_POINT, leaks

VERTR = [
    "VER1",
    "VER2",
    "VER3",
    "VER4",
]  # theme 'Vertrouwen' of the Septet framework, none reversed


def template(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["response_id", "network", "group", "wave", "submitted_at", *VERTR])
        w.writerows(rows)
    return path


WAVE_2031 = [
    ["r1", "UTS", "ZP", "2031", "2031-10-01", "4", "4", "4", "4"],  # theme score 4.0
    ["r2", "UTS", "ZP", "2031", "2031-10-01", "5", "5", "4", "4"],  # 4.5
    ["r3", "UTS", "ZP", "2031", "2031-10-01", "3", "3", "3", "3"],  # 3.0
    ["r4", "UTS", "ZP", "2031", "2031-10-01", "2", "4", "nvt", "nvt"],  # 2 of 4 answered: 3.0
    ["r5", "UTS", "ZP", "2031", "2031-10-01", "5", "nvt", "nvt", ""],  # 1 of 4: no theme score
    ["r6", "UTS", "ZP", "2031", "2031-10-01", "4", "5", "5", "4"],  # 4.5
    ["m1", "UTS", "MB", "2031", "2031-10-02", "3", "3", "3", "3"],  # 3.0, a group of one
]
WAVE_2032 = [[f"s{i}", "UTS", "ZP", "2032", "2032-10-01", "5", "5", "5", "5"] for i in range(5)] + [
    ["s5", "UTS", "ZP", "2032", "2032-10-01", "4", "4", "4", "4"]
]  # theme scores 5, 5, 5, 5, 5, 4


def row(frame: pd.DataFrame, **keys) -> pd.Series:
    match = frame
    for key, value in keys.items():
        match = match[match[key] == value]
    assert len(match) == 1, keys
    return match.iloc[0]


@pytest.fixture
def computed(ctx, tmp_path):
    ingest_file(
        ctx.engine,
        template(tmp_path / "w1.csv", WAVE_2031),
        consortium_id=ctx.consortium_id,
        create_waves=True,
    )
    recompute(ctx.engine, ctx.framework, ctx.consortium_id)
    ingest_file(
        ctx.engine,
        template(tmp_path / "w2.csv", WAVE_2032),
        consortium_id=ctx.consortium_id,
        create_waves=True,
    )
    report = recompute(ctx.engine, ctx.framework, ctx.consortium_id)
    assert report[0].startswith("wave 2032")  # only the changed wave was recomputed
    return load_snapshots(ctx.engine, ctx.consortium_id)


def test_theme_score_by_hand(computed):
    # UTS, all groups: respondent theme scores 4.0, 4.5, 3.0, 3.0, 4.5 (ZP) and 3.0 (MB); r5 has none.
    # mean = 22 / 6 = 3.666667; squared deviations 1/9+25/36+4/9+4/9+25/36+4/9 = 2.833333
    # sd = sqrt(2.833333 / 5) = 0.752773; half CI = t(0.975, 5) 2.570582 × 0.752773 / √6 = 0.789987
    r = row(computed, network="UTS", wave="2031", group="all", measure="theme", subject="VERTR")
    assert r["n"] == 6
    assert r["mean"] == pytest.approx(22 / 6)
    assert r["sd"] == pytest.approx(0.752773, abs=1e-6)
    assert r["ci_low"] == pytest.approx(22 / 6 - 0.789987, abs=1e-6)
    assert r["ci_high"] == pytest.approx(22 / 6 + 0.789987, abs=1e-6)
    assert r["score_100"] == pytest.approx((22 / 6 - 1) / 4 * 100)  # 66.666667
    assert r["pct_positive"] == pytest.approx(3 / 6)  # 4.0, 4.5, 4.5 are ≥ 4
    # item VER1: 4, 5, 3, 2, 5, 4, 3 → n 7, mean 26/7
    item = row(computed, network="UTS", wave="2031", group="all", measure="item", subject="VER1")
    assert (item["n"], item["mean"]) == (7, pytest.approx(26 / 7))


def test_small_groups_are_suppressed_with_the_complement_rule(computed):
    mb = row(computed, network="UTS", wave="2031", group="MB", measure="theme", subject="VERTR")
    zp = row(computed, network="UTS", wave="2031", group="ZP", measure="theme", subject="VERTR")
    # MB has 1 respondent (< 5); ZP (5) would reveal MB as 'all' minus ZP, so it goes too.
    assert (mb["suppressed"], mb["suppressed_reason"]) == (True, "threshold")
    assert (zp["suppressed"], zp["suppressed_reason"]) == (True, "complement")
    for column in ("n", "mean", "sd", "ci_low", "ci_high", "score_100", "pct_positive"):
        assert pd.isna(mb[column]) and pd.isna(zp[column])


def test_change_between_waves_matches_scipy(computed):
    r = row(computed, network="UTS", wave="2032", group="all", measure="theme", subject="VERTR")
    before, after = [4.0, 4.5, 3.0, 3.0, 4.5, 3.0], [5.0, 5.0, 5.0, 5.0, 5.0, 4.0]
    assert r["previous_wave"] == "2031"
    assert r["difference"] == pytest.approx(29 / 6 - 22 / 6)
    assert r["p_value"] == pytest.approx(stats.ttest_ind(after, before, equal_var=False).pvalue)
    assert r["p_value"] < 0.05 and bool(r["significant"]) is True


def test_road_to_the_2028_target(ctx, computed):
    # Utrecht stad's own VERTR target (78) overrides the consortium's; baseline = the 2031 value.
    target = ctx.framework.target_for("theme", "VERTR", "UTS").value
    first = row(computed, network="UTS", wave="2031", group="all", measure="theme", subject="VERTR")
    later = row(computed, network="UTS", wave="2032", group="all", measure="theme", subject="VERTR")
    assert first["target"] == later["target"] == target
    assert first["baseline"] == pytest.approx(first["score_100"])
    assert first["expected"] == pytest.approx(first["baseline"])  # E(d0) = B
    assert first["status"] == "op_koers"
    # (29/6 − 1) / 4 × 100 = 95.83 ≥ 78: reached
    assert later["score_100"] == pytest.approx(95.833333) and later["status"] == "bereikt"


def test_export_csv_follows_the_contract(ctx, computed, tmp_path):
    out = tmp_path / "measures.csv"
    write_measures(computed, out, "csv")
    text = out.read_text(encoding="utf-8")
    exported = pd.read_csv(out, dtype={"wave": str})
    assert list(exported.columns[: len(CONTRACT)]) == CONTRACT
    r = row(exported, network="UTS", wave="2031", group="all", measure="theme", subject="VERTR")
    assert r["mean"] == pytest.approx(22 / 6, rel=1e-6) and r["suppressed"] == False  # noqa: E712
    zp = row(exported, network="UTS", wave="2031", group="ZP", measure="theme", subject="VERTR")
    assert zp["suppressed"] == True and pd.isna(zp["n"]) and pd.isna(zp["mean"])  # noqa: E712
    assert ",3.66666666" in text  # dot decimals, ≥ 6 significant digits

    xlsx = tmp_path / "measures.xlsx"
    write_measures(computed, xlsx, "xlsx")
    from_xlsx = pd.read_excel(xlsx, dtype={"wave": str})
    assert len(from_xlsx) == len(exported)


def test_recompute_is_incremental(ctx, computed):
    assert recompute(ctx.engine, ctx.framework, ctx.consortium_id) == [
        "nothing changed since the last recompute"
    ]
    with ctx.engine.connect() as c:
        versions = c.execute(select(m.Partition.data_version, m.Partition.computed_version)).all()
    assert all(data == done for data, done in versions)


def test_nothing_to_do_is_what_the_recompute_finds(ctx, computed):
    """The command line's shortcut (nothing_to_do) and the recompute judge staleness alike."""
    from metrics.recompute import NOTHING_CHANGED, nothing_to_do

    def shortcut(version: str = ctx.framework.version) -> bool:
        return nothing_to_do(ctx.engine, ctx.consortium_id, version)

    assert shortcut() and not shortcut("another framework version")
    with ctx.engine.begin() as c:
        c.execute(
            update(m.Partition)
            .where(m.Partition.wave_id == select(func.min(m.Partition.wave_id)).scalar_subquery())
            .values(data_version=m.Partition.data_version + 1)
        )
    assert not shortcut()
    assert recompute(ctx.engine, ctx.framework, ctx.consortium_id) != [NOTHING_CHANGED]
    assert shortcut()
    assert recompute(ctx.engine, ctx.framework, ctx.consortium_id) == [NOTHING_CHANGED]


def test_a_changed_framework_recomputes_every_wave(ctx, computed, tmp_path):
    changed = tmp_path / "septet-v2.yaml"
    text = Path(ctx.framework.path).read_text(encoding="utf-8")
    changed.write_text(text + "\n# a new version of the framework\n", encoding="utf-8")

    fw = load_framework(changed)
    report = recompute(ctx.engine, fw, ctx.consortium_id)
    assert report[0].startswith("framework changed") and any(
        r.startswith("wave 2031") for r in report
    )
    assert set(load_snapshots(ctx.engine, ctx.consortium_id)["framework_version"]) == {fw.version}


# The example of issue 20 (measures.md, Suppression) through the real path: the counts of
# tests/test_metrics_suppression.EXAMPLE as Septet networks (A EEM, B LEK, C UTS) and groups
# (g1 CO, g2 MB, g3 ZP), every respondent answering every item, so all 66 item, theme,
# vision-element and index tables of the wave have these counts.
NETWORK_OF = {"A": "EEM", "B": "LEK", "C": "UTS"}
GROUP_OF = {"g1": "CO", "g2": "MB", "g3": "ZP"}


def example_template(path: Path, items: list[str]) -> Path:
    rows = []
    for net, groups in EXAMPLE.items():
        for g, count in groups.items():
            network, group = NETWORK_OF[net], GROUP_OF[g]
            for i in range(count):
                # Answers vary over respondents and items so that every figure can be computed.
                answers = [str(1 + (len(rows) + j) % 5) for j in range(len(items))]
                rows.append([f"{network}-{group}-{i}", network, group, "2031", "2031-10-01"])
                rows[-1].extend(answers)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["response_id", "network", "group", "wave", "submitted_at", *items])
        w.writerows(rows)
    return path


def test_example_of_issue_20_leaves_no_table_open(ctx, tmp_path):
    items = ctx.framework.items_frame()["item"].tolist()
    ingest_file(
        ctx.engine,
        example_template(tmp_path / "w.csv", items),
        consortium_id=ctx.consortium_id,
        create_waves=True,
    )
    recompute(ctx.engine, ctx.framework, ctx.consortium_id)
    stored = load_snapshots(ctx.engine, ctx.consortium_id, waves=["2031"])

    scores = stored[stored["measure"].isin(SCORE_MEASURES)]
    tables = scores.groupby(["measure", "subject"])
    assert len(tables) == 66 + 8 + 3  # and the eight speerpunten and three ambitions
    expected = {
        (NETWORK_OF[net], GROUP_OF[g]): reason for (net, g), reason in EXAMPLE_FIXED_POINT.items()
    }
    for (measure, subject), table in tables:
        hidden = table[table["suppressed"]]
        got = dict(zip(zip(hidden["network"], hidden["group"]), hidden["suppressed_reason"]))
        assert got == expected, (measure, subject)
    # Agreement, alpha and response rate (group "all" only) have nothing under the threshold.
    assert not stored.loc[~stored.index.isin(scores.index), "suppressed"].any()

    out = tmp_path / "measures.csv"
    write_measures(stored, out, "csv")
    exported = pd.read_csv(out, dtype={"wave": str})
    assert len(exported) == len(stored)
    assert leaks(exported) == []
