"""LimeSurvey RemoteControl 2 through citric, against a loopback server that answers the way
limesurvey.md records a real LimeSurvey 6 does (errors as HTTP 200 statuses, base64 exports with
spaces after colons, unknown methods as HTTP 500 HTML, numbers where others send strings)."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from collectors.collect import collect, collect_limesurvey, cursor_of
from collectors.limesurvey import LimeSurveyError
from db import models as m
from samenwerkingsmonitor.sources import load_sources
from tests.fixtures.exports import ls_record, sources_file

SURVEY = 571234


class FakeLimeSurvey:
    """State of the loopback server: responses, credentials, and what was called."""

    def __init__(self):
        self.responses: list[dict] = []
        self.wrapped = False  # older versions: [{"<id>": {...}}]
        self.keys_issued: list[str] = []
        self.keys_released: list[str] = []
        self.calls: list[tuple[str, list]] = []
        self.unavailable = 0  # answer this many requests with HTTP 503 first
        self.unknown_methods: set[str] = set()
        self.token_count = 20

    def answer(self, method: str, params: list):
        self.calls.append((method, params))
        if method == "get_session_key":
            if params[:2] != ["monitor", "geheim"]:
                return {"status": "Invalid user name or password"}
            key = f"key{len(self.keys_issued) + 1:04d}abcdefghijklmnopqrstu"
            self.keys_issued.append(key)
            return key
        live = set(self.keys_issued) - set(self.keys_released)
        if params[0] not in live:
            return {"status": "Invalid session key"}
        if method == "release_session_key":
            self.keys_released.append(params[0])
            return "OK"
        if method == "get_summary":
            if params[1] != SURVEY:
                return {"status": "Invalid surveyid"}
            return {
                "token_count": self.token_count,
                "token_invalid": 0,
                "token_sent": 0,
                "token_opted_out": 0,
                "token_completed": 16,
                "token_screenout": 0,
                "completed_responses": 23,
                "incomplete_responses": 7,
                "full_responses": 30,
            }
        if method == "export_responses":
            _, sid, doc, _lang, status, heading, _rtype, start, end, *_ = params
            if sid != SURVEY:
                return {"status": "No permission"}
            if doc == "xlsx":
                raise RuntimeError("Writer for xlsx should implement IWriter")
            assert heading in ("code", "full", "abbreviated")
            chosen = [
                r
                for r in self.responses
                if (start is None or r["id"] >= int(start))
                and (end is None or r["id"] <= int(end))
                and (status == "all" or (status == "complete") == bool(r["submitdate"]))
            ]
            if self.wrapped:
                chosen = [{str(r["id"]): r} for r in chosen]
            text = json.dumps({"responses": chosen}, separators=(", ", ": "))  # ASCII-escaped
            return base64.b64encode(text.encode()).decode()
        raise KeyError(method)


def make_handler(state: FakeLimeSurvey):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            method = body["method"]
            if state.unavailable:
                state.unavailable -= 1
                return self._send(503, b"<html>Service Unavailable</html>", "text/html")
            if self.path != "/index.php/admin/remotecontrol":
                return self._send(404, b"<html>not found</html>", "text/html")
            if method in state.unknown_methods or method not in (
                "get_session_key",
                "release_session_key",
                "get_summary",
                "export_responses",
            ):
                state.calls.append((method, body["params"]))
                return self._send(
                    500,
                    b"<!DOCTYPE html><html><body>Internal Server Error</body></html>",
                    "text/html",
                )
            try:
                result, error = state.answer(method, body["params"]), None
            except RuntimeError as exc:
                result, error = None, str(exc)
            payload = json.dumps({"id": body["id"], "result": result, "error": error})
            self._send(200, payload.encode(), "application/json")

        def _send(self, code: int, data: bytes, kind: str):
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


@pytest.fixture
def limesurvey(monkeypatch):
    state = FakeLimeSurvey()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("TEST_LS_URL", f"http://127.0.0.1:{server.server_port}/")
    monkeypatch.setenv("TEST_LS_USER", "monitor")
    monkeypatch.setenv("TEST_LS_PASSWORD", "geheim")
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def api(ctx, tmp_path, monkeypatch):
    path = sources_file(tmp_path / "sources.yaml")
    monkeypatch.setenv("SOURCES_FILE", str(path))
    return load_sources(path, ctx.framework).get("api")


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
