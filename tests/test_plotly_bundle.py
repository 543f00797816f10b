"""The dashboard draws with its own plotly.js bundle (dashboard/plotlyjs, issue 18): the plotly.js
of the installed plotly (the figures' JSON is written for that version) with every trace type the
charts draw, loaded with the page and kept for a year, so dcc.Graph never fetches the full
plotly.min.js. After an upgrade of plotly or a new trace type, `make plotly-bundle` builds it
again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from charts.template import TRACE_TYPES
from dashboard.app import create_app
from demo.load import load_demo
from metrics.store import recompute
from tests.conftest import make_context
from tests.login import logged_in_client, start_logged_in

BUNDLE = Path(__file__).parents[1] / "dashboard" / "assets" / "plotly-monitor.min.js"


def test_the_bundle_is_the_plotly_js_of_the_installed_plotly():
    text = BUNDLE.read_text(encoding="utf-8")
    assert re.findall(r'\.version="(\d+\.\d+\.\d+)"', text).count(get_plotlyjs_version()) == 1
    assert len(text) < 2_000_000  # a quarter of the full bundle's 4.8 MB, or a type too many


def test_every_page_carries_the_bundle_kept_for_a_year(sqlite_url, tmp_path):
    context = make_context(sqlite_url, tmp_path)
    client = logged_in_client(create_app(context), context)
    page = client.get("/").get_data(as_text=True)
    (url,) = re.findall(r'src="(/assets/plotly-monitor\.min\.js\?m=[^"]+)"', page)
    sent = client.get(url)
    assert sent.status_code == 200 and sent.data == BUNDLE.read_bytes()
    assert "max-age=31536000" in sent.headers["Cache-Control"]


# For each trace type: the type plotly gives a trace of it (a type it does not hold becomes
# "scatter", drawn as nothing).
TYPES_HELD = """
return arguments[0].map((type) => {
  const div = document.createElement('div');
  document.body.appendChild(div);
  Plotly.newPlot(div, [{type: type}]);
  const held = div._fullData[0].type;
  Plotly.purge(div);
  div.remove();
  return held;
});
"""


@pytest.mark.browser
def test_the_page_draws_every_chart_type_without_the_full_bundle(dash_duo, sqlite_url, tmp_path):
    context = make_context(sqlite_url, tmp_path)
    list(load_demo(context.engine, context.framework, context.consortium_id))
    recompute(context.engine, context.framework, context.consortium_id, everything=True)
    start_logged_in(dash_duo, create_app(context), context)
    dash_duo.wait_for_element("#overview-heatmap .main-svg", timeout=10)  # graphs drawn
    driver = dash_duo.driver
    assert driver.execute_script("return Plotly.version") == get_plotlyjs_version()
    assert driver.execute_script(TYPES_HELD, list(TRACE_TYPES)) == list(TRACE_TYPES)
    assert driver.execute_script(TYPES_HELD, ["pie"]) == ["scatter"]  # the check can fail
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map((r) => r.name)"
    )
    assert any("plotly-monitor.min.js" in url for url in fetched), fetched
    assert not any("plotly.min.js" in url for url in fetched), fetched
