"""What the foreign keys of `answer` cost a PostgreSQL ingest, and the alternatives (issue 18).

    python bench/postgres_foreign_keys.py [postgresql://postgres@127.0.0.1:5432/postgres]

On a scratch database `speed_fk_exp` (created and dropped on that server) with the shape of
`response`, `item` and `answer` (two foreign keys ON DELETE CASCADE, primary key (response_id,
item_id)), writes 4 batches of 5,000 responses × 40 answers each way and prints the times:
COPY with the keys (what the ingest does), COPY without them, COPY into a staging table plus one
INSERT … SELECT, and deferred keys. docs/benchmark.md ("Ingest") has the figures and the reading.
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np
import psycopg

DATABASE = "speed_fk_exp"
RESPONSES, ITEMS, BATCHES = 5000, 40, 4
KEY = "REFERENCES {table}(id) ON DELETE CASCADE {extra}"
WAYS = (  # label, foreign-key clause extra (None: no keys), how
    ("COPY with the foreign keys", "", "copy"),
    ("COPY without foreign keys", None, "copy"),
    ("COPY into staging + INSERT … SELECT", "", "staging"),
    ("deferred foreign keys, COPY", "DEFERRABLE INITIALLY DEFERRED", "copy"),
)


def create_tables(connection: psycopg.Connection, extra: str | None) -> None:
    def key(table: str) -> str:
        return "" if extra is None else KEY.format(table=table, extra=extra)

    connection.execute("DROP TABLE IF EXISTS answer, response, item")
    connection.execute("CREATE TABLE item (id serial PRIMARY KEY, code text)")
    connection.execute("CREATE TABLE response (id serial PRIMARY KEY, external_id text)")
    connection.execute(
        f"CREATE TABLE answer (response_id int {key('response')}, item_id int {key('item')}, "
        "value smallint, CONSTRAINT pk_answer PRIMARY KEY (response_id, item_id))"
    )
    connection.execute(
        f"INSERT INTO item (code) SELECT 'i' || g FROM generate_series(1, {ITEMS}) g"
    )
    connection.execute(
        "INSERT INTO response (external_id) "
        f"SELECT 'r' || g FROM generate_series(1, {RESPONSES * BATCHES}) g"
    )
    connection.commit()


def batch(number: int, rng: np.random.Generator) -> bytes:
    """One batch as COPY text: every response of the batch answers every item."""
    response = np.repeat(np.arange(1, RESPONSES + 1) + number * RESPONSES, ITEMS)
    item = np.tile(np.arange(1, ITEMS + 1), RESPONSES)
    value = rng.integers(1, 6, len(response))
    rows = zip(response.tolist(), item.tolist(), value.tolist())
    return "".join(f"{r}\t{i}\t{v}\n" for r, i, v in rows).encode()


def write(connection: psycopg.Connection, buffer: bytes, how: str) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        target = "answer"
        if how == "staging":
            cursor.execute(
                "CREATE TEMP TABLE staging (response_id int, item_id int, value smallint) "
                "ON COMMIT DROP"
            )
            target = "staging"
        with cursor.copy(f"COPY {target} (response_id, item_id, value) FROM STDIN") as copy:
            copy.write(buffer)
        if how == "staging":
            cursor.execute("INSERT INTO answer SELECT * FROM staging")
    connection.commit()
    return time.perf_counter() - started


def main(server: str) -> None:
    base = server.rsplit("/", 1)[0]
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    try:
        with psycopg.connect(f"{base}/{DATABASE}") as connection:
            for label, extra, how in WAYS:
                create_tables(connection, extra)
                rng = np.random.default_rng(1)
                times = [write(connection, batch(n, rng), how) for n in range(BATCHES)]
                shown = ", ".join(f"{t:.2f}" for t in times)
                print(f"{label}: {shown} s; median {statistics.median(times):.2f} s", flush=True)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "postgresql://postgres@127.0.0.1:5432/postgres")
