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


@dataclass
class Context:
    settings: Settings

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
        """The consortium of the active framework, written into the database if new or changed."""
        from samenwerkingsmonitor.framework_store import store_framework

        self.require_schema()
        with transaction(self.engine) as session:
            return store_framework(session, self.framework).id
