"""The generic template: one row per response (README, "The generic template").

Columns: response_id, network, group, wave, submitted_at, then one column per item code with the
values 1–5; empty, 'nvt' or 'weet niet' are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from collectors.batch import MISSING_WORDS, Reject, ResponseBatch, parse_timestamps
from collectors.files import read_table

REQUIRED = ("response_id", "network", "group", "wave", "submitted_at")


@dataclass(frozen=True)
class Codes:
    """The codes a file may use: those of `samenwerkingsmonitor framework export`."""

    networks: frozenset[str]
    groups: frozenset[str]
    items: frozenset[str]


def read_template(path: Path, codes: Codes) -> ResponseBatch:
    """Parse and validate a template file; invalid rows become rejects, valid ones a batch."""
    header, rows = read_table(path)
    return validate_rows(path.name, header, rows, codes)


def validate_rows(
    name: str,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    codes: Codes,
    *,
    raw_rows: dict[int, dict] | None = None,
    headings: dict[str, str] | None = None,
) -> ResponseBatch:
    """Validate rows in the template's shape (a tool's export is first mapped into it).

    raw_rows: the tool's own row by row number, kept with a reject instead of the mapped row;
    headings: the tool's column heading per template column, named in reasons and rejects.
    """
    rejects: list[Reject] = []
    headings = headings or {}
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        reason = f"{name}: missing column(s) {', '.join(missing)}"
        rejects = [
            Reject(n, ", ".join(missing), None, reason, dict(zip(header, r))) for n, r in rows
        ]
        return ResponseBatch(name, _empty_responses(), _empty_answers(), rejects, [reason])

    item_columns = [c for c in header if c in codes.items]
    unknown = [c for c in header if c not in codes.items and c not in REQUIRED and c]
    warnings = []
    if unknown:
        warnings.append(
            f"{name}: ignored column(s) that are no item code of the framework: {', '.join(unknown)}"
        )
    duplicated_headers = sorted({c for c in header if header.count(c) > 1 and c})
    if duplicated_headers:
        reason = f"{name}: column(s) appear twice: {', '.join(duplicated_headers)}"
        rejects = [
            Reject(n, duplicated_headers[0], None, reason, dict(zip(header, r))) for n, r in rows
        ]
        return ResponseBatch(name, _empty_responses(), _empty_answers(), rejects, [reason])

    width = len(header)
    good = []
    for number, row in rows:
        if len(row) != width:
            rejects.append(
                Reject(
                    number,
                    None,
                    None,
                    f"{name} row {number}: {len(row)} fields, the header has {width}",
                    {"fields": row},
                )
            )
        else:
            good.append((number, row))
    frame = pd.DataFrame([r for _, r in good], columns=header, dtype=object).astype(str)
    frame = frame.apply(lambda col: col.str.strip())
    frame.insert(0, "row_number", [n for n, _ in good])
    raw = frame  # kept for rejects, before any conversion

    problems = pd.Series("", index=frame.index)
    bad_column = pd.Series("", index=frame.index)

    def flag(mask: pd.Series, column: str, message: pd.Series | str) -> None:
        first = mask & (problems == "")
        bad_column[first] = column
        problems[mask] = problems[mask] + np.where(problems[mask] == "", "", "; ") + message

    flag(frame["response_id"] == "", "response_id", "response_id is empty")
    flag(
        ~frame["network"].isin(codes.networks),
        "network",
        "unknown network '" + frame["network"] + "'",
    )
    flag(~frame["group"].isin(codes.groups), "group", "unknown group '" + frame["group"] + "'")
    flag(frame["wave"] == "", "wave", "wave is empty")
    submitted = parse_timestamps(frame["submitted_at"])
    flag(
        submitted.isna(),
        "submitted_at",
        "submitted_at '" + frame["submitted_at"] + "' is not a date",
    )

    values = {}
    for column in item_columns:
        text = frame[column].str.lower()
        number = pd.to_numeric(text, errors="coerce")
        is_missing = text.isin(MISSING_WORDS)
        ok = (text == "") | is_missing | (number.isin([1, 2, 3, 4, 5]))
        flag(
            ~ok,
            column,
            (f"{headings[column]} ({column})" if column in headings else column)
            + " value '"
            + frame[column]
            + "' is not 1–5, empty, nvt or weet niet"
            + (" nor an answer of the source's value map" if column in headings else ""),
        )
        values[column] = (number.where(~is_missing), text == "")

    # Duplicate response ids: identical rows count once; conflicting ones are all rejected,
    # since nothing tells which of them is right.
    signature_columns = ["response_id", "network", "group", "wave", "submitted_at", *item_columns]
    dup = frame.duplicated("response_id", keep=False) & (frame["response_id"] != "")
    exact_repeat = frame.duplicated(signature_columns, keep="first")
    conflicting = dup & frame.groupby("response_id")[signature_columns].transform("nunique").gt(
        1
    ).any(axis=1)
    flag(
        conflicting,
        "response_id",
        "response_id '" + frame["response_id"] + "' appears more than once with different content",
    )

    bad = problems != ""
    for idx in frame.index[bad]:
        number = int(frame.at[idx, "row_number"])
        column = bad_column[idx]
        value = raw.at[idx, column] if column in raw else None
        if raw_rows is not None and column in headings:
            value = raw_rows[number].get(headings[column], value)
        rejects.append(
            Reject(
                number,
                headings.get(column, column),
                value,
                f"{name} row {number}: {problems[idx]}",
                raw_rows[number] if raw_rows is not None else {c: raw.at[idx, c] for c in header},
            )
        )
    keep = ~bad & ~exact_repeat
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
    long_parts = []
    for column in item_columns:
        number, empty = values[column]
        take = keep & ~empty
        long_parts.append(
            pd.DataFrame(
                {
                    "external_id": frame.loc[take, "response_id"],
                    "item": column,
                    "value": number[take].astype(float),
                }
            )
        )
    answers = pd.concat(long_parts, ignore_index=True) if long_parts else _empty_answers()
    responses["content_hash"] = content_hashes(
        responses, valid[item_columns].apply(lambda c: c.str.lower())
    )
    return ResponseBatch(name, responses.reset_index(drop=True), answers, rejects, warnings)


def content_hashes(responses: pd.DataFrame, answers_wide: pd.DataFrame) -> pd.Series:
    """A stable fingerprint of each response's content: an unchanged re-ingest updates nothing."""
    parts = pd.concat(
        [
            responses[["network", "group", "wave"]],
            responses["submitted_at"].astype(str),
            answers_wide,
        ],
        axis=1,
    )
    hashed = pd.util.hash_pandas_object(parts, index=False)
    return hashed.map(lambda h: f"{h:016x}").astype(str)


def _empty_responses() -> pd.DataFrame:
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


def _empty_answers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "external_id": pd.Series(dtype=str),
            "item": pd.Series(dtype=str),
            "value": pd.Series(dtype=float),
        }
    )
