"""On the road to 2028: the vision elements, the ambitions and the speerpunten.

Per vision element, ambition and speerpunt the consortium's figure at the baseline and at the
year's latest wave, the change since the previous wave, the target, the expected value and the
status — the stored snapshots — and per vision element the status per network. An ambition's
score counts the items linked to its speerpunten (docs/measures.md); beside it the report shows
the themes and elements linked to it, the projects tagged with it and the SMART goals under it
(through their result goals).
"""

from __future__ import annotations

import pandas as pd
from reportlab.platypus import PageBreak, Paragraph, Table

from reports.content import ReportContent
from reports.layout import FRAME_WIDTH, heading, p, table
from reports.sections.common import (
    element_names,
    first,
    localised,
    official,
    target_figure,
    theme_names,
)
from reports.wording import listing, number, points, status, t
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

GOOD = ("bereikt", "op_koers")


def road_section(content: ReportContent, lang: str) -> list:
    parts: list = [heading(t("road", lang)), p(t("road_intro", lang))]
    if not content.has_data:
        return [*parts, p(t("no_data", lang, year=content.year)), PageBreak()]
    parts += [
        heading(t("road_elements", lang), "h2"),
        scores_road(content, "vision_element", element_names(content, lang), "element", lang),
        heading(t("road_elements_networks", lang), "h2"),
        elements_by_network(content, lang),
        heading(t("road_ambition_scores", lang), "h2"),
        p(t("road_ambition_scores_intro", lang)),
        scores_road(content, "ambition", coded_names(content, "ambitions", lang), "ambition", lang),
        heading(t("road_ambitions", lang), "h2"),
        p(t("road_ambitions_intro", lang)),
        ambitions_table(content, lang),
        heading(t("road_speerpunten", lang), "h2"),
        scores_road(
            content, "speerpunt", coded_names(content, "speerpunten", lang), "speerpunt", lang
        ),
        PageBreak(),
    ]
    return parts


def coded_names(content: ReportContent, section: str, lang: str) -> dict[str, str]:
    """Code → name of the framework's ambitions or speerpunten, in the file's order."""
    entries = getattr(content.framework, section, ()) if content.framework else ()
    return {e.code: localised(e, lang) for e in entries}


def scores_road(
    content: ReportContent, measure: str, names: dict[str, str], label: str, lang: str
) -> Table | Paragraph:
    """The consortium's vision elements, ambitions or speerpunten (`measure`): baseline, latest,
    change, target, expected, status; `label` names the first column."""
    latest = official(content.series, ALL_NETWORKS, measure)
    base = first(content.series, ALL_NETWORKS, measure)
    rows, statuses = [], []
    for code, name in names.items():
        row = latest.loc[code] if code in latest.index else None
        start = base.loc[code] if code in base.index else None
        rows.append(
            [
                f"{code} {name}",
                "-"
                if start is None
                else f"{number(start['score_100'], 1, lang)} ({start['wave']})",
                "-" if row is None else f"{number(row['score_100'], 1, lang)} ({row['wave']})",
                "-" if row is None else points(row, lang),
                "-"
                if row is None
                else target_figure(content, row["target"], "vision_element", code, None, lang),
                "-" if row is None else number(row["expected"], 1, lang),
                "-" if row is None else status(row["status"], lang),
            ]
        )
        statuses.append((6, len(rows) - 1, None if row is None else row["status"]))
    header = [
        t(label, lang),
        t("baseline", lang),
        t("latest", lang),
        t("difference", lang),
        t("target", lang),
        t("expected", lang),
        t("status_2028", lang),
    ]
    w = FRAME_WIDTH
    widths = [0.34 * w, 0.12 * w, 0.12 * w, 0.09 * w, 0.08 * w, 0.1 * w, 0.15 * w]
    return table(header, rows, widths, statuses=statuses)


def elements_by_network(content: ReportContent, lang: str) -> Table:
    """Each network's status per vision element (codes as columns; their names are above)."""
    codes = [e.code for e in content.framework_elements]
    networks = [(n.code, n.name) for n in content.networks] + [
        (ALL_NETWORKS, t("consortium_row", lang))
    ]
    rows, statuses = [], []
    for code, name in networks:
        latest = official(content.series, code, "vision_element")
        cells = []
        for column, element in enumerate(codes, start=1):
            row = latest.loc[element] if element in latest.index else None
            code_ = None if row is None else row["status"]
            cells.append(status(code_, lang))
            statuses.append((column, len(rows), code_))
        rows.append([name, *cells])
    w = FRAME_WIDTH
    rest = 0.78 * w / max(1, len(codes))
    return table(
        [t("network", lang), *codes],
        rows,
        [0.22 * w] + [rest] * len(codes),
        statuses=statuses,
        compact=True,
    )


def ambitions_table(content: ReportContent, lang: str) -> Table | Paragraph:
    fw = content.framework
    if fw is None or not fw.ambitions:
        return p(t("road_no_ambitions", lang))
    rows = []
    for ambition in fw.ambitions:
        themes, elements = linked(fw, ambition.speerpunten)
        rows.append(
            [
                f"{ambition.code} {localised(ambition, lang)} "
                f"({t('speerpunten', lang)} {', '.join(ambition.speerpunten)})",
                _statuses_line(content, "theme", themes, theme_names(content, lang), lang),
                _statuses_line(
                    content, "vision_element", elements, element_names(content, lang), lang
                ),
                _projects_line(content, ambition.code, lang),
                _goals_line(content, ambition.code, lang),
            ]
        )
    header = [
        t("ambition", lang),
        t("themes", lang),
        t("road_elements_short", lang),
        t("projects", lang),
        t("goals", lang),
    ]
    w = FRAME_WIDTH
    return table(header, rows, [0.22 * w, 0.2 * w, 0.2 * w, 0.18 * w, 0.2 * w])


def linked(fw, speerpunten) -> tuple[list[str], list[str]]:
    """The themes and vision elements whose items serve at least one of these speerpunten."""
    wanted = set(speerpunten)
    themes, elements = [], []
    for theme in fw.all_themes():
        for item in theme.items:
            if wanted & set(item.speerpunten):
                themes.append(theme.code)
                elements += list(item.vision_elements)
    order = [e.code for e in fw.vision_elements]
    return list(dict.fromkeys(themes)), sorted(set(elements), key=order.index)


def _statuses_line(content, measure: str, codes: list[str], names: dict, lang: str) -> str:
    """ "5 van 7 op koers of bereikt; achter: Vertrouwen" for the consortium's official status."""
    latest = official(content.series, ALL_NETWORKS, measure)
    known = [c for c in codes if c in latest.index and isinstance(latest.loc[c, "status"], str)]
    if not known:
        return "-"
    good = [c for c in known if latest.loc[c, "status"] in GOOD]
    line = t("road_good_of", lang, k=len(good), n=len(known))
    for code_ in ("aandacht", "achter"):
        hit = [names.get(c, c) for c in known if latest.loc[c, "status"] == code_]
        if hit:
            line += f"; {status(code_, lang)}: {listing(hit, lang)}"
    return line


def _projects_line(content: ReportContent, ambition: str, lang: str) -> str:
    tags = content.tags
    projects = set(tags.loc[(tags["kind"] == "ambition") & (tags["code"] == ambition), "project"])
    status_ = content.project_status
    own = status_[status_["project"].isin(projects) & status_["active"]]
    if own.empty:
        return t("road_no_projects", lang)
    stuck = int((own["status"] == "vastgelopen").sum())
    return t(
        "road_projects",
        lang,
        projects=len(projects),
        active=len(own),
        on_track=int((own["status"] == "op_koers").sum()),
        stuck=stuck,
    )


def _goals_line(content: ReportContent, ambition: str, lang: str) -> str:
    """The SMART goals under the ambition through their result goals (the DIN)."""
    goals = content.goals
    if goals.empty or "ambition" not in goals.columns:
        return "-"
    own = goals[goals["ambition"] == ambition]
    if own.empty:
        return t("road_no_goals", lang)
    lines = []
    for _, g in own.iterrows():
        if pd.isna(g["progress_pct"]):
            lines.append(f"{g['name']}: {t('road_goal_unmeasured', lang)}")
            continue
        progress = f"{number(g['progress_pct'], 0, lang)}%"
        verdict = (
            ""
            if pd.isna(g["achievable"])
            else f", {t('achievable_word' if bool(g['achievable']) else 'not_achievable', lang)}"
        )
        lines.append(f"{g['name']}: {progress}{verdict}")
    return "; ".join(lines)
