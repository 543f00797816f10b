"""Connecting to LimeSurvey as administrators set it up: the default `get` URL format, a
switched-off interface, `sources check --connect`; reject reasons and errors as users read them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from collectors.collect import collect_limesurvey
from collectors.limesurvey import LimeSurveyError
from collectors.run_record import finish_run, start_run
from db import models as m
from tests.conftest import SEPTET
from tests.fixtures.exports import ls_record, use_sources_file, write_limesurvey_csv
from tests.fixtures.limesurvey_server import FakeLimeSurvey, serve_api_source

BAD = ["AO09", "AO05", "NVT", "AO03", "", "AO01"]


@pytest.fixture
def limesurvey(monkeypatch):
    state = FakeLimeSurvey()
    with serve_api_source(state, monkeypatch):
        yield state


@pytest.fixture
def sources(ctx, tmp_path, monkeypatch):
    return use_sources_file(tmp_path, monkeypatch, ctx.framework)


@pytest.fixture
def cli(ctx, sources, monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    monkeypatch.setenv("DATA_DIR", str(ctx.settings.data_dir))
    from samenwerkingsmonitor.cli import main

    def run(*args: str):
        return CliRunner().invoke(main, list(args))

    return run


def test_the_get_url_format_is_detected(ctx, sources, limesurvey):
    limesurvey.url_format = "get"
    limesurvey.responses = [ls_record(1), ls_record(2)]
    summary = collect_limesurvey(ctx, sources.get("api"))
    assert summary.rows_new == 2
    # the path form showed the public survey list; the get form is RemoteControl
    assert [name for name, _ in limesurvey.calls[:2]] == ["public survey list", "get_session_key"]
    assert limesurvey.keys_issued == limesurvey.keys_released


@pytest.mark.parametrize("url_format", ["path", "get"])
def test_a_configured_url_format_is_used_as_is(ctx, sources, limesurvey, url_format):
    limesurvey.url_format = url_format
    api = sources.get("api").model_copy(update={"url_format": url_format})
    collect_limesurvey(ctx, api)
    assert limesurvey.calls[0][0] == "get_session_key"

    limesurvey.url_format = "get" if url_format == "path" else "path"
    with pytest.raises(LimeSurveyError, match="no RemoteControl interface at http://127.0.0.1:"):
        collect_limesurvey(ctx, api)


def test_a_switched_off_interface_is_recognised(ctx, sources, limesurvey):
    limesurvey.interface_off = True
    with pytest.raises(LimeSurveyError) as caught:
        collect_limesurvey(ctx, sources.get("api"))
    message = str(caught.value)
    assert "the RemoteControl interface is switched off" in message
    assert "RPC interface enabled: JSON-RPC" in message
    assert "login refused" not in message


def test_api_rejects_name_the_response_id(ctx, sources, limesurvey):
    limesurvey.responses = [ls_record(1), ls_record(17, answers=BAD)]
    summary = collect_limesurvey(ctx, sources.get("api"))
    assert summary.rejects == [
        "survey 571234 response 17: THEMA01[SQ001] (VIS1) value 'AO09' is not 1–5, empty, nvt "
        "or weet niet nor an answer of the source's value map"
    ]


def test_sources_check_connect_logs_in_and_reads_the_summary(cli, limesurvey):
    result = cli("sources", "check", "--connect", "--source", "api")
    assert result.exit_code == 0, result.output
    assert (
        "api: logged in at http://127.0.0.1:" in result.output
        and "/index.php/admin/remotecontrol; survey 571234: 23 complete and 7 incomplete "
        "responses, 20 participants"
        in result.output
    )
    assert limesurvey.keys_issued == limesurvey.keys_released

    limesurvey.interface_off = True
    failed = cli("sources", "check", "--connect", "--source", "api")
    assert failed.exit_code == 1 and "switched off" in failed.output


def test_each_error_is_printed_once(cli, ctx, sources, limesurvey):
    inbox = sources.get("ls").inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    (inbox / "leeg.csv").write_bytes(b"")
    result = cli("collect", "ls", "--no-recompute")
    assert result.output.count("leeg.csv") == 1, result.output
    assert "leeg.csv: the file is empty; moved to quarantine" in result.output

    limesurvey.unknown_methods = {"export_responses"}
    result = cli("collect", "api", "--no-recompute")
    assert result.exit_code == 1
    assert result.output.count("HTTP 500 to export_responses") == 1, result.output


def test_runs_lists_a_running_run_beside_a_failed_one(cli, ctx):
    failed = start_run(ctx.engine, "api", "survey 571234", None)
    finish_run(ctx.engine, failed, status="failed", error="LimeSurveyError: no answer\nmore")
    start_run(ctx.engine, "api", "survey 571234", None)  # a collection running right now
    result = cli("runs")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "running" in lines[1] and lines[1].rstrip().endswith("survey 571234")
    assert "failed" in lines[2] and lines[2].endswith("survey 571234 — LimeSurveyError: no answer")


def test_a_file_source_reads_a_file_dropped_into_its_inbox_once(cli, ctx, sources):
    # `sources check --connect` is for API sources; a file source says so.
    result = cli("sources", "check", "--connect", "--source", "ls")
    assert result.exit_code == 0 and "ls: a limesurvey_file source has no connection" in (
        result.output
    )
    inbox = sources.get("ls").inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    write_limesurvey_csv(inbox / "a.csv", [ls_record(1)])
    assert "a.csv: 1 rows — 1 new" in cli("collect", "ls", "--no-recompute").output
    with ctx.engine.connect() as c:
        assert c.scalar(select(m.Response.external_id)) == "1"
