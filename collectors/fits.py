"""Values that must fit the database, checked before anything is written.

SQLite stores a string of any length and a NUL character; PostgreSQL refuses both, with an error
that fails the whole file instead of one row. So both limits are checked on the rows first, and
the same rows are rejected on either database, each with its file, row, column and reason. What
is kept of a rejected row (its value, reason and raw input) is made printable the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from db import models as m

# The template columns that are stored as strings, and their column in the database.
LENGTHS = {
    "response_id": m.Response.__table__.c.external_id.type.length,
    "wave": m.Wave.__table__.c.code.type.length,
}
NUL = "\x00"

Flag = Callable[[pd.Series, str, str], None]


def flag_misfits(
    frame: pd.DataFrame, columns: list[str], flag: Flag, headings: dict[str, str]
) -> None:
    """Flag (validate_rows' `flag`) the rows with a NUL character or a string too long."""
    for column in columns:
        name = headings.get(column, column)
        flag(
            frame[column].str.contains(NUL, regex=False), column, f"{name} contains a NUL character"
        )
        limit = LENGTHS.get(column)
        if limit is not None:
            flag(
                frame[column].str.len() > limit, column, f"{name} is longer than {limit} characters"
            )


def printable(value):
    """A value (string, or dict / list of them) with NUL characters written as `\\x00`."""
    if isinstance(value, str):
        return value.replace(NUL, "\\x00")
    if isinstance(value, dict):
        return {printable(k): printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable(v) for v in value]
    return value
