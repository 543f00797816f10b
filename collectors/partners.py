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

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from collectors.ingest import (
    bump_partitions,
)
from collectors.partner_check import (
    CODE_MAX,
    NAME_MAX,
    PROBLEM_KEYS,
    SECTOR_LABELS,
    FieldProblem,
    PartnerInvalid,
    PartnerLookups,
    check_partner,
    sector_code,
    split_waves,
)
from collectors.partner_import import (
    PARTNER_ALIASES,
    PartnerBatch,
    import_partner_file,
    import_partner_frame,
    import_partner_rows,
    validate_partner_rows,
    write_partner_batch,
)
from db import models as m
from db.engine import transaction

# The partner list's public face: the check, the spreadsheet import and the screen's writes.
__all__ = [
    "CODE_MAX",
    "NAME_MAX",
    "PARTNER_ALIASES",
    "PROBLEM_KEYS",
    "SECTOR_LABELS",
    "FieldProblem",
    "PartnerBatch",
    "PartnerInvalid",
    "PartnerLookups",
    "check_partner",
    "import_partner_file",
    "import_partner_frame",
    "import_partner_rows",
    "list_partners",
    "save_partner",
    "sector_code",
    "split_waves",
    "validate_partner_rows",
    "write_partner_batch",
]


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
    from accounts.users import audit

    with transaction(engine) as s:
        conn = s.connection()
        lookups = PartnerLookups.load(conn, consortium_id)
        values, problems = check_partner(
            lookups, network=network, code=code, name=name, sector=sector, waves=waves
        )
        old = _stored_partner(conn, consortium_id, partner_id)
        network_id = lookups.networks.get(values["network"])
        problems += _conflicts(conn, values, network_id, partner_id, old)
        if problems:
            raise PartnerInvalid(problems)
        record = {"network_id": network_id, **{k: values[k] for k in ("code", "name", "sector")}}
        partner_id, before_waves = _write_partner(
            conn, partner_id, old, record, {lookups.waves[w] for w in values["waves"]}
        )
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
            what = "create" if old is None else "update"
            audit(conn, actor, what, "partner", partner_id, before, after)
    return int(partner_id)


def _stored_partner(conn: Connection, consortium_id: int, partner_id: int | None):
    """The partner as stored (id, network_id, code, name, sector), None for a new one; a
    partner_id of no partner of the consortium is refused."""
    if partner_id is None:
        return None
    old = conn.execute(
        select(m.Partner.id, m.Partner.network_id, m.Partner.code, m.Partner.name, m.Partner.sector)
        .join(m.Network, m.Network.id == m.Partner.network_id)
        .where(m.Partner.id == partner_id, m.Network.consortium_id == consortium_id)
    ).first()
    if old is None:
        raise PartnerInvalid(
            [FieldProblem("partner_id", "unknown_partner", f"no partner {partner_id}")]
        )
    return old


def _conflicts(conn: Connection, values: dict, network_id, partner_id, old) -> list[FieldProblem]:
    """What the stored partners forbid: a code taken in the network, and a move to another
    network of a partner that answered or was answered about."""
    problems = []
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
            select(m.PartnerReport.response_id).where(m.PartnerReport.about_id == old.id).limit(1)
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
    return problems


def _write_partner(
    conn: Connection, partner_id: int | None, old, record: dict, wave_ids: set[int]
) -> tuple[int, set[int]]:
    """Insert or update the partner, make its memberships `wave_ids`, and mark the partitions
    whose listing changed; (partner id, the wave ids it was listed in before)."""
    network_id = record["network_id"]
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
            record["code"],
            record["sector"],
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
    bump_partitions(conn, sorted(touched))
    return partner_id, before_waves


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
