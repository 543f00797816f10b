"""Every over-the-waves chart puts a wave at its label and the 2028 target at 2028: wave 2026,
measured in November, must not sit just before the "2027" tick, nor the target star on "2029"
(issue 16). Checked on the figure JSON of the dashboard's and the report's builders."""

from __future__ import annotations

import numpy as np
import pandas as pd

from charts import figures
from charts.style import WaveAxis
from dashboard import partner_figures
from dashboard.i18n import t

ROAD = {
    "baseline": 50.0,
    "baseline_date": pd.Timestamp("2024-11-15"),
    "target": 75.0,
    "target_date": pd.Timestamp("2028-12-31"),
}


def _series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "wave": ["2024", "2025", "2026"],
            "reference_date": pd.to_datetime(["2024-11-15", "2025-11-20", "2026-11-18"]),
            "score_100": [50.0, 55.0, np.nan],
            "ci_low_100": [45.0, 50.0, np.nan],
            "ci_high_100": [55.0, 60.0, np.nan],
            "value": [0.4, 0.5, np.nan],
            "suppressed": [False, False, True],
        }
    )


def _ticks(fig) -> dict[float, str]:
    axis = fig.to_plotly_json()["layout"]["xaxis"]
    return dict(zip(axis["tickvals"], axis["ticktext"]))


def _check(fig, road_name: str, lang: str) -> None:
    ticks = _ticks(fig)
    assert ticks[2024] == "2024" and ticks[2025] == "2025" and ticks[2026] == "2026"
    assert ticks[2028].startswith("2028")
    assert 2027 not in ticks and 2029 not in ticks
    data = fig.to_plotly_json()["data"]
    points = next(d for d in data if d.get("mode") == "lines+markers" and d["name"] != road_name)
    assert list(points["x"]) == [2024.0, 2025.0]  # the suppressed 2026 draws no point
    road = next(d for d in data if d["name"] == road_name)
    assert list(road["x"]) == [2024.0, 2028.0]  # baseline at its wave, the star at 2028
    marks = [a for a in fig.layout.annotations if t("too_few", lang) in a.text]
    assert [a.x for a in marks] == [2026.0]


def test_trend_puts_waves_at_their_label_and_the_target_at_2028():
    fig = figures.trend_figure(_series(), "nl", road=ROAD, title="UTS")
    _check(fig, t("road_to_target", "nl"), "nl")
    assert fig.layout.separators == ",."
    assert figures.trend_figure(_series(), "en", road=ROAD).layout.separators == ".,"


def test_partner_network_figure_uses_the_same_axis():
    fig = partner_figures.figure_over_time(_series(), "density", "en", road=ROAD, title="Density")
    _check(fig, t("road_to_target", "en"), "en")


def test_a_note_between_two_waves_stands_between_their_ticks():
    axis = WaveAxis(_series()[["wave", "reference_date"]], ROAD["target_date"])
    assert axis.at(pd.Timestamp("2025-11-20")) == 2025.0
    assert 2025.0 < axis.at(pd.Timestamp("2026-03-01")) < 2026.0
    assert axis.at(pd.Timestamp("2024-05-15")) < 2024.0
