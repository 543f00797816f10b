"""What the collectors refuse in status updates and goal values, for the form and the push endpoint
alike: a project the network does not take part in (drafts too), and dates outside the plausible
window (limits.EARLIEST_DATE … a year ahead) — with messages naming the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, insert, select

from collectors import limits
from collectors.status import Lookups, validate_goal_value, validate_status
from dashboard import statusforms
from db import models as m
from tests.test_status_form import GOOD, _alice, _uts_project

IMPLAUSIBLE = ["9999-12-31", "1700-01-01", "1999-12-31"]


# Every test starts on its own copy of the demo database.
pytestmark = pytest.mark.demo_data


@pytest.fixture
def demo(ctx):
    """The context, on its copy of the demo database."""
    return ctx


def _not_in_uts(ctx) -> str:
    """A project of the consortium that UTS does not take part in (made when the demo has none)."""
    with ctx.engine.begin() as conn:
        uts = conn.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        taking_part = select(m.ProjectNetwork.project_id).where(m.ProjectNetwork.network_id == uts)
        code = conn.scalar(
            select(m.Project.code).where(m.Project.id.not_in(taking_part)).order_by(m.Project.code)
        )
        if code is None:
            conn.execute(
                insert(m.Project).values(consortium_id=ctx.consortium_id, code="ELDERS", name="X")
            )
            code = "ELDERS"
    return code


def _drafts(ctx) -> int:
    with ctx.engine.connect() as conn:
        return conn.scalar(
            select(func.count()).select_from(m.StatusUpdate).where(m.StatusUpdate.state == "draft")
        )


def test_no_draft_for_a_project_the_network_does_not_take_part_in(demo):
    alice, elsewhere = _alice(demo), _not_in_uts(demo)
    saved = statusforms.save_draft(demo, elsewhere, "UTS", GOOD, alice)
    assert saved.errors["network"] == "Dit netwerk doet niet mee aan dit project."
    assert _drafts(demo) == 0
    submitted = statusforms.submit(demo, elsewhere, "UTS", GOOD, alice)
    assert submitted.version is None and "network" in submitted.errors


def test_a_project_without_networks_takes_no_updates(demo):
    with demo.engine.begin() as conn:
        conn.execute(
            insert(m.Project).values(consortium_id=demo.consortium_id, code="LOOSE", name="Los")
        )
        lookups = Lookups.load(conn, demo.consortium_id)
    record = {"project": "LOOSE", "network": "UTS", "status": "op_koers"}
    _, errors = validate_status(record, lookups)
    assert errors == {"network": "network 'UTS' does not take part in project 'LOOSE'"}


@pytest.mark.parametrize("day", IMPLAUSIBLE)
def test_status_dates_outside_the_window(demo, day):
    project = _uts_project(demo)
    with demo.engine.connect() as conn:
        lookups = Lookups.load(conn, demo.consortium_id)
    record = {"project": project, "network": "UTS", "status": "op_koers", "submitted_at": day}
    _, errors = validate_status(record, lookups)
    assert set(errors) == {"submitted_at"} and "outside 2000-01-01" in errors["submitted_at"]
    ok = {**record, "submitted_at": date.today().isoformat()}
    assert validate_status(ok, lookups)[1] == {}


@pytest.mark.parametrize("day", ["31-12-9999", "01-01-1700"])
def test_milestone_dates_outside_the_window(demo, day):
    alice, project = _alice(demo), _uts_project(demo)
    result = statusforms.submit(demo, project, "UTS", {**GOOD, "planned": f"{day} Iets"}, alice)
    assert result.version is None
    assert result.errors["planned"].startswith("Regel 1: de datum ligt niet tussen 01-01-2000")


def test_goal_value_dates_outside_the_window(demo):
    alice = _alice(demo)
    with demo.engine.begin() as conn:
        uts = conn.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        conn.execute(
            insert(m.Goal).values(
                consortium_id=demo.consortium_id,
                network_id=uts,
                code="WINDOW",
                name="Venster",
                baseline_value=1,
                baseline_date=date(2024, 1, 1),
                target_value=2,
                deadline=date(2028, 12, 31),
            )
        )
        lookups = Lookups.load(conn, demo.consortium_id)
    for day in IMPLAUSIBLE:
        values, errors = validate_goal_value(
            {"goal": "WINDOW", "measured_at": day, "value": "3"}, lookups
        )
        assert set(errors) == {"measured_at"} and "outside" in errors["measured_at"]
        form = {"goal": "WINDOW", "measured_at": day, "value": "3"}
        errors = statusforms.enter_goal_value(demo, "UTS", form, alice)
        assert errors["measured_at"].startswith("De datum ligt niet tussen 01-01-2000")
    ahead = (date.today() + timedelta(days=30)).isoformat()
    assert (
        validate_goal_value({"goal": "WINDOW", "measured_at": ahead, "value": "3"}, lookups)[1]
        == {}
    )  # the collector takes a planned value up to a year ahead; the form wants the past
    assert limits.latest_date(date(2026, 1, 1)) == date(2027, 1, 2)
