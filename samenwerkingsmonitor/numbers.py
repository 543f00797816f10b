"""One way to write a number per language, for the dashboard, the downloads and the report.

Dutch readers expect a decimal comma and a thousands point ("1.234,5"), English readers the other
way round; Babel (CLDR) knows both, so no page builds a number by swapping characters. A value
that rounds to zero is written without a sign: never "-0,0" or "-0%".
"""

from __future__ import annotations

import math

from babel.numbers import format_decimal

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
POINTS = {"nl": "punten", "en": "points"}
POINT = {"nl": "punt", "en": "point"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["nl"])


def _pattern(digits: int, sign: bool) -> str:
    body = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return f"+{body};-{body}" if sign else body


def format_number(value: float, digits: int = 1, lang: str = "nl", *, sign: bool = False) -> str:
    """`value` with `digits` decimals in the language's way; `sign`: "+4,7" for a difference.
    Half-way values round half-even, as Python's own formatting does."""
    value = round(float(value), digits)
    if value == 0 or math.isnan(value):
        value, sign = 0.0, False  # -0.0 and a difference of nothing carry no sign
    return format_decimal(value, _pattern(digits, sign), locale=_locale(lang))


def format_share(fraction: float, lang: str = "nl", digits: int = 0) -> str:
    """A fraction 0–1 as a percentage: "35%" in both languages (no space, as the Dutch style
    guides and the dashboard have it)."""
    return format_number(float(fraction) * 100, digits, lang) + "%"


def format_points(difference: float, lang: str = "nl", digits: int = 1) -> str:
    """A difference on the 0–100 scale: "+4,7 punten" / "+4.7 points"; "1 punt" when exactly 1."""
    text = format_number(difference, digits, lang, sign=True)
    unit = POINT if abs(round(float(difference), digits)) == 1 else POINTS
    return f"{text} {unit.get(lang, unit['nl'])}"


def plotly_separators(lang: str) -> str:
    """plotly's layout.separators: the decimal mark, then the thousands mark."""
    return ",." if lang == "nl" else ".,"
