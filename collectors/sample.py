"""`sources check --sample`: read an export as its source would, store nothing, say what would come in.

Each kind describes its own sample (collectors/kinds/); the describers here are what they share:
a questionnaire batch, a relational batch, status updates and goal values."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from collectors.files import FileFormatError
from collectors.fits import DateWindow
from collectors.ingest import consortium_codes
from collectors.relational import relational_codes
from collectors.status import (
    GOAL_ALIASES,
    GOAL_FIELDS,
    STATUS_ALIASES,
    STATUS_FIELDS,
    Lookups,
    read_records,
    validate_goal_value,
    validate_status,
)
from samenwerkingsmonitor.sources import Source

Lines = Iterator[tuple[str, bool]]
# read(path, source, codes) -> a batch (collectors/batch.py or collectors/relational_batch.py)
Read = Callable[[Path, Source, Any], Any]


def describe_sample(ctx, path: Path, source: Source) -> Lines:
    """Lines describing what ingesting `path` as `source` would do; (text, fine?)."""
    kind = source.source_kind()
    if kind.describe is None:
        yield f"{source.name} is a {source.kind} source: it reads no files", False
        return
    yield from kind.describe(ctx, path, source)


def describe_responses(ctx, path: Path, source: Source, read: Read) -> Lines:
    """What a questionnaire file `read` parses would bring in: responses, answers, rejects."""
    codes = consortium_codes(
        ctx.engine, ctx.consortium_id, source.instrument, create_waves=source.create_waves
    )
    try:
        batch = read(path, source, codes)
    except FileFormatError as error:
        yield f"{path.name}: cannot be read: {error}", False
        return
    responses = batch.responses
    yield (
        f"{path.name}: {batch.rows_in} rows — would ingest {len(responses)} responses with "
        f"{len(batch.answers)} answers; {len({r.row_number for r in batch.rejects})} rejected, "
        f"{batch.skipped} incomplete skipped",
        True,
    )
    if len(responses):
        for column in ("wave", "network", "group"):
            counts = responses[column].value_counts().sort_index()
            yield f"  {column}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), True
        items = sorted(batch.answers["item"].unique())
        yield f"  items: {', '.join(items)}", True
    yield from describe_problems(batch)


def describe_relational(ctx, path: Path, source: Source, read: Read) -> Lines:
    """What a relational questionnaire file `read` parses would bring in; the relational
    questionnaire's counterpart of describe_responses."""
    codes = relational_codes(ctx.engine, ctx.consortium_id, source.instrument)
    try:
        batch = read(path, source, codes)
    except FileFormatError as error:
        yield f"{path.name}: cannot be read: {error}", False
        return
    rejected = len({r.row_number for r in batch.rejects})
    yield (
        f"{path.name}: {batch.rows_in} rows — would ingest {len(batch.responses)} responses with "
        f"{len(batch.reports)} reports; {rejected} rejected, {batch.skipped} incomplete skipped",
        True,
    )
    if len(batch.responses):
        for column in ("wave", "network"):
            counts = batch.responses[column].value_counts().sort_index()
            yield f"  {column}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), True
    yield from describe_problems(batch)


def describe_problems(batch) -> Lines:
    """A batch's warnings and its first 20 rejects, as sample lines."""
    for warning in batch.warnings:
        yield f"warning: {warning}", False
    for reject in batch.rejects[:20]:
        yield f"rejected: {reject.reason}", False
    if len(batch.rejects) > 20:
        yield f"… and {len(batch.rejects) - 20} more rejected", False


def describe_records(ctx, path: Path, source: Source, *, status: bool) -> Lines:
    """What a status-update (`status`) or goal-value file would bring in."""
    aliases, required = (STATUS_ALIASES, STATUS_FIELDS) if status else (GOAL_ALIASES, GOAL_FIELDS)
    try:
        _, records = read_records(path, aliases, required, source.sheet)
    except FileFormatError as error:
        yield f"{path.name}: cannot be read: {error}", False
        return
    window = DateWindow.of(source)
    validate = functools.partial(validate_status, window=window) if status else validate_goal_value
    consortium_id = ctx.consortium_id  # before the connection: on first use it needs its own
    with ctx.engine.connect() as conn:
        lookups = Lookups.load(conn, consortium_id)
    bad = []
    for number, record, _, _ in records:
        _, errors = validate(record, lookups)
        if errors:
            bad.append(
                f"rejected: {path.name} row {number}: "
                + "; ".join(f"{f}: {e}" for f, e in errors.items())
            )
    what = "status updates" if status else "goal values"
    yield (
        f"{path.name}: {len(records)} rows — {len(records) - len(bad)} valid {what}, {len(bad)} rejected",
        True,
    )
    for line in bad[:20]:
        yield line, False
