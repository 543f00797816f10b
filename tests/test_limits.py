"""Size limits on the server: a request body above MAX_REQUEST_MB is refused (413) before it is
read; JSON nested too deeply is a 400, never a 500; the partner upload has a size and a row cap
with a Dutch message; the status form refuses texts above their limits."""

from __future__ import annotations

import base64
import io

import pytest

from collectors import limits
from collectors.partner_upload import UPLOAD_MAX_BYTES, UPLOAD_MAX_ROWS
from collectors.partners import list_partners
from dashboard import statusforms
from dashboard.app import create_app
from samenwerkingsmonitor.settings import Settings, SettingsError
from tests.login import logged_in_client
from tests.test_agreements import UTS, seed_partners
from tests.test_partners_page import _upload
from tests.test_status_form import GOOD, _alice, _uts_project

MB = 1024 * 1024


@pytest.fixture
def demo(ctx):
    """The context, on its copy of the demo database (its tests are marked demo_data)."""
    return ctx


class CountingStream(io.RawIOBase):
    """A request body that says how much of it was read."""

    def __init__(self, size: int) -> None:
        self.size, self.position, self.read_bytes = size, 0, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = offset if whence == 0 else self.size + offset
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        n = max(0, min(len(buffer), self.size - self.position))
        buffer[:n] = b"[" * n
        self.position += n
        self.read_bytes += n
        return n


@pytest.fixture
def app(ctx):
    return create_app(ctx)


def _big_post(client, path: str, headers=None):
    stream = CountingStream(9 * MB)
    answer = client.post(
        path,
        input_stream=stream,
        content_length=9 * MB,
        content_type="application/json",
        headers=headers or {},
    )
    return answer, stream


def test_a_body_above_the_cap_is_refused_unread(app, ctx, monkeypatch):
    monkeypatch.setenv("TEST_PUSH_TOKEN", "token")
    assert app.server.config["MAX_CONTENT_LENGTH"] == 8 * MB
    admin = logged_in_client(app, ctx, "admin")
    for client, path, headers in (
        (admin, "/_dash-update-component", None),
        (app.server.test_client(), "/login", None),
        (app.server.test_client(), "/api/sources/push/status-updates", {"Authorization": "x"}),
    ):
        answer, stream = _big_post(client, path, headers)
        assert answer.status_code == 413, (path, answer.status_code)
        assert stream.read_bytes == 0, path
    assert "8 MB" in answer.get_data(True)


def test_the_cap_is_a_setting():
    assert Settings.from_env({"MAX_REQUEST_MB": "2"}).max_request_mb == 2
    assert Settings.from_env({}).max_request_mb == 8
    with pytest.raises(SettingsError, match="MAX_REQUEST_MB"):
        Settings.from_env({"MAX_REQUEST_MB": "0"})


def test_deeply_nested_json_is_a_400(app, ctx):
    admin = logged_in_client(app, ctx, "admin")
    deep = "[" * 100_000 + "]" * 100_000
    answer = admin.post("/_dash-update-component", data=deep, content_type="application/json")
    assert answer.status_code == 400
    deep_object = '{"a":' * 100_000 + "1" + "}" * 100_000
    answer = admin.post(
        "/_dash-update-component", data=deep_object, content_type="application/json"
    )
    assert answer.status_code == 400


# --- the partner upload ----------------------------------------------------------------------


def _upload_bytes(client, data: bytes, name: str = "lijst.csv"):
    from tests.test_agreements import post

    values = {
        "partners-upload.contents": "data:text/csv;base64," + base64.b64encode(data).decode(),
        "partners-upload.filename": name,
        "partners-lang.data": "nl",
    }
    return post(client, "partners-upload-result", values, "partners-upload.contents")


def test_partner_upload_above_its_size_cap(app, ctx):
    seed_partners(ctx, "UTS", UTS)
    alice = logged_in_client(app, ctx, "alice")
    header = b"network,code,name,sector,waves\n"
    row = b"UTS,P%06d,Organisatie met een lange naam,overig,\n"
    rows, size = [], len(header)
    while size <= UPLOAD_MAX_BYTES:
        rows.append(row % len(rows))
        size += len(rows[-1])
    answer = _upload_bytes(alice, header + b"".join(rows))
    assert answer.status_code == 200
    text = answer.get_data(True)
    assert "groter dan 5 MB" in text and "partners-upload-error" in text
    assert len(list_partners(ctx.engine, ctx.consortium_id, ["UTS"])) == len(UTS)


def test_partner_upload_above_its_row_cap(app, ctx):
    seed_partners(ctx, "UTS", UTS)
    alice = logged_in_client(app, ctx, "alice")
    rows = "".join(f"UTS,P{i},Organisatie {i},overig,\n" for i in range(UPLOAD_MAX_ROWS + 1))
    answer = _upload(alice, rows)
    assert answer.status_code == 200
    text = answer.get_data(True)
    assert f"meer dan {UPLOAD_MAX_ROWS:,}".replace(",", ".") in text
    assert len(list_partners(ctx.engine, ctx.consortium_id, ["UTS"])) == len(UTS)
    # at the cap it is read
    rows = "".join(f"UTS,P{i},Organisatie {i},overig,\n" for i in range(3))
    assert "3 nieuw" in _upload(alice, rows).get_data(True)


# --- the status form ---------------------------------------------------------------------------


@pytest.mark.demo_data
def test_status_form_refuses_texts_above_their_limits(demo):
    alice, project = _alice(demo), _uts_project(demo)
    long = "x" * (limits.TEXT_MAX + 1)
    result = statusforms.submit(demo, project, "UTS", {**GOOD, "risks": long}, alice)
    assert result.version is None and "ten hoogste 2000 tekens" in result.errors["risks"]
    result = statusforms.submit(demo, project, "UTS", {**GOOD, "narrative": long}, alice)
    assert "ten hoogste 2000 tekens" in result.errors["narrative"]
    milestone = "01-03-2026 " + "y" * (limits.MILESTONE_MAX + 1)
    result = statusforms.submit(demo, project, "UTS", {**GOOD, "reached": milestone}, alice)
    assert "Regel 1" in result.errors["reached"]
    # a draft keeps nothing too long either
    saved = statusforms.save_draft(demo, project, "UTS", {**GOOD, "risks": long}, alice)
    assert "risks" in saved.errors
    values, _ = statusforms.load_form(demo.engine, demo.consortium_id, project, "UTS", alice)
    assert len(values.get("risks") or "") <= limits.TEXT_MAX


@pytest.mark.demo_data
def test_proposal_name_and_description_limits(demo):
    alice = _alice(demo)
    answers = {"name": "n" * (limits.NAME_MAX + 1), "description": "ok"}
    _, _, errors = statusforms.propose_project(demo, "UTS", answers, alice)
    assert "ten hoogste 200 tekens" in errors["name"]
    answers = {"name": "Goed plan", "description": "d" * (limits.TEXT_MAX + 1)}
    _, _, errors = statusforms.propose_project(demo, "UTS", answers, alice)
    assert "ten hoogste 2000 tekens" in errors["description"]
