"""Rapportage page: the button builds the PDF in the background with progress polled through
the real Dash endpoint, then the PDF and the XLSX annex download."""

from __future__ import annotations

import base64
import io
import json
import os
import time

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from dashboard.app import create_app
from metrics.store import recompute
from samenwerkingsmonitor.demo import load_demo
from tests.test_dashboard_suppression import post


def _client(app, ctx, name: str):
    try:  # with accounts (dashboard/auth.py), the page is for beheerder and rapporteur
        from tests.login import logged_in_client

        return logged_in_client(app, ctx, name)
    except ImportError:
        return app.server.test_client()


def _data(text: str, output: str) -> dict:
    response = json.loads(text)["response"]
    return response[output]


def test_build_with_progress_and_download(sqlite_url, tmp_path):
    from tests.conftest import make_context

    ctx = make_context(sqlite_url, tmp_path)
    list(load_demo(ctx.engine, ctx.framework, ctx.consortium_id))
    recompute(ctx.engine, ctx.framework, ctx.consortium_id, everything=True)
    app = create_app(ctx)
    client = _client(app, ctx, "rapporteur")
    page = client.get("/rapportage?lang=nl")
    assert page.status_code == 200
    # a build of two days ago left its files: starting a build removes them
    folder = tmp_path / "data" / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    old = [folder / f"{'0' * 32}{suffix}" for suffix in (".pdf", ".json", ".log")]
    for path in old:
        path.write_text("old", encoding="utf-8")
        os.utime(path, (time.time() - 2 * 86400,) * 2)

    started = post(
        client,
        "report-job",
        {"report-build.n_clicks": 1, "report-year.value": 2026, "report-lang.data": "nl"},
    )
    job = _data(started, "report-job")["data"]
    seen, deadline, state = [], time.monotonic() + 90, None
    while time.monotonic() < deadline:
        polled = post(
            client,
            "report-progress",
            {
                "report-poll.n_intervals": len(seen) + 1,
                "report-job.data": job,
                "report-lang.data": "nl",
            },
        )
        state = json.loads(polled)["response"]
        seen.append(state["report-progress"]["value"])
        if state["report-ready"]["style"]["display"] == "block":
            break
        time.sleep(0.3)
    assert seen[-1] == 100 and state["report-poll"]["disabled"] is True
    assert "Klaar" in json.dumps(state["report-message"])
    assert len(seen) > 1 and seen == sorted(seen)  # progress only goes forward
    # the build ran as a background process of its own, not in this (web) process
    (written,) = [p for p in folder.glob("*.json")]
    assert json.loads(written.read_text())["pid"] != os.getpid()
    assert not any(path.exists() for path in old)

    pdf = _data(
        post(
            client, "report-download", {"report-download-pdf.n_clicks": 1, "report-job.data": job}
        ),
        "report-download",
    )["data"]
    assert pdf["filename"] == "nppz-rapportage-2026.pdf"
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["content"])))
    assert "Jaarrapportage NPPZ 2026" in reader.pages[0].extract_text()

    annex = _data(
        post(
            client, "report-download-annex", {"report-annex.n_clicks": 1, "report-year.value": 2026}
        ),
        "report-download-annex",
    )["data"]
    assert annex["filename"] == "nppz-bijlage-2026.xlsx"
    sheet = load_workbook(io.BytesIO(base64.b64decode(annex["content"]))).active
    assert sheet.title == "measures" and sheet.max_row > 100
    ctx.engine.dispose()


def test_a_made_up_job_id_reads_nothing(sqlite_url, tmp_path):
    from dashboard.pages.report import read_state
    from tests.conftest import make_context

    ctx = make_context(sqlite_url, tmp_path)
    app = create_app(ctx)
    with app.server.app_context():
        assert read_state("../../etc/passwd") is None and read_state(None) is None
    ctx.engine.dispose()


def test_a_steering_group_member_may_not_build_reports(sqlite_url, tmp_path):
    import pytest

    pytest.importorskip("tests.login")
    from tests.conftest import make_context

    ctx = make_context(sqlite_url, tmp_path)
    _ = ctx.consortium_id
    client = _client(create_app(ctx), ctx, "bob")
    payload = {
        "output": "report-download-annex.data",
        "outputs": {"id": "report-download-annex", "property": "data"},
        "inputs": [{"id": "report-annex", "property": "n_clicks", "value": 1}],
        "state": [{"id": "report-year", "property": "value", "value": 2026}],
        "changedPropIds": ["report-annex.n_clicks"],
    }
    assert client.post("/_dash-update-component", json=payload).status_code == 403
    ctx.engine.dispose()


def test_the_foreword_is_stored_per_consortium(sqlite_url, tmp_path):
    from db import models as m
    from reports.foreword import load_foreword
    from tests.conftest import make_context

    ctx = make_context(sqlite_url, tmp_path)
    _ = ctx.consortium_id
    client = _client(create_app(ctx), ctx, "rapporteur")
    assert client.get("/rapportage?lang=nl").status_code == 200
    text = "Een jaar van <b>samen</b> & verder"
    answer = post(
        client,
        "report-foreword-message",
        {
            "report-foreword-save.n_clicks": 1,
            "report-foreword.value": text,
            "report-lang.data": "nl",
        },
    )
    assert "Voorwoord bewaard" in answer
    assert load_foreword(ctx.engine, ctx.consortium_id) == text
    page = client.get("/rapportage?lang=nl")
    assert page.status_code == 200
    with ctx.engine.connect() as c:
        events = c.execute(
            select(m.AuditEvent.entity, m.AuditEvent.after).where(
                m.AuditEvent.entity == "report_foreword"
            )
        ).all()
    assert events == [("report_foreword", {"text": text})]
    removed = post(
        client,
        "report-foreword-message",
        {
            "report-foreword-save.n_clicks": 2,
            "report-foreword.value": " ",
            "report-lang.data": "nl",
        },
    )
    assert "Voorwoord verwijderd" in removed and load_foreword(ctx.engine, ctx.consortium_id) == ""
    ctx.engine.dispose()
