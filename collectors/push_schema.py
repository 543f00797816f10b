"""The shape of a pushed status update (JSON), checked before anything else looks at it.

Types, lengths and nesting are checked here with pydantic, field by field, so that a value of the
wrong kind — `milestones` as an object, a list inside a list, a 100,000-character narrative — is
refused with the field's name instead of being turned into text and stored. What the values mean
(known codes, the status words, progress 0–100, dates in their window) is checked afterwards by
collectors.status.validate_status, the rule every way in shares.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, ValidationError

from collectors import limits


def _text(limit: int):
    return Annotated[str, Field(max_length=limit)]


class PushedStatus(BaseModel):
    """One pushed update; every field may be missing (validate_status says what is required)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    project: _text(limits.CODE_MAX) | None = None
    network: _text(limits.CODE_MAX) | None = None
    status: _text(limits.STATUS_MAX) | None = None
    progress: StrictInt | StrictFloat | _text(10) | None = None
    submitted_at: _text(limits.DATE_TEXT_MAX) | None = None
    risks: _text(limits.TEXT_MAX) | None = None
    narrative: _text(limits.TEXT_MAX) | None = None
    # A list of texts, or one text with ";" between them (as in a spreadsheet cell).
    milestones: (
        Annotated[list[_text(limits.MILESTONE_MAX)], Field(max_length=limits.MILESTONES_MAX)]
        | _text(limits.MILESTONES_MAX * limits.MILESTONE_MAX)
        | None
    ) = None
    speerpunten: (
        Annotated[list[_text(limits.CODE_MAX)], Field(max_length=limits.SPEERPUNTEN_MAX)]
        | _text(limits.SPEERPUNTEN_MAX * limits.CODE_MAX)
        | None
    ) = None


# What a field must be, for the message when it is something else.
EXPECTED = {
    "progress": "a whole number from 0 to 100 (a number or a text)",
    "milestones": "a list of texts, or one text with ; between them",
    "speerpunten": "a list of texts, or one text with ; between them",
}


def _message(field: str, error: dict) -> str:
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_too_long":
        limit = context.get("max_length")
        inner = len(error["loc"]) > 2  # one entry of a list
        return f"{'each entry: ' if inner else ''}at most {limit} characters"
    if kind == "too_long":
        return f"at most {context.get('max_length')} entries"
    return f"expected {EXPECTED.get(field, 'a text')}"


def check_shape(record) -> dict[str, str]:
    """The problems of one pushed record by field (empty when its shape is right)."""
    if not isinstance(record, dict):
        return {"": "expected a JSON object"}
    try:
        PushedStatus.model_validate(record)
    except ValidationError as error:
        problems: dict[str, str] = {}
        for detail in error.errors():
            field = str(detail["loc"][0]) if detail["loc"] else ""
            # A union reports each of its branches; a length problem says more than a type one.
            message = _message(field, detail)
            if field not in problems or "at most" in message:
                problems[field] = message
        return problems
    return {}
