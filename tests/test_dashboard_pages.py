"""Every page in real Chromium: it loads without console errors, its filters work (and write the
view into the URL), a deep link restores the view, the language switch changes the labels."""

from __future__ import annotations

import pytest
from dash.testing import wait

from dashboard.app import create_app
from tests.conftest import click, make_context
from tests.login import start_logged_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(tmp_path_factory, templates):
    """One demo database for the module (loading and recomputing takes a few seconds)."""
    tmp = tmp_path_factory.mktemp("pages")
    # The module's copy of the session's demo database, recomputed (tests/databases.py).
    context = make_context(templates.copy("sqlite", "recomputed", tmp), tmp)
    yield context
    context.engine.dispose()


def _open(dash_duo, demo, path: str, ready: str):
    start_logged_in(dash_duo, create_app(demo), demo)
    dash_duo.wait_for_page(url=dash_duo.server_url + path, timeout=10)
    dash_duo.wait_for_element(ready, timeout=15)


def _url_has(dash_duo, *parts: str) -> None:
    wait.until(lambda: all(p in dash_duo.driver.current_url for p in parts), timeout=10)


def _switch_language(dash_duo, heading: str) -> None:
    click(dash_duo, "#language-switch")
    dash_duo.wait_for_text_to_equal("h2", heading, timeout=10)
    _url_has(dash_duo, "lang=en")


def test_overview_page(dash_duo, demo):
    _open(dash_duo, demo, "/?wave=2025&measure=vision_element", "#overview-table")
    # deep link: the wave and the heatmap measure of the URL
    dash_duo.wait_for_contains_text("#overview-table", "Samenwerkingsindex 2025", timeout=10)
    assert dash_duo.find_element("#overview-measure input[value=vision_element]").is_selected()
    # filter: another wave changes the table and the URL
    dash_duo.select_dcc_dropdown("#overview-wave", value="2024")
    dash_duo.wait_for_contains_text("#overview-table", "Samenwerkingsindex 2024", timeout=10)
    _url_has(dash_duo, "wave=2024", "measure=vision_element")
    assert "Eemland" in dash_duo.find_element("#network-EEM").text
    assert dash_duo.find_element("#overview-heatmap .main-svg")
    # language: labels change, the view stays
    _switch_language(dash_duo, "Overview")
    dash_duo.wait_for_contains_text("#overview-table", "Collaboration index 2024", timeout=10)
    assert "Networks at a glance" in dash_duo.find_element("main").text
    assert dash_duo.find_element("#nav-compare").text == "Compare"
    assert dash_duo.get_logs() == []


def test_overview_heatmap_shows_ambitions_and_speerpunten(dash_duo, demo):
    _open(dash_duo, demo, "/?measure=ambition", "#overview-table")
    assert dash_duo.find_element("#overview-measure input[value=ambition]").is_selected()
    ambition = demo.framework.ambitions[0]
    dash_duo.wait_for_contains_text("#overview-heatmap", f"{ambition.code} ", timeout=10)
    # the other option: the eight speerpunten as the heatmap's columns, and in the URL
    click(dash_duo, "#overview-measure input[value=speerpunt]")
    _url_has(dash_duo, "measure=speerpunt")
    for speerpunt in demo.framework.speerpunten:
        dash_duo.wait_for_contains_text("#overview-heatmap", f"{speerpunt.code} ", timeout=10)
    assert "Speerpunten" in dash_duo.find_element("#overview-measure").text
    assert dash_duo.get_logs() == []


def test_network_page(dash_duo, demo):
    _open(
        dash_duo,
        demo,
        "/netwerk?network=EEM&measure=theme&subject=VERTR&wave=2024",
        "#network-groups-table",
    )
    # deep link: Eemland, theme Vertrouwen, wave 2024; its small groups are suppressed
    dash_duo.wait_for_contains_text("#network-network", "Eemland", timeout=10)
    dash_duo.wait_for_contains_text("#network-subject", "Vertrouwen", timeout=10)
    coordinators = dash_duo.find_element("#group-CO").text
    assert "te weinig respondenten" in coordinators
    assert not any(ch.isdigit() for ch in coordinators)
    dash_duo.wait_for_contains_text("#network-items-table", "VER1", timeout=10)
    # filter: another network
    dash_duo.select_dcc_dropdown("#network-network", value="Lekstroom")
    _url_has(dash_duo, "network=LEK", "subject=VERTR", "wave=2024")
    # a dated note shows on the network's time chart
    dash_duo.find_element("#note-text").send_keys("reorganisatie thuiszorg")
    click(dash_duo, "#note-add")
    dash_duo.wait_for_element("#note-added", timeout=10)
    dash_duo.wait_for_contains_text("#network-trend", "reorganisatie thuiszorg", timeout=10)
    # language
    _switch_language(dash_duo, "Network")
    _url_has(dash_duo, "network=LEK")
    dash_duo.wait_for_contains_text("#network-groups-table", "Respondent group", timeout=10)
    assert "By respondent group" in dash_duo.find_element("main").text
    assert dash_duo.get_logs() == []


def test_network_page_shows_an_ambition_with_its_road(dash_duo, demo):
    _open(
        dash_duo, demo, "/netwerk?network=UTS&measure=ambition&subject=A2", "#network-groups-table"
    )
    dash_duo.wait_for_contains_text("#network-measure", "Ambities", timeout=10)
    dash_duo.wait_for_contains_text("#network-subject", "A2 ", timeout=10)
    # the road to its 2028 target (75, septet.yaml) is drawn beside the series
    dash_duo.wait_for_contains_text("#network-trend", "2028", timeout=10)
    # another measure of the new kind: a speerpunt, its first subject and the URL follow
    dash_duo.select_dcc_dropdown("#network-measure", value="Speerpunten")
    _url_has(dash_duo, "measure=speerpunt", "subject=S1")
    dash_duo.wait_for_contains_text("#network-subject", "S1 ", timeout=10)
    assert dash_duo.get_logs() == []


def test_compare_page(dash_duo, demo):
    _open(
        dash_duo,
        demo,
        "/vergelijken?networks=UTS,EEM&measure=theme&subject=VERTR",
        "#compare-values",
    )
    assert "Utrecht stad" in dash_duo.find_element("#compare-UTS").text
    assert "Eemland" in dash_duo.find_element("#compare-EEM").text
    dash_duo.wait_for_contains_text("#compare-subject", "Vertrouwen", timeout=10)
    # filter: another measure picks its first subject and rewrites the URL
    dash_duo.select_dcc_dropdown("#compare-measure", value="Samenwerkingsindex")
    _url_has(dash_duo, "measure=index", "subject=index", "networks=UTS%2CEEM")
    _switch_language(dash_duo, "Compare")
    dash_duo.wait_for_contains_text("#compare-values", "Network", timeout=10)
    assert dash_duo.get_logs() == []


def test_projects_page(dash_duo, demo):
    _open(dash_duo, demo, "/projecten?network=UTS&project=A027", "#projects-status")
    header = dash_duo.find_element("#projects-status thead").text
    assert "Utrecht stad" in header and "Eemland" not in header
    dash_duo.wait_for_contains_text("#projects-project", "A027", timeout=10)
    dash_duo.wait_for_element("#coverage-table .gap", timeout=10)
    dash_duo.wait_for_contains_text("#din-gap-list", "WEGWIJZER", timeout=10)
    # filter: all networks
    dash_duo.select_dcc_dropdown("#projects-network", value="Alle netwerken")
    dash_duo.wait_for_contains_text("#projects-status thead", "Eemland", timeout=10)
    wait.until(lambda: "network=UTS" not in dash_duo.driver.current_url, timeout=10)
    _switch_language(dash_duo, "Projects")
    dash_duo.wait_for_contains_text("#din-gap-list", "Goals without a project", timeout=10)
    assert dash_duo.get_logs() == []


def test_quality_page(dash_duo, demo):
    _open(dash_duo, demo, "/kwaliteit?wave=2024", "#quality-rates-table")
    dash_duo.wait_for_contains_text("#quality-wave", "2024", timeout=10)
    assert "demo" in dash_duo.find_element("#quality-sources-table").text  # the demo's run
    dash_duo.select_dcc_dropdown("#quality-wave", value="2025")
    _url_has(dash_duo, "wave=2025")
    _switch_language(dash_duo, "Quality")
    dash_duo.wait_for_contains_text("#quality-freshness-table", "Latest questionnaire", timeout=10)
    assert dash_duo.get_logs() == []


def test_navbar_keeps_language_and_network(dash_duo, demo):
    _open(dash_duo, demo, "/netwerk?network=RIV&lang=en", "#network-groups-table")
    # the page writes its whole view into the URL, and the navbar follows it
    _url_has(dash_duo, "network=RIV", "wave=", "lang=en")
    wait.until(
        lambda: (
            "network=RIV" in (dash_duo.find_element("#nav-projects").get_attribute("href") or "")
        ),
        timeout=10,
    )
    click(dash_duo, "#nav-projects")
    dash_duo.wait_for_text_to_equal("h2", "Projects", timeout=10)
    _url_has(dash_duo, "/projecten", "network=RIV", "lang=en")
    assert dash_duo.get_logs() == []
