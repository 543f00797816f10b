"""Scores per speerpunt and per ambition (docs/measures.md, rule 4 applied to speerpunten and
ambitions), checked by hand on a small framework: tests/fixtures/speerpunten.yaml.

Items i1 → S1, i2 → S1 and S2, i3 (reverse-coded) → S2, i4 → none. Ambition A1 has speerpunt S1,
so its items are {i1, i2}; A2 has S1 and S2, so its items are {i1, i2, i3}: i2 counts once for A2
although it reaches A2 through two speerpunten. k: S1 = 2, S2 = 2, A1 = 2, A2 = 3.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from collectors.ingest import ingest_file
from metrics.scoring import score_respondents
from metrics.store import load_snapshots, recompute
from samenwerkingsmonitor.framework import load_framework
from tests.conftest import make_context

FRAMEWORK = Path(__file__).parent / "fixtures" / "speerpunten.yaml"
ITEMS = ["i1", "i2", "i3", "i4"]
# Raw answers on i1..i4 ("nvt" is missing). Item scores: i3 counts as 6 - v.
ANSWERS = {
    ("r1", "ZP"): ["5", "4", "2", "4"],  # i3 → 4. S1 4.5, S2 4, A2 13/3
    ("r2", "ZP"): ["4", "4", "nvt", "3"],  # S1 4, S2 4 (i2 alone, 1 of 2), A2 (4+4)/2 = 4
    ("r3", "ZP"): ["3", "nvt", "nvt", "3"],  # S1 3, no S2, A2: 1 of 3 < 2, none
    ("r4", "ZP"): ["2", "3", "4", "2"],  # i3 → 2. S1 2.5, S2 2.5, A2 7/3
    ("r5", "ZP"): ["nvt", "nvt", "1", "5"],  # i3 → 5. no S1, S2 5, A2: 1 of 3, none
    ("r6", "ZP"): ["4", "4", "4", "4"],  # i3 → 2. S1 4, S2 3, A2 10/3
    ("m1", "MB"): ["4", "5", "1", "4"],  # i3 → 5. S1 4.5, S2 5, A2 14/3
}
RESPONDENT_SCORES = {
    "S1": {"r1": 4.5, "r2": 4.0, "r3": 3.0, "r4": 2.5, "r6": 4.0, "m1": 4.5},
    "S2": {"r1": 4.0, "r2": 4.0, "r4": 2.5, "r5": 5.0, "r6": 3.0, "m1": 5.0},
    "A1": {"r1": 4.5, "r2": 4.0, "r3": 3.0, "r4": 2.5, "r6": 4.0, "m1": 4.5},
    "A2": {"r1": 13 / 3, "r2": 4.0, "r4": 7 / 3, "r6": 10 / 3, "m1": 14 / 3},
}


def answers_frame() -> pd.DataFrame:
    rows = [
        (rid, "NOORD", "2026", group, item, None if v == "nvt" else float(v))
        for (rid, group), values in ANSWERS.items()
        for item, v in zip(ITEMS, values, strict=True)
    ]
    columns = ["response_id", "network", "wave", "group", "item", "value"]
    return pd.DataFrame(rows, columns=columns).astype({"value": float})


def test_respondent_scores_per_speerpunt_and_ambition_by_hand() -> None:
    fw = load_framework(FRAMEWORK)
    scores = score_respondents(answers_frame(), fw.items_frame())
    for measure, subjects in (("speerpunt", ("S1", "S2")), ("ambition", ("A1", "A2"))):
        for subject in subjects:
            got = scores[(scores["measure"] == measure) & (scores["subject"] == subject)]
            assert dict(zip(got["response_id"], got["score"], strict=True)) == pytest.approx(
                RESPONDENT_SCORES[subject]
            ), subject
    # Counted twice, i2 would have made r1's A2 score (5 + 4 + 4 + 4) / 4 = 4.25.
    assert RESPONDENT_SCORES["A2"]["r1"] != 4.25


def test_items_without_link_columns_give_no_speerpunt_scores() -> None:
    items = load_framework(FRAMEWORK).items_frame().drop(columns=["speerpunten", "ambitions"])
    scores = score_respondents(answers_frame(), items)
    assert not scores["measure"].isin(["speerpunt", "ambition"]).any()
    assert (scores["measure"] == "vision_element").any()


def template(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["response_id", "network", "group", "wave", "submitted_at", *ITEMS])
        for (rid, group), values in ANSWERS.items():
            w.writerow([rid, "NOORD", group, "2026", "2026-10-15", *values])
    return path


@pytest.fixture
def computed(database_url, tmp_path):
    ctx = make_context(database_url, tmp_path, FRAMEWORK)
    ingest_file(ctx.engine, template(tmp_path / "w.csv"), consortium_id=ctx.consortium_id)
    recompute(ctx.engine, ctx.framework, ctx.consortium_id)
    yield load_snapshots(ctx.engine, ctx.consortium_id)
    ctx.engine.dispose()


def row(frame: pd.DataFrame, **keys) -> pd.Series:
    match = frame
    for key, value in keys.items():
        match = match[match[key] == value]
    assert len(match) == 1, keys
    return match.iloc[0]


def test_stored_speerpunt_and_ambition_figures_by_hand(computed):
    s1 = row(computed, network="NOORD", group="all", measure="speerpunt", subject="S1")
    # 4.5, 4, 3, 2.5, 4, 4.5: n 6, mean 22.5 / 6 = 3.75, score_100 (3.75 - 1) / 4 * 100 = 68.75
    assert (s1["n"], s1["mean"], s1["score_100"]) == (6, pytest.approx(3.75), pytest.approx(68.75))
    assert s1["pct_positive"] == pytest.approx(4 / 6)  # 4.5, 4, 4, 4.5
    s2 = row(computed, network="NOORD", group="all", measure="speerpunt", subject="S2")
    # 4, 4, 2.5, 5, 3, 5: mean 23.5 / 6
    assert (s2["n"], s2["mean"]) == (6, pytest.approx(23.5 / 6))
    a1 = row(computed, network="NOORD", group="all", measure="ambition", subject="A1")
    assert (a1["n"], a1["mean"]) == (6, pytest.approx(3.75))  # A1's items are S1's
    a2 = row(computed, network="NOORD", group="all", measure="ambition", subject="A2")
    # 13/3, 4, 7/3, 10/3, 14/3: n 5, mean (56/3) / 5 = 56/15; sd by hand: deviations from 56/15
    # are 9/15, 4/15, -21/15, -6/15, 14/15; squares sum to 770/225; sd = sqrt(770/225/4)
    assert (a2["n"], a2["mean"]) == (5, pytest.approx(56 / 15))
    assert a2["sd"] == pytest.approx((770 / 225 / 4) ** 0.5)
    assert a2["score_100"] == pytest.approx((56 / 15 - 1) / 4 * 100)
    assert a2["pct_positive"] == pytest.approx(3 / 5)  # 13/3, 4, 14/3
    consortium = row(computed, network="ALL", group="all", measure="ambition", subject="A2")
    assert (consortium["n"], consortium["mean"]) == (5, pytest.approx(56 / 15))


def test_small_groups_are_suppressed_as_for_vision_elements(computed):
    # MB is one respondent: suppressed; ZP would reveal it as all − ZP, so it goes too.
    mb = row(computed, network="NOORD", group="MB", measure="speerpunt", subject="S1")
    zp = row(computed, network="NOORD", group="ZP", measure="speerpunt", subject="S1")
    assert (bool(mb["suppressed"]), mb["suppressed_reason"]) == (True, "threshold")
    assert (bool(zp["suppressed"]), zp["suppressed_reason"]) == (True, "complement")
    # A2 in ZP has 4 respondents (r1, r2, r4, r6): under the threshold itself.
    zp_a2 = row(computed, network="NOORD", group="ZP", measure="ambition", subject="A2")
    assert (bool(zp_a2["suppressed"]), zp_a2["suppressed_reason"]) == (True, "threshold")
    for cell in (mb, zp, zp_a2):
        for column in ("n", "mean", "sd", "score_100", "pct_positive"):
            assert pd.isna(cell[column]), column


def test_road_to_target_of_speerpunt_and_ambition(computed):
    s1 = row(computed, network="NOORD", group="all", measure="speerpunt", subject="S1")
    # One wave: baseline = value = expected; 68.75 < 75 but within 2.5 of E = 68.75.
    assert s1["target"] == 75 and s1["baseline"] == pytest.approx(68.75)
    assert s1["status"] == "op_koers"
    a2 = row(computed, network="NOORD", group="all", measure="ambition", subject="A2")
    assert a2["target"] == 70 and a2["status"] == "op_koers"
    # NOORD's own A2 target is not the consortium's: ALL has none.
    consortium = row(computed, network="ALL", group="all", measure="ambition", subject="A2")
    assert pd.isna(consortium["target"]) and pd.isna(consortium["status"])
    # No target for S2: no road.
    s2 = row(computed, network="NOORD", group="all", measure="speerpunt", subject="S2")
    assert pd.isna(s2["target"])
