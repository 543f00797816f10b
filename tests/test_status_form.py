"""The "Status doorgeven" form: validation in Dutch next to the field, drafts, versions and
history, goal values, proposals against the afwegingskader, concurrent submissions, rights —
on both databases, and the form in real Chromium."""

from __future__ import annotations

import json
import re
import threading
from datetime import date

import pytest
from sqlalchemy import select

from accounts.users import load_account
from dashboard import statusforms
from dashboard.app import create_app
from db import models as m
from tests.conftest import click, make_context
from tests.login import ensure_user, logged_in_client, start_logged_in
from tests.test_auth import callback, page_layout

GOOD = {
    "status": "aandacht",
    "progress": "40",
    "reached": "01-03-2026 Startbijeenkomst",
    "planned": "2026-12-01 Evaluatie",
    "risks": "Capaciteit thuiszorg",
    "narrative": "Pilot loopt in twee wijken.",
    "speerpunten": ["S1"],
}


@pytest.fixture
def demo(ctx):
    """The context, on its copy of the demo database (its tests are marked demo_data)."""
    return ctx


def _alice(ctx):
    ensure_user(ctx, "alice")
    with ctx.engine.connect() as conn:
        return load_account(conn, email="alice@example.org")


def _uts_project(ctx) -> str:
    rows = statusforms.network_projects(ctx.engine, ctx.consortium_id, "UTS", date.today())
    return rows[0]["project"]


@pytest.mark.demo_data
def test_validation_messages_are_dutch_and_per_field(demo):
    alice, project = _alice(demo), _uts_project(demo)
    bad = {**GOOD, "status": None, "progress": "140", "reached": "maart Start", "narrative": ""}
    result = statusforms.submit(demo, project, "UTS", bad, alice)
    assert result.version is None
    assert result.errors["status"].startswith("Kies een status")
    assert "0 tot en met 100" in result.errors["progress"]
    assert result.errors["reached"].startswith("Regel 1: begin met een datum")
    assert "toelichting" in result.errors["narrative"]
    assert "planned" not in result.errors
    assert statusforms.history(demo.engine, demo.consortium_id, project, "UTS") == [] or all(
        h["who"] != "Alice"
        for h in statusforms.history(demo.engine, demo.consortium_id, project, "UTS")
    )


@pytest.mark.demo_data
def test_draft_is_kept_then_submission_makes_versions_with_history(demo):
    alice, project = _alice(demo), _uts_project(demo)
    before = len(statusforms.history(demo.engine, demo.consortium_id, project, "UTS"))
    draft = {**GOOD, "progress": "veel"}  # a draft keeps what it can, and says what is wrong
    saved = statusforms.save_draft(demo, project, "UTS", draft, alice)
    assert "progress" in saved.errors
    values, origin = statusforms.load_form(demo.engine, demo.consortium_id, project, "UTS", alice)
    assert origin == "draft" and values["narrative"] == GOOD["narrative"]
    assert values["progress"] is None and values["reached"][0]["text"] == "Startbijeenkomst"
    first = statusforms.submit(demo, project, "UTS", GOOD, alice)
    assert first.errors == {} and first.version == before + 1
    # the draft is gone; the form starts from the latest submitted version
    values, origin = statusforms.load_form(demo.engine, demo.consortium_id, project, "UTS", alice)
    assert origin == "latest" and values["status"] == "aandacht"
    second = statusforms.submit(demo, project, "UTS", {**GOOD, "status": "op_koers"}, alice)
    assert second.version == first.version + 1
    history = statusforms.history(demo.engine, demo.consortium_id, project, "UTS")
    assert [h["version"] for h in history[:2]] == [second.version, first.version]
    assert history[0]["who"] == "Alice" and history[1]["status"] == "aandacht"
    rows = statusforms.network_projects(demo.engine, demo.consortium_id, "UTS", date.today())
    mine = next(r for r in rows if r["project"] == project)
    assert mine["due"] is False and mine["last"] is not None


@pytest.mark.demo_data
def test_two_coordinators_submitting_at_once_lose_nothing(demo):
    alice, project = _alice(demo), _uts_project(demo)
    from accounts.users import add_user

    dora = add_user(
        demo.engine, "dora@example.org", "Dora", "coordinator", "dora-wachtwoord", ["UTS"]
    )
    before = len(statusforms.history(demo.engine, demo.consortium_id, project, "UTS"))
    results = []
    start = threading.Barrier(6)

    def send(account, n):
        start.wait()
        results.append(
            statusforms.submit(demo, project, "UTS", {**GOOD, "narrative": f"update {n}"}, account)
        )

    threads = [threading.Thread(target=send, args=(a, n)) for n, a in enumerate([alice, dora] * 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.errors == {} for r in results)
    history = statusforms.history(demo.engine, demo.consortium_id, project, "UTS")
    assert len(history) == before + 6
    assert sorted(r.version for r in results) == list(range(before + 1, before + 7))
    assert {h["narrative"] for h in history[:6]} == {f"update {n}" for n in range(6)}


@pytest.mark.demo_data
def test_goal_values_and_proposals(demo):
    alice = _alice(demo)
    goals = statusforms.network_goals(demo.engine, demo.consortium_id, "UTS")
    if goals:
        goal = goals[0]["goal"]
        bad = statusforms.enter_goal_value(
            demo, "UTS", {"goal": goal, "measured_at": "31-02-2026", "value": "x"}, alice
        )
        assert "geldige datum" in bad["measured_at"] and "getal" in bad["value"]
        ok = {"goal": goal, "measured_at": "01-10-2026", "value": "14"}
        assert statusforms.enter_goal_value(demo, "UTS", ok, alice) == {}
        assert statusforms.enter_goal_value(demo, "UTS", {**ok, "value": "15,5"}, alice) == {}
    other = statusforms.network_goals(demo.engine, demo.consortium_id, "EEM")
    if other:
        refused = {"goal": other[0]["goal"], "measured_at": "01-10-2026", "value": "1"}
        assert statusforms.enter_goal_value(demo, "UTS", refused, alice) == {
            "goal": "Kies een doel van dit netwerk."
        }
    answers = {
        "name": "Wijkgerichte scholing",
        "partners": 2,
        "checks": ["energie", "iza"],
        "ambition": "A1",
        "kernthemas": ["K1"],
        "actielijnen": [],
        "speerpunten": ["S2"],
    }
    met, unmet, errors = statusforms.propose_project(demo, "UTS", answers, alice)
    assert errors == {}
    assert met == ["energie", "iza", "ambitie", "speerpunten"]
    assert unmet == ["partners", "haalbaar", "kernthema_actielijn"]
    assert statusforms.propose_project(demo, "UTS", {"name": " "}, alice)[2] == {
        "name": "Geef het initiatief een naam."
    }


@pytest.mark.demo_data
def test_form_callbacks_refuse_other_networks_and_roles(demo):
    app = create_app(demo)
    project = _uts_project(demo)
    alice = logged_in_client(app, demo, "alice")
    values = {
        "status-save-draft.n_clicks": 1,
        "status-network.value": "EEM",
        "status-project.value": project,
        "status-narrative.value": "poging in een ander netwerk",
    }
    assert callback(alice, "status-feedback", values).status_code == 403
    values["status-network.value"] = "UTS"
    assert callback(alice, "status-feedback", values).status_code == 200
    bob = logged_in_client(app, demo, "bob")  # stuurgroep EEM: reads, never writes status
    values["status-network.value"] = "EEM"
    assert callback(bob, "status-feedback", values).status_code == 403
    rapporteur = logged_in_client(app, demo, "rapporteur")  # reads everything, writes nothing
    values["status-network.value"] = "UTS"
    assert callback(rapporteur, "status-feedback", values).status_code == 403
    with demo.engine.connect() as conn:
        drafts = conn.scalars(
            select(m.StatusUpdate.narrative).where(m.StatusUpdate.state == "draft")
        ).all()
    assert drafts == ["poging in een ander netwerk"]  # only alice's own-network draft


@pytest.mark.browser
@pytest.mark.demo_data(recomputed=True)
def test_the_form_in_chromium(dash_duo, sqlite_url, tmp_path):
    context = make_context(sqlite_url, tmp_path)
    project = _uts_project(context)
    start_logged_in(dash_duo, create_app(context), context, "alice")
    assert "Status doorgeven" in dash_duo.find_element("#nav-status_form").text
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/status?network=UTS&project={project}")
    dash_duo.wait_for_element("#status-projects-table", timeout=15)
    dash_duo.wait_for_element("#status-loaded span", timeout=15)

    def fill(element_id: str, text: str) -> None:
        from selenium.webdriver.common.keys import Keys

        element = dash_duo.find_element(f"#{element_id}")
        # select-all + delete: React sees the change (element.clear() bypasses it)
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
        element.send_keys(text)

    fill("status-progress", "150")
    fill("status-narrative", "Concepttekst die een herlaad overleeft")
    click(dash_duo, "#status-submit")
    dash_duo.wait_for_element("#status-invalid", timeout=10)
    dash_duo.wait_for_contains_text("#status-progress-error", "0 tot en met 100", timeout=10)
    fill("status-progress", "35")
    click(dash_duo, "#status-save-draft")
    dash_duo.wait_for_element("#status-draft-saved", timeout=10)
    dash_duo.driver.refresh()
    dash_duo.wait_for_element("#status-origin-draft", timeout=15)
    assert dash_duo.find_element("#status-narrative").get_attribute("value") == (
        "Concepttekst die een herlaad overleeft"
    )
    assert dash_duo.find_element("#status-progress").get_attribute("value") == "35"
    click(dash_duo, "#status-status input[value=op_koers]")
    click(dash_duo, "#status-submit")
    dash_duo.wait_for_contains_text("#status-submitted", "Ingediend als versie", timeout=10)
    dash_duo.wait_for_contains_text("#status-history-table", "Concepttekst", timeout=10)
    assert dash_duo.get_logs() == []


DUTCH = re.compile(r"\b(de|het|een|van|voor|niet|geen|uw|nog|kies|vul|ten|regel)\b", re.I)


def _texts(node) -> list[str]:
    """Every text a reader sees in a rendered layout: children, labels, placeholders."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [x for item in node for x in _texts(item)]
    if not isinstance(node, dict):
        return []
    props = node.get("props", node)
    found = []
    for name in ("children", "placeholder", "label", "options", "labels"):
        value = props.get(name)
        if isinstance(value, dict) and name == "labels":
            found += [v for v in value.values() if isinstance(v, str)]
        elif value is not None:
            found += _texts(value)
    return found


@pytest.mark.demo_data
def test_the_page_speaks_english_with_lang_en(demo):
    app = create_app(demo)
    alice = logged_in_client(app, demo, "alice")
    answer = page_layout(alice, "/status", "?lang=en&network=UTS")
    texts = _texts(answer.get_json()["response"]["_pages_content"])
    joined = " | ".join(texts)
    for words in ("Report status", "Save draft", "Submit", "History", "Enter goal values"):
        assert words in joined, words
    dutch = [x for x in texts if DUTCH.search(x)]
    assert dutch == []

    project = _uts_project(demo)
    english = {"status-network.value": "UTS", "status-project.value": project}
    english["status-lang.data"] = "en"
    table = callback(alice, "status-projects", {**english, "status-saved.data": 0})
    assert "Latest update" in table.get_data(True)
    history = callback(alice, "status-history", english).get_data(True)
    assert '"Version"' in history and '"Narrative"' in history and "Versie" not in history
    draft = {**english, "status-save-draft.n_clicks": 1, "status-progress.value": "150"}
    draft["status-reached.value"] = "morgen Start"
    feedback = callback(alice, "status-feedback", draft).get_json()["response"]
    assert "Draft saved. Mind the remarks at the fields." in json.dumps(feedback)
    assert "0 to 100" in feedback["status-progress-error"]["children"]
    assert feedback["status-reached-error"]["children"].startswith("Line 1: start with a date")
    goal = {**english, "goal-save.n_clicks": 1, "goal-goal.value": "none"}
    feedback = callback(alice, "goal-feedback", goal).get_json()["response"]
    assert feedback["goal-goal-error"]["children"] == "Choose a goal of this network."
    proposal = {**english, "proposal-submit.n_clicks": 1, "proposal-name.value": "Pilot"}
    result = json.dumps(callback(alice, "proposal-result", proposal).get_json()["response"])
    assert "It meets 0 of the 7 criteria" in result and "Falls under exactly one" in result
