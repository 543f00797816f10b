"""A wave's answers out of the database, with one plain query, into pandas (design.md, "Speed by
design"), and the id → code look-ups of a consortium they are mapped with."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from db import models as m


def lookups(c, consortium_id: int) -> dict:
    """Codes by id of the consortium's networks, groups, items and waves; its relational waves;
    the invited counts per wave and network code."""
    nets = c.execute(
        select(m.Network.id, m.Network.code).where(m.Network.consortium_id == consortium_id)
    ).all()
    groups = c.execute(
        select(m.RespondentGroup.id, m.RespondentGroup.code).where(
            m.RespondentGroup.consortium_id == consortium_id
        )
    ).all()
    items = c.execute(
        select(m.Item.id, m.Item.code)
        .join(m.Theme)
        .join(m.Instrument)
        .where(m.Instrument.consortium_id == consortium_id)
    ).all()
    waves = c.execute(
        select(m.Wave.id, m.Wave.code, m.Instrument.kind)
        .join(m.Instrument)
        .where(m.Instrument.consortium_id == consortium_id)
    ).all()
    invited: dict[int, dict[str, int]] = {}
    network_code = dict(nets)
    for wave_id, network_id, count in c.execute(
        select(m.WaveNetwork.wave_id, m.WaveNetwork.network_id, m.WaveNetwork.invited)
    ):
        if network_id in network_code and count is not None:
            invited.setdefault(wave_id, {})[network_code[network_id]] = count
    return {
        "network_code": network_code,
        "group_code": dict(groups),
        "item_code": dict(items),
        "wave_code": {w: code for w, code, _ in waves},
        "relational_waves": [w for w, _, kind in waves if kind == "relational"],
        "invited": invited,
    }


def read_wave(engine: Engine, wave_id: int, lookups: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All answers of one wave with one plain query, ids mapped to codes afterwards (cheaper)."""
    sql = (
        "SELECT r.id, r.network_id, r.group_id, a.item_id, a.value "
        "FROM answer a JOIN response r ON r.id = a.response_id WHERE r.wave_id = :wave"
    )
    with engine.connect() as c:
        # The driver's own cursor gives plain tuples: SQLAlchemy's Row objects make building the
        # DataFrame several times slower (pandas probes every row). wave_id is an int: inlined.
        cursor = c.connection.driver_connection.cursor()
        try:
            cursor.execute(sql.replace(":wave", str(int(wave_id))))
            rows = cursor.fetchall()
            cursor.execute(f"SELECT id, network_id FROM response WHERE wave_id = {int(wave_id)}")
            respondents = cursor.fetchall()
        finally:
            cursor.close()
    # Every column is an integer id or a value (NULL: 'nvt'): one float array, None → NaN, is
    # far cheaper than a DataFrame built from 200,000 tuples.
    raw = np.array(rows, dtype=float).reshape(-1, 5)
    wave = lookups["wave_code"][wave_id]
    answers = pd.DataFrame(
        {
            "response_id": raw[:, 0].astype("int64"),
            "network": _codes(raw[:, 1], lookups["network_code"]),
            "wave": wave,
            "group": _codes(raw[:, 2], lookups["group_code"]),
            "item": _codes(raw[:, 3], lookups["item_code"]),
            "value": raw[:, 4],
        }
    )
    ids = np.array(respondents, dtype="int64").reshape(-1, 2)
    responses = pd.DataFrame(
        {
            "response_id": ids[:, 0],
            "wave": wave,
            "network": _codes(ids[:, 1], lookups["network_code"]),
        }
    )
    return answers, responses


def _codes(ids: np.ndarray, lookup: dict[int, str]) -> np.ndarray:
    """Ids to their codes with one vectorised take."""
    index = pd.Index(list(lookup), dtype="int64")
    return np.asarray(list(lookup.values()), dtype=object)[index.get_indexer(ids.astype("int64"))]
