"""Recomputes of one consortium run one at a time, whoever starts them (CLI, scheduler, a second
scheduler): a database lock (db/locks.py) on both kinds. A second one waits (CLI) or skips with a
message (scheduler job); the figures are those of a single run."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import metrics.answers
from collectors.ingest import ingest_file
from db import models as m
from db.locks import LockBusy, held, holder, try_claim
from metrics.store import recompute
from samenwerkingsmonitor.cli import main
from tests.conftest import SEPTET
from tests.test_recompute import WAVE_2031, WAVE_2032, template


@pytest.fixture
def ingested(ctx, tmp_path):
    for name, rows in (("w1.csv", WAVE_2031), ("w2.csv", WAVE_2032)):
        ingest_file(
            ctx.engine,
            template(tmp_path / name, rows),
            consortium_id=ctx.consortium_id,
            create_waves=True,
        )
    return ctx


def _snapshots(ctx) -> list[tuple]:
    s = m.MeasureSnapshot
    columns = [s.wave_id, s.network, s.group, s.measure, s.subject, s.n, s.mean, s.suppressed]
    with ctx.engine.connect() as c:
        return sorted(c.execute(select(*columns)).all(), key=repr)


def test_two_recomputes_at_once_run_one_after_the_other(ingested, monkeypatch):
    ctx = ingested
    reading: list[tuple[str, float, float]] = []
    real_read = metrics.answers.read_wave

    def slow_read(*args, **kwargs):
        started = time.monotonic()
        time.sleep(0.3)  # wide enough for the other thread to be inside too, were it allowed
        result = real_read(*args, **kwargs)
        reading.append((threading.current_thread().name, started, time.monotonic()))
        return result

    monkeypatch.setattr(metrics.answers, "read_wave", slow_read)
    barrier, errors = threading.Barrier(2), []

    def run() -> None:
        barrier.wait()
        try:
            recompute(ctx.engine, ctx.framework, ctx.consortium_id, everything=True, wait=60)
        except Exception as error:  # the test fails below with it
            errors.append(error)

    threads = [threading.Thread(target=run, name=f"recompute-{i}") for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert {name for name, _, _ in reading} == {"recompute-0", "recompute-1"}
    reading.sort(key=lambda r: r[1])
    for (name_a, _, end_a), (name_b, start_b, _) in zip(reading, reading[1:]):
        assert name_a == name_b or end_a <= start_b, "two recomputes read at the same time"
    twice = _snapshots(ctx)
    monkeypatch.setattr(metrics.answers, "read_wave", real_read)
    recompute(ctx.engine, ctx.framework, ctx.consortium_id, everything=True)
    assert twice == _snapshots(ctx)  # identical to a single run


def test_a_held_lock_refuses_or_makes_wait(ingested):
    ctx = ingested
    name = f"recompute:{ctx.consortium_id}"
    with held(ctx.engine, name) as owner:
        with pytest.raises(LockBusy, match=f"{name} is held by {owner} since "):
            recompute(ctx.engine, ctx.framework, ctx.consortium_id)
        assert holder(ctx.engine, name)[0] == owner
    assert holder(ctx.engine, name) == (None, None)

    def hold_a_moment() -> None:
        with held(ctx.engine, name):
            started.set()
            time.sleep(1)

    started = threading.Event()
    thread = threading.Thread(target=hold_a_moment)
    thread.start()
    started.wait(10)
    report = recompute(ctx.engine, ctx.framework, ctx.consortium_id, wait=30)
    thread.join()
    assert report[0].startswith("wave 2031")


def test_a_dead_holders_lock_frees_itself_and_a_live_one_is_renewed(ctx):
    short = timedelta(seconds=1)
    assert try_claim(ctx.engine, "x", "dead:1:a", short)  # then never renewed: the process died
    assert not try_claim(ctx.engine, "x", "other:2:b", short)
    time.sleep(1.2)
    assert try_claim(ctx.engine, "x", "other:2:b", short)
    time.sleep(1.2)
    with held(ctx.engine, "x", lease=short):  # renewed every third of a second
        for _ in range(6):
            time.sleep(0.3)
            assert not try_claim(ctx.engine, "x", "other:2:b", short)


def test_the_cli_waits_for_a_running_recompute_or_gives_up(ingested, monkeypatch):
    ctx = ingested
    monkeypatch.setenv("DATABASE_URL", ctx.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    name = f"recompute:{ctx.consortium_id}"
    with held(ctx.engine, name) as owner:
        result = CliRunner().invoke(main, ["recompute", "--wait", "0"])
        assert result.exit_code == 1
        assert result.output.strip().splitlines()[-1] == (
            f"Error: another recompute of this consortium is running ({name} is held by "
            f"{owner} since {holder(ctx.engine, name)[1]:%Y-%m-%d %H:%M:%S} UTC): try again later"
        )
    started = threading.Event()

    def hold_a_moment() -> None:
        with held(ctx.engine, name):
            started.set()
            time.sleep(1.5)

    thread = threading.Thread(target=hold_a_moment)
    thread.start()
    started.wait(10)
    result = CliRunner().invoke(main, ["recompute"])
    thread.join()
    assert result.exit_code == 0, result.output
    assert "another recompute of this consortium is running" in result.output
    assert "waiting up to 600 s" in result.output
    assert "wave 2031" in result.output


def test_the_scheduled_recompute_skips_while_another_runs(ingested, monkeypatch, caplog):
    from samenwerkingsmonitor.jobs import recompute_changed

    ctx = ingested
    monkeypatch.setenv("DATABASE_URL", ctx.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    with held(ctx.engine, f"recompute:{ctx.consortium_id}"), caplog.at_level("INFO"):
        recompute_changed()  # no exception: the next tick takes up what is still to do
    assert any(
        r.message.startswith("recompute skipped: another recompute of this consortium is running")
        for r in caplog.records
    )
    with ctx.engine.connect() as c:
        assert not c.scalar(select(m.MeasureSnapshot.id).limit(1))
    recompute_changed()
    with ctx.engine.connect() as c:
        assert c.scalar(select(m.MeasureSnapshot.id).limit(1))
