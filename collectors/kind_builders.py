"""The two families of built-in source kinds that differ only in what they are called and how
they are read (collectors/kinds/): records files (project status updates, SMART-goal values) and
a questionnaire tool's export read through the source's mapping (LimeSurvey, Microsoft Forms).

Each kind module stays one module (tests/test_source_kinds.py) and says only what is its own;
what they share is built here, outside collectors/kinds/, which holds kind modules alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from collectors.fits import DateWindow
from collectors.questionnaire_files import ingest_questionnaire_file
from collectors.sample import Read, describe_records, describe_responses
from collectors.status import ingest_records_file
from samenwerkingsmonitor.source_kinds import SourceKind


def records_file_kind(kind: str, description: str, *, status: bool) -> SourceKind:
    """A kind of records file in an inbox: project status updates (`status`) or SMART-goal
    values, read by collectors/status.py, its runs recorded under the kind's name."""

    def ingest(
        ctx, path: Path, source, *, name: str, force: bool = False, create_waves: bool = False
    ):
        return ingest_records_file(
            ctx.engine,
            path,
            kind=kind,
            source=name,
            consortium_id=ctx.consortium_id,
            sheet=source.sheet,
            force=force,
            window=DateWindow.of(source),
        )

    def describe(ctx, path: Path, source):
        return describe_records(ctx, path, source, status=status)

    return SourceKind(name=kind, description=description, ingest=ingest, describe=describe)


def questionnaire_export_kind(
    name: str, description: str, *, read: Read, defaults: dict[str, Any]
) -> SourceKind:
    """A kind of questionnaire export in an inbox, read by `read(path, source, codes)` through
    the source's mapping, whose unset keys take `defaults` (ids, dates, answer labels)."""

    def ingest(ctx, path: Path, source, **options):
        return ingest_questionnaire_file(ctx, path, source, read, **options)

    def describe(ctx, path: Path, source):
        return describe_responses(ctx, path, source, read)

    return SourceKind(
        name=name,
        description=description,
        defaults=defaults,
        mapping="questionnaire",
        ingest=ingest,
        describe=describe,
    )
