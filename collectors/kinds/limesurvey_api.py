"""Kind `limesurvey_api`: a survey read incrementally over LimeSurvey RemoteControl 2 (JSON-RPC),
collectors/limesurvey_collect.py; its connection settings are the source's LimeSurvey keys."""

from __future__ import annotations

from collectors.limesurvey_collect import collect_limesurvey
from samenwerkingsmonitor.source_kinds import DUTCH_LABELS, LIMESURVEY_CODES, SourceKind, register


def check(source) -> None:
    if source.survey_id is None:
        raise ValueError("a limesurvey_api source needs survey_id")


KIND = register(
    SourceKind(
        name="limesurvey_api",
        description="a LimeSurvey survey over RemoteControl 2 (JSON-RPC), incremental",
        defaults={
            "response_id": "id",
            "submitted_at": "submitdate",
            "values": {**LIMESURVEY_CODES, **DUTCH_LABELS},
            "skip_incomplete": True,
        },
        mapping="questionnaire",
        fetch=collect_limesurvey,
        check=check,
    )
)
