"""A wave's answers out of the database, with one plain query, into pandas (design.md, "Speed by
design"), and the id → code look-ups of a consortium they are mapped with."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from db import models as m


def lookups(c, consortium_id: int) -> dict:
    """Codes by id of the consortium's networks, groups, items and waves; the waves' reference
    dates; its relational waves; the invited counts per wave and network code."""
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
        select(m.Wave.id, m.Wave.code, m.Instrument.kind, m.Wave.reference_date)
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
        "wave_code": {w: code for w, code, _, _ in waves},
        "wave_date": {w: day for w, _, _, day in waves},
        "relational_waves": [w for w, _, kind, _ in waves if kind == "relational"],
        "invited": invited,
    }


# Plain queries on the driver's own cursor: SQLAlchemy's Row objects would make every row a
# Python call. The wave id is an int, inlined (both drivers' parameter styles differ).
ANSWERS_SQL = (
    "SELECT a.response_id, a.item_id, a.value "
    "FROM answer a JOIN response r ON r.id = a.response_id WHERE r.wave_id = {wave}"
)
RESPONSES_SQL = "SELECT id, network_id, group_id FROM response WHERE wave_id = {wave}"
# PostgreSQL: the same rows as three arrays in one result row, each in its binary form
# (array_send), which numpy takes as it is. psycopg builds a Python tuple per row in a Python
# loop, the larger part of reading a wave (issue 18); building the arrays costs the server a
# fraction of that. The same join: its rows in the order the plan gives them, as before (with a
# parallel plan that order varies from run to run, so the sums' last bits may too).
ANSWERS_ARRAYS_SQL = (
    "SELECT array_send(array_agg(q.response_id::int8)), array_send(array_agg(q.item_id::int8)), "
    "array_send(array_agg(coalesce(q.value::float8, 'NaN'))) FROM (" + ANSWERS_SQL + ") q"
)
# One record per row, filled straight from the cursor by numpy: no list of tuples, no frame built
# from tuples. A NULL value ('nvt') becomes NaN.
ANSWER_RECORD = np.dtype([("response", "i8"), ("item", "i8"), ("value", "f8")])
RESPONSE_RECORD = np.dtype([("id", "i8"), ("network", "i8"), ("group", "i8")])


def read_wave(engine: Engine, wave_id: int, lookups: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All answers of one wave with one plain query, ids mapped to codes afterwards (cheaper).

    Returns the answers (response_id, network, wave, group, item, value; NaN = missing) and the
    responses (response_id, wave, network), one row per response of the wave."""
    wave = int(wave_id)
    with engine.connect() as c:
        cursor = c.connection.driver_connection.cursor()
        try:
            cursor.execute(RESPONSES_SQL.format(wave=wave))
            respondents = np.fromiter(cursor, dtype=RESPONSE_RECORD)
            # The answers carry only their response's id: its network and group come from the
            # few thousand responses, so the big query returns three columns instead of five.
            if c.dialect.name == "postgresql":
                rows = _answers_from_arrays(c.connection.driver_connection, wave)
            else:
                cursor.execute(ANSWERS_SQL.format(wave=wave))
                rows = np.fromiter(cursor, dtype=ANSWER_RECORD)
        finally:
            cursor.close()
    order = np.argsort(respondents["id"], kind="stable")
    of_answer = order[np.searchsorted(respondents["id"], rows["response"], sorter=order)]
    network = _categories(respondents["network"], lookups["network_code"])
    group = _categories(respondents["group"], lookups["group_code"])
    code = lookups["wave_code"][wave_id]
    # The keys are categoricals (sorted codes): every later group-by, filter and duplicate check
    # works on their integer codes instead of hashing a string per row (issue 18).
    answers = pd.DataFrame(
        {
            "response_id": rows["response"],
            "network": network.take(of_answer),
            "wave": pd.Categorical.from_codes(np.zeros(len(rows), dtype=np.int8), [code]),
            "group": group.take(of_answer),
            "item": _categories(rows["item"], lookups["item_code"]),
            "value": rows["value"],
        }
    )
    responses = pd.DataFrame(
        {"response_id": respondents["id"], "wave": code, "network": np.asarray(network)}
    )
    return answers, responses


def _answers_from_arrays(driver, wave: int) -> np.ndarray:
    """PostgreSQL: the wave's answers as ANSWER_RECORD records, read as three binary arrays."""
    with driver.cursor(binary=True) as cursor:
        cursor.execute(ANSWERS_ARRAYS_SQL.format(wave=wave))
        arrays = cursor.fetchone()
    columns = [_binary_array(data, ANSWER_RECORD[i]) for i, data in enumerate(arrays)]
    rows = np.empty(len(columns[0]), dtype=ANSWER_RECORD)
    for name, values in zip(ANSWER_RECORD.names, columns, strict=True):
        rows[name] = values
    return rows


def _binary_array(data: bytes | None, dtype: np.dtype) -> np.ndarray:
    """A one-dimensional array without NULLs in PostgreSQL's binary form (array_send), of 8-byte
    elements: a 20-byte header (dimensions, NULL flag, element type, length, lower bound), then
    per element its length (4 bytes) and value (8 bytes), all big-endian. NULL: no rows."""
    if data is None:
        return np.empty(0, dtype=dtype)
    dims, has_null = np.frombuffer(data, dtype=">i4", count=2)
    if dims == 0:
        return np.empty(0, dtype=dtype)
    count = int(np.frombuffer(data, dtype=">i4", count=1, offset=12)[0])
    elements = np.frombuffer(
        data, dtype=[("size", ">i4"), ("value", dtype.newbyteorder(">"))], count=count, offset=20
    )
    if dims != 1 or has_null or (elements["size"] != 8).any():
        raise ValueError("expected a one-dimensional array of 8-byte values without NULLs")
    return elements["value"].astype(dtype)


def _categories(ids: np.ndarray, lookup: dict[int, str]) -> pd.Categorical:
    """Ids to their codes with one vectorised take, as a categorical of the sorted codes."""
    labels = pd.Index(sorted(set(lookup.values())))
    at = labels.get_indexer(list(lookup.values()))
    index = pd.Index(list(lookup), dtype="int64")
    return pd.Categorical.from_codes(at[index.get_indexer(ids.astype("int64"))], labels)
