"""The sources file: validated with file, line and field; `sources check` dry-runs a sample."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.framework import load_framework
from samenwerkingsmonitor.sources import SourcesError, load_sources, next_run
from tests.conftest import REPO, SEPTET
from tests.fixtures.exports import ls_record, sources_file, write_limesurvey_csv


def test_septet_sources_file_is_valid_and_api_waits_for_its_url(monkeypatch):
    monkeypatch.delenv("LIMESURVEY_URL", raising=False)
    sources = load_sources(REPO / "config" / "sources.yaml", load_framework(SEPTET))
    kinds = {s.kind for s in sources.sources}
    assert {
        "limesurvey_file",
        "msforms_file",
        "template",
        "status_file",
        "push",
        "limesurvey_api",
    } <= kinds
    api = next(s for s in sources.sources if s.kind == "limesurvey_api")
    assert not api.active()
    monkeypatch.setenv("LIMESURVEY_URL", "https://enquete.example.nl")
    assert api.active()


def test_problems_name_file_line_and_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "sources:\n"
        "  - name: ls\n"
        "    kind: limesurvey_file\n"
        "    schedule: '*/5 * * *'\n"
        "    mapping:\n"
        "      network: {column: NETWERK, values: {N1: XXX}}\n"
        "      group: {value: ZP}\n"
        "      wave: {value: '2031'}\n"
        "      items: {'THEMA01[SQ001]': NOPE}\n"
        "  - name: ls\n"
        "    kind: template\n",
        encoding="utf-8",
    )
    with pytest.raises(SourcesError) as caught:
        load_sources(path, load_framework(SEPTET))
    assert (
        str(caught.value)
        == f"{path}:4: sources[0].schedule: a cron schedule has 5 fields (minute hour day month weekday) or 6 (seconds first), got 4 in '*/5 * * *'"
    )
    path.write_text(path.read_text().replace("'*/5 * * *'", "'*/5 * * * *'"))
    with pytest.raises(SourcesError) as caught:
        load_sources(path, load_framework(SEPTET))
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{path}:6: sources[0].mapping.network.values.N1: unknown network 'XXX'",
        f"{path}:9: sources[0].mapping.items.THEMA01[SQ001]: unknown item code 'NOPE'",
        f"{path}:10: sources[1].name: source name 'ls' is used twice",
    ]


def test_a_push_source_needs_its_token_variable(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("sources:\n  - {name: p, kind: push}\n  - {name: q, kind: nope}\n")
    with pytest.raises(
        SourcesError, match=r"s.yaml:2: sources\[0\]: a push source needs token_env"
    ):
        load_sources(path)


def test_next_run_follows_the_cron():
    from datetime import datetime

    from samenwerkingsmonitor.clock import zone

    on = datetime(2031, 10, 1, 9, 41, tzinfo=zone())
    assert next_run("*/10 * * * *", on) == datetime(2031, 10, 1, 9, 50, tzinfo=zone())
    assert next_run(None) is None


@pytest.fixture
def cli(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    monkeypatch.setenv("SOURCES_FILE", str(sources_file(tmp_path / "sources.yaml")))
    runner = CliRunner()

    def invoke(*args: str, code: int = 0):
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return invoke


def test_sources_check_with_a_sample(cli, tmp_path):
    out = cli("sources", "check").output
    assert "valid — 8 sources" in out and "api" in out
    sample = write_limesurvey_csv(
        tmp_path / "sample.csv",
        [ls_record(1), ls_record(2, network="N3"), ls_record(3, network="N9")],
    )
    result = cli("sources", "check", "--sample", str(sample), "--source", "ls", code=1)
    assert "3 rows — would ingest 2 responses with 10 answers; 1 rejected" in result.output
    assert "network: EEM 1, UTS 1" in result.output
    assert "unknown network 'N9'" in result.output


def test_collect_runs_and_rejects_from_the_command_line(cli, tmp_path):
    inbox = Path(tmp_path / "data" / "inbox" / "ls")
    inbox.mkdir(parents=True)
    records = [ls_record(i) for i in range(1, 40)] + [ls_record(99, network="N9")]
    write_limesurvey_csv(inbox / "export.csv", records)
    (inbox / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    result = cli("collect", "ls", "--once")
    assert "export.csv: 40 rows — 39 new, 0 updated, 0 unchanged, 1 rejected" in result.output
    # one line for the file: what is wrong with it and where it went
    [line] = [line for line in result.output.splitlines() if "broken.xlsx" in line]
    assert line.startswith("error: broken.xlsx: not a readable XLSX workbook")
    assert line.endswith("; moved to quarantine")
    assert "recompute: wave 2031" in result.output
    assert "ls: nothing to collect" in cli("collect", "ls", "--once").output

    runs = cli("runs").output
    assert "ok" in runs and "failed" in runs and "export.csv" in runs
    listed = cli("rejects", "--source", "ls").output
    assert "unknown network 'N9'" in listed
    for suffix in ("csv", "xlsx"):
        out = tmp_path / f"rejects.{suffix}"
        cli("rejects", "--out", str(out))
        frame = pd.read_csv(out) if suffix == "csv" else pd.read_excel(out)
        assert len(frame) == 1 and "N9" in frame.loc[0, "raw"]
    assert "no source 'nope'" in cli("collect", "nope", code=1).output
