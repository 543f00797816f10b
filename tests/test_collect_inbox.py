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
from samenwerkingsmonitor.sources import load_sources
from tests.fixtures.exports import ls_record, sources_file, write_limesurvey_csv

ROWS = 30


@pytest.fixture
def sources(tmp_path, monkeypatch, ctx):
    path = sources_file(tmp_path / "sources.yaml")
    monkeypatch.setenv("SOURCES_FILE", str(path))
    return load_sources(path, ctx.framework)


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
