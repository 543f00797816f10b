"""Group-bys on integer codes: string keys factorized once, cells numbered, sums by np.bincount.

A wave's respondent scores are some 300,000 rows with five string keys; a pandas group-by on them
hashes every key of every row for each aggregation and builds a MultiIndex (issue 18: the string
group-bys were most of a wave's recompute time). Here each key is factorized once and the cells
are plain integers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def key_codes(
    frame: pd.DataFrame, keys: list[str], *, empty_is_key: bool = False
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each key column as int64 codes (in order of first appearance, or a categorical column's
    own codes) with its labels. An empty key (None / NaN) gets code -1, which `complete` finds,
    unless `empty_is_key` (a group-by with dropna=False): then it is a label of its own."""
    codes, labels = [], []
    for key in keys:
        column = frame[key]
        if isinstance(column.dtype, pd.CategoricalDtype):
            code = column.cat.codes.to_numpy().astype(np.int64)
            if not (empty_is_key and (code < 0).any()):
                # Its codes already: no hashing (cells_of numbers the cells by appearance).
                codes.append(code)
                labels.append(np.asarray(column.cat.categories, dtype=object))
                continue
        values = column.to_numpy(dtype=object)
        code, label = pd.factorize(values, use_na_sentinel=not empty_is_key)
        codes.append(code.astype(np.int64))
        labels.append(np.asarray(label, dtype=object))
    return codes, labels


def complete(codes: list[np.ndarray]) -> np.ndarray:
    """Rows whose every key has a value (a pandas group-by drops the others)."""
    kept = np.ones(len(codes[0]) if codes else 0, dtype=bool)
    for code in codes:
        kept &= code >= 0
    return kept


def cells_of(codes: list[np.ndarray], sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """One integer per combination of the key codes, numbered 0.. in order of first appearance
    (as a group-by with sort=False). Returns each row's cell and each cell's first row."""
    if not len(codes[0]):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    combined = np.ravel_multi_index(tuple(codes), tuple(sizes))
    cell, uniques = pd.factorize(combined)
    first = np.empty(len(uniques), dtype=np.int64)
    # Assigned from the last row to the first, so each cell keeps its lowest row.
    first[cell[::-1]] = np.arange(len(cell) - 1, -1, -1)
    return cell.astype(np.int64), first


def labelled(
    keys: list[str], codes: list[np.ndarray], labels: list[np.ndarray], figures: dict
) -> pd.DataFrame:
    """A frame of cells: each key's label by its code, then the figures (arrays per cell)."""
    columns = {key: labels[i][codes[i]] for i, key in enumerate(keys)}
    return pd.DataFrame({**columns, **figures})


def means_when_half_answered(
    respondent: np.ndarray, subject: np.ndarray, score: np.ndarray, k: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per respondent × subject (both integer codes; k: each subject's number of items), the
    mean of the scores when at least ceil(k / 2) of them are there (measures.md rules 2, 4, 5).
    Returns the kept cells' respondent codes, subject codes and means."""
    subjects = len(k)
    if not len(respondent) or not subjects:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    size = (int(respondent.max()) + 1) * subjects
    cell = respondent * subjects + subject
    count = np.bincount(cell, minlength=size)
    total = np.bincount(cell, score, minlength=size)
    needed = np.tile((np.asarray(k, dtype=np.int64) + 1) // 2, size // subjects)
    kept = np.flatnonzero((count > 0) & (count >= needed))
    return kept // subjects, kept % subjects, total[kept] / count[kept]


def expand_links(position: np.ndarray, links: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Each row (an item by its position) once per code its item links to: the rows' indices
    and the codes (rule 4: an item linked to several codes counts towards each)."""
    counts = np.asarray([len(codes) for codes in links], dtype=np.int64)
    start = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    flat = np.asarray([code for codes in links for code in codes], dtype=np.int64)
    per_row = counts[position]
    row = np.repeat(np.arange(len(position)), per_row)
    within = np.arange(len(row)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return row, flat[start[position][row] + within] if len(row) else np.zeros(0, np.int64)


def _as_codes(value: object) -> list:
    """An item's linked codes as a list: one code, a list of codes, or none (None / NaN)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple | set | np.ndarray | pd.Series):
        return list(value)
    return []


def link_codes(items: pd.DataFrame, column: str) -> tuple[list[list[int]], np.ndarray]:
    """Per item (by position in `items`) the codes it links to in `column` (measures.md rule 4),
    as integer codes without repeats, and the codes' labels. No column: no links."""
    if column not in items.columns:
        return [[] for _ in range(len(items))], np.zeros(0, dtype=object)
    labels: dict[object, int] = {}
    links = []
    for value in items[column]:
        codes = [c for c in _as_codes(value) if isinstance(c, str) or pd.notna(c)]
        links.append(list(dict.fromkeys(labels.setdefault(c, len(labels)) for c in codes)))
    return links, np.asarray(list(labels), dtype=object)
