"""Overzicht's "Verandering" column reads the same way in every row (issue 16): a signed change
in points with the word ("+4,7 punten t.o.v. 2025"), never a bare number or a colour alone."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.i18n import t
from dashboard.pages.overview import _change_text, overview_frame

PATTERN = {
    "nl": r"[+-]\d+,\d punt(en)? t\.o\.v\. \d{4}( \(significant\))?",
    "en": r"[+-]\d+\.\d points? vs \d{4}( \(significant\))?",
}


@pytest.mark.parametrize(
    ("difference", "significant", "lang", "expected"),
    [
        (4.7, True, "nl", "+4,7 punten t.o.v. 2025 (significant)"),
        (-3.4, False, "nl", "-3,4 punten t.o.v. 2025"),
        (1.0, False, "nl", "+1,0 punt t.o.v. 2025"),
        (4.7, False, "en", "+4.7 points vs 2025"),
    ],
)
def test_change_is_signed_points_with_words(difference, significant, lang, expected):
    cell = pd.Series(
        {"previous_wave": "2025", "difference": difference, "significant": significant}
    )
    assert _change_text(cell, lang) == expected


def test_no_previous_wave_is_a_dash():
    cell = pd.Series({"previous_wave": None, "difference": float("nan"), "significant": False})
    assert _change_text(cell, "nl") == "–"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.demo_data(recomputed=True)
def test_every_row_of_the_demo_overview_uses_the_one_scale(ctx, lang):
    frame = overview_frame(ctx, {}, lang)
    column = frame[t("change_previous", lang)]
    changes = [c for c in column if c not in ("–", "", t("too_few", lang))]
    assert changes, column.tolist()
    for change in changes:
        assert re.fullmatch(PATTERN[lang], change), change
