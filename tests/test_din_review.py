"""The DIN's half-yearly review: the beheerder records a date, a decision per project and a note
(checked, audited); Projecten shows the latest review to every reader, with the decisions on the
projects they may read; the NPPZ report has a short section on it. Only the beheerder records."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
import plotly.utils
import pytest
from sqlalchemy import select

from collectors import din_reviews
from collectors import projects as register
from collectors.register_rows import RegisterInvalid
from dashboard.app import create_app
from dashboard.pages import projects as projects_page
from db import models as m
from reports import din_records
from reports.content import ReportContent, attach_records
from reports.sections.din import din_review_section
from samenwerkingsmonitor import clock
from tests.login import as_user, logged_in_client
from tests.test_agreements import post

SAVE = "din-review-save.n_clicks"


def _projects(ctx) -> None:
    register.save_project(
        ctx.engine,
        ctx.consortium_id,
        {"code": "PZP", "name": "Proactieve zorgplanning", "networks": "UTS"},
    )
    register.save_project(
        ctx.engine, ctx.consortium_id, {"code": "HOSPICE", "name": "Hospicezorg", "networks": "EEM"}
    )


def _form(**values) -> dict:
    return {
        SAVE: 1,
        "projectregister-lang.data": "nl",
        **{f"din-review-{k}.value": v for k, v in values.items()},
    }


def _text(component) -> str:
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def test_a_review_is_checked_stored_and_audited(ctx):
    _projects(ctx)
    values = {
        "reviewed_on": "15-06-2026",
        "continue": ["PZP"],
        "stop": ["HOSPICE"],
        "note": "Hospicezorg gaat op in het regionale programma.",
    }
    first = din_reviews.record_review(ctx.engine, ctx.consortium_id, values)
    later = {"reviewed_on": "2026-11-20", "adjust": ["PZP"], "note": ""}
    din_reviews.record_review(ctx.engine, ctx.consortium_id, later)
    latest = din_records.latest_review(ctx.engine, ctx.consortium_id)
    assert latest.reviewed_on == date(2026, 11, 20)
    assert latest.decisions == {"PZP": ("adjust", "Proactieve zorgplanning")}
    # up to a date before the later review, the first one is the latest
    before = din_records.latest_review(ctx.engine, ctx.consortium_id, until=date(2026, 7, 1))
    assert before.id == first and before.projects("stop") == ["HOSPICE"]
    assert before.note == "Hospicezorg gaat op in het regionale programma."

    tomorrow = (clock.today() + timedelta(days=1)).strftime("%d-%m-%Y")
    for bad, field in (
        ({"reviewed_on": "", "continue": ["PZP"]}, "reviewed_on"),
        ({"reviewed_on": tomorrow, "continue": ["PZP"]}, "reviewed_on"),
        ({"reviewed_on": "01-06-2026", "continue": ["NOPE"]}, "continue"),
        ({"reviewed_on": "01-06-2026", "continue": ["PZP"], "stop": ["PZP"]}, "stop"),
        ({"reviewed_on": "01-06-2026"}, "note"),
    ):
        with pytest.raises(RegisterInvalid) as refused:
            din_reviews.record_review(ctx.engine, ctx.consortium_id, bad)
        assert [p.field for p in refused.value.problems] == [field]
    assert len(din_records.reviews(ctx.engine, ctx.consortium_id)) == 2
    with ctx.engine.connect() as conn:
        trail = conn.execute(
            select(m.AuditEvent.action, m.AuditEvent.after).where(
                m.AuditEvent.entity == "din_review"
            )
        ).all()
    assert [a for a, _ in trail] == ["create", "create"]
    assert trail[0][1]["stop"] == ["HOSPICE"] and trail[0][1]["reviewed_on"] == "2026-06-15"


def test_only_the_administrator_records_and_readers_see_their_projects(ctx):
    _projects(ctx)
    app = create_app(ctx)
    form = _form(
        reviewed_on="01-06-2026", **{"continue": ["PZP"]}, adjust=["HOSPICE"], note="Bijgestuurd."
    )
    for name in ("alice", "bob", "rapporteur"):
        client = logged_in_client(app, ctx, name)
        assert post(client, "din-review-feedback", form, SAVE).status_code == 403
    assert din_records.latest_review(ctx.engine, ctx.consortium_id) is None

    admin = logged_in_client(app, ctx, "admin")
    refused = post(admin, "din-review-feedback", _form(reviewed_on="31-02-2026"), SAVE)
    assert "Geen geldige datum" in refused.get_data(True)
    saved = post(admin, "din-review-feedback", form, SAVE)
    assert "DIN-review opgeslagen." in saved.get_data(True)

    with as_user(app, ctx, "alice"):  # coordinator of UTS: PZP, not EEM's HOSPICE
        shown = _text(projects_page.layout())
    assert "Laatste DIN-review: 01-06-2026" in shown and "Bijgestuurd." in shown
    assert "Doorgaan: PZP" in shown and "HOSPICE" not in shown
    with as_user(app, ctx, "admin"):
        shown = _text(projects_page.layout())
    assert "Doorgaan: PZP" in shown and "Bijstellen: HOSPICE" in shown
    # the form is in the administrator's Projectregister only
    from dashboard.pages import project_register

    with as_user(app, ctx, "admin"):
        assert "din-review-save" in _text(project_register.layout())
    with as_user(app, ctx, "bob"):
        assert "din-review-save" not in _text(project_register.layout())


def test_the_report_shows_the_latest_review_up_to_its_date(ctx):
    _projects(ctx)
    values = {"reviewed_on": "2026-06-15", "continue": ["PZP"], "stop": ["HOSPICE"], "note": "Zo."}
    din_reviews.record_review(ctx.engine, ctx.consortium_id, values)
    empty = pd.DataFrame()
    content = ReportContent(2026, "Septet", date(2026, 12, 31), empty, empty, empty)
    content.goals = pd.DataFrame(columns=["goal"])
    attach_records(content, ctx)
    text = " ".join(
        f.getPlainText() for f in din_review_section(content, "nl") if hasattr(f, "getPlainText")
    )
    assert "Herziening van het DIN" in text and "Op 15-06-2026 herzag het consortium" in text
    assert "Zo." in text
    table = [f for f in din_review_section(content, "nl") if type(f).__name__ == "Table"][0]
    cells = [[c.getPlainText() for c in row] for row in table._cellvalues[1:]]
    assert cells == [
        ["Hospicezorg (HOSPICE)", "stoppen"],
        ["Proactieve zorgplanning (PZP)", "doorgaan"],
    ]
    # a report of an earlier year has no review yet: no section
    content.reference_date = date(2025, 12, 31)
    attach_records(content, ctx)
    assert din_review_section(content, "nl") == []
