"""The relational questionnaire in and out of the database: the generic template, in-memory frames
(the demo's way), and the writer every relational source ends in (measures.md, "Partner network").

The generic template has one row per answering organisation and partner named: `response_id,
submitted_at, network, wave, organisation, partner, frequency, topics` and the six statements
(docs/sources.md). LimeSurvey exports are mapped by collectors/relational_limesurvey.py; both are
validated by collectors/relational_batch.py.

`write_relational_batch` writes a batch the way collectors/ingest.py writes a questionnaire: the run
row committed first, then everything in one transaction — responses upserted by (source, response
id) and content hash (a changed response has its reports replaced), rejects kept, the network × wave
partitions marked for the recompute — so the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, delete, select

from collectors.batch import Reject
from collectors.files import file_hash, read_table
from collectors.fits import DateWindow
from collectors.ingest import (
    CHUNK,
    mark_changed,
    refuse_source_of_another_consortium,
    update_responses,
)
from collectors.relational_batch import (
    FREQUENCY_LABELS,
    REQUIRED,
    STATEMENTS,
    TEMPLATE_COLUMNS,
    TOPIC_LABELS,
    RelationalBatch,
    RelationalCodes,
    relational_codes,
)
from collectors.relational_validation import validate_reports
from collectors.run_record import RunSummary, close_run, ingested_before, keep_rejects, recorded_run
from db import models as m
from db.bulk import insert_rows, insert_with_ids
from db.engine import transaction

# The batch, its codes and the answer names, importable from here too (the public face).
__all__ = [
    "FREQUENCY_LABELS",
    "STATEMENTS",
    "TEMPLATE_COLUMNS",
    "TOPIC_LABELS",
    "RelationalBatch",
    "RelationalCodes",
    "ingest_relational_file",
    "read_relational_template",
    "relational_batch_from_frame",
    "relational_codes",
    "validate_template_rows",
    "write_relational_batch",
]


# --- the generic template --------------------------------------------------------------------------


def read_relational_template(
    path: Path,
    codes: RelationalCodes,
    sheet: str | None = None,
    window: DateWindow | None = None,
) -> RelationalBatch:
    """Parse and validate a relational template file (CSV, or XLSX: `sheet` or the first);
    `window`: the plausible submitted dates (default 2000-01-01 to tomorrow)."""
    header, rows = read_table(path, sheet=sheet)
    return validate_template_rows(path.name, header, rows, codes, window)


def relational_batch_from_frame(
    frame: pd.DataFrame, codes: RelationalCodes, file_name: str = "frame"
) -> RelationalBatch:
    """Validate rows held in memory (the template's columns; numbers, timestamps, None and lists
    of topics are taken as they come). Rows are numbered from 2, as in a file."""
    header = [str(c) for c in frame.columns]
    rows = [
        (number, [_cell(v) for v in values])
        for number, values in enumerate(frame.itertuples(index=False, name=None), start=2)
    ]
    return validate_template_rows(file_name, header, rows, codes)


def _cell(value) -> str:
    if isinstance(value, list | tuple | set):
        return ";".join(str(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp | datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def validate_template_rows(
    name: str,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    codes: RelationalCodes,
    window: DateWindow | None = None,
) -> RelationalBatch:
    """Validate rows in the relational template's shape (header as in the file)."""
    header = [h.strip() for h in header]
    raw_rows = {n: dict(zip(header, r)) for n, r in rows}
    missing = [c for c in REQUIRED if c not in header]
    twice = sorted({c for c in header if header.count(c) > 1 and c})
    if missing or twice:
        reason = (
            f"{name}: missing column(s) {', '.join(missing)}"
            if missing
            else f"{name}: column(s) appear twice: {', '.join(twice)}"
        )
        column = ", ".join(missing) if missing else twice[0]
        rejects = [Reject(n, column, None, reason, raw_rows[n]) for n, _ in rows]
        return RelationalBatch(name, _empty_responses(), _empty_reports(), rejects, [reason])
    warnings = []
    ignored = [h for h in header if h and h not in TEMPLATE_COLUMNS]
    if ignored:
        warnings.append(f"{name}: ignored column(s): {', '.join(ignored)}")

    width = len(header)
    rejects, good = [], []
    for number, row in rows:
        if len(row) != width:
            reason = f"{name} row {number}: {len(row)} fields, the header has {width}"
            rejects.append(Reject(number, None, None, reason, {"fields": row}))
        else:
            good.append((number, row))
    frame = pd.DataFrame([r for _, r in good], columns=header, dtype=object)
    frame = frame.loc[:, [c for c in TEMPLATE_COLUMNS if c in header]].fillna("").astype(str)
    frame = frame.apply(lambda c: c.str.strip()) if len(frame) else frame
    for column in TEMPLATE_COLUMNS:
        if column not in frame:
            frame[column] = ""
    frame.insert(0, "row_number", [n for n, _ in good])
    batch = validate_reports(
        name, frame, codes, raw_rows=raw_rows, warnings=warnings, window=window
    )
    batch.rejects = sorted(rejects + batch.rejects, key=lambda r: r.row_number or 0)
    return batch


def _empty_responses() -> pd.DataFrame:
    return pd.DataFrame(
        columns=[
            "external_id",
            "network",
            "wave",
            "organisation",
            "submitted_at",
            "row_numbers",
            "content_hash",
        ]
    )


def _empty_reports() -> pd.DataFrame:
    return pd.DataFrame(columns=["external_id", "about", "frequency", "topics", *STATEMENTS])


# --- writing -------------------------------------------------------------------------------------


def ingest_relational_file(
    engine: Engine,
    path: Path,
    *,
    consortium_id: int,
    source: str = "relational",
    config=None,
    force: bool = False,
    reader: Callable[[Path, RelationalCodes], RelationalBatch] | None = None,
) -> RunSummary:
    """Ingest one relational file: the generic template (in `config`'s sheet and date window;
    `config` a samenwerkingsmonitor.sources.Source or None), or what `reader` parses (a tool's
    export: collectors/kinds/). A file whose content was ingested before under this source is
    skipped (unless `force`)."""
    digest = file_hash(path)
    if not force:
        done = ingested_before(engine, source, digest)
        if done:
            return RunSummary(done, source, path.name, skipped=True)
    instrument = config.instrument if config is not None else None
    codes = relational_codes(engine, consortium_id, instrument)
    sheet = config.sheet if config is not None else None

    with recorded_run(engine, source, path.name, digest) as run_id:
        if reader is None:
            batch = read_relational_template(path, codes, sheet, DateWindow.of(config))
        else:
            batch = reader(path, codes)
        return write_relational_batch(
            engine, batch, run_id=run_id, source=source, consortium_id=consortium_id
        )


def write_relational_batch(
    engine: Engine,
    batch: RelationalBatch,
    *,
    run_id: int,
    source: str,
    consortium_id: int,
    on_commit: Callable[[Connection], None] | None = None,
) -> RunSummary:
    """Upsert the batch's responses and reports, keep its rejects, finish the run: all or nothing.

    Counts are input rows: new, updated and unchanged are the rows of new, changed and unchanged
    responses. A response whose organisation already answered in that wave under another
    (source, response id) is rejected here, whole.
    """
    summary = RunSummary(
        run_id, source, batch.file_name, rows_in=batch.rows_in, rows_skipped=batch.skipped
    )
    with transaction(engine) as s:
        conn = s.connection()
        refuse_source_of_another_consortium(conn, source, consortium_id, m.PartnerResponse)
        responses, reports = _with_ids(conn, batch, consortium_id)
        existing = _existing(conn, source, responses["external_id"].tolist())
        merged = responses.merge(existing, on="external_id", how="left")
        refused = _refusals(conn, merged, reports)
        rejects = list(batch.rejects) + _refused_rows(batch, merged, refused)
        merged = merged[~merged["external_id"].isin(refused)]

        new = merged[merged["id"].isna()]
        changed = merged[merged["id"].notna() & (merged["old_hash"] != merged["content_hash"])]
        unchanged = merged[merged["id"].notna() & (merged["old_hash"] == merged["content_hash"])]
        summary.rows_new = int(new["row_numbers"].map(len).sum())
        summary.rows_updated = int(changed["row_numbers"].map(len).sum())
        summary.rows_unchanged = int(unchanged["row_numbers"].map(len).sum())
        ids = _write_responses(conn, new, changed, source)
        _write_reports(conn, reports[reports["external_id"].isin(ids)], ids)
        mark_changed(conn, new, changed, m.PartnerResponse)

        summary.rows_rejected = len({r.row_number for r in rejects})
        summary.rejects = [r.reason for r in rejects]
        summary.warnings = list(batch.warnings)
        keep_rejects(conn, run_id, source, batch.file_name, rejects)
        close_run(conn, run_id, summary)
        if on_commit is not None:
            on_commit(conn)
    return summary


def _with_ids(
    conn: Connection, batch: RelationalBatch, consortium_id: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The batch's responses with network_id, wave_id and partner_id, and its reports with
    about_id, as the database holds them now (None where a code no longer exists)."""
    networks = dict(
        conn.execute(
            select(m.Network.code, m.Network.id).where(m.Network.consortium_id == consortium_id)
        ).all()
    )
    waves = dict(
        conn.execute(
            select(m.Wave.code, m.Wave.id)
            .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
            .where(m.Instrument.consortium_id == consortium_id, m.Instrument.kind == "relational")
        ).all()
    )
    partners = {
        (network_id, code): pid
        for pid, network_id, code in conn.execute(
            select(m.Partner.id, m.Partner.network_id, m.Partner.code).where(
                m.Partner.network_id.in_(list(networks.values()))
            )
        )
    }
    responses = batch.responses.copy()
    reports = batch.reports
    responses["network_id"] = responses["network"].map(networks)
    responses["wave_id"] = responses["wave"].map(waves)
    responses["partner_id"] = [
        partners.get((n, o)) for n, o in zip(responses["network_id"], responses["organisation"])
    ]
    about_ids = [
        partners.get((networks.get(n), a))
        for n, a in zip(
            reports["external_id"].map(dict(zip(responses["external_id"], responses["network"]))),
            reports["about"],
        )
    ]
    return responses, reports.assign(about_id=about_ids)


def _refusals(conn: Connection, merged: pd.DataFrame, reports: pd.DataFrame) -> dict[str, str]:
    """Response id → why it cannot be written: checks that need the database as it is now (the
    listing may have changed since the codes were read, and another source may hold this
    organisation's answer)."""
    refused: dict[str, str] = {}
    lost = merged["network_id"].isna() | merged["wave_id"].isna() | merged["partner_id"].isna()
    for r in merged[lost].itertuples():
        refused[r.external_id] = (
            f"network, wave or organisation '{r.organisation}' no longer exists"
        )
    unknown = reports.loc[reports["about_id"].isna(), ["external_id", "about"]]
    for external_id, about in unknown.itertuples(index=False):
        refused.setdefault(external_id, f"partner '{about}' named no longer exists")
    holders = _slot_holders(conn, merged.loc[~lost, "wave_id"].astype(int).unique().tolist())
    for r in merged[~lost].itertuples():
        holder = holders.get((int(r.wave_id), int(r.partner_id)))
        if holder is not None and holder[0] != (None if pd.isna(r.id) else int(r.id)):
            refused.setdefault(
                r.external_id,
                f"organisation '{r.organisation}' already answered in wave {r.wave} "
                f"(response '{holder[2]}' of source '{holder[1]}'); "
                "a partner answers once per wave",
            )
    return refused


def _refused_rows(
    batch: RelationalBatch, merged: pd.DataFrame, refused: dict[str, str]
) -> list[Reject]:
    """A reject for every input row of a refused response."""
    rejects = []
    for r in merged[merged["external_id"].isin(refused)].itertuples():
        for number in r.row_numbers:
            raw = batch.raw_rows.get(number) if batch.raw_rows else None
            rejects.append(
                Reject(
                    number,
                    "organisation",
                    r.organisation,
                    f"{batch.file_name} row {number}: {refused[r.external_id]}",
                    raw,
                )
            )
    return rejects


def _write_responses(
    conn: Connection, new: pd.DataFrame, changed: pd.DataFrame, source: str
) -> dict[str, int]:
    """Insert the new responses, update the changed ones (their reports dropped, to be written
    again); the written responses' ids by response id."""
    rows = [_response_values(r, source) for r in new.itertuples()]
    ids = dict(zip(new["external_id"], insert_with_ids(conn, m.PartnerResponse.__table__, rows)))
    if len(changed):
        changed_ids = changed["id"].astype(int).tolist()
        for start in range(0, len(changed_ids), CHUNK):
            conn.execute(
                delete(m.PartnerReport).where(
                    m.PartnerReport.response_id.in_(changed_ids[start : start + CHUNK])
                )
            )
        update_responses(
            conn,
            m.PartnerResponse,
            [_response_values(r, source) for r in changed.itertuples()],
            changed["id"],
        )
        ids.update(dict(zip(changed["external_id"], changed["id"].astype(int))))
    return ids


def _write_reports(conn: Connection, written: pd.DataFrame, ids: dict[str, int]) -> None:
    """The reports of the written responses, in bulk."""
    if not len(written):
        return
    columns = ("response_id", "about_id", "frequency", "topics", *STATEMENTS)
    values = [
        written["external_id"].map(ids).astype(int).tolist(),
        written["about_id"].astype(int).tolist(),
        written["frequency"].astype(int).tolist(),
        written["topics"].astype(object).where(written["topics"].notna(), None).tolist(),
        *(
            pd.array(written[c], dtype="Int64").to_numpy(dtype=object, na_value=None).tolist()
            for c in STATEMENTS
        ),
    ]
    insert_rows(conn, "partner_report", columns, zip(*values))


def _existing(conn: Connection, source: str, external_ids: list[str]) -> pd.DataFrame:
    rows: list[tuple] = []
    r = m.PartnerResponse
    query = select(r.external_id, r.id, r.content_hash, r.network_id, r.wave_id).where(
        r.source == source
    )
    for start in range(0, len(external_ids), CHUNK):
        chunk = external_ids[start : start + CHUNK]
        rows.extend(map(tuple, conn.execute(query.where(r.external_id.in_(chunk)))))
    return pd.DataFrame(
        rows, columns=["external_id", "id", "old_hash", "old_network_id", "old_wave_id"]
    )


def _slot_holders(conn: Connection, wave_ids: list[int]) -> dict[tuple[int, int], tuple]:
    """(wave, organisation) → (response id, source, external id) of the stored responses."""
    if not wave_ids:
        return {}
    r = m.PartnerResponse
    return {
        (w, p): (rid, src, ext)
        for w, p, rid, src, ext in conn.execute(
            select(r.wave_id, r.partner_id, r.id, r.source, r.external_id).where(
                r.wave_id.in_(wave_ids)
            )
        )
    }


def _response_values(r, source: str) -> dict:
    return {
        "wave_id": int(r.wave_id),
        "network_id": int(r.network_id),
        "partner_id": int(r.partner_id),
        "source": source,
        "external_id": r.external_id,
        "submitted_at": r.submitted_at.to_pydatetime(),
        "content_hash": r.content_hash,
    }
