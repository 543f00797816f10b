"""Decisions on proposed initiatives (issue 14): a coordinator proposes one on Status doorgeven
(dashboard/statusforms.py stores it with the afwegingskader's verdict per criterion); the
beheerder accepts it — it becomes a project of the register, the proposer's network taking part
and its ambition, kernthema's, actielijnen and speerpunten as tags — rejects it with a reason, or
asks for more (the question is the reason). The proposer sees the decision and reason.

A decision is a row of proposal_decision (the latest counts) and an audit event. An accepted
proposal is decided for good; one rejected or sent back may be decided again. Who may decide
(the beheerder) is the caller's check.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from accounts.users import Account, audit
from collectors.projects import ProjectLookups, check_project, write_project
from collectors.register_rows import Checker, Problem, RegisterInvalid, now, text_of
from db import models as m
from db.engine import transaction
from db.models.registers import AWAITING_DECISIONS, DECISIONS
from samenwerkingsmonitor import clock

REASON_MAX = 2000
OPEN = (None, *AWAITING_DECISIONS)  # no decision yet, or one that asks for more
COLUMNS = [
    "id",
    "network",
    "name",
    "description",
    "answers",
    "criteria_met",
    "criteria_unmet",
    "proposed_by",
    "proposed_at",
    "decision",
    "reason",
    "decided_at",
    "project",
]


def list_proposals(
    engine: Engine, consortium_id: int, networks: list[str] | None = None
) -> pd.DataFrame:
    """The proposals (of these networks), newest first, each with its latest decision (None:
    not decided yet) and the project code it became."""
    p, d = m.ProjectProposal, m.ProposalDecision
    query = (
        select(
            p.id,
            m.Network.code,
            p.name,
            p.description,
            p.answers,
            p.criteria_met,
            p.criteria_unmet,
            m.User.name,
            p.proposed_at,
        )
        .join(m.Network, m.Network.id == p.network_id)
        .outerjoin(m.User, m.User.id == p.proposed_by)
        .where(p.consortium_id == consortium_id)
        .order_by(p.proposed_at.desc(), p.id.desc())
    )
    if networks is not None:
        query = query.where(m.Network.code.in_(list(networks)))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        latest = {}
        for decision in conn.execute(
            select(d.proposal_id, d.decision, d.reason, d.decided_at, m.Project.code)
            .outerjoin(m.Project, m.Project.id == d.project_id)
            .where(d.proposal_id.in_([r.id for r in rows]))
            .order_by(d.id)
        ):
            latest[decision.proposal_id] = decision
    records = []
    for r in rows:
        decided = latest.get(r.id)
        records.append([*r, *(decided[1:] if decided else (None, None, None, None))])
    return pd.DataFrame(records, columns=COLUMNS, dtype=object)


def open_proposals(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """The proposals waiting for the beheerder: not decided, or sent back for more."""
    frame = list_proposals(engine, consortium_id)
    return frame.loc[[d in OPEN for d in frame["decision"]]].reset_index(drop=True)


def project_entry(proposal: Proposal, code: str, today: date) -> dict:
    """The register entry an accepted proposal becomes: its name and description, the
    proposer's network taking part, its framework choices as tags, active from today."""
    answers = proposal.answers or {}
    tags = [answers.get("ambition")] + [
        code_
        for key in ("kernthemas", "actielijnen", "speerpunten")
        for code_ in answers.get(key) or []
    ]
    return {
        "code": code,
        "name": proposal.name,
        "description": proposal.description,
        "owner": None,
        "start": today,
        "networks": [proposal.network],
        "tags": [t for t in tags if t],
        "lifecycle": "actief",
        "lifecycle_reason": f"voorstel {proposal.id} aanvaard",
    }


def decide(
    engine: Engine,
    consortium_id: int,
    proposal_id: int,
    *,
    decision: str,
    reason: str | None = None,
    code: str | None = None,
    actor: Account | None = None,
    today: date | None = None,
) -> int | None:
    """Record the beheerder's decision; for an accepted proposal the new project's id (its
    `code` is the beheerder's choice). RegisterInvalid when the decision cannot be taken."""
    today = today or clock.today()
    c = Checker()
    if decision not in DECISIONS:
        c.add("decision", "decision", f"unknown decision '{decision}'")
    reason = c.text("reason", reason, REASON_MAX, required=decision != "accepted")
    with transaction(engine) as session:
        conn = session.connection()
        proposal = _proposal(conn, consortium_id, proposal_id)
        if proposal is None:
            raise RegisterInvalid([Problem("proposal", "unknown", f"no proposal {proposal_id}")])
        if proposal.decision == "accepted":
            c.add("proposal", "decided", "the proposal was accepted already")
        project_id = None
        if decision == "accepted" and not c.problems:
            project_id = _accept(conn, consortium_id, proposal, text_of(code), actor, today)
        if c.problems:
            raise RegisterInvalid(c.problems)
        conn.execute(
            insert(m.ProposalDecision).values(
                proposal_id=proposal.id,
                decision=decision,
                reason=reason,
                project_id=project_id,
                decided_at=now(),
                decided_by=actor.id if actor else None,
            )
        )
        after = {"decision": decision, "reason": reason, "project": text_of(code) or None}
        audit(conn, actor, "decide", "project_proposal", proposal.id, None, after)
    return project_id


class Proposal(NamedTuple):
    id: int
    name: str
    description: str | None
    answers: dict | None
    network: str
    decision: str | None  # the latest one, None before the first


def _proposal(conn: Connection, consortium_id: int, proposal_id) -> Proposal | None:
    """A proposal of this consortium with its latest decision (ids come from a request)."""
    try:
        wanted = int(proposal_id)
    except (TypeError, ValueError):
        return None
    p = m.ProjectProposal
    row = conn.execute(
        select(p.id, p.name, p.description, p.answers, m.Network.code)
        .join(m.Network, m.Network.id == p.network_id)
        .where(p.id == wanted, p.consortium_id == consortium_id)
    ).first()
    if row is None:
        return None
    decision = conn.scalar(
        select(m.ProposalDecision.decision)
        .where(m.ProposalDecision.proposal_id == row.id)
        .order_by(m.ProposalDecision.id.desc())
        .limit(1)
    )
    return Proposal(*row, decision)


def _accept(
    conn: Connection, consortium_id: int, proposal: Proposal, code: str, actor, today: date
) -> int:
    """The accepted proposal as a project of the register (refused when its entry is not
    valid, e.g. the code is taken)."""
    lookups = ProjectLookups.load(conn, consortium_id)
    values, problems = check_project(lookups, project_entry(proposal, code, today), today)
    if problems:
        raise RegisterInvalid(problems)
    project_id, _ = write_project(conn, lookups, values, project_id=None, actor=actor, today=today)
    return project_id
