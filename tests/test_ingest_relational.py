"""The relational questionnaire: the generic template, a LimeSurvey export with one sub-question per
partner, in-memory frames (the demo's way), rejects, idempotency, partitions and the commands."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectors.collect import collect, ingest_path
from collectors.partners import import_partner_frame
from collectors.relational import (
    TEMPLATE_COLUMNS,
    relational_batch_from_frame,
    relational_codes,
    write_relational_batch,
)
from collectors.run_record import start_run
from db import models as m
from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.clock import local
from samenwerkingsmonitor.sources import load_sources
from tests.conftest import SEPTET

WAVE = "2026-netwerk"
STATEMENTS = list(TEMPLATE_COLUMNS[8:])
LISTING = [
    ("UTS", "P01", "Huisartsenpraktijk Overvecht", "huisarts", WAVE),
    ("UTS", "P02", "Buurtzorg Zuilen", "thuiszorg", WAVE),
    ("UTS", "P03", "Diakonessenhuis", "ziekenhuis", WAVE),
    ("UTS", "P04", "Hospice Utrecht", "hospice", WAVE),
    ("UTS", "P05", "Zorgcentrum Lunetten", "vvt", WAVE),
    ("UTS", "P06", "Palliatief team UMC", "palliatief_team", WAVE),
    ("UTS", "P07", "VPTZ Utrecht", "vrijwilligers", WAVE),
    ("UTS", "P08", "Sociaal wijkteam Zuilen", "sociaal_domein", WAVE),
    ("UTS", "P09", "Apotheek Overvecht", "overig", "2025-netwerk"),  # not listed in 2026
    ("EEM", "E01", "Meander Medisch Centrum", "ziekenhuis", WAVE),
    ("EEM", "E02", "Huisartsen Amersfoort", "huisarts", WAVE),
    ("EEM", "E03", "Thuiszorg Eemland", "thuiszorg", WAVE),
]
SOURCES_YAML = """\
sources:
  - name: netwerk-ls
    kind: limesurvey_relational_file
    sheet: Netwerkvragenlijst Utrecht stad 2026 - samenwerking
    mapping:
      network: {value: UTS}
      wave: {value: 2026-netwerk}
      organisation: {column: ORG, values: {A1: P01, A2: P02, A3: P03, A4: P04}}
  - name: netwerk-tpl
    kind: relational_template
    stable_seconds: 0
"""


@pytest.fixture
def listed(ctx):
    frame = pd.DataFrame(LISTING, columns=["network", "code", "name", "sector", "waves"])
    summary = import_partner_frame(ctx.engine, frame, consortium_id=ctx.consortium_id)
    assert summary.rows_new == len(LISTING)
    return ctx


@pytest.fixture
def sources(tmp_path, monkeypatch, ctx):
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES_YAML, encoding="utf-8")
    monkeypatch.setenv("SOURCES_FILE", str(path))
    return load_sources(path, ctx.framework)


def row(
    rid,
    org,
    partner,
    freq,
    topics="",
    statements=("",) * 6,
    *,
    network="UTS",
    wave=WAVE,
    when="2026-04-10 09:30",
) -> list[str]:
    return [rid, when, network, wave, org, partner, str(freq), topics, *map(str, statements)]


def write_template(path: Path, rows: list[list[str]], delimiter=";") -> Path:
    """A spreadsheet saved as 'CSV UTF-8' in a Dutch locale: BOM, semicolons, CRLF."""
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(TEMPLATE_COLUMNS)
        writer.writerows(rows)
    return path


def reports(ctx, source: str, external_id: str) -> dict[str, tuple]:
    """about → (frequency, topics, six statements) of one stored response."""
    r = m.PartnerReport
    with ctx.engine.connect() as c:
        rows = c.execute(
            select(
                m.Partner.code,
                r.frequency,
                r.topics,
                *(getattr(r, s) for s in STATEMENTS),
            )
            .join(m.Partner, m.Partner.id == r.about_id)
            .join(m.PartnerResponse, m.PartnerResponse.id == r.response_id)
            .where(m.PartnerResponse.source == source, m.PartnerResponse.external_id == external_id)
        ).all()
    return {code: tuple(rest) for code, *rest in rows}


def count(ctx, model) -> int:
    with ctx.engine.connect() as c:
        return c.scalar(select(func.count()).select_from(model))


def version(ctx, network: str, wave: str = WAVE) -> int:
    with ctx.engine.connect() as c:
        return c.scalar(
            select(m.Partition.data_version)
            .join(m.Network, m.Network.id == m.Partition.network_id)
            .join(m.Wave, m.Wave.id == m.Partition.wave_id)
            .where(m.Network.code == network, m.Wave.code == wave)
        )


def rejected(ctx) -> dict[int, m.RejectedRow]:
    with Session(ctx.engine) as session:
        return {r.row_number: r for r in session.scalars(select(m.RejectedRow))}


FIRST = [
    row("r1", "P01", "P02", "wekelijks", "verwijzing;Consultatie", (4, 3, 4, 3, 3, "nvt")),
    row("r1", "P01", "P03", 0),
    row("r1", "P01", "P04", "enkele keren", "Scholing", (2, 2, "", "", "", "")),
    row("r2", "P02", "P01", 2, "gezamenlijke zorg", (3,) * 6, when="12-04-2026 14:00"),
    row("r2", "P02", "P03", "monthly", "", when="12-04-2026 14:00"),
]


def test_template_is_ingested_once_and_updated(listed, tmp_path):
    ctx = listed
    assert version(ctx, "UTS") == 1  # the listing import
    path = write_template(tmp_path / "netwerk.csv", FIRST)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfresponse_id;submitted_at")
    s = ingest_path(ctx, path, None, name="netwerk", kind="relational_template")
    assert (s.rows_in, s.rows_new, s.rows_updated, s.rows_rejected) == (5, 5, 0, 0), s.rejects
    assert count(ctx, m.PartnerResponse) == 2 and count(ctx, m.PartnerReport) == 5
    assert reports(ctx, "netwerk", "r1") == {
        # topics in TOPICS order; 'nvt' is a missing statement (NULL)
        "P02": (3, "verwijzing,consultatie", 4, 3, 4, 3, 3, None),
        "P03": (0, None, None, None, None, None, None, None),
        "P04": (1, "scholing", 2, 2, None, None, None, None),
    }
    assert reports(ctx, "netwerk", "r2") == {
        "P01": (2, "gezamenlijke_zorg", 3, 3, 3, 3, 3, 3),
        "P03": (2, None, None, None, None, None, None, None),
    }
    with ctx.engine.connect() as c:
        submitted = c.execute(
            select(m.PartnerResponse.external_id, m.PartnerResponse.submitted_at)
        ).all()
        reference = c.scalar(select(m.Wave.reference_date).where(m.Wave.code == WAVE))
    # Dutch dates are day first, ISO exact; the framework fixed the wave's date.
    assert {e: f"{local(t):%Y-%m-%d %H:%M:%S}" for e, t in submitted} == {  # stored in UTC
        "r1": "2026-04-10 09:30:00",
        "r2": "2026-04-12 14:00:00",
    }
    assert str(reference) == "2026-05-01"
    assert version(ctx, "UTS") == 2

    assert ingest_path(ctx, path, None, name="netwerk", kind="relational_template").skipped
    forced = ingest_path(ctx, path, None, name="netwerk", kind="relational_template", force=True)
    assert (forced.rows_new, forced.rows_updated, forced.rows_unchanged) == (0, 0, 5)
    assert count(ctx, m.PartnerResponse) == 2 and count(ctx, m.PartnerReport) == 5
    assert version(ctx, "UTS") == 2  # nothing changed: nothing to recompute

    # r1 now works monthly with P02 and leaves P04 out; r2 is the same, in another row order.
    changed = [
        row("r2", "P02", "P03", "monthly", "", when="2026-04-12 14:00"),
        row("r1", "P01", "P02", "maandelijks", "verwijzing;consultatie", (4, 3, 4, 3, 3, "")),
        row("r1", "P01", "P03", "nooit"),
        row("r2", "P02", "P01", 2, "gezamenlijke_zorg", (3,) * 6, when="2026-04-12 14:00"),
    ]
    s = ingest_path(
        ctx,
        write_template(tmp_path / "netwerk-2.csv", changed),
        None,
        name="netwerk",
        kind="relational_template",
    )
    assert (s.rows_new, s.rows_updated, s.rows_unchanged) == (0, 2, 2)
    assert reports(ctx, "netwerk", "r1") == {
        "P02": (2, "verwijzing,consultatie", 4, 3, 4, 3, 3, None),
        "P03": (0, None, None, None, None, None, None, None),
    }
    assert count(ctx, m.PartnerResponse) == 2 and count(ctx, m.PartnerReport) == 4
    assert version(ctx, "UTS") == 3


MALFORMED = [
    row("r-ok", "P01", "P02", 1, "verwijzing", (3,) * 6),  # 2: valid …
    row("r-ok", "P01", "P03", 0),  # 3: … response
    row("r-net", "P02", "P01", 1, network="XXX"),  # 4
    row("r-wave", "P02", "P01", 1, wave="2026"),  # 5: a questionnaire wave
    row("r-wave2", "P02", "P01", 1, wave="2031-netwerk"),  # 6
    row("r-org", "P99", "P01", 1),  # 7: no partner of UTS
    row("r-notlisted", "P09", "P01", 1),  # 8: a partner, listed in 2025 only
    row("r-self", "P02", "P02", 1),  # 9
    row("r-range", "P03", "P01", 1, "", (5, 3, 3, 3, 3, 3)),  # 10: 5 is out of 1–4 …
    row("r-range", "P03", "P02", 1, "", (3,) * 6),  # 11: … so this row goes too
    row("r-never", "P04", "P01", "nooit", "", ("", "", "", 3, "", "")),  # 12
    row("r-meta", "P05", "P01", 1),  # 13: one response id …
    row("r-meta", "P06", "P01", 1),  # 14: … two organisations
    row("r-pair", "P07", "P01", 1),  # 15
    row("r-pair", "P07", "P01", 2),  # 16: the pair again
    row("r-dup", "P01", "P04", 1),  # 17: P01 answered as r-ok already
    row("r-e3", "E03", "E01", "vaak", network="EEM"),  # 18
    row("r-e3", "E03", "E02", 1, "koffie", network="EEM"),  # 19
    row("r-date", "P08", "P01", 1, when="gisteren"),  # 20
    row("", "E01", "E02", 1, network="EEM"),  # 21
    ["r-short", "2026-04-10", "UTS"],  # 22
    row("r-ok2", "E02", "E01", 3, "afspraken", (4,) * 6, network="EEM"),  # 23: valid
    row("r-e1", "E01", "E03", "", network="EEM"),  # 24: no frequency
]


def test_malformed_file_rejects_whole_responses_with_row_and_column(listed, tmp_path):
    ctx = listed
    path = write_template(tmp_path / "bad.csv", MALFORMED)
    s = ingest_path(ctx, path, None, name="netwerk", kind="relational_template")
    # 23 rows: r-ok (2 rows) and r-ok2 (1 row) stored, the other 20 rejected.
    assert (s.rows_in, s.rows_new, s.rows_rejected) == (23, 3, 20)
    with ctx.engine.connect() as c:
        assert set(c.scalars(select(m.PartnerResponse.external_id))) == {"r-ok", "r-ok2"}
    assert count(ctx, m.PartnerReport) == 3
    expected = {
        4: ("network", "XXX", "unknown network 'XXX'"),
        5: ("wave", "2026", "wave '2026' is not a wave of a relational instrument"),
        6: ("wave", "2031-netwerk", "unknown wave '2031-netwerk'"),
        7: ("organisation", "P99", "organisation 'P99' is no partner of network UTS"),
        8: (
            "organisation",
            "P09",
            "organisation 'P09' is not listed for network UTS in wave 2026-netwerk",
        ),
        9: ("partner", "P02", "partner 'P02' is the organisation itself"),
        10: ("trust_openness", "5", "trust_openness '5' is not 1–4 or empty"),
        11: ("response_id", "r-range", "another row of this response was rejected (row 10)"),
        12: (
            "value_influence",
            "3",
            "value_influence given while frequency is 0 (never worked together)",
        ),
        13: (
            "organisation",
            "P05",
            "response_id 'r-meta' has rows with a different organisation (rows 13, 14)",
        ),
        14: ("organisation", "P06", "has rows with a different organisation (rows 13, 14)"),
        15: ("response_id", "r-pair", "another row of this response was rejected (row 16)"),
        16: (
            "partner",
            "P01",
            "partner 'P01' is named twice in response 'r-pair' (first on row 15)",
        ),
        17: (
            "organisation",
            "P01",
            "organisation 'P01' already answered in wave 2026-netwerk as response 'r-ok' (row 2)",
        ),
        18: ("frequency", "vaak", "frequency 'vaak' is not 0–3 or nooit / enkele keren"),
        19: ("topics", "koffie", "topics: unknown topic(s) 'koffie'"),
        20: ("submitted_at", "gisteren", "submitted_at 'gisteren' is not a date"),
        21: ("response_id", "", "response_id is empty"),
        24: ("frequency", "", "frequency is empty"),
    }
    rejects = rejected(ctx)
    assert set(rejects) == {*expected, 22}
    for number, (column, value, text) in expected.items():
        reject = rejects[number]
        assert reject.reason.startswith(f"bad.csv row {number}: "), reject.reason
        assert (reject.column, reject.value) == (column, value), reject.reason
        assert text in reject.reason, reject.reason
        assert reject.raw["response_id"] == MALFORMED[number - 2][0]  # the raw row is kept
    assert rejects[22].reason == "bad.csv row 22: 3 fields, the header has 14"
    assert version(ctx, "UTS") == 2 and version(ctx, "EEM") == 2


def test_a_missing_column_rejects_every_row(listed, tmp_path):
    path = tmp_path / "geen-frequentie.csv"
    header = [c for c in TEMPLATE_COLUMNS if c != "frequency"]
    path.write_text(",".join(header) + "\nr1,2026-04-10,UTS,2026-netwerk,P01,P02\n")
    s = ingest_path(listed, path, None, name="netwerk", kind="relational_template")
    assert (s.rows_in, s.rows_new, s.rows_rejected) == (1, 0, 1)
    assert s.rejects == ["geen-frequentie.csv: missing column(s) frequency"]


# --- LimeSurvey ------------------------------------------------------------------------------------

LS_SYSTEM = [
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "token",
    "startdate",
    "datestamp",
]
PARTNERS = ["P01", "P02", "P03", "P04"]
QUESTIONS = ["OPENHEID", "BETROUWB", "MISSIE", "INVLOED", "MIDDELEN", "BETROKKEN"]
LS_HEADER = [
    *LS_SYSTEM,
    "ORG",
    *(f"FREQ[{p}]" for p in PARTNERS),
    *(f"ONDERWERP[{p}_{t}]" for p in PARTNERS for t in ("verwijzing", "consultatie")),
    *(f"{q}[{p}]" for q in QUESTIONS for p in PARTNERS),
]


def ls_record(rid: int, org: str, answers: dict[str, str], submitted: bool = True) -> dict:
    stamp = f"2026-04-0{rid} 10:1{rid}:00"
    record = dict.fromkeys(LS_HEADER, "")
    record.update(
        id=rid,
        submitdate=stamp if submitted else "",
        lastpage=3 if submitted else 1,
        startlanguage="nl",
        seed=str(1000 + rid),
        token=f"tok{rid}secret",
        startdate=stamp,
        datestamp=stamp,
        ORG=org,
    )
    record.update(answers)
    return record


def statements(partner: str, *codes: str) -> dict[str, str]:
    return {f"{q}[{partner}]": c for q, c in zip(QUESTIONS, codes)}


LS_RECORDS = [
    ls_record(
        1,
        "A1",
        {
            "FREQ[P02]": "A3",
            "FREQ[P03]": "A0",
            "FREQ[P04]": "A1",
            "ONDERWERP[P02_verwijzing]": "Y",
            "ONDERWERP[P04_consultatie]": "1",
            **statements("P02", "A4", "A3", "A4", "A2", "A2", "A3"),
            "OPENHEID[P04]": "A2",
        },
    ),
    ls_record(2, "A2", {"FREQ[P01]": "A1"}, submitted=False),  # incomplete: skipped
    ls_record(
        3, "A2", {"FREQ[P01]": "A2", **statements("P01", "A7", "A3", "A3", "A3", "A3", "A3")}
    ),
    ls_record(
        4,
        "A3",
        {
            "FREQ[P03]": "A2",  # its own line: ignored
            "FREQ[P01]": "A1",
            "FREQ[P02]": "A2",
            "ONDERWERP[P01_consultatie]": "Y",
            **statements("P01", "A3", "A3", "A3", "A3", "A3", "A3"),
        },
    ),
    ls_record(5, "A9", {"FREQ[P01]": "A1"}),
    ls_record(6, "A4", {"FREQ[P01]": "A1", "ONDERWERP[P01_verwijzing]": "misschien"}),
]


def write_ls_csv(path: Path, records: list[dict], delimiter=";") -> Path:
    """As LimeSurvey writes it: UTF-8 with BOM, CRLF, every field double-quoted."""
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(LS_HEADER)
        writer.writerows([[r[h] for h in LS_HEADER] for r in records])
    return path


def write_ls_xlsx(path: Path, records: list[dict]) -> Path:
    """As LimeSurvey writes it: one sheet named after the title cut to 31 characters; id and
    lastpage are numbers, empty answers empty cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Netwerkvragenlijst Utrecht stad 2026 - samenwerking"[:31]
    sheet.append(LS_HEADER)
    for r in records:
        sheet.append([None if r[h] == "" else r[h] for h in LS_HEADER])
    book.save(path)
    return path


@pytest.mark.parametrize("shape", ["csv-semicolon", "csv-comma", "xlsx"])
def test_limesurvey_export_with_a_sub_question_per_partner(listed, sources, tmp_path, shape):
    ctx = listed
    if shape == "xlsx":
        path = write_ls_xlsx(tmp_path / "results-survey 812345.xlsx", LS_RECORDS)
    else:
        delimiter = ";" if shape == "csv-semicolon" else ","
        path = write_ls_csv(tmp_path / "results-survey812345.csv", LS_RECORDS, delimiter)
        raw = path.read_bytes()
        assert raw.startswith(f'\ufeff"id"{delimiter}"submitdate"'.encode()) and b"\r\n" in raw
    s = ingest_path(ctx, path, sources.get("netwerk-ls"), name="netwerk-ls")
    # 6 responses: 1 and 4 stored, 3, 5 and 6 rejected, 2 incomplete.
    assert (s.rows_in, s.rows_new, s.rows_rejected, s.rows_skipped) == (6, 2, 3, 1), s.rejects
    assert reports(ctx, "netwerk-ls", "1") == {
        "P02": (3, "verwijzing", 4, 3, 4, 2, 2, 3),
        "P03": (0, None, None, None, None, None, None, None),
        "P04": (1, "consultatie", 2, None, None, None, None, None),
    }
    assert reports(ctx, "netwerk-ls", "4") == {
        "P01": (1, "consultatie", 3, 3, 3, 3, 3, 3),
        "P02": (2, None, None, None, None, None, None, None),
    }
    assert any("1 answer(s) about the organisation itself ignored" in w for w in s.warnings)
    rejects = rejected(ctx)
    name = path.name
    assert set(rejects) == {4, 6, 7}  # the file rows of responses 3, 5 and 6
    assert (rejects[4].column, rejects[4].value) == ("OPENHEID[P01]", "A7")
    assert rejects[4].reason == (
        f"{name} row 4: OPENHEID[P01] (trust_openness) 'A7' is not 1–4 or empty"
    )
    assert (rejects[6].column, rejects[6].value) == ("ORG", "A9")
    assert rejects[6].reason == (
        f"{name} row 6: ORG (organisation) 'A9' is no partner of network UTS "
        "(partners import adds partners)"
    )
    assert rejects[7].column == "ONDERWERP[P01_verwijzing]"
    assert "ONDERWERP[P01_verwijzing] value 'misschien' is not ticked (1, Y) or empty" in (
        rejects[7].reason
    )
    assert all("token" not in r.raw for r in rejects.values())  # personal data never stored
    assert rejects[4].raw["ORG"] == "A2"

    again = ingest_path(ctx, path, sources.get("netwerk-ls"), name="netwerk-ls", force=True)
    assert (again.rows_new, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    assert count(ctx, m.PartnerResponse) == 2 and count(ctx, m.PartnerReport) == 5


# --- in memory, as the demo has it -------------------------------------------------------------------


def test_frames_from_memory_and_one_answer_per_organisation_and_wave(listed):
    ctx = listed
    frame = pd.DataFrame(
        [
            {
                "response_id": "d-1",
                "submitted_at": pd.Timestamp("2026-04-20 08:00"),
                "network": "UTS",
                "wave": WAVE,
                "organisation": "P01",
                "partner": "P02",
                "frequency": 3,
                "topics": ["overdracht", "verwijzing"],
                **dict(zip(STATEMENTS, [4, 4, 3, 3, 2, 1])),
            },
            {
                "response_id": "d-1",
                "submitted_at": pd.Timestamp("2026-04-20 08:00"),
                "network": "UTS",
                "wave": WAVE,
                "organisation": "P01",
                "partner": "P03",
                "frequency": 0,
                "topics": None,
                **dict.fromkeys(STATEMENTS, float("nan")),
            },
        ]
    )

    def write(frame: pd.DataFrame, source: str):
        batch = relational_batch_from_frame(
            frame, relational_codes(ctx.engine, ctx.consortium_id), "demo"
        )
        run_id = start_run(ctx.engine, source, "demo", None)
        return write_relational_batch(
            ctx.engine, batch, run_id=run_id, source=source, consortium_id=ctx.consortium_id
        )

    s = write(frame, "demo-test")
    assert (s.rows_in, s.rows_new, s.rows_rejected) == (2, 2, 0)
    assert reports(ctx, "demo-test", "d-1") == {
        "P02": (3, "verwijzing,overdracht", 4, 4, 3, 3, 2, 1),
        "P03": (0, None, None, None, None, None, None, None),
    }
    assert (write(frame, "demo-test").rows_unchanged, version(ctx, "UTS")) == (2, 2)

    # The same organisation in the same wave from another source: refused whole, stored kept.
    other = frame.assign(response_id="x-1")
    s = write(other, "elders")
    assert (s.rows_new, s.rows_rejected) == (0, 2)
    assert s.rejects[0] == (
        "demo row 2: organisation 'P01' already answered in wave 2026-netwerk "
        "(response 'd-1' of source 'demo-test'); a partner answers once per wave"
    )
    assert count(ctx, m.PartnerResponse) == 1
    assert rejected(ctx)[3].raw["partner"] == "P03"


# --- the inbox and the commands ------------------------------------------------------------------


def test_inbox_collects_relational_sources(listed, sources):
    ctx = listed
    inbox = Path(ctx.settings.data_dir) / "inbox" / "netwerk-tpl"
    inbox.mkdir(parents=True)
    write_template(inbox / "netwerk-uts.csv", FIRST)
    (inbox / "leeg.csv").write_bytes(b"")
    result = collect(ctx, sources.get("netwerk-tpl"), sources)
    assert [(r.file_name, r.rows_new) for r in result.runs] == [("netwerk-uts.csv", 5)]
    assert result.quarantined == ["leeg.csv"]
    assert [p.name.split(".")[0] for p in (inbox / "processed").iterdir()] == ["netwerk-uts"]
    assert count(ctx, m.PartnerResponse) == 2


@pytest.fixture
def cli(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FRAMEWORK_FILE", str(SEPTET))
    monkeypatch.delenv("SOURCES_FILE", raising=False)
    runner = CliRunner()

    def invoke(*args: str, code: int = 0):
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return invoke


def test_ingest_command_reads_relational_files(cli, tmp_path, monkeypatch):
    out = cli("sources", "check").output  # config/sources.yaml, with its relational sources
    assert "netwerk-template" in out and "limesurvey_relational_file" in out
    partners = tmp_path / "partners.csv"
    pd.DataFrame(LISTING, columns=["network", "code", "name", "sector", "waves"]).to_csv(
        partners, index=False
    )
    assert "12 new" in cli("partners", "import", str(partners)).output

    eemland = [
        row("e1", "E01", "E02", 2, network="EEM"),
        row("e1", "E01", "E03", 1, network="EEM"),
        row("e2", "E02", "E01", 3, network="EEM"),
    ]
    path = write_template(tmp_path / "netwerk.csv", eemland)
    result = cli("ingest", str(path), "--kind", "relational")
    assert "netwerk.csv: 3 rows — 3 new, 0 updated, 0 unchanged, 0 rejected" in result.output
    assert "already ingested" in cli("ingest", str(path), "--kind", "relational").output
    assert (
        "source 'template' is a template source"
        in cli("ingest", str(path), "--source", "template", "--kind", "relational", code=1).output
    )

    sources_file = tmp_path / "sources.yaml"
    sources_file.write_text(SOURCES_YAML, encoding="utf-8")
    monkeypatch.setenv("SOURCES_FILE", str(sources_file))
    export = write_ls_csv(tmp_path / "results.csv", LS_RECORDS)
    result = cli("ingest", str(export), "--source", "netwerk-ls")
    assert "results.csv: 6 rows — 2 new, 0 updated, 0 unchanged, 3 rejected, 1 incomplete" in (
        result.output
    )
    assert "results.csv row 6: ORG (organisation) 'A9' is no partner" in result.output


def test_a_sample_is_described_without_storing(listed, sources, tmp_path):
    from collectors.sample import describe_sample

    path = write_ls_csv(tmp_path / "sample.csv", LS_RECORDS)
    lines = list(describe_sample(listed, path, sources.get("netwerk-ls")))
    assert lines[0] == (
        "sample.csv: 6 rows — would ingest 2 responses with 5 reports; 3 rejected, "
        "1 incomplete skipped",
        True,
    )
    assert ("  network: UTS 2", True) in lines
    assert any("OPENHEID[P01] (trust_openness) 'A7'" in text for text, fine in lines if not fine)
    assert count(listed, m.PartnerResponse) == 0 and count(listed, m.CollectorRun) == 1


def test_whole_numbers_written_as_decimals_are_read(listed, tmp_path):
    """Statistics tools (pandas, SPSS) write 3 as "3.0"; the questionnaire template reads that
    too. A real fraction stays an error."""
    ctx = listed
    rows = [
        row("d1", "P01", "P02", "2.0", "Overdracht", ("3.0", "4.0", "3.0", "2.0", "3.0", "4.0")),
        row("d2", "P02", "P01", "1", "", ("2.5", "", "", "", "", "")),
    ]
    path = write_template(tmp_path / "decimals.csv", rows)
    s = ingest_path(ctx, path, None, name="netwerk", kind="relational_template")
    assert (s.rows_new, s.rows_rejected) == (1, 1)
    assert reports(ctx, "netwerk", "d1")["P02"][:2] == (2, "overdracht")
    reason = rejected(ctx)[3]
    assert (reason.column, reason.value) == ("trust_openness", "2.5"), reason.reason
