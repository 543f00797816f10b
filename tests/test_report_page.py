"""Rapportage page: the button builds the PDF in the background with progress polled through
the real Dash endpoint, then the PDF and the XLSX annex download."""

from __future__ import annotations

import base64
import io
import json
import os
import time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from dashboard.app import create_app
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


@pytest.mark.demo_data(recomputed=True)
def test_build_with_progress_and_download(sqlite_url, tmp_path):
    from tests.conftest import make_context

    ctx = make_context(sqlite_url, tmp_path)
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


def _poll_until_done(client, job: str) -> dict:
    deadline, n, state = time.monotonic() + 90, 0, {}
    while time.monotonic() < deadline:
        n += 1
        values = {"report-poll.n_intervals": n, "report-job.data": job, "report-lang.data": "nl"}
        state = json.loads(post(client, "report-progress", values))["response"]
        if state["report-poll"]["disabled"] is True:
            return state
        time.sleep(0.3)
    raise AssertionError(f"the build did not finish: {state}")


def test_the_report_is_built_and_downloaded_as_docx(sqlite_url, tmp_path):
    from docx import Document

    from tests.conftest import make_context

    ctx = make_context(sqlite_url, tmp_path)
    client = _client(create_app(ctx), ctx, "rapporteur")
    assert client.get("/rapportage?lang=nl").status_code == 200
    values = {
        "report-build.n_clicks": 1,
        "report-year.value": 2026,
        "report-lang.data": "nl",
        "report-format.value": "docx",
    }
    job = _data(post(client, "report-job", values), "report-job")["data"]
    state = _poll_until_done(client, job)
    assert state["report-ready"]["style"]["display"] == "block", state
    assert "Word-bestand" in json.dumps(state["report-message"])
    download = {"report-download-pdf.n_clicks": 1, "report-job.data": job}
    sent = _data(post(client, "report-download", download), "report-download")["data"]
    assert sent["filename"] == "nppz-rapportage-2026.docx"
    document = Document(io.BytesIO(base64.b64decode(sent["content"])))
    assert document.paragraphs[0].text == "Jaarrapportage NPPZ 2026"
    assert not (tmp_path / "data" / "reports" / f"{job}.pdf").exists()
    ctx.engine.dispose()


def test_reflections_are_kept_per_network_with_their_versions(sqlite_url, tmp_path):
    from reports.report_texts import reflections, versions
    from tests.conftest import make_context

    ctx = make_context(sqlite_url, tmp_path)
    _ = ctx.consortium_id
    app = create_app(ctx)
    client = _client(app, ctx, "rapporteur")
    assert client.get("/rapportage?lang=nl").status_code == 200

    def save(network: str, text: str, clicks: int) -> str:
        values = {
            "report-reflection-save.n_clicks": clicks,
            "report-reflection-network.value": network,
            "report-reflection.value": text,
            "report-lang.data": "nl",
        }
        answer = json.loads(post(client, "report-reflection-message", values))
        return json.dumps(answer["response"], ensure_ascii=False)  # "<" as typed

    assert "Reflectie bewaard (versie 1)" in save("UTS", "Een goed <b>jaar</b>", 1)
    second = save("UTS", "Een sterk jaar", 2)
    assert "Reflectie bewaard (versie 2)" in second
    assert "Versie 1, " in second and "Rapporteur" in second and "Een goed <b>jaar</b>" in second
    assert "Niets veranderd" in save("UTS", "Een sterk jaar ", 3)
    assert "Reflectie bewaard (versie 1)" in save("EEM", "Eemland groeide", 4)
    assert reflections(ctx.engine, ctx.consortium_id) == {
        "UTS": "Een sterk jaar",
        "EEM": "Eemland groeide",
    }
    assert [v.saved_by for v in versions(ctx.engine, ctx.consortium_id, "UTS")] == [
        "Rapporteur"
    ] * 2
    # choosing a network shows its reflection in force and its versions
    shown = post(
        client,
        "report-reflection.value",
        {"report-reflection-network.value": "UTS", "report-lang.data": "nl"},
    )
    assert "Een sterk jaar" in shown and "Eerdere versies" in shown
    # the page opens with the first network's reflection in force and its versions
    from dashboard.pages import report as report_page

    first = ctx.framework.networks[0].code
    with app.server.app_context():
        layout = str(report_page.layout(lang="nl"))
    assert "Reflectie per netwerk" in layout and "Word (DOCX" in layout
    assert reflections(ctx.engine, ctx.consortium_id)[first] in layout
    ctx.engine.dispose()


def test_only_the_beheerder_and_rapporteur_write_the_reports_texts(sqlite_url, tmp_path):
    from accounts.users import Account
    from dashboard.access import may_write_report_text
    from reports.report_texts import versions
    from tests.conftest import make_context

    ctx = make_context(sqlite_url, tmp_path)
    _ = ctx.consortium_id
    for name in ("alice", "bob"):  # a coordinator of UTS, a steering-group member of EEM
        client = _client(create_app(ctx), ctx, name)
        payload = {
            "output": "..report-reflection-message.children...report-reflection-history.children..",
            "outputs": [
                {"id": "report-reflection-message", "property": "children"},
                {"id": "report-reflection-history", "property": "children"},
            ],
            "inputs": [{"id": "report-reflection-save", "property": "n_clicks", "value": 1}],
            "state": [
                {"id": "report-reflection-network", "property": "value", "value": "UTS"},
                {"id": "report-reflection", "property": "value", "value": "Mijn reflectie"},
                {"id": "report-lang", "property": "data", "value": "nl"},
            ],
            "changedPropIds": ["report-reflection-save.n_clicks"],
        }
        assert client.post("/_dash-update-component", json=payload).status_code == 403, name
    assert versions(ctx.engine, ctx.consortium_id, "UTS") == []

    def account(role: str, networks=()) -> Account:
        return Account(1, "x@example.org", "X", role, True, tuple(networks))

    assert may_write_report_text("UTS", account("rapporteur"))
    assert may_write_report_text(None, account("beheerder"))
    assert not may_write_report_text("UTS", account("coordinator", ["UTS"]))
    assert not may_write_report_text(None, account("stuurgroep", ["EEM"]))
    ctx.engine.dispose()


def test_the_digest_preview_shows_the_mail_without_sending_it(sqlite_url, tmp_path):
    from reports.digest import state_path
    from tests.conftest import make_context
    from tests.test_digest import _prepare

    ctx = make_context(sqlite_url, tmp_path)
    _ = ctx.consortium_id  # stores the framework: its networks
    _prepare(ctx)
    client = _client(create_app(ctx), ctx, "rapporteur")
    values = {
        "report-digest-show.n_clicks": 1,
        "report-digest-network.value": "UTS",
        "report-lang.data": "nl",
    }
    shown = json.dumps(
        json.loads(post(client, "report-digest-preview", values))["response"], ensure_ascii=False
    )
    assert "Utrecht stad" in shown
    assert "Vraagt aandacht" in shown and "Zorgpad vastgelopen is vastgelopen" in shown
    assert '"sandbox": ""' in shown  # the HTML part runs no script
    assert "Eemlands zorgpad" not in shown
    assert not state_path(ctx).exists()  # a preview records nothing
    ctx.engine.dispose()
