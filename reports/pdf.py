"""The NPPZ report as a PDF (reportlab, pure Python), and a network's one-page PDF for the digest.

Layout: a cover; a one-page consortium summary; a section per network; how it was measured.
Every number comes from reports/content.py (the exported figures) through reports/wording.py
(formatting, and the suppression phrase in place of a suppressed figure). All charts of one
document are rendered together by one kaleido server (reports/images.py).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepInFrame,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from dashboard.partner_map import SUBJECTS, format_change, format_value
from reports import charts
from reports.content import NetworkFigures, ReportContent, gather
from reports.images import render_charts
from reports.wording import count, day, figure, missing, number, percent, project_status, status, t
from samenwerkingsmonitor import clock

Progress = Callable[[float, str], None]
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 8 * mm  # room for the footer
BLUE = colors.HexColor("#0072B2")


@dataclass
class BuildResult:
    path: Path | None
    pages: int
    charts: int
    seconds: float
    has_data: bool


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontSize=24, leading=30),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base["Normal"], fontSize=13, leading=17, alignment=TA_CENTER
        ),
        "h1": ParagraphStyle(
            "h1", parent=base["Heading1"], fontSize=17, textColor=BLUE, keepWithNext=1
        ),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontSize=12.5, spaceBefore=8, keepWithNext=1
        ),
        "body": ParagraphStyle("body", parent=base["Normal"], fontSize=9.5, leading=12.5),
        "small": ParagraphStyle("small", parent=base["Normal"], fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=base["Normal"], fontSize=8, leading=9.5),
        "center": ParagraphStyle(
            "center", parent=base["Normal"], fontSize=10, leading=14, alignment=TA_CENTER
        ),
    }


STYLES = _styles()


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(str(text)), STYLES[style])


def _table(header: list[str], rows: list[list], widths: list[float] | None = None) -> Table:
    """A plain table: header row on blue, cells wrapped as small paragraphs."""
    data = [[_p(h, "cell") for h in header]] + [
        [c if isinstance(c, Paragraph) else _p(c, "cell") for c in row] for row in rows
    ]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCEBF5")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, BLUE),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _image(png: bytes, width: float = FRAME_WIDTH) -> Image:
    image = Image(io.BytesIO(png))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth, image.drawHeight = width, width * ratio
    return image


# --- the parts of the document -------------------------------------------------------------------


def cover(content: ReportContent, lang: str) -> list:
    waves = ", ".join(
        f"{w} ({day(d, lang)})"
        for w, d in zip(content.waves["wave"], content.waves["reference_date"])
    )
    return [
        Spacer(1, 60 * mm),
        Paragraph(escape(t("title", lang, year=content.year)), STYLES["title"]),
        Spacer(1, 6 * mm),
        _p(content.consortium, "subtitle"),
        Spacer(1, 3 * mm),
        _p(t("subtitle", lang), "center"),
        Spacer(1, 30 * mm),
        _p(
            t("waves_in_year", lang, year=content.year, waves=waves or t("no_waves", lang)),
            "center",
        ),
        _p(t("made_on", lang, date=day(clock.today(), lang)), "center"),
        PageBreak(),
    ]


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
    names = _theme_names(content, lang)
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
        f"{t('projects', lang)} (op koers/aandacht/vastgelopen/afgerond)"
        if lang == "nl"
        else f"{t('projects', lang)} (on track/attention/stuck/done)",
        t("stale", lang),
    ]
    rows = [[n.name, *_index_cells(n, lang), *_project_cells(n)] for n in content.networks]
    if content.consortium_figures is not None:
        rows.append(
            [t("consortium_row", lang), *_index_cells(content.consortium_figures, lang), "", ""]
        )
    w = FRAME_WIDTH
    parts: list = [Paragraph(escape(t("summary", lang)), STYLES["h1"])]
    if content.has_data:
        parts.append(
            _p(
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
        parts.append(_p(t("no_data", lang, year=content.year)))
    parts += [
        Spacer(1, 3 * mm),
        _table(
            header, rows, [0.19 * w, 0.13 * w, 0.07 * w, 0.09 * w, 0.13 * w, 0.27 * w, 0.12 * w]
        ),
    ]
    if road_png:
        parts += [Spacer(1, 3 * mm), _image(road_png, FRAME_WIDTH * 0.9)]
    if content.has_data:
        parts.append(Paragraph(escape(t("main_changes", lang)), STYLES["h2"]))
        changes = main_changes(content, lang)
        parts += [_p(f"- {line}", "small") for line in changes] or [_p(t("no_changes", lang))]
    totals = _project_totals(content)
    if totals:
        parts += [
            Paragraph(escape(t("projects_state", lang)), STYLES["h2"]),
            _p(t("projects_line", lang, **totals)),
        ]
    return [KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, parts, mode="shrink"), PageBreak()]


def _project_totals(content: ReportContent) -> dict | None:
    summaries = [n.project_summary for n in content.networks if n.project_summary is not None]
    if not summaries:
        return None
    frame = pd.DataFrame(summaries)
    keys = ("op_koers", "aandacht", "vastgelopen", "afgerond", "stale", "active")
    return {k: int(frame[k].sum()) for k in keys}


def _theme_names(content: ReportContent, lang: str) -> dict[str, str]:
    return {
        theme.code: (theme.name_en if lang == "en" and theme.name_en else theme.name)
        for theme in content.framework_themes
    }


def themes_table(content: ReportContent, n: NetworkFigures, lang: str) -> Table | Paragraph:
    waves = ([content.previous_wave] if content.previous_wave else []) + list(content.waves["wave"])
    names = _theme_names(content, lang)
    latest = content.latest_wave
    rows = []
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
    header = [t("theme", lang), *waves, f"n {latest}", t("expected", lang), t("status_2028", lang)]
    w = FRAME_WIDTH
    rest = (0.62 * w) / (len(header) - 1)
    return _table(header, rows, [0.38 * w] + [rest] * (len(header) - 1))


def elements_table(content: ReportContent, n: NetworkFigures, lang: str) -> Table:
    rows = []
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
    w = FRAME_WIDTH
    return _table(
        [t("element", lang), t("score", lang), t("n", lang), t("status_2028", lang)],
        rows,
        [0.55 * w, 0.15 * w, 0.1 * w, 0.2 * w],
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
    return _table(
        [t("wave", lang), t("reference_date", lang), t("responses", lang), t("rate", lang)],
        rows,
        [0.2 * w, 0.25 * w, 0.25 * w, 0.3 * w],
    )


def projects_table(content: ReportContent, n: NetworkFigures, lang: str) -> Table | Paragraph:
    if n.projects.empty:
        return _p(t("no_projects", lang))
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
    w = FRAME_WIDTH
    return _table(
        [t("project", lang), t("status", lang), t("last_update", lang), t("stale", lang)],
        rows,
        [0.5 * w, 0.18 * w, 0.18 * w, 0.14 * w],
    )


def goals_table(goals: pd.DataFrame, lang: str) -> Table | Paragraph:
    if goals.empty:
        return _p(t("no_goals", lang))
    rows = []
    for _, g in goals.iterrows():
        unit = "" if missing(g["unit"]) else f" {g['unit']}"
        achievable = g["achievable"]
        rows.append(
            [
                g["name"],
                f"{number(g['baseline_value'], 1, lang)}{unit} ({day(g['baseline_date'], lang)})",
                f"{number(g['latest_value'], 1, lang)}{unit} ({day(g['latest_date'], lang)})",
                f"{number(g['target_value'], 1, lang)}{unit} ({day(g['deadline'], lang)})",
                "-" if missing(g["progress_pct"]) else f"{number(g['progress_pct'], 0, lang)}%",
                number(g["forecast"], 1, lang),
                "-" if missing(achievable) else t("yes" if bool(achievable) else "no", lang),
            ]
        )
    w = FRAME_WIDTH
    return _table(
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
    and the road to 2028 (measures.md, "Partner network"); nothing when there are none."""
    snaps = content.snapshots
    rows = snaps.loc[(snaps["network"] == n.code) & (snaps["measure"] == "network")]
    if rows.empty:
        return []
    wave = rows.sort_values("reference_date")["wave"].iloc[-1]
    rows = rows.loc[rows["wave"] == wave].set_index("subject")
    table = []
    for subject in SUBJECTS:
        if subject not in rows.index:
            continue
        row = rows.loc[subject]
        hidden = bool(row["suppressed"])
        change = "-" if hidden else format_change(subject, row["difference"], lang)
        table.append(
            [
                t(f"pn_fig_{subject}", lang),
                t("too_few", lang) if hidden else format_value(subject, row["value"]),
                change,
                "-" if missing(row["target"]) else format_value(subject, row["target"]),
                status(row["status"], lang),
            ]
        )
    header = [t("pn_figure", lang), t("pn_value", lang), t("pn_change", lang)]
    header += [t("target", lang), t("status_2028", lang)]
    return [
        Paragraph(escape(t("partner_network", lang, wave=wave)), STYLES["h2"]),
        _table(header, table),
    ]


def key_figures(content: ReportContent, n: NetworkFigures, lang: str) -> Paragraph:
    row = n.latest
    if row is None:
        return _p(t("no_data", lang, year=content.year))
    suppressed = bool(row["suppressed"])
    return _p(
        t(
            "key_figures",
            lang,
            wave=content.latest_wave,
            index=figure(row, "score_100", lang),
            n=count(row, lang),
            status="-" if suppressed else status(row["status"], lang),
            expected="-" if suppressed else number(row["expected"], 1, lang),
            target="-" if suppressed else number(row["target"], 0, lang),
        )
    )


def network_section(
    content: ReportContent, n: NetworkFigures, trend_png: bytes | None, lang: str
) -> list:
    parts: list = [
        Paragraph(escape(t("network_section", lang, name=n.name)), STYLES["h1"]),
        key_figures(content, n, lang),
    ]
    if trend_png:
        parts += [_p(t("index_trend", lang), "small"), _image(trend_png)]
    if content.has_data:
        parts += [
            Paragraph(escape(t("themes", lang)), STYLES["h2"]),
            themes_table(content, n, lang),
            Paragraph(escape(t("vision_elements", lang, wave=content.latest_wave)), STYLES["h2"]),
            elements_table(content, n, lang),
            Paragraph(escape(t("response", lang)), STYLES["h2"]),
            responses_table(content, n, lang),
        ]
    parts += [
        *partner_network(content, n, lang),
        Paragraph(escape(t("projects", lang)), STYLES["h2"]),
        projects_table(content, n, lang),
        Paragraph(escape(t("goals", lang)), STYLES["h2"]),
        goals_table(n.goals, lang),
        Paragraph(escape(t("notes", lang, year=content.year)), STYLES["h2"]),
    ]
    if n.notes.empty:
        parts.append(_p(t("no_notes", lang, year=content.year)))
    else:
        parts += [_p(f"{day(r['noted_on'], lang)}: {r['text']}") for _, r in n.notes.iterrows()]
    return [*parts, PageBreak()]


def method(content: ReportContent, lang: str) -> list:
    fw_instrument = content.instrument
    parts: list = [
        Paragraph(escape(t("method", lang)), STYLES["h1"]),
        _p(
            t(
                "method_instrument",
                lang,
                instrument=fw_instrument[0],
                themes=fw_instrument[1],
                items=fw_instrument[2],
            )
        ),
        Spacer(1, 2 * mm),
        _p(t("method_suppression", lang, threshold=content.threshold)),
        Spacer(1, 2 * mm),
        _p(t("method_status", lang)),
        Paragraph(escape(t("method_waves", lang)), STYLES["h2"]),
    ]
    rows = []
    for n in [*content.networks, content.consortium_figures]:
        if n is None:
            continue
        for _, r in n.responses.sort_values("wave").iterrows():
            rate = t("too_few", lang) if bool(r["suppressed"]) else percent(r["value"], lang)
            rows.append([n.name, r["wave"], count(r, lang), rate])
    if rows:
        w = FRAME_WIDTH
        parts.append(
            _table(
                [t("network", lang), t("wave", lang), t("responses", lang), t("rate", lang)],
                rows,
                [0.4 * w, 0.15 * w, 0.2 * w, 0.25 * w],
            )
        )
    else:
        parts.append(_p(t("no_data", lang, year=content.year)))
    if not content.alpha.empty:
        names = _theme_names(content, lang)
        waves = list(content.waves["wave"])
        alpha_rows = []
        for code, name in names.items():
            cells = []
            for wave in waves:
                match = content.alpha[
                    (content.alpha["subject"] == code) & (content.alpha["wave"] == wave)
                ]
                cells.append("-" if match.empty else figure(match.iloc[0], "value", lang, 2))
            alpha_rows.append([name, *cells])
        parts += [
            Paragraph(escape(t("method_reliability", lang)), STYLES["h2"]),
            _table([t("theme", lang), *[f"{t('alpha', lang)} {w}" for w in waves]], alpha_rows),
        ]
    parts += [Spacer(1, 4 * mm), _p(t("annex", lang, year=content.year))]
    return parts


# --- assembling ----------------------------------------------------------------------------------


def _attach_framework(content: ReportContent, ctx) -> None:
    """Names from the framework and the database that the tables label rows with."""
    from sqlalchemy import select

    from db import models as m

    fw = ctx.framework
    instrument = fw.instruments[0]
    content.framework_themes = [th for ins in fw.instruments for th in ins.themes]
    content.framework_elements = list(fw.vision_elements)
    content.instrument = (
        instrument.name,
        sum(len(i.themes) for i in fw.instruments),
        sum(len(th.items) for i in fw.instruments for th in i.themes),
    )
    query = select(m.Project.code, m.Project.name).where(
        m.Project.consortium_id == ctx.consortium_id  # read before the connection is taken
    )
    with ctx.engine.connect() as c:
        content.project_names = dict(c.execute(query).all())


def _footer(text: str, lang: str):
    def draw(canvas, doc) -> None:
        if doc.page == 1:
            return
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, MARGIN - 8 * mm, text)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 8 * mm, t("page", lang, n=doc.page))
        canvas.restoreState()

    return draw


def _render(story: list, target, footer: str, lang: str, title: str) -> int:
    doc = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="Samenwerkingsmonitor",
        lang="nl-NL" if lang == "nl" else "en-GB",
    )
    draw = _footer(footer, lang)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return doc.page


def build_report(
    ctx,
    year: int,
    out: Path | io.BytesIO,
    *,
    lang: str = "nl",
    progress: Progress | None = None,
    today: date | None = None,
) -> BuildResult:
    """The NPPZ report for `year` written to `out`. Raises ChartsUnavailable when the charts
    cannot be rendered; a year without data gives a short report that says so."""
    started = time.perf_counter()
    say = progress or (lambda _fraction, _message: None)
    say(0.05, "cijfers ophalen" if lang == "nl" else "reading figures")
    content = gather(ctx, year, today=today)
    _attach_framework(content, ctx)
    figs = []
    if content.has_data:
        figs.append(charts.index_road(content, lang))
        figs += [
            charts.index_trend(ctx, n, content.consortium_figures, lang) for n in content.networks
        ]
    say(0.2, f"{len(figs)} grafieken maken" if lang == "nl" else f"rendering {len(figs)} charts")
    images = render_charts(figs)
    say(0.8, "PDF opmaken" if lang == "nl" else "laying out the PDF")
    story = cover(content, lang) + summary(content, images[0] if images else None, lang)
    if content.has_data:
        for n, png in zip(content.networks, images[1:]):
            story += network_section(content, n, png, lang)
    else:
        for n in content.networks:
            story += network_section(content, n, None, lang)
    goals = content.consortium_goals
    if not goals.empty:
        story += [
            Paragraph(escape(t("consortium_goals", lang)), STYLES["h1"]),
            goals_table(goals, lang),
            PageBreak(),
        ]
    story += method(content, lang)
    if isinstance(out, Path):
        out.parent.mkdir(parents=True, exist_ok=True)
    pages = _render(
        story,
        str(out) if isinstance(out, Path) else out,
        t("footer", lang, consortium=content.consortium, year=year),
        lang,
        t("title", lang, year=year),
    )
    say(1.0, "klaar" if lang == "nl" else "done")
    return BuildResult(
        path=out if isinstance(out, Path) else None,
        pages=pages,
        charts=len(images),
        seconds=time.perf_counter() - started,
        has_data=content.has_data,
    )


def network_page(
    ctx, network: str, *, year: int | None = None, lang: str = "nl", today: date | None = None
) -> bytes:
    """One network on one page (the digest's attachment): key figures, the index trend, the
    themes and the projects of the latest year with data."""
    today = today or clock.today()
    content = gather(ctx, year or today.year, networks=[network], today=today)
    if not content.has_data and year is None:
        content = gather(ctx, today.year - 1, networks=[network], today=today)
    _attach_framework(content, ctx)
    (n,) = content.networks
    images = (
        render_charts([charts.index_trend(ctx, n, content.consortium_figures, lang)])
        if content.has_data
        else []
    )
    parts: list = [
        Paragraph(escape(t("one_page_title", lang, name=n.name)), STYLES["h1"]),
        key_figures(content, n, lang),
    ]
    if images:
        parts.append(_image(images[0], FRAME_WIDTH * 0.85))
        parts += [
            Paragraph(escape(t("themes", lang)), STYLES["h2"]),
            themes_table(content, n, lang),
        ]
    parts += [
        Paragraph(escape(t("projects", lang)), STYLES["h2"]),
        projects_table(content, n, lang),
    ]
    buffer = io.BytesIO()
    _render(
        [KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, parts, mode="shrink")],
        buffer,
        t("footer", lang, consortium=content.consortium, year=content.year),
        lang,
        t("one_page_title", lang, name=n.name),
    )
    return buffer.getvalue()
