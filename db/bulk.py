"""Fast bulk reads and writes: PostgreSQL COPY, executemany elsewhere, plain driver tuples instead
of SQLAlchemy Row objects (design.md, "Speed by design")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Executable, Table, func, select


def insert_rows(
    connection: Connection, table: str, columns: Sequence[str], rows: Iterable[tuple]
) -> None:
    """Insert plain tuples into `table` inside the connection's current transaction."""
    raw = connection.connection.driver_connection
    cols = ", ".join(f'"{c}"' for c in columns)
    if connection.dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        cursor = raw.cursor()
        try:
            cursor.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', rows)
        finally:
            cursor.close()


def update_rows(
    connection: Connection, table: str, key: str, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Set `columns` of the rows whose `key` is each tuple's first value (then the columns' new
    values, in order), inside the connection's current transaction.

    PostgreSQL: COPY into a temporary table and one UPDATE … FROM, since an UPDATE per row is a
    round trip each; SQLite: executemany of an UPDATE by primary key, which is a B-tree lookup."""
    if not rows:
        return
    sets = ", ".join(f'"{c}" = ?' for c in columns)
    if connection.dialect.name != "postgresql":
        cursor = connection.connection.driver_connection.cursor()
        try:
            statement = f'UPDATE "{table}" SET {sets} WHERE "{key}" = ?'
            cursor.executemany(statement, [(*row[1:], row[0]) for row in rows])
        finally:
            cursor.close()
        return
    names = ", ".join(f'"{c}"' for c in (key, *columns))
    staging = f"_update_{table}"
    with connection.connection.driver_connection.cursor() as cursor:
        # The staging table takes the target's column types; it lives until the commit.
        cursor.execute(
            f'CREATE TEMPORARY TABLE "{staging}" ON COMMIT DROP AS '
            f'SELECT {names} FROM "{table}" WITH NO DATA'
        )
        with cursor.copy(f'COPY "{staging}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        assignments = ", ".join(f'"{c}" = u."{c}"' for c in columns)
        cursor.execute(
            f'UPDATE "{table}" AS t SET {assignments} FROM "{staging}" AS u '
            f'WHERE t."{key}" = u."{key}"'
        )
        cursor.execute(f'DROP TABLE "{staging}"')


def fetch_plain(connection: Connection, statement: Executable) -> list[tuple]:
    """All rows of a query as the driver's plain tuples: SQLAlchemy's Row objects cost a Python
    call per row and make pandas probe every row when it builds a frame from them. The values are
    the driver's own, without SQLAlchemy's type processing (on SQLite a date is ISO text and a
    boolean 0 or 1)."""
    result = connection.execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def plain_rows(frame: pd.DataFrame) -> list[tuple]:
    """The frame's rows as tuples of Python values with None for missing ones, which every driver
    takes. Converted a column at a time (numpy and pandas do the scalar conversion in C), not a
    value at a time."""
    return list(zip(*(_plain_column(frame[c]) for c in frame.columns)))


def _plain_column(column: pd.Series) -> list:
    if pd.api.types.is_datetime64_any_dtype(column):
        # sqlite3 adapts datetime itself, not pandas' Timestamp subclass.
        values = np.array(column.dt.to_pydatetime(), dtype=object)
    else:
        values = column.to_numpy(dtype=object, copy=True)  # a copy: None is written into it
        if column.dtype == object and pd.api.types.infer_dtype(values) not in ("string", "empty"):
            # An object column may hold numpy scalars, which numpy leaves as they are (a column
            # of text holds none: its values are not looked at one by one).
            values = np.array(
                [v.item() if isinstance(v, np.generic) else v for v in values], dtype=object
            )
    missing = column.isna().to_numpy()
    if missing.any():
        values[missing] = None
    return values.tolist()


def insert_with_ids(connection: Connection, table: Table, rows: Sequence[dict]) -> list[int]:
    """Insert `rows` (values by column name) into `table`, whose primary key is an integer `id`;
    the new ids in the rows' order, inside the connection's current transaction.

    The ids are taken first and written with the rows, so no RETURNING is needed. PostgreSQL:
    drawn from the table's own sequence in one query, then one COPY (an INSERT … RETURNING of
    thousands of rows is a statement the driver parses at length). SQLite: the ones after the
    largest id, as SQLite itself numbers rows; a writer in between makes this transaction fail
    (SQLite serialises writers), it never shares an id. Only the given columns are written: a
    column's server default applies, a Python-side default does not."""
    if not rows:
        return []
    columns = list(rows[0])
    if connection.dialect.name == "postgresql":
        ids = (
            connection.exec_driver_sql(
                "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) "
                "FROM generate_series(1, %(count)s) ORDER BY 1",
                {"table": table.name, "count": len(rows)},
            )
            .scalars()
            .all()
        )
        names = ", ".join(f'"{c}"' for c in ("id", *columns))
        raw = connection.connection.driver_connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy,
        ):
            for new_id, row in zip(ids, rows, strict=True):
                copy.write_row((new_id, *(row[c] for c in columns)))
        return ids
    last = connection.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0
    ids = list(range(last + 1, last + 1 + len(rows)))
    # Each column through its SQLAlchemy type's bind processor, so the values are written as the
    # rest of the program reads them (a moment as naive UTC text), then multi-row INSERTs.
    values = [ids]
    for c in columns:
        kind = table.c[c].type.dialect_impl(connection.dialect)  # SQLite's own DATETIME
        process = kind.bind_processor(connection.dialect)
        values.append([process(r[c]) for r in rows] if process else [r[c] for r in rows])
    cursor = connection.connection.driver_connection.cursor()
    try:
        _insert_many_rows(cursor, table.name, ["id", *columns], values)
    finally:
        cursor.close()
    return ids


def insert_integers(connection: Connection, table: str, frame: pd.DataFrame) -> None:
    """Insert a frame of integer columns (nullable ones as pandas Int64: NA is NULL) into the
    columns of the same names, inside the connection's current transaction. PostgreSQL: one
    binary COPY buffer built by numpy (a `write_row` per row costs a Python call each, and
    pandas' text writer formats every number); SQLite: INSERTs of many rows each."""
    if not len(frame):
        return
    names = ", ".join(f'"{c}"' for c in frame.columns)
    raw = connection.connection.driver_connection
    if connection.dialect.name != "postgresql":
        columns = [frame[c].to_numpy(dtype=object, na_value=None) for c in frame.columns]
        cursor = raw.cursor()
        try:
            _insert_many_rows(cursor, table, list(frame.columns), columns)
        finally:
            cursor.close()
        return
    with raw.cursor() as cursor:
        types = _column_types(cursor, table)
        buffer = _binary_copy(frame, [_BINARY_INTEGERS[types[c][1]] for c in frame.columns])
        with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN (FORMAT BINARY)') as copy:
            copy.write(buffer)


# PostgreSQL's integer types in COPY's binary format: big-endian, of a fixed width.
_BINARY_INTEGERS = {
    "smallint": np.dtype(">i2"),
    "integer": np.dtype(">i4"),
    "bigint": np.dtype(">i8"),
}
_BINARY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # signature, no flags, no extension
_BINARY_TRAILER = b"\xff\xff"


def _binary_copy(frame: pd.DataFrame, types: list[np.dtype]) -> bytes:
    """The frame as a COPY … (FORMAT BINARY) buffer: per row the field count, then per field its
    length (-1: NULL, without data) and its big-endian value. Rows are records of one numpy
    structured array; a NULL's value bytes are cut out afterwards."""
    fields = [("count", ">i2")]
    for k, kind in enumerate(types):
        fields += [(f"length{k}", ">i4"), (f"value{k}", kind)]
    records = np.zeros(len(frame), dtype=fields)
    records["count"] = len(types)
    cut = np.ones((len(frame), records.dtype.itemsize), dtype=bool)
    for k, (column, kind) in enumerate(zip(frame.columns, types, strict=True)):
        missing = frame[column].isna().to_numpy()
        values = frame[column].to_numpy(dtype=np.int64, na_value=0)
        limits = np.iinfo(kind)
        if len(values) and (values.min() < limits.min or values.max() > limits.max):
            raise ValueError(f"{column}: a value out of range of {kind.str}")
        records[f"value{k}"] = values
        records[f"length{k}"] = np.where(missing, -1, kind.itemsize)
        start = records.dtype.fields[f"value{k}"][1]
        cut[missing, start : start + kind.itemsize] = False
    rows = records.view(np.uint8).reshape(len(frame), -1)
    body = rows.tobytes() if cut.all() else rows[cut].tobytes()
    return _BINARY_HEADER + body + _BINARY_TRAILER


# Bound values per statement: SQLite's limit before 3.32 (later builds allow more; more rows per
# statement gained nothing measurable).
_SQLITE_VARIABLES = 999


def _insert_many_rows(cursor, table: str, columns: list[str], values: list) -> None:
    """SQLite: insert the rows whose column values are `values` (one sequence per column) with
    INSERTs of as many rows as the bound values allow. Half the CPU of an executemany, which
    binds and steps one statement per row."""
    width = len(columns)
    count = len(values[0])
    per = max(1, _SQLITE_VARIABLES // width)
    flat = np.empty((count, width), dtype=object)
    for k, column in enumerate(values):
        flat[:, k] = column
    flat = flat.ravel().tolist()
    names = ", ".join(f'"{c}"' for c in columns)
    head = f'INSERT INTO "{table}" ({names}) VALUES '
    row = "(" + ", ".join("?" for _ in columns) + ")"
    full = head + ", ".join([row] * per)
    whole = count - count % per
    for start in range(0, whole, per):
        cursor.execute(full, flat[start * width : (start + per) * width])
    if whole < count:
        cursor.execute(head + ", ".join([row] * (count - whole)), flat[whole * width :])


def insert_rows_binary(
    connection: Connection, table: str, columns: Sequence[str], rows: Iterable[tuple]
) -> None:
    """insert_rows, with PostgreSQL's binary COPY: psycopg packs each value in its column's
    binary form in C, where the text form formats every float through Python (its repr): the
    client's CPU for the 241,630 snapshot rows went from 4.4 to 1.6 s, the server's stayed about
    the same (issue 18). The column types are read from the catalogue: binary values must match
    them exactly. Elsewhere insert_rows as it is."""
    if connection.dialect.name != "postgresql":
        insert_rows(connection, table, columns, rows)
        return
    raw = connection.connection.driver_connection
    cols = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor() as cursor:
        types = _column_types(cursor, table)
        with cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN (FORMAT BINARY)') as copy:
            copy.set_types([types[c][0] for c in columns])
            for row in rows:
                copy.write_row(row)


def _column_types(cursor, table: str) -> dict[str, tuple[int, str]]:
    """PostgreSQL: each column's type (oid, name) from the catalogue. Binary COPY values must
    match their column's type exactly."""
    cursor.execute(
        "SELECT attname, atttypid, format_type(atttypid, NULL) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        (f'"{table}"',),
    )
    return {name: (oid, kind) for name, oid, kind in cursor.fetchall()}
