"""The networks at a glance (one page): per network the index of the year's latest wave with n,
the change since the previous wave, the status on the road to 2028 and the projects per status;
the index against the road as a chart; the significant changes; the projects' state."""

from __future__ import annotations

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, Spacer

from reports.content import NetworkFigures, ReportContent
from reports.layout import FRAME_HEIGHT, FRAME_WIDTH, bullet, heading, image, p, table
from reports.sections.common import theme_names
from reports.wording import count, day, figure, number, status, t


def _index_cells(n: NetworkFigures, lang: str) -> list[str]:
    row = n.latest
    if row is None:
        return ["-", "-", "-", "-"]
    if bool(row["suppressed"]):
        return [t("too_few", lang)] * 2 + ["-", "-"]
    return [
        figure(row, "score_100", lang),
        count(row, lang),
        number(row["difference"], 1, lang, sign=True),
        status(row["status"], lang),
    ]


def _project_cells(n: NetworkFigures) -> list[str]:
    s = n.project_summary
    if s is None:
        return ["-", "-"]
    counts = "/".join(str(int(s[k])) for k in ("op_koers", "aandacht", "vastgelopen", "afgerond"))
    return [counts, str(int(s["stale"]))]


def main_changes(content: ReportContent, lang: str, limit: int = 8) -> list[str]:
    """Significant changes of the index and the themes at the year's latest wave (exported
    difference and p-value), largest first."""
    names = theme_names(content, lang)
    lines = []
    for n in content.networks:
        rows = pd.concat([n.index[n.index["wave"] == content.latest_wave], n.themes])
        rows = rows[(rows["wave"] == content.latest_wave) & (rows["significant"] == True)]  # noqa: E712
        for _, row in rows.iterrows():
            before = n.index if row["measure"] == "index" else n.themes
            earlier = before[
                (before["subject"] == row["subject"]) & (before["wave"] == row["previous_wave"])
            ]
            if earlier.empty:
                continue
            subject = (
                t("index", lang)
                if row["measure"] == "index"
                else names.get(row["subject"], row["subject"])
            )
            lines.append(
                (
                    abs(float(row["difference"])) * (25 if row["measure"] != "index" else 1),
                    t(
                        "change_line",
                        lang,
                        network=n.name,
                        subject=subject,
                        before=figure(earlier.iloc[0], "score_100", lang),
                        after=figure(row, "score_100", lang),
                        significant=t("significant", lang),
                        p=number(row["p_value"], 3, lang),
                    ),
                )
            )
    return [text for _, text in sorted(lines, key=lambda x: -x[0])[:limit]]


def summary(content: ReportContent, road_png: bytes | None, lang: str) -> list:
    """The one-page consortium summary (shrunk to fit one page if need be)."""
    header = [
        t("network", lang),
        f"{t('index', lang)} {content.latest_wave or ''}",
        t("n", lang),
        t("difference", lang),
        t("status_2028", lang),
        f"{t('projects', lang)} (op koers / aandacht / vastgelopen / afgerond)"
        if lang == "nl"
        else f"{t('projects', lang)} (on track / attention / stuck / done)",
        t("stale", lang),
    ]
    rows = [[n.name, *_index_cells(n, lang), *_project_cells(n)] for n in content.networks]
    if content.consortium_figures is not None:
        rows.append(
            [t("consortium_row", lang), *_index_cells(content.consortium_figures, lang), "", ""]
        )
    w = FRAME_WIDTH
    parts: list = []
    if content.has_data:
        parts.append(
            p(
                t(
                    "summary_intro",
                    lang,
                    wave=content.latest_wave,
                    previous=content.previous_wave or "-",
                    date=day(content.reference_date, lang),
                )
            )
        )
    else:
        parts.append(p(t("no_data", lang, year=content.year)))
    parts += [
        Spacer(1, 3 * mm),
        table(header, rows, [0.19 * w, 0.13 * w, 0.07 * w, 0.09 * w, 0.13 * w, 0.27 * w, 0.12 * w]),
    ]
    if road_png:
        parts += [Spacer(1, 3 * mm), image(road_png, FRAME_WIDTH * 0.9)]
    if content.has_data:
        parts.append(heading(t("main_changes", lang), "h2"))
        changes = main_changes(content, lang)
        parts += [bullet(line) for line in changes] or [p(t("no_changes", lang))]
    totals = _project_totals(content)
    if totals:
        parts += [
            heading(t("projects_state", lang), "h2"),
            p(t("projects_line", lang, **totals)),
        ]
    # The heading stays outside the frame, so that the table of contents sees it.
    return [
        heading(t("summary", lang)),
        KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - 15 * mm, parts, mode="shrink"),
        PageBreak(),
    ]


def _project_totals(content: ReportContent) -> dict | None:
    summaries = [n.project_summary for n in content.networks if n.project_summary is not None]
    if not summaries:
        return None
    frame = pd.DataFrame(summaries)
    keys = ("op_koers", "aandacht", "vastgelopen", "afgerond", "stale", "active")
    return {k: int(frame[k].sum()) for k in keys}
