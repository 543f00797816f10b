"""The agreements register (samenwerkingsafspraken): validation per field, add, change and remove
with their audit events, on both databases; and the rights of the "Afspraken" page on the server,
through the Flask test client as the browser would post its callbacks."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, insert, select

from accounts.users import load_account
from collectors import agreements as register
from collectors.agreements import AgreementError
from dashboard.app import create_app
from db import models as m
from tests.login import ensure_user, logged_in_client
from tests.test_auth import _download, callback

TODAY = date(2026, 3, 1)
UTS = {"U1": ("Huisartsen Oost", "huisarts"), "U2": ("Thuiszorg Stad", "thuiszorg")}
UTS |= {"U3": ("Hospice De Linde", "hospice")}
EEM = {"E1": ("Ziekenhuis Meander", "ziekenhuis"), "E2": ("VPTZ Eemland", "vrijwilligers")}


def seed_partners(ctx, network: str, partners: dict[str, tuple[str, str]]) -> None:
    """Partner rows of one network, as an administrator's import would leave them."""
    with ctx.engine.begin() as conn:
        network_id = conn.scalar(
            select(m.Network.id).where(
                m.Network.consortium_id == ctx.consortium_id, m.Network.code == network
            )
        )
        conn.execute(
            insert(m.Partner),
            [
                {"network_id": network_id, "code": code, "name": name, "sector": sector}
                for code, (name, sector) in partners.items()
            ],
        )


@pytest.fixture
def seeded(ctx):
    seed_partners(ctx, "UTS", UTS)
    seed_partners(ctx, "EEM", EEM)
    return ctx


def _user_id(ctx, name: str) -> int:
    email = ensure_user(ctx, name)
    with ctx.engine.connect() as conn:
        return load_account(conn, email=email).id


def _save(ctx, **changes) -> int:
    values = {
        "network": "UTS",
        "topic": "warme_overdracht",
        "description": "Overdrachtsformulier bij ontslag uit het hospice.",
        "since": date(2025, 9, 1),
        "next_evaluation": date(2026, 9, 1),
        "partners": ["U2", "U1"],
        "user_id": None,
        "today": TODAY,
    }
    return register.save_agreement(ctx.engine, ctx.consortium_id, **{**values, **changes})


def _errors(ctx, **changes) -> dict[str, str]:
    with pytest.raises(AgreementError) as caught:
        _save(ctx, **changes)
    return caught.value.errors


def _audit(ctx) -> list[tuple]:
    a = m.AuditEvent
    with ctx.engine.connect() as conn:
        return conn.execute(
            select(a.actor, a.action, a.entity, a.entity_id, a.before, a.after)
            .where(a.entity == "agreement")
            .order_by(a.id)
        ).all()


# --- the register -------------------------------------------------------------------------------


def test_validation_names_each_wrong_field(seeded):
    errors = _errors(
        seeded,
        topic="lunch",
        description="   ",
        since="2026-03-02",  # one day after TODAY
        next_evaluation="01-01-2026",  # before since
        partners=["U1"],
    )
    assert errors == {
        "topic": "agreement_error_topic",
        "description": "agreement_error_description_empty",
        "since": "agreement_error_since_future",
        "next_evaluation": "agreement_error_evaluation_before_since",
        "partners": "agreement_error_partners_few",
    }
    # the same partner twice is one partner; a partner of another network is refused
    assert _errors(seeded, partners=["U1", "U1", " U1"]) == {
        "partners": "agreement_error_partners_few"
    }
    assert _errors(seeded, partners=["U1", "E1"]) == {
        "partners": "agreement_error_partners_network"
    }
    # an unknown network: its partners cannot be judged, only the network is named
    assert _errors(seeded, network="XXX") == {"network": "agreement_error_network"}
    # bounds: 1000 characters fit, 1001 do not
    assert _errors(seeded, description="x" * (register.DESCRIPTION_MAX + 1)) == {
        "description": "agreement_error_description_long"
    }
    assert _save(seeded, description="x" * register.DESCRIPTION_MAX) > 0
    # dates: 31 February does not exist; an evaluation on the start day is not after it
    assert _errors(seeded, since="31-02-2026", next_evaluation=None) == {
        "since": "agreement_error_date_invalid"
    }
    assert _errors(seeded, since=None) == {"since": "agreement_error_since_empty"}
    assert _errors(seeded, since=TODAY, next_evaluation=TODAY) == {
        "next_evaluation": "agreement_error_evaluation_before_since"
    }
    # an agreement that starts today, without a planned evaluation, is fine
    assert _save(seeded, since=TODAY, next_evaluation="") > 0
    # only the two valid saves left rows and audit events
    assert len(register.list_agreements(seeded.engine, seeded.consortium_id)) == 2
    assert [row.action for row in _audit(seeded)] == ["create", "create"]


def test_add_change_and_remove_with_audit(seeded):
    alice = _user_id(seeded, "alice")
    first = _save(seeded, user_id=alice)
    other = _save(
        seeded,
        network="EEM",
        topic="consultatie",
        description="Consultatie palliatief team",
        partners=["E1", "E2"],
    )
    frame = register.list_agreements(seeded.engine, seeded.consortium_id, ["UTS"])
    assert frame["id"].tolist() == [first]
    row = frame.iloc[0]
    assert row["partners"] == ["U1", "U2"]  # in code order, whatever order they were chosen in
    assert row["partner_names"] == ["Huisartsen Oost", "Thuiszorg Stad"]
    assert row["since"] == date(2025, 9, 1) and row["next_evaluation"] == date(2026, 9, 1)
    assert row["topic"] == "warme_overdracht" and row["updated_by"] == "Alice"
    everything = register.list_agreements(seeded.engine, seeded.consortium_id)
    assert everything["network"].tolist() == ["EEM", "UTS"]
    assert register.agreement_network(seeded.engine, seeded.consortium_id, other) == "EEM"

    # change: other topic and partners, the evaluation date dropped — same id
    changed = _save(
        seeded,
        agreement_id=first,
        topic="gedeeld_zorgplan",
        partners=["U3", "U1"],
        next_evaluation=None,
        user_id=alice,
    )
    assert changed == first
    row = register.list_agreements(seeded.engine, seeded.consortium_id, ["UTS"]).iloc[0]
    assert row["partners"] == ["U1", "U3"] and row["topic"] == "gedeeld_zorgplan"
    assert row["next_evaluation"] is None
    with seeded.engine.connect() as conn:
        links = conn.scalar(
            select(func.count())
            .select_from(m.AgreementPartner)
            .where(m.AgreementPartner.agreement_id == first)
        )
    assert links == 2  # the old U2 link is gone, not added to

    # another network's agreement cannot be reached by its number
    assert _errors(seeded, network="UTS", agreement_id=other, partners=["U1", "U2"]) == {
        "agreement": "agreement_error_unknown"
    }
    with pytest.raises(AgreementError):
        register.delete_agreement(
            seeded.engine, seeded.consortium_id, other, network="UTS", user_id=alice
        )
    assert register.agreement_network(seeded.engine, seeded.consortium_id, other) == "EEM"

    register.delete_agreement(
        seeded.engine, seeded.consortium_id, first, network="UTS", user_id=alice
    )
    assert register.list_agreements(seeded.engine, seeded.consortium_id, ["UTS"]).empty
    with seeded.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(m.AgreementPartner)) == 2  # EEM's

    events = _audit(seeded)
    assert [(e.actor, e.action, e.entity_id) for e in events] == [
        ("alice@example.org", "create", str(first)),
        ("system", "create", str(other)),
        ("alice@example.org", "update", str(first)),
        ("alice@example.org", "delete", str(first)),
    ]
    created, _, updated, deleted = events
    assert created.before is None and created.after == {
        "network": "UTS",
        "topic": "warme_overdracht",
        "description": "Overdrachtsformulier bij ontslag uit het hospice.",
        "since": "2025-09-01",
        "next_evaluation": "2026-09-01",
        "partners": ["U1", "U2"],
    }
    assert updated.before == created.after
    assert updated.after == {
        **created.after,
        "topic": "gedeeld_zorgplan",
        "next_evaluation": None,
        "partners": ["U1", "U3"],
    }
    assert deleted.before == updated.after and deleted.after is None


def test_overdue_means_the_evaluation_date_has_passed():
    assert register.overdue(TODAY - timedelta(days=1), TODAY) is True
    assert register.overdue(TODAY, TODAY) is False  # due today, not yet overdue
    assert register.overdue(None, TODAY) is False


# --- the page's rights on the server --------------------------------------------------------------

FORM = {
    "agreements-save.n_clicks": 1,
    "agreements-topic.value": "scholing",
    "agreements-description.value": "Gezamenlijke scholing palliatieve zorg",
    "agreements-since.value": "01-02-2026",
    "agreements-next_evaluation.value": "01-02-2027",
    "agreements-lang.data": "nl",
    "agreements-reload.data": {"n": 0, "id": None},
}


def post(client, first_output: str, values: dict, changed: str):
    """POST a callback as the browser would: inputs and states by "id.prop" (missing ones None);
    a pattern-matching input by "type.prop" as a list of (id, value)."""
    deps = client.get("/_dash-dependencies").json
    dep = next(d for d in deps if d["output"].lstrip(".").startswith(first_output))

    def with_values(items):
        out = []
        for item in items:
            prop = item["property"]
            if item["id"].startswith("{"):
                key = f"{json.loads(item['id'])['type']}.{prop}"
                out.append(
                    [{"id": i, "property": prop, "value": v} for i, v in values.get(key, [])]
                )
            else:
                value = values.get(f"{item['id']}.{prop}")
                out.append({"id": item["id"], "property": prop, "value": value})
        return out

    parts = dep["output"][2:-2].split("...") if dep["output"].startswith("..") else [dep["output"]]
    outputs = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        outputs.append(
            {"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop}
        )
    return client.post(
        "/_dash-update-component",
        json={
            "output": dep["output"],
            "outputs": outputs if len(parts) > 1 else outputs[0],
            "inputs": with_values(dep["inputs"]),
            "state": with_values(dep["state"]),
            "changedPropIds": [changed],
        },
    )


def _stored(ctx) -> list[tuple[str, str]]:
    frame = register.list_agreements(ctx.engine, ctx.consortium_id)
    return list(zip(frame["network"], frame["description"], strict=True))


def test_page_writes_only_own_networks(seeded):
    app = create_app(seeded)
    alice = logged_in_client(app, seeded, "alice")  # coordinator of UTS
    bob = logged_in_client(app, seeded, "bob")  # steering group of EEM: reads only
    rapporteur = logged_in_client(app, seeded, "rapporteur")  # reads everything, writes nothing
    admin = logged_in_client(app, seeded, "admin")

    eem = {**FORM, "agreements-network.value": "EEM", "agreements-partners.value": ["E1", "E2"]}
    uts = {**FORM, "agreements-network.value": "UTS", "agreements-partners.value": ["U1", "U2"]}
    assert callback(alice, "agreements-feedback", eem).status_code == 403
    assert callback(bob, "agreements-feedback", eem).status_code == 403
    assert callback(rapporteur, "agreements-feedback", uts).status_code == 403
    assert _stored(seeded) == []

    answer = callback(alice, "agreements-feedback", uts)
    assert answer.status_code == 200 and "Afspraak opgeslagen." in answer.get_data(True)
    assert callback(admin, "agreements-feedback", eem).status_code == 200
    assert sorted(_stored(seeded)) == [
        ("EEM", "Gezamenlijke scholing palliatieve zorg"),
        ("UTS", "Gezamenlijke scholing palliatieve zorg"),
    ]

    # Dutch errors next to the fields; nothing stored
    bad = {**uts, "agreements-partners.value": ["U1"], "agreements-since.value": "01-01-2030"}
    body = json.loads(callback(alice, "agreements-feedback", bad).get_data(True))["response"]
    assert body["agreements-partners-error"]["children"] == (
        "Kies ten minste twee verschillende partners."
    )
    assert body["agreements-since-error"]["children"].startswith("Deze datum ligt in de toekomst")
    assert len(_stored(seeded)) == 2

    # alice cannot reach EEM's agreement through her own network: not changed, not removed
    eem_id = int(register.list_agreements(seeded.engine, seeded.consortium_id, ["EEM"])["id"][0])
    sneaky = {**uts, "agreements-editing.data": eem_id, "agreements-description.value": "weg"}
    body = callback(alice, "agreements-feedback", sneaky).get_data(True)
    assert "bestaat niet (meer) in dit netwerk" in body
    # the remove button (a confirm dialog's submit) with the network and the edited agreement
    delete = post(
        alice,
        "agreements-feedback",
        {
            "agreements-delete.submit_n_clicks": 1,
            "agreements-network.value": "UTS",
            "agreements-editing.data": eem_id,
            "agreements-lang.data": "nl",
        },
        "agreements-delete.submit_n_clicks",
    )
    assert delete.status_code == 200 and "bestaat niet" in delete.get_data(True)
    assert ("EEM", "Gezamenlijke scholing palliatieve zorg") in _stored(seeded)

    # loading EEM's agreement into the form is refused, whatever network the page shows
    edit = {"id": eem_id, "type": "agreement-edit"}
    load = {
        "agreement-edit.n_clicks": [(edit, 1)],
        "agreements-network.value": "UTS",
        "agreements-lang.data": "nl",
    }
    changed = json.dumps(edit, separators=(",", ":")) + ".n_clicks"
    assert post(alice, "agreements-topic", load, changed).status_code == 403
    # ... and alice loads her own
    uts_id = int(register.list_agreements(seeded.engine, seeded.consortium_id, ["UTS"])["id"][0])
    mine = {**load, "agreement-edit.n_clicks": [({**edit, "id": uts_id}, 1)]}
    changed = json.dumps({**edit, "id": uts_id}, separators=(",", ":")) + ".n_clicks"
    answer = post(alice, "agreements-topic", mine, changed)
    assert answer.status_code == 200
    loaded = json.loads(answer.get_data(True))["response"]
    assert loaded["agreements-partners"]["value"] == ["U1", "U2"]
    assert loaded["agreements-editing"]["data"] == uts_id

    # reading: alice and bob see their own network's table, never the other's
    show = {"agreements-reload.data": {"n": 0, "id": None}, "agreements-lang.data": "nl"}
    assert (
        callback(
            alice, "agreements-table-wrap", {**show, "agreements-network.value": "EEM"}
        ).status_code
        == 403
    )
    assert (
        callback(
            bob, "agreements-table-wrap", {**show, "agreements-network.value": "UTS"}
        ).status_code
        == 403
    )
    own = callback(bob, "agreements-table-wrap", {**show, "agreements-network.value": "EEM"})
    assert own.status_code == 200
    text = own.get_data(True)
    assert "Ziekenhuis Meander, VPTZ Eemland" in text
    assert "U kunt de afspraken van dit netwerk lezen" in text
    assert "agreement-edit" not in text  # no edit buttons for a reader

    # the download: one's own network's register, never another's
    download = _download(bob, "agreements", {"network": "EEM", "lang": "nl"})
    assert download.status_code == 200
    content = json.loads(download.get_data(True))["response"]["download"]["data"]["content"]
    # Dutch CSV for Dutch Excel: ";" between cells (a cell holding ";" is quoted), a BOM first
    assert content.startswith("\ufeff")
    assert content.splitlines()[1].startswith(
        'EEM;scholing;"Ziekenhuis Meander; VPTZ Eemland";Gezamenlijke scholing palliatieve zorg;'
        "01-02-2026;01-02-2027;False;"
    )
    assert _download(bob, "agreements", {"network": "UTS"}).status_code == 403

    # alice removes her own agreement
    removed = post(
        alice,
        "agreements-feedback",
        {
            "agreements-delete.submit_n_clicks": 1,
            "agreements-network.value": "UTS",
            "agreements-editing.data": uts_id,
            "agreements-lang.data": "nl",
        },
        "agreements-delete.submit_n_clicks",
    )
    assert removed.status_code == 200 and "Afspraak verwijderd." in removed.get_data(True)
    assert _stored(seeded) == [("EEM", "Gezamenlijke scholing palliatieve zorg")]
