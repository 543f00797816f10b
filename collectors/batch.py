"""The shape every questionnaire collector produces before anything touches the database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from samenwerkingsmonitor.clock import series_to_utc, to_utc

# Answers that mean "no answer" (measures.md: missing, never 0 and never 3), after lower-casing.
MISSING_WORDS = frozenset(
    {
        "nvt",
        "n.v.t.",
        "n.v.t",
        "niet van toepassing",
        "weet niet",
        "weet ik niet",
        "n/a",
        "na",
        "not applicable",
        "don't know",
        "dont know",
    }
)


@dataclass
class Reject:
    """A row that failed validation: where, what and why, with the raw input kept."""

    row_number: int | None
    column: str | None
    value: str | None
    reason: str
    raw: dict | None = None


@dataclass
class ResponseBatch:
    """Valid responses and their answers, plus the rows that were rejected.

    responses: external_id, network, group, wave, submitted_at (Timestamp), row_number, content_hash
    answers:   external_id, item, value (1–5, or NaN for an explicit 'nvt' / 'weet niet')
    """

    file_name: str | None
    responses: pd.DataFrame
    answers: pd.DataFrame
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Rows left out on purpose and counted (a survey response not completed yet).
    skipped: int = 0
    # Rows read again exactly as an earlier run read them (LimeSurvey's re-reads): counted as
    # unchanged, neither written nor rejected again.
    known_unchanged: int = 0

    @property
    def rows_in(self) -> int:
        rejected = len({r.row_number for r in self.rejects})
        return len(self.responses) + rejected + self.skipped + self.known_unchanged


def parse_timestamps(values: pd.Series, *, dayfirst: bool = True) -> pd.Series:
    """Dates and times as tools write them: ISO 8601 exactly (LimeSurvey's `2026-11-02 09:46:00`,
    `2026-11-02T09:46`), anything else as a Dutch spreadsheet means it (02-10-2027 is 2 October)
    unless `dayfirst` is off. Unreadable values become NaT, for the caller to reject.

    The result is UTC (datetime64[us, UTC]), like every stored moment: a value without an offset
    is local wall time (TIME_ZONE, samenwerkingsmonitor/clock.py), one with an offset
    (`…T09:46:00+01:00`, `…Z`) is converted; a column that mixes offsets, or offsets and none,
    reads (pandas refuses such a column as a whole)."""
    text = values.astype("string").str.strip()
    zoned = _zoned_values(text)
    try:
        parsed = series_to_utc(_naive(text.where(~zoned), dayfirst))
        if zoned.any():
            parsed[zoned] = _zoned(text[zoned], dayfirst)
        return parsed
    except (ValueError, TypeError):
        # An offset in a form the pattern does not know (`10:00 CET`): one value at a time.
        return pd.Series(
            [_one(v, dayfirst) for v in text], index=text.index, dtype="datetime64[us, UTC]"
        )


# A time followed by a UTC offset or Z: 09:46+01:00, 09:46:00.5 +0100, 09:46:00Z.
ZONED = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$"
# What every ZONED value holds, searched once in the column joined: Z, + or a - after a time.
MINUS_AFTER_TIME = re.compile(r":\d{2}(?:[.,]\d+)?\s*-")


def _zoned_values(text: pd.Series) -> pd.Series:
    """Which values end in an offset. Searching the column joined first spares the regex per
    value in a column without any (most files: a pattern searched 5,000 times costs more than
    parsing the dates)."""
    joined = "\x01".join(text.dropna().tolist())
    if "Z" not in joined and "+" not in joined and MINUS_AFTER_TIME.search(joined) is None:
        return pd.Series(False, index=text.index, dtype="boolean")
    return text.str.contains(ZONED, regex=True, na=False)


def _naive(text: pd.Series, dayfirst: bool) -> pd.Series:
    parsed = pd.to_datetime(text, errors="coerce", format="ISO8601").astype("datetime64[us]")
    rest = parsed.isna() & text.notna() & (text != "")
    if rest.any():
        found = pd.to_datetime(text[rest], errors="coerce", format="mixed", dayfirst=dayfirst)
        parsed[rest] = found.astype("datetime64[us]")
    return parsed


def _zoned(text: pd.Series, dayfirst: bool) -> pd.Series:
    moment = pd.to_datetime(text, errors="coerce", utc=True, format="ISO8601")
    rest = moment.isna()
    if rest.any():
        moment[rest] = pd.to_datetime(
            text[rest], errors="coerce", utc=True, format="mixed", dayfirst=dayfirst
        )
    return moment.astype("datetime64[us, UTC]")


def _one(value, dayfirst: bool):
    if value is None or value is pd.NA or not str(value):
        return pd.NaT
    try:
        stamp = pd.Timestamp(pd.to_datetime(str(value), format="mixed", dayfirst=dayfirst))
    except (ValueError, TypeError, OverflowError):
        return pd.NaT
    return pd.NaT if pd.isna(stamp) else to_utc(stamp.to_pydatetime())
