"""The consortium's own words in its report: the foreword and a reflection per network, each
save kept as a version (who, when), the latest in force, an empty one removing the text; and
migration 0012 carries a stored foreword over as its first version and back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select, text

from accounts.users import Account
from db import models as m
from db.engine import downgrade, make_engine, upgrade
from reports.foreword import load_foreword, save_foreword
from reports.report_texts import (
    MAX_LENGTH,
    TextTooLong,
    UnknownNetwork,
    current_text,
    reflections,
    save_text,
    versions,
)


def _account(ctx, name: str, role: str = "rapporteur") -> Account:
    with ctx.engine.begin() as c:
        uid = c.execute(
            insert(m.User).values(email=f"{name.lower()}@septet.test", name=name, role=role)
        ).inserted_primary_key[0]
    return Account(id=uid, email=f"{name.lower()}@septet.test", name=name, role=role, active=True)


def test_every_save_is_a_version_with_who_and_when(ctx):
    anna, piet = _account(ctx, "Anna"), _account(ctx, "Piet", "beheerder")
    cid = ctx.consortium_id
    first = save_text(ctx.engine, cid, "Utrecht stad werkte <b>hard</b>.", anna, network="UTS")
    assert first.version == 1 and first.saved_by == "Anna"
    assert save_text(ctx.engine, cid, "  Utrecht stad werkte <b>hard</b>.  ", piet, "UTS") is None
    save_text(ctx.engine, cid, "Utrecht stad werkte samen.", piet, network="UTS")
    save_text(ctx.engine, cid, "Eemland begon.", anna, network="EEM")
    history = versions(ctx.engine, cid, "UTS")
    assert [(v.version, v.text, v.saved_by) for v in history] == [
        (2, "Utrecht stad werkte samen.", "Piet"),
        (1, "Utrecht stad werkte <b>hard</b>.", "Anna"),
    ]
    assert all(v.saved_at.tzinfo is not None for v in history)
    assert abs((datetime.now(UTC) - history[0].saved_at).total_seconds()) < 60
    assert reflections(ctx.engine, cid) == {
        "UTS": "Utrecht stad werkte samen.",
        "EEM": "Eemland begon.",
    }
    # the foreword is the text without a network: its own versions
    assert current_text(ctx.engine, cid) == "" and versions(ctx.engine, cid) == []
    save_foreword(ctx.engine, cid, "Voorwoord een", anna)
    save_foreword(ctx.engine, cid, "Voorwoord twee", piet)
    assert load_foreword(ctx.engine, cid) == "Voorwoord twee"
    assert [v.version for v in versions(ctx.engine, cid)] == [2, 1]
    assert len(versions(ctx.engine, cid, "UTS")) == 2


def test_an_empty_text_removes_it_and_stays_in_the_history(ctx):
    cid = ctx.consortium_id
    save_text(ctx.engine, cid, "Eerste reflectie", network="LEK")
    removed = save_text(ctx.engine, cid, "   ", network="LEK")
    assert removed.version == 2 and removed.text == ""
    assert current_text(ctx.engine, cid, "LEK") == "" and reflections(ctx.engine, cid) == {}
    assert [v.text for v in versions(ctx.engine, cid, "LEK")] == ["", "Eerste reflectie"]
    with ctx.engine.connect() as c:
        events = c.execute(
            select(m.AuditEvent.entity, m.AuditEvent.entity_id, m.AuditEvent.after).order_by(
                m.AuditEvent.id
            )
        ).all()
    assert events == [
        ("report_reflection", "LEK", {"text": "Eerste reflectie"}),
        ("report_reflection", "LEK", {"text": None}),
    ]


def test_too_long_and_unknown_networks_are_refused(ctx):
    cid = ctx.consortium_id
    with pytest.raises(TextTooLong):
        save_text(ctx.engine, cid, "x" * (MAX_LENGTH + 1), network="UTS")
    with pytest.raises(UnknownNetwork):
        save_text(ctx.engine, cid, "Tekst", network="XYZ")
    assert versions(ctx.engine, cid, "UTS") == []


def test_migration_0012_keeps_the_stored_foreword_as_its_first_version(database_url):
    engine = make_engine(database_url)
    try:
        downgrade(engine, "0011")
        with engine.begin() as c:
            c.execute(text("INSERT INTO consortium (id, code, name) VALUES (7, 'SEP', 'Septet')"))
            c.execute(
                text(
                    "INSERT INTO report_foreword (consortium_id, text, updated_at)"
                    " VALUES (7, 'Ons voorwoord', :at)"
                ),
                {"at": datetime(2026, 5, 1, 8, 0, tzinfo=UTC)},
            )
        upgrade(engine)
        assert current_text(engine, 7) == "Ons voorwoord"
        (first,) = versions(engine, 7)
        assert first.version == 1 and first.saved_at == datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
        save_text(engine, 7, "Nieuw voorwoord")
        downgrade(engine, "0011")
        with engine.connect() as c:
            assert c.execute(text("SELECT consortium_id, text FROM report_foreword")).all() == [
                (7, "Nieuw voorwoord")
            ]
    finally:
        upgrade(engine)
        engine.dispose()
