"""The goals register (issue 14): the result goals (ER-doelen) under an ambition, and the SMART
goals — consortium-wide or of one network — with unit, baseline (value, date), target (value,
date), the result goal they serve, the projects that work on them and the meetpunten (theme or
vision-element codes) they are expected to move. Measured values stay as they are (goal_value,
entered on Status doorgeven or by a source); the register does not touch them.

Two ways in, one check: the Doelenregister page (`save_goal`) and a file
(collectors/goal_files.py). Every change is one transaction with an audit event holding the
values before and after; an entry saved unchanged changes nothing. Who may write (the beheerder)
is the caller's check.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from accounts.users import Account, audit
from collectors.register_rows import (
    Checker,
    Problem,
    RegisterInvalid,
    codes_by,
    entry_id_of,
    iso,
    natural,
    now,
    split_list,
    text_of,
)
from db import models as m
from db.engine import transaction
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

NAME_MAX = 1000
UNIT_MAX = 40
RESULT_GOAL_FIELDS = ("code", "name", "ambition")
GOAL_FIELDS = (
    "code",
    "name",
    "unit",
    "network",
    "result_goal",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "projects",
    "meetpunten",
)


@dataclass(frozen=True)
class GoalLookups:
    """The consortium's codes a goal or result goal may name."""

    consortium_id: int
    networks: dict[str, int]
    ambitions: dict[str, int]  # ambition code → framework element id
    result_goals: dict[str, int]
    projects: dict[str, int]
    goals: dict[str, int]
    meetpunten: dict[str, list[str]]  # theme or vision-element code → its measure(s)

    @classmethod
    def load(cls, conn: Connection, consortium_id: int) -> GoalLookups:
        def codes(model, *where) -> dict[str, int]:
            query = select(model.code, model.id).where(model.consortium_id == consortium_id, *where)
            return dict(conn.execute(query).all())

        e = m.FrameworkElement
        meetpunten: dict[str, list[str]] = {}
        for code in conn.scalars(
            select(e.code).where(e.consortium_id == consortium_id, e.kind == "vision_element")
        ):
            meetpunten.setdefault(code, []).append("vision_element")
        for code in conn.scalars(
            select(m.Theme.code)
            .join(m.Instrument, m.Instrument.id == m.Theme.instrument_id)
            .where(m.Instrument.consortium_id == consortium_id)
            .distinct()
        ):
            meetpunten.setdefault(code, []).append("theme")
        return cls(
            consortium_id,
            codes(m.Network),
            codes(e, e.kind == "ambition"),
            codes(m.ResultGoal),
            codes(m.Project),
            codes(m.Goal),
            meetpunten,
        )


def check_result_goal(lookups: GoalLookups, record: dict) -> tuple[dict, list[Problem]]:
    """A result goal's values (code, name, ambition code) and its problems."""
    c = Checker()
    values = {
        "code": c.code("code", record.get("code")),
        "name": c.text("name", record.get("name"), NAME_MAX, required=True),
        "ambition": text_of(record.get("ambition")),
    }
    if not values["ambition"]:
        c.add("ambition", "required", "ambition is empty")
    else:
        c.known("ambition", [values["ambition"]], lookups.ambitions, "ambition")
    return values, c.problems


def check_goal(
    lookups: GoalLookups, record: dict, result_goals: set[str] | None = None
) -> tuple[dict, list[Problem]]:
    """A SMART goal's values ready to store and its problems. `result_goals`: codes besides the
    stored ones that the goal may name (those of the same import)."""
    c = Checker()
    network = text_of(record.get("network"))
    values = {
        "code": c.code("code", record.get("code")),
        "name": c.text("name", record.get("name"), NAME_MAX, required=True),
        "unit": c.text("unit", record.get("unit"), UNIT_MAX),
        # Empty or ALL: the consortium's own goal, which every reader of the consortium sees.
        "network": None if network.upper() in ("", ALL_NETWORKS) else network,
        "result_goal": text_of(record.get("result_goal")) or None,
        "baseline_value": c.number("baseline_value", record.get("baseline_value"), required=True),
        "baseline_date": c.day("baseline_date", record.get("baseline_date"), required=True),
        "target_value": c.number("target_value", record.get("target_value"), required=True),
        "target_date": c.day("target_date", record.get("target_date"), required=True),
        "projects": sorted(split_list(record.get("projects")), key=natural),
        "meetpunten": sorted(split_list(record.get("meetpunten")), key=natural),
    }
    if values["network"]:
        c.known("network", [values["network"]], lookups.networks, "network")
    if values["result_goal"]:
        known = set(lookups.result_goals) | (result_goals or set())
        c.known("result_goal", [values["result_goal"]], known, "result goal")
    base, target = values["baseline_date"], values["target_date"]
    if base and target and target <= base:
        c.add("target_date", "target_before_baseline", "the target date is not after the baseline")
    c.known("projects", values["projects"], lookups.projects, "project(s)")
    c.known("meetpunten", values["meetpunten"], lookups.meetpunten, "theme or vision element(s)")
    twice = [p for p in values["meetpunten"] if len(lookups.meetpunten.get(p, [])) > 1]
    if twice:
        c.add("meetpunten", "ambiguous", f"both a theme and a vision element: {', '.join(twice)}")
    return values, c.problems


# --- reading ------------------------------------------------------------------------------------


def _goal_entries(conn: Connection, consortium_id: int, ids: list[int] | None = None) -> dict:
    """Goal id → its register entry (GOAL_FIELDS with ISO dates, plus id)."""
    g = m.Goal
    query = (
        select(
            g.id,
            g.code,
            g.name,
            g.unit,
            m.Network.code.label("network"),
            m.ResultGoal.code.label("result_goal"),
            g.baseline_value,
            g.baseline_date,
            g.target_value,
            g.deadline,
        )
        .outerjoin(m.Network, m.Network.id == g.network_id)
        .outerjoin(m.ResultGoal, m.ResultGoal.id == g.result_goal_id)
        .where(g.consortium_id == consortium_id)
    )
    if ids is not None:
        query = query.where(g.id.in_(ids))
    rows = conn.execute(query).all()
    wanted = [r.id for r in rows]
    projects = codes_by(
        conn,
        select(m.ProjectGoal.goal_id, m.Project.code)
        .join(m.Project, m.Project.id == m.ProjectGoal.project_id)
        .where(m.ProjectGoal.goal_id.in_(wanted)),
    )
    measures = codes_by(
        conn,
        select(m.GoalMeasure.goal_id, m.GoalMeasure.subject).where(
            m.GoalMeasure.goal_id.in_(wanted)
        ),
    )
    return {
        r.id: {
            "id": r.id,
            "code": r.code,
            "name": r.name,
            "unit": r.unit,
            "network": r.network,
            "result_goal": r.result_goal,
            "baseline_value": r.baseline_value,
            "baseline_date": iso(r.baseline_date),
            "target_value": r.target_value,
            "target_date": iso(r.deadline),
            "projects": projects.get(r.id, []),
            "meetpunten": measures.get(r.id, []),
        }
        for r in rows
    }


def list_goals(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """The SMART goals, by code: id and GOAL_FIELDS (network None: consortium-wide)."""
    with engine.connect() as conn:
        entries = _goal_entries(conn, consortium_id)
    rows = sorted(entries.values(), key=lambda e: natural(e["code"]))
    return pd.DataFrame(rows, columns=["id", *GOAL_FIELDS], dtype=object)


def list_result_goals(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """The result goals, by code: code, name, ambition (code)."""
    r, e = m.ResultGoal, m.FrameworkElement
    query = (
        select(r.code, r.name, e.code)
        .outerjoin(e, e.id == r.ambition_id)
        .where(r.consortium_id == consortium_id)
    )
    with engine.connect() as conn:
        rows = sorted(conn.execute(query).all(), key=lambda row: natural(row[0]))
    return pd.DataFrame(rows, columns=list(RESULT_GOAL_FIELDS), dtype=object)


def goal_id_of(engine: Engine, consortium_id: int, wanted) -> int | None:
    """The id of a goal of this consortium, or None (for ids that come from a request)."""
    return entry_id_of(engine, m.Goal, consortium_id, wanted)


# --- writing ------------------------------------------------------------------------------------


def write_result_goal(
    conn: Connection, lookups: GoalLookups, values: dict, actor: Account | None
) -> str:
    """Add or change the result goal of the values' code: "new" | "updated" | "unchanged"."""
    existing = lookups.result_goals.get(values["code"])
    after = {k: values[k] for k in RESULT_GOAL_FIELDS}
    row = {"name": values["name"], "ambition_id": lookups.ambitions[values["ambition"]]}
    before = None
    if existing is not None:
        old = conn.execute(
            select(m.ResultGoal.name, m.FrameworkElement.code)
            .outerjoin(m.FrameworkElement, m.FrameworkElement.id == m.ResultGoal.ambition_id)
            .where(m.ResultGoal.id == existing)
        ).one()
        before = {"code": values["code"], "name": old[0], "ambition": old[1]}
        if before == after:
            return "unchanged"
        conn.execute(update(m.ResultGoal).where(m.ResultGoal.id == existing).values(**row))
    else:
        existing = conn.scalar(
            insert(m.ResultGoal)
            .values(consortium_id=lookups.consortium_id, code=values["code"], **row)
            .returning(m.ResultGoal.id)
        )
        lookups.result_goals[values["code"]] = existing
    audit(
        conn,
        actor,
        "create" if before is None else "update",
        "result_goal",
        existing,
        before,
        after,
    )
    return "new" if before is None else "updated"


def write_goal(
    conn: Connection, lookups: GoalLookups, values: dict, *, goal_id: int | None, actor
) -> tuple[int, str]:
    """Store one checked goal in the caller's transaction: (goal id, "new" | "updated" |
    "unchanged"). Raises RegisterInvalid before writing anything."""
    before = None
    if goal_id is not None:
        before = _goal_entries(conn, lookups.consortium_id, [goal_id]).get(goal_id)
        if before is None:
            raise RegisterInvalid([Problem("goal", "unknown", f"no goal {goal_id}")])
        before.pop("id")
    taken = lookups.goals.get(values["code"])
    if taken is not None and taken != goal_id:
        raise RegisterInvalid(
            [Problem("code", "code_taken", f"another goal has code '{values['code']}'")]
        )
    after = {k: values[k] for k in GOAL_FIELDS}
    after["baseline_date"], after["target_date"] = (
        iso(values["baseline_date"]),
        iso(values["target_date"]),
    )
    if after == before:
        return goal_id, "unchanged"
    row = {
        "code": values["code"],
        "name": values["name"],
        "unit": values["unit"],
        "network_id": lookups.networks.get(values["network"]) if values["network"] else None,
        "result_goal_id": lookups.result_goals.get(values["result_goal"]),
        "baseline_value": values["baseline_value"],
        "baseline_date": values["baseline_date"],
        "target_value": values["target_value"],
        "deadline": values["target_date"],
    }
    if goal_id is None:
        goal_id = conn.scalar(
            insert(m.Goal).values(consortium_id=lookups.consortium_id, **row).returning(m.Goal.id)
        )
        lookups.goals[values["code"]] = goal_id
    else:
        conn.execute(update(m.Goal).where(m.Goal.id == goal_id).values(**row))
    # The links become exactly the entry's (few rows: replaced, not diffed).
    conn.execute(delete(m.ProjectGoal).where(m.ProjectGoal.goal_id == goal_id))
    conn.execute(delete(m.GoalMeasure).where(m.GoalMeasure.goal_id == goal_id))
    links = [{"goal_id": goal_id, "project_id": lookups.projects[p]} for p in values["projects"]]
    if links:
        conn.execute(insert(m.ProjectGoal), links)
    measures = [
        {"goal_id": goal_id, "measure": lookups.meetpunten[s][0], "subject": s}
        for s in values["meetpunten"]
    ]
    if measures:
        conn.execute(insert(m.GoalMeasure), measures)
    _add_version(conn, goal_id, after, actor)
    audit(conn, actor, "create" if before is None else "update", "goal", goal_id, before, after)
    return goal_id, "new" if before is None else "updated"


def _add_version(conn: Connection, goal_id: int, after: dict, actor: Account | None) -> None:
    """The goal's entry after this change, as its next version (the history of the goal)."""
    version = conn.scalar(
        select(func.coalesce(func.max(m.GoalVersion.version), 0)).where(
            m.GoalVersion.goal_id == goal_id
        )
    )
    conn.execute(
        insert(m.GoalVersion).values(
            goal_id=goal_id,
            version=version + 1,
            values=after,
            changed_at=now(),
            changed_by=actor.id if actor else None,
        )
    )


def goal_versions(engine: Engine, goal_id: int) -> list[dict]:
    """The versions of a goal's entry, oldest first: version, values, changed_at."""
    v = m.GoalVersion
    with engine.connect() as conn:
        rows = conn.execute(
            select(v.version, v.values, v.changed_at)
            .where(v.goal_id == goal_id)
            .order_by(v.version)
        ).all()
    return [row._asdict() for row in rows]


def save_goal(
    engine: Engine,
    consortium_id: int,
    form: dict,
    *,
    goal_id: int | None = None,
    actor: Account | None = None,
) -> int:
    """Add a SMART goal (goal_id None) or change one; its id. RegisterInvalid with the problems
    per field; nothing is stored then."""
    with transaction(engine) as session:
        conn = session.connection()
        lookups = GoalLookups.load(conn, consortium_id)
        values, problems = check_goal(lookups, form)
        if problems:
            raise RegisterInvalid(problems)
        saved, _ = write_goal(conn, lookups, values, goal_id=goal_id, actor=actor)
    return saved


def save_result_goal(
    engine: Engine, consortium_id: int, form: dict, *, actor: Account | None = None
) -> str:
    """Add or change the result goal of the form's code: "new" | "updated" | "unchanged"."""
    with transaction(engine) as session:
        conn = session.connection()
        lookups = GoalLookups.load(conn, consortium_id)
        values, problems = check_result_goal(lookups, form)
        if problems:
            raise RegisterInvalid(problems)
        return write_result_goal(conn, lookups, values, actor)
