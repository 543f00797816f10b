"""The audit trail: an edit leaves who, when, what, before and after; the administrator browses
and filters it on the Audit page, nobody else may."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard import statusforms
from dashboard.app import create_app
from dashboard.pages.audit import events
from db import models as m
from tests.login import logged_in_client
from tests.test_auth import callback
from tests.test_status_form import GOOD, _alice, _uts_project


@pytest.mark.demo_data
def test_the_audit_trail_of_an_edit(ctx):
    alice, project = _alice(ctx), _uts_project(ctx)
    first = statusforms.submit(ctx, project, "UTS", GOOD, alice)
    second = statusforms.submit(ctx, project, "UTS", {**GOOD, "status": "vastgelopen"}, alice)
    with ctx.engine.connect() as conn:
        trail = conn.execute(
            select(m.AuditEvent)
            .where(m.AuditEvent.entity == "status_update")
            .order_by(m.AuditEvent.id)
        ).all()
    assert [e.actor for e in trail] == ["alice@example.org"] * 2
    assert all(e.user_id == alice.id and e.at is not None for e in trail)
    assert trail[1].entity_id == f"{project}/UTS" and trail[1].action == "submit"
    assert trail[1].before["status"] == "aandacht" and trail[1].before["version"] == first.version
    assert trail[1].after["status"] == "vastgelopen" and trail[1].after["version"] == second.version
    # the Audit page: filters by person and kind, as the administrator only
    assert len(events(ctx.engine, actor="alice@example.org", entity="status_update")) == 2
    assert events(ctx.engine, actor="nobody@example.org").empty
    app = create_app(ctx)
    admin = logged_in_client(app, ctx, "admin")
    shown = callback(
        admin,
        "audit-events",
        {"audit-actor.value": "alice@example.org", "audit-entity.value": "status_update"},
    )
    assert shown.status_code == 200 and "vastgelopen" in shown.get_data(True)
    assert admin.get("/audit").status_code == 200
    bob = logged_in_client(app, ctx, "bob")
    assert bob.get("/audit").status_code == 403
    assert callback(bob, "audit-events", {}).status_code == 403
    rapporteur = logged_in_client(app, ctx, "rapporteur")
    assert callback(rapporteur, "audit-events", {}).status_code == 403
