"""The stored snapshots are the rules applied directly (issue 18's fast paths change no figure).

The recompute reads answers through the driver's cursor, writes snapshots a column at a time and
derives change and road to target in bulk. Here the same figures are computed the slow, obvious
way — answers read through the ORM, the pure functions of metrics/ called one by one — on a small
data set of the benchmark's generator (three networks, small groups, so suppression and the
complement rule have work), and compared with what the recompute stored: counts, flags, verdicts
and statuses exactly, numbers to 1e-12 (the order of a floating-point sum may differ).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from bench.benchmark import Plan, framework_yaml, responses_csv
from collectors.ingest import ingest_file
from db import models as m
from db.engine import make_engine, transaction
from metrics.change import change_from_aggregates, change_of_values
from metrics.store import SNAPSHOT_COLUMNS, load_snapshots, recompute
from metrics.targets import road_to_target
from metrics.wave_figures import wave_snapshots
from samenwerkingsmonitor.framework import load_framework
from samenwerkingsmonitor.framework_store import store_framework
from samenwerkingsmonitor.vocabulary import SCORE_MEASURES

KEYS = ["network", "wave", "group", "measure", "subject"]
EXACT = ["n", "suppressed", "suppressed_reason", "verdict", "previous_wave", "significant"]
EXACT += ["status"]
NUMBERS = ["mean", "sd", "ci_low", "ci_high", "score_100", "pct_positive", "value"]
NUMBERS += ["difference", "p_value", "baseline", "target", "expected"]


@pytest.fixture
def small(database_url, tmp_path):
    plan = Plan(1, ("B1N01", "B1N02", "B1N03"), 14)
    path = tmp_path / "bench1.yaml"
    path.write_text(framework_yaml(plan), encoding="utf-8")
    fw = load_framework(path)
    engine = make_engine(database_url)
    with transaction(engine) as s:
        consortium_id = store_framework(s, fw).id
    rng = np.random.default_rng(18)
    effects = {code: float(e) for code, e in zip(plan.networks, rng.normal(0, 0.3, 3))}
    themes = rng.normal(0.0, 0.3, 10)

    def ingest(wave: int, networks: tuple[str, ...]) -> None:
        csv = tmp_path / f"W{wave:02d}-{len(networks)}.csv"
        responses_csv(csv, plan, wave, networks, rng, effects, themes)
        ingest_file(engine, csv, consortium_id=consortium_id, source=plan.source, create_waves=True)

    yield engine, fw, consortium_id, ingest
    engine.dispose()


def read_answers_slowly(engine, wave_code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A wave's answers through the ORM, ids joined to codes in SQL: nothing of read_wave."""
    query = (
        select(
            m.Response.id,
            m.Network.code,
            m.Wave.code,
            m.RespondentGroup.code,
            m.Item.code,
            m.Answer.value,
        )
        .join(m.Response, m.Response.id == m.Answer.response_id)
        .join(m.Network, m.Network.id == m.Response.network_id)
        .join(m.Wave, m.Wave.id == m.Response.wave_id)
        .join(m.RespondentGroup, m.RespondentGroup.id == m.Response.group_id)
        .join(m.Item, m.Item.id == m.Answer.item_id)
        .where(m.Wave.code == wave_code)
    )
    with engine.connect() as c:
        rows = [tuple(r) for r in c.execute(query)]
    columns = ["response_id", "network", "wave", "group", "item", "value"]
    answers = pd.DataFrame(rows, columns=columns).astype({"value": float})
    responses = answers[["response_id", "wave", "network"]].drop_duplicates("response_id")
    return answers, responses


def expected_snapshots(engine, fw) -> pd.DataFrame:
    """Every wave's figures by the pure functions, then change and road to target on them."""
    with engine.connect() as c:
        waves = pd.DataFrame(
            c.execute(select(m.Wave.code, m.Wave.reference_date)).all(),
            columns=["wave", "reference_date"],
        )
    invited = {
        (wave.code, network): count for wave in fw.waves for network, count in wave.invited.items()
    }
    frames = []
    for code in waves["wave"]:
        answers, responses = read_answers_slowly(engine, code)
        if answers.empty:
            continue
        counts = {n: c for (w, n), c in invited.items() if w == code}
        figures = wave_snapshots(answers, responses, fw.items_frame(), counts, 5)
        frames.append(figures.assign(wave=code))
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.merge(waves.assign(reference_date=pd.to_datetime(waves["reference_date"])))
    scores = frame["measure"].isin(SCORE_MEASURES)
    values = frame["measure"] == "network"  # the partner network's: none here
    changes = pd.concat(
        [change_from_aggregates(frame[scores]), change_of_values(frame[values])],
        ignore_index=True,
    )
    series = frame[scores & (frame["group"] == "all")].assign(value=frame["score_100"])
    columns = ["network", "measure", "subject", "wave", "reference_date", "value", "suppressed"]
    road = road_to_target(
        series[columns],
        fw.targets_frame(),
        on_track=fw.settings.status_thresholds.on_track,
        attention=fw.settings.status_thresholds.attention,
    )
    road = road[[*columns[:4], "baseline", "target", "expected", "status"]].assign(group="all")
    return frame.merge(changes, on=KEYS, how="left").merge(road, on=KEYS, how="left")


def compare(stored: pd.DataFrame, expected: pd.DataFrame) -> None:
    stored = stored.sort_values(KEYS, ignore_index=True)
    expected = expected.sort_values(KEYS, ignore_index=True)
    assert stored[KEYS].astype(str).values.tolist() == expected[KEYS].astype(str).values.tolist()
    for column in EXACT:
        left = stored[column].astype(object).where(stored[column].notna(), None)
        right = expected[column].astype(object).where(expected[column].notna(), None)
        if column in ("suppressed", "significant"):
            left = left.map(lambda v: None if v is None else bool(v))
            right = right.map(lambda v: None if v is None else bool(v))
        assert left.tolist() == right.tolist(), column
    for column in NUMBERS:
        left = pd.to_numeric(stored[column]).to_numpy(dtype=float, na_value=np.nan)
        right = pd.to_numeric(expected[column]).to_numpy(dtype=float, na_value=np.nan)
        assert np.allclose(left, right, rtol=1e-12, atol=1e-12, equal_nan=True), column


def test_stored_snapshots_equal_the_rules_applied_directly(small):
    engine, fw, consortium_id, ingest = small
    for wave in (1, 2, 3):
        ingest(wave, ("B1N01", "B1N02", "B1N03"))
    recompute(engine, fw, consortium_id, everything=True)
    stored = load_snapshots(engine, consortium_id)
    assert set(stored["suppressed_reason"].dropna()) == {"threshold", "complement"}
    assert stored["status"].notna().any() and stored["p_value"].notna().any()
    compare(stored, expected_snapshots(engine, fw))

    # An incremental recompute: one network's next wave and a changed earlier wave.
    ingest(4, ("B1N02",))
    ingest(2, ("B1N01", "B1N02", "B1N03"))
    recompute(engine, fw, consortium_id)
    compare(load_snapshots(engine, consortium_id), expected_snapshots(engine, fw))
    assert set(SNAPSHOT_COLUMNS) <= set(load_snapshots(engine, consortium_id).columns)
