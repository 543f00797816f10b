"""A target the framework marks `provisional: true` is a werkdoel wherever it appears: the road
line of every chart that draws the target, and the report's target figures. Other targets are
shown as before."""

from __future__ import annotations

import pandas as pd

from charts.road import road
from charts.style import road_trace
from reports.content import ReportContent
from reports.sections.common import target_figure
from samenwerkingsmonitor.framework import load_framework
from tests.conftest import SEPTET


def _framework(tmp_path):
    text = SEPTET.read_text(encoding="utf-8").replace(
        "  - {measure: index, subject: index, value: 75}",
        "  - {measure: index, subject: index, value: 75, provisional: true}",
    )
    assert "provisional: true}" in text
    path = tmp_path / "septet.yaml"
    path.write_text(text, encoding="utf-8")
    return load_framework(path)


def _rows(target: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "reference_date": pd.to_datetime(["2024-11-01", "2025-11-01"]),
            "baseline": [60.0, 60.0],
            "target": [target, target],
            "suppressed": [False, False],
        }
    )


def test_a_provisional_target_is_a_werkdoel_on_the_road_and_in_the_report(tmp_path):
    fw = _framework(tmp_path)
    assert fw.target_for("index", "index").provisional
    assert not fw.target_for("theme", "VISIE").provisional
    working = road(fw, _rows(75), "index", "index", "ALL")
    assert working["provisional"] is True
    assert road_trace(working, "nl").name == "Rechte weg naar werkdoel 2028"
    assert road_trace(working, "en").name == "Straight road to 2028 working target"
    firm = road(fw, _rows(75), "theme", "VISIE", "ALL")
    assert firm["provisional"] is False
    assert road_trace(firm, "nl").name == "Rechte weg naar doel 2028"

    empty = pd.DataFrame()
    content = ReportContent(2026, "Septet", pd.Timestamp("2026-12-31").date(), empty, empty, empty)
    content.framework = fw
    assert target_figure(content, 75.0, "index", "index", "UTS", "nl") == "75 (werkdoel)"
    assert target_figure(content, 75.0, "theme", "VISIE", None, "nl") == "75"
    assert target_figure(content, 75.0, "index", "index", None, "en") == "75 (working target)"
