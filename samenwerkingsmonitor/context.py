"""What every command starts from: validated settings, the database, and the framework."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from samenwerkingsmonitor.settings import Settings

# The database and the framework are imported where a command first uses them: every command
# line module imports this one, and `--help` must not pay for SQLAlchemy, Alembic and pydantic.
if TYPE_CHECKING:
    from sqlalchemy import Engine

    from samenwerkingsmonitor.framework import Framework

# The web server computes these on first use from many threads at once. One re-entrant lock
# makes each of them computed once (consortium_id needs engine and framework, hence re-entrant).
# Whoever waits here must hold no database connection: the one computing needs the pool.
_ONCE = threading.RLock()


class once(cached_property):
    """cached_property computed once per instance even when threads ask at the same time
    (Python 3.12 dropped cached_property's own lock)."""

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        cache = instance.__dict__
        if self.attrname not in cache:
            with _ONCE:
                if self.attrname not in cache:
                    cache[self.attrname] = self.func(instance)
        return cache[self.attrname]


class NotMigrated(RuntimeError):
    pass


class FrameworkNotStored(RuntimeError):
    """A read-only process found its framework version missing from the database."""


@dataclass
class Context:
    settings: Settings
    # Production web workers only read the framework: several of them storing it at once on a fresh
    # database would race on the same rows. The one-shot migration step stores it.
    framework_read_only: bool = False
    _schema_checked: bool = field(default=False, init=False, repr=False)

    @classmethod
    def from_env(cls) -> Context:
        return cls(Settings.from_env())

    @once
    def engine(self) -> Engine:
        from db.engine import make_engine

        return make_engine(self.settings.database_url)

    @once
    def framework(self) -> Framework:
        from samenwerkingsmonitor.framework import load_framework

        return load_framework(self.framework_file())

    def framework_file(self) -> Path:
        """The framework file this process works with (FRAMEWORK_FILE, else the default)."""
        from samenwerkingsmonitor.framework_file import default_framework_path

        return Path(self.settings.framework_file or default_framework_path())

    def require_schema(self) -> None:
        """Refuse to work on a database that is not at the latest migration. Asked once: a
        command asks before its work and again through `consortium_id`."""
        from db.engine import current_revision, head_revision

        if self._schema_checked:
            return
        if current_revision(self.engine) != head_revision():
            raise NotMigrated(
                f"the database at {self.engine.url.render_as_string()} is not migrated: "
                "run `samenwerkingsmonitor db upgrade` first"
            )
        self._schema_checked = True

    @once
    def consortium_id(self) -> int:
        """The consortium of the active framework, written into the database if new or changed
        (read-only contexts: only read, and refuse a version that was never stored).

        Read it before opening a connection (`cid = ctx.consortium_id`, then `with
        engine.connect()`): on first use it takes connections of its own."""
        from samenwerkingsmonitor.framework_lookup import stored_as_latest, stored_consortium_id

        self.require_schema()
        framework = self.framework
        if self.framework_read_only:
            found = stored_consortium_id(self.engine, framework)
            if found is None:
                raise FrameworkNotStored(
                    f"framework {framework.consortium.code!r} version {framework.version} "
                    f"({framework.path}) is not stored in the database at "
                    f"{self.engine.url.render_as_string()}: run "
                    "`samenwerkingsmonitor db upgrade` (the migrate step) with this FRAMEWORK_FILE"
                )
            return found
        found = stored_as_latest(self.engine, framework.path, framework.version)
        return found if found is not None else self.store_framework()

    def store_framework(self) -> int:
        """Write the framework's rows (new or changed codes, labels, items); the consortium's id."""
        from db.engine import transaction
        from samenwerkingsmonitor.framework_store import store_framework

        with transaction(self.engine) as session:
            return store_framework(session, self.framework).id
