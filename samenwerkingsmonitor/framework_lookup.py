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


def stored_as_latest(engine: Engine, fw: Framework) -> int | None:
    """The consortium's id when the framework stored last for it (the latest `loaded_at`) is this
    very file (the same version, a hash of its bytes, at the same path); None otherwise.

    Its rows are then what storing it again would leave, so a command need not write them
    (issue 18). Another file stored since, or this one moved, and the answer is None: the store
    runs. `db upgrade` always stores, so a new release that stores more is written by the migrate
    step."""
    versions = framework_version
    with engine.connect() as connection:
        latest = connection.execute(
            select(consortium.c.id, versions.c.version, versions.c.path)
            .join(versions, versions.c.consortium_id == consortium.c.id)
            .where(consortium.c.code == fw.consortium.code)
            .order_by(versions.c.loaded_at.desc(), versions.c.id.desc())
            .limit(1)
        ).first()
    if latest is not None and (latest.version, latest.path) == (fw.version, str(fw.path)):
        return latest.id
    return None


def stored_consortium_id(engine: Engine, fw: Framework) -> int | None:
    """The consortium's id if this version of `fw` was stored, without writing anything."""
    versions = framework_version
    with engine.connect() as connection:
        return connection.execute(
            select(consortium.c.id)
            .join(versions, versions.c.consortium_id == consortium.c.id)
            .where(consortium.c.code == fw.consortium.code, versions.c.version == fw.version)
        ).scalar_one_or_none()


def file_stored_as_latest(engine: Engine, path: Path, version: str) -> int | None:
    """stored_as_latest for a file known only by its path and version (a hash of its bytes),
    not parsed: the id of the consortium whose latest stored framework is this very file. The
    command line's `recompute` asks it before loading the framework's rules (issue 18)."""
    versions = framework_version
    with engine.connect() as connection:
        candidates = connection.scalars(
            select(versions.c.consortium_id).where(
                versions.c.version == version, versions.c.path == str(path)
            )
        ).all()
        for consortium_id in sorted(set(candidates)):
            latest = connection.execute(
                select(versions.c.version, versions.c.path)
                .where(versions.c.consortium_id == consortium_id)
                .order_by(versions.c.loaded_at.desc(), versions.c.id.desc())
                .limit(1)
            ).first()
            if tuple(latest) == (version, str(path)):
                return consortium_id
    return None
