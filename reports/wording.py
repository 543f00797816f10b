"""The documents' words (Dutch, with English available) and how their numbers are written.

Numbers are the exported figures, only formatted: Dutch uses a decimal comma. Every figure cell
goes through :func:`figure`, which writes the suppression phrase for a suppressed row instead of
any number. The PDFs use the standard PDF fonts, whose encoding (WinAnsi) lacks signs such as
≥ and →: the catalogue's words for documents avoid them.
"""

from __future__ import annotations

import math

import pandas as pd

from samenwerkingsmonitor.catalogue import entries, lookup
from samenwerkingsmonitor.numbers import format_number, format_points, format_share

# The catalogue contexts a document tries, in order (samenwerkingsmonitor/catalogue).
REPORT = ("report", None)


def t(key: str, lang: str, **values) -> str:
    """A document text in `lang`: the report's own wording of a key where it has one (a column
    head "Index" where the screen says "Samenwerkingsindex"), else the shared one."""
    return lookup(key, lang, REPORT, values)


def measure_keys() -> list[str]:
    """The method chapter's measures (method_measure_NN_title and _text), in docs/measures.md's order."""
    return sorted({key[:17] for _, key in entries() if key.startswith("method_measure_")})


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value, digits: int = 1, lang: str = "nl", *, sign: bool = False) -> str:
    """A figure as printed: fixed digits, decimal comma in Dutch; '-' when there is none.
    A value that rounds to zero is written without a sign: never "-0,0"."""
    return "-" if missing(value) else format_number(value, digits, lang, sign=sign)


def with_unit(value, unit, lang: str = "nl") -> str:
    """An amount with its unit: "10 groepen", "35%"; "-" without a value."""
    if missing(value):
        return "-"
    unit = "" if missing(unit) or not unit else str(unit)
    return f"{amount(value, lang)}{unit if unit in ('%', '') else ' ' + unit}"


def points(row, lang: str = "nl") -> str:
    """A snapshot row's change since the previous wave in points on the 0-100 scale, signed.
    The index's difference is on 0-100 already; a theme, element or item mean (1-5) maps as
    score_100 = (mean - 1) / 4 x 100, so its difference counts 25 times (measures.md rule 3)."""
    if missing(row["difference"]):
        return "-"
    factor = 1 if row["measure"] == "index" else 25
    return format_points(float(row["difference"]) * factor, lang)


def amount(value, lang: str = "nl", digits: int = 1) -> str:
    """A counted or measured amount (a SMART goal's value): whole numbers without decimals
    ("10 groepen", not "10,0 groepen"), others with `digits` decimals."""
    if missing(value):
        return "-"
    value = float(value)
    return number(value, 0 if value == round(value) else digits, lang)


def listing(names: list[str], lang: str) -> str:
    """ "a, b en c": names joined as a sentence says them."""
    names = [str(n) for n in names]
    if len(names) < 2:
        return "".join(names)
    last = " en " if lang == "nl" else " and "
    return ", ".join(names[:-1]) + last + names[-1]


def percent(fraction, lang: str = "nl", digits: int = 0) -> str:
    if missing(fraction):
        return "-"
    return format_share(float(fraction), lang, digits)


def day(value, lang: str = "nl") -> str:
    if missing(value) or value is pd.NaT:
        return "-"
    return pd.Timestamp(value).strftime("%d-%m-%Y" if lang == "nl" else "%Y-%m-%d")


def status(code, lang: str) -> str:
    """A road-to-2028 status code as words ('op_koers' -> 'op koers')."""
    return "-" if missing(code) or not code else t(f"status_{code}", lang)


def project_status(code, lang: str) -> str:
    if missing(code) or not code:
        return t("project_no_update", lang)
    return t(f"project_{code}", lang)


def figure(row, column: str, lang: str, digits: int = 1) -> str:
    """One figure of a snapshot row: the suppression phrase when suppressed, never a number."""
    if row is None:
        return "-"
    if bool(row["suppressed"]):
        return t("too_few", lang)
    return number(row[column], digits, lang)


def count(row, lang: str) -> str:
    if row is None:
        return "-"
    if bool(row["suppressed"]):
        return t("too_few", lang)
    return "-" if missing(row["n"]) else str(int(row["n"]))
