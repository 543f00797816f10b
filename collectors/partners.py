"""The partner list: each network's member organisations, their sector, and the relational waves in
which they are listed (measures.md, "Partner network": the list is density's n).

Two ways in, one validation (`check_partner`): a spreadsheet (`samenwerkingsmonitor partners
import FILE`, or `import_partner_frame` for data already in memory) and the administrator's screen
in the dashboard (`save_partner`).

The spreadsheet has the columns ``network, code, name, sector, waves`` (Dutch headings ``netwerk``,
``naam``, ``golven`` work too). ``waves`` holds relational wave codes separated by ``;`` or ``,``
and may be empty; ``sector`` is a code of SECTORS or its Dutch or English label in any case.

**A list defines who is listed in the waves it names.** For each network × wave named on a valid
row, the network's partners that no row of the file lists for that wave lose their membership of
that wave. Waves the file does not name are left alone, so a list for 2026 does not touch 2025.
A partner whose row was rejected keeps what it had: a typo must not delist anyone. Partners are
never deleted (their answers stay); a partner out of every wave is simply no longer listed.

An import is one run (recorded first) and one transaction: partners upserted by (network, code),
memberships added and removed, rejected rows kept in rejected_row, and the network × wave
partitions whose listing (or a listed partner's sector) changed marked for the recompute. Reading
the same list again changes nothing; it is not skipped by its file hash, so importing a list
again restores it after edits in the dashboard.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from collectors.batch import Reject
from collectors.files import FileFormatError, file_hash, read_table
from collectors.ingest import (
    RunSummary,
    _bump_partitions,
    close_run,
    finish_run,
    keep_rejects,
    start_run,
)
from db import models as m
from db.engine import transaction

# One place for the sectors' names, for this validation and the dashboard (legend, forms).
SECTOR_LABELS: dict[str, dict[str, str]] = {
    "huisarts": {"nl": "Huisarts / eerste lijn", "en": "GP / primary care"},
    "thuiszorg": {"nl": "Thuiszorg", "en": "Home care"},
    "ziekenhuis": {"nl": "Ziekenhuis", "en": "Hospital"},
    "vvt": {"nl": "Verpleeg- en verzorgingshuis (VVT)", "en": "Nursing home"},
    "hospice": {"nl": "Hospice", "en": "Hospice"},
    "palliatief_team": {"nl": "Palliatief team", "en": "Specialist palliative team"},
    "vrijwilligers": {"nl": "Vrijwilligers", "en": "Volunteers"},
    "sociaal_domein": {"nl": "Sociaal domein", "en": "Social domain"},
    "overig": {"nl": "Overig", "en": "Other"},
}

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
CODE_MAX = 40  # partner.code
NAME_MAX = 200  # partner.name
# Letters, digits, - _ and .: codes travel in file names, survey sub-question codes and URLs.
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

# Message keys of FieldProblem, for the dashboard's translations.
PROBLEM_KEYS = (
    "required",  # the field is empty
    "unknown_network",
    "code_too_long",
    "code_characters",
    "name_too_long",
    "unknown_sector",
    "unknown_wave",
    "not_relational_wave",  # a wave of a questionnaire, not of the relational instrument
    "code_taken",  # another partner of the network has this code
    "unknown_partner",  # save_partner: partner_id is no partner of the consortium
    "network_fixed",  # save_partner: a partner with answers cannot move to another network
    "duplicate",  # import: the network and code appear on another row of the file
    "foreign_network",  # import: a network the importing coordinator does not write
)


def _normalise(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower()


def _sector_words() -> dict[str, str]:
    words = {}
    for code, labels in SECTOR_LABELS.items():
        for text in (code, labels["nl"], labels["en"]):
            words[_normalise(text)] = code
            # "Verpleeg- en verzorgingshuis" and "VVT" alone are what people type.
            bare = re.sub(r"\s*\(([^)]*)\)", "", text)
            words[_normalise(bare)] = code
            for inner in re.findall(r"\(([^)]*)\)", text):
                words[_normalise(inner)] = code
    return words


SECTOR_WORDS = _sector_words()


def sector_code(text: str) -> str | None:
    """The sector code of a code or a Dutch or English label (any case), else None."""
    return SECTOR_WORDS.get(_normalise(text or ""))


def split_waves(text: str | Iterable[str] | None) -> list[str]:
    """Wave codes of a `;`- or `,`-separated cell (or a list), in order, without repeats."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return []
    parts = re.split(r"[;,]", text) if isinstance(text, str) else [str(t) for t in text]
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field: `key` is stable (PROBLEM_KEYS) for the dashboard to translate,
    `message` is English for logs, the command line and rejected rows."""

    field: str
    key: str
    message: str


class PartnerInvalid(ValueError):
    """save_partner refused its input; `problems` says which field and why (a form shows each
    under its field, translated by key)."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))

    @property
    def fields(self) -> dict[str, str]:
        """field → the first English message for it."""
        out: dict[str, str] = {}
        for p in self.problems:
            out.setdefault(p.field, p.message)
        return out


@dataclass(frozen=True)
class PartnerLookups:
    """The consortium's codes a partner may name."""

    networks: dict[str, int]  # network code → id
    waves: dict[str, int]  # relational wave code → id
    other_waves: frozenset[str]  # questionnaire wave codes: named to explain a rejection
    allowed: frozenset[str] | None = None  # the networks this import may change; None: all

    @classmethod
    def load(cls, conn: Connection, consortium_id: int) -> PartnerLookups:
        networks = dict(
            conn.execute(
                select(m.Network.code, m.Network.id).where(m.Network.consortium_id == consortium_id)
            ).all()
        )
        waves, other = {}, set()
        for code, wave_id, kind in conn.execute(
            select(m.Wave.code, m.Wave.id, m.Instrument.kind)
            .join(m.Instrument, m.Instrument.id == m.Wave.instrument_id)
            .where(m.Instrument.consortium_id == consortium_id)
        ):
            if kind == "relational":
                waves[code] = wave_id
            else:
                other.add(code)
        return cls(networks, waves, frozenset(other))


def check_partner(
    lookups: PartnerLookups,
    *,
    network: str,
    code: str,
    name: str,
    sector: str,
    waves: str | Iterable[str] | None,
) -> tuple[dict, list[FieldProblem]]:
    """A partner's values ready to store (network, code, name, sector, waves) and its problems."""
    network, code, name = (str(v or "").strip() for v in (network, code, name))
    problems: list[FieldProblem] = []

    def problem(field_: str, key: str, message: str) -> None:
        problems.append(FieldProblem(field_, key, message))

    if not network:
        problem("network", "required", "network is empty")
    elif network not in lookups.networks:
        problem("network", "unknown_network", f"unknown network '{network}'")
    elif lookups.allowed is not None and network not in lookups.allowed:
        problem(
            "network",
            "foreign_network",
            f"network '{network}' is not yours to change (you may import "
            f"{', '.join(sorted(lookups.allowed)) or 'no network'})",
        )
    if not code:
        problem("code", "required", "code is empty")
    elif len(code) > CODE_MAX:
        problem("code", "code_too_long", f"code '{code}' is longer than {CODE_MAX} characters")
    elif not CODE_PATTERN.fullmatch(code):
        problem(
            "code",
            "code_characters",
            f"code '{code}' may hold only letters, digits, '-', '_' and '.', "
            "starting with a letter or digit",
        )
    if not name:
        problem("name", "required", "name is empty")
    elif len(name) > NAME_MAX:
        problem("name", "name_too_long", f"name is longer than {NAME_MAX} characters")
    sector_text = str(sector or "").strip()
    sector_value = sector_code(sector_text)
    if not sector_text:
        problem("sector", "required", "sector is empty")
    elif sector_value is None:
        problem(
            "sector",
            "unknown_sector",
            f"unknown sector '{sector_text}' (one of {', '.join(m.SECTORS)}, "
            "or their Dutch or English names)",
        )
    wave_codes = split_waves(waves)
    relational = ", ".join(sorted(lookups.waves)) or "none"
    for wave in wave_codes:
        if wave in lookups.waves:
            continue
        if wave in lookups.other_waves:
            problem(
                "waves",
                "not_relational_wave",
                f"wave '{wave}' is not a wave of a relational instrument "
                f"(the relational waves are {relational})",
            )
        else:
            problem(
                "waves", "unknown_wave", f"unknown wave '{wave}' (relational waves: {relational})"
            )
    values = {
        "network": network,
        "code": code,
        "name": name,
        "sector": sector_value,
        "waves": wave_codes,
    }
    return values, problems


# --- the spreadsheet -----------------------------------------------------------------------------


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

    # One row per partner: identical repeats count once; different rows for the same partner are
    # all rejected, since nothing tells which of them is right.
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
    run_id = start_run(engine, source, name, digest)
    try:
        with transaction(engine) as s:
            conn = s.connection()
            lookups = PartnerLookups.load(conn, consortium_id)
            if networks is not None:
                lookups = replace(lookups, allowed=frozenset(networks))
            batch = validate_partner_rows(name, header, rows, lookups)
            summary = write_partner_batch(conn, batch, lookups, run_id=run_id, source=source)
            if actor is not None:  # an upload in the dashboard: a person's change
                from samenwerkingsmonitor.accounts import audit

                counts = ("rows_new", "rows_updated", "rows_unchanged", "rows_rejected")
                after = {"file": name, **{c: getattr(summary, c) for c in counts}}
                audit(conn, actor, "import", "partner_list", run_id, None, after)
    except Exception as error:
        finish_run(engine, run_id, status="failed", error=f"{type(error).__name__}: {error}")
        raise
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
    network_ids = list(lookups.networks.values())
    wave_code = {w: c for c, w in lookups.waves.items()}
    network_code = {n: c for c, n in lookups.networks.items()}
    stored = {
        (r.network_id, r.code): r
        for r in conn.execute(
            select(
                m.Partner.id, m.Partner.network_id, m.Partner.code, m.Partner.name, m.Partner.sector
            ).where(m.Partner.network_id.in_(network_ids))
        )
    }
    members: set[tuple[int, int]] = set(
        conn.execute(
            select(m.PartnerMembership.partner_id, m.PartnerMembership.wave_id)
            .join(m.Partner, m.Partner.id == m.PartnerMembership.partner_id)
            .where(m.Partner.network_id.in_(network_ids))
        ).all()
    )
    touched: set[tuple[int, int]] = set()
    listed: dict[tuple[int, int], set[int]] = {}  # (network, wave) → partners the file lists
    partner_network: dict[int, int] = {r.id: r.network_id for r in stored.values()}
    partner_code: dict[int, str] = {r.id: r.code for r in stored.values()}
    outcome: dict[int, str] = {}  # partner of a valid row → new / updated / unchanged

    for _, values in batch.rows:
        network_id = lookups.networks[values["network"]]
        old = stored.get((network_id, values["code"]))
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
            partner_network[partner_id] = network_id
            partner_code[partner_id] = values["code"]
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
                touched |= {(network_id, w) for p, w in members if p == partner_id}
        for wave in values["waves"]:
            wave_id = lookups.waves[wave]
            listed.setdefault((network_id, wave_id), set()).add(partner_id)
            if (partner_id, wave_id) not in members:
                conn.execute(
                    insert(m.PartnerMembership).values(partner_id=partner_id, wave_id=wave_id)
                )
                members.add((partner_id, wave_id))
                touched.add((network_id, wave_id))
                changed = True
        outcome[partner_id] = "new" if old is None else "updated" if changed else "unchanged"

    # The listing rule: for each network × wave the file names, who else is listed leaves it.
    keep = {
        stored[(lookups.networks.get(n), c)].id
        for n, c in batch.rejected_names
        if (lookups.networks.get(n), c) in stored
    }
    removed: dict[tuple[int, int], list[int]] = {}
    for partner_id, wave_id in sorted(members):
        key = (partner_network[partner_id], wave_id)
        if key in listed and partner_id not in listed[key] and partner_id not in keep:
            removed.setdefault(key, []).append(partner_id)
    for (network_id, wave_id), partner_ids in removed.items():
        conn.execute(
            delete(m.PartnerMembership).where(
                m.PartnerMembership.wave_id == wave_id,
                m.PartnerMembership.partner_id.in_(partner_ids),
            )
        )
        touched.add((network_id, wave_id))
        for partner_id in partner_ids:
            if outcome.get(partner_id) == "unchanged":
                outcome[partner_id] = "updated"  # its row no longer lists this wave
        answered = set(
            conn.scalars(
                select(m.PartnerResponse.partner_id).where(
                    m.PartnerResponse.wave_id == wave_id,
                    m.PartnerResponse.partner_id.in_(partner_ids),
                )
            )
        )
        codes = ", ".join(
            partner_code[p] + (" (it answered in that wave)" if p in answered else "")
            for p in partner_ids
        )
        summary.warnings.append(
            f"{batch.file_name}: {network_code[network_id]} {wave_code[wave_id]}: "
            f"no longer listed: {codes}"
        )
        summary.other_changes = True

    states = list(outcome.values())
    summary.rows_new = states.count("new")
    summary.rows_updated = states.count("updated")
    summary.rows_unchanged += states.count("unchanged")
    _bump_partitions(conn, sorted(touched))
    keep_rejects(conn, run_id, source, batch.file_name, batch.rejects)
    close_run(conn, run_id, summary)
    return summary


# --- the administrator's screen ------------------------------------------------------------------


def save_partner(
    engine: Engine,
    consortium_id: int,
    *,
    network: str,
    code: str,
    name: str,
    sector: str,
    waves: str | Iterable[str] | None,
    partner_id: int | None = None,
    actor=None,
) -> int:
    """Create (partner_id None) or change one partner; its memberships become exactly `waves`.

    Validation as for a spreadsheet row, plus: the code is free in the network, and a partner
    that answered or was answered about cannot move to another network. Raises PartnerInvalid
    with field → (key, English message). The change is written to the audit trail (actor: the
    dashboard's Account, or None for "system"). Returns the partner's id.
    """
    from samenwerkingsmonitor.accounts import audit

    with transaction(engine) as s:
        conn = s.connection()
        lookups = PartnerLookups.load(conn, consortium_id)
        values, problems = check_partner(
            lookups, network=network, code=code, name=name, sector=sector, waves=waves
        )
        old = None
        if partner_id is not None:
            old = conn.execute(
                select(
                    m.Partner.id,
                    m.Partner.network_id,
                    m.Partner.code,
                    m.Partner.name,
                    m.Partner.sector,
                )
                .join(m.Network, m.Network.id == m.Partner.network_id)
                .where(m.Partner.id == partner_id, m.Network.consortium_id == consortium_id)
            ).first()
            if old is None:
                raise PartnerInvalid(
                    [FieldProblem("partner_id", "unknown_partner", f"no partner {partner_id}")]
                )
        network_id = lookups.networks.get(values["network"])
        if network_id is not None and values["code"]:
            taken = conn.scalar(
                select(m.Partner.id).where(
                    m.Partner.network_id == network_id,
                    m.Partner.code == values["code"],
                    m.Partner.id != (partner_id or -1),
                )
            )
            if taken is not None:
                problems.append(
                    FieldProblem(
                        "code",
                        "code_taken",
                        f"network {values['network']} already has a partner with code "
                        f"'{values['code']}'",
                    )
                )
        if old is not None and network_id is not None and network_id != old.network_id:
            used = conn.scalar(
                select(m.PartnerResponse.id).where(m.PartnerResponse.partner_id == old.id).limit(1)
            ) or conn.scalar(
                select(m.PartnerReport.response_id)
                .where(m.PartnerReport.about_id == old.id)
                .limit(1)
            )
            if used is not None:
                problems.append(
                    FieldProblem(
                        "network",
                        "network_fixed",
                        "the partner answered or was answered about in its network: it cannot "
                        "move to another network (add it to the other network as a new partner)",
                    )
                )
        if problems:
            raise PartnerInvalid(problems)

        wave_ids = {lookups.waves[w] for w in values["waves"]}
        record = {"network_id": network_id, **{k: values[k] for k in ("code", "name", "sector")}}
        touched: set[tuple[int, int]] = set()
        if old is None:
            partner_id = conn.scalar(insert(m.Partner).values(**record).returning(m.Partner.id))
            before_waves: set[int] = set()
        else:
            before_waves = set(
                conn.scalars(
                    select(m.PartnerMembership.wave_id).where(
                        m.PartnerMembership.partner_id == partner_id
                    )
                )
            )
            conn.execute(update(m.Partner).where(m.Partner.id == partner_id).values(**record))
            if (old.network_id, old.code, old.sector) != (
                network_id,
                values["code"],
                values["sector"],
            ):
                # Ties carry codes and cross-sector figures sectors: every listed wave moves.
                touched |= {(old.network_id, w) for w in before_waves}
                touched |= {(network_id, w) for w in wave_ids}
        for wave_id in wave_ids - before_waves:
            conn.execute(insert(m.PartnerMembership).values(partner_id=partner_id, wave_id=wave_id))
        gone = before_waves - wave_ids
        if gone:
            conn.execute(
                delete(m.PartnerMembership).where(
                    m.PartnerMembership.partner_id == partner_id,
                    m.PartnerMembership.wave_id.in_(gone),
                )
            )
        touched |= {(network_id, w) for w in wave_ids ^ before_waves}
        if old is not None:
            touched |= {(old.network_id, w) for w in gone}
        _bump_partitions(conn, sorted(touched))
        wave_code = {w: c for c, w in lookups.waves.items()}
        after = {**values, "waves": sorted(values["waves"])}
        before = None
        if old is not None:
            before = {
                "network": next(c for c, i in lookups.networks.items() if i == old.network_id),
                "code": old.code,
                "name": old.name,
                "sector": old.sector,
                "waves": sorted(wave_code[w] for w in before_waves if w in wave_code),
            }
        if before != after:
            audit(
                conn,
                actor,
                "create" if old is None else "update",
                "partner",
                partner_id,
                before,
                after,
            )
    return int(partner_id)


def list_partners(
    engine: Engine, consortium_id: int, networks: Iterable[str] | None = None
) -> pd.DataFrame:
    """The partners of the consortium (or of `networks`): id, network, code, name, sector, and
    waves (the relational wave codes it is listed in, sorted), ordered by network and code."""
    wanted = list(networks) if networks is not None else None
    with engine.connect() as c:
        query = (
            select(m.Partner.id, m.Network.code, m.Partner.code, m.Partner.name, m.Partner.sector)
            .join(m.Network, m.Network.id == m.Partner.network_id)
            .where(m.Network.consortium_id == consortium_id)
            .order_by(m.Network.code, m.Partner.code)
        )
        if wanted is not None:
            query = query.where(m.Network.code.in_(wanted))
        rows = [tuple(r) for r in c.execute(query)]
        waves: dict[int, list[str]] = {}
        for partner_id, wave in c.execute(
            select(m.PartnerMembership.partner_id, m.Wave.code)
            .join(m.Wave, m.Wave.id == m.PartnerMembership.wave_id)
            .join(m.Partner, m.Partner.id == m.PartnerMembership.partner_id)
            .join(m.Network, m.Network.id == m.Partner.network_id)
            .where(m.Network.consortium_id == consortium_id)
            .order_by(m.Wave.code)
        ):
            waves.setdefault(partner_id, []).append(wave)
    frame = pd.DataFrame(rows, columns=["id", "network", "code", "name", "sector"])
    frame["waves"] = [waves.get(i, []) for i in frame["id"]]
    return frame
