"""The first page in real Chromium: every network is listed with its responses and index."""

from __future__ import annotations

import pytest
from dash.testing import wait

from dashboard.app import create_app
from tests.conftest import click, make_context
from tests.login import as_user, start_logged_in


@pytest.fixture
def demo_ctx(sqlite_url, tmp_path):
    """On the test's copy of the demo database (the tests are marked demo_data)."""
    return make_context(sqlite_url, tmp_path)


@pytest.mark.browser
@pytest.mark.demo_data(recomputed=True)
def test_overview_lists_every_network(dash_duo, demo_ctx):
    app = create_app(demo_ctx)
    start_logged_in(dash_duo, app, demo_ctx)
    dash_duo.wait_for_element("#overview-table", timeout=10)
    for network in demo_ctx.framework.networks:
        row = dash_duo.find_element(f"#network-{network.code}")
        assert network.name in row.text
    consortium = dash_duo.find_element("#network-ALL").text
    assert "Consortium" in consortium
    assert dash_duo.get_logs() == []


# The outputs of every callback the page sends, recorded from before Dash's scripts run.
FETCH_WATCH = """
window.__outputs = [];
const plainFetch = window.fetch;
window.fetch = function (url, options) {
  if (String(url).includes('_dash-update-component')) {
    window.__outputs.push(JSON.parse(options.body).output);
  }
  return plainFetch.apply(this, arguments);
};
"""


@pytest.mark.browser
@pytest.mark.demo_data(recomputed=True)
def test_overview_comes_with_its_page(dash_duo, demo_ctx):
    """The first view is in the page's layout: table and figures are there without a call of
    the overview's callback (one round trip on opening, issue 18); a changed filter calls it."""
    dash_duo.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": FETCH_WATCH}
    )
    start_logged_in(dash_duo, create_app(demo_ctx), demo_ctx)
    dash_duo.wait_for_element("#overview-heatmap .main-svg", timeout=10)
    dash_duo.wait_for_element("#overview-road .main-svg", timeout=10)
    assert dash_duo.find_element("#network-ALL")
    assert dash_duo.find_element("#overview-changes h4")
    outputs = dash_duo.driver.execute_script("return window.__outputs")
    assert any("_pages_content" in output for output in outputs), outputs
    assert not any("overview-body" in output for output in outputs), outputs
    click(dash_duo, "#overview-measure input[value=vision_element]")
    wait.until(
        lambda: any(
            "overview-body" in output
            for output in dash_duo.driver.execute_script("return window.__outputs")
        ),
        timeout=10,
    )
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@pytest.mark.demo_data(recomputed=True)
def test_overview_in_english(dash_duo, demo_ctx):
    app = create_app(demo_ctx)
    start_logged_in(dash_duo, app, demo_ctx)
    dash_duo.wait_for_element("#overview-table", timeout=10)
    click(dash_duo, "#language-switch")
    dash_duo.wait_for_text_to_equal("h2", "Overview", timeout=10)
    assert "Network" in dash_duo.find_element("#overview-table").text


def test_overview_empty_state(sqlite_url, tmp_path):
    from dashboard.pages.overview import layout

    context = make_context(sqlite_url, tmp_path)
    app = create_app(context)
    _ = context.consortium_id
    with as_user(app, context, "admin"):
        page = layout()
    assert "Nog geen gegevens" in str(page)
