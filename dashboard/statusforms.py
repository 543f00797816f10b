"""What the "Status doorgeven" page reads and writes: projects due per network, drafts, submitted
versions with their history, goal values and new-project proposals against the afwegingskader.

Validation reuses collectors/status.py (one set of rules for files, pushes and this form) and says
what is wrong in Dutch, per field. A draft is a status_update row in state "draft" with version
−(person's id): one draft per person per project × network, outside the numbering of submitted
versions. Submitting adds version max+1; the unique (project, network, version) constraint makes
two people submitting at the same moment collide, and the loser simply retries with the next
number — nothing is lost. Every write leaves an audit event with the values before and after.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from accounts.users import Account, audit
from collectors import limits
from collectors.status import Lookups, validate_goal_value, validate_status
from db import models as m
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.catalogue import t

FIELDS = ("status", "progress", "reached", "planned", "risks", "narrative", "speerpunten")
NARRATIVE_MAX = limits.TEXT_MAX  # the same limit as for files and pushes
SUBMIT_TRIES = 8


def period_of(day: date) -> str:
    """The reporting period a day falls in: monthly (domain.md: a coordinator reports monthly)."""
    return f"{day.year:04d}-{day.month:02d}"


def network_projects(engine: Engine, consortium_id: int, network: str, today: date) -> list[dict]:
    """The projects a network takes part in, with the last submitted update and whether one is due
    this month (no update yet this month)."""
    su = m.StatusUpdate
    with engine.connect() as conn:
        network_id = conn.scalar(
            select(m.Network.id).where(
                m.Network.consortium_id == consortium_id, m.Network.code == network
            )
        )
        rows = conn.execute(
            select(m.Project.code, m.Project.name, func.max(su.submitted_at))
            .join(m.ProjectNetwork, m.ProjectNetwork.project_id == m.Project.id)
            .outerjoin(
                su,
                (su.project_id == m.Project.id)
                & (su.network_id == network_id)
                & (su.state == "submitted"),
            )
            .where(m.ProjectNetwork.network_id == network_id)
            .group_by(m.Project.code, m.Project.name)
            .order_by(m.Project.code)
        ).all()
    return [
        {
            "project": code,
            "name": name,
            "last": last and clock.local(last),  # shown, and its month counted, in local time
            "due": last is None or period_of(clock.local(last).date()) < period_of(today),
        }
        for code, name, last in rows
    ]


def _ids(conn, consortium_id: int, project: str, network: str) -> tuple[int | None, int | None]:
    lookups = Lookups.load(conn, consortium_id)
    return lookups.projects.get(project), lookups.networks.get(network)


def _row_values(row) -> dict:
    milestones = row.milestones or []
    return {
        "status": row.status or None,
        "progress": row.progress,
        "reached": [x for x in milestones if isinstance(x, dict) and x.get("kind") == "reached"],
        "planned": [x for x in milestones if isinstance(x, dict) and x.get("kind") == "planned"],
        "risks": row.risks,
        "narrative": row.narrative,
        "speerpunten": row.speerpunten or [],
    }


def load_form(engine: Engine, consortium_id: int, project: str, network: str, account: Account):
    """(values, "draft" | "latest" | None): this person's draft, else the latest submitted version
    as the starting point, else nothing."""
    su = m.StatusUpdate
    with engine.connect() as conn:
        project_id, network_id = _ids(conn, consortium_id, project, network)
        if project_id is None or network_id is None:
            return {}, None
        where = (su.project_id == project_id, su.network_id == network_id)
        draft = conn.execute(
            select(su).where(*where, su.state == "draft", su.version == -account.id)
        ).first()
        if draft is not None:
            return _row_values(draft), "draft"
        latest = conn.execute(
            select(su).where(*where, su.state == "submitted").order_by(su.version.desc()).limit(1)
        ).first()
    return (_row_values(latest), "latest") if latest is not None else ({}, None)


def history(engine: Engine, consortium_id: int, project: str, network: str) -> list[dict]:
    """Every submitted version, newest first, with who submitted it."""
    su = m.StatusUpdate
    with engine.connect() as conn:
        project_id, network_id = _ids(conn, consortium_id, project, network)
        rows = conn.execute(
            select(
                su.version,
                su.submitted_at,
                su.status,
                su.progress,
                su.narrative,
                su.source,
                m.User.name.label("who"),
            )
            .outerjoin(m.User, m.User.id == su.submitted_by)
            .where(
                su.project_id == project_id, su.network_id == network_id, su.state == "submitted"
            )
            .order_by(su.version.desc())
        ).all()
    return [
        {
            "version": r.version,
            "submitted_at": clock.local(r.submitted_at),
            "status": r.status,
            "progress": r.progress,
            "narrative": r.narrative,
            "who": r.who or r.source,
        }
        for r in rows
    ]


@dataclass
class FormResult:
    errors: dict[str, str]
    version: int | None = None


def parse_milestones(
    text: str | None, kind: str, lang: str = "nl"
) -> tuple[list[dict], str | None]:
    """Lines "DD-MM-JJJJ omschrijving" (or JJJJ-MM-DD) → milestones; an error names the line."""
    found = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        first, _, rest = line.partition(" ")
        when = None
        for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
            try:
                when = datetime.strptime(first, pattern).date()
                break
            except ValueError:
                continue
        if when is None or not rest.strip():
            return [], t("sf_milestone_format", lang, line=number)
        if limits.date_problem(when):
            return [], t("sf_milestone_date", lang, line=number, window=_window(lang))
        if len(rest.strip()) > limits.MILESTONE_MAX:
            return [], t("sf_milestone_long", lang, line=number, max=limits.MILESTONE_MAX)
        if len(found) == limits.MILESTONES_MAX:
            return [], t("sf_milestones_many", lang, max=limits.MILESTONES_MAX)
        found.append({"kind": kind, "date": when.isoformat(), "text": rest.strip()})
    return found, None


def _window(lang: str, latest: date | None = None) -> str:
    """The plausible dates: "01-01-2000 en 02-12-2027"."""
    latest = latest or limits.latest_date()
    return t("sf_window", lang, first=f"{limits.EARLIEST_DATE:%d-%m-%Y}", last=f"{latest:%d-%m-%Y}")


def milestones_text(milestones: list[dict]) -> str:
    return "\n".join(
        f"{date.fromisoformat(x['date']).strftime('%d-%m-%Y')} {x['text']}" for x in milestones
    )


def _worded(field: str, message: str, lang: str) -> str:
    """A validation problem (collectors' English) in the reader's language."""
    if field == "submitted_at":
        return t("sf_date_window", lang, window=_window(lang))
    if field in ("status", "progress", "speerpunten", "network", "project"):
        return t(f"sf_{field}", lang)
    if message.startswith("at most"):
        return t("sf_too_long", lang, max=limits.TEXT_MAX)
    return message


def validate_form(
    lookups: Lookups, project: str, network: str, form: dict, *, final: bool, lang: str = "nl"
):
    """(values for status_update, errors per field in `lang`). A draft (final=False) is kept even
    with errors; only submitting requires a valid, complete form."""
    record = {
        "project": project,
        "network": network,
        "status": form.get("status") or "",
        "progress": form.get("progress"),
        "risks": form.get("risks"),
        "narrative": form.get("narrative"),
        "speerpunten": form.get("speerpunten") or None,
    }
    values, problems = validate_status(record, lookups)
    errors = {field: _worded(field, message, lang) for field, message in problems.items()}
    reached, error = parse_milestones(form.get("reached"), "reached", lang)
    if error:
        errors["reached"] = error
    planned, error = parse_milestones(form.get("planned"), "planned", lang)
    if error:
        errors["planned"] = error
    narrative = (form.get("narrative") or "").strip()
    if final and not narrative:
        errors["narrative"] = t("sf_narrative_missing", lang)
    elif len(narrative) > NARRATIVE_MAX:
        errors["narrative"] = t("sf_narrative_long", lang, max=NARRATIVE_MAX)
    if not final:
        # A draft keeps what can be kept: a value that does not pass is left empty.
        errors.pop("status", None)
        values["status"] = values["status"] if values["status"] in m.UPDATE_STATUSES else ""
        if "progress" in errors:
            values["progress"] = None
        for field in ("risks", "narrative"):
            if field in errors and values.get(field) and len(values[field]) > limits.TEXT_MAX:
                values[field] = None  # too long to keep
    values["milestones"] = reached + planned
    values.pop("submitted_at", None)
    return values, errors


def _snapshot(values: dict | None) -> dict | None:
    if values is None:
        return None
    keep = ("version", "status", "progress", "milestones", "risks", "narrative", "speerpunten")
    return {k: values.get(k) for k in keep if k in values}


def save_draft(
    ctx, project: str, network: str, form: dict, account: Account, lang: str = "nl"
) -> FormResult:
    """Keep this person's draft (replacing their previous one); errors are shown, not blocking."""
    su = m.StatusUpdate
    consortium_id = ctx.consortium_id  # before the connection: on first use it needs its own
    with ctx.engine.begin() as conn:
        lookups = Lookups.load(conn, consortium_id)
        values, errors = validate_form(lookups, project, network, form, final=False, lang=lang)
        if "project" in errors or "network" in errors:
            # No draft for a project this network does not take part in (or an unknown one).
            return FormResult(errors)
        where = (
            su.project_id == values["project_id"],
            su.network_id == values["network_id"],
            su.version == -account.id,
        )
        conn.execute(delete(su).where(*where))
        conn.execute(
            insert(su).values(
                **values,
                version=-account.id,
                state="draft",
                source="form",
                submitted_by=account.id,
                submitted_at=clock.now_utc().replace(microsecond=0),
            )
        )
    return FormResult({k: v for k, v in errors.items() if k not in ("project", "network")})


def submit(
    ctx, project: str, network: str, form: dict, account: Account, lang: str = "nl"
) -> FormResult:
    """Validate and store as the next version; retried when someone else took that number."""
    consortium_id = ctx.consortium_id  # before the connection: on first use it needs its own
    with ctx.engine.connect() as conn:
        lookups = Lookups.load(conn, consortium_id)
    values, errors = validate_form(lookups, project, network, form, final=True, lang=lang)
    if errors:
        return FormResult(errors)
    su = m.StatusUpdate
    where = (su.project_id == values["project_id"], su.network_id == values["network_id"])
    for attempt in range(SUBMIT_TRIES):
        try:
            with ctx.engine.begin() as conn:
                # Writes and locks first, so that the latest version read next stays the latest:
                # SQLite takes its write lock at this first write, and on PostgreSQL the project
                # row's lock lines up concurrent submissions for the project.
                conn.execute(delete(su).where(*where, su.version == -account.id))
                conn.execute(
                    select(m.Project.id)
                    .where(m.Project.id == values["project_id"])
                    .with_for_update()
                )
                latest = conn.execute(
                    select(su).where(*where, su.state == "submitted").order_by(su.version.desc())
                ).first()
                version = (latest.version if latest is not None else 0) + 1
                now = clock.now_utc().replace(microsecond=0)
                conn.execute(
                    insert(su).values(
                        **values,
                        version=version,
                        state="submitted",
                        source="form",
                        submitted_by=account.id,
                        submitted_at=now,
                    )
                )
                before = (
                    _snapshot({**_row_values(latest), "version": latest.version})
                    if latest
                    else None
                )
                after = _snapshot({**values, "version": version})
                audit(
                    conn, account, "submit", "status_update", f"{project}/{network}", before, after
                )
            return FormResult({}, version)
        except (IntegrityError, OperationalError):
            # Another submission took this version number (or held the lock): try the next one.
            time.sleep(0.05 * (attempt + 1))
    return FormResult({"form": t("sf_concurrent", lang)})


def network_goals(engine: Engine, consortium_id: int, network: str) -> list[dict]:
    """The SMART goals of this network (consortium-wide goals are the administrator's)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(m.Goal.code, m.Goal.name, m.Goal.unit)
            .join(m.Network, m.Network.id == m.Goal.network_id)
            .where(m.Goal.consortium_id == consortium_id, m.Network.code == network)
            .order_by(m.Goal.code)
        ).all()
    return [{"goal": c, "name": n, "unit": u} for c, n, u in rows]


def enter_goal_value(
    ctx, network: str, form: dict, account: Account, lang: str = "nl"
) -> dict[str, str]:
    """Store one measured value of a goal of this network (by goal and date); errors in `lang`."""
    consortium_id = ctx.consortium_id
    codes = {g["goal"] for g in network_goals(ctx.engine, consortium_id, network)}
    if form.get("goal") not in codes:
        return {"goal": t("sf_goal", lang)}
    with ctx.engine.begin() as conn:
        lookups = Lookups.load(conn, consortium_id)
        values, problems = validate_goal_value(form, lookups)
        errors = {}
        measured = problems.get("measured_at", "")
        if "outside" in measured or (not measured and values["measured_at"] > clock.today()):
            # A measured value lies in the past: the window ends today here.
            errors["measured_at"] = t("sf_date_window", lang, window=_window(lang, clock.today()))
        elif measured:
            errors["measured_at"] = t("sf_goal_date", lang)
        if "value" in problems:
            errors["value"] = t("sf_goal_value", lang)
        if errors:
            return errors
        gv = m.GoalValue
        old = conn.execute(
            select(gv.id, gv.value).where(
                gv.goal_id == values["goal_id"], gv.measured_at == values["measured_at"]
            )
        ).first()
        if old is None:
            conn.execute(insert(gv).values(**values, source="form", entered_by=account.id))
        else:
            conn.execute(
                update(gv)
                .where(gv.id == old.id)
                .values(value=values["value"], source="form", entered_by=account.id)
            )
        audit(
            conn,
            account,
            "enter" if old is None else "update",
            "goal_value",
            f"{form['goal']}/{values['measured_at'].isoformat()}",
            None if old is None else {"value": old.value},
            {"value": values["value"]},
        )
    return {}


# The afwegingskader for new initiatives (domain.md), in its order; the question the form asks
# for each is the catalogue's criterion_<code>.
CRITERIA = tuple(
    ["energie", "partners", "iza", "haalbaar", "kernthema_actielijn", "ambitie", "speerpunten"]
)


def assess_proposal(answers: dict) -> tuple[list[str], list[str]]:
    """(criteria met, criteria not met) of the afwegingskader, in its order."""
    try:
        partners = int(answers.get("partners") or 0)
    except (TypeError, ValueError):
        partners = 0
    checks = set(answers.get("checks") or [])
    verdict = {
        "energie": "energie" in checks,
        "partners": partners >= 3,
        "iza": "iza" in checks,
        "haalbaar": "haalbaar" in checks,
        "kernthema_actielijn": bool(answers.get("kernthemas")) and bool(answers.get("actielijnen")),
        "ambitie": bool(answers.get("ambition")),
        "speerpunten": bool(answers.get("speerpunten")),
    }
    met = [c for c in CRITERIA if verdict[c]]
    return met, [c for c in CRITERIA if not verdict[c]]


def propose_project(
    ctx, network: str, answers: dict, account: Account, lang: str = "nl"
) -> tuple[list, list, dict]:
    """Store a proposal with its verdict; (met, unmet, errors)."""
    name = (answers.get("name") or "").strip()
    if not name:
        return [], [], {"name": t("sf_proposal_name", lang)}
    errors = {}
    if len(name) > limits.NAME_MAX:
        errors["name"] = t("sf_proposal_name_long", lang, max=limits.NAME_MAX)
    if len((answers.get("description") or "").strip()) > limits.TEXT_MAX:
        errors["description"] = t("sf_proposal_description_long", lang, max=limits.TEXT_MAX)
    if errors:
        return [], [], errors
    met, unmet = assess_proposal(answers)
    consortium_id = ctx.consortium_id
    with ctx.engine.begin() as conn:
        _, network_id = _ids(conn, consortium_id, "", network)
        proposal_id = conn.execute(
            insert(m.ProjectProposal)
            .values(
                consortium_id=consortium_id,
                network_id=network_id,
                name=name,
                description=(answers.get("description") or "").strip() or None,
                answers=answers,
                criteria_met=met,
                criteria_unmet=unmet,
                proposed_by=account.id,
                proposed_at=clock.now_utc().replace(microsecond=0),
            )
            .returning(m.ProjectProposal.id)
        ).scalar_one()
        audit(
            conn,
            account,
            "propose",
            "project_proposal",
            proposal_id,
            None,
            {"name": name, "network": network, "met": met, "unmet": unmet},
        )
    return met, unmet, {}
