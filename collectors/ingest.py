"""Writes a validated ResponseBatch into the database: one transaction, idempotent, recorded.

A run row is committed first (status 'running', collectors/run_record.py) so a crash leaves a
trace; the batch itself —
responses, answers, rejects, wave dates and partition counters — is one transaction, so a killed
ingest leaves nothing half-written and the next run ingests the file exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from collectors.batch import ResponseBatch
from collectors.files import file_hash
from collectors.run_record import (
    RunSummary,
    close_run,
    ingested_before,
    keep_rejects,
    recorded_run,
)
from collectors.template import Codes, read_template
from db import models as m
from db.bulk import insert_integers, insert_with_ids
from db.engine import transaction
from samenwerkingsmonitor.clock import local

CHUNK = 900  # stays under SQLite's limit of bound parameters in one IN (…)


class SourceOfAnotherConsortium(ValueError):
    """The source name is taken by another consortium."""


def consortium_codes(
    engine: Engine,
    consortium_id: int,
    instrument_code: str | None = None,
    *,
    create_waves: bool = False,
) -> Codes:
    """The network, group, (active) item and wave codes a file of this consortium may use; with
    `create_waves` any wave (a new one is created when written)."""
    with engine.connect() as c:
        networks = c.scalars(select(m.Network.code).where(m.Network.consortium_id == consortium_id))
        groups = c.scalars(
            select(m.RespondentGroup.code).where(m.RespondentGroup.consortium_id == consortium_id)
        )
        items = c.scalars(
            select(m.Item.code)
            .join(m.Theme)
            .join(m.Instrument)
            .where(m.Instrument.consortium_id == consortium_id, m.Item.active)
            .where(m.Instrument.code == instrument_code if instrument_code else True)
        )
        waves = None
        if not create_waves:
            # The instrument write_batch writes into: the named one, else the first.
            instrument_id = c.scalar(_instrument_of(consortium_id, instrument_code))
            waves = frozenset(
                c.scalars(select(m.Wave.code).where(m.Wave.instrument_id == instrument_id))
            )
        return Codes(frozenset(networks), frozenset(groups), frozenset(items), waves)


def _instrument_of(consortium_id: int, instrument_code: str | None):
    """The instrument a batch is written into: the named one, else the consortium's first."""
    return (
        select(m.Instrument.id)
        .where(m.Instrument.consortium_id == consortium_id)
        .where(m.Instrument.code == instrument_code if instrument_code else True)
        .order_by(m.Instrument.id)
    )


def ingest_file(
    engine: Engine,
    path: Path,
    *,
    consortium_id: int,
    source: str = "template",
    instrument_code: str | None = None,
    force: bool = False,
    reader: Callable[[Path, Codes], ResponseBatch] = read_template,
    create_waves: bool = False,
) -> RunSummary:
    """Ingest one file (the generic template unless `reader` parses a tool's export); a file
    whose content was ingested before under this source is skipped. A wave the instrument does
    not have is a reject unless `create_waves`."""
    digest = file_hash(path)
    if not force:
        done = ingested_before(engine, source, digest)
        if done:
            return RunSummary(done, source, path.name, skipped=True)
    codes = consortium_codes(engine, consortium_id, instrument_code, create_waves=create_waves)
    with recorded_run(engine, source, path.name, digest) as run_id:
        batch = reader(path, codes)
        return write_batch(
            engine,
            batch,
            run_id=run_id,
            source=source,
            consortium_id=consortium_id,
            instrument_code=instrument_code,
        )


def refuse_source_of_another_consortium(
    conn: Connection, source: str, consortium_id: int, responses=m.Response
) -> None:
    """Response ids are unique per source: a source belongs to one consortium, or one
    consortium's file would overwrite another's responses (`responses`: Response or
    PartnerResponse). Every write passes this check, so all responses of a source are of one
    consortium and one of them tells which (found through the index of (source, external_id));
    looking at all of them grew with the source's history."""
    one = select(responses.network_id).where(responses.source == source).limit(1)
    other = conn.scalar(
        select(m.Consortium.code)
        .join(m.Network, m.Network.consortium_id == m.Consortium.id)
        .where(m.Network.id == one.scalar_subquery(), m.Consortium.id != consortium_id)
    )
    if other:
        raise SourceOfAnotherConsortium(
            f"source '{source}' already holds responses of consortium '{other}': "
            "give this consortium's data a source name of its own (--source)"
        )


def write_batch(
    engine: Engine,
    batch: ResponseBatch,
    *,
    run_id: int,
    source: str,
    consortium_id: int,
    instrument_code: str | None = None,
    on_commit: Callable[[Connection, dict[str, int]], None] | None = None,
) -> RunSummary:
    """Upsert the batch's responses and answers, keep its rejects, finish the run: all or nothing.

    on_commit(connection, wave ids by code) runs inside the same transaction, for what must move
    together with the batch (an incremental source's cursor, invited counts).
    """
    summary = RunSummary(
        run_id,
        source,
        batch.file_name,
        rows_in=batch.rows_in,
        rows_rejected=len({r.row_number for r in batch.rejects}),
        rows_skipped=batch.skipped,
        warnings=batch.warnings,
        rejects=[r.reason for r in batch.rejects],
    )
    with transaction(engine) as s:
        conn = s.connection()
        instrument_id = conn.scalar(_instrument_of(consortium_id, instrument_code))
        networks, groups, items = _code_ids(conn, consortium_id, instrument_id)
        refuse_source_of_another_consortium(conn, source, consortium_id)
        responses = batch.responses.copy()
        waves = ensure_waves(conn, instrument_id, sorted(responses["wave"].unique()))
        responses["network_id"] = responses["network"].map(networks)
        responses["group_id"] = responses["group"].map(groups)
        responses["wave_id"] = responses["wave"].map(waves)

        existing = _existing_responses(conn, source, responses["external_id"].tolist())
        merged = responses.merge(existing, on="external_id", how="left")
        new = merged[merged["id"].isna()]
        changed = merged[merged["id"].notna() & (merged["old_hash"] != merged["content_hash"])]
        summary.rows_new, summary.rows_updated = len(new), len(changed)
        summary.rows_unchanged = len(merged) - len(new) - len(changed) + batch.known_unchanged
        ids = _write_responses(conn, new, changed, source)
        _write_answers(conn, batch.answers, ids, items)
        mark_changed(conn, new, changed)

        keep_rejects(conn, run_id, source, batch.file_name, batch.rejects)
        close_run(conn, run_id, summary)
        if on_commit is not None:
            on_commit(conn, waves)
    return summary


def _code_ids(
    conn: Connection, consortium_id: int, instrument_id: int
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Network, group and item (of the instrument) ids by code."""
    networks = dict(
        conn.execute(
            select(m.Network.code, m.Network.id).where(m.Network.consortium_id == consortium_id)
        ).all()
    )
    groups = dict(
        conn.execute(
            select(m.RespondentGroup.code, m.RespondentGroup.id).where(
                m.RespondentGroup.consortium_id == consortium_id
            )
        ).all()
    )
    items = dict(
        conn.execute(
            select(m.Item.code, m.Item.id)
            .join(m.Theme)
            .where(m.Theme.instrument_id == instrument_id)
        ).all()
    )
    return networks, groups, items


def _write_responses(
    conn: Connection, new: pd.DataFrame, changed: pd.DataFrame, source: str
) -> dict[str, int]:
    """Insert the new responses, update the changed ones (their answers dropped, to be written
    again); the written responses' ids by response id."""
    rows = _response_rows(new, source)
    ids = dict(zip(new["external_id"], insert_with_ids(conn, m.Response.__table__, rows)))
    if len(changed):
        update_responses(conn, m.Response, _response_rows(changed, source), changed["id"])
        changed_ids = changed["id"].astype(int).tolist()
        for start in range(0, len(changed_ids), CHUNK):
            conn.execute(
                delete(m.Answer).where(m.Answer.response_id.in_(changed_ids[start : start + CHUNK]))
            )
        ids.update(dict(zip(changed["external_id"], changed["id"].astype(int))))
    return ids


def update_responses(
    conn: Connection, responses, rows: list[dict], response_ids: pd.Series
) -> None:
    """Give changed responses (`responses`: Response or PartnerResponse) their new wave, network,
    respondent, moment and fingerprint: `rows` the new values by column (source and response id
    stay as they are, they found the row), `response_ids` their ids in the same order."""
    if not rows:
        return
    columns = [c for c in rows[0] if c not in ("source", "external_id")]
    conn.execute(
        update(responses)
        .where(responses.id == bindparam("rid"))
        .values({c: bindparam(c) for c in columns}),
        [{**row, "rid": int(rid)} for row, rid in zip(rows, response_ids, strict=True)],
    )


def _write_answers(
    conn: Connection, answers: pd.DataFrame, ids: dict[str, int], items: dict[str, int]
) -> None:
    """The answers of the written responses (the others are unchanged), in bulk. The codes are
    looked up once per distinct response and item, not once per answer."""
    response_ids = _ids_of_runs(answers["external_id"], ids)
    written = response_ids >= 0
    if not written.any():
        return
    rows = pd.DataFrame(
        {
            "response_id": response_ids[written],
            "item_id": _ids_of(answers["item"], items)[written],
            # Int64: 1–5 and NA (NULL = 'nvt').
            "value": pd.array(answers["value"][written], dtype="Int64"),
        }
    )
    insert_integers(conn, "answer", rows)


def _ids_of(codes: pd.Series, ids: dict[str, int]) -> np.ndarray:
    """The id of each code (-1: none), through the codes' distinct values."""
    positions, distinct = pd.factorize(codes)
    found = np.array([ids.get(code, -1) for code in distinct] + [-1], dtype=np.int64)
    return found[positions]


def _ids_of_runs(codes: pd.Series, ids: dict[str, int]) -> np.ndarray:
    """As _ids_of, for codes that come in runs (a response's answers follow each other): each
    run's code looked up once, so 5,000 distinct ids are hashed instead of 194,000 cells."""
    values = codes.to_numpy(dtype=object)
    if not len(values):
        return np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    lengths = np.diff(np.r_[starts, len(values)])
    return np.repeat(_ids_of(pd.Series(values[starts], dtype=object), ids), lengths)


def mark_changed(
    conn: Connection, new: pd.DataFrame, changed: pd.DataFrame, responses=m.Response
) -> None:
    """Mark the partitions of new and changed responses (a moved one's old partition too) for the
    recompute, and move their waves' dates (`responses`: Response or PartnerResponse)."""
    touched = pd.concat(
        [
            new[["network_id", "wave_id"]],
            changed[["network_id", "wave_id"]],
            changed[["old_network_id", "old_wave_id"]].set_axis(["network_id", "wave_id"], axis=1),
        ]
    ).drop_duplicates()
    bump_partitions(conn, [(int(n), int(w)) for n, w in touched.itertuples(index=False)])
    move_wave_dates(conn, sorted({int(w) for w in touched["wave_id"]}), responses)


def _existing_responses(conn: Connection, source: str, external_ids: list[str]) -> pd.DataFrame:
    """The stored responses of this batch's ids only, so a file's cost does not grow with the
    source's whole history. On the driver's cursor, as plain tuples: PostgreSQL takes the ids as
    one array, SQLite in chunks of bound values (SQLAlchemy compiled a statement per chunk)."""
    query = (
        "SELECT external_id, id, content_hash, network_id, wave_id FROM response "
        "WHERE source = {mark} AND external_id {match}"
    )
    rows: list[tuple] = []
    cursor = conn.connection.driver_connection.cursor()
    try:
        if conn.dialect.name == "postgresql":
            cursor.execute(query.format(mark="%s", match="= ANY(%s)"), (source, external_ids))
            rows = cursor.fetchall()
        else:
            for start in range(0, len(external_ids), CHUNK):
                chunk = external_ids[start : start + CHUNK]
                marks = ", ".join("?" for _ in chunk)
                cursor.execute(query.format(mark="?", match=f"IN ({marks})"), (source, *chunk))
                rows.extend(cursor.fetchall())
    finally:
        cursor.close()
    return pd.DataFrame(
        rows, columns=["external_id", "id", "old_hash", "old_network_id", "old_wave_id"]
    )


def _response_rows(frame: pd.DataFrame, source: str) -> list[dict]:
    """The responses' values by column, built a column at a time (itertuples boxed every value
    of every row through pandas)."""
    if frame.empty:  # its moments may be of no datetime type then
        return []
    columns = {
        "wave_id": frame["wave_id"].astype("int64").tolist(),
        "network_id": frame["network_id"].astype("int64").tolist(),
        "group_id": frame["group_id"].astype("int64").tolist(),
        "source": [source] * len(frame),
        "external_id": frame["external_id"].tolist(),
        "submitted_at": list(frame["submitted_at"].dt.to_pydatetime()),
        "content_hash": frame["content_hash"].tolist(),
    }
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def ensure_waves(conn, instrument_id: int, codes: list[str]) -> dict[str, int]:
    """Wave ids by code; a wave first seen in data is created (its date follows its responses)."""
    known = dict(
        conn.execute(
            select(m.Wave.code, m.Wave.id).where(m.Wave.instrument_id == instrument_id)
        ).all()
    )
    for code in codes:
        if code not in known:
            known[code] = conn.scalar(
                insert(m.Wave)
                .values(instrument_id=instrument_id, code=code, reference_date_fixed=False)
                .returning(m.Wave.id)
            )
    return known


def bump_partitions(conn, partitions: list[tuple[int, int]]) -> None:
    """Mark network × wave partitions as changed, so the next recompute takes them."""
    if not partitions:
        return
    existing = set(conn.execute(select(m.Partition.network_id, m.Partition.wave_id)).all())
    old = [{"n": n, "w": w} for n, w in partitions if (n, w) in existing]
    fresh = [
        {"network_id": n, "wave_id": w, "data_version": 1, "computed_version": 0}
        for n, w in partitions
        if (n, w) not in existing
    ]
    if old:
        conn.execute(
            update(m.Partition)
            .where(m.Partition.network_id == bindparam("n"), m.Partition.wave_id == bindparam("w"))
            .values(data_version=m.Partition.data_version + 1),
            old,
        )
    if fresh:
        conn.execute(insert(m.Partition), fresh)


def move_wave_dates(conn, wave_ids: list[int], responses=m.Response) -> None:
    """measures.md: an unfixed wave's reference date is the latest submitted_at of its responses
    (`responses`: the table of the wave's instrument, Response or PartnerResponse)."""
    for wave_id in wave_ids:
        latest = conn.scalar(
            select(func.max(responses.submitted_at)).where(responses.wave_id == wave_id)
        )
        conn.execute(
            update(m.Wave)
            .where(m.Wave.id == wave_id, m.Wave.reference_date_fixed.is_(False))
            # The date it was where the responses were given, not in UTC.
            .values(reference_date=local(latest).date() if isinstance(latest, datetime) else latest)
        )
