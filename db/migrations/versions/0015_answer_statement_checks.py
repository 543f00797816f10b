"""PostgreSQL: the references of `answer` checked once per statement instead of once per row.

A foreign key checks each inserted row with a trigger call of its own; a file's COPY of 200,000
answers spent about 0.9 of its time there (docs/benchmark.md, "Ingest"). Deferred keys and a
staging table move those calls, they do not remove them. In their place: triggers with
transition tables, one lock and one anti-join per statement, keeping what the keys guaranteed:

- an inserted or updated answer must name an existing response and item, else
  foreign_key_violation (23503). The referenced rows are locked FOR KEY SHARE, as the key's check
  locks them, so a concurrent delete waits for this transaction (or wins, and then the check sees
  the row gone and refuses);
- deleting a response or an item deletes its answers (the keys' ON DELETE CASCADE);
- changing the id of a response or item still answered about is refused (the keys' NO ACTION);
- TRUNCATE of response or item while answers remain is refused (a truncated table would have
  taken its answers only with CASCADE; TRUNCATE of all three together still works).

SQLite keeps its foreign keys: it checks them through an index lookup without a trigger call, and
this migration changes nothing there. The models keep the keys (joins read them); the drift test
(tests/test_migration_drift.py) knows these two are triggers on PostgreSQL.

Revision ID: 0015
Revises: 0014
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# (column of answer, referenced table, the foreign key it replaces)
REFERENCES = (
    ("response_id", "response", "fk_answer_response_id_response"),
    ("item_id", "item", "fk_answer_item_id_item"),
)

ANSWER_CHECK = """
CREATE FUNCTION answer_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    -- Each distinct id once (a CTE materialised for its two uses), locked like a key's check.
    WITH wanted AS MATERIALIZED (SELECT DISTINCT response_id AS id FROM new_answers),
         held AS (SELECT r.id FROM response r WHERE r.id IN (SELECT id FROM wanted)
                  FOR KEY SHARE OF r)
    SELECT (SELECT count(*) FROM wanted) - (SELECT count(*) FROM held) INTO missing;
    IF missing <> 0 THEN
        SELECT n.response_id INTO missing FROM new_answers n
        WHERE NOT EXISTS (SELECT 1 FROM response r WHERE r.id = n.response_id) LIMIT 1;
        RAISE foreign_key_violation USING
            MESSAGE = format('answer refers to response %s, which does not exist', missing),
            TABLE = 'answer', COLUMN = 'response_id';
    END IF;
    WITH wanted AS MATERIALIZED (SELECT DISTINCT item_id AS id FROM new_answers),
         held AS (SELECT i.id FROM item i WHERE i.id IN (SELECT id FROM wanted)
                  FOR KEY SHARE OF i)
    SELECT (SELECT count(*) FROM wanted) - (SELECT count(*) FROM held) INTO missing;
    IF missing <> 0 THEN
        SELECT n.item_id INTO missing FROM new_answers n
        WHERE NOT EXISTS (SELECT 1 FROM item i WHERE i.id = n.item_id) LIMIT 1;
        RAISE foreign_key_violation USING
            MESSAGE = format('answer refers to item %s, which does not exist', missing),
            TABLE = 'answer', COLUMN = 'item_id';
    END IF;
    RETURN NULL;
END $$
"""

# The referenced side, per table: {table} and {column} filled in; statements apart by ";;".
REFERENCED = """
CREATE FUNCTION {table}_answers_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM answer WHERE {column} IN (SELECT id FROM gone);
    RETURN NULL;
END $$;;
CREATE TRIGGER {table}_answers_cascade AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
    EXECUTE FUNCTION {table}_answers_cascade();;
CREATE FUNCTION {table}_answers_keep_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM answer WHERE {column} = OLD.id) THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('{table} %s is still answered about (answer.{column})', OLD.id),
            TABLE = 'answer', COLUMN = '{column}';
    END IF;
    RETURN NULL;
END $$;;
CREATE TRIGGER {table}_answers_keep_id AFTER UPDATE OF id ON {table}
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION {table}_answers_keep_id();;
CREATE FUNCTION {table}_answers_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM answer) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'cannot truncate {table} while answers remain: truncate answer with it',
            TABLE = 'answer', COLUMN = '{column}';
    END IF;
    RETURN NULL;
END $$;;
CREATE TRIGGER {table}_answers_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_answers_truncate()
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for _column, _table, key in REFERENCES:
        op.drop_constraint(key, "answer", type_="foreignkey")
    op.execute(ANSWER_CHECK)
    # A trigger with transition tables takes one event: one for INSERT (and COPY), one for UPDATE.
    for event in ("insert", "update"):
        op.execute(
            f"CREATE TRIGGER answer_references_on_{event} AFTER {event.upper()} ON answer "
            "REFERENCING NEW TABLE AS new_answers FOR EACH STATEMENT "
            "EXECUTE FUNCTION answer_references_check()"
        )
    for column, table, _key in REFERENCES:
        for statement in REFERENCED.format(table=table, column=column).split(";;"):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for _column, table, _key in REFERENCES:
        for name in ("answers_cascade", "answers_keep_id", "answers_truncate"):
            op.execute(f"DROP TRIGGER {table}_{name} ON {table}")
            op.execute(f"DROP FUNCTION {table}_{name}()")
    for event in ("insert", "update"):
        op.execute(f"DROP TRIGGER answer_references_on_{event} ON answer")
    op.execute("DROP FUNCTION answer_references_check()")
    for column, table, key in REFERENCES:
        op.create_foreign_key(key, "answer", table, [column], ["id"], ondelete="CASCADE")
