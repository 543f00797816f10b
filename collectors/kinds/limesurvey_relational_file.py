"""Kind `limesurvey_relational_file`: the relational questionnaire exported from LimeSurvey,
read through the source's relational mapping (collectors/relational_limesurvey.py)."""

from __future__ import annotations

from pathlib import Path

from collectors.relational import ingest_relational_file
from collectors.relational_limesurvey import read_limesurvey_relational
from collectors.sample import describe_relational
from samenwerkingsmonitor.source_kinds import SourceKind, register


def ingest(ctx, path: Path, source, *, name: str, force: bool = False, create_waves: bool = False):
    return ingest_relational_file(
        ctx.engine,
        path,
        consortium_id=ctx.consortium_id,
        source=name,
        config=source,
        force=force,
        reader=lambda p, codes: read_limesurvey_relational(p, source, codes),
    )


def describe(ctx, path: Path, source):
    return describe_relational(ctx, path, source, read_limesurvey_relational)


KIND = register(
    SourceKind(
        name="limesurvey_relational_file",
        description="the relational questionnaire as a LimeSurvey export in the inbox",
        defaults={"response_id": "id", "submitted_at": "submitdate", "skip_incomplete": True},
        mapping="relational",
        relational=True,
        ingest=ingest,
        describe=describe,
    )
)
