"""Responses that change behind the cursor: what LimeSurvey last brought of each response.

A survey administrator corrects an answer (`update_response`, or the web interface) after the
cursor passed that response; a rejected response is fixed; a respondent completes a response long
after its grace period. So each collection reads the `reread_recent` responses before the cursor
again, and the full re-synchronisation (`full_sync`, nightly) reads the whole survey. Every
response read is compared with what the source last brought of it (table source_record):

- LimeSurvey's `datestamp` (last action) and a hash of the record. Both, because
  `update_response` sets only the fields it is given and leaves the datestamp as it was (and a
  survey without date stamps has none): only the content shows such an edit.
- The hash covers the source's mapping and the consortium's codes too: after a mapping is fixed
  in the sources file, responses rejected under the old one are read again.

A response read again unchanged is neither written nor rejected again. A response that LimeSurvey
no longer has is kept in our data, marked deleted here and reported once in the run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from collectors.batch import ResponseBatch
from collectors.ingest import CHUNK
from collectors.template import Codes
from db import models as m
from samenwerkingsmonitor.sources import Source


@dataclass(frozen=True)
class Known:
    """What the source last brought of one response."""

    datestamp: str | None
    record_hash: str
    deleted: bool


@dataclass
class Plan:
    """One export compared with what the source knew."""

    changed: list[dict] = field(default_factory=list)  # new to us, or different since
    unchanged: int = 0  # read again exactly as before: nothing to do
    vanished: list[str] = field(default_factory=list)  # known, no longer in LimeSurvey
    seen: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # id → stamp, hash
    known: dict[str, Known] = field(default_factory=dict)


def fingerprint(source: Source, codes: Codes) -> str:
    """What decides how a record is read besides the record itself."""
    parts = [
        source.mapping.model_dump_json() if source.mapping else "",
        source.response_type,
        *(",".join(sorted(c)) for c in (codes.networks, codes.groups, codes.items)),
        # A record rejected for an unknown wave is read again once the framework adds the wave.
        "*" if codes.waves is None else ",".join(sorted(codes.waves)),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def record_key(record: dict, id_column: str) -> str | None:
    """The response id as the mapping reads it (`5`, not `5.0`), or None without one."""
    value = record.get(id_column)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()
    return text or None


def record_hash(record: dict, fingerprint: str) -> str:
    body = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{fingerprint}\n{body}".encode()).hexdigest()


def known_records(engine: Engine, source: str) -> dict[str, Known]:
    sr = m.SourceRecord
    with engine.connect() as c:
        rows = c.execute(
            select(sr.external_id, sr.datestamp, sr.record_hash, sr.deleted_at).where(
                sr.source == source
            )
        ).all()
    return {
        r.external_id: Known(r.datestamp, r.record_hash, r.deleted_at is not None) for r in rows
    }


def plan(
    records: list[dict], known: dict[str, Known], fingerprint: str, id_column: str, first_id: int
) -> Plan:
    """Sort an export (of the responses from `first_id` on) into changed and unchanged records,
    and find the known responses in that range that LimeSurvey no longer has."""
    result = Plan(known=known)
    for record in records:
        key = record_key(record, id_column)
        stamp = str(record.get("datestamp") or "").strip() or None
        digest = record_hash(record, fingerprint)
        before = known.get(key) if key else None
        if (
            before
            and not before.deleted
            and (before.datestamp, before.record_hash)
            == (
                stamp,
                digest,
            )
        ):
            result.unchanged += 1
        else:
            result.changed.append(record)
        if key:
            result.seen[key] = (stamp, digest)
    result.vanished = sorted(
        (
            key
            for key, k in known.items()
            if not k.deleted and key not in result.seen and _at_or_after(key, first_id)
        ),
        key=lambda k: (len(k), k),
    )
    return result


def _at_or_after(key: str, first_id: int) -> bool:
    return key.isdigit() and int(key) >= first_id


def outcomes(changed: list[dict], batch: ResponseBatch, id_column: str) -> dict[str, str]:
    """What became of each changed record: stored, rejected, or incomplete (skipped).

    The batch was mapped from `changed` in order, so a reject's row number is its position + 1.
    """
    stored = set(batch.responses["external_id"]) if len(batch.responses) else set()
    rejected_rows = {r.row_number for r in batch.rejects}
    result = {}
    for number, record in enumerate(changed, start=1):
        key = record_key(record, id_column)
        if key is None:
            continue
        if key in stored:
            result[key] = "stored"
        elif number in rejected_rows:
            result[key] = "rejected"
        else:
            result[key] = "incomplete"
    return result


def vanished_warnings(name: str, vanished: Iterable[str]) -> list[str]:
    ids = list(vanished)
    if not ids:
        return []
    what = f"response {ids[0]} is" if len(ids) == 1 else f"responses {', '.join(ids)} are"
    return [f"{name}: {what} no longer in LimeSurvey (deleted there?): kept here, marked deleted"]


def remember(
    conn: Connection, source: str, plan: Plan, outcomes: dict[str, str], run_id: int
) -> None:
    """Store what this export brought of each changed response, and mark the vanished ones; in
    the transaction of the batch, so a failed run remembers nothing."""
    now = datetime.now(UTC)
    sr = m.SourceRecord
    old, new = [], []
    for key, outcome in outcomes.items():
        stamp, digest = plan.seen[key]
        values = {
            "datestamp": stamp,
            "record_hash": digest,
            "outcome": outcome,
            "run_id": run_id,
            "seen_at": now,
        }
        if key in plan.known:
            old.append({"k": key, **values})
        else:
            new.append({"source": source, "external_id": key, **values})
    if old:
        conn.execute(
            update(sr)
            .where(sr.source == source, sr.external_id == bindparam("k"))
            .values(
                datestamp=bindparam("datestamp"),
                record_hash=bindparam("record_hash"),
                outcome=bindparam("outcome"),
                run_id=bindparam("run_id"),
                seen_at=bindparam("seen_at"),
                deleted_at=None,
            ),
            old,
        )
    if new:
        conn.execute(insert(sr), new)
    for start in range(0, len(plan.vanished), CHUNK):
        conn.execute(
            update(sr)
            .where(sr.source == source, sr.external_id.in_(plan.vanished[start : start + CHUNK]))
            .values(deleted_at=now, run_id=run_id)
        )
