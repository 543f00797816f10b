"""From an empty database to a filled dashboard without demo code (issue 14), in production mode
and real Chromium: the first administrator is made with the CLI; the users page adds a
coordinator, who chooses a password by the mailed reset link; the administrator builds the
registers through the pages (a project, a result goal and a SMART goal, a decided proposal); the
coordinator reports a status for the new project, which then shows on Projecten and in the DIN.
One server for the module (one browser test)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from sqlalchemy import func, select

from accounts.users import load_account
from dashboard.app import create_app
from dashboard.statusforms import propose_project
from db import models as m
from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.settings import Settings
from tests.conftest import SEPTET, click
from tests.test_mail import Inbox, free_port
from tests.test_partners_page import _fill, _pick
from tests.test_proposals import ANSWERS

BEA, BEA_PASSWORD = "bea@septet.test", "beheerder-wachtwoord-1"
CARLA, CARLA_PASSWORD = "carla@septet.test", "carla-wachtwoord-12"


@pytest.fixture
def production(sqlite_url, tmp_path, monkeypatch):
    """A production context on an empty database: migrated and the framework stored by the
    migrate step (`db upgrade`), the first administrator added with `users add`; mail goes to an
    SMTP server on loopback."""
    inbox, port = Inbox(), free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    environ = {
        "DATABASE_URL": sqlite_url,
        "DATA_DIR": str(tmp_path / "data"),
        "FRAMEWORK_FILE": str(SEPTET),
        "MONITOR_ENV": "production",
        "SECRET_KEY": "p" * 48,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(port),
        "SMTP_STARTTLS": "false",
        "PUBLIC_URL": "http://localhost:8050",
    }
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    done = runner.invoke(main, ["db", "upgrade"])
    assert done.exit_code == 0, done.output
    add = ["users", "add", BEA, "--name", "Bea", "--role", "beheerder", "--password", BEA_PASSWORD]
    done = runner.invoke(main, add)
    assert done.exit_code == 0, done.output
    context = Context(Settings.from_env(environ), framework_read_only=True)
    with context.engine.connect() as conn:
        for model in (m.Project, m.Goal, m.StatusUpdate, m.Response):
            assert conn.scalar(select(func.count()).select_from(model)) == 0
    yield context, inbox
    context.engine.dispose()
    server.stop()


def _login(dash_duo, email: str, password: str) -> None:
    dash_duo.driver.get(dash_duo.server.url + "/login")
    dash_duo.wait_for_element("#email", timeout=10).send_keys(email)
    dash_duo.find_element("#password").send_keys(password)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#current-user", timeout=15)


def _open(dash_duo, path: str, ready: str) -> None:
    dash_duo.driver.get(dash_duo.server.url + path)
    dash_duo.wait_for_element(ready, timeout=20)


def test_from_an_empty_database_to_a_filled_dashboard(dash_duo, production):
    context, inbox = production
    app = create_app(context)
    dash_duo.start_server(app, navigate=False)
    _login(dash_duo, BEA, BEA_PASSWORD)

    # a user: the coordinator of Utrecht stad, who sets a password by the mailed link
    _open(dash_duo, "/gebruikers", "#users-new-email")
    _fill(dash_duo, "#users-new-email", CARLA)
    _fill(dash_duo, "#users-new-name", "Carla")
    _pick(dash_duo, "#users-new-networks", "UTS Utrecht stad")
    click(dash_duo, "#users-add")
    dash_duo.wait_for_contains_text("#users-done", "carla@septet.test toegevoegd", timeout=15)
    dash_duo.wait_for_contains_text("#users-table", "Carla", timeout=10)

    # a project
    _open(dash_duo, "/projectregister", "#projectregister-code")
    _fill(dash_duo, "#projectregister-code", "NIEUW")
    _fill(dash_duo, "#projectregister-name", "Nieuw transmuraal overleg")
    _fill(dash_duo, "#projectregister-start", "01-03-2026")
    _pick(dash_duo, "#projectregister-networks", "Utrecht stad")
    click(dash_duo, "#projectregister-save")
    dash_duo.wait_for_element("#projectregister-saved", timeout=15)

    # a result goal, then a SMART goal the project serves
    _open(dash_duo, "/doelenregister", "#resultgoal-code")
    _fill(dash_duo, "#resultgoal-code", "ER1")
    _fill(dash_duo, "#resultgoal-name", "Overdracht is transmuraal geborgd")
    _pick(dash_duo, "#resultgoal-ambition", _ambition_label(context, "A2"))
    click(dash_duo, "#resultgoal-save")
    dash_duo.wait_for_element("#resultgoal-saved", timeout=15)
    _open(dash_duo, "/doelenregister", "#goalregister-code")
    _fill(dash_duo, "#goalregister-code", "OVERLEG")
    _fill(dash_duo, "#goalregister-name", "Transmuraal overleg in alle wijken")
    _fill(dash_duo, "#goalregister-unit", "wijken")
    _fill(dash_duo, "#goalregister-baseline_value", "2")
    _fill(dash_duo, "#goalregister-baseline_date", "01-01-2026")
    _fill(dash_duo, "#goalregister-target_value", "10")
    _fill(dash_duo, "#goalregister-target_date", "31-12-2027")
    _pick(
        dash_duo,
        "#goalregister-result_goal",
        _option_text(dash_duo, "#goalregister-result_goal", "ER1"),
    )
    _pick(
        dash_duo,
        "#goalregister-projects",
        _option_text(dash_duo, "#goalregister-projects", "NIEUW"),
    )
    click(dash_duo, "#goalregister-save")
    dash_duo.wait_for_element("#goalregister-saved", timeout=15)

    # a decided proposal: the coordinator proposed it; the administrator accepts it
    with context.engine.connect() as conn:
        carla = load_account(conn, email=CARLA)
    propose_project(context, "UTS", ANSWERS, carla)
    _open(dash_duo, "/projectregister", "#proposal-review-items")
    dash_duo.wait_for_contains_text("#proposal-review-items", "Rouwcafé in de wijk", timeout=15)
    from selenium.webdriver.support.ui import Select

    Select(dash_duo.find_element("#proposal-review-choice")).select_by_visible_text(
        "Rouwcafé in de wijk (UTS)"
    )
    click(dash_duo, "#proposal-review-decision input[value=accepted]")
    _fill(dash_duo, "#proposal-review-code", "ROUWCAFE")
    click(dash_duo, "#proposal-review-submit")
    dash_duo.wait_for_contains_text("#projectregister-table", "ROUWCAFE", timeout=15)

    # the coordinator chooses her password by the link and reports on the new project
    (message,) = [x for x in inbox.messages if x["To"] == CARLA]
    text = message.get_payload(decode=True).decode()
    link = unquote(re.search(r"http://localhost:8050(/\S+)", text).group(1))
    dash_duo.driver.delete_all_cookies()  # the administrator's browser becomes the coordinator's
    dash_duo.driver.get(dash_duo.server.url + link)
    dash_duo.wait_for_element("#new", timeout=10).send_keys(CARLA_PASSWORD)
    dash_duo.find_element("#repeat").send_keys(CARLA_PASSWORD)
    dash_duo.find_element("#reset-submit").click()
    dash_duo.wait_for_contains_text("#reset-message", "Uw wachtwoord is opgeslagen", timeout=10)
    _login(dash_duo, CARLA, CARLA_PASSWORD)
    _open(dash_duo, "/status?network=UTS&project=NIEUW", "#status-loaded span")
    _fill(dash_duo, "#status-progress", "20")
    _fill(dash_duo, "#status-narrative", "Eerste overleg gehouden")
    click(dash_duo, "#status-status input[value=op_koers]")
    click(dash_duo, "#status-submit")
    dash_duo.wait_for_contains_text("#status-submitted", "Ingediend als versie", timeout=15)

    # on Projecten, and in the DIN: the project serving the goal
    _open(dash_duo, "/projecten?network=UTS&project=NIEUW", "#projects-status")
    dash_duo.wait_for_contains_text("#projects-status", "NIEUW", timeout=15)
    row = next(
        r.text for r in dash_duo.find_elements("#projects-status tbody tr") if "NIEUW" in r.text
    )
    assert "nog geen update" not in row
    dash_duo.wait_for_contains_text("#projects-din", "NIEUW", timeout=15)
    dash_duo.wait_for_contains_text("#projects-din", "OVERLEG", timeout=15)
    # the coordinator reads, but has no register form and no review list
    _open(dash_duo, "/projectregister", "#projectregister-table")
    assert not dash_duo.find_elements("#proposal-review")
    assert not dash_duo.find_elements("#din-review-card")
    assert dash_duo.get_logs() == []


def _ambition_label(context, code: str) -> str:
    ambition = next(a for a in context.framework.ambitions if a.code == code)
    return f"{ambition.code} {ambition.name}"[:80]


def _option_text(dash_duo, dropdown: str, starts: str) -> str:
    """The label of the dropdown's option that starts with `starts` (opened and closed again)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    click(dash_duo, dropdown)
    menu = dash_duo.wait_for_element(".dash-dropdown-options", timeout=10)
    texts = [o.text for o in menu.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")]
    ActionChains(dash_duo.driver).send_keys(Keys.ESCAPE).perform()
    return next(text for text in texts if text.startswith(starts))


def test_in_production_a_coordinator_cannot_edit_and_the_steering_group_sees_no_review(production):
    from tests.login import as_user, logged_in_client
    from tests.test_agreements import post
    from tests.test_project_register_page import SAVE, _form

    context, _ = production
    app = create_app(context)
    alice = logged_in_client(app, context, "alice")  # coordinator of UTS
    own = _form(**{"projectregister-network.value": "UTS"})
    assert post(alice, "projectregister-feedback", own, SAVE).status_code == 403
    bob = logged_in_client(app, context, "bob")  # steering group of EEM
    review = {"proposal-review-feedback.children": None, "projectregister-lang.data": "nl"}
    answer = post(bob, "proposal-review-list", review, "proposal-review-feedback.children")
    assert answer.status_code == 403
    with as_user(app, context, "bob"):
        from dashboard.pages import project_register

        assert "proposal-review" not in str(project_register.layout())
    with context.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(m.Project)) == 0
