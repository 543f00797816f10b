"""The consortium's foreword to its NPPZ report: one text per consortium, entered on the
Rapportage page by the beheerder or the rapporteur, printed on the report's cover page (as
text: reports/layout.p escapes it). Every change goes into the audit trail."""

from __future__ import annotations

from sqlalchemy import Engine, delete, insert, select, update

from db import models as m
from samenwerkingsmonitor import clock

MAX_LENGTH = 3000  # about half a page under the cover's title


class ForewordTooLong(ValueError):
    """A foreword longer than MAX_LENGTH characters."""


def load_foreword(engine: Engine, consortium_id: int) -> str:
    with engine.connect() as c:
        text = c.scalar(
            select(m.ReportForeword.text).where(m.ReportForeword.consortium_id == consortium_id)
        )
    return text or ""


def save_foreword(engine: Engine, consortium_id: int, text: str, actor=None) -> str:
    """Store the foreword (an empty text removes it); returns the stored text."""
    from samenwerkingsmonitor.accounts import audit

    text = (text or "").strip()
    if len(text) > MAX_LENGTH:
        raise ForewordTooLong(f"at most {MAX_LENGTH} characters (got {len(text)})")
    table = m.ReportForeword
    own = table.consortium_id == consortium_id
    with engine.begin() as c:
        before = c.scalar(select(table.text).where(own))
        if not text:
            c.execute(delete(table).where(own))
        elif before is None:
            c.execute(
                insert(table).values(
                    consortium_id=consortium_id, text=text, updated_by=getattr(actor, "id", None)
                )
            )
        else:
            c.execute(
                update(table)
                .where(own)
                .values(
                    text=text,
                    updated_by=getattr(actor, "id", None),
                    updated_at=clock.now_utc().replace(microsecond=0),
                )
            )
        if before != (text or None):
            audit(
                c,
                actor,
                "update",
                "report_foreword",
                consortium_id,
                {"text": before},
                {"text": text or None},
            )
    return text
