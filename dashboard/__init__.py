"""The Dash app: pages read measure snapshots and framework metadata, never answers."""
