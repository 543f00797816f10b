"""Every page, for every role, at a laptop's and a phone's width (issue 16), in real Chromium.

A page fails when the document scrolls sideways, when a chart's text (tick labels, titles,
legends, the radar's and goal diagram's labels) reaches outside its chart, or when axe-core
finds a serious or critical accessibility violation (contrast, names of buttons and fields,
landmarks …). The pages and roles come from the app (dashboard.pages.PAGES with each page's
ROLES) and the demo accounts (one per role), so a new page or role is covered without editing
this file. One server and one browser serve the whole module; the window is resized, not the
browser restarted.

axe-core runs offline from the copy of its npm package in tests/fixtures/axe-core (MPL-2.0,
licence beside it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dash.testing import wait
from dash.testing.application_runners import ThreadedRunner
from dash.testing.composite import DashComposite
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from accounts.users import DEMO_ACCOUNTS, DEMO_PASSWORD, ROLES, create_demo_accounts
from dashboard import access
from dashboard.app import create_app
from dashboard.pages import PAGES
from tests.conftest import make_context

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "fixtures" / "axe-core" / "axe.min.js"
WIDTHS = {"laptop": (1440, 900), "phone": (390, 844)}
ACCOUNTS = {role: email for email, _name, role, _networks in DEMO_ACCOUNTS}

# Sideways scrolling of the document, and chart text outside its chart (1 px of rounding).
OVERFLOW = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
CLIPPED = """
const found = [];
document.querySelectorAll('.js-plotly-plot').forEach(plot => {
  const box = plot.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return;  // not shown (a closed section)
  const name = (plot.closest('[id]') || plot).id;
  plot.querySelectorAll('svg.main-svg text').forEach(el => {
    const text = el.textContent.trim();
    const r = el.getBoundingClientRect();
    if (!text || (r.width === 0 && r.height === 0)) return;
    if (r.left < box.left - 1 || r.right > box.right + 1 ||
        r.top < box.top - 1 || r.bottom > box.bottom + 1) {
      found.push(name + ': ' + text);
    }
  });
});
return found;
"""
# A drawn chart with data and no "table of the numbers" under it (dashboard/assets/chart_tables.js).
UNTABLED = """
return [...document.querySelectorAll('.dash-graph')].filter(g => {
  const gd = g.querySelector('.js-plotly-plot');
  const data = gd && (gd.data || []).filter(t => t.hoverinfo !== 'skip');
  if (!data || !data.length || g.offsetParent === null) return false;
  const next = g.nextElementSibling;
  return !(next && next.matches('details.chart-table') && next.querySelector('td, th'));
}).map(g => g.id);
"""
# Violations inside the markup Dash 4.4's own widgets write, which the app cannot change: the
# dropdown takes keyboard focus on an aria-hidden input in front of its button, the slider's
# thumb and the checklist's listbox take no name, a checklist option is a label around its
# checkbox, and the date-range picker's wrapper carries aria attributes its role does not allow.
# Every other node of these rules, and every other rule, still fails the test.
DASH_WIDGETS = {
    "aria-hidden-focus": ".dash-dropdown-focus-target",
    "aria-input-field-name": ".dash-slider-thumb, .dash-options-list",
    "nested-interactive": ".dash-options-list-option",
    "aria-allowed-attr": ".dash-datepicker-input-wrapper",
}
AXE_RUN = """
const widgets = arguments[0];
const done = arguments[arguments.length - 1];
const ours = (rule, node) => {
  const element = document.querySelector(node.target[0]);
  return !(widgets[rule] && element && element.matches(widgets[rule]));
};
axe.run(document, {resultTypes: ['violations']}).then(r => done(
  r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => [v, v.nodes.filter(n => ours(v.id, n))])
    .filter(([v, nodes]) => nodes.length)
    .map(([v, nodes]) =>
      v.impact + ' ' + v.id + ': ' + nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))
)).catch(e => done(['axe failed: ' + e]));
"""


@pytest.fixture(scope="module")
def site(request, tmp_path_factory, templates):
    """The demo app with one account per role, served once for the module, and one Chromium."""
    tmp = tmp_path_factory.mktemp("fit")
    # The module's copy of the session's demo database, recomputed (tests/databases.py).
    context = make_context(templates.copy("sqlite", "recomputed", tmp), tmp)
    create_demo_accounts(context.engine)
    with (
        ThreadedRunner() as server,
        DashComposite(
            server=server,
            browser="chrome",
            headless=request.config.getoption("headless"),
            options=request.config.hook.pytest_setup_options(),
            download_path=str(tmp / "download"),
        ) as browser,
    ):
        browser.start_server(create_app(context), navigate=False)
        browser.driver.set_script_timeout(60)
        yield browser
    context.engine.dispose()


def log_in(browser, role: str) -> None:
    driver = browser.driver
    driver.delete_all_cookies()
    driver.get(browser.server.url + "/login")
    browser.wait_for_element("#email", timeout=10).send_keys(ACCOUNTS[role])
    browser.find_element("#password").send_keys(DEMO_PASSWORD)
    browser.find_element("#login-submit").click()
    browser.wait_for_element("#current-user", timeout=15)


def settle(browser) -> None:
    """Wait until the renderer has no callback in flight and every chart has drawn."""
    browser.wait_for_element("#navbar nav", timeout=15)
    wait.until(browser._wait_for_callbacks, timeout=30, poll=0.2)
    wait.until(
        lambda: browser.driver.execute_script(
            "return [...document.querySelectorAll('.dash-graph')].every("
            "g => g.querySelector('.main-svg') || g.offsetParent === null);"
        ),
        timeout=20,
    )


def resize(browser, width: int, height: int) -> None:
    browser.driver.set_window_size(width, height)
    # The window's outer size includes nothing in headless Chromium, but check the layout width.
    wait.until(lambda: browser.driver.execute_script("return window.innerWidth;") == width, 5)


def problems(browser, audit: bool = True) -> list[str]:
    """What is wrong with the page on screen; `audit`: with axe-core's serious and critical
    violations (run at one width only: contrast, names and roles do not change with it)."""
    driver = browser.driver
    found = []
    scroll, client = driver.execute_script(OVERFLOW)
    if scroll > client:
        found.append(f"scrolls sideways: {scroll} px content in {client} px")
    found += [f"clipped chart text: {item}" for item in driver.execute_script(CLIPPED)]
    found += [f"chart without its table: {name}" for name in driver.execute_script(UNTABLED)]
    found += [f"console: {entry['message'][:200]}" for entry in browser.get_logs() or []]
    if audit:
        if not driver.execute_script("return typeof axe !== 'undefined';"):
            driver.execute_script(AXE.read_text(encoding="utf-8"))
        found += driver.execute_async_script(AXE_RUN, DASH_WIDGETS)
    return found


def focused(browser) -> str:
    return browser.driver.execute_script("return document.activeElement.id;")


def test_every_role_has_a_demo_account():
    assert set(ACCOUNTS) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_and_is_accessible(site, role):
    log_in(site, role)
    pages = [page for page in PAGES if role in access.page_roles(page)]
    assert pages, role
    failures = []
    for label, (width, height) in WIDTHS.items():
        resize(site, width, height)
        for page in pages:
            site.driver.get(site.server.url + page.PATH)
            settle(site)
            found = problems(site, audit=label == "laptop")
            failures += [f"{role} {label} {page.PATH}: {p}" for p in found]
    resize(site, *WIDTHS["laptop"])
    assert failures == [], "\n".join(failures)


def test_log_in_page_fits_and_is_accessible(site):
    site.driver.delete_all_cookies()
    failures = []
    for label, (width, height) in WIDTHS.items():
        resize(site, width, height)
        site.driver.get(site.server.url + "/login")
        site.wait_for_element("#email", timeout=10)
        failures += [f"{label} /login: {p}" for p in problems(site)]
    resize(site, *WIDTHS["laptop"])
    assert failures == [], "\n".join(failures)


def test_phone_menu_folds_and_opens_from_the_keyboard(site):
    log_in(site, "beheerder")
    resize(site, *WIDTHS["phone"])
    site.driver.get(site.server.url + "/")
    settle(site)
    # Folded: the bar is one line high and the links are hidden behind the toggler.
    bar = site.find_element("#navbar nav")
    assert bar.size["height"] < 80
    assert not site.find_element("#nav-overview").is_displayed()
    assert site.find_element("#navbar-toggler").is_displayed()
    # Keyboard: Tab reaches the toggler, Enter opens the menu, Tab walks on into its links.
    keys = ActionChains(site.driver)
    for _ in range(10):
        if focused(site) == "navbar-toggler":
            break
        keys.send_keys(Keys.TAB).perform()
    assert focused(site) == "navbar-toggler"
    keys.send_keys(Keys.ENTER).perform()
    wait.until(lambda: site.find_element("#nav-overview").is_displayed(), timeout=5)
    keys.send_keys(Keys.TAB).perform()
    assert focused(site) == "nav-overview"
    resize(site, *WIDTHS["laptop"])
    # At a laptop's width the menu is simply there, without the toggler.
    wait.until(lambda: site.find_element("#nav-overview").is_displayed(), timeout=5)
    assert not site.find_element("#navbar-toggler").is_displayed()


def test_log_in_form_is_walked_with_the_keyboard(site):
    site.driver.delete_all_cookies()
    site.driver.get(site.server.url + "/login")
    email = site.wait_for_element("#email", timeout=10)
    email.click()
    email.send_keys(ACCOUNTS["stuurgroep"], Keys.TAB)
    active = site.driver.switch_to.active_element
    assert active.get_attribute("id") == "password"
    active.send_keys(DEMO_PASSWORD, Keys.TAB)
    assert site.driver.switch_to.active_element.get_attribute("id") == "login-submit"
    site.driver.switch_to.active_element.send_keys(Keys.ENTER)
    site.wait_for_element("#current-user", timeout=15)
    assert site.driver.find_elements(By.CSS_SELECTOR, "#navbar-toggler")


def test_a_chart_opens_into_the_table_of_its_numbers(site):
    log_in(site, "stuurgroep")
    resize(site, *WIDTHS["laptop"])
    site.driver.get(site.server.url + "/?lang=en")
    settle(site)
    # The layout holds the chart's table empty until the page's callback fills it; between the
    # two no callback is in flight, so settle() can return on the empty one (stale afterwards).
    wait.until(lambda: site.find_elements("#overview-heatmap-table tbody tr"), timeout=15)
    summary = site.wait_for_element("#overview-heatmap-table summary", timeout=10)
    assert summary.text == "Table of the numbers"
    assert not site.find_element("#overview-heatmap-table table").is_displayed()
    summary.send_keys(Keys.ENTER)  # a <summary> opens from the keyboard too
    wait.until(lambda: site.find_element("#overview-heatmap-table table").is_displayed(), 5)
    # The same numbers as the chart: every cell the heatmap draws, row by row.
    drawn = site.driver.execute_script(
        "const t = document.querySelector('#overview-heatmap .js-plotly-plot')._fullData[0];"
        "return [t.y.length, t.x.length, t.z[0][0]];"
    )
    rows = site.driver.find_elements(By.CSS_SELECTOR, "#overview-heatmap-table tbody tr")
    assert len(rows) == drawn[0]
    first = rows[0].find_elements(By.CSS_SELECTOR, "td")
    assert len(first) == drawn[1]
    assert first[0].text == f"{drawn[2]:,.2f}".rstrip("0").rstrip(".")
