"""XLSX cells that cannot be read as they look: formulas never computed, merged cells.

A formula cell holds the value Excel computed when it last saved the file, and that value is
read. A workbook written by a script (openpyxl, pandas) was never computed: its formula cells
have no value, and read as empty they would quietly turn answers into missing ones. Merged cells
keep their value in the first cell only; the other rows would read as empty. Both are found in
the sheet's XML, and the rows they touch (in a column the source uses) become rejects that say
what to do, instead of data that is quietly wrong.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from defusedxml.ElementTree import iterparse  # an uploaded file: no entity expansion
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from collectors.batch import Reject, ResponseBatch
from collectors.files import choose_sheet

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CELL = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass(frozen=True)
class CellProblem:
    column: int  # 0-based, as in read_table's rows
    value: str | None
    reason: str


def cell_problems(path: Path, sheet: str | None = None) -> dict[int, list[CellProblem]]:
    """Problems by row number (as read_table numbers rows; the header row is left out)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        # openpyxl does not expose merged ranges or uncomputed formulas in read-only mode.
        part = choose_sheet(workbook, sheet, path.name)._worksheet_path
    finally:
        workbook.close()
    found: dict[int, list[CellProblem]] = defaultdict(list)
    with zipfile.ZipFile(path) as archive, archive.open(part) as xml:
        for _, element in iterparse(xml):
            if element.tag == f"{MAIN}c":
                _formula_without_value(element, found)
                element.clear()
            elif element.tag == f"{MAIN}mergeCell":
                _merged(element.get("ref", ""), found)
    return dict(found)


def _formula_without_value(cell, found: dict[int, list[CellProblem]]) -> None:
    formula, value = cell.find(f"{MAIN}f"), cell.find(f"{MAIN}v")
    if formula is None or (value is not None and value.text):
        return
    match = CELL.match(cell.get("r", ""))
    if not match or int(match[2]) < 2:
        return
    text = f"={formula.text}" if formula.text else "a shared formula"
    found[int(match[2])].append(
        CellProblem(
            column_index_from_string(match[1]) - 1,
            text if formula.text else None,
            f"cell {match[0]} holds a formula ({text}) without a computed value: "
            "open and save the file in Excel, or paste the values",
        )
    )


def _merged(ref: str, found: dict[int, list[CellProblem]]) -> None:
    try:
        first_col, first_row, last_col, last_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return
    top_left = f"{get_column_letter(first_col)}{first_row}"
    for row in range(max(first_row, 2), last_row + 1):
        for col in range(first_col, last_col + 1):
            if (row, col) == (first_row, first_col):
                continue
            cell = f"{get_column_letter(col)}{row}"
            found[row].append(
                CellProblem(
                    col - 1,
                    None,
                    f"cell {cell} is part of the merged cells {ref} (only {top_left} holds a "
                    "value): unmerge them and fill in every row",
                )
            )


def reject_cells(
    batch: ResponseBatch,
    problems: dict[int, list[CellProblem]],
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    used: set[str],
    hidden: set[str] = frozenset(),
) -> ResponseBatch:
    """Turn the rows with problems in a `used` column into rejects (replacing the reject that
    validation made of the symptom, such as an empty network); `hidden` columns (personal data)
    stay out of the kept raw row."""
    relevant = {
        number: [p for p in found if p.column < len(header) and header[p.column] in used]
        for number, found in problems.items()
    }
    relevant = {number: found for number, found in relevant.items() if found}
    stored = batch.responses["row_number"].isin(relevant) if len(batch.responses) else None
    rejected = {r.row_number for r in batch.rejects}
    touched = {n for n in relevant if n in rejected} | (
        set(batch.responses.loc[stored, "row_number"]) if stored is not None else set()
    )
    if not touched:
        return batch
    if stored is not None:
        gone = set(batch.responses.loc[stored, "external_id"])
        batch.responses = batch.responses[~stored].reset_index(drop=True)
        batch.answers = batch.answers[~batch.answers["external_id"].isin(gone)]
    raw = {n: row for n, row in rows if n in touched}
    batch.rejects = [r for r in batch.rejects if r.row_number not in touched]
    for number in sorted(touched):
        first = relevant[number][0]
        batch.rejects.append(
            Reject(
                number,
                header[first.column],
                first.value,
                f"{batch.file_name} row {number}: " + "; ".join(p.reason for p in relevant[number]),
                {h: v for h, v in zip(header, raw[number]) if h.lower() not in hidden},
            )
        )
    return batch
