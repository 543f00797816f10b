"""Kind `limesurvey_file`: a LimeSurvey response export (CSV or XLSX) dropped in an inbox,
read through the source's mapping (collectors/limesurvey_export.py)."""

from __future__ import annotations

from pathlib import Path

from collectors import limesurvey_export
from collectors.questionnaire_files import ingest_questionnaire_file
from collectors.sample import describe_responses
from samenwerkingsmonitor.source_kinds import DUTCH_LABELS, LIMESURVEY_CODES, SourceKind, register


def read(path: Path, source, codes):
    # Looked up at each call: a test may stand in a failing reader (tests/test_collect_inbox.py).
    return limesurvey_export.read_limesurvey_export(path, source, codes)


def ingest(ctx, path: Path, source, **options):
    return ingest_questionnaire_file(ctx, path, source, read, **options)


def describe(ctx, path: Path, source):
    return describe_responses(ctx, path, source, read)


KIND = register(
    SourceKind(
        name="limesurvey_file",
        description="a LimeSurvey response export (CSV or XLSX) in the inbox",
        defaults={
            "response_id": "id",
            "submitted_at": "submitdate",
            "values": {**LIMESURVEY_CODES, **DUTCH_LABELS},
            "skip_incomplete": True,
        },
        mapping="questionnaire",
        ingest=ingest,
        describe=describe,
    )
)
