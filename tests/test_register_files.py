"""The project register as a file, both ways, through the command line on SQLite and PostgreSQL:
the export read into an empty register gives the same register, reading a file again changes
nothing, and every bad row is rejected with its file, row, column and reason while the good rows
are kept — with real CSV and XLSX files."""

from __future__ import annotations

import csv
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import delete, func, select

from collectors import projects as register
from collectors.runs import rejected_rows
from db import models as m
from samenwerkingsmonitor import clock
from tests.conftest import make_context
from tests.test_cli import cli  # noqa: F401 (the fixture)

ENTRIES = [
    {
        "code": "PZP",
        "name": "Implementatie richtlijn proactieve zorgplanning",
        "description": '=HYPERLINK("http://x","Klik"); scholing, gesprekskaarten\n-wekelijks',
        "owner": "Netwerk Utrecht stad",
        "start": "2024-02-01",
        "end": "31-12-2026",
        "networks": "UTS;EEM;ZOU",
        "tags": "A1;S6;K2;L1;V1",
        "lifecycle": "actief",
        "lifecycle_date": "2024-02-01",
    },
    {
        "code": "A027",
        "name": "Verbetering transmurale samenwerking (A027) — coördinatie",
        "owner": "+31 pilotgroep",
        "start": "2023-09-01",
        "networks": "UTS;ZOU",
        "tags": "A2;S3;S8",
        "lifecycle": "gestopt",
        "lifecycle_date": "2025-06-30",
        "lifecycle_reason": "@projectgroep: doelen gehaald in de pilot",
    },
    {"code": "MONITOR", "name": "Meten en monitoren"},
]


@pytest.fixture
def filled(database_url, tmp_path):
    ctx = make_context(database_url, tmp_path)
    for values in ENTRIES:
        register.save_project(ctx.engine, ctx.consortium_id, values)
    yield ctx
    ctx.engine.dispose()


def _register(ctx) -> list[dict]:
    frame = register.list_projects(ctx.engine, ctx.consortium_id)
    return frame[list(register.FIELDS)].to_dict("records")


def _count(ctx, model) -> int:
    with ctx.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_export_reads_back_as_the_same_register(filled, cli, tmp_path, suffix):  # noqa: F811
    ctx = filled
    before = _register(ctx)
    out = tmp_path / f"projecten.{suffix}"
    assert "wrote 3 projects" in cli("projects", "export", "--out", str(out)).output
    if suffix == "csv":
        with out.open(encoding="utf-8", newline="") as f:
            rows = {r["code"]: r for r in csv.DictReader(f)}
        assert list(rows) == ["A027", "MONITOR", "PZP"]
        # user text stays text: the formula-like cells are quoted in the file
        assert rows["PZP"]["description"].startswith("'=HYPERLINK")
        assert rows["A027"]["owner"] == "'+31 pilotgroep"
        assert rows["A027"]["lifecycle_reason"].startswith("'@projectgroep")
        assert (rows["PZP"]["networks"], rows["PZP"]["tags"]) == ("EEM;UTS;ZOU", "A1;K2;L1;S6;V1")
        assert (rows["PZP"]["start"], rows["PZP"]["end"]) == ("2024-02-01", "2026-12-31")
    else:
        sheet = load_workbook(out).active
        cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
        formula = next(c for v, c in cells.items() if v.startswith("=HYPERLINK"))
        assert formula.data_type == "s"

    # read again: nothing changes, no version, no audit event
    versions, events = _count(ctx, m.ProjectVersion), _count(ctx, m.AuditEvent)
    again = cli("projects", "import", str(out)).output
    assert f"projecten.{suffix}: 3 rows — 0 new, 0 updated, 3 unchanged, 0 rejected" in again
    assert (_count(ctx, m.ProjectVersion), _count(ctx, m.AuditEvent)) == (versions, events)

    # into an empty register: the same register, lifecycle date and reason included
    with ctx.engine.begin() as conn:
        conn.execute(delete(m.Project))
    assert _register(ctx) == []
    fresh = cli("projects", "import", str(out)).output
    assert "3 new, 0 updated, 0 unchanged, 0 rejected" in fresh
    assert _register(ctx) == before


def test_bad_rows_are_rejected_with_their_reason_and_good_rows_kept(
    database_url,
    tmp_path,
    cli,  # noqa: F811
):
    ctx = make_context(database_url, tmp_path)
    path = tmp_path / "register.csv"
    path.write_text(
        "code;name;owner;start;end;networks;tags;lifecycle;lifecycle_reason;opmerking\n"
        "PATZ;Taakgroep PaTz;Septet;01-03-2024;;UTS,EEM;A1;actief;;eerste\n"
        "HOSP;Hospicezorg;;2024-13-01;;EEM;A1;actief;;\n"
        "COACH;Zorgcoach;;;;XXX;A2;;;\n"
        ";Zonder code;;;;;;;;\n"
        "SOC;Sociaal domein;;;;;A3;gestopt;;\n"
        "DUB;Een;;;;;;;;\n"
        "DUB;Twee;;;;;;;;\n"
        "PATZ;Taakgroep PaTz;Septet;01-03-2024;;UTS,EEM;A1;actief;;eerste\n",
        encoding="utf-8",
    )
    result = cli("projects", "import", str(path))
    assert "8 rows — 1 new, 0 updated, 1 unchanged, 6 rejected" in result.output
    assert "ignored column(s): opmerking" in result.output
    stored = register.list_projects(ctx.engine, ctx.consortium_id)
    assert stored["code"].tolist() == ["PATZ"]
    assert stored["networks"].iloc[0] == ["EEM", "UTS"]
    assert stored["start"].iloc[0] == "2024-03-01"
    rejects = rejected_rows(ctx.engine, source="projects")
    found = {
        (r.file_name, r.row_number, r.column): r.reason for r in rejects.itertuples(index=False)
    }
    assert set(found) == {
        ("register.csv", 3, "start"),
        ("register.csv", 4, "networks"),
        ("register.csv", 5, "code"),
        ("register.csv", 6, "lifecycle_reason"),
        ("register.csv", 7, "code"),
        ("register.csv", 8, "code"),
    }
    assert found["register.csv", 3, "start"] == (
        "register.csv row 3, column start: start '2024-13-01' is not a date "
        "(yyyy-mm-dd or dd-mm-jjjj)"
    )
    assert "unknown network(s): XXX" in found["register.csv", 4, "networks"]
    assert (
        "give the reason why the project is gestopt" in found["register.csv", 6, "lifecycle_reason"]
    )
    assert "appears on rows 7, 8 with different content" in found["register.csv", 7, "code"]
    raw = rejects.loc[rejects["row_number"] == 3, "raw"].iloc[0]
    assert raw["code"] == "HOSP" and raw["start"] == "2024-13-01"
    ctx.engine.dispose()


def test_an_edited_spreadsheet_with_date_cells_reads(database_url, tmp_path, cli):  # noqa: F811
    """Excel turns a typed date into a date cell; the register reads it as that day."""
    ctx = make_context(database_url, tmp_path)
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Name", "Start", "End", "Networks", "Lifecycle"])
    sheet.append(["PALLI", "PalliCare", datetime(2024, 5, 1), "30-04-2027", "NWV;EEM", "voorstel"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    assert "1 new" in cli("projects", "import", str(path)).output
    entry = register.list_projects(ctx.engine, ctx.consortium_id).iloc[0]
    assert (entry["start"], entry["end"], entry["lifecycle"]) == (
        "2024-05-01",
        "2027-04-30",
        "voorstel",
    )
    # Today in the product's zone (Europe/Amsterdam), as the import dates it: the machine's own
    # date (UTC here) is still yesterday's between 23:00 and midnight UTC in winter.
    assert entry["lifecycle_date"] == clock.today().isoformat()
    ctx.engine.dispose()


def test_the_examples_of_the_registers_guide_import_without_rejects(database_url, tmp_path):
    """docs/registers.md shows a project file, a goals file and a result-goal file: they stay
    valid."""
    import re
    from pathlib import Path

    from collectors.goal_files import import_goal_files
    from collectors.project_files import import_project_file

    guide = (Path(__file__).resolve().parent.parent / "docs" / "registers.md").read_text()
    projects, goals, results = re.findall(r"```csv\n(.*?)```", guide, re.S)
    for name, text in (("p.csv", projects), ("g.csv", goals), ("r.csv", results)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    ctx = make_context(database_url, tmp_path)
    read = import_project_file(ctx.engine, tmp_path / "p.csv", consortium_id=ctx.consortium_id)
    assert (read.rows_new, read.rejects) == (2, [])
    read = import_goal_files(
        ctx.engine, tmp_path / "g.csv", tmp_path / "r.csv", consortium_id=ctx.consortium_id
    )
    assert (read.rows_new, read.rejects) == (4, [])
    ctx.engine.dispose()
