"""Waves nobody configured: a wave string in a file (a typo, the relational questionnaire's wave, a
year ahead) is a reject with file, row, column and reason, unless the source allows creating
waves (issue 15, "Spreadsheets say what they hold")."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from collectors.collect import ingest_path
from db import models as m
from samenwerkingsmonitor.sources import SourcesError, load_sources
from tests.fixtures.exports import ls_record, sources_file, write_limesurvey_csv

HEADER = "response_id,network,group,wave,submitted_at,VIS1,VIS2\n"


def rejects(ctx) -> dict[int, m.RejectedRow]:
    with ctx.engine.connect() as c:
        return {r.row_number: r for r in c.execute(select(m.RejectedRow)).all()}


def waves(ctx) -> set[str]:
    with ctx.engine.connect() as c:
        return set(c.scalars(select(m.Wave.code)))


def test_a_wave_the_framework_lacks_is_a_reject_with_file_row_column_and_reason(ctx, tmp_path):
    path = tmp_path / "golven.csv"
    path.write_text(
        HEADER
        + "r1,UTS,ZP,2026,2026-10-01 09:00,4,5\n"  # a configured wave of the questionnaire
        + "r2,UTS,ZP,2026-netwerk,2026-10-01 09:00,4,5\n"  # the relational questionnaire's wave
        + "r3,UTS,ZP,2062,2026-10-01 09:00,4,5\n",  # a typo
        encoding="utf-8",
    )
    before = waves(ctx)
    summary = ingest_path(ctx, path, None, name="template")
    assert (summary.rows_new, summary.rows_rejected) == (1, 2)
    found = rejects(ctx)
    assert found[3].column == "wave" and found[3].value == "2026-netwerk"
    assert found[3].reason == (
        "golven.csv row 3: unknown wave '2026-netwerk' (the instrument's waves: 2024, 2025, 2026; "
        "a source with create_waves: true may add one)"
    )
    assert found[4].column == "wave" and "unknown wave '2062'" in found[4].reason
    assert waves(ctx) == before  # nothing created


def test_create_waves_lets_a_source_or_the_command_add_a_wave(ctx, tmp_path):
    path = tmp_path / "nieuw.csv"
    path.write_text(HEADER + "r1,UTS,ZP,2031,2031-10-01 09:00,4,5\n", encoding="utf-8")
    assert ingest_path(ctx, path, None, name="template").rows_rejected == 1
    allowed = ingest_path(ctx, path, None, name="template", force=True, create_waves=True)
    assert (allowed.rows_new, allowed.rows_rejected) == (1, 0)
    assert "2031" in waves(ctx)


def test_a_mapped_source_rejects_an_unknown_wave_unless_it_may_create_one(ctx, tmp_path):
    path = sources_file(tmp_path / "sources.yaml")
    strict = path.read_text().replace("    create_waves: true\n", "", 1)  # the first: ls
    path.write_text(strict, encoding="utf-8")
    sources = load_sources(path, ctx.framework)
    assert not sources.get("ls").create_waves
    export = write_limesurvey_csv(tmp_path / "results.csv", [ls_record(1), ls_record(2)])
    summary = ingest_path(ctx, export, sources.get("ls"), name="ls")
    assert (summary.rows_new, summary.rows_rejected) == (0, 2)
    assert all(
        r.column == "wave" and "unknown wave '2031'" in r.reason for r in rejects(ctx).values()
    )
    allowed = sources.get("ls").model_copy(update={"create_waves": True})
    again = ingest_path(ctx, export, allowed, name="ls", force=True)
    assert (again.rows_new, again.rows_rejected) == (2, 0)


def test_a_relational_source_cannot_create_waves(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n  - name: netwerk\n    kind: relational_template\n    create_waves: true\n",
        encoding="utf-8",
    )
    with pytest.raises(SourcesError, match="a relational source cannot create waves"):
        load_sources(path)


def test_an_api_source_rejects_an_unknown_wave_and_stores_no_invited_count(
    ctx, tmp_path, monkeypatch
):
    from collectors.collect import collect_limesurvey
    from tests.fixtures.limesurvey_server import FakeLimeSurvey, serve_api_source

    server = FakeLimeSurvey()
    server.responses = [ls_record(1), ls_record(2)]
    sources = load_sources(sources_file(tmp_path / "sources.yaml"), ctx.framework)
    api = sources.get("api").model_copy(update={"create_waves": False})
    before = waves(ctx)
    with serve_api_source(server, monkeypatch):
        summary = collect_limesurvey(ctx, api)
    assert (summary.rows_new, summary.rows_rejected) == (0, 2)
    assert "response 1: unknown wave '2031'" in summary.rejects[0]
    assert waves(ctx) == before  # neither the responses nor the invited count created it
