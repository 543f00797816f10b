"""The `measures` export (measures.md, "Export contract"): one row per aggregate, CSV or XLSX.

The contract's columns come first with their names and meanings; the other figures follow as
extra columns (agreement, alpha and response rate as further `measure` values whose figure is in
`value`; change and the road to the target as columns of the score rows).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from samenwerkingsmonitor.inert import write_csv, write_xlsx

CONTRACT = [
    "network",
    "wave",
    "group",
    "measure",
    "subject",
    "n",
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "score_100",
    "pct_positive",
    "suppressed",
]
EXTRA = [
    "pct_negative",
    "suppressed_reason",
    "value",
    "verdict",
    "previous_wave",
    "difference",
    "p_value",
    "significant",
    "baseline",
    "target",
    "expected",
    "status",
    "reference_date",
    "framework_version",
]
FIGURES = [
    "n",
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "score_100",
    "pct_positive",
    "pct_negative",
    "value",
    "verdict",
    "difference",
    "p_value",
    "significant",
    "baseline",
    "expected",
    "status",
]


def measures_table(snapshots: pd.DataFrame) -> pd.DataFrame:
    """The export's rows from snapshots; a suppressed row keeps no figure (belt and braces)."""
    frame = hide_suppressed(snapshots.reindex(columns=CONTRACT + EXTRA))
    frame["n"] = pd.array(frame["n"], dtype="Int64")
    return frame


def hide_suppressed(frame: pd.DataFrame) -> pd.DataFrame:
    """Belt and braces: a suppressed row keeps no figure, whatever the database holds."""
    frame = frame.copy()
    frame["suppressed"] = frame["suppressed"].fillna(False).astype(bool)
    for column in FIGURES:
        if column in frame:
            frame[column] = frame[column].astype(object).where(~frame["suppressed"], None)
    return frame


def write_measures(snapshots: pd.DataFrame, out: Path, fmt: str) -> None:
    """Write the export as UTF-8 CSV (comma, dot decimals, true/false) or XLSX."""
    write_table(measures_table(snapshots), out, fmt, sheet="measures")


def write_table(frame: pd.DataFrame, out: Path, fmt: str, *, sheet: str) -> None:
    """One table as CSV (UTF-8, comma, dot decimals, booleans as true/false) or an XLSX sheet."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        booleans = {True: "true", False: "false"}
        text = frame.copy()
        for column in text.columns:
            if text[column].map(lambda v: isinstance(v, bool | np.bool_)).any():
                text[column] = text[column].map(lambda v: booleans.get(v, v))
        # Floats are written in full (shortest round-trip repr): the contract asks for ≥ 6 digits.
        write_csv(text, out)
    elif fmt == "xlsx":
        write_xlsx(frame, out, sheet=sheet)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use csv or xlsx")
