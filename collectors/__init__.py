"""Turns outside data into rows: fetch → parse → map → validate → upsert (design.md).

Importing any module of this package registers the built-in source kinds
(samenwerkingsmonitor/source_kinds.py, which never imports the collectors back)."""

from collectors import kinds  # noqa: F401 (fills the registry of source kinds)
