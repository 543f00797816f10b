"""Kind `goal_file`: SMART-goal values as CSV/XLSX dropped in an inbox (collectors/status.py)."""

from __future__ import annotations

from pathlib import Path

from collectors.fits import DateWindow
from collectors.sample import describe_records
from collectors.status import ingest_records_file
from samenwerkingsmonitor.source_kinds import SourceKind, register


def ingest(ctx, path: Path, source, *, name: str, force: bool = False, create_waves: bool = False):
    return ingest_records_file(
        ctx.engine,
        path,
        kind="goal_file",
        source=name,
        consortium_id=ctx.consortium_id,
        sheet=source.sheet,
        force=force,
        window=DateWindow.of(source),
    )


def describe(ctx, path: Path, source):
    return describe_records(ctx, path, source, status=False)


KIND = register(
    SourceKind(
        name="goal_file",
        description="SMART-goal values (CSV/XLSX) in the inbox",
        ingest=ingest,
        describe=describe,
    )
)
