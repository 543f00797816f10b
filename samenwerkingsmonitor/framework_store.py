"""Writes a loaded framework into the database (the framework file is the source of truth).

Codes are the keys: running this twice changes nothing, a renamed label is updated, and items that
left the framework are kept inactive so their old answers still mean something.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from db.types import utcnow
from samenwerkingsmonitor.framework import Framework
from samenwerkingsmonitor.framework_rows import KNOWN, known_rows


def _upsert(session: Session, model: type, keys: dict, values: dict):
    row = session.info[KNOWN].get((model, tuple(keys.values())))
    if row is None:  # not stored when the rows were read (framework_rows.py), or since
        row = session.scalars(select(model).filter_by(**keys)).one_or_none()
    if row is None:
        row = model(**keys, **values)
        session.add(row)
        session.flush()
    else:
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
    return row


def _link(session: Session, model: type, **keys) -> None:
    if session.get(model, tuple(keys.values())) is None:
        session.add(model(**keys))


def store_framework(session: Session, fw: Framework) -> m.Consortium:
    """Create or update the consortium's framework rows from `fw`; returns the consortium."""
    session.info[KNOWN] = known_rows(session, fw.consortium.code)  # read by _upsert, _item_row
    consortium = _upsert(
        session, m.Consortium, {"code": fw.consortium.code}, {"name": fw.consortium.name}
    )
    cid = consortium.id
    _upsert(
        session,
        m.FrameworkVersion,
        {"consortium_id": cid, "version": fw.version},
        # loaded_at: when this file was stored last, which `framework_lookup.stored_as_latest` asks.
        {"path": str(fw.path), "loaded_at": utcnow()},
    )
    networks = {
        n.code: _upsert(
            session, m.Network, {"consortium_id": cid, "code": n.code}, {"name": n.name}
        )
        for n in fw.networks
    }
    for g in fw.groups:
        _upsert(
            session, m.RespondentGroup, {"consortium_id": cid, "code": g.code}, {"name": g.name}
        )
    elements = _store_elements(session, fw, cid)
    instruments = {
        inst.code: _store_instrument(session, inst, cid, elements) for inst in fw.instruments
    }
    _store_waves(session, fw, instruments, networks)
    session.flush()
    del session.info[KNOWN]
    return consortium


def _store_elements(session: Session, fw: Framework, cid: int) -> dict:
    """The framework's code lists and the ambitions' links to their speerpunten."""
    elements: dict[tuple[str, str], m.FrameworkElement] = {}
    for kind, entries in (
        ("vision_element", fw.vision_elements),
        ("speerpunt", fw.speerpunten),
        ("ambition", fw.ambitions),
        ("kernthema", fw.kernthemas),
        ("actielijn", fw.actielijnen),
    ):
        for e in entries:
            elements[kind, e.code] = _upsert(
                session,
                m.FrameworkElement,
                {"consortium_id": cid, "kind": kind, "code": e.code},
                {"name": e.name, "name_en": getattr(e, "name_en", None)},
            )
    for a in fw.ambitions:
        for s in a.speerpunten:
            _link(
                session,
                m.ElementLink,
                parent_id=elements["ambition", a.code].id,
                child_id=elements["speerpunt", s].id,
            )
    return elements


def _store_instrument(session: Session, inst, cid: int, elements: dict) -> m.Instrument:
    """An instrument with its themes and items; items no longer in the file become inactive."""
    instrument = _upsert(
        session,
        m.Instrument,
        {"consortium_id": cid, "code": inst.code},
        {"name": inst.name, "kind": inst.kind},
    )
    seen_items: set[int] = set()
    for t_pos, t in enumerate(inst.themes):
        theme = _upsert(
            session,
            m.Theme,
            {"instrument_id": instrument.id, "code": t.code},
            {"name": t.name, "name_en": getattr(t, "name_en", None), "position": t_pos},
        )
        for i_pos, it in enumerate(t.items):
            item = _item_row(session, instrument.id, theme.id, it, i_pos)
            seen_items.add(item.id)
            linked = [("vision_element", c) for c in it.vision_elements]
            for kind_code in linked + [("speerpunt", c) for c in it.speerpunten]:
                _link(session, m.ItemElement, item_id=item.id, element_id=elements[kind_code].id)
    stale = select(m.Item).join(m.Theme).where(m.Theme.instrument_id == instrument.id)
    for item in session.scalars(stale):
        if item.id not in seen_items:
            item.active = False
    return instrument


def _store_waves(session: Session, fw: Framework, instruments: dict, networks: dict) -> None:
    """The waves the file declares, with their invited counts per network."""
    for w in fw.waves:
        wave = _upsert(
            session,
            m.Wave,
            {"instrument_id": instruments[w.instrument].id, "code": w.code},
            {"reference_date": w.reference_date, "reference_date_fixed": True}
            if w.reference_date
            else {},
        )
        for code, invited in (w.invited or {}).items():
            _upsert(
                session,
                m.WaveNetwork,
                {"wave_id": wave.id, "network_id": networks[code].id},
                {"invited": invited},
            )


def _item_row(session: Session, instrument_id: int, theme_id: int, it, position: int) -> m.Item:
    # An item code is unique within its instrument; it may move to another theme between versions.
    item = session.info[KNOWN].get((m.Item, (instrument_id, it.code)))
    if item is None:
        item = session.scalars(
            select(m.Item)
            .join(m.Theme)
            .where(m.Theme.instrument_id == instrument_id, m.Item.code == it.code)
        ).one_or_none()
    values = {
        "theme_id": theme_id,
        "text": it.text,
        "text_en": getattr(it, "text_en", None),
        "reverse": it.reverse,
        "position": position,
        "active": True,
    }
    if item is None:
        item = m.Item(code=it.code, **values)
        session.add(item)
        session.flush()
    else:
        for name, value in values.items():
            setattr(item, name, value)
    return item
