"""Rights by value, generated from the running app (design.md, "Tests from the running app").

Every server-side callback listed by `/_dash-dependencies` is replayed as each role that reads
only its own network, with another network's code in every input and state slot: under the
slot's real id and under a renamed id, as a plain code, a list, a comma-separated list, a query
string and a query store. Each must be refused with 403 and carry nothing of that network (a
planted steering-group note per network is the sentinel). Malformed bodies must get 400, and no
callback or route may answer 500. A callback or route added later is covered without editing
this file.
"""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest

from dashboard import queries
from dashboard.app import create_app
from tests.login import logged_in_client

RESTRICTED = {"alice": "UTS", "bob": "EEM"}  # coordinator of UTS, steering group of EEM


def sentinel(code: str) -> str:
    return f"GEHEIM-NOTITIE-{code}"


# Every test starts on its own copy of the demo database, recomputed.
pytestmark = pytest.mark.demo_data(recomputed=True)


@pytest.fixture
def app(ctx):
    for network in ctx.framework.networks:
        queries.add_timeline_note(
            ctx.engine, ctx.consortium_id, network.code, date(2025, 3, 1), sentinel(network.code)
        )
    return create_app(ctx)


def server_callbacks(client) -> list[dict]:
    deps = client.get("/_dash-dependencies").json
    return [d for d in deps if not d.get("clientside_function")]


def _ident(text: str):
    return json.loads(text) if text.startswith("{") else text


def _concrete(ident):
    """A pattern id with its wildcards (["ALL"], ["MATCH"]) filled in as the renderer would."""
    if isinstance(ident, dict):
        return {k: ("x" if isinstance(v, list) else v) for k, v in ident.items()}
    return ident


def _slot(item: dict, value, rename: bool) -> dict | list:
    ident = _ident(item["id"])
    pattern = isinstance(ident, dict) and any(isinstance(v, list) for v in ident.values())
    concrete = {"renamed": "x"} if rename else _concrete(ident)
    entry = {"id": concrete, "property": item["property"], "value": value}
    wildcard = pattern and any(v == ["ALL"] or v == ["ALLSMALLER"] for v in ident.values())
    return [entry] if wildcard else entry


def body(dep: dict, values: dict[int, object] | None = None, rename: int | None = None) -> dict:
    """A callback request for `dep` with `values` by slot position (others None)."""
    values = values or {}
    slots = [*dep["inputs"], *dep["state"]]
    filled = [_slot(item, values.get(i), rename == i) for i, item in enumerate(slots)]
    output = dep["output"]
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outputs = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        outputs.append({"id": _concrete(_ident(ident)), "property": prop})
    first = dep["inputs"][0]
    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": filled[: len(dep["inputs"])],
        "state": filled[len(dep["inputs"]) :],
        "changedPropIds": [f"{first['id']}.{first['property']}"],
    }


def disguises(code: str):
    """The shapes a network value takes in real callbacks, and in crafted ones."""
    return [code, [code], f"UTS,{code}", f"?network={code}&wave=2025", {"network": code}]


def post(client, payload):
    return client.post("/_dash-update-component", json=payload)


def test_every_callback_refuses_another_networks_code_in_every_slot(app, ctx):
    codes = [n.code for n in ctx.framework.networks]
    for name, mine in RESTRICTED.items():
        client = logged_in_client(app, ctx, name)
        deps = server_callbacks(client)
        assert len(deps) > 30, "the app's callbacks were not found"
        # Each slot gets another network (all of them in turn) in another disguise.
        others = itertools.cycle([c for c in codes if c != mine])
        shapes = itertools.cycle(range(5))
        checked = 0
        for dep in deps:
            for slot in range(len(dep["inputs"]) + len(dep["state"])):
                other = next(others)
                value = disguises(other)[next(shapes)]
                for rename in (None, slot):
                    answer = post(client, body(dep, {slot: value}, rename))
                    where = f"{name} {dep['output']} slot {slot} = {value!r} renamed={rename}"
                    assert answer.status_code == 403, where
                    text = answer.get_data(as_text=True)
                    assert not any(sentinel(c) in text for c in codes if c != mine), where
                    checked += 1
        assert checked > 100


def test_own_network_answers_and_carries_only_its_own_notes(app, ctx):
    """The positive control: the sentinel is found where it belongs, so its absence means something."""
    codes = [n.code for n in ctx.framework.networks]
    for name, mine in RESTRICTED.items():
        client = logged_in_client(app, ctx, name)
        dep = next(d for d in server_callbacks(client) if "network-trend.figure" in d["output"])
        slots = [f"{i['id']}.{i['property']}" for i in [*dep["inputs"], *dep["state"]]]
        wanted = {
            "network-network.value": mine,
            "network-subject.value": "index",
            "network-wave.value": "2025",
            "network-measure.value": "index",
        }
        values = {slots.index(k): v for k, v in wanted.items()}
        answer = post(client, body(dep, values))
        assert answer.status_code == 200
        text = answer.get_data(as_text=True)
        assert sentinel(mine) in text
        assert not any(sentinel(c) in text for c in codes if c != mine)


def test_no_callback_answers_500_with_empty_values(app, ctx):
    for name in ("admin", *RESTRICTED):
        client = logged_in_client(app, ctx, name)
        for dep in server_callbacks(client):
            answer = post(client, body(dep))
            assert answer.status_code in (200, 204, 403), (name, dep["output"], answer.status_code)


def test_malformed_callback_bodies_get_400(app, ctx):
    client = logged_in_client(app, ctx, "alice")
    deps = server_callbacks(client)
    for dep in deps:
        good = body(dep)
        malformed = [
            [],
            {**good, "inputs": "abc"},
            {**good, "output": "no-such-component.children"},
            {**good, "inputs": good["inputs"][:-1] or [{"id": "x", "property": "y"}] * 9},
            {**good, "state": [*good["state"], {"id": "x", "property": "value", "value": 1}]},
            {**good, "inputs": [{"id": 5, "property": "value"}]},
            {**good, "changedPropIds": "abc"},
        ]
        for payload in malformed:
            answer = post(client, payload)
            assert answer.status_code == 400, (dep["output"], payload, answer.status_code)
    good = json.dumps(body(deps[0]))
    deep_value = '{"id": "x", "property": "value", "value": ' + "[" * 1000 + "]" * 1000 + "}"
    for raw in (
        "[" * 100_000 + "]" * 100_000,  # deeper than the JSON parser's recursion limit
        good.replace('"inputs": [', '"inputs": [' + deep_value + ", ", 1),
        "{",
        "",
    ):
        answer = client.post("/_dash-update-component", data=raw, content_type="application/json")
        assert answer.status_code == 400, raw[:80]


def test_every_route_refuses_another_network_and_never_fails(app, ctx):
    codes = [n.code for n in ctx.framework.networks]
    alice = logged_in_client(app, ctx, "alice")
    anonymous = app.server.test_client()
    # The pages themselves, asked for another network, are refused outright.
    for path in ("/", "/netwerk", "/projecten", "/vergelijken"):
        assert alice.get(f"{path}?network=EEM").status_code == 403, path
        assert alice.get(f"{path}?networks=UTS,EEM").status_code == 403, path
    # Log-out ends alice's session: keep it for last so every other route sees her logged in.
    rules = sorted(app.server.url_map.iter_rules(), key=lambda rule: rule.rule == "/logout")
    assert len(rules) > 8, "the app's routes were not found"
    for rule in rules:
        # Every <converter:argument> filled with a value; the catch-all page route with a page.
        path = "".join("netwerk" if p.startswith("<") else p for p in _split(rule.rule))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for client in (anonymous, alice):
                answer = client.open(f"{path}?network=EEM", method=method)
                assert answer.status_code != 500, (method, path)
                data = answer.get_data()  # an icon or a script: bytes
                assert not any(sentinel(c).encode() in data for c in codes if c != "UTS"), path


def _split(path: str) -> list[str]:
    """A rule split into literal text and <converter:argument> parts."""
    parts, rest = [], path
    while "<" in rest:
        before, _, after = rest.partition("<")
        inside, _, rest = after.partition(">")
        parts += [before, f"<{inside}>"]
    return [*parts, rest]
