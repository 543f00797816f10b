"""The database itself refuses a word outside the domain's vocabulary (samenwerkingsmonitor.vocabulary),
on SQLite and PostgreSQL, whatever code path writes it."""

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from accounts.users import add_user
from db.models.checks import CHECKS


def test_every_check_is_in_the_migrated_database(ctx):
    inspector = inspect(ctx.engine)
    missing = [
        f"ck_{table}_{name}"
        for table, name, _ in CHECKS
        if f"ck_{table}_{name}" not in {c["name"] for c in inspector.get_check_constraints(table)}
    ]
    assert not missing


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        ("UPDATE user_account SET role = 'admin'", "a role the domain does not have"),
        (
            "UPDATE network SET code = 'ALL' WHERE code = 'UTS'",
            "a network named like the consortium",
        ),
        ("UPDATE respondent_group SET code = 'all'", "a group named like all groups"),
        ("UPDATE framework_element SET kind = 'visie'", "an element kind the framework lacks"),
    ],
)
def test_a_word_outside_the_vocabulary_is_refused(ctx, statement, reason):
    add_user(ctx.engine, "b@example.org", "Beheerder", "beheerder", "een-lang-wachtwoord")
    with pytest.raises(IntegrityError), ctx.engine.begin() as conn:
        conn.execute(text(statement))
    with ctx.engine.connect() as conn:  # and nothing changed
        assert conn.execute(text("SELECT role FROM user_account")).scalar_one() == "beheerder"
        assert conn.execute(text("SELECT count(*) FROM network WHERE code = 'ALL'")).scalar() == 0
