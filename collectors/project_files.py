"""The project register as a file, both ways: `samenwerkingsmonitor projects import FILE` /
`projects export --out FILE` and the upload and download of the Projectregister page.

Columns (CSV or XLSX, first sheet): code, name, description, owner, start, end, networks, tags,
lifecycle — and, as the export writes them, lifecycle_date and lifecycle_reason. Lists are
separated by `;` (network codes; framework element codes as in `framework export`); dates are
ISO or dd-mm-jjjj. Only code and name are required.

An import is one run and one transaction: each valid row adds or changes the project of its
code (collectors/projects.py: a version and an audit event per change), a row equal to the
register changes nothing, and every bad row is kept in rejected_row with its file, row, column
and reason while the good rows are stored. Projects the file does not name are left as they are.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO

import pandas as pd
from sqlalchemy import Connection, Engine

from accounts.users import Account, audit
from collectors.batch import Reject
from collectors.projects import FIELDS, ProjectLookups, check_project, list_projects, write_project
from collectors.register_rows import (
    Problem,
    RegisterInvalid,
    RowBatch,
    check_rows,
    close_batch,
    read_rows,
    run_import,
)
from collectors.run_record import RunSummary
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.inert import write_csv, write_xlsx

REQUIRED = ("code", "name")
SHEET = "projects"


def import_project_file(
    engine: Engine,
    path: Path,
    *,
    consortium_id: int,
    source: str = "projects",
    sheet: str | None = None,
    actor: Account | None = None,
    today: date | None = None,
) -> RunSummary:
    """Import a project register file; see the module's docstring. `actor`: who uploads it
    (audited as theirs; None: the command line, audited as "system")."""
    header, rows = read_rows(path, sheet)
    today = today or clock.today()

    def write(conn: Connection, run_id: int) -> RunSummary:
        lookups = ProjectLookups.load(conn, consortium_id)
        batch = check_rows(
            path.name, header, rows, FIELDS, REQUIRED, lambda r: check_project(lookups, r, today)
        )
        outcomes = _store(conn, lookups, batch, actor, today)
        summary = close_batch(conn, run_id, source, [batch], outcomes)
        if actor is not None:  # an upload in the dashboard: a person's change
            counts = ("rows_new", "rows_updated", "rows_unchanged", "rows_rejected")
            after = {"file": path.name, **{c: getattr(summary, c) for c in counts}}
            audit(conn, actor, "import", "project_register", run_id, None, after)
        return summary

    return run_import(engine, source, path, path.name, write)


def _store(
    conn: Connection, lookups: ProjectLookups, batch: RowBatch, actor, today: date
) -> list[str]:
    """Write the batch's rows; a row the stored register refuses (e.g. a lifecycle change without
    its reason) becomes a reject too."""
    outcomes = []
    for number, values in batch.rows:
        try:
            # write_project refuses before it writes anything: a refused row leaves nothing.
            project_id, outcome = write_project(
                conn,
                lookups,
                values,
                project_id=lookups.projects.get(values["code"]),
                actor=actor,
                today=today,
            )
        except RegisterInvalid as error:
            batch.rejects.append(_reject(batch.file_name, number, values, error.problems))
            continue
        lookups.projects[values["code"]] = project_id
        outcomes.append(outcome)
    refused = {r.row_number for r in batch.rejects}
    batch.rows = [(n, v) for n, v in batch.rows if n not in refused]  # counted once, as rejected
    return outcomes


def _reject(name: str, number: int, values: dict, problems: list[Problem]) -> Reject:
    first = problems[0].field
    shown = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}
    reason = f"{name} row {number}, column {first}: " + "; ".join(p.message for p in problems)
    return Reject(number, first, str(shown.get(first) or ""), reason, shown)


def register_frame(
    engine: Engine, consortium_id: int, codes: list[str] | None = None
) -> pd.DataFrame:
    """The register in the file's columns (lists joined by `;`, ISO dates), by code; only the
    projects in `codes` when given."""
    frame = list_projects(engine, consortium_id)
    if codes is not None:
        frame = frame.loc[frame["code"].isin(codes)]
    out = frame[list(FIELDS)].copy()
    for column in ("networks", "tags"):
        out[column] = [";".join(v) for v in frame[column]]
    return out.astype(object).where(out.notna(), "").reset_index(drop=True)


def write_register(frame: pd.DataFrame, target: Path | IO, fmt: str) -> None:
    """The register frame as CSV or XLSX, through the one writer of user text into files."""
    if fmt == "xlsx":
        write_xlsx(frame, target, sheet=SHEET)
    else:
        write_csv(frame, target)
