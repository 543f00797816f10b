"""Read-only lookups for the pages: indexed queries on snapshots and small tables.

Snapshots are read whole per consortium once per process and kept until they change: a cheap
version query (max computed_at and row count), itself remembered for a few seconds, decides when
to read them again. So a callback filters a frame in memory and never waits on the database for
figures; answers are never read here (design.md: pages read snapshots only).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

import numpy as np
import pandas as pd
from sqlalchemy import Engine, Select, case, func, insert, select

from dashboard import access, register_queries
from db import models as m
from metrics.store import load_snapshots
from samenwerkingsmonitor.vocabulary import ALL_GROUPS

VERSION_TTL_SECONDS = 5.0
_versions: dict[tuple[str, int], tuple[float, tuple]] = {}
_versions_lock = threading.Lock()
# One version query per consortium at a time: a network switch sends its callbacks together,
# and each found the remembered version expired and asked the database itself (on SQLite the
# query reads every snapshot row of the consortium: about 0.1 s each, three at once; issue 18).
_asking: dict[tuple[str, int], threading.Lock] = {}
# The last failed ask per consortium (when, error): callbacks that waited for it fail with it
# rather than each waiting for the database again in turn.
_failed: dict[tuple[str, int], tuple[float, Exception]] = {}


def snapshot_version(engine: Engine, consortium_id: int) -> tuple:
    """What changes when the snapshots change (max computed_at, row count), remembered a few
    seconds so that a burst of callbacks asks the database once: a callback arriving while
    another asks waits for that answer instead of asking again."""
    key = (engine.url.render_as_string(), consortium_id)
    arrived = time.monotonic()
    version = _remembered(key, arrived)
    if version is not None:
        return version
    with _versions_lock:
        asking = _asking.setdefault(key, threading.Lock())
    with asking:
        version = _remembered(key, arrived)  # asked by another callback meanwhile
        if version is not None:
            return version
        failed = _failed.get(key)
        if failed is not None and failed[0] >= arrived:
            raise failed[1]  # the ask this callback waited for failed: the database is unusable
        asked = time.monotonic()
        try:
            version = _ask_version(engine, consortium_id)
        except Exception as error:
            _failed[key] = (time.monotonic(), error)
            raise
        _failed.pop(key, None)
        with _versions_lock:
            _versions[key] = (asked, version)
    return version


def _remembered(key: tuple[str, int], arrived: float) -> tuple | None:
    """The version asked less than VERSION_TTL_SECONDS before `arrived`, else None."""
    with _versions_lock:
        cached = _versions.get(key)
    return cached[1] if cached and arrived - cached[0] < VERSION_TTL_SECONDS else None


def version_query(consortium_id: int) -> Select:
    """Latest computed_at and row count of the consortium's snapshots: answered from the index
    ix_measure_snapshot_version alone, not from the wide snapshot rows."""
    s = m.MeasureSnapshot
    return select(func.max(s.computed_at), func.count()).where(s.consortium_id == consortium_id)


def _ask_version(engine: Engine, consortium_id: int) -> tuple:
    with engine.connect() as c:
        return tuple(c.execute(version_query(consortium_id)).one())


def snapshots(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """All snapshots of the consortium (suppression applied where they were written)."""
    return _snapshots(engine, consortium_id, snapshot_version(engine, consortium_id))


@lru_cache(maxsize=8)
def _snapshots(engine: Engine, consortium_id: int, version: tuple) -> pd.DataFrame:
    frame = load_snapshots(engine, consortium_id)
    frame["reference_date"] = pd.to_datetime(frame["reference_date"])
    frame["suppressed"] = frame["suppressed"].astype(bool)
    # Belt and braces: whatever a snapshot row holds, a suppressed row carries no figure here.
    figures = [
        *("n", "mean", "sd", "ci_low", "ci_high", "score_100"),
        *("pct_positive", "pct_negative", "value"),
    ]
    frame.loc[frame["suppressed"], figures] = float("nan")
    _remember_keys(frame)
    return frame


# Per cached snapshot frame: its key columns as integer codes, and what was derived from it. A
# callback filters the frame several times; comparing strings row by row was most of its time.
KEY_COLUMNS = ("measure", "subject", "network", "group", "wave")
_derived: OrderedDict[int, tuple[pd.DataFrame, dict]] = OrderedDict()
_derived_lock = threading.Lock()


def _remember_keys(frame: pd.DataFrame) -> None:
    derived = {}
    for column in KEY_COLUMNS:
        codes, categories = pd.factorize(frame[column])
        # value → code as a dict: Index.get_indexer cost 0.1 ms a call, several per select.
        derived[column] = (codes, {value: code for code, value in enumerate(categories)})
    with _derived_lock:
        _derived[id(frame)] = (frame, derived)
        while len(_derived) > _snapshots.cache_info().maxsize:
            _derived.popitem(last=False)  # as many as the snapshot cache holds, no more


def _derived_of(frame: pd.DataFrame) -> dict | None:
    """What was derived from this very frame (a cached snapshot frame), else None."""
    entry = _derived.get(id(frame))
    return entry[1] if entry is not None and entry[0] is frame else None


def memo(frame: pd.DataFrame, key: tuple, build):
    """`build()` once per cached snapshot frame and `key`, kept with that frame (so dropped when
    the snapshots change); a frame that is not the cache's own is not remembered. For what a page
    derives from a whole version of the snapshots, such as a table's cells. Keys must come from
    validated values (a wave of the frame, a language), so that their number stays bounded; treat
    the result as read-only. It holds no rights: whatever narrows by network is applied by the
    caller on every call (Kwaliteit reads every network and is a page for the roles that may)."""
    derived = _derived_of(frame)
    if derived is None:
        return build()
    key = ("memo", *key)
    if key not in derived:
        derived[key] = build()
    return derived[key]


def _key_mask(derived: dict, column: str, wanted) -> np.ndarray:
    codes, positions = derived[column]
    values = wanted if isinstance(wanted, list) else [wanted]
    found = [positions[v] for v in values if v in positions]
    if len(found) == 1:
        return codes == found[0]
    return np.isin(codes, found)


def select_snapshots(
    frame: pd.DataFrame,
    *,
    measure: str | list[str] | None = None,
    subject: str | None = None,
    network: str | list[str] | None = None,
    group: str | None = ALL_GROUPS,
    wave: str | None = None,
) -> pd.DataFrame:
    """Rows of the snapshot frame matching every given filter (None: any). Naming a network
    the request's account may not read is refused (403): the read checks by itself."""
    for code in network if isinstance(network, list) else [network]:
        if code is not None:
            access.require_network(code)
    filters = {"measure": measure, "subject": subject, "network": network, "group": group}
    filters["wave"] = wave
    derived = _derived_of(frame)
    if derived is not None:
        mask = np.ones(len(frame), dtype=bool)
        for column, wanted in filters.items():
            if wanted is not None:
                mask &= _key_mask(derived, column, wanted)
        return frame.loc[mask]
    mask = pd.Series(True, index=frame.index)
    if isinstance(measure, list):
        mask &= frame["measure"].isin(measure)
    elif measure is not None:
        mask &= frame["measure"] == measure
    if subject is not None:
        mask &= frame["subject"] == subject
    if isinstance(network, list):
        mask &= frame["network"].isin(network)
    elif network is not None:
        mask &= frame["network"] == network
    if group is not None:
        mask &= frame["group"] == group
    if wave is not None:
        mask &= frame["wave"] == wave
    return frame.loc[mask]


def wave_has_snapshots(frame: pd.DataFrame, wave: str) -> bool:
    """Has any snapshot (of any measure and group) this wave? As select_snapshots(frame,
    wave=wave, group=None) being non-empty, without taking the wave's rows (a tenth of all)."""
    derived = _derived_of(frame)
    if derived is None:
        return not select_snapshots(frame, wave=wave, group=None).empty
    return bool(_key_mask(derived, "wave", wave).any())


# The partner network's snapshots belong to the waves of the relational questionnaire.
PARTNER_NETWORK_MEASURES = ("network", "partner_trust", "partner_value")


def waves(frame: pd.DataFrame, *, partner_network: bool = False) -> list[str]:
    """Wave codes with snapshots, oldest first: the questionnaire's, or the partner network's."""
    derived = _derived_of(frame)
    if derived is None:
        return _waves(frame, partner_network)
    key = ("waves", partner_network)
    if key not in derived:
        derived[key] = _waves(
            frame, partner_network, _key_mask(derived, "measure", list(PARTNER_NETWORK_MEASURES))
        )
    return list(derived[key])


def _waves(frame: pd.DataFrame, partner_network: bool, partner_rows=None) -> list[str]:
    if partner_rows is None:
        partner_rows = frame["measure"].isin(PARTNER_NETWORK_MEASURES).to_numpy()
    frame = frame.loc[partner_rows == partner_network]
    if frame.empty:
        return []
    return (
        frame[["wave", "reference_date"]]
        .drop_duplicates("wave")
        .sort_values("reference_date")["wave"]
        .tolist()
    )


def networks(engine: Engine, consortium_id: int) -> pd.DataFrame:
    query = select(m.Network.code, m.Network.name).where(m.Network.consortium_id == consortium_id)
    with engine.connect() as c:
        return pd.DataFrame(
            c.execute(query.order_by(m.Network.name)).all(), columns=["code", "name"]
        )


def responses_per_wave(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """Responses per network × wave from the response-rate snapshots (suppressed below the
    threshold like every count of respondents), with the date of each network's latest response."""
    rates = select_snapshots(snapshots(engine, consortium_id), measure="response_rate")
    frame = pd.DataFrame(
        {
            "network": rates["network"],
            "wave": rates["wave"],
            "reference_date": rates["reference_date"],
            "responses": rates["n"],
            "suppressed": rates["suppressed"],
        }
    ).reset_index(drop=True)
    dates = latest_responses(engine, consortium_id)
    frame["latest"] = frame["network"].map(dates)
    return frame


def latest_responses(engine: Engine, consortium_id: int) -> dict[str, datetime]:
    """The date of each network's latest questionnaire response (a date is no aggregate).

    It scans the responses, so it is cached with the snapshots: new responses show up here with
    the recompute that follows their ingest (within a scheduler tick)."""
    return dict(_latest_responses(engine, consortium_id, snapshot_version(engine, consortium_id)))


@lru_cache(maxsize=8)
def _latest_responses(engine: Engine, consortium_id: int, version: tuple) -> tuple:
    query = (
        select(m.Network.code, func.max(m.Response.submitted_at))
        .join(m.Response, m.Response.network_id == m.Network.id)
        .where(m.Network.consortium_id == consortium_id)
        .group_by(m.Network.code)
    )
    with engine.connect() as c:
        return tuple(c.execute(query).all())


def latest_index(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """The collaboration index per network at its latest wave with a published value — the
    official status on the road to 2028 (measures.md) — or, when no wave has one, the latest
    (suppressed) row, so the page can say "too few respondents"."""
    frame = select_snapshots(snapshots(engine, consortium_id), measure="index", subject="index")
    if frame.empty:
        return frame
    # Published rows sort after suppressed ones, then by date: the last row per network wins.
    frame = frame.assign(_published=~frame["suppressed"].astype(bool))
    frame = frame.sort_values(["_published", "reference_date"])
    return frame.groupby("network").tail(1).drop(columns="_published").set_index("network")


def status_updates(engine: Engine, consortium_id: int) -> pd.DataFrame:
    """Submitted status updates (few: one per project × network × month), newest version last,
    of the networks the request's account may read (read per register version)."""
    frame = register_queries.status_updates(engine, consortium_id)
    return frame.loc[frame["network"].isin(access.visible(frame["network"].unique()))]


def latest_statuses(engine: Engine, consortium_id: int, day: date, stale_days: int) -> pd.DataFrame:
    """The latest status per project × network as of `day` (metrics.projects.latest_status) of
    the networks the request's account may read."""
    frame = register_queries.latest_statuses(engine, consortium_id, day, stale_days)
    return frame.loc[frame["network"].isin(access.visible(frame["network"].unique()))]


def projects(engine: Engine, consortium_id: int, network: str | None = None) -> pd.DataFrame:
    """The projects (code, name) that a network the request's account may read takes part in,
    or that `network` takes part in (refused when the account may not read it)."""
    if network:
        access.require_network(network)
    frame, pairs = register_queries.projects_taking_part(engine, consortium_id)
    wanted = [network] if network else access.visible(pairs["network"].unique())
    keep = set(pairs.loc[pairs["network"].isin(wanted), "project"])
    if access.allowed_networks() is None and not network:
        keep |= set(frame["project"])  # who reads everything also sees projects of no network
    return frame.loc[frame["project"].isin(keep)].reset_index(drop=True)


def din_tables(engine: Engine, consortium_id: int) -> dict[str, pd.DataFrame]:
    """The Doelen-Inspanningen-Netwerk: projects, SMART goals, result goals, ambitions, links."""
    return register_queries.din_tables(engine, consortium_id)


def goal_values(engine: Engine, consortium_id: int) -> pd.DataFrame:
    return register_queries.goal_values(engine, consortium_id)


def timeline_notes(engine: Engine, consortium_id: int, network: str) -> pd.DataFrame:
    """A network's dated notes (e.g. 'reorganisatie thuiszorg'), oldest first."""
    access.require_network(network)
    query = (
        select(m.TimelineNote.noted_on, m.TimelineNote.text)
        .join(m.Network, m.Network.id == m.TimelineNote.network_id)
        .where(m.Network.consortium_id == consortium_id, m.Network.code == network)
        .order_by(m.TimelineNote.noted_on, m.TimelineNote.id)
    )
    with engine.connect() as c:
        frame = pd.DataFrame(c.execute(query).all(), columns=["noted_on", "text"])
    frame["noted_on"] = pd.to_datetime(frame["noted_on"])
    return frame


def add_timeline_note(
    engine: Engine, consortium_id: int, network: str, noted_on: date, text: str
) -> None:
    """Write one dated note on a network's timeline (the caller checks who may)."""
    with engine.begin() as c:
        network_id = c.execute(
            select(m.Network.id).where(
                m.Network.consortium_id == consortium_id, m.Network.code == network
            )
        ).scalar_one()
        c.execute(
            insert(m.TimelineNote).values(network_id=network_id, noted_on=noted_on, text=text)
        )


def collector_runs(engine: Engine) -> pd.DataFrame:
    """Per source: the latest run, the latest successful run and its status (data freshness).
    Read again only when a run starts, finishes or is marked interrupted (Kwaliteit asks on
    every call; treat the frame as read-only)."""
    with engine.connect() as c:
        current = tuple(c.execute(_collector_runs_version()).one())
    return _collector_runs(engine, current)


@cache
def _collector_runs_version():
    """Built once: composing this select cost more than running it (Kwaliteit asks per call)."""
    r = m.CollectorRun
    return select(
        func.count(),
        func.max(r.id),
        func.count(r.finished_at),
        func.max(r.finished_at),
        func.sum(case((r.status == "running", 1), else_=0)),
    )


@lru_cache(maxsize=4)
def _collector_runs(engine: Engine, version: tuple) -> pd.DataFrame:
    r = m.CollectorRun
    query = select(
        r.source,
        func.max(r.finished_at).label("last_run"),
        func.count().label("runs"),
    ).group_by(r.source)
    ok = select(r.source, func.max(r.finished_at)).where(r.status == "ok").group_by(r.source)
    last_status = select(r.source, r.status, r.started_at).order_by(r.started_at)
    with engine.connect() as c:
        frame = pd.DataFrame(c.execute(query).all(), columns=["source", "last_run", "runs"])
        last_ok = dict(c.execute(ok).all())
        status = {source: s for source, s, _ in c.execute(last_status).all()}
    frame["last_ok"] = frame["source"].map(last_ok)
    frame["status"] = frame["source"].map(status)
    return frame.sort_values("source").reset_index(drop=True)


def latest_status_updates(engine: Engine, consortium_id: int) -> dict[str, datetime]:
    """The latest submitted status update per network (freshness of the project source)."""
    with engine.connect() as c:
        return dict(c.execute(_latest_status_updates_query(consortium_id)).all())


@lru_cache(maxsize=8)
def _latest_status_updates_query(consortium_id: int):
    return (
        select(m.Network.code, func.max(m.StatusUpdate.submitted_at))
        .join(m.StatusUpdate, m.StatusUpdate.network_id == m.Network.id)
        .where(m.Network.consortium_id == consortium_id, m.StatusUpdate.state == "submitted")
        .group_by(m.Network.code)
    )


def month_ago(today: date) -> date:
    return today - timedelta(days=31)
