"""A questionnaire file ingested as its source describes it: what the questionnaire kinds of
collectors/kinds/ (the template and every tool's export) share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from collectors.ingest import ingest_file
from collectors.run_record import RunSummary


def ingest_questionnaire_file(
    ctx,
    path: Path,
    source,
    read: Callable,
    *,
    name: str,
    force: bool = False,
    create_waves: bool = False,
) -> RunSummary:
    """Ingest a questionnaire file as `source` (a samenwerkingsmonitor.sources.Source, or None for
    the template without a configured source) describes it; read(path, source, codes) parses it.
    A wave the instrument lacks is a reject unless the source or `create_waves` allows it."""
    return ingest_file(
        ctx.engine,
        path,
        consortium_id=ctx.consortium_id,
        source=name,
        instrument_code=source.instrument if source else None,
        force=force,
        reader=lambda p, codes: read(p, source, codes),
        create_waves=create_waves or bool(source and source.create_waves),
    )
