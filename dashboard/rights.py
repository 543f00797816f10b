"""Rights by value: what a request asks for, checked against the person's networks, whatever
component names it travels under (design.md, "Security by design").

Dash hands a callback its values by position, so the ids a request names prove nothing: a
crafted request can carry another network's code under any id. The guard therefore reads every
value of a callback request (inputs and state, ids included, however deeply nested) and refuses
the request with 403 when one of them names a network outside the person's networks. The reads
of `dashboard.queries` that take a network check it once more (`access.require_network`), so a
value that slips past one check meets the other.

A value names a network when, after trimming and upper-casing, it is a network code, or one of
the parts of a comma-separated list or of a query string or URL (`?network=EEM&wave=2026`). Free
text is not scanned for words: a note that mentions another network by code in a sentence is
still only text.

The callback body is validated first (`CallbackRequest`): a malformed body (not an object, wrong
types, an output no callback has, a wrong number of values, nesting beyond any real component's
value) is answered with 400, never with a server error.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlparse

from pydantic import BaseModel, ConfigDict, ValidationError

# Deeper than any real component value (a figure's clickData is about 5 levels deep).
MAX_DEPTH = 40


class Refusal(Exception):
    """A request that is answered with `status` and a message, before any callback runs."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Slot(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str | dict[str, Any]
    property: str
    value: Any = None


class CallbackRequest(BaseModel):
    """The body Dash's renderer posts to /_dash-update-component."""

    model_config = ConfigDict(extra="allow")
    output: str
    outputs: dict[str, Any] | list[Any]
    inputs: list[_Slot | list[_Slot]]
    state: list[_Slot | list[_Slot]] = []
    changedPropIds: list[str] = []  # noqa: N815 - Dash's own field name


def parse_callback(raw: bytes, callback_map: dict) -> CallbackRequest:
    """The validated callback body; Refusal(400) says what is wrong with a malformed one."""
    try:
        payload = json.loads(raw or b"null")
    except RecursionError:
        raise Refusal(400, "verzoek te diep genest") from None
    except ValueError:
        raise Refusal(400, "verzoek is geen geldige JSON") from None
    if _depth(payload) > MAX_DEPTH:
        raise Refusal(400, "verzoek te diep genest")
    try:
        body = CallbackRequest.model_validate(payload)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(body)"
        raise Refusal(400, f"ongeldig verzoek: {where}: {first['msg']}") from None
    spec = callback_map.get(body.output)
    if spec is None:
        raise Refusal(400, "onbekende callback")
    if len(body.inputs) != len(spec["inputs"]) or len(body.state) != len(spec["state"]):
        raise Refusal(400, "aantal waarden past niet bij de callback")
    return body


def _depth(value: Any) -> int:
    """How deeply lists and dicts nest in `value` (iterative: the input may be hostile)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                children = item.values() if isinstance(item, dict) else item
                stack.extend((child, level + 1) for child in children)
    return deepest


def named_networks(value: Any, known: frozenset[str]) -> set[str]:
    """Every code of `known` that `value` names, wherever it sits in lists and dicts."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str):
            found |= {part for part in _parts(item) if part in known}
    return found


def _parts(text: str) -> set[str]:
    """The whole text and, for lists, URLs and query strings, each of their values."""
    pieces = [text]
    if "=" in text:
        query = urlparse(text).query if "?" in text else text
        pieces += [value for _, value in parse_qsl(query.lstrip("?"))]
    pieces += [part for piece in list(pieces) if "," in piece for part in piece.split(",")]
    return {piece.strip().upper() for piece in pieces}


def callback_values(body: CallbackRequest) -> list[Any]:
    """Everything of a callback request a callback can read: each slot's id and value."""
    slots: list[_Slot] = []
    for entry in [*body.inputs, *body.state]:
        slots += entry if isinstance(entry, list) else [entry]
    # ctx.triggered_id is read from changedPropIds ("<id>.<property>"; a pattern id is JSON).
    triggered = []
    for prop_id in body.changedPropIds:
        component = prop_id.rsplit(".", 1)[0]
        try:
            triggered.append(json.loads(component) if component.startswith("{") else component)
        except ValueError:
            raise Refusal(400, "ongeldig verzoek: changedPropIds") from None
    return [*([slot.id, slot.value] for slot in slots), *triggered]
