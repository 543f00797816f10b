"""The PDFs' page layout (reportlab): styles, the helpers every section builds with, and the
document template that numbers pages, fills the table of contents and the PDF's bookmarks.

Every text goes into a Paragraph through :func:`p` or :func:`heading`, which escape it: a
Paragraph reads markup, and user text must stay text (docs/security.md).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from reports.wording import t

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 8 * mm  # room for the footer
BLUE = colors.HexColor("#0072B2")
# Status words get the charts' Okabe-Ito colours as a light cell background; the word is always
# written too, so the colour never carries the meaning alone.
STATUS_FILLS = {
    "bereikt": colors.HexColor("#D5EFE6"),
    "op_koers": colors.HexColor("#D6E6F2"),
    "aandacht": colors.HexColor("#FBEBCB"),
    "achter": colors.HexColor("#F7D9C9"),
    "vastgelopen": colors.HexColor("#F7D9C9"),
}


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
        "h3": ParagraphStyle(
            "h3", parent=base["Heading3"], fontSize=10.5, spaceBefore=6, keepWithNext=1
        ),
        "body": ParagraphStyle("body", parent=base["Normal"], fontSize=9.5, leading=12.5),
        "bullet": ParagraphStyle(
            "bullet",
            parent=base["Normal"],
            fontSize=9.5,
            leading=12.5,
            leftIndent=10,
            bulletIndent=0,
            spaceAfter=1,
        ),
        "small": ParagraphStyle("small", parent=base["Normal"], fontSize=8, leading=10),
        # Cells break a long word at its hyphen ("Zuidoost-/Utrecht") before anywhere else.
        "cell": ParagraphStyle(
            "cell", parent=base["Normal"], fontSize=8, leading=9.5, embeddedHyphenation=1
        ),
        "tiny": ParagraphStyle(
            "tiny", parent=base["Normal"], fontSize=7, leading=8.5, embeddedHyphenation=1
        ),
        "center": ParagraphStyle(
            "center", parent=base["Normal"], fontSize=10, leading=14, alignment=TA_CENTER
        ),
        # The heading of the contents page: an h1 that is not itself listed in the contents.
        "toc_title": ParagraphStyle(
            "toc_title", parent=base["Heading1"], fontSize=17, textColor=BLUE
        ),
        "toc0": ParagraphStyle(
            "toc0", parent=base["Normal"], fontSize=10.5, leading=15, leftIndent=0
        ),
        "toc1": ParagraphStyle(
            "toc1", parent=base["Normal"], fontSize=9.5, leading=13, leftIndent=14
        ),
    }


STYLES = _styles()
TOC_LEVELS = {"h1": 0}  # which headings the table of contents lists


def p(text, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: user text never becomes markup)."""
    return Paragraph(escape(str(text)), STYLES[style])


def bullet(text) -> Paragraph:
    return Paragraph(escape(str(text)), STYLES["bullet"], bulletText="•")


def heading(text: str, level: str = "h1") -> Paragraph:
    """A heading; the h1 ones go into the table of contents and the PDF's bookmarks."""
    return Paragraph(escape(text), STYLES[level])


def table(
    header: list[str],
    rows: list[list],
    widths: list[float] | None = None,
    *,
    statuses: list[tuple[int, int, str]] = (),
    compact: bool = False,
) -> Table:
    """A plain table: header row on blue, cells wrapped as small paragraphs; `statuses`:
    (column, row, status code) cells to fill with the status colour (row 0 = first data row).
    `compact`: a smaller font and padding, for a matrix of many narrow columns."""
    font = "tiny" if compact else "cell"
    data = [[p(h, font) for h in header]] + [
        [c if isinstance(c, (Paragraph, list)) else p(c, font) for c in row] for row in rows
    ]
    result = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCEBF5")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, BLUE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if compact:
        style += [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for column, row, code in statuses:
        if code in STATUS_FILLS:
            style.append(("BACKGROUND", (column, row + 1), (column, row + 1), STATUS_FILLS[code]))
    result.setStyle(TableStyle(style))
    return result


def image(png: bytes, width: float = FRAME_WIDTH) -> Image:
    picture = Image(io.BytesIO(png))
    picture.png = png  # the DOCX (reports/docx_file.py) places the same picture
    ratio = picture.imageHeight / picture.imageWidth
    picture.drawWidth, picture.drawHeight = width, width * ratio
    return picture


def contents() -> TableOfContents:
    """The table of contents, filled by the document's second pass (multiBuild)."""
    toc = TableOfContents()
    toc.levelStyles = [STYLES["toc0"], STYLES["toc1"]]
    toc.dotsMinLevel = 0
    return toc


class ReportDoc(BaseDocTemplate):
    """A4 with the house margins; every h1 heading becomes a table-of-contents entry and a PDF
    bookmark, with the page it lands on."""

    def __init__(self, target, *, footer: str, lang: str, title: str) -> None:
        super().__init__(
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
        frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=_footer(footer, lang))])
        self._entries = 0

    def afterFlowable(self, flowable) -> None:
        if not isinstance(flowable, Paragraph):
            return
        level = TOC_LEVELS.get(flowable.style.name)
        if level is None:
            return
        text = flowable.getPlainText()
        key = f"h{self._entries}"
        self._entries += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level)
        self.notify("TOCEntry", (level, text, self.page, key))

    def beforeDocument(self) -> None:
        self._entries = 0  # every pass of multiBuild numbers its bookmarks anew


def _footer(text: str, lang: str):
    def draw(canvas, doc) -> None:
        if doc.page == 1:  # the cover
            return
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, MARGIN - 8 * mm, text)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 8 * mm, t("page", lang, n=doc.page))
        canvas.restoreState()

    return draw


def render(story: list, target, *, footer: str, lang: str, title: str, toc: bool) -> int:
    """Lay out `story` into `target` (a path or a binary file); returns the number of pages.
    With a table of contents the story is laid out until the page numbers settle."""
    doc = ReportDoc(target, footer=footer, lang=lang, title=title)
    if toc:
        doc.multiBuild(story)
    else:
        doc.build(story)
    return doc.page
