"""LimeSurvey RemoteControl 2 through citric, against the loopback server of
tests/fixtures/limesurvey_server.py, which answers the way a real LimeSurvey 6.4.2 does."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from collectors.collect import collect, collect_limesurvey, cursor_of
from collectors.limesurvey import LimeSurveyError
from db import models as m
from samenwerkingsmonitor.sources import load_sources
from tests.fixtures.exports import ls_record, use_sources_file
from tests.fixtures.limesurvey_server import FakeLimeSurvey, serve_api_source


@pytest.fixture
def limesurvey(monkeypatch):
    state = FakeLimeSurvey()
    with serve_api_source(state, monkeypatch):
        yield state


@pytest.fixture
def api(ctx, tmp_path, monkeypatch):
    return use_sources_file(tmp_path, monkeypatch, ctx.framework).get("api")


def external_ids(ctx) -> list[str]:
    with ctx.engine.connect() as c:
        return sorted(
            c.scalars(select(m.Response.external_id).where(m.Response.source == "api")), key=int
        )


def invited(ctx) -> int | None:
    with ctx.engine.connect() as c:
        return c.scalar(
            select(m.WaveNetwork.invited)
            .join(m.Wave, m.Wave.id == m.WaveNetwork.wave_id)
            .join(m.Network, m.Network.id == m.WaveNetwork.network_id)
            .where(m.Wave.code == "2031", m.Network.code == "LEK")
        )


@pytest.mark.parametrize("wrapped", [False, True], ids=["flat", "wrapped"])
def test_incremental_complete_responses_cursor_and_invited(ctx, api, limesurvey, wrapped):
    # The cursor alone: nothing before it is read again (test_limesurvey_resync.py has the
    # re-reads of the default reread_recent).
    api = api.model_copy(update={"reread_recent": 0})
    limesurvey.wrapped = wrapped
    limesurvey.responses = [
        ls_record(1),
        ls_record(2, role="R2"),
        ls_record(3, submitted=False),
        ls_record(4),
    ]
    first = collect_limesurvey(ctx, api)
    assert (first.rows_new, first.rows_skipped, first.rows_rejected) == (3, 1, 0)
    assert external_ids(ctx) == ["1", "2", "4"]
    # response 3 is incomplete and recent: the cursor waits before it
    assert cursor_of(ctx, "api") == 2
    assert invited(ctx) == 20 and first.changed

    limesurvey.responses[2] = ls_record(3)  # completed since
    limesurvey.responses.append(ls_record(5, role="R3"))
    limesurvey.token_count = 22
    second = collect_limesurvey(ctx, api)
    assert (second.rows_new, second.rows_unchanged) == (2, 1)  # 3 and 5 new; 4 read again
    assert external_ids(ctx) == ["1", "2", "3", "4", "5"]
    assert cursor_of(ctx, "api") == 5 and invited(ctx) == 22

    third = collect_limesurvey(ctx, api)
    assert (third.rows_in, third.changed) == (0, False)
    exports = [p for name, p in limesurvey.calls if name == "export_responses"]
    assert [p[7] for p in exports] == [1, 3, 6]  # from-id after the cursor
    assert all(p[2] == "json" and p[5] == "code" for p in exports)  # heading type explicit
    assert limesurvey.keys_issued == limesurvey.keys_released  # every key released


def test_wrong_password_is_a_clear_error(ctx, api, limesurvey, monkeypatch):
    monkeypatch.setenv("TEST_LS_PASSWORD", "fout")
    with pytest.raises(LimeSurveyError, match="login refused: Invalid user name or password"):
        collect_limesurvey(ctx, api)
    with ctx.engine.connect() as c:
        run = c.execute(select(m.CollectorRun.status, m.CollectorRun.error)).one()
    assert run.status == "failed" and "Invalid user name or password" in run.error


def test_unknown_survey_status_and_key_released(ctx, api, limesurvey):
    api = api.model_copy(update={"survey_id": 999})
    with pytest.raises(
        LimeSurveyError, match="export_responses for survey 999 refused: No permission"
    ):
        collect_limesurvey(ctx, api)
    assert limesurvey.keys_issued and limesurvey.keys_issued == limesurvey.keys_released


def test_unknown_method_html_500_is_explained(ctx, api, limesurvey):
    limesurvey.unknown_methods = {"export_responses"}
    with pytest.raises(LimeSurveyError, match="HTTP 500 to export_responses .* not JSON-RPC"):
        collect_limesurvey(ctx, api)
    assert limesurvey.keys_issued == limesurvey.keys_released


def test_network_failures_are_retried_with_backoff(ctx, api, limesurvey):
    limesurvey.responses = [ls_record(1)]
    limesurvey.unavailable = 2  # two 503s, then the server is back
    summary = collect_limesurvey(ctx, api)
    assert summary.rows_new == 1


def test_unreachable_server_gives_up_after_the_retries(ctx, api, monkeypatch):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TEST_LS_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("TEST_LS_USER", "monitor")
    monkeypatch.setenv("TEST_LS_PASSWORD", "geheim")
    with pytest.raises(LimeSurveyError, match="unreachable after 3 attempts"):
        collect_limesurvey(ctx, api)


def test_missing_credentials_name_the_variable(ctx, api, monkeypatch):
    monkeypatch.delenv("TEST_LS_URL", raising=False)
    with pytest.raises(LimeSurveyError, match="TEST_LS_URL is not set"):
        collect_limesurvey(ctx, api)


def test_collect_records_the_error_and_goes_on(ctx, api, limesurvey, tmp_path):
    limesurvey.unknown_methods = {"get_session_key"}
    sources = load_sources(tmp_path / "sources.yaml", ctx.framework)
    result = collect(ctx, api, sources)
    assert (
        result.claimed and result.runs == [] and "HTTP 500 to get_session_key" in result.errors[0]
    )
