"""Fast bulk reads and writes: PostgreSQL COPY, executemany elsewhere, plain driver tuples instead
of SQLAlchemy Row objects (design.md, "Speed by design")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Executable, Table, func, insert, select


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
    # Through SQLAlchemy: its types write the values as the rest of the program reads them.
    connection.execute(insert(table), [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
    return ids


def insert_integers(connection: Connection, table: str, frame: pd.DataFrame) -> None:
    """Insert a frame of integer columns (nullable ones as pandas Int64: NA is NULL) into the
    columns of the same names, inside the connection's current transaction. PostgreSQL: one text
    COPY buffer written by pandas in C (a `write_row` per row costs a Python call each, about half
    of a large COPY); elsewhere executemany of plain tuples, as insert_rows."""
    if connection.dialect.name != "postgresql":
        columns = [
            frame[c].to_numpy(dtype=object, na_value=None).tolist()
            if isinstance(frame[c].dtype, pd.Int64Dtype)
            else frame[c].tolist()
            for c in frame.columns
        ]
        insert_rows(connection, table, list(frame.columns), zip(*columns))
        return
    buffer = frame.to_csv(sep="\t", header=False, index=False, na_rep="\\N", lineterminator="\n")
    names = ", ".join(f'"{c}"' for c in frame.columns)
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        copy.write(buffer)


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
        cursor.execute(
            "SELECT attname, atttypid FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            (f'"{table}"',),
        )
        oids = dict(cursor.fetchall())
        with cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN (FORMAT BINARY)') as copy:
            copy.set_types([oids[c] for c in columns])
            for row in rows:
                copy.write_row(row)
