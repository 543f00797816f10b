"""The Gegevens page: runs, next runs, freshness and rejected rows, downloadable."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

from collectors.collect import collect
from dashboard.app import create_app
from samenwerkingsmonitor.sources import load_sources
from tests.conftest import make_context
from tests.fixtures.exports import ls_record, sources_file, write_limesurvey_csv
from tests.login import as_user, start_logged_in


def collected(context, tmp_path, monkeypatch):
    path = sources_file(tmp_path / "sources.yaml")
    monkeypatch.setenv("SOURCES_FILE", str(path))
    sources = load_sources(path, context.framework)
    inbox = tmp_path / "data" / "inbox" / "ls"
    inbox.mkdir(parents=True)
    write_limesurvey_csv(
        inbox / "export.csv", [ls_record(1), ls_record(2, network="N3"), ls_record(3, network="N9")]
    )
    (inbox / "a-kapot.xlsx").write_bytes(b"not a workbook")
    collect(context, sources.get("ls"), sources)
    return context


def test_layout_shows_runs_freshness_and_rejects(ctx, tmp_path, monkeypatch):
    from dashboard.pages.data import layout, rejects_download, sources_frame

    collected(ctx, tmp_path, monkeypatch)
    frame = sources_frame(ctx).set_index("source")
    assert frame.loc["ls", "status"] == "ok" and frame.loc["ls", "rows_rejected"] == 1
    assert frame.loc["ls", "next_run"] is not None  # computed from the cron (no job store yet)
    assert frame.loc["push", "next_run"] == "manual" and frame.loc["api", "next_run"] == "manual"
    app = create_app(ctx)
    with as_user(app, ctx, "admin", "/gegevens"):
        page = str(layout())
        english = str(layout(lang="en"))
    assert "Gegevens" in page and "unknown network 'N9'" in page
    assert "Freshness per network" in english
    payload = rejects_download(ctx, "csv")
    assert payload["filename"].endswith(".csv") and "unknown network 'N9'" in payload["content"]


@pytest.mark.browser
def test_gegevens_page_in_the_browser(dash_duo, sqlite_url, tmp_path, monkeypatch):
    context = collected(make_context(sqlite_url, tmp_path), tmp_path, monkeypatch)
    start_logged_in(dash_duo, create_app(context), context)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/gegevens")
    dash_duo.wait_for_element("#data-sources", timeout=10)
    row = dash_duo.find_element("#source-ls").text
    assert "limesurvey_file" in row and "gelukt" in row and "mislukt" not in row
    assert "UTS" in dash_duo.find_element("#data-freshness").text
    assert "unknown network 'N9'" in dash_duo.find_element("#data-rejects").text
    dash_duo.find_element("#data-rejects-csv").click()
    folder = Path(dash_duo.download_path)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not list(folder.glob("*.csv")):
        time.sleep(0.2)
    (download,) = folder.glob("*.csv")
    frame = pd.read_csv(download, sep=";", encoding="utf-8-sig")  # Dutch Excel's CSV
    assert "unknown network 'N9'" in frame["reason"].iloc[0]
    assert dash_duo.get_logs() == []
