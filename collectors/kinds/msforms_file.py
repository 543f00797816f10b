"""Kind `msforms_file`: a Microsoft Forms XLSX export dropped in an inbox, read through the
source's mapping (collectors/msforms.py)."""

from __future__ import annotations

from pathlib import Path

from collectors import msforms
from collectors.kind_builders import questionnaire_export_kind
from samenwerkingsmonitor.source_kinds import DUTCH_LABELS, register


def read(path: Path, source, codes):
    # Looked up at each call: a test may stand in a failing reader (tests/test_collect_inbox.py).
    return msforms.read_msforms_export(path, source, codes)


KIND = register(
    questionnaire_export_kind(
        "msforms_file",
        "a Microsoft Forms XLSX export in the inbox",
        read=read,
        defaults={
            "response_id": "ID",
            "submitted_at": "Completion time",
            "values": DUTCH_LABELS,
            "skip_incomplete": False,
        },
    )
)
