"""Deterministic demo data for the framework's networks: three waves, projects, SMART goals.

The numbers are invented but shaped like the real thing: networks of different size and maturity
that improve at different speeds, small respondent groups under the suppression threshold, items
left empty or answered 'niet van toepassing'. The same seed always gives the same rows, and loading
twice changes nothing (responses are keyed by source and id, everything else by code).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, select

from collectors.batch import ResponseBatch
from collectors.ingest import write_batch
from collectors.run_record import recorded_run
from collectors.template import content_hashes
from db import models as m
from db.engine import transaction
from samenwerkingsmonitor.clock import to_utc
from samenwerkingsmonitor.framework import Framework

SOURCE = "demo"
SEED = 2028
WAVES = {"2024": date(2024, 11, 1), "2025": date(2025, 11, 1), "2026": date(2026, 11, 1)}
# Respondents per group, per network size unit: coordinators and volunteers are few on purpose,
# so some cells fall under the suppression threshold.
GROUP_SIZES = (22, 7, 2, 5)  # by the framework's group order; more groups repeat the pattern

# The consortium's projects as the matrix of the multi-year plan gives them (seed 003, "Concrete
# projecten": kernthema's across, actielijnen down): code, name, tags, networks (None = all). The
# actielijn is the matrix row a project sits in — L1 afspraken bestuurlijk & operationeel, L2
# bewustwording, L3 deskundigheidsbevordering, L4 digitale ondersteuning, L5 passende
# financiering, L6 spiegel- en sturingsinformatie; the transition consultation sits in L1 and L5.
# The networks are the seed's where it names them (the A027 pilots: Utrecht stad and
# Zuidoost-Utrecht), otherwise an illustration that not every network runs every project.
PROJECTS = [
    ("PZP", "Implementatie richtlijn proactieve zorgplanning", ["A1", "S6", "K2", "L1"], None),
    (
        "TCA012",
        "Transitieconsultatie A012/A050",
        ["A2", "S3", "S5", "K3", "L1", "L5"],
        ["UTS", "ZOU", "UTW", "LEK"],
    ),
    ("HOSPICE", "Versterking hospicezorg", ["A1", "S4", "K4", "L1"], ["EEM", "NWV", "RIV"]),
    (
        "A027",
        "Verbetering transmurale samenwerking (A027)",
        ["A2", "S3", "S8", "K3", "L1"],
        ["UTS", "ZOU"],
    ),
    (
        "ZORGPAD",
        "Transmuraal zorgpad palliatieve zorg",
        ["A2", "S3", "S8", "K3", "L1"],
        ["UTW", "LEK", "RIV"],
    ),
    ("COACH", "Transmurale palliatieve zorgcoach", ["A2", "S2", "S8", "K3", "L1"], ["ZOU", "EEM"]),
    ("SOCIAAL", "Verbinding met het sociaal domein", ["A3", "S2", "S7", "K3", "L1"], None),
    ("PALLICARE", "PalliCare", ["A1", "S4", "K4", "L2"], ["NWV", "EEM"]),
    ("ZELFEVAL", "Zelfevaluaties kwaliteitskader", ["A1", "S1", "K1", "L2"], None),
    ("WEETU", "Weet u wat u wilt", ["A3", "S6", "K2", "L2"], ["UTS", "UTW", "LEK", "NWV"]),
    ("PATZ", "Taakgroep PaTz", ["A1", "S4", "S5", "K1", "L3"], None),
    ("ONDERWIJS", "Borging onderwijsknooppunt", ["A1", "S4", "L3"], None),
    (
        "SCHOLING",
        "Traject inzicht onderwijs en bij- en nascholing met consultatieteam",
        ["A1", "S4", "S5", "K4", "L3"],
        None,
    ),
    ("RTA", "Ontwikkelen RTA palliatieve zorg met TRIJN", ["A2", "S2", "K3", "L4"], ["ZOU", "RIV"]),
    ("MONITOR", "Meten en monitoren", ["A2", "L6"], None),
]
RESULT_GOALS = [
    ("ER1", "Palliatieve zorg is geïntegreerd in de reguliere zorg", "A1"),
    ("ER2", "Overdracht en regie zijn transmuraal geborgd", "A2"),
    ("ER3", "Zorg is verbonden met de sociale omgeving", "A3"),
]
# code, name, unit, network, result goal, baseline, baseline date, target, deadline, measured, projects
GOALS = [
    (
        "PATZ20",
        "Aantal PaTz-groepen in de regio van 10 naar 20",
        "groepen",
        None,
        "ER1",
        10,
        date(2024, 1, 1),
        20,
        date(2026, 1, 1),
        [
            (date(2024, 7, 1), 12),
            (date(2025, 1, 1), 14),
            (date(2025, 7, 1), 15),
            (date(2026, 1, 1), 17),
        ],
        ["PATZ"],
    ),
    (
        "SIGNAAL20",
        "Gevalideerd signaleringsinstrument gebruikt in 20% van de huisartspraktijken",
        "%",
        None,
        "ER1",
        4,
        date(2024, 3, 1),
        20,
        date(2026, 12, 31),
        [
            (date(2024, 9, 1), 7),
            (date(2025, 3, 1), 11),
            (date(2025, 9, 1), 14),
            (date(2026, 3, 1), 17),
        ],
        ["PZP", "ZELFEVAL"],
    ),
    (
        "OVERDRACHT",
        "Warme overdracht ziekenhuis-thuis bij 80% van de palliatieve ontslagen",
        "%",
        "UTS",
        "ER2",
        35,
        date(2024, 6, 1),
        80,
        date(2027, 6, 30),
        [(date(2025, 6, 1), 48)],
        ["A027", "TCA012"],
    ),
    (
        "WEGWIJZER",
        "Regionale wegwijzer palliatieve zorg online in alle netwerken",
        "netwerken",
        None,
        "ER3",
        1,
        date(2024, 1, 1),
        7,
        date(2026, 12, 31),
        [],
        [],
    ),
]
STATUS_CYCLE = ["op_koers", "op_koers", "aandacht", "op_koers", "vastgelopen", "aandacht"]


def database_is_empty(engine: Engine) -> bool:
    with engine.connect() as c:
        return not c.scalar(select(func.count()).select_from(m.Response))


def demo_responses(fw: Framework) -> ResponseBatch:
    """The questionnaire part of the demo, as a batch (pure: same framework, same rows)."""
    rng = np.random.default_rng(SEED)
    items = fw.items_frame()
    themes = list(dict.fromkeys(items["theme"]))
    theme_effect = dict(zip(themes, rng.normal(0, 0.25, len(themes))))
    frames = []
    for n_index, network in enumerate(fw.networks):
        size = 0.6 if network.code == "EEM" else 0.8 + 0.1 * (n_index % 4)
        level = 3.0 + rng.normal(0, 0.25)  # where the network starts
        growth = rng.uniform(-0.05, 0.25)  # improvement per wave
        for w_index, (wave, reference) in enumerate(WAVES.items()):
            for g_index, group in enumerate(g.code for g in fw.groups):
                per_unit = GROUP_SIZES[g_index % len(GROUP_SIZES)]
                count = max(1, int(round(per_unit * size * rng.uniform(0.8, 1.2))))
                person = rng.normal(0, 0.45, count)
                start = datetime.combine(reference, datetime.min.time()) - timedelta(days=45)
                submitted = [
                    start + timedelta(minutes=int(x)) for x in rng.integers(0, 44 * 24 * 60, count)
                ]
                ids = [f"{network.code}-{wave}-{group}-{i + 1:03d}" for i in range(count)]
                base = level + growth * w_index + person
                latent = (
                    base[:, None] + np.array([theme_effect[t] for t in items["theme"]])[None, :]
                )
                raw = np.clip(np.rint(latent + rng.normal(0, 0.7, latent.shape)), 1, 5)
                raw = np.where(items["reverse"].to_numpy()[None, :], 6 - raw, raw)
                frame = pd.DataFrame(raw, columns=items["item"].tolist())
                chance = rng.random(raw.shape)
                frame = frame.mask(chance < 0.05, -1.0)  # 'niet van toepassing'
                frame = frame.mask((chance >= 0.05) & (chance < 0.08))  # left empty
                frame.insert(0, "external_id", ids)
                frame.insert(1, "network", network.code)
                frame.insert(2, "group", group)
                frame.insert(3, "wave", wave)
                frame.insert(4, "submitted_at", pd.to_datetime([to_utc(s) for s in submitted]))
                frames.append(frame)
    wide = pd.concat(frames, ignore_index=True)
    item_codes = items["item"].tolist()
    answers = wide.melt(id_vars=["external_id"], value_vars=item_codes, var_name="item").dropna()
    answers["value"] = answers["value"].where(answers["value"] > 0)  # -1 marks nvt → missing
    responses = wide[["external_id", "network", "group", "wave", "submitted_at"]].copy()
    responses["row_number"] = None
    responses["content_hash"] = content_hashes(responses, wide[item_codes].astype(str))
    return ResponseBatch("demo", responses, answers.reset_index(drop=True))


def load_demo(engine: Engine, fw: Framework, consortium_id: int) -> Iterator[str]:
    """Load (or re-load, changing nothing) the demo data; yields progress lines."""
    batch = demo_responses(fw)
    source = f"{SOURCE}-{fw.consortium.code}"  # response ids are unique per source
    with recorded_run(engine, source, "demo", None) as run_id:
        summary = write_batch(
            engine, batch, run_id=run_id, source=source, consortium_id=consortium_id
        )
    yield (
        f"questionnaire: {len(batch.responses)} responses, {len(batch.answers)} answers "
        f"({summary.rows_new} new, {summary.rows_updated} updated, {summary.rows_unchanged} unchanged)"
    )
    with transaction(engine) as session:
        added = _projects_and_goals(session, consortium_id)
    yield f"projects and goals: {added} new rows"
    if any(i.kind == "relational" for i in fw.instruments):
        yield from _partner_network(engine, fw, consortium_id)


def _partner_network(engine: Engine, fw: Framework, consortium_id: int) -> Iterator[str]:
    """Partner lists, the relational questionnaire and agreements, through the collectors."""
    from collectors.agreements import list_agreements, save_agreement
    from collectors.partners import import_partner_frame
    from collectors.relational import (
        relational_batch_from_frame,
        relational_codes,
        write_relational_batch,
    )
    from demo.partners import demo_agreements, demo_partners, demo_relational

    partners = demo_partners(fw)
    source = f"{SOURCE}-{fw.consortium.code}"
    listed = import_partner_frame(
        engine, partners, consortium_id=consortium_id, source=f"{source}-partners", file_name="demo"
    )
    yield f"partners: {len(partners)} organisations ({listed.rows_new} new)"
    relational = demo_relational(fw, partners)
    batch = relational_batch_from_frame(relational, relational_codes(engine, consortium_id), "demo")
    with recorded_run(engine, f"{source}-netwerk", "demo", None) as run_id:
        summary = write_relational_batch(
            engine, batch, run_id=run_id, source=f"{source}-netwerk", consortium_id=consortium_id
        )
    yield (
        f"partner network: {relational['response_id'].nunique()} questionnaires, "
        f"{len(relational)} reports ({summary.rows_new} new, {summary.rows_unchanged} unchanged)"
    )
    agreements = demo_agreements(partners, relational)
    have = set(list_agreements(engine, consortium_id)["network"])
    added = 0
    for agreement in agreements:
        if agreement["network"] not in have:  # loading twice adds nothing
            save_agreement(engine, consortium_id, user_id=None, **agreement)
            added += 1
    yield f"agreements: {added} new"


class _Rows:
    """Adds the demo's rows that are missing, so that loading twice adds nothing; counts them."""

    def __init__(self, session, consortium_id: int) -> None:
        self.session, self.consortium_id, self.added = session, consortium_id, 0
        self.networks = dict(
            session.execute(
                select(m.Network.code, m.Network.id).where(m.Network.consortium_id == consortium_id)
            ).all()
        )
        self.elements = dict(
            session.execute(
                select(m.FrameworkElement.code, m.FrameworkElement.id).where(
                    m.FrameworkElement.consortium_id == consortium_id
                )
            ).all()
        )

    def get_or_add(self, model, keys: dict, values: dict):
        row = self.session.scalars(select(model).filter_by(**keys)).one_or_none()
        if row is None:
            row = model(**keys, **values)
            self.session.add(row)
            self.session.flush()
            self.added += 1
        return row


def _projects_and_goals(session, consortium_id: int) -> int:
    rows = _Rows(session, consortium_id)
    projects = {
        code: _project(rows, p_index, code, name, tags, taking_part)
        for p_index, (code, name, tags, taking_part) in enumerate(PROJECTS)
    }
    _goals(rows, projects)
    return rows.added


def _project(rows: _Rows, p_index: int, code: str, name: str, tags: list, taking_part):
    """One project of PROJECTS with its tags, networks and monthly status updates."""
    project = rows.get_or_add(
        m.Project, {"consortium_id": rows.consortium_id, "code": code}, {"name": name}
    )
    for tag in tags:
        if tag in rows.elements:
            rows.get_or_add(
                m.ProjectTag, {"project_id": project.id, "element_id": rows.elements[tag]}, {}
            )
    for n_index, network_code in enumerate(taking_part or list(rows.networks)):
        if network_code not in rows.networks:
            continue
        network_id = rows.networks[network_code]
        rows.get_or_add(m.ProjectNetwork, {"project_id": project.id, "network_id": network_id}, {})
        for version, submitted in enumerate(_update_dates(p_index, n_index), start=1):
            turn = (p_index + n_index + version) % len(STATUS_CYCLE)
            done = p_index % 5 == 2 and version > 20 and n_index % 2 == 0
            rows.get_or_add(
                m.StatusUpdate,
                {"project_id": project.id, "network_id": network_id, "version": version},
                {
                    "state": "submitted",
                    "status": "afgerond" if done else STATUS_CYCLE[turn],
                    "progress": min(100, 4 * version),
                    "narrative": f"Maandupdate {submitted:%B %Y}",
                    "source": SOURCE,
                    "submitted_at": to_utc(datetime.combine(submitted, time(10))),
                    "speerpunten": [t for t in tags if t.startswith("S")],
                },
            )
    return project


def _goals(rows: _Rows, projects: dict) -> None:
    """The result goals and SMART goals with their measured values and serving projects."""
    result_goals = {
        code: rows.get_or_add(
            m.ResultGoal,
            {"consortium_id": rows.consortium_id, "code": code},
            {"name": name, "ambition_id": rows.elements.get(ambition)},
        )
        for code, name, ambition in RESULT_GOALS
    }
    for code, name, unit, network, er, b, bd, t, deadline, measured, serving in GOALS:
        goal = rows.get_or_add(
            m.Goal,
            {"consortium_id": rows.consortium_id, "code": code},
            {
                "name": name,
                "unit": unit,
                "network_id": rows.networks.get(network) if network else None,
                "result_goal_id": result_goals[er].id,
                "baseline_value": b,
                "baseline_date": bd,
                "target_value": t,
                "deadline": deadline,
            },
        )
        for measured_at, value in measured:
            rows.get_or_add(
                m.GoalValue,
                {"goal_id": goal.id, "measured_at": measured_at},
                {"value": value, "source": SOURCE},
            )
        for project_code in serving:
            rows.get_or_add(
                m.ProjectGoal, {"project_id": projects[project_code].id, "goal_id": goal.id}, {}
            )


def _update_dates(p_index: int, n_index: int) -> list[date]:
    """Monthly updates from March 2024 to October 2026; some projects fall silent (stale)."""
    months = 32
    if (p_index * 7 + n_index) % 6 == 0:
        months -= 3 + (p_index + n_index) % 4  # stopped reporting a few months ago
    return [
        date(2024 + (2 + k) // 12, (2 + k) % 12 + 1, 5 + (p_index + n_index) % 20)
        for k in range(months)
    ]
