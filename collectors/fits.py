"""Values that must fit the database, checked before anything is written.

SQLite stores a string of any length and a NUL character; PostgreSQL refuses both, with an error
that fails the whole file instead of one row. So both limits are checked on the rows first, and
the same rows are rejected on either database, each with its file, row, column and reason. What
is kept of a rejected row (its value, reason and raw input) is made printable the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from collectors.cells import Cells
from db import models as m
from samenwerkingsmonitor.clock import now_utc, to_utc

# The template columns that are stored as strings, and their column in the database.
LENGTHS = {
    "response_id": m.Response.__table__.c.external_id.type.length,
    "wave": m.Wave.__table__.c.code.type.length,
}
NUL = "\x00"

# validate_rows' flag(rows, column, message): message a text or a function of the flagged rows.
Flag = Callable[[pd.Series, str, Any], None]


def flag_misfits(cells: Cells, columns: list[str], flag: Flag, headings: dict[str, str]) -> None:
    """Flag (validate_rows' `flag`) the rows with a NUL character or a string too long; each
    distinct text is searched and measured once."""
    index = pd.RangeIndex(len(cells))
    # The distinct texts joined are one C-level search; a NUL is rare, so most files stop here.
    texts = cells.values.tolist()
    nul = np.array([NUL in v for v in texts], dtype=bool) if NUL in "".join(texts) else None
    length = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    for column in columns:
        name = headings.get(column, column)
        if nul is not None:
            flag(
                pd.Series(nul[cells.column(column)], index=index),
                column,
                f"{name} contains a NUL character",
            )
        limit = LENGTHS.get(column)
        if limit is not None:
            over = pd.Series(length[cells.column(column)] > limit, index=index)
            flag(over, column, f"{name} is longer than {limit} characters")


def now() -> datetime:
    """The clock the window is measured from (tests set it; a naive value is local time)."""
    return now_utc()


@dataclass(frozen=True)
class DateWindow:
    """Submitted dates anyone can have meant: from `first` to `ahead_days` after now (a clock a
    little ahead, a time zone). Outside it a date is a typo or a spreadsheet's zero (1899, 1900)."""

    first: date = date(2000, 1, 1)
    ahead_days: int = 1

    def describe(self) -> str:
        ahead = "tomorrow" if self.ahead_days == 1 else f"{self.ahead_days} days ahead"
        return f"{self.first:%Y-%m-%d} to {ahead}"

    def outside(self, submitted: pd.Series) -> pd.Series:
        # Submitted moments are UTC (collectors/batch.py); the window's ends are local times.
        low = pd.Timestamp(to_utc(datetime.combine(self.first, datetime.min.time())))
        high = pd.Timestamp(to_utc(now()) + timedelta(days=self.ahead_days))
        return submitted.notna() & ((submitted < low) | (submitted > high))

    @classmethod
    def of(cls, source: Any | None) -> DateWindow:
        """The window a source (samenwerkingsmonitor.sources.Source) configures, else the default."""
        if source is None:
            return cls()
        return cls(source.submitted_from, source.submitted_ahead_days)

    def problem(self, moment: pd.Timestamp) -> str | None:
        """Why one submitted moment (UTC) is implausible, or None."""
        if bool(self.outside(pd.Series([moment])).iloc[0]):
            return f"is outside {self.describe()}"
        return None

    def flag_outside(self, text: pd.Series, submitted: pd.Series, flag: Flag) -> None:
        """Flag (validate_rows' `flag`) the submitted dates outside the window."""
        flag(
            self.outside(submitted),
            "submitted_at",
            lambda rows: "submitted_at '" + text[rows] + f"' is outside {self.describe()}",
        )


def printable(value: Any) -> Any:
    """A value (string, or dict / list of them) with NUL characters written as `\\x00`."""
    if isinstance(value, str):
        return value.replace(NUL, "\\x00")
    if isinstance(value, dict):
        return {printable(k): printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable(v) for v in value]
    return value
