"""One collection of a LimeSurvey RemoteControl source (kind limesurvey_api): export, compare
with what was read before (collectors/limesurvey_sync.py), map, write.

The cursor (source_cursor.last_response_id) and what was read move in the transaction of the
batch. Each collection exports from `reread_recent` responses before the cursor on, so an answer
corrected behind the cursor arrives with the next collection; the full re-synchronisation
(`collect SOURCE --full`, and the scheduler's `full-sync:<source>` job) exports the whole survey.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, insert, select, update

from collectors import limesurvey_sync as sync
from collectors.batch import ResponseBatch
from collectors.ingest import bump_partitions, consortium_codes, ensure_waves, write_batch
from collectors.limesurvey import fetch
from collectors.mapping import map_export, records_table
from collectors.run_record import RunSummary, recorded_run
from collectors.template import Codes, empty_answers, empty_responses
from collectors.timeouts import Deadline
from db import models as m
from samenwerkingsmonitor.clock import now_utc
from samenwerkingsmonitor.sources import Source

log = logging.getLogger("collectors.limesurvey")


def cursor_of(ctx, source: str) -> int:
    with ctx.engine.connect() as c:
        value = c.scalar(
            select(m.SourceCursor.last_response_id).where(m.SourceCursor.source == source)
        )
    return int(value or 0)


def collect_limesurvey(
    ctx,
    source: Source,
    environ: dict | None = None,
    deadline: Deadline | None = None,
    *,
    full: bool = False,
) -> RunSummary:
    """Export the responses from the cursor on, the `reread_recent` before it too (all of them
    with `full`), and write what changed since it was last read; the cursor, the invited count
    and what was read move in the same transaction."""
    survey = f"survey {source.survey_id}"
    name = f"{survey} (full)" if full else survey
    cursor = cursor_of(ctx, source.name)
    first = 1 if full else max(1, cursor + 1 - source.reread_recent)
    summary_box: dict = {}
    with recorded_run(ctx.engine, source.name, name, None) as run_id:
        fetched = fetch(source, first - 1, environ, deadline)
        codes = consortium_codes(
            ctx.engine, ctx.consortium_id, source.instrument, create_waves=source.create_waves
        )
        id_column = source.column("response_id")
        known = sync.known_records(ctx.engine, source.name)
        plan = sync.plan(fetched.records, known, sync.fingerprint(source, codes), id_column, first)
        batch = _mapped(name, plan.changed, source, codes)
        batch.known_unchanged = plan.unchanged
        vanished = sync.vanished_warnings(survey, plan.vanished)
        batch.warnings = fetched.warnings + vanished + batch.warnings
        outcomes = sync.outcomes(plan.changed, batch, id_column)

        def on_commit(conn: Connection, waves: dict[str, int]) -> None:
            _store_cursor(conn, source.name, fetched.cursor)
            sync.remember(conn, source.name, plan, outcomes, run_id)
            if fetched.invited is not None:
                summary_box["invited"] = _store_invited(conn, ctx, source, fetched.invited)

        summary = write_batch(
            ctx.engine,
            batch,
            run_id=run_id,
            source=source.name,
            consortium_id=ctx.consortium_id,
            instrument_code=source.instrument,
            on_commit=on_commit,
        )
    summary.other_changes = bool(summary_box.get("invited"))
    return summary


def _mapped(name: str, records: list[dict], source: Source, codes: Codes) -> ResponseBatch:
    if not records:
        return ResponseBatch(name, empty_responses(), empty_answers())
    header, rows = records_table(records)
    # No file line to name: a reason names the response id (`survey 571234 response 17: …`).
    ids = [sync.record_key(r, source.column("response_id")) for r in records]
    return map_export(
        name, header, rows, source, codes, row_label=lambda n: f"response {ids[n - 1] or '?'}"
    )


def _store_cursor(conn: Connection, source: str, cursor: int) -> None:
    now = now_utc()
    done = conn.execute(
        update(m.SourceCursor)
        .where(m.SourceCursor.source == source)
        .values(last_response_id=cursor, updated_at=now)
    ).rowcount
    if not done:
        conn.execute(
            insert(m.SourceCursor).values(source=source, last_response_id=cursor, updated_at=now)
        )


def _store_invited(conn: Connection, ctx, source: Source, invited: int) -> bool:
    """The survey's participant count as the invited count of its network and wave, when the
    source fixes both (one survey per network and wave); True when it changed."""
    mapping = source.mapping
    if mapping.network.value is None or mapping.wave.value is None:
        log.info("%s: invited count not stored: network and wave are not fixed", source.name)
        return False
    instrument_id = conn.scalar(
        select(m.Instrument.id)
        .where(m.Instrument.consortium_id == ctx.consortium_id)
        .where(m.Instrument.code == source.instrument if source.instrument else True)
        .order_by(m.Instrument.id)
    )
    configured = conn.scalar(
        select(m.Wave.id).where(
            m.Wave.instrument_id == instrument_id, m.Wave.code == mapping.wave.value
        )
    )
    if configured is None and not source.create_waves:
        # Its responses are rejects (unknown wave): a count must not create the wave either.
        log.info(
            "%s: invited count not stored: wave %s is unknown", source.name, mapping.wave.value
        )
        return False
    wave_id = ensure_waves(conn, instrument_id, [mapping.wave.value])[mapping.wave.value]
    network_id = conn.scalar(
        select(m.Network.id).where(
            m.Network.consortium_id == ctx.consortium_id, m.Network.code == mapping.network.value
        )
    )
    wn = m.WaveNetwork
    old = conn.execute(
        select(wn.invited).where(wn.wave_id == wave_id, wn.network_id == network_id)
    ).first()
    if old is None:
        conn.execute(insert(wn).values(wave_id=wave_id, network_id=network_id, invited=invited))
    elif old.invited == invited:
        return False
    else:
        conn.execute(
            update(wn)
            .where(wn.wave_id == wave_id, wn.network_id == network_id)
            .values(invited=invited)
        )
    bump_partitions(conn, [(network_id, wave_id)])
    return True
