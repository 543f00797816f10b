"""Turns outside data into rows: fetch → parse → map → validate → upsert (design.md)."""
