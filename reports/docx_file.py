"""The NPPZ report as a Word document (python-docx), for the consortium's own editing.

It is written from the very flowables the PDF is laid out from (reports/pdf.py report_story),
so the two never drift apart: the same parts in the same order, the same headings, tables and
chart images. A heading style of the PDF becomes Word's heading of that level (so Word's
navigation pane and table of contents see the chapters), a table stays a table with its header
row and status colours, a chart the same PNG. Word lays out the pages itself: the table of
contents is a field that Word fills when it updates the document's fields (it is asked to on
opening), and the footer carries Word's own page number.

Text is set as text (a run's text, never parsed): what a coordinator typed stays what they
typed, as in the PDF (docs/security.md).
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from reportlab.platypus import Image, KeepInFrame, PageBreak, Paragraph, Table
from reportlab.platypus.tableofcontents import TableOfContents

from reports.wording import t

# The PDF's paragraph styles (reports/layout.py) as Word styles; the rest is Normal.
STYLES = {
    "title": "Title",
    "subtitle": "Subtitle",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "h3": "Heading 3",
    "toc_title": "TOC Heading",
    "bullet": "List Bullet",
}
SMALL = ("small", "cell", "tiny")
EMU_PER_POINT = 12700  # reportlab measures in points


def write_docx(story: list, out: Path | io.BytesIO, *, title: str, footer: str, lang: str) -> int:
    """Write `story` (the PDF's flowables) as a DOCX to `out`; returns the number of chapters
    (the headings the table of contents lists)."""
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "Samenwerkingsmonitor"
    document.core_properties.language = "nl-NL" if lang == "nl" else "en-GB"
    _footer(document, footer)
    _ask_to_update_fields(document)
    chapters = 0
    for flowable in _flat(story):
        if isinstance(flowable, TableOfContents):
            _contents(document, lang)
        elif isinstance(flowable, PageBreak):
            document.add_page_break()
        elif isinstance(flowable, Paragraph):
            chapters += flowable.style.name == "h1"
            _paragraph(document, flowable)
        elif isinstance(flowable, Table):
            _table(document, flowable)
        elif isinstance(flowable, Image):
            document.add_picture(io.BytesIO(flowable.png), width=_emu(flowable.drawWidth))
    document.save(out)
    return chapters


def _flat(story: list) -> list:
    """The flowables in reading order, with those a frame only groups (KeepInFrame) unpacked."""
    found = []
    for flowable in story:
        if isinstance(flowable, KeepInFrame):
            found += _flat(list(flowable._content))
        else:
            found.append(flowable)
    return found


def _emu(points: float) -> Emu:
    return Emu(int(points * EMU_PER_POINT))


def _paragraph(document, flowable: Paragraph) -> None:
    name = flowable.style.name
    paragraph = document.add_paragraph(flowable.getPlainText(), style=STYLES.get(name, "Normal"))
    if name in SMALL:
        for run in paragraph.runs:
            run.font.size = Pt(8)
    if name == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _cell_text(value) -> str:
    if isinstance(value, Paragraph):
        return value.getPlainText()
    if isinstance(value, list | tuple):
        return "\n".join(_cell_text(part) for part in value)
    return "" if value is None else str(value)


def _table(document, flowable: Table) -> None:
    rows = flowable._cellvalues
    if not rows:
        return
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = _cell_text(value)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
                    run.font.bold = r == 0
    _fills(table, flowable)


def _fills(table, flowable: Table) -> None:
    """The PDF's cell backgrounds (the header row, a status's colour) as Word cell shading."""
    rows, columns = len(table.rows), len(table.columns)
    for command in getattr(flowable, "_bkgrndcmds", []):
        if command[0] != "BACKGROUND":
            continue
        (c0, r0), (c1, r1), colour = command[1], command[2], command[3]
        fill = colour.hexval()[2:].upper() if hasattr(colour, "hexval") else None
        if not fill:
            continue
        for r in range(r0 % rows, r1 % rows + 1):
            for c in range(c0 % columns, c1 % columns + 1):
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:color"), "auto")
                shading.set(qn("w:fill"), fill)
                properties = table.cell(r, c)._tc.get_or_add_tcPr()
                for earlier in properties.findall(qn("w:shd")):  # the last command wins
                    properties.remove(earlier)
                properties.append(shading)


def _field(paragraph, instruction: str, shown: str = "") -> None:
    """A Word field (TOC, PAGE) in `paragraph`, showing `shown` until Word updates it: its
    begin, instruction, separator, shown text and end, each in a run of its own as Word writes
    them."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        paragraph.add_run()._r.append(element)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _contents(document, lang: str) -> None:
    _field(document.add_paragraph(), 'TOC \\o "1-1" \\h \\z \\u', t("docx_toc_hint", lang))


def _footer(document, text: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = f"{text}\t"
    _field(paragraph, "PAGE", "1")
    for run in paragraph.runs:
        run.font.size = Pt(7.5)


# The elements that follow w:updateFields in settings.xml (the schema fixes their order, and
# Word refuses a document whose settings are out of order).
AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _ask_to_update_fields(document) -> None:
    """Word asks on opening whether to update the fields: the contents then get their pages."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings = document.settings.element
    later = [child for child in settings if child.tag.rsplit("}", 1)[-1] in AFTER_UPDATE_FIELDS]
    if later:
        later[0].addprevious(update)
    else:
        settings.append(update)
