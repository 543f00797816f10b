"""Project status updates and SMART-goal values: from spreadsheets and from tools that push.

One validation for every way in (a file row, a pushed JSON object, the dashboard form): project
and network codes of the consortium, the network taking part in the project, a status of
UPDATE_STATUSES, progress 0–100, texts and dates within collectors/limits.py. A status update is stored as a new version, never overwritten;
a row identical to the latest version adds nothing, so a file read again changes nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from collectors import limits
from collectors.batch import Reject, parse_timestamps
from collectors.files import FileFormatError, file_hash, read_table
from collectors.fits import DateWindow
from collectors.push_schema import check_shape
from collectors.run_record import (
    RunSummary,
    close_run,
    finish_run,
    ingested_before,
    keep_rejects,
    recorded_run,
    start_run,
)
from db import models as m
from db.engine import transaction
from samenwerkingsmonitor.clock import local, now_utc

# Column names of a spreadsheet: the English field name or its Dutch heading.
STATUS_ALIASES = {
    "project": "project",
    "projectcode": "project",
    "network": "network",
    "netwerk": "network",
    "status": "status",
    "progress": "progress",
    "voortgang": "progress",
    "submitted_at": "submitted_at",
    "datum": "submitted_at",
    "risks": "risks",
    "risico's": "risks",
    "risicos": "risks",
    "narrative": "narrative",
    "toelichting": "narrative",
    "milestones": "milestones",
    "mijlpalen": "milestones",
    "speerpunten": "speerpunten",
}
GOAL_ALIASES = {
    "goal": "goal",
    "doel": "goal",
    "measured_at": "measured_at",
    "datum": "measured_at",
    "value": "value",
    "waarde": "value",
}
STATUS_FIELDS = ("project", "network", "status")
GOAL_FIELDS = ("goal", "measured_at", "value")


@dataclass
class Lookups:
    """The consortium's codes a status update or goal value may name."""

    projects: dict[str, int]
    networks: dict[str, int]
    taking_part: dict[int, set[int]]
    goals: dict[str, int]
    speerpunten: set[str]

    @classmethod
    def load(cls, conn: Connection, consortium_id: int) -> Lookups:
        projects = dict(
            conn.execute(
                select(m.Project.code, m.Project.id).where(m.Project.consortium_id == consortium_id)
            ).all()
        )
        networks = dict(
            conn.execute(
                select(m.Network.code, m.Network.id).where(m.Network.consortium_id == consortium_id)
            ).all()
        )
        taking_part: dict[int, set[int]] = {}
        for project_id, network_id in conn.execute(
            select(m.ProjectNetwork.project_id, m.ProjectNetwork.network_id)
        ):
            taking_part.setdefault(project_id, set()).add(network_id)
        goals = dict(
            conn.execute(
                select(m.Goal.code, m.Goal.id).where(m.Goal.consortium_id == consortium_id)
            ).all()
        )
        speerpunten = set(
            conn.scalars(
                select(m.FrameworkElement.code).where(
                    m.FrameworkElement.consortium_id == consortium_id,
                    m.FrameworkElement.kind == "speerpunt",
                )
            )
        )
        return cls(projects, networks, taking_part, goals, speerpunten)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _list(value) -> list[str] | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def validate_status(
    record: dict, lookups: Lookups, window: DateWindow | None = None
) -> tuple[dict, dict[str, str]]:
    """A status update's values ready to store, and the problems by field (empty when valid)."""
    errors: dict[str, str] = {}
    project = _text(record.get("project"))
    network = _text(record.get("network"))
    status = _text(record.get("status")).lower().replace(" ", "_")
    if not project:
        errors["project"] = "required"
    elif project not in lookups.projects:
        errors["project"] = f"unknown project {project!r}"
    if not network:
        errors["network"] = "required"
    elif network not in lookups.networks:
        errors["network"] = f"unknown network {network!r}"
    elif project in lookups.projects:
        # Strict: a project without networks takes no updates from any network either.
        taking_part = lookups.taking_part.get(lookups.projects[project], set())
        if lookups.networks[network] not in taking_part:
            errors["network"] = f"network {network!r} does not take part in project {project!r}"
    if status not in m.UPDATE_STATUSES:
        errors["status"] = (
            f"{record.get('status')!r} is not one of {', '.join(m.UPDATE_STATUSES)}"
            if status
            else "required"
        )
    progress = record.get("progress")
    if _text(progress) == "":
        progress = None
    else:
        try:
            number = float(str(progress).replace(",", ".").rstrip("%"))
        except ValueError:
            number = None
        if number is None or not number.is_integer() or not 0 <= number <= 100:
            errors["progress"] = f"{progress!r} is not a whole number from 0 to 100"
        else:
            progress = int(number)
    submitted = _text(record.get("submitted_at"))
    when = now_utc().replace(microsecond=0)
    if submitted:
        # UTC: a pushed offset is honoured, a time without one is local (collectors/batch.py).
        parsed = parse_timestamps(pd.Series([submitted])).iloc[0]
        if pd.isna(parsed):
            errors["submitted_at"] = f"{submitted!r} is not a date"
        elif window is not None and (problem := window.problem(parsed)):
            # A status file's source window (a submitted date, not a plan: at most a day ahead).
            errors["submitted_at"] = f"{submitted!r} {problem}"
        elif window is None and (problem := limits.date_problem(local(parsed).date())):
            errors["submitted_at"] = problem
        else:
            when = parsed.to_pydatetime()
    speerpunten = _list(record.get("speerpunten"))
    unknown = [s for s in speerpunten or [] if s not in lookups.speerpunten]
    if unknown:
        errors["speerpunten"] = f"unknown speerpunt(en) {', '.join(unknown)}"
    milestones = _list(record.get("milestones"))
    _check_lengths(record, milestones, speerpunten, errors)
    values = {
        "project_id": lookups.projects.get(project),
        "network_id": lookups.networks.get(network),
        "status": status,
        "progress": progress,
        "milestones": milestones,
        "risks": _text(record.get("risks")) or None,
        "narrative": _text(record.get("narrative")) or None,
        "speerpunten": speerpunten,
        "submitted_at": when,
    }
    return values, errors


def _check_lengths(record: dict, milestones, speerpunten, errors: dict[str, str]) -> None:
    """Texts within their limits (collectors/limits.py), the same for files, pushes and forms."""
    for field in ("risks", "narrative"):
        value = record.get(field)
        if value is not None and not isinstance(value, str | int | float):
            errors[field] = "must be text"
        elif problem := limits.too_long(_text(value), limits.TEXT_MAX):
            errors[field] = problem
    if len(milestones or []) > limits.MILESTONES_MAX:
        errors["milestones"] = f"at most {limits.MILESTONES_MAX} milestones"
    elif any(len(x) > limits.MILESTONE_MAX for x in milestones or []):
        errors["milestones"] = f"each milestone: at most {limits.MILESTONE_MAX} characters"
    if len(speerpunten or []) > limits.SPEERPUNTEN_MAX:
        errors["speerpunten"] = f"at most {limits.SPEERPUNTEN_MAX} speerpunten"


def store_status_updates(conn: Connection, updates: list[dict], source: str) -> tuple[int, int]:
    """Add each update as the next version of its project × network; (added, unchanged).

    An update identical to the latest version (same status, progress, texts and date) adds
    nothing: reading the same spreadsheet rows again must not pile up versions.
    """
    added = unchanged = 0
    compare = ("status", "progress", "milestones", "risks", "narrative", "submitted_at")
    for values in updates:
        su = m.StatusUpdate
        latest = conn.execute(
            select(su.version, *(getattr(su, f) for f in compare))
            .where(
                su.project_id == values["project_id"],
                su.network_id == values["network_id"],
                su.state == "submitted",  # drafts (negative versions) are not versions
            )
            .order_by(su.version.desc())
            .limit(1)
        ).first()
        if (
            latest is not None
            and all(getattr(latest, f) == values[f] for f in compare if f != "submitted_at")
            and latest.submitted_at == values["submitted_at"]
        ):
            unchanged += 1
            continue
        conn.execute(
            insert(su).values(
                **values,
                version=(latest.version if latest else 0) + 1,
                state="submitted",
                source=source,
            )
        )
        added += 1
    return added, unchanged


def validate_goal_value(record: dict, lookups: Lookups) -> tuple[dict, dict[str, str]]:
    errors: dict[str, str] = {}
    goal = _text(record.get("goal"))
    if not goal:
        errors["goal"] = "required"
    elif goal not in lookups.goals:
        errors["goal"] = f"unknown goal {goal!r}"
    measured = _text(record.get("measured_at"))
    parsed = parse_timestamps(pd.Series([measured])).iloc[0] if measured else None
    # The day as written: a date is midnight local time, which is the day before in UTC.
    parsed = local(parsed) if parsed is not None and not pd.isna(parsed) else None
    if parsed is None:
        errors["measured_at"] = f"{measured!r} is not a date" if measured else "required"
    elif problem := limits.date_problem(parsed.date()):
        errors["measured_at"] = problem
    raw = _text(record.get("value"))
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = None
        errors["value"] = f"{raw!r} is not a number" if raw else "required"
    return {
        "goal_id": lookups.goals.get(goal),
        "measured_at": parsed.date() if "measured_at" not in errors else None,
        "value": value,
    }, errors


def store_goal_values(conn: Connection, values: list[dict], source: str) -> tuple[int, int, int]:
    """Upsert goal values by (goal, date); (new, updated, unchanged)."""
    new = updated = unchanged = 0
    for v in values:
        gv = m.GoalValue
        old = conn.execute(
            select(gv.id, gv.value).where(
                gv.goal_id == v["goal_id"], gv.measured_at == v["measured_at"]
            )
        ).first()
        if old is None:
            conn.execute(insert(gv).values(**v, source=source))
            new += 1
        elif old.value != v["value"]:
            conn.execute(update(gv).where(gv.id == old.id).values(value=v["value"], source=source))
            updated += 1
        else:
            unchanged += 1
    return new, updated, unchanged


def read_records(path: Path, aliases: dict[str, str], required: tuple[str, ...], sheet=None):
    """Rows of a status or goal spreadsheet as dicts of field → text, by row number."""
    header, rows = read_table(path, sheet=sheet)
    fields = [aliases.get(h.lower()) for h in header]
    missing = [f for f in required if f not in fields]
    if missing:
        raise FileFormatError(
            f"{path.name}: missing column(s) {', '.join(missing)} (the file has {', '.join(header)})"
        )
    records = []
    for number, row in rows:
        records.append(
            (number, {f: v for f, v in zip(fields, row) if f}, dict(zip(header, row)), len(row))
        )
    return header, records


def ingest_records_file(
    engine: Engine,
    path: Path,
    *,
    kind: str,
    source: str,
    consortium_id: int,
    sheet: str | None = None,
    force: bool = False,
    window: DateWindow | None = None,
) -> RunSummary:
    """Ingest a status-update (kind status_file) or goal-value (goal_file) spreadsheet; a status
    update submitted outside `window` (default 2000-01-01 to tomorrow) is a reject."""
    digest = file_hash(path)
    if not force:
        done = ingested_before(engine, source, digest)
        if done:
            return RunSummary(done, source, path.name, skipped=True)
    with recorded_run(engine, source, path.name, digest) as run_id:
        aliases, required = (
            (STATUS_ALIASES, STATUS_FIELDS)
            if kind == "status_file"
            else (GOAL_ALIASES, GOAL_FIELDS)
        )
        header, records = read_records(path, aliases, required, sheet)
        summary = RunSummary(run_id, source, path.name, rows_in=len(records))
        with transaction(engine) as s:
            conn = s.connection()
            lookups = Lookups.load(conn, consortium_id)
            good, rejects = [], []
            validate = (
                functools.partial(validate_status, window=window or DateWindow())
                if kind == "status_file"
                else validate_goal_value
            )
            for number, record, raw, width in records:
                if width != len(header):
                    reason = (
                        f"{path.name} row {number}: {width} fields, the header has {len(header)}"
                    )
                    rejects.append(Reject(number, None, None, reason, raw))
                    continue
                values, errors = validate(record, lookups)
                if errors:
                    field = next(iter(errors))
                    detail = "; ".join(f"{f}: {e}" for f, e in errors.items())
                    rejects.append(
                        Reject(
                            number,
                            field,
                            _text(record.get(field)),
                            f"{path.name} row {number}: {detail}",
                            raw,
                        )
                    )
                else:
                    good.append(values)
            if kind == "status_file":
                summary.rows_new, summary.rows_unchanged = store_status_updates(conn, good, source)
            else:
                summary.rows_new, summary.rows_updated, summary.rows_unchanged = store_goal_values(
                    conn, good, source
                )
            summary.rows_rejected = len(rejects)
            summary.rejects = [r.reason for r in rejects]
            keep_rejects(conn, run_id, source, path.name, rejects)
            close_run(conn, run_id, summary)
    return summary


def _validate_pushed(record, lookups: Lookups) -> tuple[dict, dict[str, str]]:
    """A pushed record's shape (types, lengths, nesting: collectors/push_schema.py), then its
    values as for every way in; a field with the wrong shape is not looked at further."""
    problems = check_shape(record)
    if "" in problems:  # not an object at all
        return {}, problems
    rest = {k: v for k, v in record.items() if k not in problems}
    values, errors = validate_status(rest, lookups)
    return values, {**problems, **{f: e for f, e in errors.items() if f not in problems}}


def _push_reject(index: int, record, errors: dict[str, str]) -> Reject:
    detail = "; ".join(f"{f or 'update'}: {e}" for f, e in errors.items())
    field = next(iter(errors)) or None
    value = record.get(field) if isinstance(record, dict) and field else None
    return Reject(
        index,
        field,
        limits.clip(_text(value)) if value is not None else None,
        limits.clip(f"update {index}: {detail}", 2000),
        limits.clip(record) if isinstance(record, dict) else None,
    )


def push_status_updates(
    engine: Engine, records: list, *, source: str, consortium_id: int
) -> tuple[RunSummary, list[dict]]:
    """Validate pushed updates and store them all, or none: (summary, errors per record).

    Each error is {"index": i, "field": name, "message": text}; with any error nothing is stored
    (the client fixes and sends again) and the run is recorded as failed with the rejects.
    """
    run_id = start_run(engine, source, None, None)
    summary = RunSummary(run_id, source, None, rows_in=len(records))
    problems: list[dict] = []
    for attempt in range(3):
        try:
            with transaction(engine) as s:
                conn = s.connection()
                lookups = Lookups.load(conn, consortium_id)
                good, rejects = [], []
                for index, record in enumerate(records):
                    values, errors = _validate_pushed(record, lookups)
                    if errors:
                        problems.extend(
                            {"index": index, "field": f or None, "message": e}
                            for f, e in errors.items()
                        )
                        rejects.append(_push_reject(index, record, errors))
                    else:
                        good.append(values)
                if problems:
                    summary.rows_rejected = len(rejects)
                    keep_rejects(conn, run_id, source, None, rejects)
                    close_run(conn, run_id, summary, status="failed")
                    return summary, problems
                summary.rows_new, summary.rows_unchanged = store_status_updates(conn, good, source)
                close_run(conn, run_id, summary)
            return summary, []
        except IntegrityError:
            # Two pushes for the same project × network took the same next version: try again.
            problems = []
            if attempt == 2:
                finish_run(engine, run_id, status="failed", error="concurrent updates; retry")
                raise
    return summary, problems
