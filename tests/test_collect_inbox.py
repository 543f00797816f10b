"""The inbox never loses a file: a file still being written is left until it has been unchanged
for `stable_seconds`; a file that keeps failing goes to quarantine with its reasons; a database
outage leaves the file for the next run."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from collectors.collect import collect
from db import models as m
from tests.fixtures.exports import ls_record, use_sources_file, write_limesurvey_csv

ROWS = 30


@pytest.fixture
def sources(tmp_path, monkeypatch, ctx):
    return use_sources_file(tmp_path, monkeypatch, ctx.framework)


def count(ctx, model) -> int:
    with ctx.engine.connect() as c:
        return c.scalar(select(func.count()).select_from(model))


def write_slowly(path, records: list[dict], pause: float) -> None:
    """Write a LimeSurvey CSV export the way a slow copy does: a piece at a time."""
    whole = write_limesurvey_csv(path.with_suffix(".whole"), records).read_bytes()
    path.with_suffix(".whole").unlink()
    lines = whole.split(b"\r\n")
    with path.open("wb") as f:
        for line in lines[:-1]:
            f.write(line + b"\r\n")
            f.flush()
            time.sleep(pause)


def test_a_file_written_slowly_is_read_once_complete(ctx, sources):
    source = sources.get("ls").model_copy(update={"stable_seconds": 1.0})
    inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    records = [ls_record(i) for i in range(1, ROWS + 1)]
    writer = threading.Thread(
        target=write_slowly, args=(inbox / "export.csv", records, 0.1), daemon=True
    )
    writer.start()
    results = []
    while writer.is_alive():  # the scheduler comes by while the file is being written
        results.append(collect(ctx, source, sources))
        time.sleep(0.25)
    writer.join()
    assert len(results) >= 5
    assert all(r.runs == [] and r.errors == [] for r in results)  # left alone
    assert any(r.waiting == ["export.csv"] for r in results)

    time.sleep(1.2)  # unchanged for stable_seconds now
    done = collect(ctx, source, sources)
    assert [(r.file_name, r.rows_new, r.rows_rejected) for r in done.runs] == [
        ("export.csv", ROWS, 0)
    ]
    with ctx.engine.connect() as c:
        ids = c.scalars(select(m.Response.external_id).where(m.Response.source == "ls")).all()
    assert sorted(ids, key=int) == [str(i) for i in range(1, ROWS + 1)]  # each exactly once
    assert count(ctx, m.RejectedRow) == 0
    assert [p.name.split(".")[0] for p in (inbox / "processed").iterdir()] == ["export"]
    assert not (inbox / "export.csv").exists()


def test_a_file_under_a_temporary_name_waits_for_its_rename(ctx, sources):
    source = sources.get("ls").model_copy(update={"stable_seconds": 0.0})
    inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    for name in (".export.csv", "export.csv.part", "export.csv.tmp", "~$export.xlsx"):
        write_limesurvey_csv(inbox / name, [ls_record(1)])
    assert collect(ctx, source, sources).runs == []
    (inbox / "export.csv.part").rename(inbox / "export.csv")
    assert [r.rows_new for r in collect(ctx, source, sources).runs] == [1]


def test_a_file_that_changes_while_it_is_read_is_read_again_whole(ctx, sources, monkeypatch):
    import collectors.collect as collect_module

    source = sources.get("ls").model_copy(update={"stable_seconds": 0.0})
    inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    path = write_limesurvey_csv(inbox / "export.csv", [ls_record(1), ls_record(2)])
    rest = write_limesurvey_csv(inbox.parent / "rest.csv", [ls_record(3)]).read_bytes()
    real = collect_module.ingest_path

    def ingest_while_the_writer_goes_on(*args, **kwargs):
        summary = real(*args, **kwargs)
        with path.open("ab") as f:  # a writer that paused longer than stable_seconds
            f.write(rest.split(b"\r\n", 1)[1])
        return summary

    monkeypatch.setattr(collect_module, "ingest_path", ingest_while_the_writer_goes_on)
    first = collect(ctx, source, sources)
    assert [r.rows_new for r in first.runs] == [2] and first.waiting == ["export.csv"]
    assert path.exists()  # not moved: it changed while it was read
    monkeypatch.setattr(collect_module, "ingest_path", real)
    second = collect(ctx, source, sources)
    assert [(r.rows_new, r.rows_unchanged) for r in second.runs] == [(1, 2)]
    assert count(ctx, m.Response) == 3 and not path.exists()


# --- values that do not fit, poison files and database outages -----------------------------------


def test_values_that_do_not_fit_are_rejects_the_same_on_both_databases(ctx, sources):
    source = sources.get("template").model_copy(update={"stable_seconds": 0.0})
    inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    long_id, long_wave = "r" * 121, "w" * 21
    (inbox / "awkward.csv").write_text(
        "response_id,network,group,wave,submitted_at,VIS1\n"
        "ok1,UTS,ZP,2031,2031-10-01 09:00,4\n"
        f"{long_id},UTS,ZP,2031,2031-10-01 09:00,4\n"
        f"ok2,UTS,ZP,{long_wave},2031-10-01 09:00,4\n"
        "ok3,UT\x00S,ZP,2031,2031-10-01 09:00,4\n"
        "n\x00ul,UTS,ZP,2031,2031-10-01 09:00,4\n"
        "tz1,UTS,ZP,2031,2031-10-02T10:00:00+02:00,4\n"  # a mixed column: offsets and none
        "tz2,UTS,ZP,2031,2031-10-02 10:00:00Z,5\n"
        "d3,UTS,ZP,2031,gisteren,3\n",
        encoding="utf-8",
    )
    result = collect(ctx, source, sources)
    assert result.errors == [] and result.quarantined == []
    [run] = result.runs
    assert (run.rows_in, run.rows_new, run.rows_rejected) == (8, 3, 5)
    with ctx.engine.connect() as c:
        stored = set(c.scalars(select(m.Response.external_id)))
        rejects = {
            r.row_number: r
            for r in c.execute(
                select(
                    m.RejectedRow.row_number,
                    m.RejectedRow.file_name,
                    m.RejectedRow.column,
                    m.RejectedRow.value,
                    m.RejectedRow.reason,
                )
            )
        }
    assert stored == {"ok1", "tz1", "tz2"}
    assert all(r.file_name == "awkward.csv" for r in rejects.values())
    assert (rejects[3].column, rejects[3].reason) == (
        "response_id",
        "awkward.csv row 3: response_id is longer than 120 characters",
    )
    assert (rejects[4].column, rejects[4].value) == ("wave", long_wave)
    assert "wave is longer than 20 characters" in rejects[4].reason
    assert (rejects[5].column, rejects[5].value) == ("network", "UT\\x00S")
    assert "network contains a NUL character" in rejects[5].reason
    assert (rejects[6].column, rejects[6].value) == ("response_id", "n\\x00ul")
    assert (rejects[9].column, rejects[9].value) == ("submitted_at", "gisteren")


def poisoned(monkeypatch, name: str):
    """A file that makes the reader fail every time (a bug, an input nobody foresaw)."""
    import collectors.limesurvey_export as export

    real = export.read_limesurvey_export

    def reader(path, source, codes):
        if path.name == name:
            raise KeyError("THEMA01[SQ001]")
        return real(path, source, codes)

    monkeypatch.setattr(export, "read_limesurvey_export", reader)


def test_a_poison_file_goes_to_quarantine_after_three_attempts(ctx, sources, monkeypatch):
    source = sources.get("ls")
    inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    write_limesurvey_csv(inbox / "a-poison.csv", [ls_record(1)])
    write_limesurvey_csv(inbox / "b-good.csv", [ls_record(2)])
    poisoned(monkeypatch, "a-poison.csv")

    for attempt in (1, 2):
        result = collect(ctx, source, sources)
        assert (inbox / "a-poison.csv").exists() and result.quarantined == []
        assert result.errors == [
            f"a-poison.csv: KeyError: 'THEMA01[SQ001]' (attempt {attempt} of 3; "
            "the file stays in the inbox)"
        ]
    third = collect(ctx, source, sources)
    assert third.quarantined == ["a-poison.csv"] and not (inbox / "a-poison.csv").exists()
    [reason_file] = (inbox / "quarantine").glob("a-poison.*.reason.txt")
    reason = reason_file.read_text(encoding="utf-8")
    assert reason.startswith("a-poison.csv: failed 3 times; moved to quarantine")
    assert reason.count("KeyError: 'THEMA01[SQ001]'") == 3
    assert count(ctx, m.Response) == 1  # the good file went on regardless
    assert collect(ctx, source, sources).errors == []  # nothing left to fail


def unreachable_engine(database_url: str, tmp_path):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    if database_url.startswith("sqlite"):
        return create_engine(f"sqlite:///{tmp_path}/no/such/folder/monitor.sqlite")
    import socket

    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return create_engine(make_url(database_url).set(host="127.0.0.1", port=port))


def test_a_database_outage_leaves_the_file_for_the_next_run(
    ctx, sources, monkeypatch, database_url, tmp_path
):
    import collectors.collect as collect_module

    source = sources.get("ls")
    inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    write_limesurvey_csv(inbox / "export.csv", [ls_record(1), ls_record(2)])
    real = collect_module.ingest_path
    down = unreachable_engine(database_url, tmp_path)

    class Down:  # the database goes away after the source was claimed
        def __getattr__(self, name):
            return down if name == "engine" else getattr(ctx, name)

    monkeypatch.setattr(collect_module, "ingest_path", lambda _ctx, *a, **k: real(Down(), *a, **k))
    for _ in range(4):  # more than max_attempts: an outage is not the file's fault
        result = collect(ctx, source, sources)
        assert (inbox / "export.csv").exists() and result.quarantined == []
        [error] = result.errors
        assert error.startswith("export.csv: the database is unavailable (OperationalError")
        assert error.endswith("the file stays in the inbox for the next run")

    monkeypatch.setattr(collect_module, "ingest_path", real)
    back = collect(ctx, source, sources)
    assert [r.rows_new for r in back.runs] == [2] and not (inbox / "export.csv").exists()


def test_a_serialisation_failure_leaves_the_file_and_counts_no_attempt(ctx, sources, monkeypatch):
    import psycopg
    from sqlalchemy.exc import OperationalError

    import collectors.ingest as ingest_module

    source = sources.get("ls")
    inbox = source.inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    write_limesurvey_csv(inbox / "export.csv", [ls_record(1)])
    conflict = psycopg.errors.SerializationFailure(
        "could not serialize access due to concurrent update"
    )

    def write_batch(*args, **kwargs):
        raise OperationalError("UPDATE partition …", {}, conflict)

    monkeypatch.setattr(ingest_module, "write_batch", write_batch)
    for _ in range(4):
        result = collect(ctx, source, sources)
        assert (inbox / "export.csv").exists() and result.quarantined == []
        assert "could not serialize access" in result.errors[0]
    with ctx.engine.connect() as c:
        runs = c.execute(select(m.CollectorRun.status, m.CollectorRun.transient)).all()
    assert [tuple(r) for r in runs] == [("failed", True)] * 4  # recorded, not held against it
