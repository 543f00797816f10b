"""The "Partners" and "Afspraken" pages: in real Chromium a coordinator records an agreement between
two partners of her network and the administrator adds a partner and imports a partner list; and
the partner page's rights on the server, through the Flask test client."""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from collectors import agreements as register
from collectors.partners import list_partners
from dashboard.app import create_app
from db import models as m
from tests.conftest import click, make_context
from tests.login import logged_in_client, start_logged_in
from tests.test_agreements import EEM, UTS, post, seed_partners
from tests.test_auth import _download


def _fill(dash_duo, selector: str, text: str) -> None:
    from selenium.webdriver.common.keys import Keys

    element = dash_duo.find_element(selector)
    # select-all + delete: React sees the change (element.clear() bypasses it)
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text)


def _pick(dash_duo, dropdown: str, label: str) -> None:
    """Choose one option of a dcc.Dropdown by its label (for a multi one: one more)."""
    from selenium.webdriver.common.by import By

    click(dash_duo, dropdown)
    menu = dash_duo.wait_for_element(".dash-dropdown-options", timeout=10)
    option = next(
        o for o in menu.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option") if o.text == label
    )
    dash_duo.driver.execute_script("arguments[0].click();", option)
    # close the menu again (a multi dropdown stays open)
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(dash_duo.driver).send_keys(Keys.ESCAPE).perform()
    dash_duo.wait_for_no_elements(".dash-dropdown-options", timeout=5)


@pytest.fixture
def browser_context(sqlite_url, tmp_path):
    context = make_context(sqlite_url, tmp_path)
    _ = context.consortium_id
    seed_partners(context, "UTS", UTS)
    seed_partners(context, "EEM", EEM)
    yield context
    context.engine.dispose()


@pytest.mark.browser
def test_coordinator_records_an_agreement(dash_duo, browser_context):
    context = browser_context
    today = date.today()
    # An older agreement whose evaluation date has passed: marked in the table.
    register.save_agreement(
        context.engine,
        context.consortium_id,
        network="UTS",
        topic="consultatie",
        description="Consultatie palliatief team bij thuiszorgcliënten",
        since=today - timedelta(days=400),
        next_evaluation=today - timedelta(days=30),
        partners=["U2", "U3"],
        user_id=None,
    )
    start_logged_in(dash_duo, create_app(context), context, "alice")
    dash_duo.wait_for_text_to_equal("#nav-agreements_page", "Afspraken", timeout=10)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/afspraken?network=UTS", timeout=10)
    dash_duo.wait_for_element("#agreements-table", timeout=15)
    overdue = dash_duo.find_element("#agreements-table .agreement-overdue")
    assert overdue.text == "evaluatie verlopen"

    # one partner only and no description: Dutch errors next to the fields, nothing stored
    _pick(dash_duo, "#agreements-topic", "warme overdracht")
    _pick(dash_duo, "#agreements-partners", "Huisartsen Oost (U1)")
    _fill(dash_duo, "#agreements-since", (today - timedelta(days=10)).strftime("%d-%m-%Y"))
    click(dash_duo, "#agreements-save")
    dash_duo.wait_for_element("#agreements-invalid", timeout=10)
    dash_duo.wait_for_text_to_equal(
        "#agreements-partners-error", "Kies ten minste twee verschillende partners.", timeout=10
    )
    assert dash_duo.find_element("#agreements-description-error").text == (
        "Beschrijf kort wat er is afgesproken."
    )

    _pick(dash_duo, "#agreements-partners", "Hospice De Linde (U3)")
    _fill(dash_duo, "#agreements-description", "Warme overdracht bij opname in het hospice")
    _fill(
        dash_duo, "#agreements-next_evaluation", (today + timedelta(days=365)).strftime("%d-%m-%Y")
    )
    click(dash_duo, "#agreements-save")
    dash_duo.wait_for_element("#agreements-saved", timeout=10)
    dash_duo.wait_for_contains_text(
        "#agreements-table", "Warme overdracht bij opname in het hospice", timeout=10
    )
    rows = dash_duo.find_elements("#agreements-table tbody tr")
    assert len(rows) == 2
    new = next(r for r in rows if "opname in het hospice" in r.text)
    assert "warme overdracht" in new.text
    assert "Huisartsen Oost, Hospice De Linde" in new.text  # names in code order: U1, U3
    assert "evaluatie verlopen" not in new.text
    assert "Alice" in new.text
    # stored through the register, with its audit event
    frame = register.list_agreements(context.engine, context.consortium_id, ["UTS"])
    assert sorted(map(tuple, frame["partners"])) == [("U1", "U3"), ("U2", "U3")]
    with context.engine.connect() as conn:
        actors = conn.scalars(
            select(m.AuditEvent.actor).where(
                m.AuditEvent.entity == "agreement", m.AuditEvent.action == "create"
            )
        ).all()
    assert actors == ["system", "alice@example.org"]
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_administrator_adds_a_partner_and_imports_a_list(dash_duo, browser_context, tmp_path):
    context = browser_context
    start_logged_in(dash_duo, create_app(context), context, "admin")
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/partners?network=EEM", timeout=10)
    dash_duo.wait_for_element("#partners-table", timeout=15)
    # The navbar re-renders when the URL settles: wait for the text instead of reading it once.
    dash_duo.wait_for_text_to_equal("#nav-partners_page", "Partners", timeout=10)

    _fill(dash_duo, "#partners-code", "E3")
    _fill(dash_duo, "#partners-name", "Hospice Eemland")
    _pick(dash_duo, "#partners-sector", "Hospice")
    click(dash_duo, "#partners-waves input[value='2026-netwerk']")
    click(dash_duo, "#partners-save")
    dash_duo.wait_for_element("#partners-saved", timeout=10)
    dash_duo.wait_for_contains_text("#partners-table", "Hospice Eemland", timeout=10)
    row = next(
        r for r in dash_duo.find_elements("#partners-table tbody tr") if "Hospice Eemland" in r.text
    )
    assert "E3" in row.text and "Hospice" in row.text and "2026-netwerk" in row.text
    stored = list_partners(context.engine, context.consortium_id, ["EEM"])
    e3 = stored[stored["code"] == "E3"].iloc[0]
    assert (e3["name"], e3["sector"], e3["waves"]) == (
        "Hospice Eemland",
        "hospice",
        ["2026-netwerk"],
    )

    # a partner list: one good row, one with an unknown sector (rejected, shown with its row)
    upload = tmp_path / "partners-eemland.csv"
    upload.write_text(
        "network,code,name,sector,waves\n"
        "EEM,E4,Thuiszorg Amersfoort,thuiszorg,2026-netwerk\n"
        "EEM,E5,Bakkerij,bakker,2026-netwerk\n",
        encoding="utf-8",
    )
    dash_duo.find_element("#partners-upload input[type=file]").send_keys(str(upload))
    dash_duo.wait_for_contains_text(
        "#partners-upload-summary", "partners-eemland.csv: 1 nieuw", timeout=15
    )
    assert "1 afgekeurd" in dash_duo.find_element("#partners-upload-summary").text
    reject = dash_duo.find_element("#partners-rejects tbody tr").text
    assert reject.startswith("3 sector") and "bakker" in reject
    dash_duo.wait_for_contains_text("#partners-table", "Thuiszorg Amersfoort", timeout=10)
    assert "Bakkerij" not in dash_duo.find_element("#partners-table").text
    assert dash_duo.get_logs() == []


# --- rights on the server --------------------------------------------------------------------------


def _partner_form(network: str, **changes) -> dict:
    return {
        "partners-save.n_clicks": 1,
        "partners-network.value": network,
        "partners-code.value": "X1",
        "partners-name.value": "Nieuwe partner",
        "partners-sector.value": "overig",
        "partners-waves.value": ["2026-netwerk"],
        "partners-lang.data": "nl",
        "partners-reload.data": {"n": 0, "id": None},
        **changes,
    }


def _upload(client, rows: str, name: str = "lijst.csv"):
    encoded = base64.b64encode(("network,code,name,sector,waves\n" + rows).encode()).decode()
    values = {
        "partners-upload.contents": f"data:text/csv;base64,{encoded}",
        "partners-upload.filename": name,
        "partners-lang.data": "nl",
    }
    return post(client, "partners-upload-result", values, "partners-upload.contents")


def _codes(ctx, network: str) -> list[str]:
    return list_partners(ctx.engine, ctx.consortium_id, [network])["code"].tolist()


def test_partner_page_writes_only_own_networks(ctx):
    seed_partners(ctx, "UTS", UTS)
    seed_partners(ctx, "EEM", EEM)
    app = create_app(ctx)
    alice = logged_in_client(app, ctx, "alice")  # coordinator of UTS
    bob = logged_in_client(app, ctx, "bob")  # steering group of EEM
    rapporteur = logged_in_client(app, ctx, "rapporteur")
    admin = logged_in_client(app, ctx, "admin")
    save = "partners-save.n_clicks"

    assert post(alice, "partners-feedback", _partner_form("EEM"), save).status_code == 403
    assert post(bob, "partners-feedback", _partner_form("EEM"), save).status_code == 403
    assert post(rapporteur, "partners-feedback", _partner_form("UTS"), save).status_code == 403
    assert _codes(ctx, "EEM") == ["E1", "E2"] and _codes(ctx, "UTS") == ["U1", "U2", "U3"]

    answer = post(alice, "partners-feedback", _partner_form("UTS"), save)
    assert answer.status_code == 200 and "Partner opgeslagen." in answer.get_data(True)
    assert _codes(ctx, "UTS") == ["U1", "U2", "U3", "X1"]
    # Dutch errors per field: the code is taken, the sector empty
    bad = _partner_form("UTS", **{"partners-sector.value": None})
    body = json.loads(post(alice, "partners-feedback", bad, save).get_data(True))["response"]
    assert body["partners-code-error"]["children"] == (
        "Een andere partner van dit netwerk heeft deze code al."
    )
    assert body["partners-sector-error"]["children"] == "Vul dit veld in."

    # an EEM partner's id through alice's own network: refused, not moved to UTS
    e1 = int(list_partners(ctx.engine, ctx.consortium_id, ["EEM"]).iloc[0]["id"])
    moved = _partner_form("UTS", **{"partners-editing.data": e1, "partners-code.value": "E1"})
    assert post(alice, "partners-feedback", moved, save).status_code == 403
    edit = {"id": e1, "type": "partner-edit"}
    load = {"partner-edit.n_clicks": [(edit, 1)], "partners-network.value": "UTS"}
    changed = json.dumps(edit, separators=(",", ":")) + ".n_clicks"
    assert post(alice, "partners-code", load, changed).status_code == 403
    assert _codes(ctx, "EEM") == ["E1", "E2"]

    # a list naming another network: that row rejected with its reason, her own rows imported;
    # a bad row of her own shown with its row number and column
    mixed = (
        "UTS,U9,Wijkteam Noord,sociaal domein,\nEEM,E9,Ander netwerk,overig,\nUTS,U10,,overig,\n"
    )
    answer = _upload(alice, mixed)
    assert answer.status_code == 200
    text = answer.get_data(True)
    assert "lijst.csv: 1 nieuw, 0 gewijzigd, 0 ongewijzigd, 2 afgekeurd." in text
    assert "lijst.csv row 3: network 'EEM' is not yours to change (you may import UTS)" in text
    assert "lijst.csv row 4: name is empty" in text
    assert "U9" in _codes(ctx, "UTS") and "U10" not in _codes(ctx, "UTS")
    assert "E9" not in _codes(ctx, "EEM")
    with ctx.engine.connect() as c:
        logged = c.execute(
            select(m.AuditEvent.action, m.AuditEvent.after).where(
                m.AuditEvent.entity == "partner_list"
            )
        ).all()
    assert [(a, after["rows_new"], after["rows_rejected"]) for a, after in logged] == [
        ("import", 1, 2)
    ]
    # readers may not import at all; the administrator imports every network
    assert _upload(bob, "EEM,E9,Ander netwerk,overig,\n").status_code == 403
    assert _upload(rapporteur, "EEM,E9,Ander netwerk,overig,\n").status_code == 403
    assert "E9" not in _codes(ctx, "EEM")
    answer = _upload(admin, "EEM,E9,Ander netwerk,overig,\nUTS,U11,Apotheek,overig,\n")
    assert "2 nieuw" in answer.get_data(True)
    assert "E9" in _codes(ctx, "EEM") and "U11" in _codes(ctx, "UTS")

    # reading: bob reads EEM's list (no edit buttons), never UTS's
    show = {"partners-reload.data": {"n": 0, "id": None}, "partners-lang.data": "nl"}
    uts = post(
        bob,
        "partners-table-wrap",
        {**show, "partners-network.value": "UTS"},
        "partners-network.value",
    )
    assert uts.status_code == 403
    own = post(
        bob,
        "partners-table-wrap",
        {**show, "partners-network.value": "EEM"},
        "partners-network.value",
    )
    assert own.status_code == 200
    text = own.get_data(True)
    assert "Ziekenhuis Meander" in text and "partner-edit" not in text
    assert "U kunt de partners van dit netwerk lezen" in text
    download = _download(bob, "partners", {"network": "EEM"})
    content = json.loads(download.get_data(True))["response"]["download"]["data"]["content"]
    assert content.splitlines() == [  # Dutch CSV: BOM and ";" for Dutch Excel
        "\ufeffNetwerk;Code;Naam;Sector;Metingen",
        "EEM;E1;Ziekenhuis Meander;Ziekenhuis;",
        "EEM;E2;VPTZ Eemland;Vrijwilligers;",
        "EEM;E9;Ander netwerk;Overig;",
    ]
    assert _download(bob, "partners", {"network": "UTS"}).status_code == 403
