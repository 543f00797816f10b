"""The shape every questionnaire collector produces before anything touches the database."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

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
    unless `dayfirst` is off. Unreadable values become NaT, for the caller to reject."""
    text = values.astype("string").str.strip()
    parsed = pd.to_datetime(text, errors="coerce", format="ISO8601")
    rest = parsed.isna() & text.notna() & (text != "")
    if rest.any():
        parsed[rest] = pd.to_datetime(
            text[rest], errors="coerce", format="mixed", dayfirst=dayfirst
        )
    return parsed
