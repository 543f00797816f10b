"""Reading survey-tool files as they really arrive: encodings, delimiters, BOMs, spreadsheets."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
from pathlib import Path
from typing import Any

ENCODINGS = (
    "utf-8-sig",
    "cp1252",
)  # UTF-8 (with or without BOM) first; Excel on Windows writes cp1252
DELIMITERS = ",;\t"
# The first line as `text.splitlines()[0]` cuts it (these are its line ends), without splitting
# a whole file into lines for it.
FIRST_LINE = re.compile("[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*")


class FileFormatError(ValueError):
    """The file cannot be read at all; the message names the file and the problem."""


class TooManyRows(FileFormatError):
    """The file has more rows than the caller accepts (read_table's max_rows)."""

    def __init__(self, name: str, max_rows: int) -> None:
        super().__init__(f"{name}: more than {max_rows} rows")
        self.max_rows = max_rows


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def decode(data: bytes, name: str) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileFormatError(f"{name}: not UTF-8 or Windows-1252 text")


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the candidate that splits it into the most fields."""
    header = next(csv.reader([FIRST_LINE.match(text)[0]], delimiter="\x00"), [""])[0]
    counts = {d: len(next(csv.reader([header], delimiter=d))) for d in DELIMITERS}
    return max(counts, key=lambda d: counts[d])


def read_table(
    path: Path, sheet: str | None = None, max_rows: int | None = None
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and rows of a CSV or XLSX file; each row with its 1-based line number in the file.

    Header names are stripped; fully empty rows are skipped (spreadsheets trail them). `sheet`
    names the XLSX sheet to read (default: the first). With `max_rows`, a file with more rows
    under its header raises TooManyRows as soon as one row too many is read (a small workbook
    can unpack to millions of rows).
    """
    name = path.name
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path, sheet, max_rows)
    else:
        text = decode(path.read_bytes(), name)
        if not text.strip():
            raise FileFormatError(f"{name}: the file is empty")
        try:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
            rows = _at_most(reader, max_rows)
        except csv.Error as error:
            raise FileFormatError(f"{name}: not a readable CSV file ({error})") from error
    if not rows:
        raise FileFormatError(f"{name}: the file is empty")
    if max_rows is not None and len(rows) > max_rows + 1:
        raise TooManyRows(name, max_rows)
    header = [h.strip() for h in rows[0]]
    # A row's first cell mostly tells it is not empty, without a generator per row.
    body = [
        (number, row)
        for number, row in enumerate(rows[1:], start=2)
        if (row and row[0].strip()) or any(c.strip() for c in row)
    ]
    return header, body


def _at_most(rows, max_rows: int | None) -> list:
    """The rows, or (with max_rows) the header, max_rows rows and one more to show there are more."""
    return list(rows if max_rows is None else itertools.islice(rows, max_rows + 2))


def _xlsx_rows(
    path: Path, sheet_name: str | None = None, max_rows: int | None = None
) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several types for a broken zip or XML
        raise FileFormatError(f"{path.name}: not a readable XLSX workbook ({error})") from error
    try:
        sheet = choose_sheet(workbook, sheet_name, path.name)
        return [
            ["" if v is None else _cell_text(v) for v in row]
            for row in _at_most(sheet.iter_rows(values_only=True), max_rows)
        ]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def choose_sheet(workbook: Any, sheet_name: str | None, name: str) -> Any:
    """The sheet to read: the first, or the one named (compared after cutting to 31 characters:
    LimeSurvey names the sheet after the survey title cut to Excel's limit)."""
    if sheet_name is None:
        return workbook.worksheets[0]
    wanted = {sheet_name, sheet_name[:31]}
    found = [ws for ws in workbook.worksheets if ws.title in wanted]
    if not found:
        names = ", ".join(repr(ws.title) for ws in workbook.worksheets)
        raise FileFormatError(
            f"{name}: no sheet named {sheet_name[:31]!r} (the workbook has {names})"
        )
    return found[0]
