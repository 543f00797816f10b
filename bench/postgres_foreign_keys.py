"""What the foreign keys of `answer` cost a PostgreSQL ingest, and the alternatives (issue 18).

    python bench/postgres_foreign_keys.py [postgresql://postgres@127.0.0.1:5432/postgres]

On a scratch database `speed_fk_exp` (created and dropped on that server) with the shape of
`response`, `item` and `answer` (two foreign keys ON DELETE CASCADE, primary key (response_id,
item_id)), writes 4 batches of 5,000 responses × 40 answers each way, the responses inserted in
the same transaction as their answers, and prints the times: COPY with the keys (what the ingest
did), COPY without them, COPY into a staging table plus one INSERT … SELECT, deferred keys, and
statement-level checks by triggers with transition tables (what migration 0015 installs). docs/benchmark.md ("Ingest") has the figures and the reading.
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
    ("statement-level checks (triggers with transition tables), COPY", None, "statement"),
)

# The checks migration 0015 installs instead of the row-by-row foreign keys: one lock and one
# anti-join per statement (db/migrations/versions/0015_answer_statement_checks.py).
STATEMENT_CHECK = """
CREATE FUNCTION answer_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE wanted bigint; found bigint;
BEGIN
  SELECT count(DISTINCT response_id) INTO wanted FROM new_answers;
  WITH locked AS (SELECT 1 FROM response r WHERE r.id IN (SELECT response_id FROM new_answers)
                  FOR KEY SHARE OF r)
  SELECT count(*) INTO found FROM locked;
  IF found <> wanted THEN RAISE foreign_key_violation USING MESSAGE = 'response'; END IF;
  SELECT count(DISTINCT item_id) INTO wanted FROM new_answers;
  WITH locked AS (SELECT 1 FROM item i WHERE i.id IN (SELECT item_id FROM new_answers)
                  FOR KEY SHARE OF i)
  SELECT count(*) INTO found FROM locked;
  IF found <> wanted THEN RAISE foreign_key_violation USING MESSAGE = 'item'; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER answer_check AFTER INSERT ON answer REFERENCING NEW TABLE AS new_answers
  FOR EACH STATEMENT EXECUTE FUNCTION answer_check();
"""


def create_tables(connection: psycopg.Connection, extra: str | None, statement: bool) -> None:
    def key(table: str) -> str:
        return "" if extra is None else KEY.format(table=table, extra=extra)

    connection.execute("DROP TABLE IF EXISTS answer, response, item")
    connection.execute("DROP FUNCTION IF EXISTS answer_check")
    connection.execute("CREATE TABLE item (id serial PRIMARY KEY, code text)")
    connection.execute("CREATE TABLE response (id serial PRIMARY KEY, external_id text)")
    connection.execute(
        f"CREATE TABLE answer (response_id int {key('response')}, item_id int {key('item')}, "
        "value smallint, CONSTRAINT pk_answer PRIMARY KEY (response_id, item_id))"
    )
    connection.execute(
        f"INSERT INTO item (code) SELECT 'i' || g FROM generate_series(1, {ITEMS}) g"
    )
    if statement:
        connection.execute(STATEMENT_CHECK)
    connection.commit()


def batch(number: int, rng: np.random.Generator) -> bytes:
    """One batch as COPY text: every response of the batch answers every item."""
    response = np.repeat(np.arange(1, RESPONSES + 1) + number * RESPONSES, ITEMS)
    item = np.tile(np.arange(1, ITEMS + 1), RESPONSES)
    value = rng.integers(1, 6, len(response))
    rows = zip(response.tolist(), item.tolist(), value.tolist())
    return "".join(f"{r}\t{i}\t{v}\n" for r, i, v in rows).encode()


def write(connection: psycopg.Connection, buffer: bytes, how: str, number: int) -> float:
    """One batch as the ingest writes it: its responses, then their answers, one transaction."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        first = number * RESPONSES + 1
        cursor.execute(
            "INSERT INTO response (id, external_id) "
            f"SELECT g, 'r' || g FROM generate_series({first}, {first + RESPONSES - 1}) g"
        )
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
                create_tables(connection, extra, how == "statement")
                rng = np.random.default_rng(1)
                times = [write(connection, batch(n, rng), how, n) for n in range(BATCHES)]
                shown = ", ".join(f"{t:.2f}" for t in times)
                print(f"{label}: {shown} s; median {statistics.median(times):.2f} s", flush=True)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "postgresql://postgres@127.0.0.1:5432/postgres")
