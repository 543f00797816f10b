"""Whether the framework is stored already, asked before storing it (Context.consortium_id).

Apart from framework_store.py, which writes the rows with the ORM: every command asks this, and
when the answer is yes (nearly always) nothing is written, so these two queries go through the
table clauses of db/tables.py, without importing the ORM and the 57 models (issue 18).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from db.tables import consortium, framework_version

if TYPE_CHECKING:
    from samenwerkingsmonitor.framework import Framework


def stored_as_latest(engine: Engine, path: str | Path, version: str) -> int | None:
    """The id of the consortium whose framework stored last (the latest `loaded_at`) is this very
    file: the same version (a hash of its bytes, the consortium's code among them) at the same
    path; None otherwise. Path and version are all it needs, so the command line's `recompute`
    asks before parsing the file.

    Its rows are then what storing it again would leave, so a command need not write them
    (issue 18). Another file stored since, or this one moved, and the answer is None: the store
    runs. `db upgrade` always stores, so a new release that stores more is written by the migrate
    step."""
    versions = framework_version
    later = framework_version.alias("later")
    latest_of_its_consortium = (
        select(later.c.id)
        .where(later.c.consortium_id == versions.c.consortium_id)
        .order_by(later.c.loaded_at.desc(), later.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    with engine.connect() as connection:  # one query: this check runs for every command
        return connection.scalars(
            select(versions.c.consortium_id)
            .where(
                versions.c.version == version,
                versions.c.path == str(path),
                versions.c.id == latest_of_its_consortium,
            )
            .order_by(versions.c.consortium_id)
        ).first()


def stored_consortium_id(engine: Engine, fw: Framework) -> int | None:
    """The consortium's id if this version of `fw` was stored, without writing anything."""
    versions = framework_version
    with engine.connect() as connection:
        return connection.execute(
            select(consortium.c.id)
            .join(versions, versions.c.consortium_id == consortium.c.id)
            .where(consortium.c.code == fw.consortium.code, versions.c.version == fw.version)
        ).scalar_one_or_none()
