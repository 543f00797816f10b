"""What a report shows, gathered from the exported figures only (snapshots, project and goal
figures, timeline notes): never from answers, never recomputed.

A report year holds the waves whose reference date falls in that year; the trends also show the
earlier waves, since the road to 2028 starts at the baseline. Suppressed snapshot rows are kept
(the document says "te weinig respondenten" in their place) but their figures are emptied here
once more, so no later step can print one by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from db import models as m
from metrics.export import hide_suppressed
from metrics.store import goal_figures, load_snapshots, project_figures
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.vocabulary import ALL_GROUPS, ALL_NETWORKS

# The partner network's trust and value per organisation (metrics.partner_network's
# PARTNER_MEASURES; not imported from there, which loads scipy). They are the network's own
# mirror, shown on its dashboard page only: no document carries them, so a steering group never
# reads another organisation's score on paper and an annex never passes them on.
PER_ORGANISATION = ("partner_trust", "partner_value")
SERIES_MEASURES = ("index", "theme", "vision_element", "ambition", "speerpunt", "response_rate")


def network_level(snapshots: pd.DataFrame) -> pd.DataFrame:
    """The snapshot rows a document may carry: every measure but the per-organisation ones."""
    return snapshots[~snapshots["measure"].isin(PER_ORGANISATION)]


@dataclass
class NetworkFigures:
    """One network's figures for the report year (code ALL: the consortium pooled)."""

    code: str
    name: str
    index: pd.DataFrame  # index rows over all waves up to the year (trend and road)
    latest: pd.Series | None  # the index row of the year's latest wave
    themes: pd.DataFrame  # theme rows of the year's waves and the wave before
    elements: pd.DataFrame  # vision-element rows of the year's latest wave
    responses: pd.DataFrame  # response-rate rows of the year's waves
    projects: pd.DataFrame  # latest status per project in this network
    project_summary: pd.Series | None
    goals: pd.DataFrame  # SMART goals of this network
    notes: pd.DataFrame  # the steering group's notes of the year (noted_on, text)


@dataclass
class ReportContent:
    year: int
    consortium: str
    reference_date: date  # projects' staleness is judged on this date
    waves: pd.DataFrame  # the year's waves: wave, reference_date (oldest first)
    all_waves: pd.DataFrame  # every wave up to the year's end
    snapshots: pd.DataFrame  # every snapshot row of the year's waves (the annex)
    networks: list[NetworkFigures] = field(default_factory=list)
    consortium_figures: NetworkFigures | None = None
    consortium_goals: pd.DataFrame = field(default_factory=pd.DataFrame)
    alpha: pd.DataFrame = field(default_factory=pd.DataFrame)  # ALL, per theme, year's waves
    threshold: int = 5
    # Every group-all row of index, theme, vision element and response rate up to the year, of
    # every network and ALL (suppressed figures emptied): the road to 2028 and the summary.
    series: pd.DataFrame = field(default_factory=pd.DataFrame)
    framework: Any = None  # the consortium's Framework: names, links, targets
    # Stored records beside the figures (reports/records.py), set by attach_records.
    project_names: dict[str, str] = field(default_factory=dict)
    project_status: pd.DataFrame = field(default_factory=pd.DataFrame)  # every network's
    coverage: pd.DataFrame = field(default_factory=pd.DataFrame)
    updates: pd.DataFrame = field(default_factory=pd.DataFrame)
    tags: pd.DataFrame = field(default_factory=pd.DataFrame)
    agreements: pd.DataFrame = field(default_factory=pd.DataFrame)
    goals: pd.DataFrame = field(default_factory=pd.DataFrame)  # every SMART goal
    demo: bool = False
    foreword: str = ""
    reflections: dict[str, str] = field(default_factory=dict)  # network code: its text
    din_review: Any = None  # the latest DIN review up to the reference date (reports.din_records)

    @property
    def framework_themes(self) -> list:
        return list(self.framework.all_themes()) if self.framework else []

    @property
    def framework_elements(self) -> list:
        return list(self.framework.vision_elements) if self.framework else []

    @property
    def has_data(self) -> bool:
        return not self.waves.empty

    @property
    def latest_wave(self) -> str | None:
        return None if self.waves.empty else str(self.waves["wave"].iloc[-1])

    @property
    def previous_wave(self) -> str | None:
        """The wave before the year's first wave, if any (the change since last year)."""
        earlier = self.all_waves[~self.all_waves["wave"].isin(self.waves["wave"])]
        return None if earlier.empty else str(earlier["wave"].iloc[-1])


def year_waves(
    engine: Engine, consortium_id: int, year: int, kind: str | None = "questionnaire"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the year's waves, every wave up to the year's end) with their reference dates; of the
    questionnaires by default (the report's chapters), of every instrument with kind=None."""
    query = (
        select(m.Wave.code, m.Wave.reference_date)
        .join(m.Instrument)
        .where(m.Instrument.consortium_id == consortium_id, m.Wave.reference_date.is_not(None))
        .where(m.Instrument.kind == kind if kind else True)
        .order_by(m.Wave.reference_date, m.Wave.code)
    )
    with engine.connect() as c:
        frame = pd.DataFrame(c.execute(query).all(), columns=["wave", "reference_date"])
    frame["reference_date"] = pd.to_datetime(frame["reference_date"])
    upto = frame[frame["reference_date"].dt.year <= year].reset_index(drop=True)
    return upto[upto["reference_date"].dt.year == year].reset_index(drop=True), upto


def year_snapshots(engine: Engine, consortium_id: int, year: int) -> pd.DataFrame:
    """The snapshot rows of the year's waves, the partner network's network-level figures too:
    what the annex exports (never the per-organisation trust and value)."""
    waves, _ = year_waves(engine, consortium_id, year, kind=None)
    if waves.empty:
        return load_snapshots(engine, consortium_id).iloc[0:0]
    return network_level(load_snapshots(engine, consortium_id, waves=list(waves["wave"])))


def timeline_notes(engine: Engine, consortium_id: int, year: int) -> pd.DataFrame:
    """Every network's steering-group notes dated in the year: network, noted_on, text."""
    query = (
        select(m.Network.code, m.TimelineNote.noted_on, m.TimelineNote.text)
        .join(m.Network, m.Network.id == m.TimelineNote.network_id)
        .where(
            m.Network.consortium_id == consortium_id,
            m.TimelineNote.noted_on >= date(year, 1, 1),
            m.TimelineNote.noted_on <= date(year, 12, 31),
        )
        .order_by(m.TimelineNote.noted_on, m.TimelineNote.id)
    )
    with engine.connect() as c:
        frame = pd.DataFrame(c.execute(query).all(), columns=["network", "noted_on", "text"])
    frame["noted_on"] = pd.to_datetime(frame["noted_on"])
    return frame


def gather(
    ctx, year: int, *, networks: list[str] | None = None, today: date | None = None
) -> ReportContent:
    """Every figure the report for `year` shows (optionally only some networks)."""
    fw = ctx.framework
    engine, consortium_id = ctx.engine, ctx.consortium_id
    waves, all_waves = year_waves(engine, consortium_id, year)
    reference = min(today or clock.today(), date(year, 12, 31))
    content = ReportContent(
        year=year,
        consortium=fw.consortium.name,
        reference_date=reference,
        waves=waves,
        all_waves=all_waves,
        snapshots=year_snapshots(engine, consortium_id, year),
        threshold=fw.settings.suppression_threshold,
        framework=fw,
    )
    codes = [n.code for n in fw.networks if networks is None or n.code in networks]
    names = {n.code: n.name for n in fw.networks}
    snaps = hide_suppressed(
        network_level(
            load_snapshots(
                engine,
                consortium_id,
                networks=[*codes, ALL_NETWORKS],
                waves=list(all_waves["wave"]),
            )
            if not all_waves.empty
            else load_snapshots(engine, consortium_id, networks=["-"])  # no rows, every column
        )
    )
    snaps["reference_date"] = pd.to_datetime(snaps["reference_date"])
    snaps = snaps[snaps["group"] == ALL_GROUPS]
    projects = project_figures(engine, consortium_id, reference, fw.settings.stale_days)
    goals = goal_figures(engine, consortium_id)
    notes = timeline_notes(engine, consortium_id, year)
    year_codes = list(waves["wave"])
    theme_waves = year_codes + ([content.previous_wave] if content.previous_wave else [])

    def network_figures(code: str, name: str) -> NetworkFigures:
        own = snaps[snaps["network"] == code]
        index = own[own["measure"] == "index"].sort_values("reference_date")
        latest_rows = index[index["wave"] == content.latest_wave]
        summary = projects["summary"]
        summary_rows = summary[summary["network"] == code]
        return NetworkFigures(
            code=code,
            name=name,
            index=index,
            latest=None if latest_rows.empty else latest_rows.iloc[0],
            themes=own[(own["measure"] == "theme") & own["wave"].isin(theme_waves)],
            elements=own[
                (own["measure"] == "vision_element") & (own["wave"] == content.latest_wave)
            ],
            responses=own[(own["measure"] == "response_rate") & own["wave"].isin(year_codes)],
            projects=projects["status"][projects["status"]["network"] == code],
            project_summary=None if summary_rows.empty else summary_rows.iloc[0],
            goals=goals[goals["network"] == code],
            notes=notes[notes["network"] == code],
        )

    content.networks = [network_figures(code, names[code]) for code in codes]
    content.consortium_figures = network_figures(ALL_NETWORKS, fw.consortium.name)
    content.consortium_goals = goals[goals["network"].isna()]
    content.alpha = snaps[
        (snaps["measure"] == "alpha")
        & (snaps["network"] == ALL_NETWORKS)
        & snaps["wave"].isin(year_codes)
    ]
    content.series = snaps[snaps["measure"].isin(SERIES_MEASURES)]
    content.project_status = projects["status"]
    content.coverage = projects["coverage"]
    content.goals = goals
    return content


def attach_records(content: ReportContent, ctx) -> None:
    """The stored records the report shows beside the figures (reports/records.py)."""
    from reports import records
    from reports.din_records import latest_review

    engine, consortium_id = ctx.engine, ctx.consortium_id
    with engine.connect() as c:
        content.project_names = dict(
            c.execute(
                select(m.Project.code, m.Project.name).where(
                    m.Project.consortium_id == consortium_id
                )
            ).all()
        )
    content.updates = records.latest_updates(engine, consortium_id, content.reference_date)
    content.tags = records.project_tags(engine, consortium_id)
    content.agreements = records.agreements(engine, consortium_id)
    ambitions = records.goal_ambitions(engine, consortium_id)
    content.goals = content.goals.assign(ambition=content.goals["goal"].map(ambitions))
    content.demo = records.demo_data_loaded(engine)
    content.din_review = latest_review(engine, consortium_id, until=content.reference_date)
