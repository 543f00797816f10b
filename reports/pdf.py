"""The NPPZ report as a PDF (reportlab, pure Python) or a DOCX made from the same parts
(reports/docx_file.py), and a network's one-page PDF for the digest.

The report, in the order one sends it: a cover; the table of contents; a one-page management
summary; the networks at a glance; the road to 2028 per vision element and ambition; the
projects' coverage of ambitions and speerpunten; the agreements register; the SMART goals; a
section per network; the limitations; how it was measured. Each part is a module of
reports/sections/. Every number comes from reports/content.py (the exported figures) through
reports/wording.py (formatting, and the suppression phrase in place of a suppressed figure). All
charts of one document are rendered together by one kaleido server (reports/images.py).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import KeepInFrame

from reports import report_charts
from reports.content import ReportContent, attach_records, gather
from reports.foreword import load_foreword
from reports.images import render_charts
from reports.layout import FRAME_HEIGHT, FRAME_WIDTH, heading, image, render
from reports.report_texts import reflections
from reports.sections.din import din_review_section
from reports.sections.front import cover, management_summary, table_of_contents
from reports.sections.limits import limitations
from reports.sections.method import method
from reports.sections.network import key_figures, network_section, projects_table, themes_table
from reports.sections.overview import summary
from reports.sections.portfolio import agreements_section, coverage_section, goals_section
from reports.sections.road import road_section
from reports.wording import t
from samenwerkingsmonitor import clock

Progress = Callable[[float, str], None]


@dataclass
class BuildResult:
    path: Path | None
    pages: int
    charts: int
    seconds: float
    has_data: bool


def report_story(content: ReportContent, images: list[bytes], lang: str) -> list:
    """The report's flowables, part by part; `images`: the index road, then each network's
    index trend (none for a year without data)."""
    story = cover(content, lang) + table_of_contents(lang)
    story += management_summary(content, lang)
    story += summary(content, images[0] if images else None, lang)
    story += road_section(content, lang)
    story += coverage_section(content, lang)
    story += agreements_section(content, lang)
    story += goals_section(content, lang)
    story += din_review_section(content, lang)
    trends = images[1:] if images else [None] * len(content.networks)
    for n, png in zip(content.networks, trends):
        story += network_section(content, n, png, lang)
    return story + limitations(content, lang) + method(content, lang)


def build_report(
    ctx,
    year: int,
    out: Path | io.BytesIO,
    *,
    lang: str = "nl",
    progress: Progress | None = None,
    today: date | None = None,
    foreword: str | None = None,
    kind: str = "pdf",
) -> BuildResult:
    """The NPPZ report for `year` written to `out`, as a PDF or (kind "docx") as a Word
    document of the same parts, with the consortium's stored foreword (unless `foreword` is
    given) and reflections. Raises ChartsUnavailable when the charts cannot be rendered; a year
    without data gives a short report that says so."""
    started = time.perf_counter()
    say = progress or (lambda _fraction, _message: None)
    say(0.05, "cijfers ophalen" if lang == "nl" else "reading figures")
    content = gather(ctx, year, today=today)
    attach_records(content, ctx)
    stored = load_foreword(ctx.engine, ctx.consortium_id)
    content.foreword = stored if foreword is None else foreword
    content.reflections = reflections(ctx.engine, ctx.consortium_id)
    figs = []
    if content.has_data:
        figs.append(report_charts.index_road(content, lang))
        figs += [
            report_charts.index_trend(ctx, n, content.consortium_figures, lang)
            for n in content.networks
        ]
    say(0.2, f"{len(figs)} grafieken maken" if lang == "nl" else f"rendering {len(figs)} charts")
    images = render_charts(figs)
    say(0.8, "document opmaken" if lang == "nl" else "laying out the document")
    if isinstance(out, Path):
        out.parent.mkdir(parents=True, exist_ok=True)
    target = str(out) if isinstance(out, Path) else out
    story = report_story(content, images, lang)
    footer = t("footer", lang, consortium=content.consortium, year=year)
    if kind == "docx":
        # Imported here: python-docx and its lxml parts are for the DOCX only, and `import
        # reports` (the digest, the CLI's --help) stays quick without them.
        from reports.docx_file import write_docx

        write_docx(story, target, title=t("title", lang, year=year), footer=footer, lang=lang)
        pages = 0  # Word lays out the pages
    else:
        pages = render(
            story, target, footer=footer, lang=lang, title=t("title", lang, year=year), toc=True
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
    attach_records(content, ctx)
    (n,) = content.networks
    images = (
        render_charts([report_charts.index_trend(ctx, n, content.consortium_figures, lang)])
        if content.has_data
        else []
    )
    parts: list = [heading(t("one_page_title", lang, name=n.name)), key_figures(content, n, lang)]
    if images:
        parts.append(image(images[0], FRAME_WIDTH * 0.85))
        parts += [heading(t("themes", lang), "h2"), themes_table(content, n, lang)]
    parts += [heading(t("projects", lang), "h2"), projects_table(content, n, lang)]
    buffer = io.BytesIO()
    render(
        [KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, parts, mode="shrink")],
        buffer,
        footer=t("footer", lang, consortium=content.consortium, year=content.year),
        lang=lang,
        title=t("one_page_title", lang, name=n.name),
        toc=False,
    )
    return buffer.getvalue()
