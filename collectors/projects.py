"""The project register (issue 14): the consortium's projects as the beheerder keeps them — code,
name, description, owner, start and planned end, the networks that take part, the framework
elements it is tagged with, and its lifecycle (voorstel, actief, bijgesteld, gestopt, afgerond)
with the date and reason of each change.

Two ways in, one check (`check_project`): the dashboard's form (`save_project`) and a file
(collectors/project_files.py). Every change is one transaction that adds a version of the whole
entry (project_version) and an audit event with the values before and after; saving an entry
unchanged changes nothing. A project with status updates is never deleted: it is ended
(gestopt or afgerond). Who may write (the beheerder) is the caller's check.

The lifecycle rule, for the form and the file alike: the lifecycle given differs from the
current one → a change is recorded, dated `lifecycle_date` (default today) with
`lifecycle_reason` (required for bijgesteld and gestopt); the same lifecycle with a date given
that differs from the recorded one → the current change is corrected (so a file read twice, or
exported and read into an empty database, gives the same register).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
from db.models.registers import LIFECYCLES
from samenwerkingsmonitor import clock

NAME_MAX = 200
OWNER_MAX = 200
DESCRIPTION_MAX = 4000
REASON_MAX = 1000
DEFAULT_LIFECYCLE = "actief"  # a project entered without one; also a project made before
REASON_NEEDED = ("bijgesteld", "gestopt")
# The entry as files, versions and the audit trail hold it.
FIELDS = (
    "code",
    "name",
    "description",
    "owner",
    "start",
    "end",
    "networks",
    "tags",
    "lifecycle",
    "lifecycle_date",
    "lifecycle_reason",
)


@dataclass(frozen=True)
class ProjectLookups:
    """The consortium's codes a project may name."""

    consortium_id: int
    networks: dict[str, int]  # network code → id
    elements: dict[str, list[int]]  # framework element code → ids (one per kind using it)
    projects: dict[str, int]  # project code → id

    @classmethod
    def load(cls, conn: Connection, consortium_id: int) -> ProjectLookups:
        networks = dict(
            conn.execute(
                select(m.Network.code, m.Network.id).where(m.Network.consortium_id == consortium_id)
            ).all()
        )
        elements: dict[str, list[int]] = {}
        for code, element_id in conn.execute(
            select(m.FrameworkElement.code, m.FrameworkElement.id).where(
                m.FrameworkElement.consortium_id == consortium_id
            )
        ):
            elements.setdefault(code, []).append(element_id)
        projects = dict(
            conn.execute(
                select(m.Project.code, m.Project.id).where(m.Project.consortium_id == consortium_id)
            ).all()
        )
        return cls(consortium_id, networks, elements, projects)


def check_project(lookups: ProjectLookups, record: dict, today: date) -> tuple[dict, list[Problem]]:
    """An entry's values ready to store (dates as dates, lists sorted) and its problems, from a
    record of the form or of a file row (text cells; lists as lists or `;` text)."""
    c = Checker()
    values = {
        "code": c.code("code", record.get("code")),
        "name": c.text("name", record.get("name"), NAME_MAX, required=True),
        "description": c.text("description", record.get("description"), DESCRIPTION_MAX),
        "owner": c.text("owner", record.get("owner"), OWNER_MAX),
        "start": c.day("start", record.get("start")),
        "end": c.day("end", record.get("end")),
        "networks": sorted(split_list(record.get("networks")), key=natural),
        "tags": sorted(split_list(record.get("tags")), key=natural),
        "lifecycle": text_of(record.get("lifecycle")).lower() or None,
        "lifecycle_date": c.day("lifecycle_date", record.get("lifecycle_date")),
        "lifecycle_reason": c.text("lifecycle_reason", record.get("lifecycle_reason"), REASON_MAX),
    }
    if values["start"] and values["end"] and values["end"] < values["start"]:
        c.add("end", "end_before_start", "the planned end lies before the start")
    c.known("networks", values["networks"], lookups.networks, "network(s)")
    c.known("tags", values["tags"], lookups.elements, "framework code(s)")
    twice = [t for t in values["tags"] if len(lookups.elements.get(t, [])) > 1]
    if twice:
        c.add("tags", "ambiguous", f"code(s) used by more than one kind: {', '.join(twice)}")
    if values["lifecycle"] is not None and values["lifecycle"] not in LIFECYCLES:
        c.add(
            "lifecycle",
            "lifecycle",
            f"unknown lifecycle '{values['lifecycle']}' (one of {', '.join(LIFECYCLES)})",
        )
    if values["lifecycle_date"] and values["lifecycle_date"] > today:
        c.add("lifecycle_date", "future", "the date of a lifecycle change lies in the future")
    return values, c.problems


# --- reading ------------------------------------------------------------------------------------


def _entries(conn: Connection, consortium_id: int, ids: list[int] | None = None) -> dict[int, dict]:
    """Project id → its register entry (codes, ISO dates; lifecycle `actief` without changes),
    with `id` and `updated_at` besides FIELDS."""
    p, r = m.Project, m.ProjectRecord
    query = (
        select(p.id, p.code, p.name, p.description, r.owner, r.start_date, r.end_date, r.updated_at)
        .outerjoin(r, r.project_id == p.id)
        .where(p.consortium_id == consortium_id)
    )
    if ids is not None:
        query = query.where(p.id.in_(ids))
    rows = conn.execute(query).all()
    wanted = [row.id for row in rows]
    networks = codes_by(
        conn,
        select(m.ProjectNetwork.project_id, m.Network.code)
        .join(m.Network, m.Network.id == m.ProjectNetwork.network_id)
        .where(m.ProjectNetwork.project_id.in_(wanted)),
    )
    tags = codes_by(
        conn,
        select(m.ProjectTag.project_id, m.FrameworkElement.code)
        .join(m.FrameworkElement, m.FrameworkElement.id == m.ProjectTag.element_id)
        .where(m.ProjectTag.project_id.in_(wanted)),
    )
    latest = {}
    lc = m.ProjectLifecycle
    for event in conn.execute(
        select(lc.project_id, lc.lifecycle, lc.changed_on, lc.reason)
        .where(lc.project_id.in_(wanted))
        .order_by(lc.id)
    ):
        latest[event.project_id] = event
    entries = {}
    for row in rows:
        event = latest.get(row.id)
        entries[row.id] = {
            "id": row.id,
            "code": row.code,
            "name": row.name,
            "description": row.description,
            "owner": row.owner,
            "start": iso(row.start_date),
            "end": iso(row.end_date),
            "networks": networks.get(row.id, []),
            "tags": tags.get(row.id, []),
            "lifecycle": event.lifecycle if event else DEFAULT_LIFECYCLE,
            "lifecycle_date": iso(event.changed_on) if event else None,
            "lifecycle_reason": event.reason if event else None,
            "updated_at": row.updated_at,
        }
    return entries


def _snapshot(entry: dict | None) -> dict | None:
    return None if entry is None else {f: entry[f] for f in FIELDS}


def list_projects(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """The register: one row per project, by code, with `id`, FIELDS and `updated_at`."""
    with engine.connect() as conn:
        entries = _entries(conn, consortium_id)
    frame = pd.DataFrame(
        sorted(entries.values(), key=lambda e: natural(e["code"])),
        columns=["id", *FIELDS, "updated_at"],
        dtype=object,  # None stays None (pandas 3 would read an empty text as NaN)
    )
    return frame


def lifecycle_history(engine: Engine, consortium_id: int, project_id: int) -> pd.DataFrame:
    """A project's lifecycle changes, oldest first: lifecycle, changed_on, reason, recorded_at,
    recorded_by (the person's name, or None)."""
    lc = m.ProjectLifecycle
    query = (
        select(lc.lifecycle, lc.changed_on, lc.reason, lc.recorded_at, m.User.name)
        .join(m.Project, m.Project.id == lc.project_id)
        .outerjoin(m.User, m.User.id == lc.recorded_by)
        .where(lc.project_id == project_id, m.Project.consortium_id == consortium_id)
        .order_by(lc.id)
    )
    columns = ["lifecycle", "changed_on", "reason", "recorded_at", "recorded_by"]
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=columns, dtype=object)


def project_id_of(engine: Engine, consortium_id: int, wanted) -> int | None:
    """The id of a project of this consortium, or None (for ids that come from a request)."""
    return entry_id_of(engine, m.Project, consortium_id, wanted)


# --- writing ------------------------------------------------------------------------------------


def _lifecycle_change(before: dict | None, values: dict, today: date) -> tuple[str, list[Problem]]:
    """What the entry does to the lifecycle: "add" a change, "correct" the current one, or
    "keep" it; with the problems of that change."""
    c = Checker()
    given = values["lifecycle"]
    if before is None or (given is not None and given != before["lifecycle"]):
        action = "add"
    elif values["lifecycle_date"] and (
        iso(values["lifecycle_date"]) != before["lifecycle_date"]
        or values["lifecycle_reason"] != before["lifecycle_reason"]
    ):
        action = "correct" if before["lifecycle_date"] else "add"
    else:
        return "keep", []
    lifecycle = given or (before["lifecycle"] if before else DEFAULT_LIFECYCLE)
    if lifecycle in REASON_NEEDED and not values["lifecycle_reason"]:
        c.add("lifecycle_reason", "reason", f"give the reason why the project is {lifecycle}")
    previous = before and before["lifecycle_date"]
    day = values["lifecycle_date"] or today
    if action == "add" and previous and day.isoformat() < previous:
        c.add(
            "lifecycle_date",
            "before_previous",
            f"the change lies before the previous one ({previous})",
        )
    return action, c.problems


def _planned(before: dict | None, values: dict, action: str, today: date) -> dict:
    """The entry as it will be stored."""
    after = {f: values[f] for f in FIELDS}
    after["start"], after["end"] = iso(values["start"]), iso(values["end"])
    if action == "keep":
        for f in ("lifecycle", "lifecycle_date", "lifecycle_reason"):
            after[f] = before[f]
    else:
        after["lifecycle"] = values["lifecycle"] or (
            before["lifecycle"] if before else DEFAULT_LIFECYCLE
        )
        after["lifecycle_date"] = iso(values["lifecycle_date"] or today)
    return after


def write_project(
    conn: Connection,
    lookups: ProjectLookups,
    values: dict,
    *,
    project_id: int | None,
    actor: Account | None,
    today: date,
) -> tuple[int, str]:
    """Store one checked entry in the caller's transaction: (project id, "new" | "updated" |
    "unchanged"). Raises RegisterInvalid for what only the stored register can tell."""
    before = None
    if project_id is not None:
        before = _snapshot(_entries(conn, lookups.consortium_id, [project_id]).get(project_id))
        if before is None:
            raise RegisterInvalid([Problem("project", "unknown", f"no project {project_id}")])
    taken = lookups.projects.get(values["code"])
    if taken is not None and taken != project_id:
        raise RegisterInvalid(
            [Problem("code", "code_taken", f"another project has code '{values['code']}'")]
        )
    action, problems = _lifecycle_change(before, values, today)
    if problems:
        raise RegisterInvalid(problems)
    after = _planned(before, values, action, today)
    if after == before:
        return project_id, "unchanged"
    user = actor.id if actor else None
    project = {k: after[k] for k in ("code", "name", "description")}
    record = {
        "owner": after["owner"],
        "start_date": values["start"],
        "end_date": values["end"],
        "updated_at": now(),
        "updated_by": user,
    }
    if project_id is None:
        project_id = conn.scalar(
            insert(m.Project)
            .values(consortium_id=lookups.consortium_id, **project)
            .returning(m.Project.id)
        )
    else:
        conn.execute(update(m.Project).where(m.Project.id == project_id).values(**project))
    conn.execute(delete(m.ProjectRecord).where(m.ProjectRecord.project_id == project_id))
    conn.execute(insert(m.ProjectRecord).values(project_id=project_id, **record))
    _links(
        conn,
        m.ProjectNetwork,
        "network_id",
        project_id,
        [lookups.networks[n] for n in after["networks"]],
    )
    _links(
        conn,
        m.ProjectTag,
        "element_id",
        project_id,
        [lookups.elements[t][0] for t in after["tags"]],
    )
    _record_lifecycle(conn, project_id, action, after, user)
    version = conn.scalar(
        select(func.coalesce(func.max(m.ProjectVersion.version), 0)).where(
            m.ProjectVersion.project_id == project_id
        )
    )
    conn.execute(
        insert(m.ProjectVersion).values(
            project_id=project_id,
            version=version + 1,
            values=after,
            changed_at=now(),
            changed_by=user,
        )
    )
    audit(
        conn, actor, "create" if before is None else "update", "project", project_id, before, after
    )
    return project_id, "new" if before is None else "updated"


def _links(conn: Connection, model, column: str, project_id: int, ids: list[int]) -> None:
    """The project's links of one kind become exactly `ids`."""
    have = set(conn.scalars(select(getattr(model, column)).where(model.project_id == project_id)))
    gone = have - set(ids)
    if gone:
        conn.execute(
            delete(model).where(model.project_id == project_id, getattr(model, column).in_(gone))
        )
    new = [i for i in dict.fromkeys(ids) if i not in have]
    if new:
        conn.execute(insert(model), [{"project_id": project_id, column: i} for i in new])


def _record_lifecycle(conn: Connection, project_id: int, action: str, after: dict, user) -> None:
    if action == "keep":
        return
    values = {
        "lifecycle": after["lifecycle"],
        "changed_on": date.fromisoformat(after["lifecycle_date"]),
        "reason": after["lifecycle_reason"],
        "recorded_at": now(),
        "recorded_by": user,
    }
    lc = m.ProjectLifecycle
    if action == "correct":
        latest = conn.scalar(select(func.max(lc.id)).where(lc.project_id == project_id))
        conn.execute(update(lc).where(lc.id == latest).values(**values))
    else:
        conn.execute(insert(lc).values(project_id=project_id, **values))


def save_project(
    engine: Engine,
    consortium_id: int,
    form: dict,
    *,
    project_id: int | None = None,
    actor: Account | None = None,
    today: date | None = None,
) -> int:
    """Add a project (project_id None) or change one; its id. Raises RegisterInvalid with the
    problems per field; nothing is stored then."""
    today = today or clock.today()
    with transaction(engine) as session:
        conn = session.connection()
        lookups = ProjectLookups.load(conn, consortium_id)
        values, problems = check_project(lookups, form, today)
        if problems:
            raise RegisterInvalid(problems)
        saved, _ = write_project(
            conn, lookups, values, project_id=project_id, actor=actor, today=today
        )
    return saved


def delete_project(
    engine: Engine, consortium_id: int, project_id: int, *, actor: Account | None = None
) -> None:
    """Remove a project entered by mistake. One with status updates is refused: it is ended
    (lifecycle gestopt or afgerond) instead, so its history stays."""
    with transaction(engine) as session:
        conn = session.connection()
        before = _snapshot(_entries(conn, consortium_id, [project_id]).get(project_id))
        if before is None:
            raise RegisterInvalid([Problem("project", "unknown", f"no project {project_id}")])
        reported = conn.scalar(select(func.count()).where(m.StatusUpdate.project_id == project_id))
        if reported:
            raise RegisterInvalid(
                [
                    Problem(
                        "project",
                        "has_updates",
                        f"project {before['code']} has {reported} status update(s): end it "
                        "(gestopt or afgerond) instead of deleting it",
                    )
                ]
            )
        conn.execute(delete(m.Project).where(m.Project.id == project_id))
        audit(conn, actor, "delete", "project", project_id, before, None)
