"""What one network's digest says, gathered from the stored figures and records: what asks for
attention now (reports/findings.py), the events since the previous digest (status updates, goal
values, timeline notes, (re)computed waves), the network's index, the consortium's goals and the
network's partner-network figures.

The previous digest's own words are kept (reports/digest.py, `state`), so "what changed" is a
comparison with what was said then, not only with a date: an item that asked for attention and
no longer does is reported as resolved, one that is new is marked new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from sqlalchemy import select

from db import models as m
from metrics.store import goal_figures, load_snapshots, project_figures
from reports import findings, records
from reports.content import network_level
from reports.findings import Finding
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.vocabulary import ALL_GROUPS, ALL_NETWORKS

# The partner network's figures the digest repeats (the rest is on the dashboard).
PARTNER_SUBJECTS = ("density", "trust", "value", "ties")


@dataclass
class DigestNews:
    network: str
    name: str
    since: datetime  # aware: when the previous digest was sent (or 31 days ago)
    today: date
    previous: dict = field(default_factory=dict)  # the previous digest's state, {} if none
    index: pd.Series | None = None
    consortium_index: pd.Series | None = None
    attention: list[Finding] = field(default_factory=list)
    new_waves: list[tuple[str, datetime]] = field(default_factory=list)
    updates: list[tuple[str, str, datetime]] = field(default_factory=list)
    goal_values: list[tuple[str, float, date, str | None]] = field(default_factory=list)
    notes: list[tuple[date, str]] = field(default_factory=list)
    goals: pd.DataFrame = field(default_factory=pd.DataFrame)  # the consortium's own goals
    partner: pd.DataFrame = field(default_factory=pd.DataFrame)  # latest relational wave
    project_names: dict[str, str] = field(default_factory=dict)
    theme_names: dict[str, str] = field(default_factory=dict)
    goal_names: dict[str, str] = field(default_factory=dict)

    @property
    def new_keys(self) -> set[str]:
        """Attention items the previous digest did not list (all of them on a first digest)."""
        said = self.previous.get("attention", {})
        return {f.key for f in self.attention if f.key not in said}

    @property
    def resolved(self) -> dict[str, str]:
        """Items the previous digest listed that no longer ask for attention: key → its line."""
        now = {f.key for f in self.attention}
        return {k: v for k, v in self.previous.get("attention", {}).items() if k not in now}


def gather_news(ctx, network: str, since: datetime, today: date, previous: dict) -> DigestNews:
    """The network's digest content as of `today`, with the events since `since`."""
    fw = ctx.framework
    names = {n.code: n.name for n in fw.networks}
    news = DigestNews(network, names[network], since, today, previous)
    engine, consortium_id = ctx.engine, ctx.consortium_id
    snaps = network_level(load_snapshots(engine, consortium_id, networks=[network, ALL_NETWORKS]))
    snaps = snaps[snaps["group"] == ALL_GROUPS]
    _figures(news, snaps)
    status = project_figures(engine, consortium_id, today, fw.settings.stale_days)["status"]
    goals = goal_figures(engine, consortium_id)
    news.goals = goals[goals["network"].isna()]
    news.goal_names = dict(zip(goals["goal"], goals["name"]))
    news.attention = _attention(ctx, news, snaps, status, goals)
    news.new_waves = _new_waves(snaps[snaps["network"] == network], since)
    news.updates, news.goal_values, news.notes = _events(ctx, network, clock.to_utc(since))
    with engine.connect() as c:
        news.project_names = dict(
            c.execute(
                select(m.Project.code, m.Project.name).where(
                    m.Project.consortium_id == consortium_id
                )
            ).all()
        )
    news.theme_names = {th.code: th.name for th in fw.all_themes()}
    return news


def _figures(news: DigestNews, snaps: pd.DataFrame) -> None:
    """The index of the network and of the consortium at their latest wave, and the network's
    partner-network figures of its latest relational wave."""
    for code, attribute in ((news.network, "index"), (ALL_NETWORKS, "consortium_index")):
        index = snaps[(snaps["network"] == code) & (snaps["measure"] == "index")]
        if len(index):
            row = index.sort_values("reference_date").iloc[-1].copy()
            if bool(row["suppressed"]):  # belt and braces: print the phrase, not a number
                row["score_100"] = None
            setattr(news, attribute, row)
    partner = snaps[(snaps["network"] == news.network) & (snaps["measure"] == "network")]
    if len(partner):
        wave = partner.sort_values("reference_date")["wave"].iloc[-1]
        partner = partner[(partner["wave"] == wave) & partner["subject"].isin(PARTNER_SUBJECTS)]
        news.partner = partner.set_index("subject").reindex(
            [s for s in PARTNER_SUBJECTS if s in set(partner["subject"])]
        )


def _attention(ctx, news: DigestNews, snaps, status, goals) -> list[Finding]:
    engine, consortium_id, network = ctx.engine, ctx.consortium_id, news.network
    series = snaps[snaps["network"] == network]
    agreements = records.agreements(engine, consortium_id)
    proposals = records.open_proposals(engine, consortium_id)
    return [
        *findings.stuck_projects(status, network),
        *findings.silent_projects(status, network),
        *findings.behind_themes(series, network),
        *findings.overdue_goals(goals, network, news.today),
        *findings.overdue_agreements(agreements, network, news.today),
        *findings.response_fell(series, network),
        *findings.open_proposals(proposals, network),
    ]


def _new_waves(snaps: pd.DataFrame, since: datetime) -> list[tuple[str, datetime]]:
    """Waves whose figures were (re)computed since the previous digest."""
    if snaps.empty:
        return []
    computed = snaps.groupby("wave")["computed_at"].max()
    # Stored moments are aware UTC (db.types.UTCDateTime); `since` may be a local wall time.
    after = pd.Timestamp(clock.to_utc(since))
    return [
        (wave, clock.local(when))
        for wave, when in computed.items()
        if pd.Timestamp(when).tz_convert("UTC") > after
    ]


def _events(ctx, network: str, since: datetime) -> tuple[list, list, list]:
    """Status updates submitted, goal values measured and notes written since `since`."""
    consortium_id = ctx.consortium_id
    own = (m.Network.consortium_id == consortium_id, m.Network.code == network)
    with ctx.engine.connect() as c:
        updates = c.execute(
            select(m.Project.name, m.StatusUpdate.status, m.StatusUpdate.submitted_at)
            .join(m.Project, m.Project.id == m.StatusUpdate.project_id)
            .join(m.Network, m.Network.id == m.StatusUpdate.network_id)
            .where(*own, m.StatusUpdate.state == "submitted", m.StatusUpdate.submitted_at > since)
            .order_by(m.StatusUpdate.submitted_at)
        ).all()
        values = c.execute(
            select(m.Goal.name, m.GoalValue.value, m.GoalValue.measured_at, m.Goal.unit)
            .join(m.Goal, m.Goal.id == m.GoalValue.goal_id)
            .join(m.Network, m.Network.id == m.Goal.network_id)
            .where(*own, m.GoalValue.measured_at > clock.local(since).date())
            .order_by(m.GoalValue.measured_at)
        ).all()
        notes = c.execute(
            select(m.TimelineNote.noted_on, m.TimelineNote.text)
            .join(m.Network, m.Network.id == m.TimelineNote.network_id)
            .where(*own, m.TimelineNote.created_at > since)
            .order_by(m.TimelineNote.noted_on)
        ).all()
    return [tuple(r) for r in updates], [tuple(r) for r in values], [tuple(r) for r in notes]
