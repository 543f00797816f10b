"""The DIN's latest half-yearly review in the NPPZ report: its date, the decision per project
(continue, adjust, stop) and the note. Short on purpose; absent when no review was recorded up to
the report's reference date."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from reports.content import ReportContent
from reports.layout import FRAME_WIDTH, heading, p, table
from reports.wording import day, t


def din_review_section(content: ReportContent, lang: str) -> list:
    review = content.din_review
    if review is None:
        return []
    parts = [
        heading(t("din_review", lang)),
        p(t("din_review_intro", lang, date=day(review.reviewed_on, lang))),
    ]
    if review.note:
        parts.append(p(review.note))
    rows = [
        [f"{name} ({code})", t(f"din_decision_{decision}", lang)]
        for code, (decision, name) in review.decisions.items()
    ]
    if rows:
        header = [t("project", lang), t("din_review_decision", lang)]
        parts.append(table(header, rows, [0.7 * FRAME_WIDTH, 0.3 * FRAME_WIDTH]))
    return [*parts, PageBreak()]
