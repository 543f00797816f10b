"""Kind `relational_template`: the relational (partner-network) questionnaire's generic template,
written into partner_response / partner_report by collectors/relational.py."""

from __future__ import annotations

from pathlib import Path

from collectors.fits import DateWindow
from collectors.relational import ingest_relational_file, read_relational_template
from collectors.sample import describe_relational
from samenwerkingsmonitor.source_kinds import SourceKind, register


def read(path: Path, source, codes):
    return read_relational_template(path, codes, source.sheet, DateWindow.of(source))


def ingest(ctx, path: Path, source, *, name: str, force: bool = False, create_waves: bool = False):
    # Without a configured source: the template's own sheet and the default date window.
    return ingest_relational_file(
        ctx.engine, path, consortium_id=ctx.consortium_id, source=name, config=source, force=force
    )


def describe(ctx, path: Path, source):
    return describe_relational(ctx, path, source, read)


KIND = register(
    SourceKind(
        name="relational_template",
        description="the relational questionnaire's generic template (CSV/XLSX) in the inbox",
        relational=True,
        ingest=ingest,
        describe=describe,
    )
)
