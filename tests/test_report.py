"""The NPPZ report: its figures are the `measures` export's, formatted; suppressed values never
appear; the layout renders; a year without data says so; charts never silently go missing.

The demo data is loaded and recomputed once; then every suppressed snapshot row gets conspicuous
sentinel figures (as tests/test_dashboard_suppression.py does), and Eemland's 2026 index is
marked suppressed with a sentinel too, so that the PDF must print the phrase in its place.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy import insert, select, update

from db import models as m
from metrics.store import load_snapshots
from reports.annex import write_annex
from reports.foreword import save_foreword
from reports.images import ChartsUnavailable
from reports.pdf import build_report, network_page
from reports.report_texts import save_text
from reports.wording import number
from tests.conftest import make_context

SENTINELS = {
    "n": 4,
    "mean": 4.9173,
    "sd": 0.4321,
    "ci_low": 4.8111,
    "ci_high": 4.9999,
    "score_100": 97.9325,
    "pct_positive": 0.9919,
    "value": 0.9871,
}
# The sentinels as a report could print them (decimal comma or dot).
LEAKS = ["97,9", "97.9", "4,92", "4.92", "0,99", "0.99", "99%", "98,7", "98.7", "4,81", "4.81"]
NOTE_2026 = "Reorganisatie thuiszorg Utrecht"
NOTE_2025 = "Start transmuraal overleg"
# One organisation's trust, published (not suppressed) on purpose: it must still stay inside the
# network's own dashboard page and appear in no document (docs/security.md).
ORG_TRUST = 1.0731
ORG_LEAKS = ["1,07", "1.07", "1.0731"]
# Utrecht stad's latest update on A027, as a coordinator typed it (markup must stay text).
NARRATIVE = "Pilot <b>gestart</b> in twee wijken"
RISK = "Personeelstekort thuiszorg"
MILESTONE = "Eerste overdrachtsoverleg"
FOREWORD = "Het consortium dankt de <i>netwerken</i> & hun partners."
REFLECTION = "Utrecht stad bouwde <b>verder</b> op de transmurale overdracht."


def _plant(context) -> None:
    """Sentinels in suppressed rows; Eemland's 2026 index suppressed; two timeline notes."""
    with context.engine.begin() as c:
        wave_2026 = c.scalar(select(m.Wave.id).where(m.Wave.code == "2026"))
        c.execute(
            update(m.MeasureSnapshot)
            .where(
                m.MeasureSnapshot.network == "EEM",
                m.MeasureSnapshot.wave_id == wave_2026,
                m.MeasureSnapshot.measure == "index",
                m.MeasureSnapshot.group == "all",
            )
            .values(suppressed=True, suppressed_reason="test")
        )
        c.execute(update(m.MeasureSnapshot).where(m.MeasureSnapshot.suppressed).values(**SENTINELS))
        c.execute(
            update(m.MeasureSnapshot)
            .where(
                m.MeasureSnapshot.network == "UTS",
                m.MeasureSnapshot.measure.in_(["partner_trust", "partner_value"]),
            )
            .values(suppressed=False, suppressed_reason=None, n=7, mean=ORG_TRUST, value=ORG_TRUST)
        )
        uts = c.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        a027 = c.scalar(select(m.Project.id).where(m.Project.code == "A027"))
        c.execute(
            insert(m.StatusUpdate).values(
                project_id=a027,
                network_id=uts,
                version=999,
                state="submitted",
                status="aandacht",
                progress=40,
                narrative=NARRATIVE,
                risks=RISK,
                milestones=[{"kind": "reached", "date": "2026-10-01", "text": MILESTONE}],
                source="form",
                submitted_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
            )
        )
        c.execute(
            insert(m.TimelineNote),
            [
                {"network_id": uts, "noted_on": date(2026, 3, 1), "text": NOTE_2026},
                {"network_id": uts, "noted_on": date(2025, 3, 1), "text": NOTE_2025},
            ],
        )


@pytest.fixture(scope="module")
def demo(tmp_path_factory, templates):
    tmp = tmp_path_factory.mktemp("report")
    # The module's copy of the session's demo database, recomputed (tests/databases.py).
    context = make_context(templates.copy("sqlite", "recomputed", tmp), tmp)
    _plant(context)
    save_foreword(context.engine, context.consortium_id, FOREWORD)
    save_text(context.engine, context.consortium_id, "Eerdere reflectie", network="UTS")
    save_text(context.engine, context.consortium_id, REFLECTION, network="UTS")
    yield context
    context.engine.dispose()


@pytest.fixture(scope="module")
def report(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    steps = []
    result = build_report(
        demo, 2026, out, progress=lambda f, msg: steps.append((f, msg)), today=date(2026, 12, 1)
    )
    pages = [page.extract_text() for page in PdfReader(out).pages]
    return {"path": out, "result": result, "text": "\n".join(pages), "pages": pages, "steps": steps}


def _page(report, heading: str) -> int:
    """The index of the first page that starts with this heading (after the footer lines)."""
    for number_, text in enumerate(report["pages"]):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if heading in lines[:3]:
            return number_
    raise AssertionError(f"no page starts with {heading!r}")


def _section(report, heading: str, following: str) -> str:
    """The text of the pages from `heading`'s first page to the page before `following`."""
    return "\n".join(report["pages"][_page(report, heading) : _page(report, following)])


def _year_export(context, tmp_path: Path) -> pd.DataFrame:
    out = tmp_path / "annex.xlsx"
    write_annex(context, 2026, out)
    return pd.read_excel(out, sheet_name="measures", dtype={"wave": str})


def test_summary_prints_each_networks_index_as_exported(demo, report, tmp_path):
    export = _year_export(demo, tmp_path)
    index = export[
        (export["measure"] == "index") & (export["group"] == "all") & (export["wave"] == "2026")
    ].set_index("network")
    summary = " ".join(report["pages"][_page(report, "De netwerken in één oogopslag")].split())
    names = {n.code: n.name for n in demo.framework.networks}
    for code, name in names.items():
        row = index.loc[code]
        if bool(row["suppressed"]):
            assert f"{name} te weinig respondenten" in summary, code
        else:
            assert f"{name} {number(row['score_100'], 1, 'nl')} {int(row['n'])} " in summary, code
    assert index.loc["EEM", "suppressed"] and pd.isna(index.loc["EEM", "score_100"])


def test_network_sections_print_the_exported_theme_scores(demo, report, tmp_path):
    export = _year_export(demo, tmp_path)
    themes = export[
        (export["measure"] == "theme")
        & (export["group"] == "all")
        & (export["network"] == "UTS")
        & (export["wave"] == "2026")
        & ~export["suppressed"]
    ]
    section = _section(report, "Netwerk Utrecht stad", "Netwerk Zuidoost-Utrecht")
    for _, row in themes.iterrows():
        assert number(row["score_100"], 1, "nl") in section, row["subject"]
    assert "Vertrouwen" in section and "Visie-elementen 2026" in section


def test_network_sections_print_the_exported_partner_network(demo, report, tmp_path):
    from charts.partner_network import format_value

    export = _year_export(demo, tmp_path)
    figures = export[
        (export["measure"] == "network")
        & (export["network"] == "UTS")
        & (export["wave"] == "2026-netwerk")
    ].set_index("subject")
    section = _flat(_section(report, "Netwerk Utrecht stad", "Netwerk Zuidoost-Utrecht"))
    assert "Partnernetwerk: wie werkt met wie (netwerkvragenlijst 2026-netwerk)" in section
    density = format_value("density", figures.loc["density", "value"])
    assert f"Dichtheid {density}" in section
    assert f"Banden {int(figures.loc['ties', 'value'])}" in section


def test_no_suppressed_value_appears(report):
    text = report["text"]
    for leak in LEAKS:
        assert leak not in text, f"suppressed sentinel {leak!r} printed in the report"
    assert "te weinig respondenten" in text


def test_report_has_its_parts(report):
    text = report["text"]
    assert "Jaarrapportage NPPZ 2026" in text
    assert "De netwerken in één oogopslag" in text and "Belangrijkste veranderingen" in text
    assert "Hoe er gemeten is" in text and "Cronbachs alfa" in text
    assert "minder dan 5 respondenten" in text
    assert NOTE_2026 in text and NOTE_2025 not in text  # the year's notes only
    assert "SMART-doelen" in text and "Prognose" in text
    result = report["result"]
    assert result.has_data and result.charts == 8 and result.pages >= 9
    assert report["steps"][-1][0] == 1.0


def test_a_page_renders_to_a_non_blank_image(report):
    import numpy as np
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(report["path"]))
    # the networks at a glance and the first network's page, both with a chart
    for number_ in (
        _page(report, "De netwerken in één oogopslag"),
        _page(report, "Netwerk Utrecht stad"),
    ):
        image = np.asarray(pdf[number_].render(scale=1).to_pil().convert("RGB")).astype(int)
        ink = (image.sum(axis=2) < 600).mean()
        assert 0.02 < ink < 0.6, f"page {number_ + 1} looks blank or broken ({ink:.3f} ink)"
        # The chart is there: Okabe-Ito blue (#0072B2) pixels of the index markers and lines.
        blue = (abs(image[..., 0] - 0) < 40) & (abs(image[..., 1] - 114) < 40)
        assert (blue & (abs(image[..., 2] - 178) < 40)).sum() > 200
    pdf.close()


def test_annex_is_the_measures_export_of_the_years_waves(demo, tmp_path):
    from metrics.export import measures_table

    annex = _year_export(demo, tmp_path)
    # the year's questionnaire wave and its partner-network wave
    waves = ["2026", "2026-netwerk"]
    snapshots = load_snapshots(demo.engine, demo.consortium_id, waves=waves)
    network_level = snapshots[~snapshots["measure"].isin(["partner_trust", "partner_value"])]
    expected = measures_table(network_level)
    assert len(annex) == len(expected) and set(annex["wave"]) == set(waves)
    assert "network" in set(annex["measure"])
    hidden = annex[annex["suppressed"]]
    assert len(hidden) and hidden[["n", "mean", "score_100", "value"]].isna().all().all()


def test_network_page_is_one_page(demo):
    pdf = network_page(demo, "UTS", today=date(2026, 12, 1))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "Utrecht stad: stand van zaken" in reader.pages[0].extract_text()


def test_a_year_without_data_says_so(ctx, tmp_path):
    out = tmp_path / "empty.pdf"
    result = build_report(ctx, 2019, out)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert not result.has_data and result.charts == 0
    assert "Voor 2019 zijn geen metingen beschikbaar" in " ".join(text.split())


def test_without_a_browser_the_report_fails_clearly(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ChartsUnavailable, match="cannot render the report's charts"):
        build_report(demo, 2026, tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_cli_writes_the_report_and_its_annex(demo, tmp_path, monkeypatch):
    from samenwerkingsmonitor.cli import main

    monkeypatch.setenv("DATABASE_URL", demo.settings.database_url)
    monkeypatch.setenv("DATA_DIR", str(demo.settings.data_dir))
    monkeypatch.setenv("FRAMEWORK_FILE", str(demo.settings.framework_file))
    out = tmp_path / "report.pdf"
    result = CliRunner().invoke(main, ["report", "nppz", "--year", "2019", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "no measurements in 2019" in result.output
    assert out.exists() and (tmp_path / "report-bijlage.xlsx").exists()
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-such-chromium"))
    failed = CliRunner().invoke(main, ["report", "nppz", "--year", "2026", "--out", str(out)])
    assert failed.exit_code == 1 and "no Chromium found" not in failed.output
    assert "cannot render the report's charts" in failed.output


# --- glitches: each seen in a built report -------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_no_word_is_split_across_lines(report):
    """A narrow column once broke "vastgelopen" into "vas tgelopen" in a heading."""
    text = _flat(report["text"])
    words = ["vastgelopen", "afgerond", "Verouderd", "aandacht", "Responspercentage", "Prognose"]
    for word in words:
        for cut in range(2, len(word) - 1):
            assert f"{word[:cut]} {word[cut:]}" not in text, word


def test_counts_are_whole_numbers(report):
    """A goal counted in groups reads "10 groepen", not "10,0 groepen"."""
    text = _flat(report["text"])
    assert "10 groepen" in text and "17 groepen" in text
    assert "10,0 groepen" not in text and ",0 netwerken" not in text


def test_the_consortium_code_is_no_label(report):
    """ALL is the export's code for the consortium; the document says it in words."""
    import re

    assert re.search(r"\bALL\b", report["text"]) is None


# --- per-organisation trust and value stay in the network ----------------------------------------


def test_per_organisation_trust_and_value_leave_no_document(demo, report, tmp_path):
    """The annex keeps the network-level partner figures only; a planted (published) trust
    score of one organisation appears in no report, annex or digest mail."""
    from datetime import datetime

    from reports.content import PER_ORGANISATION
    from reports.digest import build_digest
    from reports.digest_config import DigestConfig

    annex = _year_export(demo, tmp_path)
    assert not set(annex["measure"]) & set(PER_ORGANISATION)
    assert ORG_TRUST not in set(annex["value"]) and ORG_TRUST not in set(annex["mean"])
    assert len(annex[annex["measure"] == "network"]) > 0  # the network's own figures stay
    config = DigestConfig(networks={"UTS": ("stuurgroep@utrecht.test",)})
    mail = build_digest(demo, "UTS", config, now=datetime(2026, 12, 1, 7, tzinfo=UTC))
    (attachment,) = mail.attachments
    one_page = PdfReader(io.BytesIO(attachment.content)).pages[0].extract_text()
    for text in (report["text"], mail.text, mail.html, one_page):
        for leak in ORG_LEAKS:
            assert leak not in text


def test_per_organisation_measures_are_the_metrics_ones():
    from metrics.partner_network import PARTNER_MEASURES
    from reports.content import PER_ORGANISATION

    assert set(PER_ORGANISATION) == set(PARTNER_MEASURES.values())


# --- the report as one sends it ---------------------------------------------------------------


def test_contents_list_the_chapters_with_their_pages(report):
    """The table of contents (second page) gives each chapter the page it starts on, and the
    PDF has the chapters as bookmarks."""
    contents = report["pages"][1]
    chapters = [
        "Managementsamenvatting",
        "De netwerken in één oogopslag",
        "Op weg naar 2028",
        "Projecten en dekking",
        "Samenwerkingsafspraken",
        "SMART-doelen",
        "Netwerk Utrecht stad",
        "Netwerk Rivierenland",
        "Beperkingen",
        "Hoe er gemeten is",
    ]
    assert "Inhoud" in contents
    # pypdf reads each entry's dot leader and page number before its title
    lines = [line.strip() for line in contents.splitlines()]
    listed = {
        title: int(leader.split()[-1])
        for leader, title in zip(lines, lines[1:])
        if leader.startswith(".") and leader.split()[-1].isdigit()
    }
    for chapter in chapters:
        assert _page(report, chapter) == listed[chapter] - 1, chapter
    outline = [item.title for item in PdfReader(report["path"]).outline]
    assert outline[:3] == chapters[:3] and "Beperkingen" in outline


def test_management_summary_is_one_page_written_from_the_figures(report):
    at = _page(report, "Managementsamenvatting")
    page = _flat(report["pages"][at])
    assert "Wat verbeterde" in page and "Wat achterblijft" in page
    assert "Wat achterblijft" not in report["pages"][at + 1]
    # stored statuses and changes, in words: Eemland's index is suppressed, so not named
    assert "Achter op de weg naar 2028 (samenwerkingsindex): Rivierenland." in page
    assert "De samenwerkingsindex steeg significant in Lekstroom (+7,5 punten)" in page
    assert "Aantal PaTz-groepen in de regio van 10 naar 20" in page  # missed its deadline


def test_road_gives_each_vision_element_and_ambition_a_status(demo, report):
    page = _flat(_section(report, "Op weg naar 2028", "Projecten en dekking"))
    for element in demo.framework.vision_elements:
        row = page[page.index(f"{element.code} {element.name}") :][:160]
        assert any(word in row for word in ("op koers", "aandacht", "achter", "bereikt")), row
    for ambition in demo.framework.ambitions:
        assert ambition.code in page
    assert "op koers of bereikt" in _flat(report["text"])


def test_road_scores_each_ambition_and_speerpunt_from_the_stored_figures(demo, report):
    from metrics.store import load_snapshots
    from reports.wording import number

    page = _flat(_section(report, "Op weg naar 2028", "Projecten en dekking"))
    assert "Ambities: score en weg naar 2028 (consortium)" in page
    snaps = load_snapshots(demo.engine, demo.consortium_id)
    shown = snaps[(snaps["network"] == "ALL") & (snaps["group"] == "all") & ~snaps["suppressed"]]
    entries = [("ambition", a) for a in demo.framework.ambitions]
    entries += [("speerpunt", s) for s in demo.framework.speerpunten]
    for measure, entry in entries:
        latest = shown[(shown["measure"] == measure) & (shown["subject"] == entry.code)].iloc[-1]
        at = page.index(f"{entry.code} {entry.name}", page.index(measure_heading(measure)))
        row = page[at:][:200]
        assert f"{number(latest['score_100'], 1)} ({latest['wave']})" in row, row
        assert any(word in row for word in ("op koers", "aandacht", "achter", "bereikt")), row


def measure_heading(measure: str) -> str:
    return {"ambition": "Ambities: score", "speerpunt": "Speerpunten van patiënten"}[measure]


def test_coverage_agreements_and_goals_in_numbers(demo, report):
    from reports.records import agreements

    text = _flat(report["text"])
    assert "Gaten in de dekking" in text and "Lopende projecten per netwerk" in text
    register = agreements(demo.engine, demo.consortium_id)
    page = _flat(report["pages"][_page(report, "Samenwerkingsafspraken")])
    overdue = int((register["next_evaluation"] < pd.Timestamp(2026, 12, 1)).sum())
    assert f"Totaal {len(register)} " in page and f" {overdue} " in page
    goals = _flat(report["pages"][_page(report, "SMART-doelen")])
    missed = goals[goals.index("Gemist") :]
    assert "Aantal PaTz-groepen in de regio van 10 naar 20: deadline 01-01-2026" in missed


def test_network_section_has_the_latest_updates_narrative(report):
    flat = _flat(_section(report, "Netwerk Utrecht stad", "Netwerk Zuidoost-Utrecht"))
    assert "Toelichting uit de laatste projectupdates" in flat
    assert NARRATIVE in flat and f"Risico's: {RISK}" in flat
    assert f"Mijlpaal bereikt: {MILESTONE} (01-10-2026)" in flat


def test_limitations_are_filled_from_the_data(report):
    page = _flat(report["pages"][_page(report, "Beperkingen")])
    assert "demonstratiegegevens" in page
    assert "Partnervragenlijst samenwerking is een werkversie" in page
    assert "doelen voor 2028 zijn werkwaarden" in page
    assert "Respons onder 30%: Utrecht stad 2026 (22%)" in page
    assert "niet getoond" in page and "Eemland: Index 2026" in page
    assert "Cronbachs alfa onder 0,60" in page


def test_method_describes_every_measure(report):
    from reports.wording import measure_keys, t

    text = _flat(report["text"][report["text"].index("Hoe er gemeten is") :])
    assert len(measure_keys()) >= 15
    for key in measure_keys():
        assert t(f"{key}_title", "nl") in text, key
    assert "Dichtheid = banden / (n x (n - 1) / 2)" in text


def test_the_stored_foreword_is_on_the_cover_as_text(report):
    cover = _flat(report["pages"][0])
    assert "Voorwoord" in cover and FOREWORD in cover


def test_the_networks_reflection_closes_its_chapter_as_text(report):
    """The latest version of the consortium's reflection on Utrecht stad, in its chapter only."""
    section = _flat(_section(report, "Netwerk Utrecht stad", "Netwerk Zuidoost-Utrecht"))
    assert f"Reflectie van het consortium {REFLECTION}" in section
    assert "Eerdere reflectie" not in report["text"]
    assert _flat(report["text"]).count("Reflectie van het consortium") == 1
