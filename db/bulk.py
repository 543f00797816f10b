"""Fast bulk inserts: PostgreSQL COPY, executemany elsewhere (design.md, "Speed by design")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import Connection


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


def plain_row(values: tuple) -> tuple:
    """numpy scalars to Python ones, so every DB driver accepts them."""
    return tuple(v.item() if isinstance(v, np.generic) else v for v in values)
