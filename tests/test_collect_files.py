"""The file inbox: every tool format in the exact shape the tool writes, broken files, moves."""

from __future__ import annotations

import zipfile

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectors.collect import collect, ingest_path
from db import models as m
from samenwerkingsmonitor.clock import to_utc
from tests.fixtures.exports import (
    FORMS_QUESTIONS,
    ls_record,
    use_sources_file,
    when,
    write_forms_xlsx,
    write_limesurvey_csv,
    write_limesurvey_xlsx,
)


@pytest.fixture
def sources(tmp_path, monkeypatch, ctx):
    return use_sources_file(tmp_path, monkeypatch, ctx.framework)


def count(ctx, model, *where) -> int:
    with ctx.engine.connect() as c:
        return c.scalar(select(func.count()).select_from(model).where(*where))


def answers_of(ctx, source: str, external_id: str) -> dict[str, int | None]:
    with ctx.engine.connect() as c:
        rows = c.execute(
            select(m.Item.code, m.Answer.value)
            .join(m.Answer, m.Answer.item_id == m.Item.id)
            .join(m.Response, m.Response.id == m.Answer.response_id)
            .where(m.Response.source == source, m.Response.external_id == external_id)
        ).all()
    return dict(rows)


def rejects(ctx) -> list[m.RejectedRow]:
    with Session(ctx.engine) as s:
        return list(s.scalars(select(m.RejectedRow).order_by(m.RejectedRow.id)))


def test_limesurvey_csv_semicolon_bom_codes(ctx, sources, tmp_path):
    records = [
        ls_record(1),
        ls_record(
            2, network="N3", role="R2", answers=["AO01", "AO02", "AO03", "AO04", "AO05", "NVT"]
        ),
        ls_record(3, submitted=False),  # incomplete: skipped and counted, not rejected
        ls_record(4, answers=["AO09", "AO01", "AO01", "AO01", "AO01", "AO01"], token="secret-tok"),
        ls_record(5, network="N9"),
    ]
    path = write_limesurvey_csv(tmp_path / "results-survey571234.csv", records)
    raw = path.read_bytes()
    assert raw.startswith(b'\xef\xbb\xbf"id";"submitdate"') and b"\r\n" in raw
    s = ingest_path(ctx, path, sources.get("ls"), name="ls")
    assert (s.rows_in, s.rows_new, s.rows_rejected, s.rows_skipped) == (5, 2, 2, 1)
    assert answers_of(ctx, "ls", "1") == {
        "VIS1": 4,
        "VIS2": 5,
        "VIS3": None,
        "VER1": 3,
        "VER3": 1,
    }  # empty answer: nothing stored; NVT: stored as missing
    assert answers_of(ctx, "ls", "2")["VER3"] is None
    with ctx.engine.connect() as c:
        networks = dict(
            c.execute(select(m.Response.external_id, m.Network.code).join(m.Network)).all()
        )
        run = c.execute(select(m.CollectorRun.rows_skipped, m.CollectorRun.status)).one()
    assert networks == {"1": "UTS", "2": "EEM"} and tuple(run) == (1, "ok")
    found = {r.row_number: r for r in rejects(ctx)}
    assert found[5].column == "THEMA01[SQ001]" and found[5].value == "AO09"
    assert "THEMA01[SQ001] (VIS1) value 'AO09'" in found[5].reason
    assert found[6].column == "NETWERK" and "unknown network 'N9'" in found[6].reason
    # the token (a personal link to a participant) is never stored, not even with a reject
    assert all("token" not in r.raw for r in found.values())
    assert found[5].raw["id"] == "4"


def test_limesurvey_csv_comma_full_headings_and_answer_texts(ctx, sources, tmp_path):
    header = [
        "Respons-ID",
        "Datum verzonden",
        "Laatste pagina",
        "Begin taal",
        "Plaats",
        "Toegangscode",
        "In welk netwerk werkt u?",
        "Samenwerking binnen het netwerk [Wij delen informatie]",
        "Samenwerking binnen het netwerk [Wij kennen elkaar]",
    ]
    rows = [
        [
            "7",
            "2031-10-02 10:00:00",
            "3",
            "nl",
            "1",
            "",
            "Utrecht Stad",
            "Helemaal eens",
            "Niet van toepassing",
        ],
        ["8", "2031-10-03 11:00:00", "3", "nl", "2", "", "Eemland", "Neutraal", "Oneens"],
    ]
    lines = [",".join(f'"{v}"' for v in r) for r in [header, *rows]]
    path = tmp_path / "full.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    s = ingest_path(ctx, path, sources.get("ls-full"), name="ls-full")
    assert (s.rows_new, s.rows_rejected) == (2, 0)
    assert answers_of(ctx, "ls-full", "7") == {"VIS1": 5, "VIS2": None}
    assert answers_of(ctx, "ls-full", "8") == {"VIS1": 3, "VIS2": 2}


def test_limesurvey_xlsx_sheet_named_after_the_title(ctx, sources, tmp_path):
    records = [ls_record(i) for i in range(1, 4)] + [ls_record(4, submitted=False)]
    path = write_limesurvey_xlsx(tmp_path / "results.xlsx", records)
    s = ingest_path(ctx, path, sources.get("ls"), name="ls")
    assert (s.rows_new, s.rows_skipped, s.rows_rejected) == (3, 1, 0)
    assert answers_of(ctx, "ls", "2")["VIS2"] == 5


def test_msforms_xlsx_drops_names_and_reads_labels(ctx, sources, tmp_path):
    rows = [
        (
            1,
            when(2),
            "anna@voorbeeld.nl",
            "Anna de Vries",
            "Zorgprofessional",
            "Helemaal eens",
            "Eens",
        ),
        (
            2,
            when(3),
            "bram@voorbeeld.nl",
            "Bram Jansen",
            "Vrijwilliger",
            "Niet van toepassing",
            "Oneens",
        ),
        (3, when(4), "carla@voorbeeld.nl", "Carla Smit", "Zorgprofessional", "Misschien", "Eens"),
    ]
    path = write_forms_xlsx(
        tmp_path / "Partnervragenlijst(1-3).xlsx", rows, trailing_empty=5, spaces=True
    )
    s = ingest_path(ctx, path, sources.get("forms"), name="forms")
    assert (s.rows_in, s.rows_new, s.rows_rejected) == (3, 2, 1)
    assert answers_of(ctx, "forms", "1") == {"VIS1": 5, "VER1": 4}
    assert answers_of(ctx, "forms", "2") == {"VIS1": None, "VER1": 2}
    with ctx.engine.connect() as c:
        assert c.scalar(
            select(m.Response.submitted_at).where(m.Response.external_id == "1")
        ) == to_utc(when(2))  # the export's wall time is local; stored in UTC
    (reject,) = rejects(ctx)
    assert reject.column == FORMS_QUESTIONS[0] and reject.value == "Misschien"
    text = str(reject.raw)
    assert "carla" not in text.lower() and "Smit" not in text and "Email" not in reject.raw


def test_status_updates_windows_1252_semicolons_and_goal_values(ctx, sources, tmp_path):
    with Session(ctx.engine) as s, s.begin():
        project = m.Project(
            consortium_id=ctx.consortium_id, code="A027", name="Transmurale samenwerking"
        )
        s.add(project)
        s.flush()
        uts = s.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        s.add(m.ProjectNetwork(project_id=project.id, network_id=uts))
        s.add(
            m.Goal(
                consortium_id=ctx.consortium_id,
                code="PATZ20",
                name="PaTz-groepen",
                baseline_value=10,
                baseline_date=when(1).date(),
                target_value=20,
                deadline=when(1).date().replace(year=2033),
            )
        )
    path = tmp_path / "status.csv"
    path.write_bytes(
        (
            "Project;Netwerk;Status;Voortgang;Datum;Toelichting\r\n"
            "A027;UTS;op koers;40;2026-10-01;Overdracht met zorgverleners geëvalueerd\r\n"
            "A027;ZOU;op koers;40;2026-10-01;netwerk doet niet mee\r\n"
            "A027;UTS;prima;140;gisteren;\r\n"
        ).encode("cp1252")
    )
    s = ingest_path(ctx, path, sources.get("status"), name="status")
    assert (s.rows_in, s.rows_new, s.rows_rejected) == (3, 1, 2)
    found = {r.row_number: r for r in rejects(ctx)}
    assert "does not take part" in found[3].reason
    assert "status: 'prima' is not one of op_koers" in found[4].reason
    assert "progress: '140'" in found[4].reason and "submitted_at" in found[4].reason
    with ctx.engine.connect() as c:
        narrative = c.scalar(select(m.StatusUpdate.narrative))
    assert narrative == "Overdracht met zorgverleners geëvalueerd"
    # the same rows in another file add no new version
    again = tmp_path / "status-copy.csv"
    again.write_bytes(path.read_bytes() + b"\r\n")
    s2 = ingest_path(ctx, again, sources.get("status"), name="status")
    assert (s2.rows_new, s2.rows_unchanged) == (0, 1)
    assert count(ctx, m.StatusUpdate) == 1

    goals = tmp_path / "goals.csv"
    goals.write_text(
        "goal,measured_at,value\nPATZ20,2026-06-30,12\nPATZ20,2026-09-30,14\nNOPE,2026-09-30,1\n"
    )
    g = ingest_path(ctx, goals, sources.get("goals"), name="goals")
    assert (g.rows_new, g.rows_rejected) == (2, 1)
    goals.write_text("goal,measured_at,value\nPATZ20,2026-09-30,15\n")
    g2 = ingest_path(ctx, goals, sources.get("goals"), name="goals")
    assert (g2.rows_new, g2.rows_updated) == (0, 1)


def test_inbox_processes_quarantines_and_skips_repeats(ctx, sources, tmp_path):
    inbox = sources.get("ls").inbox_dir(ctx.settings.data_dir, sources.inbox_root)
    inbox.mkdir(parents=True)
    good = write_limesurvey_csv(inbox / "a-good.csv", [ls_record(1), ls_record(2)])
    (inbox / "b-copy.csv").write_bytes(good.read_bytes())  # same content: skipped
    (inbox / "c-empty.csv").write_bytes(b"")
    truncated = write_limesurvey_xlsx(tmp_path / "t.xlsx", [ls_record(3)])
    (inbox / "d-truncated.xlsx").write_bytes(truncated.read_bytes()[:700])
    write_limesurvey_xlsx(inbox / "e-wrong-sheet.xlsx", [ls_record(4)], title="Blad1")
    (inbox / "f-unknown-columns.csv").write_text("foo;bar\r\n1;2\r\n", encoding="utf-8")
    csv_cut = write_limesurvey_csv(tmp_path / "cut.csv", [ls_record(5), ls_record(6)])
    (inbox / "g-cut.csv").write_bytes(csv_cut.read_bytes()[:-40])  # cut inside the last row
    (inbox / "notes.docx").write_text("not an export")

    result = collect(ctx, sources.get("ls"), sources)
    assert result.claimed
    processed = sorted(p.name for p in (inbox / "processed").iterdir())
    quarantined = sorted(p.name for p in (inbox / "quarantine").iterdir())
    assert [n.split(".")[0] for n in processed] == ["a-good", "b-copy", "g-cut"]
    assert processed[0].endswith(".csv") and processed[0] != "a-good.csv"  # timestamped
    assert {n.split(".")[0] for n in quarantined} == {
        "c-empty",
        "d-truncated",
        "e-wrong-sheet",
        "f-unknown-columns",
    }
    reasons = {
        p.name.split(".")[0]: p.read_text() for p in (inbox / "quarantine").glob("*.reason.txt")
    }
    assert "the file is empty" in reasons["c-empty"]
    assert "not a readable XLSX" in reasons["d-truncated"]
    assert "no sheet named 'Partnervragenlijst samenwerking'" in reasons["e-wrong-sheet"]
    assert "'Blad1'" in reasons["e-wrong-sheet"]
    assert "missing column(s) 'id', 'submitdate', 'NETWERK', 'ROL'" in reasons["f-unknown-columns"]
    assert (inbox / "notes.docx").exists()  # not ours to touch
    # the cut file: its complete row came in, the cut one was rejected with a reason
    assert count(ctx, m.Response) == 3
    assert any("g-cut.csv row 3" in r.reason for r in rejects(ctx))
    assert sum(r.skipped for r in result.runs) == 1 and result.changed
    assert not zipfile.is_zipfile(next((inbox / "quarantine").glob("d-truncated*.xlsx")))

    # a second run finds nothing new
    second = collect(ctx, sources.get("ls"), sources)
    assert second.runs == [] and second.errors == []
