"""The plausible window of submitted dates (default 2000-01-01 to one day ahead, per source
`submitted_from` and `submitted_ahead_days`) holds for the relational questionnaire's files and the
status files too, not only the questionnaire's (issue 15)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from collectors.collect import ingest_path
from collectors.partners import import_partner_frame
from db import models as m
from samenwerkingsmonitor.sources import load_sources
from tests.test_ingest_relational import LISTING, row, write_template

SOURCES = """\
sources:
  - name: netwerk
    kind: relational_template
  - name: netwerk-ruim
    kind: relational_template
    submitted_from: 1995-01-01
  - name: status
    kind: status_file
  - name: status-vooruit
    kind: status_file
    submitted_ahead_days: 60
"""


@pytest.fixture(autouse=True)
def real_clock(monkeypatch):
    """The window is measured from the real clock here (conftest sets it to 2040)."""
    import collectors.fits

    monkeypatch.setattr(collectors.fits, "now", datetime.now)


@pytest.fixture
def sources(ctx, tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES, encoding="utf-8")
    return load_sources(path, ctx.framework)


def rejects(ctx) -> dict[int, m.RejectedRow]:
    with ctx.engine.connect() as c:
        return {r.row_number: r for r in c.execute(select(m.RejectedRow)).all()}


def test_relational_files_reject_submitted_dates_outside_the_window(ctx, sources, tmp_path):
    frame = pd.DataFrame(LISTING, columns=["network", "code", "name", "sector", "waves"])
    import_partner_frame(ctx.engine, frame, consortium_id=ctx.consortium_id)
    ahead = datetime.now() + timedelta(days=3)
    path = write_template(
        tmp_path / "netwerk.csv",
        [
            row("r1", "P01", "P02", 2),  # 2026-04-10: fine
            row("r2", "P02", "P01", 2, when="1998-05-01 10:00"),
            row("r3", "P03", "P01", 2, when=f"{ahead:%Y-%m-%d %H:%M}"),
        ],
    )
    s = ingest_path(ctx, path, sources.get("netwerk"), name="netwerk")
    assert (s.rows_new, s.rows_rejected) == (1, 2)
    found = rejects(ctx)
    assert found[3].column == "submitted_at" and found[3].value == "1998-05-01 10:00"
    assert found[3].reason == (
        "netwerk.csv row 3: submitted_at '1998-05-01 10:00' is outside 2000-01-01 to tomorrow"
    )
    assert "is outside 2000-01-01 to tomorrow" in found[4].reason
    # A source whose window starts earlier takes the 1998 response.
    old = write_template(
        tmp_path / "oud.csv", [row("r2", "P02", "P01", 2, when="1998-05-01 10:00")]
    )
    wider = ingest_path(ctx, old, sources.get("netwerk-ruim"), name="netwerk-ruim")
    assert (wider.rows_new, wider.rows_rejected) == (1, 0), wider.rejects


def test_status_files_reject_submitted_dates_outside_the_window(ctx, sources, tmp_path):
    with Session(ctx.engine) as s, s.begin():
        project = m.Project(consortium_id=ctx.consortium_id, code="A027", name="Transmurale zorg")
        s.add(project)
        s.flush()
        uts = s.scalar(select(m.Network.id).where(m.Network.code == "UTS"))
        s.add(m.ProjectNetwork(project_id=project.id, network_id=uts))
    month_ahead = (datetime.now() + timedelta(days=30)).date()
    path = tmp_path / "status.csv"
    path.write_text(
        "Project;Netwerk;Status;Voortgang;Datum\n"
        "A027;UTS;op koers;40;2026-10-01\n"
        "A027;UTS;op koers;50;1999-12-31\n"
        f"A027;UTS;op koers;60;{month_ahead:%Y-%m-%d}\n",
        encoding="utf-8",
    )
    s = ingest_path(ctx, path, sources.get("status"), name="status")
    assert (s.rows_new, s.rows_rejected) == (1, 2)
    found = rejects(ctx)
    assert found[3].column == "submitted_at"
    assert found[3].reason == (
        "status.csv row 3: submitted_at: '1999-12-31' is outside 2000-01-01 to tomorrow"
    )
    assert f"'{month_ahead:%Y-%m-%d}' is outside 2000-01-01 to tomorrow" in found[4].reason
    # Before, a status date up to a year ahead passed; a source may allow some days ahead.
    ahead = ingest_path(ctx, path, sources.get("status-vooruit"), name="status-vooruit")
    assert ahead.rows_rejected == 1 and "60 days ahead" in ahead.rejects[0]
