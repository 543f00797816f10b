"""Time (issue 13): stored moments are UTC whatever the process's TZ, cron jobs run in TIME_ZONE
through the summer-time changes, and migration 0007 keeps the moments the old naive columns held."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import StatementError

from db import models as m
from db.engine import downgrade, make_engine, upgrade
from samenwerkingsmonitor.clock import zone
from samenwerkingsmonitor.reminders import JOB_CRON
from samenwerkingsmonitor.scheduler import JobSpec, build_scheduler
from tests.conftest import SEPTET, make_context

REPO = Path(__file__).resolve().parent.parent


def _fire_times(sqlite_url, tmp_path, cron: str, *moments: datetime) -> list[datetime]:
    from apscheduler.schedulers.background import BackgroundScheduler

    ctx = make_context(sqlite_url, tmp_path)
    scheduler = build_scheduler(
        ctx,
        [JobSpec("job", "samenwerkingsmonitor.jobs:recompute_changed", cron=cron)],
        BackgroundScheduler,
    )
    assert scheduler.timezone == zone()
    (job,) = scheduler.get_jobs()  # pending: the scheduler is never started
    return [job.trigger.get_next_fire_time(None, moment) for moment in moments]


def test_the_0800_reminder_fires_at_0800_amsterdam_in_winter_and_summer(sqlite_url, tmp_path):
    winter = datetime(2026, 1, 14, 12, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 14, 12, 0, tzinfo=UTC)
    # The Saturday night summer time begins / ends: the next 08:00 is after the change.
    spring = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    autumn = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)
    fired = _fire_times(sqlite_url, tmp_path, JOB_CRON, winter, summer, spring, autumn)
    assert [f.astimezone(UTC) for f in fired] == [
        datetime(2026, 1, 15, 7, 0, tzinfo=UTC),  # 08:00 CET
        datetime(2026, 7, 15, 6, 0, tzinfo=UTC),  # 08:00 CEST
        datetime(2026, 3, 29, 6, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 7, 0, tzinfo=UTC),
    ]
    assert all((f.astimezone(zone()).hour, f.minute) == (8, 0) for f in fired)


def test_cron_schedules_follow_time_zone_not_the_process_tz(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")  # what tzlocal would report
    monkeypatch.setenv("TIME_ZONE", "Asia/Tokyo")
    (fired,) = _fire_times(
        sqlite_url, tmp_path, "0 7 1 * *", datetime(2026, 5, 10, tzinfo=UTC)
    )  # a digest on the 1st at 07:00
    assert fired.astimezone(UTC) == datetime(2026, 5, 31, 22, 0, tzinfo=UTC)


# Run in a child process with a given TZ: ingest a survey export and print what was stored.
CHILD = """
import json, sys
from pathlib import Path
from sqlalchemy import select
from collectors.ingest import ingest_file
from db import models as m
from samenwerkingsmonitor.context import Context
from samenwerkingsmonitor.settings import Settings

url, data, framework, export = sys.argv[1:5]
ctx = Context(Settings.from_env(
    {"DATABASE_URL": url, "DATA_DIR": data, "FRAMEWORK_FILE": framework}
))
ingest_file(ctx.engine, Path(export), consortium_id=ctx.consortium_id, create_waves=True)
r = m.Response
with ctx.engine.connect() as c:
    stored = c.execute(select(r.external_id, r.submitted_at).order_by(r.external_id)).all()
    reference = c.scalar(select(m.Wave.reference_date).where(m.Wave.code == "2030"))
print(json.dumps({"stored": {i: s.isoformat() for i, s in stored}, "reference": str(reference)}))
"""

EXPORT = {
    # Local wall time (Europe/Amsterdam) without an offset:
    "n1": "2025-01-15 23:30",  # winter, +01:00
    "n2": "2025-03-30 03:30",  # the first hour of summer time, +02:00
    "n3": "2025-10-26 02:30",  # the hour that occurs twice: the first (summer) one
    # With an offset: honoured.
    "z1": "2025-10-26T02:30:00+01:00",  # the second 02:30
    "z2": "2025-12-31T23:30:00Z",  # already 1 January 2026 in Amsterdam
}
EXPECTED = {
    "n1": "2025-01-15T22:30:00+00:00",
    "n2": "2025-03-30T01:30:00+00:00",
    "n3": "2025-10-26T00:30:00+00:00",
    "z1": "2025-10-26T01:30:00+00:00",
    "z2": "2025-12-31T23:30:00+00:00",
}


def _ingest_with_tz(process_tz: str, sqlite_template: Path, tmp_path: Path) -> dict:
    folder = tmp_path / process_tz.replace("/", "_")
    folder.mkdir()
    database = folder / "monitor.sqlite"
    database.write_bytes(sqlite_template.read_bytes())
    export = folder / "export.csv"
    lines = ["response_id,network,group,wave,submitted_at,VIS1"]
    lines += [f"{rid},UTS,ZP,2030,{when},4" for rid, when in EXPORT.items()]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "TZ": process_tz, "PYTHONPATH": str(REPO)}
    env.pop("TIME_ZONE", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, f"sqlite:///{database}", str(folder), str(SEPTET), export],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_process_tz_changes_no_stored_value(sqlite_template, tmp_path):
    in_utc = _ingest_with_tz("UTC", sqlite_template, tmp_path)
    in_new_york = _ingest_with_tz("America/New_York", sqlite_template, tmp_path)
    assert in_utc == in_new_york
    assert in_utc["stored"] == EXPECTED
    # An unfixed wave's reference date is the local date of its latest response.
    assert in_utc["reference"] == "2026-01-01"


def test_migration_0007_keeps_the_moment_of_old_naive_values(database_url):
    engine = make_engine(database_url)
    try:
        downgrade(engine, "0006")
        with engine.begin() as c:
            c.execute(
                text(
                    "INSERT INTO source_cursor (source, last_response_id, updated_at) "
                    "VALUES ('ls', 7, '2025-07-01 10:00:00')"
                )
            )
        upgrade(engine)
        with engine.connect() as c:
            stored = c.scalar(select(m.SourceCursor.updated_at))
        assert stored == datetime(2025, 7, 1, 10, 0, tzinfo=UTC)  # written in UTC, read as UTC
        downgrade(engine, "0006")
        with engine.connect() as c:
            raw = c.scalar(text("SELECT updated_at FROM source_cursor"))
        assert str(raw).startswith("2025-07-01 10:00:00")
    finally:
        upgrade(engine)
        engine.dispose()


def test_a_naive_moment_is_refused_rather_than_guessed(database_url):
    engine = make_engine(database_url)
    row = {"source": "ls", "last_response_id": 1, "updated_at": datetime(2025, 7, 1)}
    try:
        with pytest.raises(StatementError, match="timezone-aware"), engine.begin() as c:
            c.execute(insert(m.SourceCursor).values(**row))
    finally:
        engine.dispose()


def test_the_audit_page_filters_and_shows_local_days(database_url):
    from dashboard.pages.audit import events, events_table

    engine = make_engine(database_url)
    late = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)  # 2 July 00:30 in Amsterdam
    try:
        with engine.begin() as c:
            c.execute(insert(m.AuditEvent).values(at=late, actor="a", action="x", entity="y"))
        assert len(events(engine, since=date(2026, 7, 2), until=date(2026, 7, 2))) == 1
        assert events(engine, until=date(2026, 7, 1)).empty
        assert "02-07-2026 00:30:00" in str(events_table(events(engine)))
    finally:
        engine.dispose()
