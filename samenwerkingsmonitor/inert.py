"""User text is inert (docs/security.md): what someone types reaches a file or a figure as text.

Every CSV and XLSX the monitor writes — dashboard downloads, exports, the report's annex, the
rejects — goes through :func:`write_csv` or :func:`write_xlsx`, so a name such as
``=HYPERLINK("http://…")`` never becomes a formula in the spreadsheet that opens it. Every text
put into a plotly figure goes through :func:`plain`, so a note holding ``<a href=…>`` is drawn as
those characters, not as a link.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import IO

import pandas as pd

from samenwerkingsmonitor.clock import frame_local

# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def quoted(value):
    """A text starting like a formula, with a single quote in front; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unquoted(value: object) -> object:
    """The inverse of :func:`quoted`, for reading the monitor's own CSV exports back: a text
    that starts with a single quote followed by a formula start loses that quote."""
    if isinstance(value, str) and value[:1] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def neutralise_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names cannot start a formula.

    Every str cell is checked, our own display strings too ("-0,5 %-punt"): the rule then needs
    no knowledge of where a column came from. Numbers stay numbers, negative ones included.
    """
    out = frame.rename(columns=quoted)
    for position, dtype in enumerate(out.dtypes):
        if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype):
            out.isetitem(position, out.iloc[:, position].map(quoted))
    return out


def write_csv(
    frame: pd.DataFrame,
    target: Path | IO[str],
    *,
    encoding: str = "utf-8",
    sep: str = ",",
    bom: bool = False,
) -> None:
    """`frame` as CSV (no index) with its text cells neutralised. Default: comma, dot decimals.
    `sep` ";" and `bom`: what Dutch Excel opens as columns (it reads a comma as the decimal mark
    and needs the byte-order mark to read UTF-8). A BOM written to a text stream is "\ufeff"."""
    if bom and not hasattr(target, "write"):
        encoding = "utf-8-sig"
    elif bom:
        target.write("\ufeff")
    neutralise_cells(frame_local(frame)).to_csv(target, index=False, encoding=encoding, sep=sep)


def write_xlsx(frame: pd.DataFrame, target: Path | IO[bytes], *, sheet: str = "Sheet1") -> None:
    """`frame` as one XLSX sheet in which every text is a text cell (see write_xlsx_sheets)."""
    write_xlsx_sheets({sheet: frame}, target)


def write_xlsx_sheets(frames: dict[str, pd.DataFrame], target: Path | IO[bytes]) -> None:
    """Each frame as a sheet of one XLSX workbook (sheet name → frame, in order), in which every
    text is a text cell.

    openpyxl stores any str starting with "=" as a formula. The monitor writes no formulas of
    its own, so every formula cell here came from a text: it is turned back into a text cell,
    with Excel's quote prefix so that editing the cell keeps it text. The text itself is kept
    exactly (no quote added), as the reader of the sheet should see it.
    """
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            frame_local(frame).to_excel(writer, index=False, sheet_name=sheet)
            for row in writer.sheets[sheet].iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        cell.data_type = "s"
                        cell.quotePrefix = True


def plain(text) -> str:
    """`text` for a plotly figure: plotly draws <a>, <b>, <span style>, <br> … as markup, so
    & < > are written as entities, which plotly draws as the characters again."""
    return html.escape(str(text), quote=False)
