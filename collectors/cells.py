"""A table's cells as codes into its distinct values, for validating a file of many cells.

A template file holds few distinct values (codes, 1–5, nvt) in many cells: each distinct value is
stripped, classified and checked once, and a column is made text only when it is read (the five
required columns always; an item column only for the message of a rejected row).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

# What pandas.api.types.infer_dtype calls an array of only str (or of nothing).
TEXT = ("string", "empty")


class Cells:
    """The rows' cells as stripped text: `codes` (a row per row, a column per header column)
    index `values`, the distinct texts, each once (equal codes: equal texts)."""

    def __init__(self, header: list[str], rows: list[list]):
        self.header = header
        self.position = {c: i for i, c in enumerate(header)}
        self.codes, self.values = _coded(rows, len(header))

    def __len__(self) -> int:
        return len(self.codes)

    def column(self, name: str) -> np.ndarray:
        """The column's codes (positions in `values`)."""
        return self.codes[:, self.position[name]]

    def frame(self, columns: list[str], index: pd.Index | None = None) -> pd.DataFrame:
        """The columns as text, as `pd.DataFrame(cells, columns=header).astype(str)` gives them."""
        data = {c: self.values[self.column(c)] for c in columns}
        return pd.DataFrame(data, columns=columns, index=index).astype(str)

    def series(self, name: str, index: pd.Index) -> pd.Series:
        return self.frame([name], index)[name]

    def value(self, row: int, name: str) -> str:
        return self.values[self.codes[row, self.position[name]]]

    def row(self, row: int) -> dict:
        """The row as read (stripped), by header column. A header that names a column twice
        (only an empty name can pass validation twice) gives what a frame with those columns
        gives, as before this module."""
        if len(self.position) < len(self.header):
            frame = pd.DataFrame(self.values[self.codes[row : row + 1]], columns=self.header)
            frame = frame.astype(str).set_axis([row])
            return {c: frame.at[row, c] for c in self.header}
        return dict(zip(self.header, self.values[self.codes[row]].tolist()))


def _coded(rows: list[list], width: int) -> tuple[np.ndarray, np.ndarray]:
    """The cells' codes (rows × width) and distinct stripped texts. A cell that is no text (a
    mapped export may hold None, NaN or numbers) is made text first, as `str` writes it: 1, 1.0
    and True are one key to a hash table but three texts."""
    cells = np.fromiter(itertools.chain.from_iterable(rows), dtype=object, count=len(rows) * width)
    codes, distinct = pd.factorize(cells)  # None and NaN: code -1
    if (codes < 0).any() or pd.api.types.infer_dtype(distinct, skipna=False) not in TEXT:
        codes, distinct = pd.factorize(np.array([str(v) for v in cells], dtype=object))
    # Stripping can make two distinct values one (" 3" and "3"): they get one code.
    stripped = np.array([v.strip() for v in distinct.tolist()] or [""], dtype=object)
    canonical, values = pd.factorize(stripped)
    return canonical[codes].reshape(len(rows), width), np.asarray(values, dtype=object)
