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

    @property
    def rows_in(self) -> int:
        return len(self.responses) + len({r.row_number for r in self.rejects}) + self.skipped
