"""The report's XLSX annex: the figures of the `measures` export for the year's waves.

It is the export itself (metrics.export.write_measures) on the snapshots of the year's waves, so
the annex and `samenwerkingsmonitor export measures --wave …` give the same rows — except the
partner network's trust and value per organisation (`partner_trust`, `partner_value`): an annex
is sent out of the consortium, and those scores stay with the network (reports/content.py).
"""

from __future__ import annotations

from pathlib import Path

from metrics.export import write_measures
from reports.content import year_snapshots


def write_annex(ctx, year: int, out: Path) -> int:
    """Write the year's `measures` export (network level) as XLSX to `out`; returns the number
    of rows."""
    snapshots = year_snapshots(ctx.engine, ctx.consortium_id, year)
    write_measures(snapshots, out, "xlsx")
    return len(snapshots)


def annex_path(pdf: Path) -> Path:
    """Where the annex goes next to a report: report.pdf -> report-bijlage.xlsx."""
    return pdf.with_name(f"{pdf.stem}-bijlage.xlsx")
