"""Proposed initiatives decided (issue 14): the beheerder accepts one (it becomes a project of the
register with the proposer's network and its framework choices), rejects one with a reason or asks
for more; the proposer sees the decision and reason; nobody else sees the review list."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from accounts.users import load_account
from collectors import projects as project_register
from collectors import proposals
from collectors.register_rows import RegisterInvalid
from dashboard.app import create_app
from dashboard.statusforms import propose_project
from db import models as m
from tests.login import ensure_user, logged_in_client
from tests.test_agreements import post
from tests.test_auth import _find, page_layout

ANSWERS = {
    "name": "Rouwcafé in de wijk",
    "description": "Samen met welzijn een maandelijks rouwcafé.",
    "partners": 4,
    "checks": ["energie", "haalbaar"],
    "ambition": "A3",
    "kernthemas": ["K2"],
    "actielijnen": ["L2"],
    "speerpunten": ["S6", "S7"],
}


def _account(ctx, name: str):
    email = ensure_user(ctx, name)
    with ctx.engine.connect() as conn:
        return load_account(conn, email=email)


def _propose(ctx, **changes) -> int:
    propose_project(ctx, "UTS", {**ANSWERS, **changes}, _account(ctx, "alice"))
    with ctx.engine.connect() as conn:
        return conn.scalar(select(m.ProjectProposal.id).order_by(m.ProjectProposal.id.desc()))


def test_an_accepted_proposal_becomes_a_project_of_the_register(ctx):
    proposal = _propose(ctx)
    admin = _account(ctx, "admin")
    with pytest.raises(RegisterInvalid) as caught:  # accepting needs the new project's code
        proposals.decide(ctx.engine, ctx.consortium_id, proposal, decision="accepted", actor=admin)
    assert caught.value.problems[0].field == "code"
    project_id = proposals.decide(
        ctx.engine, ctx.consortium_id, proposal, decision="accepted", code="ROUW", actor=admin
    )
    entry = project_register.list_projects(ctx.engine, ctx.consortium_id).iloc[0]
    assert (entry["id"], entry["code"], entry["name"]) == (project_id, "ROUW", ANSWERS["name"])
    assert entry["networks"] == ["UTS"]
    assert entry["tags"] == ["A3", "K2", "L2", "S6", "S7"]
    assert (entry["lifecycle"], entry["lifecycle_reason"]) == (
        "actief",
        f"voorstel {proposal} aanvaard",
    )
    frame = proposals.list_proposals(ctx.engine, ctx.consortium_id)
    assert (frame["decision"].iloc[0], frame["project"].iloc[0]) == ("accepted", "ROUW")
    assert proposals.open_proposals(ctx.engine, ctx.consortium_id).empty
    with pytest.raises(RegisterInvalid) as caught:  # decided for good
        proposals.decide(
            ctx.engine, ctx.consortium_id, proposal, decision="rejected", reason="x", actor=admin
        )
    assert caught.value.problems[0].key == "decided"


def test_a_rejection_and_a_question_need_a_reason(ctx):
    proposal = _propose(ctx)
    admin = _account(ctx, "admin")
    for decision in ("rejected", "more_info"):
        with pytest.raises(RegisterInvalid) as caught:
            proposals.decide(
                ctx.engine, ctx.consortium_id, proposal, decision=decision, actor=admin
            )
        assert caught.value.problems[0].field == "reason"
    proposals.decide(
        ctx.engine,
        ctx.consortium_id,
        proposal,
        decision="more_info",
        reason="Welke partners doen mee?",
        actor=admin,
    )
    assert list(proposals.open_proposals(ctx.engine, ctx.consortium_id)["id"]) == [proposal]
    proposals.decide(
        ctx.engine,
        ctx.consortium_id,
        proposal,
        decision="rejected",
        reason="Past niet in het jaarplan 2026.",
        actor=admin,
    )
    assert proposals.open_proposals(ctx.engine, ctx.consortium_id).empty
    with ctx.engine.connect() as conn:
        events = conn.execute(
            select(m.AuditEvent.action, m.AuditEvent.after).where(
                m.AuditEvent.entity == "project_proposal"
            )
        ).all()
    assert [(a, after.get("decision")) for a, after in events] == [
        ("propose", None),
        ("decide", "more_info"),
        ("decide", "rejected"),
    ]


def test_the_review_list_is_the_administrators_and_the_proposer_sees_the_decision(ctx):
    proposal = _propose(ctx)
    app = create_app(ctx)
    admin, alice, bob = (logged_in_client(app, ctx, n) for n in ("admin", "alice", "bob"))
    review = {"projectregister-lang.data": "nl"}
    # a steering-group member sees no review list: not in the layout, refused by its callback
    for client in (bob, alice):
        layout = page_layout(client, "/projectregister").get_data(True)
        assert "proposal-review" not in layout
        answer = post(client, "proposal-review-list", review, "proposal-review-feedback.children")
        assert answer.status_code == 403
        decide = {
            "proposal-review-submit.n_clicks": 1,
            "proposal-review-choice.value": str(proposal),
            "proposal-review-decision.value": "rejected",
            "proposal-review-reason.value": "nee",
        }
        assert (
            post(
                client, "proposal-review-feedback", decide, "proposal-review-submit.n_clicks"
            ).status_code
            == 403
        )
    layout = page_layout(admin, "/projectregister").json["response"]["_pages_content"]
    assert _find(layout["children"], "proposal-review") is not None
    shown = post(admin, "proposal-review-list", review, "proposal-review-feedback.children")
    text = json.dumps(shown.json, ensure_ascii=False)
    assert "Rouwcafé in de wijk" in text
    assert "✓ Er is energie en draagvlak in de regio" in text
    assert "✗ Sluit aan bij de IZA-plannen" in text

    decide = {
        "proposal-review-submit.n_clicks": 1,
        "proposal-review-choice.value": str(proposal),
        "proposal-review-decision.value": "rejected",
        "proposal-review-reason.value": "Past niet in het jaarplan 2026.",
        "projectregister-reload.data": {"n": 0, "id": None},
        "projectregister-lang.data": "nl",
    }
    answer = post(admin, "proposal-review-feedback", decide, "proposal-review-submit.n_clicks")
    assert "Besluit vastgelegd." in answer.get_data(True)

    # the proposer sees the decision and its reason on Status doorgeven, for her network only
    mine = {"status-network.value": "UTS"}
    answer = post(alice, "proposal-decisions", mine, "status-network.value")
    text = json.dumps(answer.json, ensure_ascii=False)
    assert "afgewezen" in text and "Past niet in het jaarplan 2026." in text
    other = post(
        alice, "proposal-decisions", {"status-network.value": "EEM"}, "status-network.value"
    )
    assert other.status_code == 403
