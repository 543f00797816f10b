"""The consortium's portfolio: which ambitions and speerpunten the projects cover (and the gaps),
the agreements register in numbers, and the SMART goals with their forecast and those missed."""

from __future__ import annotations

from datetime import date

import pandas as pd
from reportlab.platypus import PageBreak, Table

from db.models import AGREEMENT_TOPICS
from reports import findings
from reports.content import ReportContent
from reports.layout import FRAME_WIDTH, bullet, heading, p, table
from reports.sections.common import network_names, project_name
from reports.sections.network import goals_table
from reports.wording import amount, day, listing, t
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

MARK = "x"


def coverage_section(content: ReportContent, lang: str) -> list:
    fw = content.framework
    codes = [("ambition", a.code) for a in fw.ambitions] + [
        ("speerpunt", s.code) for s in fw.speerpunten
    ]
    if not codes or content.project_status.empty:
        return [heading(t("coverage", lang)), p(t("coverage_none", lang)), PageBreak()]
    return [
        heading(t("coverage", lang)),
        p(t("coverage_intro", lang)),
        coverage_matrix(content, codes, lang),
        *coverage_gaps(content, codes, lang),
        heading(t("coverage_networks", lang), "h2"),
        network_coverage(content, codes, lang),
        PageBreak(),
    ]


def coverage_matrix(content: ReportContent, codes: list[tuple[str, str]], lang: str) -> Table:
    """Projects × ambitions and speerpunten: a mark where the project is tagged; per project the
    networks where it is active, and per code the number of active projects."""
    tags = content.tags
    tagged = set(zip(tags["project"], tags["kind"], tags["code"]))
    status_ = content.project_status
    active = status_[status_["active"]]
    rows = []
    for project in sorted(set(status_["project"]), key=lambda c: project_name(content, c)):
        marks = [MARK if (project, kind, code) in tagged else "" for kind, code in codes]
        networks = int((active["project"] == project).sum())
        rows.append([project_name(content, project), *marks, str(networks)])
    totals = [
        str(len({p for p in active["project"] if (p, kind, code) in tagged}))
        for kind, code in codes
    ]
    rows.append([t("coverage_active", lang), *totals, ""])
    w = FRAME_WIDTH
    rest = 0.6 * w / len(codes)
    header = [t("project", lang), *[code for _, code in codes], t("coverage_in_networks", lang)]
    return table(header, rows, [0.3 * w] + [rest] * len(codes) + [0.1 * w], compact=True)


def coverage_gaps(content: ReportContent, codes: list[tuple[str, str]], lang: str) -> list:
    """The codes no active project serves in some network (from the stored coverage)."""
    coverage = content.coverage
    lines = []
    names = network_names(content, lang)
    for kind, code in codes:
        missing = coverage[
            (coverage["kind"] == kind) & (coverage["code"] == code) & ~coverage["covered"]
        ]
        if len(missing):
            where = listing([names.get(n, n) for n in missing["network"]], lang)
            lines.append(t("coverage_gap", lang, code=code, networks=where))
    if not lines:
        return [p(t("coverage_no_gaps", lang))]
    return [heading(t("coverage_gaps", lang), "h2"), *[bullet(line) for line in lines]]


def network_coverage(content: ReportContent, codes: list[tuple[str, str]], lang: str) -> Table:
    """Networks × ambitions and speerpunten: the number of active projects serving each."""
    coverage = content.coverage
    rows, statuses = [], []
    for code_, name in network_names(content, lang).items():
        own = coverage[coverage["network"] == code_]
        cells = []
        for column, (kind, code) in enumerate(codes, start=1):
            match = own[(own["kind"] == kind) & (own["code"] == code)]
            served = (
                0 if match.empty else len([x for x in match.iloc[0]["projects"].split(", ") if x])
            )
            cells.append(str(served) if served else "-")
            if not served:
                statuses.append((column, len(rows), "achter"))
        rows.append([name, *cells])
    w = FRAME_WIDTH
    rest = 0.75 * w / len(codes)
    header = [t("network", lang), *[code for _, code in codes]]
    return table(header, rows, [0.25 * w] + [rest] * len(codes), statuses=statuses, compact=True)


def agreements_section(content: ReportContent, lang: str) -> list:
    """The agreements register in numbers: per network how many and whether their evaluations
    are on time on the report's reference date; per topic how many."""
    register = content.agreements
    parts: list = [heading(t("agreements", lang)), p(t("agreements_intro", lang))]
    if register.empty:
        return [*parts, p(t("agreements_none", lang)), PageBreak()]
    reference = pd.Timestamp(content.reference_date)
    rows, statuses = [], []
    for code, name in [*network_names(content, lang).items(), (ALL_NETWORKS, t("total", lang))]:
        own = register if code == ALL_NETWORKS else register[register["network"] == code]
        planned = own["next_evaluation"]
        overdue = int((planned < reference).sum())
        rows.append(
            [
                name,
                str(len(own)),
                str(int((planned >= reference).sum())),
                str(overdue),
                str(int(planned.isna().sum())),
            ]
        )
        if overdue:
            statuses.append((3, len(rows) - 1, "aandacht"))
    header = [
        t("network", lang),
        t("agreements_count", lang),
        t("agreements_on_time", lang),
        t("agreements_overdue", lang),
        t("agreements_unplanned", lang),
    ]
    w = FRAME_WIDTH
    parts.append(table(header, rows, [0.32 * w] + [0.17 * w] * 4, statuses=statuses))
    topics = [
        [t(f"agreement_topic_{topic}", lang), str(int((register["topic"] == topic).sum()))]
        for topic in AGREEMENT_TOPICS
    ]
    header = [t("agreement_topic", lang), t("agreements_count", lang)]
    parts += [
        heading(t("agreements_topics", lang), "h2"),
        table(header, topics, [0.4 * w, 0.17 * w]),
    ]
    return [*parts, PageBreak()]


def goals_section(content: ReportContent, lang: str) -> list:
    """Every SMART goal with baseline, latest value, target, progress and forecast; then the
    goals whose deadline passed without the target, and those the forecast says will miss."""
    goals = content.goals
    parts: list = [heading(t("goals_chapter", lang)), p(t("goals_intro", lang))]
    if goals.empty:
        return [*parts, p(t("no_goals_at_all", lang)), PageBreak()]
    names = network_names(content, lang)
    labelled = goals.assign(
        name=[
            f"{g['name']} ({names.get(g['network'], g['network'])})"
            if isinstance(g["network"], str)
            else g["name"]
            for _, g in goals.iterrows()
        ]
    )
    parts.append(goals_table(labelled, lang))
    missed, threatened = _missed(goals, content.reference_date)
    parts.append(heading(t("goals_missed", lang), "h2"))
    parts += [bullet(line) for line in _goal_lines(missed, "goal_missed_line", lang)] or [
        p(t("goals_none_missed", lang))
    ]
    parts.append(heading(t("goals_threatened", lang), "h2"))
    parts += [bullet(line) for line in _goal_lines(threatened, "goal_threatened_line", lang)] or [
        p(t("goals_none_threatened", lang))
    ]
    return [*parts, PageBreak()]


def _missed(goals: pd.DataFrame, reference: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    past = goals["deadline"].map(lambda d: pd.Timestamp(d).date() < reference)
    reached = goals.apply(findings.reached, axis=1).astype(bool)
    missed = goals[past & ~reached]
    threatened = goals[~past & (goals["achievable"] == False)]  # noqa: E712
    return missed, threatened


def _goal_lines(goals: pd.DataFrame, key: str, lang: str) -> list[str]:
    return [
        t(
            key,
            lang,
            name=g["name"],
            deadline=day(g["deadline"], lang),
            latest=amount(g["latest_value"], lang),
            target=amount(g["target_value"], lang),
            forecast=amount(g["forecast"], lang),
        )
        for _, g in goals.iterrows()
    ]
