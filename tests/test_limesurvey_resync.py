"""Edits behind the cursor are never lost: a survey administrator corrects an answer, fixes a
rejected response or a respondent completes a response long after the cursor passed it; a
response is deleted in LimeSurvey. Against the loopback server, on SQLite and PostgreSQL."""

from __future__ import annotations

import citric
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from collectors.collect import collect_limesurvey, cursor_of
from db import models as m
from samenwerkingsmonitor.sources import load_sources
from tests.conftest import SEPTET
from tests.fixtures.exports import ls_record, sources_file, use_sources_file
from tests.fixtures.limesurvey_server import SURVEY, FakeLimeSurvey, serve_api_source

BAD = ["AO09", "AO05", "NVT", "AO03", "", "AO01"]  # THEMA01[SQ001] 'AO09' is no answer code


@pytest.fixture
def limesurvey(monkeypatch):
    state = FakeLimeSurvey()
    with serve_api_source(state, monkeypatch) as url:
        state.url = url
        yield state


@pytest.fixture
def api(ctx, tmp_path, monkeypatch):
    return use_sources_file(tmp_path, monkeypatch, ctx.framework).get("api")


def admin(state: FakeLimeSurvey, method: str, *params):
    """A survey administrator's call over RemoteControl (their own session)."""
    with citric.Client(state.url + "index.php/admin/remotecontrol", "monitor", "geheim") as c:
        return getattr(c.session, method)(SURVEY, *params)


def answers_of(ctx, external_id: str) -> dict[str, int | None]:
    with ctx.engine.connect() as c:
        return dict(
            c.execute(
                select(m.Item.code, m.Answer.value)
                .join(m.Answer, m.Answer.item_id == m.Item.id)
                .join(m.Response, m.Response.id == m.Answer.response_id)
                .where(m.Response.source == "api", m.Response.external_id == external_id)
            ).all()
        )


def external_ids(ctx) -> list[str]:
    with ctx.engine.connect() as c:
        ids = c.scalars(select(m.Response.external_id).where(m.Response.source == "api"))
        return sorted(ids, key=int)


def reject_count(ctx) -> int:
    with ctx.engine.connect() as c:
        return c.scalar(select(func.count()).select_from(m.RejectedRow))


def test_an_edit_behind_the_cursor_arrives_with_the_next_collection(ctx, api, limesurvey):
    limesurvey.responses = [ls_record(i) for i in range(1, 5)]
    first = collect_limesurvey(ctx, api)
    assert first.rows_new == 4 and cursor_of(ctx, "api") == 4
    assert answers_of(ctx, "2")["VIS1"] == 4

    # The administrator corrects an answer of response 2; update_response leaves the
    # datestamp alone, so only the content shows the change.
    assert admin(limesurvey, "update_response", {"id": 2, "THEMA01[SQ001]": "AO01"}) is True
    limesurvey.responses.append(ls_record(5))
    second = collect_limesurvey(ctx, api)
    assert (second.rows_new, second.rows_updated) == (1, 1)
    assert answers_of(ctx, "2")["VIS1"] == 1
    assert cursor_of(ctx, "api") == 5

    third = collect_limesurvey(ctx, api)
    assert not third.changed and (third.rows_new, third.rows_updated) == (0, 0)


def test_a_rejected_response_fixed_later_arrives_and_is_not_rejected_twice(ctx, api, limesurvey):
    limesurvey.responses = [ls_record(1), ls_record(2, answers=BAD), ls_record(3)]
    first = collect_limesurvey(ctx, api)
    assert (first.rows_new, first.rows_rejected) == (2, 1) and cursor_of(ctx, "api") == 3

    again = collect_limesurvey(ctx, api)  # nothing changed: the reject is not repeated
    assert (again.rows_rejected, reject_count(ctx)) == (0, 1)

    admin(limesurvey, "update_response", {"id": 2, "THEMA01[SQ001]": "AO02"})
    fixed = collect_limesurvey(ctx, api)
    assert (fixed.rows_new, fixed.rows_rejected) == (1, 0)
    assert external_ids(ctx) == ["1", "2", "3"] and answers_of(ctx, "2")["VIS1"] == 2


def test_a_late_completion_outside_the_window_arrives_with_the_full_sync(ctx, api, limesurvey):
    api = api.model_copy(update={"reread_recent": 3})
    limesurvey.responses = [ls_record(i) for i in range(1, 9)]
    abandoned = limesurvey.response(2)
    abandoned.update(submitdate="", lastpage=1, datestamp="2020-01-06 10:00:00")
    first = collect_limesurvey(ctx, api)
    assert (first.rows_new, first.rows_skipped) == (7, 1)
    assert cursor_of(ctx, "api") == 8  # past its grace: response 2 no longer holds the cursor

    limesurvey.complete(2, "2031-11-01 10:00:00")
    regular = collect_limesurvey(ctx, api)  # reads 6…8 again: response 2 is out of reach
    assert "2" not in external_ids(ctx) and not regular.changed

    full = collect_limesurvey(ctx, api, full=True)
    assert (full.rows_new, full.rows_updated, full.rows_rejected) == (1, 0, 0)
    assert "2" in external_ids(ctx)
    exports = [p for name, p in limesurvey.calls if name == "export_responses"]
    assert [p[7] for p in exports] == [1, 6, 1]  # from-id: all, the window, all

    repeat = collect_limesurvey(ctx, api, full=True)  # idempotent
    assert not repeat.changed and (repeat.rows_in, repeat.rows_unchanged) == (8, 8)


def test_a_response_deleted_in_limesurvey_is_kept_marked_and_reported(ctx, api, limesurvey):
    limesurvey.responses = [ls_record(i) for i in range(1, 5)]
    collect_limesurvey(ctx, api)
    assert admin(limesurvey, "delete_response", 3) == {"3": "deleted"}

    full = collect_limesurvey(ctx, api, full=True)
    assert full.warnings == [
        "survey 571234: response 3 is no longer in LimeSurvey (deleted there?): "
        "kept here, marked deleted"
    ]
    assert external_ids(ctx) == ["1", "2", "3", "4"]  # kept
    with ctx.engine.connect() as c:
        marked = c.execute(
            select(m.SourceRecord.external_id).where(
                m.SourceRecord.source == "api", m.SourceRecord.deleted_at.is_not(None)
            )
        ).all()
        stored_error = c.scalar(
            select(m.CollectorRun.error).where(m.CollectorRun.id == full.run_id)
        )
    assert [r.external_id for r in marked] == ["3"]
    assert "response 3 is no longer in LimeSurvey" in stored_error
    # reported once, not at every collection
    assert collect_limesurvey(ctx, api, full=True).warnings == []


def test_collect_full_by_hand(ctx, limesurvey, tmp_path, monkeypatch, database_url):
    path = sources_file(tmp_path / "sources.yaml")
    for name, value in {
        "SOURCES_FILE": str(path),
        "DATABASE_URL": database_url,
        "FRAMEWORK_FILE": str(SEPTET),
        "DATA_DIR": str(tmp_path / "data"),
    }.items():
        monkeypatch.setenv(name, value)
    from samenwerkingsmonitor.cli import main

    limesurvey.responses = [ls_record(i) for i in range(1, 4)]
    runner = CliRunner()
    result = runner.invoke(main, ["collect", "api", "--full", "--no-recompute"])
    assert result.exit_code == 0, result.output
    assert "survey 571234 (full): 3 rows — 3 new" in result.output
    exports = [p for name, p in limesurvey.calls if name == "export_responses"]
    assert exports[-1][7] == 1

    wrong = runner.invoke(main, ["collect", "ls", "--full"])
    assert wrong.exit_code != 0 and "--full reads a LimeSurvey survey again" in wrong.output


def test_the_full_sync_is_scheduled_nightly_unless_configured(ctx, tmp_path):
    from samenwerkingsmonitor.scheduler import scheduled_jobs

    path = sources_file(tmp_path / "sources.yaml")
    text = path.read_text(encoding="utf-8").replace(
        "    survey_id: 571234\n", '    survey_id: 571234\n    schedule: "15 * * * *"\n'
    )
    path.write_text(text, encoding="utf-8")
    jobs = {j.id: j for j in scheduled_jobs(ctx, load_sources(path, ctx.framework))}
    assert jobs["full-sync:api"].cron == "30 2 * * *"
    assert jobs["full-sync:api"].func == "samenwerkingsmonitor.jobs:full_sync_source"
    assert "full-sync:ls" not in jobs  # only LimeSurvey sources read a survey again

    path.write_text(
        text.replace('schedule: "15 * * * *"\n', 'schedule: "15 * * * *"\n    full_sync: null\n'),
        encoding="utf-8",
    )
    jobs = {j.id for j in scheduled_jobs(ctx, load_sources(path, ctx.framework))}
    assert "collect:api" in jobs and "full-sync:api" not in jobs
