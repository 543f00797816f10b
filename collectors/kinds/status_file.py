"""Kind `status_file`: project status updates as CSV/XLSX dropped in an inbox (collectors/status.py)."""

from __future__ import annotations

from collectors.kind_builders import records_file_kind
from samenwerkingsmonitor.source_kinds import register

KIND = register(
    records_file_kind("status_file", "project status updates (CSV/XLSX) in the inbox", status=True)
)
