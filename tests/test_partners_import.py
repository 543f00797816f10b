"""The partner list: spreadsheet import (validation, listing rule, idempotency), the administrator's
save_partner and list_partners, and the `partners` commands."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectors.files import FileFormatError
from collectors.partners import (
    SECTOR_LABELS,
    PartnerInvalid,
    import_partner_file,
    list_partners,
    save_partner,
    sector_code,
)
from db import models as m
from samenwerkingsmonitor.cli import main
from tests.conftest import SEPTET

HEADER = ["network", "code", "name", "sector", "waves"]


def write_csv(path: Path, rows: list[list[str]], header=HEADER, delimiter=";") -> Path:
    """As Excel saves 'CSV UTF-8' in a Dutch locale: BOM, semicolons, CRLF."""
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list], header=HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Partners"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def memberships(ctx, network: str) -> dict[str, set[str]]:
    """partner code → the wave codes it is listed in."""
    with ctx.engine.connect() as c:
        rows = c.execute(
            select(m.Partner.code, m.Wave.code)
            .join(m.Network, m.Network.id == m.Partner.network_id)
            .outerjoin(m.PartnerMembership, m.PartnerMembership.partner_id == m.Partner.id)
            .outerjoin(m.Wave, m.Wave.id == m.PartnerMembership.wave_id)
            .where(m.Network.code == network)
        ).all()
    out: dict[str, set[str]] = {}
    for code, wave in rows:
        out.setdefault(code, set())
        if wave:
            out[code].add(wave)
    return out


def partitions(ctx) -> dict[tuple[str, str], int]:
    with ctx.engine.connect() as c:
        rows = c.execute(
            select(m.Network.code, m.Wave.code, m.Partition.data_version)
            .join(m.Network, m.Network.id == m.Partition.network_id)
            .join(m.Wave, m.Wave.id == m.Partition.wave_id)
        ).all()
    return {(n, w): v for n, w, v in rows}


def test_sector_labels_are_the_model_codes_and_read_in_any_case():
    assert tuple(SECTOR_LABELS) == m.SECTORS
    assert sector_code("Huisarts / eerste lijn") == "huisarts"
    assert sector_code("  THUISZORG ") == "thuiszorg"
    assert sector_code("verpleeg- en verzorgingshuis (vvt)") == "vvt"
    assert sector_code("VVT") == "vvt"
    assert sector_code("Palliatief team") == "palliatief_team"
    assert sector_code("palliatief_team") == "palliatief_team"
    assert sector_code("Social domain") == "sociaal_domein"
    assert sector_code("Apotheek") is None


def test_csv_with_bom_and_semicolons_is_imported_once(ctx, tmp_path):
    path = write_csv(
        tmp_path / "partners.csv",
        [
            [
                "UTS",
                "P01",
                "Huisartsenpraktijk Overvecht",
                "Huisarts / eerste lijn",
                "2025-netwerk;2026-netwerk",
            ],
            ["UTS", "P02", "Buurtzorg Zuilen", "THUISZORG", "2026-netwerk"],
            ["UTS", "P03", "Zorgcentrum Lunetten", "Verpleeg- en verzorgingshuis (VVT)", ""],
            ["EEM", "E01", "Meander Medisch Centrum", "Ziekenhuis", "2024-netwerk, 2026-netwerk"],
        ],
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbfnetwork;code")
    s = import_partner_file(ctx.engine, path, consortium_id=ctx.consortium_id)
    assert (s.rows_in, s.rows_new, s.rows_updated, s.rows_unchanged, s.rows_rejected) == (
        4,
        4,
        0,
        0,
        0,
    )
    frame = list_partners(ctx.engine, ctx.consortium_id)
    assert frame[["network", "code", "sector"]].values.tolist() == [
        ["EEM", "E01", "ziekenhuis"],
        ["UTS", "P01", "huisarts"],
        ["UTS", "P02", "thuiszorg"],
        ["UTS", "P03", "vvt"],
    ]
    assert frame["waves"].tolist() == [
        ["2024-netwerk", "2026-netwerk"],
        ["2025-netwerk", "2026-netwerk"],
        ["2026-netwerk"],
        [],
    ]
    # Every network × wave that gained a listed partner is marked for the recompute.
    assert partitions(ctx) == {
        ("UTS", "2025-netwerk"): 1,
        ("UTS", "2026-netwerk"): 1,
        ("EEM", "2024-netwerk"): 1,
        ("EEM", "2026-netwerk"): 1,
    }
    with ctx.engine.connect() as c:
        run = c.execute(select(m.CollectorRun.source, m.CollectorRun.status)).one()
    assert tuple(run) == ("partners", "ok")

    again = import_partner_file(ctx.engine, path, consortium_id=ctx.consortium_id)
    assert (again.rows_new, again.rows_updated, again.rows_unchanged) == (0, 0, 4)
    assert not again.changed
    with ctx.engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(m.Partner)) == 4
        assert c.scalar(select(func.count()).select_from(m.PartnerMembership)) == 5
    assert set(partitions(ctx).values()) == {1}  # nothing moved: nothing to recompute


def test_malformed_rows_are_rejected_with_row_and_column(ctx, tmp_path):
    rows = [
        ["UTS", "P01", "Huisartsenpraktijk Overvecht", "huisarts", "2026-netwerk"],  # 2: ok
        ["XXX", "X01", "Onbekend netwerk", "huisarts", ""],  # 3
        ["UTS", "P02", "Apotheek Zuilen", "Apotheek", ""],  # 4
        ["UTS", "P03", "Hospice Lunetten", "hospice", "2030-netwerk"],  # 5
        ["UTS", "P04", "Ziekenhuis", "ziekenhuis", "2026"],  # 6: a questionnaire wave
        ["UTS", "", "Zonder code", "overig", ""],  # 7
        ["UTS", "P06", "", "overig", ""],  # 8
        ["UTS", "P" * 41, "Te lange code", "overig", ""],  # 9
        ["UTS", "P 07", "Spatie in code", "overig", ""],  # 10
        ["UTS", "P08", "Eerste versie", "thuiszorg", ""],  # 11: P08 twice, different …
        ["UTS", "P08", "Tweede versie", "thuiszorg", ""],  # 12: … both rejected
        ["EEM", "E01", "Meander", "ziekenhuis", "2026-netwerk"],  # 13: ok …
        ["EEM", "E01", "Meander", "ziekenhuis", "2026-netwerk"],  # 14: … exact repeat, once
        ["UTS", "P09", "Gemeente Utrecht, Wmo", "sociaal_domein", "", "extra"],  # 15: too long
    ]
    path = write_csv(tmp_path / "lijst.csv", rows)
    s = import_partner_file(ctx.engine, path, consortium_id=ctx.consortium_id)
    # 14 rows: P01 and E01 new, the repeat of E01 unchanged, 11 rejected.
    assert (s.rows_in, s.rows_new, s.rows_unchanged, s.rows_rejected) == (14, 2, 1, 11)
    with Session(ctx.engine) as session:
        rejects = {r.row_number: r for r in session.scalars(select(m.RejectedRow))}
    assert set(rejects) == {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15}
    expected = {
        3: ("network", "XXX", "unknown network 'XXX'"),
        4: ("sector", "Apotheek", "unknown sector 'Apotheek'"),
        5: ("waves", "2030-netwerk", "unknown wave '2030-netwerk'"),
        6: ("waves", "2026", "wave '2026' is not a wave of a relational instrument"),
        7: ("code", "", "code is empty"),
        8: ("name", "", "name is empty"),
        9: ("code", "P" * 41, "is longer than 40 characters"),
        10: ("code", "P 07", "may hold only letters, digits"),
        11: ("code", "P08", "network UTS code P08 appears on rows 11, 12 with different content"),
        12: ("code", "P08", "appears on rows 11, 12"),
    }
    for number, (column, value, text) in expected.items():
        reject = rejects[number]
        assert reject.reason.startswith(f"lijst.csv row {number}: "), reject.reason
        assert (reject.column, reject.value) == (column, value), reject.reason
        assert text in reject.reason
        assert reject.raw["code"] == rows[number - 2][1]  # the raw row is kept
    assert rejects[15].reason == "lijst.csv row 15: 6 fields, the header has 5"
    assert set(list_partners(ctx.engine, ctx.consortium_id)["code"]) == {"P01", "E01"}


def test_missing_column_stops_the_file(ctx, tmp_path):
    path = write_csv(tmp_path / "geen-sector.csv", [["UTS", "P01", "X"]], header=HEADER[:3])
    with pytest.raises(FileFormatError, match="geen-sector.csv: missing column.s. sector"):
        import_partner_file(ctx.engine, path, consortium_id=ctx.consortium_id)
    with ctx.engine.connect() as c:
        assert c.scalar(select(m.CollectorRun.status)) == "failed"


def test_a_list_for_a_wave_defines_who_is_listed_in_it(ctx, tmp_path):
    first = write_csv(
        tmp_path / "2026.csv",
        [
            ["UTS", "P01", "Huisartsenpraktijk Overvecht", "huisarts", "2025-netwerk;2026-netwerk"],
            ["UTS", "P02", "Buurtzorg Zuilen", "thuiszorg", "2026-netwerk"],
            ["UTS", "P03", "Zorgcentrum Lunetten", "vvt", "2026-netwerk"],
            ["UTS", "P04", "Hospice Lunetten", "hospice", "2026-netwerk"],
            ["EEM", "E01", "Meander", "ziekenhuis", "2026-netwerk"],
        ],
    )
    import_partner_file(ctx.engine, first, consortium_id=ctx.consortium_id)
    assert partitions(ctx)[("UTS", "2026-netwerk")] == 1
    # The XLSX for UTS: P01 renamed and of another sector, P02 without waves, P03 left out,
    # P04's row is rejected (it keeps its place), P05 joins.
    second = write_xlsx(
        tmp_path / "2026-bijgewerkt.xlsx",
        [
            ["UTS", "P01", "Gezondheidscentrum Overvecht", "Palliatief team", "2026-netwerk"],
            ["UTS", "P02", "Buurtzorg Zuilen", "thuiszorg", None],
            ["UTS", "P04", "Hospice Lunetten", "hospice??", "2026-netwerk"],
            ["UTS", "P05", "Sociaal wijkteam Zuilen", "Sociaal domein", "2026-netwerk"],
        ],
    )
    s = import_partner_file(ctx.engine, second, consortium_id=ctx.consortium_id)
    # P01 updated (name, sector), P02 updated (left 2026), P05 new, P04 rejected.
    assert (s.rows_in, s.rows_new, s.rows_updated, s.rows_rejected) == (4, 1, 2, 1)
    assert memberships(ctx, "UTS") == {
        "P01": {"2025-netwerk", "2026-netwerk"},  # 2025 is not in the file: untouched
        "P02": set(),  # its row does not list 2026, which the file lists
        "P03": set(),  # not in the file: out of 2026
        "P04": {"2026-netwerk"},  # rejected row: keeps what it had
        "P05": {"2026-netwerk"},
    }
    assert memberships(ctx, "EEM") == {"E01": {"2026-netwerk"}}  # another network: untouched
    assert any("UTS 2026-netwerk: no longer listed: P02, P03" in w for w in s.warnings)
    versions = partitions(ctx)
    assert versions[("UTS", "2026-netwerk")] == 2  # bumped once for the whole import
    assert versions[("UTS", "2025-netwerk")] == 2  # P01's sector moved its cross-sector ties
    assert versions[("EEM", "2026-netwerk")] == 1
    frame = list_partners(ctx.engine, ctx.consortium_id, networks=["UTS"])
    p01 = frame[frame["code"] == "P01"].iloc[0]
    assert (p01["name"], p01["sector"]) == ("Gezondheidscentrum Overvecht", "palliatief_team")


def test_save_partner_validates_and_lists(ctx):
    cid = ctx.consortium_id
    pid = save_partner(
        ctx.engine,
        cid,
        network="ZOU",
        code="Z01",
        name="Hospice Zeist",
        sector="Hospice",
        waves=["2025-netwerk", "2026-netwerk"],
    )
    assert partitions(ctx) == {("ZOU", "2025-netwerk"): 1, ("ZOU", "2026-netwerk"): 1}
    with pytest.raises(PartnerInvalid) as caught:
        save_partner(
            ctx.engine,
            cid,
            network="ZOU",
            code="Z01",
            name="",
            sector="Bakker",
            waves="2026;2031-netwerk",
        )
    problems = {(p.field, p.key) for p in caught.value.problems}
    assert problems == {
        ("name", "required"),
        ("sector", "unknown_sector"),
        ("waves", "not_relational_wave"),
        ("waves", "unknown_wave"),
        ("code", "code_taken"),
    }
    assert caught.value.fields["code"] == "network ZOU already has a partner with code 'Z01'"
    with pytest.raises(PartnerInvalid) as caught:
        save_partner(ctx.engine, cid, network="NOPE", code="x", name="x", sector="overig", waves=[])
    assert caught.value.fields == {"network": "unknown network 'NOPE'"}
    with pytest.raises(PartnerInvalid, match="partner_id: no partner 999999"):
        save_partner(
            ctx.engine,
            cid,
            network="ZOU",
            code="Z9",
            name="x",
            sector="overig",
            waves=[],
            partner_id=999999,
        )

    # An edit: another sector and only 2026; the partition of the wave it left moves too.
    same = save_partner(
        ctx.engine,
        cid,
        network="ZOU",
        code="Z01",
        name="Hospice De Wilgenhof",
        sector="vrijwilligers",
        waves="2026-netwerk",
        partner_id=pid,
    )
    assert same == pid
    assert partitions(ctx) == {("ZOU", "2025-netwerk"): 2, ("ZOU", "2026-netwerk"): 2}
    frame = list_partners(ctx.engine, cid, networks=["ZOU"])
    assert frame.drop(columns="id").to_dict("records") == [
        {
            "network": "ZOU",
            "code": "Z01",
            "name": "Hospice De Wilgenhof",
            "sector": "vrijwilligers",
            "waves": ["2026-netwerk"],
        }
    ]
    assert list_partners(ctx.engine, cid, networks=["EEM"]).empty
    with ctx.engine.connect() as c:
        events = c.execute(
            select(m.AuditEvent.action, m.AuditEvent.entity, m.AuditEvent.before).order_by(
                m.AuditEvent.id
            )
        ).all()
    assert [(a, e) for a, e, _ in events] == [("create", "partner"), ("update", "partner")]
    assert events[1][2]["waves"] == ["2025-netwerk", "2026-netwerk"]


@pytest.fixture
def cli(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    runner = CliRunner()

    def invoke(*args: str, code: int = 0):
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return invoke


def test_partners_commands(cli, tmp_path):
    path = write_csv(
        tmp_path / "partners.csv",
        [
            ["UTS", "P01", "Huisartsenpraktijk Overvecht", "huisarts", "2026-netwerk"],
            ["UTS", "P02", "Buurtzorg Zuilen", "thuiszorg", "2025-netwerk;2026-netwerk"],
            ["EEM", "E01", "Meander", "ziekenhuis", ""],
            ["EEM", "E02", "Meander", "tandarts", ""],
        ],
    )
    result = cli("partners", "import", str(path))
    assert "partners.csv: 4 rows — 3 new, 0 updated, 0 unchanged, 1 rejected" in result.output
    assert "partners.csv row 5: unknown sector 'tandarts'" in result.output
    listed = cli("partners", "list", "--network", "UTS").output.splitlines()
    assert listed == [
        "network\tcode\tsector\twaves\tname",
        "UTS\tP01\thuisarts\t2026-netwerk\tHuisartsenpraktijk Overvecht",
        "UTS\tP02\tthuiszorg\t2025-netwerk;2026-netwerk\tBuurtzorg Zuilen",
    ]
    assert "EEM\tE01\tziekenhuis\t-\tMeander" in cli("partners", "list").output
    assert (
        "4 rows — 0 new, 0 updated, 3 unchanged, 1 rejected"
        in cli("partners", "import", str(path)).output
    )
    bad = write_csv(tmp_path / "bad.csv", [["UTS", "P01"]], header=["network", "code"])
    assert (
        "bad.csv: missing column(s) name, sector"
        in cli("partners", "import", str(bad), code=1).output
    )
    assert "unknown sector 'tandarts'" in cli("rejects", "--source", "partners").output
