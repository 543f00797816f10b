"""A network's section: key figures; the index over the waves (chart); themes per wave with
expected value and status; vision elements; response; the partner network of the year's latest
relational wave; projects with their latest status, and what the coordinators wrote in their
latest updates (narrative, milestones, risks); SMART goals; the steering group's notes."""

from __future__ import annotations

import pandas as pd
from reportlab.platypus import PageBreak, Paragraph, Table

from charts.partner_network import SUBJECTS, format_change, format_value
from reports.content import NetworkFigures, ReportContent
from reports.layout import FRAME_WIDTH, heading, image, p, table
from reports.records import milestone_lines
from reports.sections.common import project_name, target_figure, theme_names
from reports.wording import (
    amount,
    count,
    day,
    figure,
    missing,
    number,
    percent,
    project_status,
    status,
    t,
    with_unit,
)
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS


def themes_table(content: ReportContent, n: NetworkFigures, lang: str) -> Table | Paragraph:
    waves = ([content.previous_wave] if content.previous_wave else []) + list(content.waves["wave"])
    names = theme_names(content, lang)
    latest = content.latest_wave
    rows, statuses = [], []
    for code, name in names.items():
        theme_rows = n.themes[n.themes["subject"] == code]
        by_wave = {r["wave"]: r for _, r in theme_rows.iterrows()}
        cells = [figure(by_wave.get(w), "score_100", lang) for w in waves]
        last = by_wave.get(latest)
        rows.append(
            [
                name,
                *cells,
                count(last, lang),
                "-"
                if last is None or bool(last["suppressed"])
                else number(last["expected"], 1, lang),
                "-" if last is None or bool(last["suppressed"]) else status(last["status"], lang),
            ]
        )
        if last is not None and not bool(last["suppressed"]):
            statuses.append((len(rows[-1]) - 1, len(rows) - 1, last["status"]))
    header = [t("theme", lang), *waves, f"n {latest}", t("expected", lang), t("status_2028", lang)]
    w = FRAME_WIDTH
    rest = (0.62 * w) / (len(header) - 1)
    return table(header, rows, [0.38 * w] + [rest] * (len(header) - 1), statuses=statuses)


def elements_table(content: ReportContent, n: NetworkFigures, lang: str) -> Table:
    rows, statuses = [], []
    for element in content.framework_elements:
        match = n.elements[n.elements["subject"] == element.code]
        row = None if match.empty else match.iloc[0]
        name = element.name_en if lang == "en" and element.name_en else element.name
        rows.append(
            [
                f"{element.code} {name}",
                figure(row, "score_100", lang),
                count(row, lang),
                "-" if row is None or bool(row["suppressed"]) else status(row["status"], lang),
            ]
        )
        if row is not None and not bool(row["suppressed"]):
            statuses.append((3, len(rows) - 1, row["status"]))
    w = FRAME_WIDTH
    return table(
        [t("element", lang), t("score", lang), t("n", lang), t("status_2028", lang)],
        rows,
        [0.55 * w, 0.15 * w, 0.1 * w, 0.2 * w],
        statuses=statuses,
    )


def responses_table(content: ReportContent, n: NetworkFigures, lang: str) -> Table:
    rows = []
    for wave, ref in zip(content.waves["wave"], content.waves["reference_date"]):
        match = n.responses[n.responses["wave"] == wave]
        row = None if match.empty else match.iloc[0]
        rate = (
            t("too_few", lang)
            if row is not None and bool(row["suppressed"])
            else percent(None if row is None else row["value"], lang)
        )
        rows.append([wave, day(ref, lang), count(row, lang), rate])
    w = FRAME_WIDTH
    return table(
        [t("wave", lang), t("reference_date", lang), t("responses", lang), t("rate", lang)],
        rows,
        [0.2 * w, 0.25 * w, 0.25 * w, 0.3 * w],
    )


def projects_table(content: ReportContent, n: NetworkFigures, lang: str) -> Table | Paragraph:
    if n.projects.empty:
        return p(t("no_projects", lang))
    names = content.project_names
    rows = [
        [
            names.get(r["project"], r["project"]),
            project_status(r["status"], lang),
            day(r["submitted_at"], lang),
            t("yes", lang) if bool(r["stale"]) else t("no", lang),
        ]
        for _, r in n.projects.iterrows()
    ]
    statuses = [(1, i, code) for i, code in enumerate(n.projects["status"])]
    w = FRAME_WIDTH
    return table(
        [t("project", lang), t("status", lang), t("last_update", lang), t("stale", lang)],
        rows,
        [0.5 * w, 0.18 * w, 0.18 * w, 0.14 * w],
        statuses=statuses,
    )


def _goal_value(goal, value: str, when: str, lang: str) -> str:
    """ "10 groepen (01-01-2024)": the amount with its unit and date; "-" without a value."""
    if missing(goal[value]):
        return "-"
    return f"{with_unit(goal[value], goal['unit'], lang)} ({day(goal[when], lang)})"


def goals_table(goals: pd.DataFrame, lang: str) -> Table | Paragraph:
    if goals.empty:
        return p(t("no_goals", lang))
    rows = []
    for _, g in goals.iterrows():
        achievable = g["achievable"]
        rows.append(
            [
                g["name"],
                _goal_value(g, "baseline_value", "baseline_date", lang),
                _goal_value(g, "latest_value", "latest_date", lang),
                _goal_value(g, "target_value", "deadline", lang),
                "-" if missing(g["progress_pct"]) else f"{number(g['progress_pct'], 0, lang)}%",
                amount(g["forecast"], lang),
                "-" if missing(achievable) else t("yes" if bool(achievable) else "no", lang),
            ]
        )
    w = FRAME_WIDTH
    return table(
        [
            t("goal", lang),
            t("baseline", lang),
            t("latest", lang),
            t("target", lang),
            t("progress", lang),
            t("forecast", lang),
            t("achievable", lang),
        ],
        rows,
        [0.28 * w, 0.14 * w, 0.14 * w, 0.14 * w, 0.1 * w, 0.1 * w, 0.1 * w],
    )


def partner_network(content: ReportContent, n: NetworkFigures, lang: str) -> list:
    """The network's partner-network figures of the year's latest relational wave, with change
    and the road to 2028 (measures.md, "Partner network"); nothing when there are none. The
    trust and value per organisation are never in the report (reports/content.py)."""
    snaps = content.snapshots
    rows = snaps.loc[(snaps["network"] == n.code) & (snaps["measure"] == "network")]
    if rows.empty:
        return []
    wave = rows.sort_values("reference_date")["wave"].iloc[-1]
    rows = rows.loc[rows["wave"] == wave].set_index("subject")
    comma = lang == "nl"
    cells, statuses = [], []
    for subject in [s for s in SUBJECTS if s in rows.index]:
        row = rows.loc[subject]
        hidden = bool(row["suppressed"])
        target = row["target"]
        cells.append(
            [
                t(f"pn_fig_{subject}", lang),
                t("too_few", lang)
                if hidden
                else format_value(subject, row["value"], decimal_comma=comma),
                "-"
                if hidden
                else format_change(subject, row["difference"], lang, decimal_comma=comma),
                "-" if missing(target) else format_value(subject, target, decimal_comma=comma),
                status(row["status"], lang),
            ]
        )
        statuses.append((4, len(cells) - 1, row["status"]))
    header = [t("pn_figure", lang), t("pn_value", lang), t("pn_change", lang)]
    header += [t("target", lang), t("status_2028", lang)]
    return [
        heading(t("partner_network", lang, wave=wave), "h2"),
        table(header, cells, statuses=statuses),
    ]


def project_notes(content: ReportContent, n: NetworkFigures, lang: str) -> list:
    """What the coordinators wrote in each project's latest update: progress, narrative,
    milestones reached and planned, risks (as typed: escaped by p())."""
    updates = content.updates
    if updates.empty:
        return []
    own = updates[updates["network"] == n.code]
    rows = []
    for _, u in own.sort_values("project").iterrows():
        lines = _update_lines(u, lang)
        if not lines:
            continue
        title = t(
            "update_title",
            lang,
            project=project_name(content, u["project"]),
            status=project_status(u["status"], lang),
            date=day(u["submitted_at"], lang),
        )
        progress = "-" if missing(u["progress"]) else f"{int(u['progress'])}%"
        rows.append([title, progress, [p(line, "cell") for line in lines]])
    if not rows:
        return []
    w = FRAME_WIDTH
    header = [t("project", lang), t("progress", lang), t("update_notes", lang)]
    return [
        heading(t("project_notes", lang), "h2"),
        table(header, rows, [0.3 * w, 0.1 * w, 0.6 * w]),
    ]


def _update_lines(update, lang: str) -> list[str]:
    lines = []
    if isinstance(update["narrative"], str) and update["narrative"].strip():
        lines.append(update["narrative"].strip())
    for kind, when, text in milestone_lines(update["milestones"]):
        label = t("milestone_reached" if kind == "reached" else "milestone_planned", lang)
        lines.append(f"{label}: {text}" + (f" ({day(when, lang)})" if when else ""))
    if isinstance(update["risks"], str) and update["risks"].strip():
        lines.append(t("update_risks", lang, risks=update["risks"].strip()))
    return lines


def key_figures(content: ReportContent, n: NetworkFigures, lang: str) -> Paragraph:
    row = n.latest
    if row is None:
        return p(t("no_data", lang, year=content.year))
    suppressed = bool(row["suppressed"])
    return p(
        t(
            "key_figures",
            lang,
            wave=content.latest_wave,
            index=figure(row, "score_100", lang),
            n=count(row, lang),
            status="-" if suppressed else status(row["status"], lang),
            expected="-" if suppressed else number(row["expected"], 1, lang),
            target="-"
            if suppressed
            else target_figure(
                content,
                row["target"],
                "index",
                "index",
                None if n.code == ALL_NETWORKS else n.code,
                lang,
            ),
        )
    )


def network_section(
    content: ReportContent, n: NetworkFigures, trend_png: bytes | None, lang: str
) -> list:
    parts: list = [
        heading(t("network_section", lang, name=n.name)),
        key_figures(content, n, lang),
    ]
    if trend_png:
        parts += [p(t("index_trend", lang), "small"), image(trend_png)]
    if content.has_data:
        parts += [
            heading(t("themes", lang), "h2"),
            themes_table(content, n, lang),
            heading(t("vision_elements", lang, wave=content.latest_wave), "h2"),
            elements_table(content, n, lang),
            heading(t("response", lang), "h2"),
            responses_table(content, n, lang),
        ]
    parts += [
        *partner_network(content, n, lang),
        heading(t("projects", lang), "h2"),
        projects_table(content, n, lang),
        *project_notes(content, n, lang),
        heading(t("goals", lang), "h2"),
        goals_table(n.goals, lang),
        heading(t("notes", lang, year=content.year), "h2"),
    ]
    if n.notes.empty:
        parts.append(p(t("no_notes", lang, year=content.year)))
    else:
        parts += [p(f"{day(r['noted_on'], lang)}: {r['text']}") for _, r in n.notes.iterrows()]
    if content.reflections.get(n.code):
        lines = content.reflections[n.code].splitlines()
        parts += [
            heading(t("reflection", lang), "h2"),
            *(p(line) for line in lines if line.strip()),
        ]
    return [*parts, PageBreak()]
