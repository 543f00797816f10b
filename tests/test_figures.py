"""The figure builders as pure functions: small frames in, plotly figures out (no browser)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from charts import figures, projects, style
from dashboard.i18n import t


def test_heatmap_marks_suppressed_cells_and_never_colours_them():
    frame = pd.DataFrame(
        {
            "row": ["UTS", "UTS", "EEM", "EEM"],
            "column": ["VISIE", "VERTR", "VISIE", "VERTR"],
            "score_100": [62.5, 71.25, np.nan, 55.0],
            "suppressed": [False, False, True, False],
        }
    )
    fig = figures.heatmap_figure(
        frame,
        {"UTS": "Utrecht stad", "EEM": "Eemland"},
        {"VISIE": "Visie", "VERTR": "Vertrouwen"},
        "nl",
    )
    heat = fig.data[0]
    assert heat.z[1][0] is None  # EEM × VISIE: no colour
    assert heat.text[1][0] == style.SUPPRESSED_MARK
    assert heat.customdata[1][0] == "te weinig respondenten"
    assert heat.z[0] == (62.5, 71.25) or list(heat.z[0]) == [62.5, 71.25]
    assert heat.text[0][1] == "71"
    assert fig.layout.plot_bgcolor == style.SUPPRESSED_FILL


def test_heatmap_in_english_says_too_few_respondents():
    frame = pd.DataFrame(
        {"row": ["UTS"], "column": ["VISIE"], "score_100": [np.nan], "suppressed": [True]}
    )
    fig = figures.heatmap_figure(frame, {"UTS": "Utrecht stad"}, {"VISIE": "Vision"}, "en")
    assert fig.data[0].customdata[0][0] == "too few respondents"


def _series(suppressed_last: bool = False) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "wave": ["2024", "2025", "2026"],
            "reference_date": pd.to_datetime(["2024-11-01", "2025-11-01", "2026-11-01"]),
            "score_100": [50.0, 55.0, np.nan if suppressed_last else 60.0],
            "ci_low_100": [45.0, 50.0, np.nan if suppressed_last else 54.0],
            "ci_high_100": [55.0, 60.0, np.nan if suppressed_last else 66.0],
            "suppressed": [False, False, suppressed_last],
        }
    )


def test_trend_has_ci_band_road_and_notes():
    road = {
        "baseline": 50.0,
        "baseline_date": pd.Timestamp("2024-11-01"),
        "target": 75.0,
        "target_date": pd.Timestamp("2028-12-31"),
    }
    notes = pd.DataFrame(
        {"noted_on": pd.to_datetime(["2025-03-01"]), "text": ["reorganisatie thuiszorg"]}
    )
    fig = figures.trend_figure(_series(), "nl", road=road, notes=notes, title="UTS")
    names = [trace.name for trace in fig.data]
    assert t("ci_band", "nl") in names
    assert t("road_to_target", "nl") in names
    band = fig.data[names.index(t("ci_band", "nl"))]
    assert list(band.y) == [55.0, 60.0, 66.0, 54.0, 50.0, 45.0]
    line = fig.data[names.index(t("road_to_target", "nl"))]
    assert list(line.y) == [50.0, 75.0]
    assert any(a.text == "reorganisatie thuiszorg" for a in fig.layout.annotations)
    assert len(fig.layout.shapes) == 1  # the note's vertical line


def test_trend_marks_a_suppressed_wave_without_a_number():
    fig = figures.trend_figure(_series(suppressed_last=True), "nl")
    line = [trace for trace in fig.data if trace.mode == "lines+markers"][0]
    assert list(line.y) == [50.0, 55.0]
    assert any("te weinig respondenten" in a.text for a in fig.layout.annotations)


def test_trend_without_data_says_so():
    fig = figures.trend_figure(_series().iloc[0:0], "nl")
    assert "Nog geen gegevens voor deze meting" in fig.layout.annotations[0].text


def test_radar_draws_each_wave_and_the_consortium_and_leaves_gaps_for_suppressed():
    labels = {"VISIE": "Visie", "VERTR": "Vertrouwen", "REGIE": "Regie"}
    network = pd.DataFrame(
        {
            "wave": ["2025"] * 3 + ["2026"] * 3,
            "subject": list(labels) * 2,
            "score_100": [50.0, 60.0, 70.0, 55.0, np.nan, 72.0],
            "suppressed": [False, False, False, False, True, False],
        }
    )
    consortium = network.assign(score_100=[40.0, 41.0, 42.0, 43.0, 44.0, 45.0], suppressed=False)
    fig = figures.radar_figure(network, consortium, labels, "nl", network_name="UTS")
    assert [trace.name for trace in fig.data] == ["UTS 2025", "UTS 2026", "Consortium 2026"]
    assert list(fig.data[1].r) == [55.0, None, 72.0, 55.0]  # closed polygon, gap at VERTR
    assert list(fig.data[2].r) == [43.0, 44.0, 45.0, 43.0]


def test_agreement_colours_verdicts_and_marks_suppressed():
    frame = pd.DataFrame(
        {
            "subject": ["VISIE", "VERTR", "REGIE"],
            "value": [0.5, 1.5, np.nan],
            "verdict": ["agreement", "split", None],
            "suppressed": [False, False, True],
        }
    )
    fig = figures.agreement_figure(frame, {"VISIE": "Visie", "VERTR": "Vertrouwen"}, "en")
    bar = fig.data[0]
    assert list(bar.x) == [0.5, 1.5, None]
    assert list(bar.text) == ["agreement", "split", "too few respondents"]
    assert bar.marker.color[2] == style.SUPPRESSED_FILL
    assert list(bar.y) == ["Visie", "Vertrouwen", "REGIE"]


def test_rate_figure_hides_suppressed_counts():
    frame = pd.DataFrame(
        {
            "wave": ["2024", "2025"],
            "n": [np.nan, 28.0],
            "value": [np.nan, 0.47],
            "suppressed": [True, False],
        }
    )
    fig = figures.rate_figure(frame, "nl")
    assert list(fig.data[0].y) == [None, 28.0]
    assert list(fig.data[1].y) == [None, 47.0]
    assert fig.data[0].text[0] == "te weinig respondenten"


def test_compare_draws_one_line_per_network_with_ci_error_bars():
    frame = pd.DataFrame(
        {
            "network": ["UTS", "UTS", "EEM", "EEM"],
            "wave": ["2025", "2026", "2025", "2026"],
            "score_100": [50.0, 60.0, 40.0, np.nan],
            "ci_low_100": [45.0, 55.0, 35.0, np.nan],
            "ci_high_100": [55.0, 66.0, 44.0, np.nan],
            "suppressed": [False, False, False, True],
        }
    )
    fig = figures.compare_figure(frame, {"UTS": "Utrecht stad", "EEM": "Eemland"}, "nl")
    assert [trace.name for trace in fig.data] == ["Utrecht stad", "Eemland"]
    assert list(fig.data[0].error_y.array) == [5.0, 6.0]
    assert list(fig.data[1].y) == [40.0]  # the suppressed wave is not drawn


def test_index_road_states_status_in_words():
    frame = pd.DataFrame(
        {
            "network": ["UTS", "EEM"],
            "score_100": [62.0, np.nan],
            "expected": [60.0, np.nan],
            "target": [75.0, np.nan],
            "status": ["op_koers", None],
            "suppressed": [False, True],
        }
    )
    fig = figures.index_road_figure(frame, {"UTS": "Utrecht stad", "EEM": "Eemland"}, "nl")
    dots = fig.data[2]
    assert list(dots.text) == ["op koers", "te weinig respondenten"]
    assert dots.x[1] is None or np.isnan(dots.x[1])


def test_project_history_one_trace_per_status():
    updates = pd.DataFrame(
        {
            "network": ["UTS", "UTS", "ZOU"],
            "submitted_at": pd.to_datetime(["2026-01-05", "2026-02-05", "2026-01-07"]),
            "status": ["op_koers", "vastgelopen", "op_koers"],
        }
    )
    fig = projects.project_history_figure(updates, {"UTS": "Utrecht stad"}, "en")
    assert [trace.name for trace in fig.data] == ["on track", "stuck"]
    assert list(fig.data[0].y) == ["Utrecht stad", "ZOU"]


def test_goal_figure_draws_forecast_to_deadline():
    goal = {
        "baseline_value": 10.0,
        "baseline_date": pd.Timestamp("2024-01-01"),
        "target_value": 20.0,
        "deadline": pd.Timestamp("2026-01-01"),
        "forecast": 18.5,
    }
    values = pd.DataFrame({"measured_at": pd.to_datetime(["2025-01-01"]), "value": [14.0]})
    fig = projects.goal_figure(goal, values, "nl")
    assert list(fig.data[0].y) == [10.0, 14.0]
    assert list(fig.data[2].y) == [14.0, 18.5]


def test_din_highlights_gaps():
    nodes = pd.DataFrame(
        {
            "id": ["p:A", "p:B", "g:G1", "g:G2", "vision"],
            "layer": [0, 0, 1, 1, 4],
            "label": ["A", "B", "G1", "G2", "Visie 2028"],
            "gap": [False, True, False, True, False],
        }
    )
    edges = pd.DataFrame({"source": ["p:A"], "target": ["g:G1"]})
    fig = projects.din_figure(nodes, edges, "nl")
    gap_trace = [trace for trace in fig.data if trace.name == t("din_gap", "nl")][0]
    assert sorted(gap_trace.text) == ["(!) B", "(!) G2"]
    assert gap_trace.marker.color == style.OKABE_ITO[5]
    assert list(fig.data[0].x) == [0.0, 1.0, None]  # the one edge


def test_scale_ci_maps_means_to_0_100_and_blanks_suppressed():
    frame = pd.DataFrame({"ci_low": [2.0, 3.0], "ci_high": [3.0, 4.0], "suppressed": [False, True]})
    scaled = style.scale_ci(frame, "theme")
    assert list(scaled["ci_low_100"][:1]) == [25.0]
    assert np.isnan(scaled["ci_high_100"].iloc[1])
    assert list(style.scale_ci(frame, "index")["ci_high_100"][:1]) == [3.0]


@pytest.mark.parametrize("builder", ["compare_figure", "index_road_figure"])
def test_empty_frames_give_an_empty_state(builder):
    fig = getattr(figures, builder)(pd.DataFrame(), {}, "en")
    assert "No data for this wave yet" in json.dumps(fig.to_plotly_json()["layout"])
