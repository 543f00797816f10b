"""No suppressed value leaves the server: not in a layout, a callback response or a download.

The demo's small respondent groups are suppressed where snapshots are written, so their figures
are empty in the database. To prove the dashboard would not show them even if they were there,
the fixture writes conspicuous sentinel figures into every suppressed snapshot row; then every
page's layout and every main callback is requested through the Flask test client with the very
payload the browser posts to /_dash-update-component, for every network and wave, and neither a
sentinel nor any number may appear where the "te weinig respondenten" marker belongs.
"""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import update

from dashboard.app import create_app, download, tables
from db import models as m
from metrics.store import load_snapshots
from tests.conftest import make_context
from tests.login import logged_in_client

SENTINELS = {
    "n": 4,
    "mean": 4.9173,
    "sd": 0.4321,
    "ci_low": 4.8111,
    "ci_high": 4.9999,
    "score_100": 97.9325,
    "pct_positive": 0.9919,
    "value": 0.9871,
}
# The sentinels as they would look if any page formatted them.
LEAKS = ["4.9173", "0.4321", "4.8111", "4.9999", "97.93", "97.9", "0.9919", "99%", "0.9871", "4.92"]
MARKERS = {"nl": "te weinig respondenten", "en": "too few respondents"}


@pytest.fixture(scope="module")
def planted(tmp_path_factory, templates):
    tmp = tmp_path_factory.mktemp("suppression")
    # The module's copy of the session's demo database, recomputed (tests/databases.py).
    context = make_context(templates.copy("sqlite", "recomputed", tmp), tmp)
    with context.engine.begin() as c:
        c.execute(update(m.MeasureSnapshot).where(m.MeasureSnapshot.suppressed).values(**SENTINELS))
    yield context
    context.engine.dispose()


@pytest.fixture(scope="module")
def client(planted):
    app = create_app(planted)
    test_client = logged_in_client(app, planted, "admin")
    return app, test_client


def _split_output(output: str) -> list[dict]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    result = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        result.append(
            {"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop}
        )
    return result


def post(test_client, first_output: str, values: dict) -> str:
    """Call the callback whose outputs start with `first_output` as the browser would: its
    inputs and states with the given values (id.prop → value; missing ones are None)."""
    deps = test_client.get("/_dash-dependencies").json
    dep = next(d for d in deps if d["output"].lstrip(".").startswith(first_output))

    def with_values(items):
        out = []
        for item in items:
            ident = json.loads(item["id"]) if item["id"].startswith("{") else item["id"]
            key = f"{item['id']}.{item['property']}"
            out.append({"id": ident, "property": item["property"], "value": values.get(key)})
        return out

    outputs = _split_output(dep["output"])
    payload = {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": with_values(dep["inputs"]),
        "state": with_values(dep["state"]),
        "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
    }
    response = test_client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.data[:500]
    return response.get_data(as_text=True)


def assert_no_leak(text: str, where: str) -> None:
    for leak in LEAKS:
        # a whole number, not a run of digits inside another full-precision float
        found = re.search(r"(?<![\d.])" + re.escape(leak) + r"(?!\d)", text)
        at = found.start() if found else -1
        assert at < 0, f"{where}: {leak!r} leaked in …{text[max(0, at - 200) : at + 40]}"


def test_sentinels_are_planted(planted):
    frame = load_snapshots(planted.engine, planted.consortium_id)
    assert frame.loc[frame["suppressed"], "mean"].dropna().eq(4.9173).any()


def test_no_suppressed_value_in_any_callback_response(client, planted):
    app, test_client = client
    fw = planted.framework
    frame = load_snapshots(planted.engine, planted.consortium_id)
    waves = sorted(frame["wave"].unique())
    networks = [n.code for n in fw.networks] + ["ALL"]
    checked_rows = 0
    for lang, walked in (("nl", networks), ("en", ["EEM"])):
        for wave in waves:
            for measure in ("theme", "vision_element"):
                text = post(
                    test_client,
                    "overview-body",
                    {
                        "overview-wave.value": wave,
                        "overview-measure.value": measure,
                        "page-lang.data": lang,
                    },
                )
                assert_no_leak(text, f"overview {wave} {measure}")
            text = post(
                test_client, "quality-rates", {"quality-wave.value": wave, "page-lang.data": lang}
            )
            assert_no_leak(text, f"quality {wave}")
        for network in walked:
            for wave in waves:
                for measure, subject in (("index", "index"), ("theme", "VERTR"), ("item", "VER1")):
                    values = {
                        "network-network.value": network,
                        "network-subject.value": subject,
                        "network-wave.value": wave,
                        "network-measure.value": measure,
                        "page-lang.data": lang,
                    }
                    text = post(test_client, "network-trend", values)
                    assert_no_leak(text, f"network {network} {wave} {subject}")
                    checked_rows += _assert_group_cells(
                        text, frame, network, wave, measure, subject, lang
                    )
                # the statements follow the page's filters (dashboard/pages/network.py)
                filters = {
                    "network-network.value": network,
                    "network-measure.value": "theme",
                    "network-subject.value": "VERTR",
                    "network-wave.value": wave,
                }
                for theme in ("VERTR", "REGIE"):
                    click = {"points": [{"customdata": theme}]}
                    text = post(
                        test_client,
                        "network-items",
                        {
                            "network-agreement.clickData": click,
                            **filters,
                            "page-lang.data": lang,
                        },
                    )
                    assert_no_leak(text, f"items {network} {wave} {theme}")
        for measure, subject in (("index", "index"), ("theme", "VERTR"), ("vision_element", "V6")):
            text = post(
                test_client,
                "compare-figure",
                {
                    "compare-networks.value": networks,
                    "compare-subject.value": subject,
                    "compare-measure.value": measure,
                    "page-lang.data": lang,
                },
            )
            assert_no_leak(text, f"compare {subject}")
            assert text.count(MARKERS[lang]) >= 0
    assert checked_rows > 20  # the demo has many suppressed group rows: they were really seen


def _assert_group_cells(text, frame, network, wave, measure, subject, lang) -> int:
    """Every suppressed group row of this view shows the marker in each figure cell, no digit."""
    rows = frame.loc[
        (frame["network"] == network)
        & (frame["wave"] == wave)
        & (frame["measure"] == measure)
        & (frame["subject"] == subject)
        & frame["suppressed"]
    ]
    response = json.loads(text)["response"]
    table = json.dumps(response["network-groups"]["children"])
    seen = 0
    for group in rows["group"]:
        match = re.search(r'"id": "group-' + re.escape(group) + r'"', table)
        assert match, f"group row {group} of {network} {wave} {subject} missing"
        row = _row_json(response["network-groups"]["children"], f"group-{group}")
        cells = row["props"]["children"][1:]
        for cell in cells:
            rendered = json.dumps(cell)
            assert MARKERS[lang] in rendered, rendered
            assert not re.search(r"\d", rendered), rendered
        seen += 1
    return seen


def _row_json(tree, row_id):
    if isinstance(tree, dict):
        if tree.get("props", {}).get("id") == row_id:
            return tree
        for value in tree.get("props", {}).values():
            found = _row_json(value, row_id)
            if found:
                return found
    if isinstance(tree, list):
        for value in tree:
            found = _row_json(value, row_id)
            if found:
                return found
    return None


def test_no_suppressed_value_in_any_layout(client, planted):
    _, test_client = client
    paths = ["/", "/netwerk", "/vergelijken", "/projecten", "/kwaliteit"]
    for network in [n.code for n in planted.framework.networks]:
        for path in paths:
            text = post(
                test_client,
                "_pages_content",
                {
                    "_pages_location.pathname": path,
                    "_pages_location.search": f"?network={network}&measure=theme&subject=VERTR",
                },
            )
            assert_no_leak(text, f"layout {path} {network}")


def test_no_suppressed_value_in_the_overview_layout(client, planted):
    """Overzicht's layout brings its first view (table, heatmap, road, changes): every wave and
    heatmap measure, as the callback is checked above."""
    _, test_client = client
    waves = sorted(load_snapshots(planted.engine, planted.consortium_id)["wave"].unique())
    for lang in ("nl", "en"):
        for wave in waves:
            for measure in ("theme", "vision_element", "ambition", "speerpunt"):
                text = post(
                    test_client,
                    "_pages_content",
                    {
                        "_pages_location.pathname": "/",
                        "_pages_location.search": f"?wave={wave}&measure={measure}&lang={lang}",
                    },
                )
                assert "overview-table" in text and '"type":"heatmap"' in text.replace(" ", "")
                assert_no_leak(text, f"overview layout {wave} {measure} {lang}")


def test_no_suppressed_value_in_any_download(planted):
    fw = planted.framework
    for name in tables():
        for network in [n.code for n in fw.networks]:
            for fmt in ("csv", "xlsx"):
                sent = download(
                    planted,
                    name,
                    fmt,
                    {"network": network, "measure": "theme", "subject": "VERTR", "wave": "2024"},
                )
                content = sent["content"]
                if sent.get("base64"):
                    import base64
                    import io

                    import openpyxl

                    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(content)))
                    content = "\n".join(
                        ",".join("" if v is None else str(v) for v in row)
                        for row in book.active.iter_rows(values_only=True)
                    )
                assert_no_leak(content, f"download {name} {network} {fmt}")


def test_group_download_shows_the_marker_for_suppressed_groups(planted):
    sent = download(
        planted,
        "network_groups",
        "csv",
        {"network": "EEM", "measure": "theme", "subject": "VERTR", "wave": "2024", "lang": "nl"},
    )
    lines = sent["content"].splitlines()
    assert lines[0].startswith("\ufeffRespondentgroep;")
    coordinators = next(line for line in lines if line.startswith("Netwerkcoördinator"))
    assert coordinators.count("te weinig respondenten") == 4
    assert not re.search(r"\d", coordinators)
