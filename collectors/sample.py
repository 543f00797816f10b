"""`sources check --sample`: read an export as its source would, store nothing, say what would come in."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from collectors.files import FileFormatError
from collectors.fits import DateWindow
from collectors.ingest import consortium_codes
from collectors.relational import read_relational_template, relational_codes
from collectors.relational_limesurvey import read_limesurvey_relational
from samenwerkingsmonitor.sources import RELATIONAL_KINDS, Source


def describe_sample(ctx, path: Path, source: Source) -> Iterator[tuple[str, bool]]:
    """Lines describing what ingesting `path` as `source` would do; (text, fine?)."""
    try:
        if source.kind in RELATIONAL_KINDS:
            yield from describe_relational_sample(ctx, path, source)
            return
        if source.kind in ("status_file", "goal_file"):
            yield from _records(ctx, path, source)
            return
        codes = consortium_codes(
            ctx.engine, ctx.consortium_id, source.instrument, create_waves=source.create_waves
        )
        if source.kind == "template":
            from collectors.template import read_template

            batch = read_template(path, codes)
        elif source.kind == "limesurvey_file":
            from collectors.limesurvey_export import read_limesurvey_export

            batch = read_limesurvey_export(path, source, codes)
        elif source.kind == "msforms_file":
            from collectors.msforms import read_msforms_export

            batch = read_msforms_export(path, source, codes)
        else:
            yield f"{source.name} is a {source.kind} source: it reads no files", False
            return
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


def describe_relational_sample(ctx, path: Path, source: Source) -> Iterator[tuple[str, bool]]:
    """Lines describing what ingesting `path` as the relational `source` would do; (text, fine?).
    The relational questionnaire's counterpart of describe_sample."""
    codes = relational_codes(ctx.engine, ctx.consortium_id, source.instrument)
    try:
        if source.kind == "limesurvey_relational_file":
            batch = read_limesurvey_relational(path, source, codes)
        else:
            batch = read_relational_template(path, codes, source.sheet, DateWindow.of(source))
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


def describe_problems(batch) -> Iterator[tuple[str, bool]]:
    """A batch's warnings and its first 20 rejects, as sample lines."""
    for warning in batch.warnings:
        yield f"warning: {warning}", False
    for reject in batch.rejects[:20]:
        yield f"rejected: {reject.reason}", False
    if len(batch.rejects) > 20:
        yield f"… and {len(batch.rejects) - 20} more rejected", False


def _records(ctx, path: Path, source: Source) -> Iterator[tuple[str, bool]]:
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

    status = source.kind == "status_file"
    aliases, required = (STATUS_ALIASES, STATUS_FIELDS) if status else (GOAL_ALIASES, GOAL_FIELDS)
    _, records = read_records(path, aliases, required, source.sheet)
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
