"""The partner network's figures (measure "network", measures.md "Partner network"): which they
are, in the order shown, and how each is written. The dashboard's partner-network page and the
reports share these, so a figure reads the same on screen and on paper."""

from __future__ import annotations

import pandas as pd

from samenwerkingsmonitor.catalogue import t
from samenwerkingsmonitor.numbers import format_number, format_share

SUBJECTS = (
    "density",
    "centralization",
    "reciprocity",
    "cross_sector_share",
    "cross_sector_density",
    "trust",
    "value",
    "ties",
    "isolates",
    "new_ties",
    "lost_ties",
    "partners",
    "respondents",
)
SHARES = {"density", "centralization", "reciprocity", "cross_sector_share", "cross_sector_density"}
RATINGS = {"trust", "value"}  # means of three statements, 1–4; suppressed under the threshold
COUNTS = {"ties", "isolates", "new_ties", "lost_ties", "partners", "respondents"}
RATING_RANGE = (1.0, 4.0)


def _lang(decimal_comma: bool) -> str:
    return "nl" if decimal_comma else "en"


def _signed(value: float, digits: int, decimal_comma: bool) -> str:
    """A change with its sign; one that rounds to zero is written 0 (never "-0" or "+0")."""
    return format_number(value, digits, _lang(decimal_comma), sign=True)


def format_value(subject: str, value, *, decimal_comma: bool = False) -> str:
    """A figure as shown: shares as percentages, trust and value with two decimals, counts whole.
    `decimal_comma`: the Dutch way of writing numbers (samenwerkingsmonitor/numbers.py)."""
    if value is None or pd.isna(value):
        return "–"
    if subject in SHARES:
        return format_share(value, _lang(decimal_comma))
    if subject in RATINGS:
        return format_number(value, 2, _lang(decimal_comma))
    return format_number(value, 0, _lang(decimal_comma))


def format_change(subject: str, difference, lang: str, *, decimal_comma: bool = False) -> str:
    """A change between waves with its sign: shares in percentage points."""
    if difference is None or pd.isna(difference):
        return "–"
    if subject in SHARES:
        return f"{_signed(difference * 100, 0, decimal_comma)} {t('pn_points', lang)}"
    if subject in RATINGS:
        return _signed(difference, 2, decimal_comma)
    return _signed(difference, 0, decimal_comma)
