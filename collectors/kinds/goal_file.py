"""Kind `goal_file`: SMART-goal values as CSV/XLSX dropped in an inbox (collectors/status.py)."""

from __future__ import annotations

from collectors.kind_builders import records_file_kind
from samenwerkingsmonitor.source_kinds import register

KIND = register(
    records_file_kind("goal_file", "SMART-goal values (CSV/XLSX) in the inbox", status=False)
)
