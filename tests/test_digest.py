"""The monthly digest: its configuration (errors name file, line, field), the news since the last
digest, a real delivery to an SMTP server on loopback with the one-page PDF attached and links
that open the network's view, the dry run, and the scheduled job."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy import insert, select

from db import models as m
from metrics.store import recompute
from reports.digest import build_digest, last_sent, send_digest
from reports.digest_config import DigestConfigError, load_digest_config
from samenwerkingsmonitor import clock
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.demo import load_demo
from samenwerkingsmonitor.settings import Settings
from tests.test_mail import Inbox, free_port

CONFIG = """\
day_of_month: 3
hour: 6
networks:
  UTS: [voorzitter@utrecht.test, lid@utrecht.test]
  EEM: bob@eemland.test
"""


def _write(tmp_path, text: str):
    path = tmp_path / "digest.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_is_read(ctx, tmp_path):
    config = load_digest_config(_write(tmp_path, CONFIG), ctx.framework)
    assert config.recipients("UTS") == ["voorzitter@utrecht.test", "lid@utrecht.test"]
    assert config.recipients("EEM") == ["bob@eemland.test"] and config.recipients("RIV") == []
    assert config.cron == "0 6 3 * *" and config.lang == "nl"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("day_of_month: 31\n", r"digest.yaml:1: day_of_month: .*less than or equal to 28"),
        (
            "hour: 7\nnetworks:\n  XYZ: [a@b.test]\n",
            r"digest.yaml:3: networks.XYZ: unknown network",
        ),
        (
            "networks:\n  UTS: [a@b.test]\n  EEM: [geen-adres]\n",
            r"digest.yaml:3: networks.EEM: not an e-mail address: 'geen-adres'",
        ),
        ("networks:\n  UTS: [a@b.test]\nlanguage: nl\n", r"digest.yaml:3: language: unknown field"),
        ("networks: [\n", r"digest.yaml:\d+: <yaml>"),
    ],
)
def test_config_errors_name_file_line_and_field(ctx, tmp_path, text, expected):
    with pytest.raises(DigestConfigError) as error:
        load_digest_config(_write(tmp_path, text), ctx.framework)
    assert re.search(expected, str(error.value)), str(error.value)


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    yield inbox, port
    server.stop()


@pytest.fixture
def demo_ctx(database_url, tmp_path, smtp, monkeypatch):
    _, port = smtp
    settings = Settings.from_env(
        {
            "DATABASE_URL": database_url,
            "DATA_DIR": str(tmp_path / "data"),
            "FRAMEWORK_FILE": str(__import__("tests.conftest", fromlist=["SEPTET"]).SEPTET),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(port),
            "SMTP_STARTTLS": "false",
            "PUBLIC_URL": "http://monitor.septet.test/",
        }
    )
    context = Context(settings)
    list(load_demo(context.engine, context.framework, context.consortium_id))
    recompute(context.engine, context.framework, context.consortium_id, everything=True)
    yield context
    context.engine.dispose()


def _news(context, when: datetime) -> None:
    """A status update and a timeline note for Utrecht stad, both after `when`."""
    with context.engine.begin() as c:
        uts = c.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        project = c.scalar(select(m.Project.id).where(m.Project.code == "A027"))
        c.execute(
            insert(m.StatusUpdate).values(
                project_id=project,
                network_id=uts,
                version=99,
                state="submitted",
                status="vastgelopen",
                submitted_at=when + timedelta(days=2),
            )
        )
        c.execute(
            insert(m.TimelineNote).values(
                network_id=uts,
                noted_on=when.date() + timedelta(days=3),
                text="Nieuwe voorzitter stuurgroep",
                created_at=when + timedelta(days=3),
            )
        )


def test_digest_arrives_with_links_and_the_one_page_pdf(demo_ctx, smtp, tmp_path):
    inbox, _ = smtp
    config = load_digest_config(_write(tmp_path, CONFIG), demo_ctx.framework)
    now = clock.now_local()
    _news(demo_ctx, now - timedelta(days=10))
    assert last_sent(demo_ctx, "UTS") is None
    send_digest(demo_ctx, "UTS", config, now=now)
    assert last_sent(demo_ctx, "UTS") == now.replace(microsecond=0)
    assert sorted(msg["To"] for msg in inbox.messages) == [
        "lid@utrecht.test",
        "voorzitter@utrecht.test",
    ]
    message = inbox.messages[0]
    assert "Utrecht stad" in message["Subject"]
    parts = {part.get_content_type(): part for part in message.walk()}
    html = parts["text/html"].get_payload(decode=True).decode()
    assert "Verbetering transmurale samenwerking (A027): vastgelopen" in html
    assert "Nieuwe voorzitter stuurgroep" in html
    links = re.findall(r'href="([^"]+)"', html)
    assert links == [
        "http://monitor.septet.test/netwerk?network=UTS&amp;lang=nl",
        "http://monitor.septet.test/projecten?network=UTS&amp;lang=nl",
    ]
    (pdf,) = [p for p in message.walk() if p.get_filename()]
    assert pdf.get_filename().startswith("samenwerkingsmonitor-UTS-")
    reader = PdfReader(io.BytesIO(pdf.get_payload(decode=True)))
    assert len(reader.pages) == 1 and "Utrecht stad" in reader.pages[0].extract_text()
    _links_open_the_network_view(demo_ctx, [link.replace("&amp;", "&") for link in links])

    # The next digest starts where this one ended: the update and the note are not news again.
    again = build_digest(demo_ctx, "UTS", config, now=now + timedelta(days=30))
    assert "A027" not in again.text and "Nieuwe voorzitter" not in again.text


def _links_open_the_network_view(context, links: list[str]) -> None:
    """Each link's path is a dashboard page that answers, and its query selects the network."""
    from urllib.parse import parse_qs, urlsplit

    import dash

    from dashboard.app import create_app

    app = create_app(context)
    try:  # with accounts, the links open after log-in (a steering-group member of the network)
        from tests.login import logged_in_client

        client = logged_in_client(app, context, "admin")
    except ImportError:
        client = app.server.test_client()
    paths = {page["path"] for page in dash.page_registry.values()}
    for link in links:
        parts = urlsplit(link)
        assert parts.path in paths
        assert parse_qs(parts.query) == {"network": ["UTS"], "lang": ["nl"]}
        response = client.get(f"{parts.path}?{parts.query}")
        assert response.status_code == 200, link


def test_dry_run_prints_without_sending(demo_ctx, smtp, tmp_path, monkeypatch):
    from samenwerkingsmonitor.cli import main

    inbox, port = smtp
    monkeypatch.setenv("DATABASE_URL", demo_ctx.settings.database_url)
    monkeypatch.setenv("DATA_DIR", str(demo_ctx.settings.data_dir))
    monkeypatch.setenv("FRAMEWORK_FILE", str(demo_ctx.settings.framework_file))
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("DIGEST_FILE", str(_write(tmp_path, CONFIG)))
    result = CliRunner().invoke(main, ["digest", "--network", "EEM", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert (
        "To: bob@eemland.test" in result.output and "Subject: Samenwerkingsmonitor" in result.output
    )
    assert "netwerk?network=EEM&lang=nl" in result.output
    assert re.search(r"samenwerkingsmonitor-EEM-\d{4}-\d{2}\.pdf \(\d+ bytes\)", result.output)
    assert inbox.messages == [] and last_sent(demo_ctx, "EEM") is None
    unknown = CliRunner().invoke(main, ["digest", "--network", "XX", "--dry-run"])
    assert unknown.exit_code != 0 and "unknown network 'XX'" in unknown.output


def test_scheduler_declares_the_digest_on_the_configured_day(ctx, tmp_path, monkeypatch):
    from samenwerkingsmonitor.scheduler import digest_jobs

    monkeypatch.setenv("DIGEST_FILE", str(_write(tmp_path, CONFIG)))
    (job,) = digest_jobs(ctx)
    assert job.id == "digest-monthly" and job.cron == "0 6 3 * *"
    assert job.func == "reports.digest:send_monthly_digests"
    monkeypatch.setenv("DIGEST_FILE", str(_write(tmp_path, "networks: {}\n")))
    assert digest_jobs(ctx) == []  # nobody to send to: no job
    monkeypatch.setenv("DIGEST_FILE", str(_write(tmp_path, "day_of_month: 0\n")))
    with pytest.raises(DigestConfigError, match="day_of_month"):
        digest_jobs(ctx)


def test_shipped_config_is_valid(ctx):
    from reports.digest_config import default_digest_path

    config = load_digest_config(default_digest_path(), ctx.framework)
    assert 1 <= config.day_of_month <= 28
    assert date.today()  # the file is read without recipients: no digest until configured
