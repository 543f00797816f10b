"""No English of Dash's or Plotly's own on a Dutch page, in real Chromium: every page, opened by
the administrator (who sees them all), is read after its callbacks ran — its text, its inputs'
placeholders, its charts' legends and hover names. "3 selected", "Search", "Select...",
"Start Date → End Date" and "trace 0" are what the widgets say when nobody told them (issue 16)."""

from __future__ import annotations

import re
import time

import pytest

from dashboard.app import create_app
from dashboard.pages import PAGES
from tests.conftest import make_context
from tests.login import start_logged_in

pytestmark = pytest.mark.browser

WIDGET_ENGLISH = re.compile(
    r"\btrace \d+\b|Select\.\.\.|Select…|\d+ selected\b|\bSearch\b|Start Date|End Date|"
    r"No options found|Select All|Deselect All|Clear selection|Loading\.\.\.",
)

# What a reader sees: the page's text, the placeholders of its inputs, the legends of its
# charts, and the name Plotly would print in a hover box of a trace without a name of its own.
READ_PAGE = """
const found = [document.body.innerText];
document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(
    e => found.push(e.getAttribute('placeholder')));
document.querySelectorAll('.js-plotly-plot').forEach(plot => {
    plot.querySelectorAll('.legendtext').forEach(e => found.push(e.textContent));
    const traces = plot.data || [];
    traces.forEach((trace, i) => {
        const silent = trace.hoverinfo === 'skip' || trace.hoverinfo === 'none'
            || String(trace.hovertemplate || '').includes('<extra></extra>');
        if (!trace.name && traces.length > 1 && !silent) found.push('trace ' + i);
    });
});
return found.join('\\n');
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory, templates):
    tmp = tmp_path_factory.mktemp("language")
    # The module's copy of the session's demo database, recomputed (tests/databases.py).
    context = make_context(templates.copy("sqlite", "recomputed", tmp), tmp)
    yield context
    context.engine.dispose()


def _settled(dash_duo) -> None:
    """Wait until no callback is running any more (Dash marks the loading parts)."""
    deadline = time.monotonic() + 20
    quiet_since = None
    while time.monotonic() < deadline:
        busy = dash_duo.driver.execute_script(
            "return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length"
        )
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.5:
            return
        time.sleep(0.25)


def test_dutch_pages_leave_no_widget_english(dash_duo, demo):
    start_logged_in(dash_duo, create_app(demo), demo, "admin")
    left = {}
    for page in PAGES:
        dash_duo.wait_for_page(url=f"{dash_duo.server_url}{page.PATH}", timeout=15)
        dash_duo.wait_for_element("h2", timeout=15)
        _settled(dash_duo)
        seen = dash_duo.driver.execute_script(READ_PAGE)
        found = sorted(set(WIDGET_ENGLISH.findall(seen)))
        if found:
            left[page.PATH] = found
        if page.PATH == "/status":  # its empty goal chooser shows the Dutch placeholder
            assert "Kies…" in seen
    assert left == {}
