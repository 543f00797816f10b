"""Demo data: deterministic, idempotent, shaped like the real thing."""

from __future__ import annotations

from sqlalchemy import func, select

from db import models as m
from demo.load import demo_responses, load_demo


def test_demo_is_deterministic(ctx):
    first, second = demo_responses(ctx.framework), demo_responses(ctx.framework)
    assert first.responses.equals(second.responses)
    assert first.answers.equals(second.answers)


def test_demo_shape(ctx):
    batch = demo_responses(ctx.framework)
    responses = batch.responses
    assert set(responses["network"]) == {n.code for n in ctx.framework.networks}
    assert set(responses["wave"]) == {"2024", "2025", "2026"}
    cells = responses.groupby(["network", "wave", "group"]).size()
    threshold = ctx.framework.settings.suppression_threshold
    assert (cells < threshold).any() and (cells >= threshold).any()  # some cells get suppressed
    assert batch.answers["value"].isna().any()  # 'niet van toepassing' answers
    per_response = batch.answers.groupby("external_id").size()
    assert (per_response < len(ctx.framework.items_frame())).any()  # items left empty


def test_demo_twice_changes_nothing(ctx):
    def counts():
        with ctx.engine.connect() as c:
            return [
                c.scalar(select(func.count()).select_from(t))
                for t in (
                    m.Response,
                    m.Answer,
                    m.Project,
                    m.StatusUpdate,
                    m.Goal,
                    m.GoalValue,
                    m.ProjectNetwork,
                )
            ]

    list(load_demo(ctx.engine, ctx.framework, ctx.consortium_id))
    after_first = counts()
    lines = list(load_demo(ctx.engine, ctx.framework, ctx.consortium_id))
    assert counts() == after_first
    assert "0 new, 0 updated" in lines[0]
    assert lines[1] == "projects and goals: 0 new rows"
    responses, _, projects, updates, goals, values, _ = after_first
    assert responses > 500 and projects == 15 and updates > 1000 and goals == 4 and values > 5


def test_demo_projects_follow_the_seeds_matrix(ctx):
    """Every project of the multi-year plan's matrix (seed 003) with the actielijn of its row:
    the RTA with TRIJN is digital support (L4), the transition consultation sits in L1 and L5,
    and the education and training review with the consultation team is there."""
    list(load_demo(ctx.engine, ctx.framework, ctx.consortium_id))
    p, e = m.Project, m.FrameworkElement
    with ctx.engine.connect() as c:
        rows = c.execute(
            select(p.code, e.code)
            .join(m.ProjectTag, m.ProjectTag.project_id == p.id)
            .join(e, e.id == m.ProjectTag.element_id)
            .where(e.kind == "actielijn")
        ).all()
    lines: dict[str, set[str]] = {}
    for project, line in rows:
        lines.setdefault(project, set()).add(line)
    assert lines == {
        **dict.fromkeys(["PZP", "HOSPICE", "A027", "ZORGPAD", "COACH", "SOCIAAL"], {"L1"}),
        "TCA012": {"L1", "L5"},
        **dict.fromkeys(["PALLICARE", "ZELFEVAL", "WEETU"], {"L2"}),
        **dict.fromkeys(["PATZ", "ONDERWIJS", "SCHOLING"], {"L3"}),
        "RTA": {"L4"},
        "MONITOR": {"L6"},
    }
    with ctx.engine.connect() as c:
        a027 = c.scalars(
            select(m.Network.code)
            .join(m.ProjectNetwork, m.ProjectNetwork.network_id == m.Network.id)
            .join(p, p.id == m.ProjectNetwork.project_id)
            .where(p.code == "A027")
            .order_by(m.Network.code)
        ).all()
    assert a027 == ["UTS", "ZOU"]  # the seed: the A027 pilots run there only


def test_demo_for_a_second_consortium(database_url, tmp_path):
    from tests.conftest import REPO, make_context

    other = make_context(
        database_url, tmp_path, REPO / "config/framework/example-second-consortium.yaml"
    )
    lines = list(load_demo(other.engine, other.framework, other.consortium_id))
    assert "new" in lines[0]
    with other.engine.connect() as c:
        networks = set(
            c.scalars(
                select(m.Network.code).join(m.Response, m.Response.network_id == m.Network.id)
            )
        )
    assert networks == {n.code for n in other.framework.networks}
    other.engine.dispose()
