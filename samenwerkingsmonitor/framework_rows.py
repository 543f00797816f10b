"""The stored framework rows of one consortium, read with one query a table (issue 18).

Every command stores the framework (`Context.consortium_id` → `store_framework`), and once it is
stored nothing changes: asking for each network, theme, item and link with a query of its own cost
about 190 queries a command. `store_framework` looks here first and asks the database only for
what was not stored when these were read.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m

# Where `store_framework` finds them during one store (Session.info: its own scratch space).
KNOWN = "framework_rows"


def _add(session: Session, known: dict, model: type, statement, *names: str) -> list:
    rows = list(session.scalars(statement))
    for row in rows:
        known[model, tuple(getattr(row, name) for name in names)] = row
    return rows


def known_rows(session: Session, code: str) -> dict:
    """The rows of consortium `code` by (model, values of the keys `store_framework` asks with);
    items by (Item, (instrument id, code)). The link rows are held too (key "links"), so that
    `session.get` finds them in the session's identity map (which holds rows only while someone
    else does) without a query."""
    known: dict = {}
    consortium = session.scalars(select(m.Consortium).filter_by(code=code)).one_or_none()
    if consortium is None:
        return known
    cid = consortium.id
    known[m.Consortium, (code,)] = consortium
    versions = select(m.FrameworkVersion).filter_by(consortium_id=cid)
    _add(session, known, m.FrameworkVersion, versions, "consortium_id", "version")
    for model in (m.Network, m.RespondentGroup, m.Instrument):
        _add(
            session,
            known,
            model,
            select(model).filter_by(consortium_id=cid),
            "consortium_id",
            "code",
        )
    of_consortium = select(m.FrameworkElement).filter_by(consortium_id=cid)
    elements = _add(
        session, known, m.FrameworkElement, of_consortium, "consortium_id", "kind", "code"
    )
    instruments = select(m.Instrument.id).where(m.Instrument.consortium_id == cid)
    for model in (m.Theme, m.Wave):
        of_instruments = select(model).where(model.instrument_id.in_(instruments))
        _add(session, known, model, of_instruments, "instrument_id", "code")
    waves = select(m.Wave.id).where(m.Wave.instrument_id.in_(instruments))
    of_waves = select(m.WaveNetwork).where(m.WaveNetwork.wave_id.in_(waves))
    _add(session, known, m.WaveNetwork, of_waves, "wave_id", "network_id")
    items = select(m.Item, m.Theme.instrument_id).join(m.Theme)
    for item, instrument_id in session.execute(items.where(m.Theme.instrument_id.in_(instruments))):
        known[m.Item, (instrument_id, item.code)] = item
    element_ids = [e.id for e in elements]
    known["links"] = [
        *session.scalars(select(m.ElementLink).where(m.ElementLink.parent_id.in_(element_ids))),
        *session.scalars(select(m.ItemElement).where(m.ItemElement.element_id.in_(element_ids))),
    ]
    return known
