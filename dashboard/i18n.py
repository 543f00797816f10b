"""The dashboard's side of the one text catalogue (samenwerkingsmonitor/catalogue): the lookup
every page uses, and the language of a request that arrives before Dash (log-in, refusals).

Explanations in the catalogue are written for steering-group members, not analysts: what the
figure shows and how to read it, in plain words.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from flask import request

from samenwerkingsmonitor.catalogue import LANGUAGES, has, language, t

__all__ = ["LANGUAGES", "has", "language", "request_lang", "t"]


def request_lang() -> str:
    """The language of this request: its own `lang`, else that of the page it leads to (`next`).
    The log-in and refusal pages are plain HTML served before Dash, with no session to ask."""
    values = {**request.args, **request.form}
    if values.get("lang"):
        return language(values["lang"])
    target = values.get("next") or ""
    return language(dict(parse_qsl(urlsplit(target).query)).get("lang"))


def problem_text(key: str, message: str, lang: str) -> str:
    """A register problem (collectors/register_rows.py) in the reader's language; its detail
    (after the English message's colon, or in brackets) where the words need it."""
    if not has(f"register_error_{key}"):
        return message
    detail = message.split(": ", 1)[-1] if ": " in message else message
    if "(" in message and key == "before_previous":
        detail = message[message.rindex("(") + 1 : message.rindex(")")]
    return t(f"register_error_{key}", lang, detail=detail)
