"""The goals register (issue 14): result goals under an ambition and SMART goals consortium-wide
or per network — who sees them, when one is missed, and how they are checked and stored."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select

from dashboard.app import create_app
from dashboard.pages.projects import readable_goals
from db import models as m
from tests.login import as_user


def _goal(ctx, code: str, network: str | None, **values) -> int:
    with ctx.engine.begin() as conn:
        network_id = conn.scalar(select(m.Network.id).where(m.Network.code == network))
        row = {
            "consortium_id": ctx.consortium_id,
            "code": code,
            "name": f"Doel {code}",
            "network_id": network_id,
            "baseline_value": 10,
            "baseline_date": date(2024, 1, 1),
            "target_value": 20,
            "deadline": date(2027, 1, 1),
            **values,
        }
        return conn.execute(insert(m.Goal).values(**row).returning(m.Goal.id)).scalar_one()


def test_a_consortium_wide_goal_is_seen_by_everyone_who_reads_the_consortium(ctx):
    """Regression: readable_goals hid goals without a network from everyone (pandas 3 reads the
    missing network as NaN, and `not NaN` is False)."""
    _goal(ctx, "PATZ20", None)
    _goal(ctx, "OVERDRACHT", "UTS")
    _goal(ctx, "HOSPICE", "EEM")
    app = create_app(ctx)
    expected = {
        "admin": ["HOSPICE", "OVERDRACHT", "PATZ20"],
        "rapporteur": ["HOSPICE", "OVERDRACHT", "PATZ20"],
        "alice": ["OVERDRACHT", "PATZ20"],  # coordinator of UTS
        "bob": ["HOSPICE", "PATZ20"],  # steering group of EEM
    }
    for name, codes in expected.items():
        with as_user(app, ctx, name):
            assert sorted(readable_goals(ctx)["goal"]) == codes, name
