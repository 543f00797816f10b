"""Storing the framework (samenwerkingsmonitor/framework_store.py): every command does it, so a
framework that is already stored costs a handful of queries (issue 18), and a changed one still
updates exactly what changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, select

from db import models as m
from db.engine import _alembic_head, head_revision, make_engine, transaction
from samenwerkingsmonitor.framework import load_framework
from samenwerkingsmonitor.framework_store import store_framework
from tests.conftest import SEPTET, make_context

FRAMEWORK_TABLES = (
    m.Consortium,
    m.FrameworkVersion,
    m.Network,
    m.RespondentGroup,
    m.FrameworkElement,
    m.ElementLink,
    m.Instrument,
    m.Theme,
    m.Item,
    m.ItemElement,
    m.Wave,
    m.WaveNetwork,
)


def stored(engine) -> dict[str, list[tuple]]:
    """Every row of the framework tables, without the moment a version was loaded."""
    with engine.connect() as c:
        return {
            model.__tablename__: sorted(
                (tuple(v for k, v in row._mapping.items() if k != "loaded_at") for row in rows),
                key=repr,
            )
            for model in FRAMEWORK_TABLES
            for rows in [c.execute(select(model.__table__))]
        }


def store(engine, path: Path) -> int:
    """Store the framework at `path`; the number of statements it sent."""
    statements = []

    def count(*_args) -> None:
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with transaction(engine) as session:
            store_framework(session, load_framework(path))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_storing_a_stored_framework_again_reads_a_few_tables_and_changes_nothing(database_url):
    engine = make_engine(database_url)
    try:
        first = store(engine, SEPTET)
        before = stored(engine)
        again = store(engine, SEPTET)
        assert stored(engine) == before
        # One query per table and one per instrument for its items that left; the first store
        # asked row by row (well over a hundred statements).
        assert again <= 20 < first
    finally:
        engine.dispose()


def test_a_changed_framework_updates_names_items_links_and_invited(database_url, tmp_path):
    text = SEPTET.read_text(encoding="utf-8")
    changed = (
        text.replace("{code: UTS, name: Utrecht stad}", "{code: UTS, name: Utrecht-Stad}", 1)
        .replace("vision_elements: [V3, V10]", "vision_elements: [V3]", 1)
        .replace("invited: {UTS: 110,", "invited: {UTS: 111,", 1)
    )
    assert changed.count("Utrecht-Stad") == 1 and "UTS: 111" in changed
    path = tmp_path / "septet-changed.yaml"
    path.write_text(changed, encoding="utf-8")
    engine = make_engine(database_url)
    try:
        store(engine, SEPTET)
        original = stored(engine)
        store(engine, path)
        with engine.connect() as c:
            name = c.scalar(select(m.Network.name).where(m.Network.code == "UTS"))
            invited = set(c.scalars(select(m.WaveNetwork.invited)))
            links = c.execute(
                select(m.FrameworkElement.code)
                .join(m.ItemElement, m.ItemElement.element_id == m.FrameworkElement.id)
                .join(m.Item, m.Item.id == m.ItemElement.item_id)
                .where(m.Item.code == "VIS1")
            ).scalars()
            links = set(links)
        assert name == "Utrecht-Stad"
        assert 111 in invited and 110 not in invited
        # A link that left the file stays stored (old answers keep their meaning), as before.
        assert {"V3", "V10", "S1"} <= links
        store(engine, SEPTET)
        back = stored(engine)
        assert back["network"] == original["network"]
        assert back["wave_network"] == original["wave_network"]
        assert len(back["framework_version"]) == 2
    finally:
        engine.dispose()


def statements_of(engine, work) -> int:
    """How many statements `work()` sent."""
    statements = []

    def count(*_args) -> None:
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_a_command_writes_the_framework_only_when_another_file_was_stored_since(
    database_url, tmp_path
):
    changed = tmp_path / "septet-changed.yaml"
    changed.write_text(
        SEPTET.read_text(encoding="utf-8").replace(
            "{code: UTS, name: Utrecht stad}", "{code: UTS, name: Utrecht-Stad}", 1
        ),
        encoding="utf-8",
    )

    def uts_name(context) -> str:
        with context.engine.connect() as c:
            return c.scalar(select(m.Network.name).where(m.Network.code == "UTS"))

    def consortium_of(framework: Path) -> tuple[int, int, str]:
        """(consortium id, statements it took, UTS's stored name) in a fresh command."""
        context = make_context(database_url, tmp_path, framework)
        try:
            context.require_schema()
            found = []
            spent = statements_of(context.engine, lambda: found.append(context.consortium_id))
            return found[0], spent, uts_name(context)
        finally:
            context.engine.dispose()

    first, writing, _ = consortium_of(SEPTET)
    # The file stored last, at the same path: one query, nothing written.
    assert consortium_of(SEPTET) == (first, 1, "Utrecht stad")
    assert writing > 1
    # Another file, then the first again: each is stored, each time it was not the last.
    assert consortium_of(changed)[::2] == (first, "Utrecht-Stad")
    again, spent, name = consortium_of(SEPTET)
    assert (again, name) == (first, "Utrecht stad") and spent > 1
    assert consortium_of(SEPTET)[1] == 1


def test_the_head_revision_read_as_text_is_alembics():
    assert head_revision() == _alembic_head() != ""
