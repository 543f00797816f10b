"""Lists and forms offer only what the reader may see and use: a steering-group member's
Projecten page opens on their own network and lists only the projects it runs; the note form
is shown only to those who write notes (through the real app and database)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db import models as m
from tests.login import logged_in_client
from tests.test_auth import _find, app, callback, demo, page_layout  # noqa: F401 - fixtures


def runs(ctx, network: str) -> set[str]:
    query = (
        select(m.Project.code)
        .join(m.ProjectNetwork, m.ProjectNetwork.project_id == m.Project.id)
        .join(m.Network, m.Network.id == m.ProjectNetwork.network_id)
        .where(m.Network.code == network)
    )
    with ctx.engine.connect() as c:
        return set(c.execute(query).scalars())


@pytest.mark.demo_data(recomputed=True)
def test_projects_page_lists_only_the_readers_projects(app, ctx, demo):  # noqa: F811
    with ctx.engine.connect() as c:
        every = set(c.execute(select(m.Project.code)).scalars())
    eemland = runs(ctx, "EEM")
    assert eemland and eemland < every  # the demo has projects Eemland does not run
    bob = logged_in_client(app, ctx, "bob")
    layout = json.loads(page_layout(bob, "/projecten").get_data(True))
    content = layout["response"]["_pages_content"]["children"]
    assert _find(content, "projects-network")["value"] == "EEM"
    chosen = _find(content, "projects-project")
    assert {o["value"] for o in chosen["options"]} == eemland
    assert chosen["value"] in eemland
    # Choosing another network is refused; the administrator sees every project.
    assert callback(bob, "projects-project", {"projects-network.value": "UTS"}).status_code == 403
    admin = logged_in_client(app, ctx, "admin")
    answer = callback(admin, "projects-project", {"projects-network.value": ""})
    options = answer.json["response"]["projects-project"]["options"]
    assert {o["value"] for o in options} == every


@pytest.mark.demo_data(recomputed=True)
def test_note_form_only_for_those_who_write_notes(app, ctx, demo):  # noqa: F811
    for name, shown in (("alice", False), ("rapporteur", False), ("bob", True), ("admin", True)):
        client = logged_in_client(app, ctx, name)
        network = {"alice": "UTS", "bob": "EEM"}.get(name, "EEM")
        answer = page_layout(client, "/netwerk", f"?network={network}")
        content = json.loads(answer.get_data(True))["response"]["_pages_content"]["children"]
        assert (_find(content, "note-text") is not None) is shown, name
