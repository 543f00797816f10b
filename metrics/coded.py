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
    """Each key column as int64 codes (in order of first appearance) with its labels. An empty
    key (None / NaN) gets code -1, which `complete` finds, unless `empty_is_key` (a group-by with
    dropna=False): then it is a label of its own."""
    codes, labels = [], []
    for key in keys:
        values = frame[key].to_numpy(dtype=object)
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
