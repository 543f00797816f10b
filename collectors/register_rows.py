"""What the registers the consortium keeps itself (projects, goals; issue 14) share: checking a
row's fields with a reason per field, reading a register file (CSV or XLSX) into checked rows with
every bad row kept as a reject, and recording an import as a collector run.

A register file has one row per entry, keyed by its code. Lists sit in one cell, separated by
`;` (a `,` works too); dates are ISO (2026-03-01) or Dutch day-first (01-03-2026). A row whose
code appears again with other content is rejected with all its twins (nothing tells which one
is right); an identical repeat counts once. Problems name a stable `key` (the dashboard
translates `register_error_{key}`) and an English message (the command line, rejected rows).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from collectors.agreements import parse_date
from collectors.batch import Reject
from collectors.files import FileFormatError, file_hash, read_table
from collectors.run_record import RunSummary, close_run, keep_rejects, recorded_run
from db.engine import transaction
from samenwerkingsmonitor.inert import unquoted

CODE_MAX = 40
# Letters, digits, - _ and .: codes travel in file names, URLs and the lists of other cells.
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def now() -> datetime:
    """The moment of a change, timezone-aware UTC (stored as such)."""
    return datetime.now(UTC).replace(microsecond=0)


def natural(code: str) -> tuple:
    """Sort key that puts V2 before V10."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


def split_list(value) -> list[str]:
    """The codes of a `;`- or `,`-separated cell (or a list), in order, without repeats."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    parts = re.split(r"[;,]", value) if isinstance(value, str) else [str(v) for v in value]
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def text_of(value) -> str:
    return "" if value is None else str(value).strip()


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def codes_by(conn: Connection, query) -> dict[int, list[str]]:
    """id → its codes (naturally sorted) from a query's (id, code) rows: an entry's networks,
    tags, projects or measures."""
    out: dict[int, list[str]] = {}
    for key, code in conn.execute(query):
        out.setdefault(key, []).append(code)
    return {key: sorted(codes, key=natural) for key, codes in out.items()}


def entry_id_of(engine: Engine, model, consortium_id: int, wanted) -> int | None:
    """The id of an entry of a register table (`model` with id and consortium_id) of this
    consortium, or None: ids come from a request, and another consortium's are not ours."""
    try:
        number = int(wanted)
    except (TypeError, ValueError):
        return None
    with engine.connect() as conn:
        return conn.scalar(
            select(model.id).where(model.id == number, model.consortium_id == consortium_id)
        )


@dataclass(frozen=True)
class Problem:
    """One problem with one field: `key` for the dashboard's words, `message` in English."""

    field: str
    key: str
    message: str


class RegisterInvalid(ValueError):
    """A register entry was not stored; `problems` says which fields and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


class Checker:
    """Collects the problems of one entry while its fields are read."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field_: str, key: str, message: str) -> None:
        self.problems.append(Problem(field_, key, message))

    def has(self, field_: str) -> bool:
        return any(p.field == field_ for p in self.problems)

    def code(self, field_: str, value) -> str:
        code = text_of(value)
        if not code:
            self.add(field_, "required", f"{field_} is empty")
        elif len(code) > CODE_MAX:
            self.add(field_, "code_too_long", f"code '{code}' is longer than {CODE_MAX} characters")
        elif not CODE_PATTERN.fullmatch(code):
            self.add(
                field_,
                "code_characters",
                f"code '{code}' may hold only letters, digits, '-', '_' and '.'",
            )
        return code

    def text(self, field_: str, value, limit: int, *, required: bool = False) -> str | None:
        text = text_of(value)
        if not text:
            if required:
                self.add(field_, "required", f"{field_} is empty")
            return None
        if len(text) > limit:
            self.add(field_, "too_long", f"{field_} is longer than {limit} characters")
        return text

    def day(self, field_: str, value, *, required: bool = False) -> date | None:
        try:
            day = parse_date(text_of(value) if isinstance(value, str) else value)
        except ValueError:
            self.add(field_, "date", f"{field_} '{value}' is not a date (yyyy-mm-dd or dd-mm-jjjj)")
            return None
        if day is None and required:
            self.add(field_, "required", f"{field_} is empty")
        return day

    def number(self, field_: str, value, *, required: bool = False) -> float | None:
        text = text_of(value)
        if not text:
            if required:
                self.add(field_, "required", f"{field_} is empty")
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # a Dutch decimal comma
        try:
            number = float(text)
        except ValueError:
            self.add(field_, "number", f"{field_} '{value}' is not a number")
            return None
        if number != number or number in (float("inf"), float("-inf")):
            self.add(field_, "number", f"{field_} '{value}' is not a number")
            return None
        return number

    def known(self, field_: str, codes: Iterable[str], allowed, what: str) -> None:
        unknown = [c for c in codes if c not in allowed]
        if unknown:
            self.add(field_, "unknown", f"unknown {what}: {', '.join(unknown)}")


# --- files --------------------------------------------------------------------------------------


@dataclass
class RowBatch:
    """A register file's rows after checking: valid (row number, values) and rejects."""

    file_name: str
    rows: list[tuple[int, dict]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    repeats: int = 0  # identical repeats of a row: counted once, as unchanged
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        return len(self.rows) + len({r.row_number for r in self.rejects}) + self.repeats


def read_rows(path: Path, sheet: str | None = None) -> tuple[list[str], list[tuple[int, list]]]:
    """Header and numbered rows of a CSV or XLSX register file; a cell the monitor's own CSV
    export quoted against formulas ('=…) reads as what was typed."""
    header, rows = read_table(path, sheet=sheet)
    return header, [(n, [unquoted(c) for c in row]) for n, row in rows]


def check_rows(
    name: str,
    header: list[str],
    rows: list[tuple[int, list]],
    columns: tuple[str, ...],
    required: tuple[str, ...],
    check: Callable[[dict], tuple[dict, list[Problem]]],
) -> RowBatch:
    """Check a register file's rows with `check(record) → (values, problems)`, the record being
    the row's cells by column name. Raises FileFormatError when a required column is missing."""
    fields = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in fields]
    if missing:
        raise FileFormatError(
            f"{name}: missing column(s) {', '.join(missing)} "
            f"(expected {', '.join(columns)}; the file has {', '.join(header)})"
        )
    twice = sorted({f for f in fields if f and fields.count(f) > 1})
    if twice:
        raise FileFormatError(f"{name}: column(s) appear twice: {', '.join(twice)}")
    batch = RowBatch(name)
    ignored = [h for h, f in zip(header, fields) if h and f not in columns]
    if ignored:
        batch.warnings.append(f"{name}: ignored column(s): {', '.join(ignored)}")
    checked = []
    for number, row in rows:
        raw = dict(zip(header, row))
        if len(row) > len(header):
            reason = f"{name} row {number}: {len(row)} fields, the header has {len(header)}"
            batch.rejects.append(Reject(number, None, None, reason, {"fields": row}))
            continue
        record = {f: (row[i] if i < len(row) else "") for i, f in enumerate(fields) if f}
        values, problems = check(record)
        checked.append((number, record, raw, values, problems))
    repeat = _twins(checked)
    for position, (number, record, raw, values, problems) in enumerate(checked):
        if position in repeat:
            batch.repeats += 1
        elif not problems:
            batch.rows.append((number, values))
        else:
            first = problems[0].field
            reason = f"{name} row {number}, column {first}: " + "; ".join(
                p.message for p in problems
            )
            batch.rejects.append(Reject(number, first, text_of(record.get(first)), reason, raw))
    return batch


def _twins(checked: list) -> set[int]:
    """Positions of identical repeats of a code (skipped); rows of one code with different
    content each get a problem (all rejected)."""
    by_code: dict[str, list[int]] = {}
    for position, (_, _, _, values, _) in enumerate(checked):
        if values.get("code"):
            by_code.setdefault(values["code"], []).append(position)
    repeat: set[int] = set()
    for code, positions in by_code.items():
        if len(positions) < 2:
            continue
        contents = {repr(sorted(checked[p][3].items())) for p in positions}
        if len(contents) == 1:
            repeat.update(positions[1:])
            continue
        numbers = ", ".join(str(checked[p][0]) for p in positions)
        for p in positions:
            checked[p][4].insert(
                0,
                Problem(
                    "code",
                    "duplicate",
                    f"code {code} appears on rows {numbers} with different content",
                ),
            )
    return repeat


def run_import(
    engine: Engine,
    source: str,
    path: Path | None,
    file_name: str,
    write: Callable[[Connection, int], RunSummary],
) -> RunSummary:
    """One import as one collector run (recorded first, so a crash leaves a trace) and one
    transaction: `write(conn, run_id)` stores the rows, keeps the rejects and closes the run."""
    digest = file_hash(path) if path else None
    with (
        recorded_run(engine, source, file_name, digest) as run_id,
        transaction(engine) as session,
    ):
        return write(session.connection(), run_id)


def close_batch(
    conn: Connection, run_id: int, source: str, batches: list[RowBatch], outcomes: list[str]
) -> RunSummary:
    """Count the outcomes (new / updated / unchanged per valid row), keep every batch's rejects
    and close the run."""
    summary = RunSummary(
        run_id,
        source,
        ", ".join(dict.fromkeys(b.file_name for b in batches)),
        rows_in=sum(b.rows_in for b in batches),
        rows_new=outcomes.count("new"),
        rows_updated=outcomes.count("updated"),
        rows_unchanged=outcomes.count("unchanged") + sum(b.repeats for b in batches),
        rows_rejected=sum(len({r.row_number for r in b.rejects}) for b in batches),
        warnings=[w for b in batches for w in b.warnings],
        rejects=[r.reason for b in batches for r in b.rejects],
    )
    for batch in batches:
        keep_rejects(conn, run_id, source, batch.file_name, batch.rejects)
    close_run(conn, run_id, summary)
    return summary
