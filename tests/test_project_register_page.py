"""The Projectregister page's rights on the server, through the Flask test client as the browser
posts its callbacks: the administrator writes (form, removal, upload); a coordinator, a steering-
group member and a reporter only read — the projects of their own networks."""

from __future__ import annotations

import base64
import json

import pytest

from collectors import projects as register
from dashboard.app import create_app
from tests.login import logged_in_client
from tests.test_agreements import post
from tests.test_auth import _download
from tests.test_project_register import PZP

SAVE = "projectregister-save.n_clicks"


def _form(**changes) -> dict:
    values = {
        SAVE: 1,
        "projectregister-network.value": "ALL",
        "projectregister-lang.data": "nl",
        "projectregister-reload.data": {"n": 0, "id": None},
        "projectregister-lifecycle.value": "actief",
        **{f"projectregister-{k}.value": v for k, v in PZP.items()},
    }
    values["projectregister-networks.value"] = ["UTS"]
    values["projectregister-tags.value"] = ["A1", "S6"]
    return {**values, **changes}


def _codes(ctx) -> list[str]:
    return register.list_projects(ctx.engine, ctx.consortium_id)["code"].tolist()


def _table(client, network: str):
    values = {
        "projectregister-network.value": network,
        "projectregister-reload.data": {"n": 0, "id": None},
        "projectregister-lang.data": "nl",
    }
    return post(client, "projectregister-table-wrap", values, "projectregister-network.value")


def _upload(client, text: str, name: str = "register.csv"):
    encoded = base64.b64encode(text.encode()).decode()
    values = {
        "projectregister-upload.contents": f"data:text/csv;base64,{encoded}",
        "projectregister-upload.filename": name,
        "projectregister-lang.data": "nl",
    }
    return post(client, "projectregister-upload-result", values, "projectregister-upload.contents")


def test_only_the_administrator_writes_the_register(ctx):
    app = create_app(ctx)
    admin = logged_in_client(app, ctx, "admin")
    for name in ("alice", "bob", "rapporteur"):  # coordinator, steering group, reporter
        client = logged_in_client(app, ctx, name)
        # the save callback refuses, whatever the form's network says
        assert post(client, "projectregister-feedback", _form(), SAVE).status_code == 403
        own = _form(**{"projectregister-network.value": "UTS"})
        assert post(client, "projectregister-feedback", own, SAVE).status_code == 403
        assert _upload(client, "code,name\nX,Y\n").status_code == 403
    assert _codes(ctx) == []

    answer = post(admin, "projectregister-feedback", _form(), SAVE)
    assert answer.status_code == 200 and "Project opgeslagen." in answer.get_data(True)
    assert _codes(ctx) == ["PZP"]
    # Dutch errors per field, nothing stored
    bad = _form(
        **{
            "projectregister-code.value": "NIEUW",
            "projectregister-name.value": "",
            "projectregister-lifecycle.value": "gestopt",
            "projectregister-end.value": "01-01-2020",
        }
    )
    body = json.loads(post(admin, "projectregister-feedback", bad, SAVE).get_data(True))
    response = body["response"]
    assert response["projectregister-name-error"]["children"] == "Vul dit veld in."
    assert response["projectregister-end-error"]["children"] == (
        "Het geplande einde ligt vóór de start."
    )
    assert _codes(ctx) == ["PZP"]

    # loading a project into the form is the administrator's too
    project_id = int(register.list_projects(ctx.engine, ctx.consortium_id)["id"].iloc[0])
    edit = {"id": project_id, "type": "projectentry-edit"}
    load = {"projectentry-edit.n_clicks": [(edit, 1)], "projectregister-network.value": "ALL"}
    changed = json.dumps(edit, separators=(",", ":")) + ".n_clicks"
    alice = logged_in_client(app, ctx, "alice")
    assert post(alice, "projectregister-code", load, changed).status_code == 403
    loaded = json.loads(post(admin, "projectregister-code", load, changed).get_data(True))
    assert loaded["response"]["projectregister-code"]["value"] == "PZP"

    # an upload: good rows stored, a bad row shown with its row, column and reason
    text = "code,name,networks,lifecycle\nHOSPICE,Versterking hospicezorg,EEM,actief\nBAD,,UTS,\n"
    answer = _upload(admin, text).get_data(True)
    assert "register.csv: 1 nieuw, 0 gewijzigd, 0 ongewijzigd, 1 afgekeurd." in answer
    assert "register.csv row 3, column name: name is empty" in answer
    assert _codes(ctx) == ["HOSPICE", "PZP"]


def test_readers_see_the_projects_of_their_own_networks(ctx):
    register.save_project(ctx.engine, ctx.consortium_id, {**PZP, "networks": "UTS"})
    register.save_project(
        ctx.engine, ctx.consortium_id, {"code": "HOSPICE", "name": "Hospicezorg", "networks": "EEM"}
    )
    app = create_app(ctx)
    alice = logged_in_client(app, ctx, "alice")  # UTS
    bob = logged_in_client(app, ctx, "bob")  # EEM
    text = _table(alice, "ALL").get_data(True)
    assert "PZP" in text and "HOSPICE" not in text and "projectentry-edit" not in text
    assert "U kunt het projectregister lezen" in text
    assert _table(alice, "EEM").status_code == 403
    assert "HOSPICE" in _table(bob, "EEM").get_data(True)
    admin_text = _table(logged_in_client(app, ctx, "admin"), "ALL").get_data(True)
    assert "PZP" in admin_text and "HOSPICE" in admin_text and "projectentry-edit" in admin_text

    # the download is the register file, of what the reader may read
    download = _download(alice, "projectregister", {"network": "ALL"})
    content = json.loads(download.get_data(True))["response"]["download"]["data"]["content"]
    lines = content.splitlines()
    assert lines[0] == "\ufeff" + ";".join(register.FIELDS)  # Dutch CSV: BOM and ";"
    assert len(lines) == 2 and lines[1].startswith("PZP;")
    assert _download(alice, "projectregister", {"network": "EEM"}).status_code == 403


@pytest.mark.browser
def test_administrator_creates_a_project_and_finds_it_on_projecten(dash_duo, sqlite_url, tmp_path):
    from tests.conftest import click, make_context
    from tests.login import start_logged_in
    from tests.test_partners_page import _fill, _pick

    context = make_context(sqlite_url, tmp_path)
    _ = context.consortium_id
    start_logged_in(dash_duo, create_app(context), context, "admin")
    dash_duo.wait_for_text_to_equal("#nav-projectregister_page", "Projectregister", timeout=10)
    click(dash_duo, "#nav-projectregister_page")
    dash_duo.wait_for_element("#projectregister-empty", timeout=15)

    _fill(dash_duo, "#projectregister-code", "ZORGPAD")
    _fill(dash_duo, "#projectregister-name", "Transmuraal zorgpad palliatieve zorg")
    _fill(dash_duo, "#projectregister-owner", "Netwerk Utrecht stad")
    _fill(dash_duo, "#projectregister-start", "01-03-2025")
    _pick(dash_duo, "#projectregister-networks", "Utrecht stad")
    click(dash_duo, "#projectregister-save")
    dash_duo.wait_for_element("#projectregister-saved", timeout=10)
    dash_duo.wait_for_contains_text("#projectregister-table", "ZORGPAD", timeout=10)
    row = dash_duo.find_element("#projectregister-table tbody tr").text
    assert "Netwerk Utrecht stad" in row and "UTS" in row and "actief" in row
    stored = register.list_projects(context.engine, context.consortium_id)
    assert stored["code"].tolist() == ["ZORGPAD"] and stored["networks"].iloc[0] == ["UTS"]

    click(dash_duo, "#nav-projects")
    dash_duo.wait_for_contains_text(
        "#projects-project", "ZORGPAD — Transmuraal zorgpad palliatieve zorg", timeout=15
    )
    # Utrecht stad takes part and has not reported yet
    dash_duo.wait_for_contains_text("#projects-status", "nog geen update", timeout=15)
    assert dash_duo.get_logs() == []
    context.engine.dispose()


def test_projecten_shows_a_registered_project_without_updates(ctx):
    """A network taking part in a project without any status update (every project just
    registered) made the status matrix fail (t("project_None")); it reads "nog geen update"."""
    from dashboard.pages.projects import render
    from tests.login import as_user

    register.save_project(ctx.engine, ctx.consortium_id, {**PZP, "networks": "UTS"})
    app = create_app(ctx)
    with as_user(app, ctx, "alice"):
        out = render(ctx, {"network": "UTS", "project": "PZP", "lang": "nl"})
    text = str(out["matrix"])
    assert "PZP — Implementatie" in text and "nog geen update" in text


def test_a_refused_write_shows_each_fields_first_problem_and_the_rest_above_the_form():
    from dashboard.pages.project_register import REGISTER
    from dashboard.pages.register import refused

    problems = [("name", "too long"), ("name", "empty"), ("file", "one project per code")]
    done = refused(REGISTER, problems, "en")
    assert done.errors == {"name": "too long", "file": "one project per code"}
    assert done.row_id is None and done.message.id == "projectregister-invalid"
    heading, general = done.message.children
    assert heading == "The project was not saved: see the fields."
    assert general.children == "one project per code"  # not a field of the form: in the alert
