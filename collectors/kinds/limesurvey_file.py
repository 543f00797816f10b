"""Kind `limesurvey_file`: a LimeSurvey response export (CSV or XLSX) dropped in an inbox,
read through the source's mapping (collectors/limesurvey_export.py)."""

from __future__ import annotations

from pathlib import Path

from collectors import limesurvey_export
from collectors.kind_builders import questionnaire_export_kind
from samenwerkingsmonitor.source_kinds import DUTCH_LABELS, LIMESURVEY_CODES, register


def read(path: Path, source, codes):
    # Looked up at each call: a test may stand in a failing reader (tests/test_collect_inbox.py).
    return limesurvey_export.read_limesurvey_export(path, source, codes)


KIND = register(
    questionnaire_export_kind(
        "limesurvey_file",
        "a LimeSurvey response export (CSV or XLSX) in the inbox",
        read=read,
        defaults={
            "response_id": "id",
            "submitted_at": "submitdate",
            "values": {**LIMESURVEY_CODES, **DUTCH_LABELS},
            "skip_incomplete": True,
        },
    )
)
