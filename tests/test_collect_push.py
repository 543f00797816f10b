"""The push endpoint: status updates as JSON with a per-source token, validated like the files."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from collectors import limits
from dashboard.app import create_app
from db import models as m
from db.engine import transaction
from tests.fixtures.exports import sources_file

URL = "/api/sources/push/status-updates"
TOKEN = "s3cret-token-for-the-survey-tool"


@pytest.fixture
def client(ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCES_FILE", str(sources_file(tmp_path / "sources.yaml")))
    monkeypatch.setenv("TEST_PUSH_TOKEN", TOKEN)
    with transaction(ctx.engine) as s:
        project = m.Project(consortium_id=ctx.consortium_id, code="A027", name="Transmuraal")
        s.add(project)
        s.flush()
        for code in ("UTS", "ZOU"):
            network = s.scalar(select(m.Network.id).where(m.Network.code == code))
            s.add(m.ProjectNetwork(project_id=project.id, network_id=network))
    return create_app(ctx).server.test_client()


def versions(ctx) -> list[tuple]:
    with ctx.engine.connect() as c:
        return c.execute(
            select(
                m.StatusUpdate.version,
                m.StatusUpdate.status,
                m.StatusUpdate.progress,
                m.StatusUpdate.source,
            ).order_by(m.StatusUpdate.version)
        ).all()


def auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_valid_updates_are_stored_as_new_versions(ctx, client):
    update = {
        "project": "A027",
        "network": "UTS",
        "status": "aandacht",
        "progress": 30,
        "submitted_at": "2026-10-01 09:00",
        "narrative": "Pilot loopt",
        "milestones": ["start"],
    }
    answer = client.post(URL, json=update, headers=auth())
    assert answer.status_code == 201 and answer.json["stored"] == 1
    assert client.post(URL, json=update, headers=auth()).json == {
        "stored": 0,
        "unchanged": 1,
        "run": 2,
    }  # the same update again adds nothing
    later = {**update, "status": "op_koers", "progress": 45, "submitted_at": "2026-11-01"}
    assert client.post(URL, json=[later], headers=auth()).status_code == 201
    assert versions(ctx) == [(1, "aandacht", 30, "push"), (2, "op_koers", 45, "push")]


def test_invalid_updates_get_field_errors_and_nothing_is_stored(ctx, client):
    bad = [
        {"project": "A027", "network": "UTS", "status": "op_koers", "progress": 50},
        {"project": "NOPE", "network": "RIV", "status": "prima", "progress": 101, "extra": 1},
    ]
    answer = client.post(URL, json=bad, headers=auth())
    assert answer.status_code == 400
    errors = {(e["index"], e["field"]): e["message"] for e in answer.json["errors"]}
    assert errors[(1, "project")] == "unknown project 'NOPE'"
    assert "is not one of op_koers, aandacht, vastgelopen, afgerond" in errors[(1, "status")]
    assert "0 to 100" in errors[(1, "progress")] and errors[(1, "extra")] == "unknown field"
    assert versions(ctx) == []  # all or nothing
    not_taking_part = {"project": "A027", "network": "RIV", "status": "op_koers"}
    answer = client.post(URL, json=not_taking_part, headers=auth())
    assert (
        answer.json["errors"][0]["message"] == "network 'RIV' does not take part in project 'A027'"
    )
    assert (
        client.post(
            URL, data="{nope", headers={**auth(), "Content-Type": "application/json"}
        ).status_code
        == 400
    )
    with ctx.engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(m.RejectedRow)) >= 2


def test_token_is_required_and_checked(ctx, client, monkeypatch):
    update = {"project": "A027", "network": "UTS", "status": "op_koers"}
    assert client.post(URL, json=update).status_code == 401
    assert client.post(URL, json=update, headers=auth("wrong")).status_code == 401
    assert client.post(URL, json=update, headers={"Authorization": TOKEN}).status_code == 401
    assert (
        client.post("/api/sources/ls/status-updates", json=update, headers=auth()).status_code
        == 404
    )
    monkeypatch.delenv("TEST_PUSH_TOKEN")
    assert client.post(URL, json=update, headers=auth("")).status_code == 401
    assert versions(ctx) == []


def _errors(answer) -> dict:
    return {(e["index"], e["field"]): e["message"] for e in answer.json["errors"]}


def test_types_nesting_and_lengths_are_checked_per_field(ctx, client):
    good = {"project": "A027", "network": "UTS", "status": "op_koers"}
    bad = [
        {**good, "milestones": {"start": "2026-03-01"}},
        {**good, "narrative": "x" * 100_000},
        {**good, "progress": {"value": 40}, "risks": ["a", "b"]},
        {**good, "speerpunten": [["S1"]], "project": "P" * 500},
        {**good, "milestones": ["m" * 5000]},
    ]
    answer = client.post(URL, json=bad, headers=auth())
    assert answer.status_code == 400
    errors = _errors(answer)
    assert "list of texts" in errors[(0, "milestones")]
    assert errors[(1, "narrative")] == "at most 2000 characters"
    assert "number" in errors[(2, "progress")] and "text" in errors[(2, "risks")]
    assert "list of texts" in errors[(3, "speerpunten")]
    assert errors[(3, "project")] == "at most 40 characters"
    assert "at most 300 characters" in errors[(4, "milestones")]
    assert versions(ctx) == []
    with ctx.engine.connect() as c:
        raws = c.scalars(select(m.RejectedRow.raw)).all()
    # the rejects keep the input, cut short: a huge field does not end up in the database whole
    assert raws and max(len(json.dumps(r)) for r in raws) < 5000


def test_a_20_mb_narrative_is_refused_before_it_is_read(ctx, client):
    update = {"project": "A027", "network": "UTS", "status": "op_koers"}
    body = json.dumps({**update, "narrative": "x" * (20 * 1024 * 1024)})
    answer = client.post(URL, data=body, content_type="application/json", headers=auth())
    assert answer.status_code == 413
    assert versions(ctx) == []


def test_deeply_nested_json_and_too_many_updates(ctx, client):
    deep = "[" * 100_000 + "]" * 100_000
    answer = client.post(URL, data=deep, content_type="application/json", headers=auth())
    assert answer.status_code == 400 and "JSON" in answer.json["errors"][0]["message"]
    nested = {"project": "A027", "network": "UTS", "status": "op_koers", "risks": [[[[["x"]]]]]}
    answer = client.post(URL, json=nested, headers=auth())
    assert answer.status_code == 400 and (0, "risks") in _errors(answer)
    many = [{"project": "A027", "network": "UTS", "status": "op_koers"}] * (limits.PUSH_MAX + 1)
    answer = client.post(URL, json=many, headers=auth())
    assert answer.status_code == 400 and str(limits.PUSH_MAX) in answer.json["errors"][0]["message"]
    assert versions(ctx) == []


def test_dates_outside_the_window_and_projects_elsewhere_are_refused(ctx, client):
    update = {"project": "A027", "network": "UTS", "status": "op_koers"}
    for day in ("9999-12-31", "1700-01-01"):
        answer = client.post(URL, json={**update, "submitted_at": day}, headers=auth())
        assert answer.status_code == 400
        assert f"{day} is outside 2000-01-01" in _errors(answer)[(0, "submitted_at")]
    answer = client.post(URL, json={**update, "network": "EEM"}, headers=auth())
    assert _errors(answer)[(0, "network")] == "network 'EEM' does not take part in project 'A027'"
    assert versions(ctx) == []


def test_a_pushed_offset_is_converted_and_a_bare_time_is_local(ctx, client):
    # Issue 13: 25 October 2026 02:30 happens twice in Amsterdam; the offset says which.
    base = {"project": "A027", "network": "UTS", "status": "aandacht", "progress": 30}
    pushed = [
        {**base, "submitted_at": "2026-10-25T02:30:00+01:00"},  # the second 02:30 (winter)
        {**base, "network": "ZOU", "submitted_at": "2026-10-25 02:30"},  # bare: the first
    ]
    assert client.post(URL, json=pushed, headers=auth()).status_code == 201
    with ctx.engine.connect() as c:
        stored = dict(
            c.execute(
                select(m.Network.code, m.StatusUpdate.submitted_at).join(
                    m.Network, m.Network.id == m.StatusUpdate.network_id
                )
            ).all()
        )
    assert stored == {
        "UTS": datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        "ZOU": datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
    }
