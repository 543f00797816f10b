"""User text is inert in figures and PDFs (docs/security.md): a note, name or label someone typed
is drawn as the text it is, never as a link or styled text (plotly and reportlab read markup)."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from pypdf import PdfReader
from sqlalchemy import insert, select

from charts import figures, projects
from dashboard import partner_map
from db import models as m

# Markup plotly and reportlab would draw as a live link and styled text.
LINK = '<a href="https://evil.example/login">Inloggen</a> <b style="color:red">vet</b> & meer'
ESCAPED = LINK.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _assert_inert(fig) -> None:
    """The hostile text is in the figure escaped, and no string carries a tag of it."""
    # The one tag a figure adds itself: the line breaks charts.style.wrapped puts between the
    # words of a long label (user text's own "<br>" arrives escaped, as every other tag).
    texts = [s.replace("<br>", " ") for s in _strings(json.loads(fig.to_json()))]
    assert any(ESCAPED in s for s in texts), "the text is missing or not escaped"
    for s in texts:
        assert not re.search(r"<(a|b|span|i|sub|sup|br)[\s>]", s), s


def _trend():
    series = pd.DataFrame(
        {
            "wave": ["2025", "2026"],
            "reference_date": pd.to_datetime(["2025-11-01", "2026-11-01"]),
            "score_100": [50.0, 60.0],
            "ci_low_100": [45.0, 54.0],
            "ci_high_100": [55.0, 66.0],
            "suppressed": [False, False],
        }
    )
    notes = pd.DataFrame({"noted_on": pd.to_datetime(["2026-03-01"]), "text": [LINK]})
    return figures.trend_figure(series, "nl", notes=notes, title=LINK)


def _themes(value: str = "score_100") -> pd.DataFrame:
    return pd.DataFrame(
        {"wave": ["2026"], "subject": ["VISIE"], value: [60.0], "suppressed": [False]}
    )


BUILDERS = {
    "trend": _trend,
    "radar": lambda: figures.radar_figure(
        _themes(), _themes(), {"VISIE": LINK}, "nl", network_name=LINK
    ),
    "agreement": lambda: figures.agreement_figure(
        _themes("value").assign(verdict="agreement"), {"VISIE": LINK}, "nl"
    ),
    "heatmap": lambda: figures.heatmap_figure(
        _themes().assign(row="UTS", column="VISIE"), {"UTS": LINK}, {"VISIE": LINK}, "nl"
    ),
    "compare": lambda: figures.compare_figure(
        _themes().assign(network="UTS", ci_low_100=50.0, ci_high_100=70.0), {"UTS": LINK}, "nl"
    ),
    "index_road": lambda: figures.index_road_figure(
        pd.DataFrame(
            {
                "network": ["UTS"],
                "score_100": [62.0],
                "expected": [60.0],
                "target": [75.0],
                "status": ["op_koers"],
                "suppressed": [False],
            }
        ),
        {"UTS": LINK},
        "nl",
    ),
    "project_history": lambda: projects.project_history_figure(
        pd.DataFrame(
            {
                "network": ["UTS"],
                "submitted_at": pd.to_datetime(["2026-01-05"]),
                "status": ["op_koers"],
            }
        ),
        {"UTS": LINK},
        "nl",
    ),
    "din": lambda: projects.din_figure(
        pd.DataFrame({"id": ["p:A", "g:B"], "layer": [0, 1], "label": [LINK, LINK], "gap": [0, 1]}),
        pd.DataFrame({"source": ["p:A"], "target": ["g:B"]}),
        "nl",
    ),
}


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_user_text_in_a_figure_is_escaped(builder):
    _assert_inert(BUILDERS[builder]())


def test_plotly_draws_an_escaped_note_as_text(tmp_path, monkeypatch):
    """What the browser shows: the note's characters, no link element, no bold text."""
    kaleido = pytest.importorskip("kaleido")
    from reports.images import ChartsUnavailable, find_browser, write_wrapper

    try:
        browser = find_browser()
    except ChartsUnavailable as error:
        pytest.skip(str(error))
    monkeypatch.setenv("BROWSER_PATH", str(write_wrapper(tmp_path, browser)))
    svg = kaleido.calc_fig_sync(_trend(), opts={"format": "svg", "width": 700, "height": 380})
    svg = svg.decode() if isinstance(svg, bytes) else svg
    assert not re.search(r"<a[\s>]", svg) and "evil.example" in svg
    assert "font-weight:bold" not in svg.replace(" ", "")
    drawn = re.findall(r'class="annotation-text"[^>]*>(.*?)</text>', svg)
    assert any("&#60;a href=" in text or "&lt;a href=" in text for text in drawn), drawn


def test_the_partner_map_carries_a_name_as_plain_label():
    """Cytoscape draws a label as text (no markup), so the map keeps the name unescaped."""
    partners = pd.DataFrame([("A", LINK, "huisarts")], columns=["partner", "name", "sector"])
    ties = pd.DataFrame(columns=["a", "b", "frequency", "by_a", "by_b"])
    positions = partner_map.layout_positions(["A"], [])
    (node,) = [
        e
        for e in partner_map.map_elements(partners, ties, positions, "nl")
        if e["data"].get("id") == "A"
    ]
    assert node["data"]["label"] == LINK


# --- the PDF -------------------------------------------------------------------------------------


def test_the_report_prints_markup_as_text(ctx, tmp_path):
    from reports.pdf import build_report

    with ctx.engine.begin() as c:
        uts = c.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        c.execute(
            insert(m.TimelineNote).values(network_id=uts, noted_on=date(2019, 3, 1), text=LINK)
        )
        project = c.execute(
            insert(m.Project).values(consortium_id=ctx.consortium_id, code="P9", name=LINK)
        ).inserted_primary_key[0]
        c.execute(insert(m.ProjectNetwork).values(project_id=project, network_id=uts))
        c.execute(
            insert(m.StatusUpdate).values(
                project_id=project,
                network_id=uts,
                version=1,
                status="op_koers",
                submitted_at=datetime(2019, 5, 1, tzinfo=UTC),
                narrative=LINK,
                risks=LINK,
                milestones=[{"kind": "planned", "date": "2019-09-01", "text": LINK}],
            )
        )
    out = tmp_path / "report.pdf"
    build_report(ctx, 2019, out, today=date(2019, 12, 1), foreword=LINK)
    reader = PdfReader(out)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Inloggen</a>" in text and '<b style="color:red">vet</b> & meer' in text
    links = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    assert not any(link and "evil.example" in link for link in links)


def test_the_digest_mail_shows_a_note_as_text(ctx):
    from reports.digest import build_digest
    from reports.digest_config import DigestConfig

    with ctx.engine.begin() as c:
        uts = c.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        c.execute(insert(m.TimelineNote).values(network_id=uts, noted_on=date.today(), text=LINK))
    mail = build_digest(ctx, "UTS", DigestConfig(networks={"UTS": ("a@utrecht.test",)}))
    assert LINK in mail.text  # the plain-text part carries the note as typed
    assert "&lt;a href=&quot;https://evil.example/login&quot;&gt;Inloggen&lt;/a&gt;" in mail.html
    assert 'evil.example/login">' not in mail.html and "<b " not in mail.html
