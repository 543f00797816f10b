"""One way to write numbers per language (issue 16): Babel's Dutch and English, no "-0"."""

from __future__ import annotations

import pandas as pd

from charts.partner_network import format_change
from dashboard.components import fmt_number, fmt_percent
from reports.wording import number, percent, points
from samenwerkingsmonitor.numbers import format_number, format_points, format_share


def test_dutch_and_english_marks():
    assert format_number(1234.56, 1, "nl") == "1.234,6"
    assert format_number(1234.56, 1, "en") == "1,234.6"
    assert format_share(0.35, "nl") == format_share(0.35, "en") == "35%"
    assert format_points(4.66, "nl") == "+4,7 punten"
    assert format_points(-4.66, "en") == "-4.7 points"
    assert fmt_number(3.3, 2, "nl") == "3,30" and fmt_percent(0.154, "en") == "15%"


def test_no_negative_zero_anywhere():
    assert format_number(-0.04, 1, "nl") == "0,0"
    assert format_number(-0.0, 0, "en", sign=True) == "0"
    assert format_points(-0.01, "nl") == "0,0 punten"
    assert format_change("density", -0.004, "nl", decimal_comma=True) == "0 %-punt"
    assert number(-0.001, 2, "nl", sign=True) == "0,00"


def test_report_and_dashboard_share_the_writer():
    row = pd.Series({"difference": 0.188, "measure": "theme"})
    assert points(row, "nl") == "+4,7 punten"
    assert percent(0.35, "nl") == fmt_percent(0.35, "nl") == "35%"
    assert number(62.5, 1, "nl") == fmt_number(62.5, 1, "nl") == "62,5"
