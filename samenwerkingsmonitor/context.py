"""What every command starts from: validated settings, the database, and the framework."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine

from db.engine import current_revision, head_revision, make_engine, transaction
from samenwerkingsmonitor.framework import Framework, default_framework_path, load_framework
from samenwerkingsmonitor.settings import Settings


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

    @classmethod
    def from_env(cls) -> Context:
        return cls(Settings.from_env())

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.database_url)

    @cached_property
    def framework(self) -> Framework:
        return load_framework(self.settings.framework_file or default_framework_path())

    def require_schema(self) -> None:
        """Refuse to work on a database that is not at the latest migration."""
        if current_revision(self.engine) != head_revision():
            raise NotMigrated(
                f"the database at {self.engine.url.render_as_string()} is not migrated: "
                "run `samenwerkingsmonitor db upgrade` first"
            )

    @cached_property
    def consortium_id(self) -> int:
        """The consortium of the active framework, written into the database if new or changed
        (read-only contexts: only read, and refuse a version that was never stored)."""
        from samenwerkingsmonitor.framework_store import store_framework, stored_consortium_id

        self.require_schema()
        if self.framework_read_only:
            found = stored_consortium_id(self.engine, self.framework)
            if found is None:
                raise FrameworkNotStored(
                    f"framework {self.framework.consortium.code!r} version "
                    f"{self.framework.version} ({self.framework.path}) is not stored in the "
                    f"database at {self.engine.url.render_as_string()}: run "
                    "`samenwerkingsmonitor db upgrade` (the migrate step) with this FRAMEWORK_FILE"
                )
            return found
        with transaction(self.engine) as session:
            return store_framework(session, self.framework).id
