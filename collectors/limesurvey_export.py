"""LimeSurvey response exports dropped in an inbox: CSV (`;` or `,`, UTF-8 with BOM) and XLSX.

The shapes are those of docs/sources-collectors.md ("How LimeSurvey answers"): code or full
headings (array items as `THEMA01[SQ001]`), answer codes (AO01…AO05, NVT) or the answer texts,
incomplete responses with an empty submit date (skipped and counted). The mapping of the source
does the rest (collectors/mapping.py).
"""

from __future__ import annotations

from pathlib import Path

from collectors.batch import ResponseBatch
from collectors.files import read_table
from collectors.mapping import map_export, mapped_columns
from collectors.spreadsheet import cell_problems, reject_cells
from collectors.template import Codes
from samenwerkingsmonitor.sources import Source


def read_limesurvey_export(path: Path, source: Source, codes: Codes) -> ResponseBatch:
    """Parse a LimeSurvey response export (CSV or XLSX) through the source's mapping."""
    header, rows = read_table(path, sheet=source.sheet)
    batch = map_export(path.name, header, rows, source, codes)
    problems = cell_problems(path, source.sheet)
    used = mapped_columns(source)
    return reject_cells(batch, problems, header, rows, used, source.personal_columns())
