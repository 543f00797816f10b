"""The consortium's foreword to its NPPZ report: the report text without a network
(reports/report_texts.py keeps its versions), printed on the report's cover page."""

from __future__ import annotations

from sqlalchemy import Engine

from reports.report_texts import MAX_LENGTH, TextTooLong, current_text, save_text

ForewordTooLong = TextTooLong
__all__ = ["MAX_LENGTH", "ForewordTooLong", "load_foreword", "save_foreword"]


def load_foreword(engine: Engine, consortium_id: int) -> str:
    return current_text(engine, consortium_id)


def save_foreword(engine: Engine, consortium_id: int, text: str, actor=None) -> str:
    """Store the foreword as a new version (an empty text removes it); returns the text."""
    save_text(engine, consortium_id, text, actor)
    return (text or "").strip()
