"""The generic template: one row per response (README, "The generic template").

Columns: response_id, network, group, wave, submitted_at, then one column per item code with the
values 1–5; empty, 'nvt' or 'weet niet' are missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from collectors.batch import MISSING_WORDS, Reject, ResponseBatch, parse_timestamps
from collectors.cells import Cells
from collectors.files import read_table
from collectors.fits import DateWindow, flag_misfits
from samenwerkingsmonitor.clock import series_local

REQUIRED = ("response_id", "network", "group", "wave", "submitted_at")


@dataclass(frozen=True)
class Codes:
    """The codes a file may use: those of `samenwerkingsmonitor framework export`."""

    networks: frozenset[str]
    groups: frozenset[str]
    items: frozenset[str]
    # The waves of the instrument; None: any wave, a new one is created (a source's create_waves).
    waves: frozenset[str] | None = None


def read_template(path: Path, codes: Codes) -> ResponseBatch:
    """Parse and validate a template file; invalid rows become rejects, valid ones a batch."""
    from collectors.spreadsheet import cell_problems, reject_cells

    header, rows = read_table(path)
    batch = validate_rows(path.name, header, rows, codes)
    used = set(REQUIRED) | set(codes.items)
    return reject_cells(batch, cell_problems(path), header, rows, used)


def validate_rows(
    name: str,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    codes: Codes,
    *,
    raw_rows: dict[int, dict] | None = None,
    headings: dict[str, str] | None = None,
    row_label: Callable[[int], str] | None = None,
    window: DateWindow | None = None,
) -> ResponseBatch:
    """Validate rows in the template's shape (a tool's export is first mapped into it).

    raw_rows: the tool's own row by row number, kept with a reject instead of the mapped row;
    headings: the tool's column heading per template column, named in reasons and rejects;
    row_label: how a reason names a row (default `row <number>`; an API: `response <id>`);
    window: the plausible submitted dates (default 2000-01-01 to tomorrow).
    """
    headings = headings or {}
    label = row_label or "row {}".format
    refused = _header_problem(name, header, rows)
    if refused is not None:
        return refused
    item_columns = [c for c in header if c in codes.items]
    unknown = [c for c in header if c not in codes.items and c not in REQUIRED and c]
    warnings = []
    if unknown:
        warnings.append(
            f"{name}: ignored column(s) that are no item code of the framework: {', '.join(unknown)}"
        )
    rejects, cells, frame = _rows_of_width(name, header, rows, label)
    found = _Problems(frame, cells)
    flag_misfits(cells, [c for c in header if c], found.flag, headings)  # first: the clearest
    submitted = _flag_fields(frame, codes, found.flag, window or DateWindow())
    numbers, empty, lowered = _flag_items(cells, frame.index, item_columns, found.flag, headings)
    exact_repeat = _flag_conflicting_ids(cells, frame, item_columns, found.flag)
    rejects += found.rejects(name, header, label, headings, raw_rows)
    keep = ~found.bad() & ~exact_repeat
    valid = frame[keep]

    responses = pd.DataFrame(
        {
            "external_id": valid["response_id"],
            "network": valid["network"],
            "group": valid["group"],
            "wave": valid["wave"],
            "submitted_at": submitted[keep],
            "row_number": valid["row_number"],
        }
    )
    take = keep.to_numpy()[:, None] & ~empty
    rows_at, columns_at = np.nonzero(take)
    answers = pd.DataFrame(
        {
            "external_id": _taken(frame["response_id"].array, rows_at),
            "item": _taken(pd.array(np.asarray(item_columns, dtype=object), dtype=str), columns_at),
            "value": numbers[rows_at, columns_at],
        }
    )
    responses["content_hash"] = _coded_content_hashes(responses, *lowered, keep.to_numpy())
    return ResponseBatch(name, responses.reset_index(drop=True), answers, rejects, warnings)


def _taken(texts: pd.api.extensions.ExtensionArray, at: np.ndarray) -> Any:
    """The texts at `at`, taken as a text array: pandas need not check 200,000 cells for text.
    None taken: an object array, the column pandas makes of it (as before)."""
    return texts.take(at) if len(at) else np.asarray(texts, dtype=object)[at]


def _header_problem(
    name: str, header: list[str], rows: list[tuple[int, list[str]]]
) -> ResponseBatch | None:
    """A header without a required column, or with a column twice: every row rejected."""
    missing = [c for c in REQUIRED if c not in header]
    duplicated = sorted({c for c in header if header.count(c) > 1 and c})
    if not missing and not duplicated:
        return None
    if missing:
        reason, column = f"{name}: missing column(s) {', '.join(missing)}", ", ".join(missing)
    else:
        reason, column = f"{name}: column(s) appear twice: {', '.join(duplicated)}", duplicated[0]
    rejects = [Reject(n, column, None, reason, dict(zip(header, r))) for n, r in rows]
    return ResponseBatch(name, empty_responses(), empty_answers(), rejects, [reason])


def _rows_of_width(
    name: str, header: list[str], rows: list[tuple[int, list[str]]], label
) -> tuple[list[Reject], Cells, pd.DataFrame]:
    """Rows with as many fields as the header, as stripped text (None as 'None', as
    `astype(str)` writes it): all cells coded, the required columns and row_number as a frame;
    the other rows are rejects."""
    width = len(header)
    rejects, good, numbers = [], [], []
    for number, row in rows:
        if len(row) != width:
            reason = f"{name} {label(number)}: {len(row)} fields, the header has {width}"
            rejects.append(Reject(number, None, None, reason, {"fields": row}))
        else:
            good.append(row)
            numbers.append(number)
    cells = Cells(header, good)
    frame = cells.frame(list(REQUIRED))
    frame.insert(0, "row_number", numbers)
    return rejects, cells, frame


class _Problems:
    """The problems found so far, per row: their texts and the first column at fault."""

    def __init__(self, frame: pd.DataFrame, cells: Cells):
        self.frame = frame
        self.cells = cells
        self.texts = pd.Series("", index=frame.index)
        self.column = pd.Series("", index=frame.index)

    def flag(self, mask: pd.Series, column: str, message) -> None:
        """Record a problem on the masked rows; `message(rows)` builds the texts for those rows
        only, since building them for every row of a clean file is most of the work."""
        if not mask.any():
            return
        texts = self.texts
        first = mask & (texts == "")
        self.column[first] = column
        text = message(mask) if callable(message) else message
        texts[mask] = texts[mask] + np.where(texts[mask] == "", "", "; ") + text

    def bad(self) -> pd.Series:
        return self.texts != ""

    def rejects(self, name, header, label, headings, raw_rows) -> list[Reject]:
        """A reject per row with a problem: the first column at fault, its value (the tool's
        own where there is one) and the row as read."""
        raw = self.cells  # kept for rejects, before any conversion
        rejects = []
        for idx in self.frame.index[self.bad()]:
            number = int(self.frame.at[idx, "row_number"])
            column = self.column[idx]
            value = raw.value(idx, column) if column in raw.position else None
            if raw_rows is not None and column in headings:
                value = raw_rows[number].get(headings[column], value)
            rejects.append(
                Reject(
                    number,
                    headings.get(column, column),
                    value,
                    f"{name} {label(number)}: {self.texts[idx]}",
                    raw_rows[number] if raw_rows is not None else raw.row(idx),
                )
            )
        return rejects


def _flag_fields(frame: pd.DataFrame, codes: Codes, flag, window: DateWindow) -> pd.Series:
    """Response id, network, group, wave and submitted date; the submitted moments (UTC)."""
    flag(frame["response_id"] == "", "response_id", "response_id is empty")
    flag(
        ~frame["network"].isin(codes.networks),
        "network",
        lambda rows: "unknown network '" + frame.loc[rows, "network"] + "'",
    )
    flag(
        ~frame["group"].isin(codes.groups),
        "group",
        lambda rows: "unknown group '" + frame.loc[rows, "group"] + "'",
    )
    flag(frame["wave"] == "", "wave", "wave is empty")
    flag_unknown_waves(frame["wave"], codes.waves, flag)
    submitted = parse_timestamps(frame["submitted_at"])
    flag(
        submitted.isna(),
        "submitted_at",
        lambda rows: "submitted_at '" + frame.loc[rows, "submitted_at"] + "' is not a date",
    )
    window.flag_outside(frame["submitted_at"], submitted, flag)
    return submitted


def _flag_items(
    cells: Cells, index: pd.Index, item_columns: list[str], flag, headings: dict[str, str]
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """The answers 1–5 (NaN: missing), which cells are empty and the cells lower-cased (what
    the fingerprint hashes: the distinct values and each cell's position among them); other
    values flagged. The item block is classified through its distinct values (a handful: 1–5,
    nvt, empty …), not the file's (which hold every response id and moment)."""
    block = cells.codes[:, [cells.position[c] for c in item_columns]]
    present = np.zeros(len(cells.values), dtype=bool)
    present[block.ravel()] = True
    used = np.flatnonzero(present)
    renumbered = np.zeros(len(cells.values), dtype=np.intp)
    renumbered[used] = np.arange(len(used))
    codes_, distinct = renumbered[block].ravel(), cells.values[used]
    lowered = pd.Series(distinct, dtype=object).str.lower()
    as_number = pd.to_numeric(lowered, errors="coerce")
    is_missing = lowered.isin(MISSING_WORDS).to_numpy()
    is_empty = (lowered == "").to_numpy()
    is_valid = is_empty | is_missing | as_number.isin([1, 2, 3, 4, 5]).to_numpy()
    shape = block.shape
    numbers = np.where(is_missing, np.nan, as_number.to_numpy(dtype=float))[codes_].reshape(shape)
    empty = is_empty[codes_].reshape(shape)
    invalid = ~is_valid[codes_].reshape(shape)
    for position in np.flatnonzero(invalid.any(axis=0)):
        column = item_columns[position]
        flag(
            pd.Series(invalid[:, position], index=index),
            column,
            lambda rows, column=column: (
                (f"{headings[column]} ({column})" if column in headings else column)
                + " value '"
                + cells.series(column, index)[rows]
                + "' is not 1–5, empty, nvt or weet niet"
                + (" nor an answer of the source's value map" if column in headings else "")
            ),
        )
    return numbers, empty, (lowered.to_numpy(dtype=object), codes_.reshape(shape))


def _flag_conflicting_ids(
    cells: Cells, frame: pd.DataFrame, item_columns: list[str], flag
) -> pd.Series:
    """Duplicate response ids: identical rows count once (the repeats are returned); conflicting
    ones are all rejected, since nothing tells which of them is right."""
    repeated = frame.duplicated("response_id", keep=False)
    if not repeated.any():  # every id once, as in most files: nothing repeats or conflicts
        return repeated
    signature_columns = ["response_id", "network", "group", "wave", "submitted_at", *item_columns]
    frame = cells.frame(signature_columns, frame.index)
    dup = repeated & (frame["response_id"] != "")
    exact_repeat = frame.duplicated(signature_columns, keep="first")
    conflicting = dup & frame.groupby("response_id")[signature_columns].transform("nunique").gt(
        1
    ).any(axis=1)
    flag(
        conflicting,
        "response_id",
        lambda rows: (
            "response_id '"
            + frame.loc[rows, "response_id"]
            + "' appears more than once with different content"
        ),
    )
    return exact_repeat


def flag_unknown_waves(waves: pd.Series, known: frozenset[str] | None, flag) -> None:
    """Flag (validate_rows' `flag`) a wave nobody configured: a typo would otherwise become a new
    wave of its own, shown beside the real one."""
    if known is None:
        return
    shown = ", ".join(sorted(known)) or "none"
    flag(
        (waves != "") & ~waves.isin(known),
        "wave",
        lambda rows: (
            "unknown wave '"
            + waves[rows]
            + f"' (the instrument's waves: {shown}; a source with create_waves: true may add one)"
        ),
    )


def content_hashes(responses: pd.DataFrame, answers_wide: pd.DataFrame) -> pd.Series:
    """A stable fingerprint of each response's content: an unchanged re-ingest updates nothing."""
    parts = pd.concat(
        [
            responses[["network", "group", "wave"]],
            # Local wall time, as fingerprinted before times were stored in UTC: stored
            # fingerprints stay valid.
            series_local(responses["submitted_at"]).dt.tz_localize(None).astype(str),
            answers_wide,
        ],
        axis=1,
    )
    hashed = pd.util.hash_pandas_object(parts, index=False)
    return hashed.map(lambda h: f"{h:016x}").astype(str)


def _coded_content_hashes(
    responses: pd.DataFrame, lowered: np.ndarray, cells: np.ndarray, keep: np.ndarray
) -> pd.Series:
    """content_hashes' fingerprints, the item block's hashes taken from its distinct values
    (`lowered`, `cells` their positions) instead of factorising every column again. The same
    numbers: hash_pandas_object hashes each column and combines the columns' hashes per row as
    CPython combines a tuple's (pandas.core.util.hashing.combine_hash_arrays)."""
    moments = series_local(responses["submitted_at"]).dt.tz_localize(None).astype(str)
    columns = [responses[c] for c in ("network", "group", "wave")] + [moments]
    hashes = [pd.util.hash_array(c.to_numpy(dtype=object)) for c in columns]
    per_value = pd.util.hash_array(lowered) if len(lowered) else np.zeros(0, np.uint64)
    hashes += [per_value[column] for column in cells[keep].T]
    combined = np.full(len(responses), 0x345678, dtype=np.uint64)
    factor = np.uint64(1000003)
    for i, column in enumerate(hashes):
        combined ^= column
        combined *= factor
        factor += np.uint64(82520 + 2 * (len(hashes) - i))
    combined += np.uint64(97531)
    return pd.Series([f"{h:016x}" for h in combined.tolist()], index=responses.index, dtype=str)


def empty_responses() -> pd.DataFrame:
    return pd.DataFrame(
        columns=[
            "external_id",
            "network",
            "group",
            "wave",
            "submitted_at",
            "row_number",
            "content_hash",
        ]
    )


def empty_answers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "external_id": pd.Series(dtype=str),
            "item": pd.Series(dtype=str),
            "value": pd.Series(dtype=float),
        }
    )
