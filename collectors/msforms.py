"""Microsoft Forms XLSX exports dropped in an inbox.

Forms writes `ID`, `Start time`, `Completion time`, `Email`, `Name`, then one column per question
text, answers as the option labels ("Helemaal oneens" … "Helemaal eens", "Niet van toepassing").
`Email` and `Name` are personal data and dropped before anything is stored.
"""

from __future__ import annotations

from pathlib import Path

from collectors.batch import ResponseBatch
from collectors.files import read_table
from collectors.mapping import map_export, mapped_columns
from collectors.spreadsheet import cell_problems, reject_cells
from collectors.template import Codes
from samenwerkingsmonitor.sources import Source


def read_msforms_export(path: Path, source: Source, codes: Codes) -> ResponseBatch:
    """Parse a Microsoft Forms export through the source's mapping (question text → item)."""
    header, rows = read_table(path, sheet=source.sheet)
    batch = map_export(path.name, header, rows, source, codes)
    problems = cell_problems(path, source.sheet)
    used = mapped_columns(source)
    return reject_cells(batch, problems, header, rows, used, source.personal_columns())
