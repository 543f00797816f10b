"""The goals register as files, both ways: `samenwerkingsmonitor goals import FILE` / `goals export
--out FILE` and the upload and download of the Doelenregister page.

Two tables. SMART goals: code, name, unit, network, result_goal, baseline_value, baseline_date,
target_value, target_date, projects, meetpunten (network empty or ALL: consortium-wide; projects
and meetpunten are `;`-separated codes; dates ISO or dd-mm-jjjj; a decimal comma works). Result
goals: code, name, ambition. In an XLSX workbook they are the sheets `goals` and `result_goals`
(the first sheet is read as goals when none is called so); as CSV they are two files — the
command's `--result-goals FILE`, and on the page a CSV whose header has `ambition` is a result-goal
list.

An import is one run and one transaction: result goals first (so goals may name the new ones),
then goals; a row equal to the register changes nothing, every bad row is kept in rejected_row
with its file (and sheet), row, column and reason, and the good rows are stored. Entries the
files do not name are left as they are; measured values are never touched.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine

from accounts.users import Account, audit
from collectors.batch import Reject
from collectors.goals import (
    GOAL_FIELDS,
    RESULT_GOAL_FIELDS,
    GoalLookups,
    check_goal,
    check_result_goal,
    list_goals,
    list_result_goals,
    write_goal,
    write_result_goal,
)
from collectors.register_rows import (
    RegisterInvalid,
    RowBatch,
    check_rows,
    close_batch,
    read_rows,
    run_import,
)
from collectors.run_record import RunSummary
from samenwerkingsmonitor.inert import write_csv, write_xlsx_sheets

GOAL_REQUIRED = ("code", "name", "baseline_value", "baseline_date", "target_value", "target_date")
SHEETS = {"goals": "goals", "result_goals": "result_goals"}
XLSX = (".xlsx", ".xlsm")


def _sheet_names(path: Path) -> list[str]:
    from collectors.files import FileFormatError

    try:
        with pd.ExcelFile(path) as book:
            return [str(name) for name in book.sheet_names]
    except Exception as error:  # a broken zip or XML raises one of several types
        raise FileFormatError(f"{path.name}: not a readable XLSX workbook ({error})") from error


def _tables(goals: Path | None, result_goals: Path | None) -> list[tuple[str, str, tuple]]:
    """(kind, name for rejects, (header, rows)) of each table the files hold."""
    tables = []
    if goals is not None and goals.suffix.lower() in XLSX:
        names = _sheet_names(goals)
        if SHEETS["result_goals"] in names:
            sheet = SHEETS["result_goals"]
            tables.append(("result_goals", f"{goals.name} ({sheet})", read_rows(goals, sheet)))
        sheet = SHEETS["goals"] if SHEETS["goals"] in names else names[0]
        if sheet != SHEETS["result_goals"]:
            tables.append(("goals", f"{goals.name} ({sheet})", read_rows(goals, sheet)))
    elif goals is not None:
        tables.append(("goals", goals.name, read_rows(goals)))
    if result_goals is not None:
        tables.insert(0, ("result_goals", result_goals.name, read_rows(result_goals)))
    return tables


def import_goal_files(
    engine: Engine,
    goals: Path | None,
    result_goals: Path | None = None,
    *,
    consortium_id: int,
    source: str = "goals",
    actor: Account | None = None,
) -> RunSummary:
    """Import a goals file (CSV, or XLSX with both sheets) and/or a result-goal file (CSV); see
    the module's docstring. `actor`: who uploads it (audited; None: "system")."""
    tables = _tables(goals, result_goals)
    name = ", ".join(p.name for p in (result_goals, goals) if p is not None)

    def write(conn: Connection, run_id: int) -> RunSummary:
        lookups = GoalLookups.load(conn, consortium_id)
        batches, outcomes = [], []
        for kind, table_name, (header, rows) in tables:
            if kind == "result_goals":
                batch = check_rows(
                    table_name,
                    header,
                    rows,
                    RESULT_GOAL_FIELDS,
                    RESULT_GOAL_FIELDS,
                    lambda r: check_result_goal(lookups, r),
                )
                outcomes += [write_result_goal(conn, lookups, v, actor) for _, v in batch.rows]
            else:
                batch = check_rows(
                    table_name,
                    header,
                    rows,
                    GOAL_FIELDS,
                    GOAL_REQUIRED,
                    lambda r: check_goal(lookups, r),
                )
                outcomes += _store_goals(conn, lookups, batch, actor)
            batches.append(batch)
        summary = close_batch(conn, run_id, source, batches, outcomes)
        if actor is not None:  # an upload in the dashboard: a person's change
            counts = ("rows_new", "rows_updated", "rows_unchanged", "rows_rejected")
            after = {"file": name, **{c: getattr(summary, c) for c in counts}}
            audit(conn, actor, "import", "goal_register", run_id, None, after)
        return summary

    return run_import(engine, source, goals or result_goals, name, write)


def _store_goals(conn: Connection, lookups: GoalLookups, batch: RowBatch, actor) -> list[str]:
    outcomes = []
    for number, values in batch.rows:
        try:
            _, outcome = write_goal(
                conn, lookups, values, goal_id=lookups.goals.get(values["code"]), actor=actor
            )
        except RegisterInvalid as error:  # refused before anything was written
            reason = f"{batch.file_name} row {number}: {error}"
            batch.rejects.append(Reject(number, error.problems[0].field, None, reason, None))
            continue
        outcomes.append(outcome)
    refused = {r.row_number for r in batch.rejects}
    batch.rows = [(n, v) for n, v in batch.rows if n not in refused]
    return outcomes


def goals_frame(engine: Engine, consortium_id: int, codes: list[str] | None = None) -> pd.DataFrame:
    """The SMART goals in the file's columns (lists joined by `;`, ISO dates, no network for a
    consortium-wide goal); only those in `codes` when given."""
    frame = list_goals(engine, consortium_id)
    if codes is not None:
        frame = frame.loc[frame["code"].isin(codes)]
    out = frame[list(GOAL_FIELDS)].copy()
    for column in ("projects", "meetpunten"):
        out[column] = [";".join(v) for v in frame[column]]
    return out.where(out.notna(), "").reset_index(drop=True)


def result_goals_frame(engine: Engine, consortium_id: int) -> pd.DataFrame:
    frame = list_result_goals(engine, consortium_id)
    return frame.where(frame.notna(), "")


def write_goal_files(
    goals: pd.DataFrame, result_goals: pd.DataFrame, out: Path, result_out: Path | None = None
) -> list[Path]:
    """Write the register: one XLSX workbook with both sheets, or two CSV files (the result
    goals to `result_out`, default `<out>-result-goals.csv`). The files written."""
    if out.suffix.lower() in XLSX:
        write_xlsx_sheets({SHEETS["goals"]: goals, SHEETS["result_goals"]: result_goals}, out)
        return [out]
    result_out = result_out or out.with_name(f"{out.stem}-result-goals.csv")
    write_csv(goals, out)
    write_csv(result_goals, result_out)
    return [out, result_out]
