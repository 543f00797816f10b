"""The few tables a command that finds nothing to do reads, as Core table clauses (issue 18).

`samenwerkingsmonitor recompute` on a database where nothing changed checks the stored
framework, takes the recompute lock and reads the partitions: six tables. Importing `db.models`
for them builds all 57 declarative classes and imports the ORM, a third of that command's CPU
time. These clauses name only the columns those statements use, with the models' own column
types (the lock's moments are `UTCDateTime`, so they are written and read the same way).

`db.models` stays the one definition of the schema: tests/test_cli_startup.py checks that every
column here is the model's column of the same type, so the two cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, column, table

from db.types import UTCDateTime

consortium = table(
    "consortium",
    column("id", Integer),
    column("code", String(40)),
)
framework_version = table(
    "framework_version",
    column("id", Integer),
    column("consortium_id", Integer),
    column("version", String(64)),
    column("path", String(500)),
    column("loaded_at", UTCDateTime),
)
network = table(
    "network",
    column("id", Integer),
    column("consortium_id", Integer),
)
partition = table(
    "partition",
    column("network_id", Integer),
    column("wave_id", Integer),
    column("data_version", Integer),
    column("computed_version", Integer),
)
measure_snapshot = table(
    "measure_snapshot",
    column("consortium_id", Integer),
    column("framework_version", String(64)),
)
work_lock = table(
    "work_lock",
    column("name", String(120)),
    column("owner", String(200)),
    column("locked_until", UTCDateTime),
    column("claimed_at", UTCDateTime),
)
