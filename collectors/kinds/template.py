"""Kind `template`: the generic questionnaire template (README), dropped in an inbox."""

from __future__ import annotations

from pathlib import Path

from collectors.questionnaire_files import ingest_questionnaire_file
from collectors.sample import describe_responses
from collectors.template import Codes, read_template
from samenwerkingsmonitor.source_kinds import SourceKind, register


def read(path: Path, source, codes: Codes):
    """The template has fixed headings: the source adds nothing to reading it."""
    return read_template(path, codes)


def ingest(ctx, path: Path, source, **options):
    return ingest_questionnaire_file(ctx, path, source, read, **options)


def describe(ctx, path: Path, source):
    return describe_responses(ctx, path, source, read)


KIND = register(
    SourceKind(
        name="template",
        description="the generic questionnaire template (CSV/XLSX) in the inbox",
        ingest=ingest,
        describe=describe,
    )
)
