"""Limits on what may be stored, shared by every way in: spreadsheets, the push endpoint and the
dashboard's forms validate against these same numbers (docs/security.md, "Limits").

Lengths are in characters; they keep one field from filling the database or a page, and are far
above what a report needs. Dates outside the window are typing errors (9999-12-31, 1700-01-01),
not history or plans.
"""

from __future__ import annotations

from datetime import date, timedelta

from samenwerkingsmonitor import clock

CODE_MAX = 40  # project, network, partner and goal codes (the columns are String(40))
STATUS_MAX = 20
NAME_MAX = 200  # names of organisations, proposals
TEXT_MAX = 2000  # a narrative, risks, a description
MILESTONE_MAX = 300  # one milestone
MILESTONES_MAX = 50  # milestones in one update
SPEERPUNTEN_MAX = 20
DATE_TEXT_MAX = 40  # a date as text ("2026-11-02 09:46")
PUSH_MAX = 500  # status updates in one push
REJECT_TEXT_MAX = 500  # a value kept with a rejected row is cut to this

# The plausible window for a date in a status update, a goal value or a milestone.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_AHEAD = timedelta(days=366)


def latest_date(today: date | None = None) -> date:
    return (today or clock.today()) + LATEST_AHEAD


def date_problem(day: date, today: date | None = None) -> str | None:
    """Why `day` is not a plausible date (English, for the collectors' errors), or None."""
    latest = latest_date(today)
    if EARLIEST_DATE <= day <= latest:
        return None
    return f"{day.isoformat()} is outside {EARLIEST_DATE.isoformat()} … {latest.isoformat()}"


def too_long(text: str | None, limit: int) -> str | None:
    """The error for a text above its limit, or None."""
    return f"at most {limit} characters" if text is not None and len(text) > limit else None


def clip(value, limit: int = REJECT_TEXT_MAX, depth: int = 0):
    """A copy of `value` with every text cut to `limit` characters, every list or object to
    `limit` entries and nesting to a few levels: what a rejected row keeps of its input."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[:limit] + "…"
    if isinstance(value, dict | list | tuple) and depth >= 4:
        return "…"
    if isinstance(value, dict):
        return {clip(str(k), 80): clip(v, limit, depth + 1) for k, v in list(value.items())[:limit]}
    if isinstance(value, list | tuple):
        return [clip(v, limit, depth + 1) for v in value[:limit]]
    return value
