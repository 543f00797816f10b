"""The project register (issue 14): checks per field, lifecycle with date and reason, versions
and audit events, deleting only what has no status updates — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select

from collectors import projects as register
from collectors.register_rows import RegisterInvalid
from db import models as m

TODAY = date(2026, 3, 1)
PZP = {
    "code": "PZP",
    "name": "Implementatie richtlijn proactieve zorgplanning",
    "description": "Scholing en gesprekskaarten; -wekelijks overleg",
    "owner": "Netwerk Utrecht stad",
    "start": "01-02-2024",
    "end": "2026-12-31",
    "networks": "UTS; EEM",
    "tags": ["S6", "A1", "K2", "L1"],
    "lifecycle": "actief",
}


def save(ctx, form: dict, **kw) -> int:
    return register.save_project(ctx.engine, ctx.consortium_id, form, today=TODAY, **kw)


def problems(ctx, form: dict, **kw) -> dict[str, str]:
    with pytest.raises(RegisterInvalid) as caught:
        save(ctx, form, **kw)
    return {p.field: p.key for p in caught.value.problems}


def entry(ctx, code: str) -> dict:
    frame = register.list_projects(ctx.engine, ctx.consortium_id)
    return frame.loc[frame["code"] == code].iloc[0].to_dict()


def audit_trail(ctx) -> list[tuple]:
    a = m.AuditEvent
    with ctx.engine.connect() as conn:
        return conn.execute(
            select(a.action, a.before, a.after).where(a.entity == "project").order_by(a.id)
        ).all()


def test_a_project_is_stored_with_its_register_columns(ctx):
    project_id = save(ctx, PZP)
    stored = entry(ctx, "PZP")
    assert stored["id"] == project_id
    assert stored["start"] == "2024-02-01" and stored["end"] == "2026-12-31"
    assert stored["networks"] == ["EEM", "UTS"]
    assert stored["tags"] == ["A1", "K2", "L1", "S6"]
    assert (stored["lifecycle"], stored["lifecycle_date"]) == ("actief", "2026-03-01")
    assert stored["owner"] == "Netwerk Utrecht stad"
    with ctx.engine.connect() as conn:
        record = conn.execute(select(m.ProjectRecord)).one()
        versions = conn.execute(select(m.ProjectVersion.version, m.ProjectVersion.values)).all()
    # stored as an aware UTC moment (PostgreSQL keeps the zone; SQLite gives it back naive)
    assert isinstance(record.updated_at, datetime)
    assert [v for v, _ in versions] == [1] and versions[0][1]["tags"] == ["A1", "K2", "L1", "S6"]
    [(action, before, after)] = audit_trail(ctx)
    assert (action, before, after["code"]) == ("create", None, "PZP")


def test_every_field_is_checked(ctx):
    bad = {
        "code": "P Z P",
        "name": "",
        "start": "31-02-2024",
        "networks": "UTS;XXX",
        "tags": "A1;Z9",
        "lifecycle": "bezig",
        "lifecycle_date": "2027-01-01",
    }
    assert problems(ctx, bad) == {
        "code": "code_characters",
        "name": "required",
        "start": "date",
        "networks": "unknown",
        "tags": "unknown",
        "lifecycle": "lifecycle",
        "lifecycle_date": "future",
    }
    assert problems(ctx, {**PZP, "start": "2026-01-01", "end": "2025-01-01"}) == {
        "end": "end_before_start"
    }
    save(ctx, PZP)
    assert problems(ctx, {**PZP, "name": "Ander project"}) == {"code": "code_taken"}
    assert register.list_projects(ctx.engine, ctx.consortium_id)["code"].tolist() == ["PZP"]


def test_lifecycle_changes_keep_their_date_and_reason(ctx):
    project_id = save(ctx, {**PZP, "lifecycle": "voorstel", "lifecycle_date": "2024-01-15"})
    # an unchanged save changes nothing: no version, no audit event
    save(ctx, {**PZP, "lifecycle": "voorstel"}, project_id=project_id)
    assert len(audit_trail(ctx)) == 1
    save(ctx, {**PZP, "lifecycle": "actief", "lifecycle_date": "01-02-2024"}, project_id=project_id)
    # stopping needs a reason, and a date not before the previous change
    assert problems(ctx, {**PZP, "lifecycle": "gestopt"}, project_id=project_id) == {
        "lifecycle_reason": "reason"
    }
    assert problems(
        ctx,
        {**PZP, "lifecycle": "gestopt", "lifecycle_reason": "x", "lifecycle_date": "2023-12-01"},
        project_id=project_id,
    ) == {"lifecycle_date": "before_previous"}
    save(
        ctx,
        {**PZP, "lifecycle": "gestopt", "lifecycle_reason": "Geen financiering meer"},
        project_id=project_id,
    )
    history = register.lifecycle_history(ctx.engine, ctx.consortium_id, project_id)
    assert list(zip(history["lifecycle"], history["changed_on"], history["reason"])) == [
        ("voorstel", date(2024, 1, 15), None),
        ("actief", date(2024, 2, 1), None),
        ("gestopt", TODAY, "Geen financiering meer"),
    ]
    stored = entry(ctx, "PZP")
    assert (stored["lifecycle"], stored["lifecycle_reason"]) == (
        "gestopt",
        "Geen financiering meer",
    )
    # correcting the date of the current change corrects it, it adds no change
    save(
        ctx,
        {
            **PZP,
            "lifecycle": "gestopt",
            "lifecycle_date": "2026-02-15",
            "lifecycle_reason": "Geen financiering meer",
        },
        project_id=project_id,
    )
    history = register.lifecycle_history(ctx.engine, ctx.consortium_id, project_id)
    assert history["changed_on"].tolist()[-1] == date(2026, 2, 15) and len(history) == 3
    with ctx.engine.connect() as conn:
        versions = conn.scalars(select(m.ProjectVersion.version).order_by(m.ProjectVersion.id))
        assert list(versions) == [1, 2, 3, 4]
    actions = [a for a, _, _ in audit_trail(ctx)]
    assert actions == ["create", "update", "update", "update"]
    before, after = audit_trail(ctx)[2][1:]
    assert (before["lifecycle"], after["lifecycle"]) == ("actief", "gestopt")


def test_a_project_with_status_updates_is_ended_not_deleted(ctx):
    kept = save(ctx, PZP)
    typo = save(ctx, {**PZP, "code": "PZPP"})
    with ctx.engine.begin() as conn:
        network = conn.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        conn.execute(
            insert(m.StatusUpdate).values(
                project_id=kept,
                network_id=network,
                version=1,
                status="op_koers",
                submitted_at=datetime(2026, 2, 1, tzinfo=UTC),
            )
        )
    with pytest.raises(RegisterInvalid) as caught:
        register.delete_project(ctx.engine, ctx.consortium_id, kept)
    assert caught.value.problems[0].key == "has_updates"
    register.delete_project(ctx.engine, ctx.consortium_id, typo)
    assert register.list_projects(ctx.engine, ctx.consortium_id)["code"].tolist() == ["PZP"]
    assert [a for a, _, _ in audit_trail(ctx)] == ["create", "create", "delete"]


def test_a_project_made_before_the_register_counts_as_active(ctx):
    with ctx.engine.begin() as conn:
        conn.execute(
            insert(m.Project).values(consortium_id=ctx.consortium_id, code="OUD", name="Oud")
        )
    stored = entry(ctx, "OUD")
    assert (stored["lifecycle"], stored["lifecycle_date"], stored["networks"]) == (
        "actief",
        None,
        [],
    )
    save(ctx, {"code": "OUD", "name": "Oud", "lifecycle": "actief"}, project_id=stored["id"])
    assert audit_trail(ctx) == []  # nothing changed


def test_an_id_from_a_request_is_one_of_this_consortiums_projects_or_none(ctx):
    project_id = save(ctx, PZP)
    assert register.project_id_of(ctx.engine, ctx.consortium_id, str(project_id)) == project_id
    assert register.project_id_of(ctx.engine, ctx.consortium_id + 1, project_id) is None
    for wanted in (None, "", "PZP", "1 or 1=1", project_id + 1):
        assert register.project_id_of(ctx.engine, ctx.consortium_id, wanted) is None
