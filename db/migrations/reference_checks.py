"""PostgreSQL: a table's foreign keys checked once per statement by triggers (migrations 0015, 0017).

A foreign key checks each inserted row with a trigger call of its own; for the tables an ingest
writes by the thousand per file that was most of the server's time (docs/benchmark.md, "Ingest").
Deferred keys and a staging table move those calls, they do not remove them. In their place, for
a referencing table (the child) and the tables it refers to (the parents): triggers with
transition tables, one lock and one anti-join per statement and reference, keeping what the keys
guaranteed:

- an inserted or updated child row must name an existing parent row (or NULL), else
  foreign_key_violation (23503), naming the missing id; a batch with one wrong id is refused
  whole. The referenced rows are locked FOR KEY SHARE, as a key's check locks them, so a
  concurrent delete waits for this transaction (or wins, and then the check sees the row gone);
- deleting a parent row deletes its child rows (the keys' ON DELETE CASCADE; the child's own
  triggers then cascade further);
- changing the id of a parent row still referred to is refused (the keys' NO ACTION);
- TRUNCATE of a parent while child rows remain is refused (a truncated table would have taken its
  child rows only with CASCADE; a TRUNCATE naming the child too still works).

The cascade runs under the deleting statement's snapshot: a REPEATABLE READ transaction deleting
a parent while another inserts its child rows could leave those rows; the program uses READ
COMMITTED. SQLite keeps its foreign keys (checked through an index lookup, without a trigger
call). The models keep the keys (joins read them); the drift test knows which are triggers here.

Names, for a child `answer` referring to `response`: the function and triggers
`answer_references_check` (`answer_references_on_insert`, `…_on_update`), and per parent
`response_answers_cascade`, `response_answers_keep_id`, `response_answers_truncate`. A migration
that has run keeps what it installed: change these texts only together with a new migration.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

# (column of the child, the parent table it refers to, the foreign key it replaces)
Reference = tuple[str, str, str]

CHECK = """
CREATE FUNCTION {child}_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN{blocks}
    RETURN NULL;
END $$
"""

# One reference of the check; the transition table of the statement's rows is new_{child}s.
CHECK_BLOCK = """
    -- Each distinct id once (a CTE materialised for its two uses), locked like a key's check.
    WITH wanted AS MATERIALIZED (
             SELECT DISTINCT {column} AS id FROM new_{child}s WHERE {column} IS NOT NULL),
         held AS (SELECT p.id FROM {parent} p WHERE p.id IN (SELECT id FROM wanted)
                  FOR KEY SHARE OF p)
    SELECT (SELECT count(*) FROM wanted) - (SELECT count(*) FROM held) INTO missing;
    IF missing <> 0 THEN
        SELECT n.{column} INTO missing FROM new_{child}s n
        WHERE NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = n.{column}) LIMIT 1;
        RAISE foreign_key_violation USING
            MESSAGE = format('{child} refers to {parent} %s, which does not exist', missing),
            TABLE = '{child}', COLUMN = '{column}';
    END IF;"""

# The parent's side; statements apart by ";;".
PARENT = """
CREATE FUNCTION {parent}_{child}s_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {child} WHERE {column} IN (SELECT id FROM gone);
    RETURN NULL;
END $$;;
CREATE TRIGGER {parent}_{child}s_cascade AFTER DELETE ON {parent}
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
    EXECUTE FUNCTION {parent}_{child}s_cascade();;
CREATE FUNCTION {parent}_{child}s_keep_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM {child} WHERE {column} = OLD.id) THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('{parent} %s is still referred to ({child}.{column})', OLD.id),
            TABLE = '{child}', COLUMN = '{column}';
    END IF;
    RETURN NULL;
END $$;;
CREATE TRIGGER {parent}_{child}s_keep_id AFTER UPDATE OF id ON {parent}
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION {parent}_{child}s_keep_id();;
CREATE FUNCTION {parent}_{child}s_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM {child}) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'cannot truncate {parent} while {child} rows remain: truncate {child} with it',
            TABLE = '{child}', COLUMN = '{column}';
    END IF;
    RETURN NULL;
END $$;;
CREATE TRIGGER {parent}_{child}s_truncate AFTER TRUNCATE ON {parent}
    FOR EACH STATEMENT EXECUTE FUNCTION {parent}_{child}s_truncate()
"""

PARENT_PARTS = ("cascade", "keep_id", "truncate")
# A trigger with transition tables takes one event: one for INSERT (and COPY), one for UPDATE.
EVENTS = ("insert", "update")


def install(child: str, references: Sequence[Reference]) -> None:
    """Replace the child's foreign keys `references` by the statement-level checks (PostgreSQL;
    elsewhere nothing changes)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for _column, _parent, key in references:
        op.drop_constraint(key, child, type_="foreignkey")
    blocks = "".join(
        CHECK_BLOCK.format(child=child, column=column, parent=parent)
        for column, parent, _key in references
    )
    op.execute(CHECK.format(child=child, blocks=blocks))
    for event in EVENTS:
        op.execute(
            f"CREATE TRIGGER {child}_references_on_{event} AFTER {event.upper()} ON {child} "
            f"REFERENCING NEW TABLE AS new_{child}s FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {child}_references_check()"
        )
    for column, parent, _key in references:
        for statement in PARENT.format(child=child, column=column, parent=parent).split(";;"):
            op.execute(statement)


def remove(child: str, references: Sequence[Reference]) -> None:
    """Back to the foreign keys (ON DELETE CASCADE, as the models declare them)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for _column, parent, _key in references:
        for part in PARENT_PARTS:
            op.execute(f"DROP TRIGGER {parent}_{child}s_{part} ON {parent}")
            op.execute(f"DROP FUNCTION {parent}_{child}s_{part}()")
    for event in EVENTS:
        op.execute(f"DROP TRIGGER {child}_references_on_{event} ON {child}")
    op.execute(f"DROP FUNCTION {child}_references_check()")
    for column, parent, key in references:
        op.create_foreign_key(key, child, parent, [column], ["id"], ondelete="CASCADE")
