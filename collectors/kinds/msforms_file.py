"""Kind `msforms_file`: a Microsoft Forms XLSX export dropped in an inbox, read through the
source's mapping (collectors/msforms.py)."""

from __future__ import annotations

from pathlib import Path

from collectors import msforms
from collectors.questionnaire_files import ingest_questionnaire_file
from collectors.sample import describe_responses
from samenwerkingsmonitor.source_kinds import DUTCH_LABELS, SourceKind, register


def read(path: Path, source, codes):
    # Looked up at each call: a test may stand in a failing reader (tests/test_collect_inbox.py).
    return msforms.read_msforms_export(path, source, codes)


def ingest(ctx, path: Path, source, **options):
    return ingest_questionnaire_file(ctx, path, source, read, **options)


def describe(ctx, path: Path, source):
    return describe_responses(ctx, path, source, read)


KIND = register(
    SourceKind(
        name="msforms_file",
        description="a Microsoft Forms XLSX export in the inbox",
        defaults={
            "response_id": "ID",
            "submitted_at": "Completion time",
            "values": DUTCH_LABELS,
            "skip_incomplete": False,
        },
        mapping="questionnaire",
        ingest=ingest,
        describe=describe,
    )
)
