"""The schema: migrations up and down on both databases, and the models round-trip."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import inspect, select

from db import models as m
from db.engine import current_revision, downgrade, head_revision, make_engine, transaction, upgrade


def test_migrations_upgrade_from_empty_and_downgrade(database_url):
    engine = make_engine(database_url)
    assert current_revision(engine) == head_revision()
    downgrade(engine, "base")
    assert current_revision(engine) is None
    left = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert left == set()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert set(m.Base.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_models_round_trip(database_url):
    engine = make_engine(database_url)
    with transaction(engine) as s:
        consortium = m.Consortium(code="septet", name="Septet")
        s.add(consortium)
        s.flush()
        network = m.Network(consortium_id=consortium.id, code="UTS", name="Utrecht stad")
        group = m.RespondentGroup(consortium_id=consortium.id, code="ZP", name="Zorgprofessional")
        instrument = m.Instrument(
            consortium_id=consortium.id, code="partner", name="Partnervragenlijst"
        )
        s.add_all([network, group, instrument])
        s.flush()
        theme = m.Theme(instrument_id=instrument.id, code="VERTR", name="Vertrouwen")
        wave = m.Wave(instrument_id=instrument.id, code="2025", reference_date=date(2025, 11, 1))
        s.add_all([theme, wave])
        s.flush()
        item = m.Item(
            theme_id=theme.id, code="VER1", text="Ik vertrouw op mijn collega's.", reverse=True
        )
        s.add(item)
        s.flush()
        response = m.Response(
            wave_id=wave.id,
            network_id=network.id,
            group_id=group.id,
            source="t",
            external_id="r1",
            submitted_at=datetime(2025, 10, 2, 9, 46, tzinfo=UTC),
            content_hash="abc",
        )
        s.add(response)
        s.flush()
        s.add_all(
            [
                m.Answer(response_id=response.id, item_id=item.id, value=None),
                m.RejectedRow(
                    run_id=_run(s),
                    source="t",
                    row_number=3,
                    column="VER1",
                    value="7",
                    reason="value 7 is not 1–5",
                    raw={"VER1": "7", "network": "UTS"},
                ),
                m.AuditEvent(
                    actor="alice",
                    action="update",
                    entity="status_update",
                    entity_id="1",
                    before={"status": "aandacht"},
                    after={"status": "op_koers"},
                ),
            ]
        )
    with engine.connect() as c:
        assert c.execute(select(m.Answer.value)).scalar_one() is None  # 'nvt' stays missing, not 0
        assert c.execute(select(m.Item.reverse)).scalar_one() is True
        assert c.execute(select(m.RejectedRow.raw)).scalar_one() == {"VER1": "7", "network": "UTS"}
        assert c.execute(select(m.AuditEvent.after)).scalar_one() == {"status": "op_koers"}
        # Aware UTC back from either database (stored moments are UTC, issue 13).
        stored = c.execute(select(m.Response.submitted_at)).scalar_one()
        assert stored == datetime(2025, 10, 2, 9, 46, tzinfo=UTC) and stored.tzinfo == UTC
    engine.dispose()


def _run(s) -> int:
    run = m.CollectorRun(source="t", started_at=datetime(2025, 1, 1, tzinfo=UTC))
    s.add(run)
    s.flush()
    return run.id
