"""The NPPZ report as DOCX, opened again with python-docx: the PDF's chapters as Word headings in
the same order, its tables and the stored figures, one picture per chart, the consortium's own
words as text, and no suppressed figure or per-organisation trust value (the demo of
tests/test_report.py, with its sentinels planted)."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from docx import Document
from docx.table import Table as DocxTable
from pypdf import PdfReader

from reports.pdf import build_report
from reports.wording import number
from tests.test_report import (
    FOREWORD,
    LEAKS,
    ORG_LEAKS,
    REFLECTION,
    _flat,
    _year_export,
    demo,  # noqa: F401 (the module's fixture)
    report,  # noqa: F401
)


def _text(document) -> str:
    """The document's text in reading order: paragraphs, and tables cell by cell."""
    parts = []
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            parts += [cell.text for row in block.rows for cell in row.cells]
        else:
            parts.append(block.text)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def word(demo, tmp_path_factory):  # noqa: F811
    out = tmp_path_factory.mktemp("docx") / "report.docx"
    result = build_report(demo, 2026, out, kind="docx", today=date(2026, 12, 1))
    document = Document(str(out))
    return {"result": result, "document": document, "text": _text(document)}


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_the_docx_has_the_pdfs_chapters_in_order(word, report):  # noqa: F811
    chapters = [item.title for item in PdfReader(report["path"]).outline]
    assert _headings(word["document"], 1) == chapters
    for required in ("Managementsamenvatting", "Op weg naar 2028", "Beperkingen"):
        assert required in chapters
    assert word["result"].has_data and word["result"].pages == 0


def test_the_docx_has_the_charts_and_the_tables(word, report):  # noqa: F811
    document = word["document"]
    pictures = document.inline_shapes
    assert len(pictures) == word["result"].charts == report["result"].charts == 8
    for shape in pictures:
        blob = document.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        ]
        assert blob.blob.startswith(b"\x89PNG")
    assert len(document.tables) > 20
    assert "Jaarrapportage NPPZ 2026" in word["text"]
    assert any("TOC" in node.text for node in document.element.body.iter() if node.text)


def test_the_docx_prints_the_exported_theme_scores(demo, word, tmp_path):  # noqa: F811
    export = _year_export(demo, tmp_path)
    themes = export[
        (export["measure"] == "theme")
        & (export["group"] == "all")
        & (export["network"] == "UTS")
        & (export["wave"] == "2026")
        & ~export["suppressed"]
    ]
    text = word["text"]
    section = text[text.index("Netwerk Utrecht stad") : text.index("Netwerk Zuidoost-Utrecht")]
    for _, row in themes.iterrows():
        assert number(row["score_100"], 1, "nl") in section, row["subject"]


def test_the_docx_keeps_the_consortiums_words_as_text(word):
    text = _flat(word["text"])
    assert FOREWORD in text and REFLECTION in text  # the markup they typed, as typed
    assert "Eerdere reflectie" not in text


def test_no_suppressed_or_per_organisation_value_in_the_docx(word):
    for leak in [*LEAKS, *ORG_LEAKS]:
        assert leak not in word["text"], leak
    assert "te weinig respondenten" in word["text"]


def test_cli_writes_the_docx(demo, tmp_path, monkeypatch):  # noqa: F811
    from samenwerkingsmonitor.cli import main

    monkeypatch.setenv("DATABASE_URL", demo.settings.database_url)
    monkeypatch.setenv("DATA_DIR", str(demo.settings.data_dir))
    monkeypatch.setenv("FRAMEWORK_FILE", str(demo.settings.framework_file))
    out = tmp_path / "rapport.docx"
    result = CliRunner().invoke(
        main,
        ["report", "nppz", "--year", "2019", "--out", str(out), "--format", "docx", "--no-annex"],
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output and "no measurements in 2019" in result.output
    assert "Voor 2019 zijn geen metingen beschikbaar" in _flat(_text(Document(str(out))))
