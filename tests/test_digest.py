"""The monthly digest: its configuration (errors name file, line, field), the news since the last
digest, a real delivery to an SMTP server on loopback with the one-page PDF attached and links
that open the network's view, the dry run, and the scheduled job."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy import insert, select

from db import models as m
from reports.digest import build_digest, last_sent, send_digest
from reports.digest_config import DigestConfig, DigestConfigError, load_digest_config
from samenwerkingsmonitor.context import Context
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
    context = Context(settings)  # on its copy of the demo database (the tests are marked)
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


@pytest.mark.demo_data(recomputed=True)
def test_digest_arrives_with_links_and_the_one_page_pdf(demo_ctx, smtp, tmp_path):
    inbox, _ = smtp
    config = load_digest_config(_write(tmp_path, CONFIG), demo_ctx.framework)
    now = datetime.now(UTC)
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
    # demo data is loaded: marked (a long subject arrives folded)
    assert " ".join(message["Subject"].split()).startswith("[Demogegevens] Samenwerkingsmonitor")
    parts = {part.get_content_type(): part for part in message.walk()}
    html = parts["text/html"].get_payload(decode=True).decode()
    assert '<p id="demo-mark"><strong>Let op: deze cijfers komen uit demonstratiegegevens' in html
    assert "Verbetering transmurale samenwerking (A027): vastgelopen" in html
    assert "Verbetering transmurale samenwerking (A027) is vastgelopen" in html
    assert "Nieuwe voorzitter stuurgroep" in html
    links = re.findall(r'href="([^"]+)"', html)
    assert links[-2:] == [
        "http://monitor.septet.test/netwerk?network=UTS&amp;lang=nl",
        "http://monitor.septet.test/projecten?network=UTS&amp;lang=nl",
    ]
    assert "http://monitor.septet.test/projecten?network=UTS&amp;project=A027&amp;lang=nl" in links
    text = parts["text/plain"].get_payload(decode=True).decode()
    assert text.startswith("Let op: deze cijfers komen uit demonstratiegegevens")
    assert text.split("\r\n\r\n", 1)[1].startswith("Het maandbericht van netwerk Utrecht stad")
    assert "Vraagt aandacht" in text and "http://monitor.septet.test/projecten?network=UTS" in text
    (pdf,) = [p for p in message.walk() if p.get_filename()]
    assert pdf.get_filename().startswith("samenwerkingsmonitor-UTS-")
    reader = PdfReader(io.BytesIO(pdf.get_payload(decode=True)))
    assert len(reader.pages) == 1 and "Utrecht stad" in reader.pages[0].extract_text()
    _links_open_the_network_view(demo_ctx, [link.replace("&amp;", "&") for link in links])

    # The next digest starts where this one ended: the update and the note are not news again.
    again = build_digest(demo_ctx, "UTS", config, now=now + timedelta(days=30))
    changed = _block(again.text, "Wat veranderde")
    assert not any("A027" in line or "Nieuwe voorzitter" in line for line in changed)


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
    for link in sorted(set(links)):
        parts = urlsplit(link)
        assert parts.path in paths
        query = parse_qs(parts.query)
        assert query["network"] == ["UTS"] and query["lang"] == ["nl"], link
        response = client.get(f"{parts.path}?{parts.query}")
        assert response.status_code == 200, link


@pytest.mark.demo_data(recomputed=True)
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
        "To: bob@eemland.test" in result.output
        and "Subject: [Demogegevens] Samenwerkingsmonitor" in result.output
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


# --- "Vraagt aandacht" and what changed, on a prepared network --------------------------------

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
LOCAL = NOW  # stored moments are aware UTC


def _block(text: str, heading: str) -> list[str]:
    """The items ("- …" lines, links left out) of the text part's block under `heading`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    items = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        if line.startswith("- "):
            items.append(line[2:])
    return items


def _prepare(context) -> dict:
    """Utrecht stad with one project of each kind, goals, agreements, two waves of figures and
    a proposal; Eemland with a stuck project and an overdue agreement that UTS must not see."""
    with context.engine.begin() as c:
        nets = dict(c.execute(select(m.Network.code, m.Network.id)).all())
        waves = dict(c.execute(select(m.Wave.code, m.Wave.id)).all())
        cid = context.consortium_id

        def project(code: str, name: str, network: str) -> int:
            pid = c.execute(
                insert(m.Project).values(consortium_id=cid, code=code, name=name)
            ).inserted_primary_key[0]
            c.execute(insert(m.ProjectNetwork).values(project_id=pid, network_id=nets[network]))
            return pid

        def update(pid: int, network: str, status: str, days_ago: int, version: int = 1):
            c.execute(
                insert(m.StatusUpdate).values(
                    project_id=pid,
                    network_id=nets[network],
                    version=version,
                    state="submitted",
                    status=status,
                    submitted_at=LOCAL - timedelta(days=days_ago),
                )
            )

        ids = {
            "STUCK": project("STUCK", "Zorgpad vastgelopen", "UTS"),
            "SILENT": project("SILENT", "Stil project", "UTS"),
            "FINE": project("FINE", "Goed lopend project", "UTS"),
            "NEVER": project("NEVER", "Nooit gemeld", "UTS"),
            "EEMSTUCK": project("EEMSTUCK", "Eemlands zorgpad", "EEM"),
        }
        update(ids["STUCK"], "UTS", "vastgelopen", 5)
        update(ids["SILENT"], "UTS", "op_koers", 100)
        update(ids["FINE"], "UTS", "op_koers", 3)
        update(ids["EEMSTUCK"], "EEM", "vastgelopen", 5)
        goals = [
            ("LATE", "Doel over tijd", "UTS", 10, 20, date(2026, 6, 30), 14),
            ("MET", "Doel gehaald", "UTS", 10, 20, date(2026, 6, 30), 21),
            ("FUTURE", "Doel loopt nog", "UTS", 10, 20, date(2027, 12, 31), 12),
            ("ALLLATE", "Consortiumdoel over tijd", None, 10, 20, date(2026, 6, 30), 11),
        ]
        for code, name, network, base, target, deadline, value in goals:
            gid = c.execute(
                insert(m.Goal).values(
                    consortium_id=cid,
                    code=code,
                    name=name,
                    unit="groepen",
                    network_id=nets.get(network),
                    baseline_value=base,
                    baseline_date=date(2024, 1, 1),
                    target_value=target,
                    deadline=deadline,
                )
            ).inserted_primary_key[0]
            c.execute(
                insert(m.GoalValue).values(goal_id=gid, measured_at=date(2026, 3, 1), value=value)
            )
        agreements = [
            ("UTS", "warme_overdracht", date(2026, 9, 1)),
            ("UTS", "consultatie", date(2027, 9, 1)),
            ("EEM", "scholing", date(2026, 9, 1)),
        ]
        late = None
        for network, topic, evaluation in agreements:
            aid = c.execute(
                insert(m.Agreement).values(
                    network_id=nets[network],
                    topic=topic,
                    description="Afspraak",
                    since=date(2025, 1, 1),
                    next_evaluation=evaluation,
                )
            ).inserted_primary_key[0]
            late = late or aid
        snapshot = {"consortium_id": cid, "network": "UTS", "group": "all", "n": 20}
        snapshot["framework_version"] = "test"
        snapshot["computed_at"] = LOCAL - timedelta(days=40)
        rows = [
            ("2025", "response_rate", "responses", {"value": 0.5}),
            ("2026", "response_rate", "responses", {"value": 0.4}),
            ("2026", "theme", "VERTR", {"score_100": 40.0, "status": "achter"}),
            ("2026", "theme", "VISIE", {"score_100": 70.0, "status": "op_koers"}),
        ]
        for wave, measure, subject, values in rows:
            c.execute(
                insert(m.MeasureSnapshot).values(
                    **snapshot, wave_id=waves[wave], measure=measure, subject=subject, **values
                )
            )
        c.execute(
            insert(m.ProjectProposal).values(
                consortium_id=cid,
                network_id=nets["UTS"],
                name="Nieuw initiatief rouwzorg",
                answers={},
                criteria_met=[],
                criteria_unmet=[],
                proposed_at=LOCAL - timedelta(days=20),
            )
        )
    return {"ids": ids, "nets": nets, "late_agreement": late}


ATTENTION = [
    "Zorgpad vastgelopen is vastgelopen (update van 26-11-2026)",
    "Nooit gemeld: nog nooit een update",
    "Stil project: geen update sinds 23-08-2026",
    "Thema Vertrouwen ligt achter op de weg naar 2028 (meting 2026)",
    "SMART-doel Doel over tijd: deadline 30-06-2026 verstreken zonder dat het doel gehaald is",
    "Afspraak warme overdracht (nr. {late}): evaluatie was gepland op 01-09-2026",
    "Respons gedaald van 50,0% (meting 2025) naar 40,0% (meting 2026)",
    "Voorstel 'Nieuw initiatief rouwzorg' (11-11-2026) wacht op een besluit",
]


def test_attention_lists_exactly_the_networks_stuck_silent_and_overdue_items(ctx):
    prepared = _prepare(ctx)
    config = DigestConfig(networks={"UTS": ("stuurgroep@utrecht.test",)})
    mail = build_digest(ctx, "UTS", config, now=NOW)
    assert "Demogegevens" not in mail.subject and "demonstratiegegevens" not in mail.text
    expected = [line.format(late=prepared["late_agreement"]) for line in ATTENTION]
    assert _block(mail.text, "Vraagt aandacht") == expected
    # each item links to where it is dealt with; the HTML part says the same, escaped
    assert "http://127.0.0.1:8050/projecten?network=UTS&project=STUCK&lang=nl" in mail.text
    assert "http://127.0.0.1:8050/status?network=UTS&project=SILENT&lang=nl" in mail.text
    assert "netwerk?network=UTS&amp;measure=theme&amp;subject=VERTR&amp;lang=nl" in mail.html
    assert "Voorstel &#x27;Nieuw initiatief rouwzorg&#x27;" in mail.html
    assert "Eemlands zorgpad" not in mail.text and "scholing" not in mail.text
    context = _block(mail.text, "Consortium en partnernetwerk")
    assert any(
        line.startswith("Consortiumdoel Consortiumdoel over tijd: 11 groepen") for line in context
    )


def test_a_second_digest_lists_only_what_changed_since_the_first(ctx, monkeypatch):
    # What changed is in the mail's words. The one-page PDF attached to every digest is proven by
    # test_digest_arrives_with_links_and_the_one_page_pdf; rendering it in Chromium for each of
    # the four digests here took most of this test's 20 s.
    monkeypatch.setattr("reports.pdf.network_page", lambda *args, **kwargs: b"%PDF-1.4 stub")
    prepared = _prepare(ctx)
    ids = prepared["ids"]
    config = DigestConfig(networks={"UTS": ("stuurgroep@utrecht.test",)})
    first = send_digest(ctx, "UTS", config, now=NOW)
    assert "Wat veranderde" in first.text
    later = NOW + timedelta(days=30)
    with ctx.engine.begin() as c:
        for project, status, version in (("STUCK", "op_koers", 2), ("FINE", "vastgelopen", 2)):
            c.execute(
                insert(m.StatusUpdate).values(
                    project_id=ids[project],
                    network_id=prepared["nets"]["UTS"],
                    version=version,
                    state="submitted",
                    status=status,
                    submitted_at=LOCAL + timedelta(days=10),
                )
            )
    second = build_digest(ctx, "UTS", config, now=later)
    assert _block(second.text, "Wat veranderde") == [
        "opgelost: Zorgpad vastgelopen is vastgelopen (update van 26-11-2026)",
        "nieuw: Goed lopend project is vastgelopen (update van 11-12-2026)",
        "Projectupdate Zorgpad vastgelopen: op koers (11-12-2026)",
        "Projectupdate Goed lopend project: vastgelopen (11-12-2026)",
    ]
    attention = _block(second.text, "Vraagt aandacht")
    assert "nieuw: Goed lopend project is vastgelopen (update van 11-12-2026)" in attention
    assert "Stil project: geen update sinds 23-08-2026" in attention  # still true, not new
    # nothing changed after a digest: the next one says so
    send_digest(ctx, "UTS", config, now=later)
    third = build_digest(ctx, "UTS", config, now=later + timedelta(days=30))
    assert _block(third.text, "Wat veranderde") == []
    assert "Niets nieuws sinds het vorige bericht." in third.text


def test_a_response_rate_falls_by_a_percentage_point_or_more():
    import pandas as pd

    from reports.findings import response_fell

    def series(before: float, after: float) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "network": ["UTS", "UTS"],
                "measure": ["response_rate"] * 2,
                "wave": ["2025", "2026"],
                "reference_date": pd.to_datetime(["2025-11-01", "2026-11-01"]),
                "value": [before, after],
                "suppressed": [False, False],
            }
        )

    assert response_fell(series(25 / 115, 26 / 120), "UTS") == []  # 21,7% and 21,7%
    (fell,) = response_fell(series(0.5, 0.4), "UTS")
    assert fell.key == "response_fell:UTS:2026" and fell.facts == ("2025", 0.5, 0.4)


def test_proposals_awaiting_a_decision_follow_the_latest_decision(ctx):
    """A proposal waits while it has no decision or its latest decision asks for more; one
    rejected, or accepted as a project of another name, waits no more (proposal_decision)."""
    from reports.records import open_proposals

    with ctx.engine.begin() as c:
        uts = c.scalar(select(m.Network.id).where(m.Network.code == "UTS"))

        def proposal(name: str, *decisions: str) -> None:
            pid = c.execute(
                insert(m.ProjectProposal).values(
                    consortium_id=ctx.consortium_id,
                    network_id=uts,
                    name=name,
                    answers={},
                    criteria_met=[],
                    criteria_unmet=[],
                    proposed_at=NOW - timedelta(days=20),
                )
            ).inserted_primary_key[0]
            for hours, decision in enumerate(decisions):
                c.execute(
                    insert(m.ProposalDecision).values(
                        proposal_id=pid,
                        decision=decision,
                        reason="Waarom",
                        decided_at=NOW - timedelta(days=10, hours=-hours),
                    )
                )

        proposal("Nog niet besloten")
        proposal("Meer informatie gevraagd", "more_info")
        proposal("Afgewezen", "rejected")
        proposal("Eerst afgewezen, dan terug", "rejected", "more_info")
        proposal("Eerst terug, dan afgewezen", "more_info", "rejected")
        proposal("Aanvaard onder een andere naam", "accepted")
    waiting = open_proposals(ctx.engine, ctx.consortium_id)
    assert sorted(waiting["name"]) == [
        "Eerst afgewezen, dan terug",
        "Meer informatie gevraagd",
        "Nog niet besloten",
    ]
    assert set(waiting["network"]) == {"UTS"}
    mail = build_digest(ctx, "UTS", DigestConfig(networks={"UTS": ("a@b.test",)}), now=NOW)
    attention = " ".join(_block(mail.text, "Vraagt aandacht"))
    assert "'Afgewezen'" not in attention and "Aanvaard onder" not in attention
    assert "'Meer informatie gevraagd'" in attention
