"""A partner list from a spreadsheet (`samenwerkingsmonitor partners import FILE`, or
`import_partner_frame` for data already in memory): every row checked like the administrator's
screen (collectors/partner_check.py), then written in one run and one transaction. What a list
means for the memberships it names: collectors/partners.py."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from collectors.batch import Reject
from collectors.files import FileFormatError, file_hash, read_table
from collectors.ingest import bump_partitions
from collectors.partner_check import FieldProblem, PartnerLookups, check_partner
from collectors.run_record import RunSummary, close_run, keep_rejects, recorded_run
from db import models as m
from db.engine import transaction

# Column headings of a partner list (lower-cased) → field.
PARTNER_ALIASES = {
    "network": "network",
    "netwerk": "network",
    "code": "code",
    "partner": "code",
    "partnercode": "code",
    "name": "name",
    "naam": "name",
    "organisatie": "name",
    "organisation": "name",
    "sector": "sector",
    "waves": "waves",
    "wave": "waves",
    "golven": "waves",
    "golf": "waves",
    "metingen": "waves",
}
REQUIRED = ("network", "code", "name", "sector")


@dataclass
class PartnerBatch:
    """A validated partner list: valid rows, rejected rows, and the (network, code) pairs that
    rejected rows name (their partners keep what they had)."""

    file_name: str | None
    rows: list[tuple[int, dict]]  # (row number, check_partner values)
    rejects: list[Reject] = field(default_factory=list)
    rejected_names: set[tuple[str, str]] = field(default_factory=set)
    repeats: int = 0  # exact repeats of a row: counted once, as unchanged
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        return len(self.rows) + len({r.row_number for r in self.rejects}) + self.repeats


def validate_partner_rows(
    name: str, header: list[str], rows: list[tuple[int, list[str]]], lookups: PartnerLookups
) -> PartnerBatch:
    """Validate a partner list's rows (header as in the file, rows numbered as in the file).

    Raises FileFormatError when a required column is missing (the wrong file, not bad rows).
    """
    fields = [PARTNER_ALIASES.get(h.strip().lower()) for h in header]
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        raise FileFormatError(
            f"{name}: missing column(s) {', '.join(missing)} of a partner list "
            f"(network, code, name, sector, waves; the file has {', '.join(header)})"
        )
    twice = sorted({f for f in fields if f and fields.count(f) > 1})
    if twice:
        raise FileFormatError(f"{name}: column(s) appear twice: {', '.join(twice)}")
    heading = {f: h for f, h in zip(fields, header) if f}
    batch = PartnerBatch(name, [])
    ignored = [h for h, f in zip(header, fields) if f is None and h]
    if ignored:
        batch.warnings.append(f"{name}: ignored column(s): {', '.join(ignored)}")

    checked = []
    for number, row in rows:
        raw = dict(zip(header, row))
        if len(row) > len(header):
            # More fields than headings: a comma in an unquoted name shifted the columns.
            reason = f"{name} row {number}: {len(row)} fields, the header has {len(header)}"
            batch.rejects.append(Reject(number, None, None, reason, {"fields": row}))
            continue
        # Fewer fields: the trailing cells are empty (spreadsheets drop them).
        record = {f: (row[i].strip() if i < len(row) else "") for i, f in enumerate(fields) if f}
        values, problems = check_partner(
            lookups,
            network=record["network"],
            code=record["code"],
            name=record["name"],
            sector=record["sector"],
            waves=record.get("waves", ""),
        )
        checked.append((number, record, raw, values, problems))

    repeat = _flag_duplicates(checked)
    for position, (number, record, raw, values, problems) in enumerate(checked):
        if position in repeat:
            batch.repeats += 1
            continue
        if not problems:
            batch.rows.append((number, values))
            continue
        first = problems[0].field
        batch.rejects.append(
            Reject(
                number,
                heading.get(first, first),
                record.get(first, ""),
                f"{name} row {number}: " + "; ".join(p.message for p in problems),
                raw,
            )
        )
        if values["network"] and values["code"]:
            batch.rejected_names.add((values["network"], values["code"]))
    return batch


def _flag_duplicates(checked: list[tuple]) -> set[int]:
    """One row per partner: identical repeats count once (their positions are returned); rows
    with different content for the same partner all get a problem, since nothing tells which of
    them is right."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for position, (_, _, _, values, _) in enumerate(checked):
        if values["network"] and values["code"]:
            by_key.setdefault((values["network"], values["code"]), []).append(position)
    repeat = set()
    for (network, code), positions in by_key.items():
        if len(positions) < 2:
            continue
        contents = {tuple(sorted(_hashable(checked[p][3]).items())) for p in positions}
        if len(contents) == 1:
            repeat.update(positions[1:])
            continue
        numbers = ", ".join(str(checked[p][0]) for p in positions)
        for p in positions:
            checked[p][4].append(
                FieldProblem(
                    "code",
                    "duplicate",
                    f"network {network} code {code} appears on rows {numbers} with different "
                    "content; give each partner one row",
                )
            )
    return repeat


def _hashable(values: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}


def import_partner_file(
    engine: Engine,
    path: Path,
    *,
    consortium_id: int,
    source: str = "partners",
    sheet: str | None = None,
    networks: Collection[str] | None = None,
    actor=None,
) -> RunSummary:
    """Import a partner list (CSV or XLSX); see the module's docstring for what it changes.
    `networks`: the networks the importer may change (a coordinator's own); rows naming another
    network are rejected, the others imported. `actor`: the account uploading it (audited)."""
    header, rows = read_table(path, sheet=sheet)
    digest = file_hash(path)
    return _import(engine, path.name, header, rows, consortium_id, source, digest, networks, actor)


def import_partner_frame(
    engine: Engine,
    frame: pd.DataFrame,
    *,
    consortium_id: int,
    source: str = "partners",
    file_name: str | None = None,
) -> RunSummary:
    """Import a partner list held in memory (columns as in the spreadsheet; `waves` may hold
    lists), with the same validation and rules as a file. Rows are numbered from 2, as in a file."""
    header = [str(c) for c in frame.columns]
    rows = [
        (number, [_cell(v) for v in values])
        for number, values in enumerate(frame.itertuples(index=False, name=None), start=2)
    ]
    return _import(engine, file_name or "partners", header, rows, consortium_id, source, None)


def _cell(value) -> str:
    if isinstance(value, list | tuple | set):
        return ";".join(str(v) for v in value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _import(
    engine: Engine,
    name: str,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    consortium_id: int,
    source: str,
    digest: str | None,
    networks: Collection[str] | None = None,
    actor=None,
) -> RunSummary:
    with recorded_run(engine, source, name, digest) as run_id, transaction(engine) as s:
        conn = s.connection()
        lookups = PartnerLookups.load(conn, consortium_id)
        if networks is not None:
            lookups = replace(lookups, allowed=frozenset(networks))
        batch = validate_partner_rows(name, header, rows, lookups)
        summary = write_partner_batch(conn, batch, lookups, run_id=run_id, source=source)
        if actor is not None:  # an upload in the dashboard: a person's change
            from accounts.users import audit

            counts = ("rows_new", "rows_updated", "rows_unchanged", "rows_rejected")
            after = {"file": name, **{c: getattr(summary, c) for c in counts}}
            audit(conn, actor, "import", "partner_list", run_id, None, after)
    return summary


# The import behind import_partner_file, for callers that read the rows themselves (uploads).
import_partner_rows = _import


def write_partner_batch(
    conn: Connection, batch: PartnerBatch, lookups: PartnerLookups, *, run_id: int, source: str
) -> RunSummary:
    """Upsert the batch's partners and apply its listing, inside the caller's transaction."""
    summary = RunSummary(
        run_id,
        source,
        batch.file_name,
        rows_in=batch.rows_in,
        rows_unchanged=batch.repeats,
        rows_rejected=len({r.row_number for r in batch.rejects}),
        warnings=list(batch.warnings),
        rejects=[r.reason for r in batch.rejects],
    )
    listing = _Listing.load(conn, lookups)
    for _, values in batch.rows:
        _upsert_row(conn, values, lookups, listing)
    _delist(conn, batch, lookups, listing, summary)
    states = list(listing.outcome.values())
    summary.rows_new = states.count("new")
    summary.rows_updated = states.count("updated")
    summary.rows_unchanged += states.count("unchanged")
    bump_partitions(conn, sorted(listing.touched))
    keep_rejects(conn, run_id, source, batch.file_name, batch.rejects)
    close_run(conn, run_id, summary)
    return summary


@dataclass
class _Listing:
    """The networks' partners and memberships as stored, and what the import changes in them."""

    stored: dict[tuple[int, str], Any]  # (network id, code) → the stored partner row
    members: set[tuple[int, int]]  # (partner, wave)
    partner_network: dict[int, int]
    partner_code: dict[int, str]
    touched: set[tuple[int, int]] = field(default_factory=set)  # (network, wave) to recompute
    listed: dict[tuple[int, int], set[int]] = field(default_factory=dict)  # partners the file lists
    outcome: dict[int, str] = field(default_factory=dict)  # partner → new / updated / unchanged

    @classmethod
    def load(cls, conn: Connection, lookups: PartnerLookups) -> _Listing:
        network_ids = list(lookups.networks.values())
        stored = {
            (r.network_id, r.code): r
            for r in conn.execute(
                select(
                    m.Partner.id,
                    m.Partner.network_id,
                    m.Partner.code,
                    m.Partner.name,
                    m.Partner.sector,
                ).where(m.Partner.network_id.in_(network_ids))
            )
        }
        members = set(
            conn.execute(
                select(m.PartnerMembership.partner_id, m.PartnerMembership.wave_id)
                .join(m.Partner, m.Partner.id == m.PartnerMembership.partner_id)
                .where(m.Partner.network_id.in_(network_ids))
            ).all()
        )
        return cls(
            stored,
            members,
            {r.id: r.network_id for r in stored.values()},
            {r.id: r.code for r in stored.values()},
        )


def _upsert_row(conn: Connection, values: dict, lookups: PartnerLookups, it: _Listing) -> None:
    """One valid row: the partner inserted or updated, the waves it names added."""
    network_id = lookups.networks[values["network"]]
    old = it.stored.get((network_id, values["code"]))
    changed = False
    if old is None:
        partner_id = conn.scalar(
            insert(m.Partner)
            .values(
                network_id=network_id,
                code=values["code"],
                name=values["name"],
                sector=values["sector"],
            )
            .returning(m.Partner.id)
        )
        it.partner_network[partner_id] = network_id
        it.partner_code[partner_id] = values["code"]
    else:
        partner_id = old.id
        if (old.name, old.sector) != (values["name"], values["sector"]):
            conn.execute(
                update(m.Partner)
                .where(m.Partner.id == partner_id)
                .values(name=values["name"], sector=values["sector"])
            )
            changed = True
        if old.sector != values["sector"]:
            # Cross-sector figures of every wave the partner is listed in move.
            it.touched |= {(network_id, w) for p, w in it.members if p == partner_id}
    for wave in values["waves"]:
        wave_id = lookups.waves[wave]
        it.listed.setdefault((network_id, wave_id), set()).add(partner_id)
        if (partner_id, wave_id) not in it.members:
            conn.execute(insert(m.PartnerMembership).values(partner_id=partner_id, wave_id=wave_id))
            it.members.add((partner_id, wave_id))
            it.touched.add((network_id, wave_id))
            changed = True
    it.outcome[partner_id] = "new" if old is None else "updated" if changed else "unchanged"


def _delist(
    conn: Connection,
    batch: PartnerBatch,
    lookups: PartnerLookups,
    it: _Listing,
    summary: RunSummary,
) -> None:
    """The listing rule: for each network × wave the file names, who else is listed leaves it
    (a partner whose row was rejected stays); each removal is a warning."""
    keep = {
        it.stored[(lookups.networks.get(n), c)].id
        for n, c in batch.rejected_names
        if (lookups.networks.get(n), c) in it.stored
    }
    removed: dict[tuple[int, int], list[int]] = {}
    for partner_id, wave_id in sorted(it.members):
        key = (it.partner_network[partner_id], wave_id)
        if key in it.listed and partner_id not in it.listed[key] and partner_id not in keep:
            removed.setdefault(key, []).append(partner_id)
    wave_code = {w: c for c, w in lookups.waves.items()}
    network_code = {n: c for c, n in lookups.networks.items()}
    for (network_id, wave_id), partner_ids in removed.items():
        conn.execute(
            delete(m.PartnerMembership).where(
                m.PartnerMembership.wave_id == wave_id,
                m.PartnerMembership.partner_id.in_(partner_ids),
            )
        )
        it.touched.add((network_id, wave_id))
        for partner_id in partner_ids:
            if it.outcome.get(partner_id) == "unchanged":
                it.outcome[partner_id] = "updated"  # its row no longer lists this wave
        answered = set(
            conn.scalars(
                select(m.PartnerResponse.partner_id).where(
                    m.PartnerResponse.wave_id == wave_id,
                    m.PartnerResponse.partner_id.in_(partner_ids),
                )
            )
        )
        codes = ", ".join(
            it.partner_code[p] + (" (it answered in that wave)" if p in answered else "")
            for p in partner_ids
        )
        summary.warnings.append(
            f"{batch.file_name}: {network_code[network_id]} {wave_code[wave_id]}: "
            f"no longer listed: {codes}"
        )
        summary.other_changes = True
